/**
 * §2.2 cooling claims (third edition, issue 42): the kernel grid on every claim that runs §3.3's update, per-cell
 * sizes of the messages claim, the unpinned averaging flow's recurrence, the logarithmic repair at Hajek's c = d*
 * with its horizon, each repair's source, and the studies' meaning (studies/cooling).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { claims, messagesOfCell } from "../../../src/claims/section2-cooling";
import { measureContext } from "../../../src/claims/registry";
import { PROPOSAL } from "../../../src/claims/mechanism";
import { REPAIRS, REPAIR_SOURCES, LOGARITHMIC_HORIZON } from "../../../src/claims/repairs";
import { claimIn } from "../../claim-helpers";
import { averagingDiffusion } from "../../../src/analysis/messages";
import { annealRuns, designedTrapConflicts } from "../../../src/studies/cooling/annealing";
import { injectionRun, injectionRuns } from "../../../src/studies/cooling/injection";
import { geometric } from "../../../src/dynamics/schedules";
import { key } from "../../../src/engine/random";
import { ringGraph } from "../../../src/graph/direct";
import { ready } from "../../../src/engine/backend";
import { releaseGraph } from "../../../src/ops/tensors";

const TEXT = () => geometric({ initial: 100, rate: 0.95 });

test("claims that run §3.3's update grid over both of the text's kernels", () => {
  for (const id of ["p2.2-annealing", "p2.2-diffusion-propagates", "p2.2-diffusion-messages", "p2.2-crystallisation"]) {
    const values = claimIn(claims, id).grid.kernel?.values ?? [];
    assert.ok(values.includes("node0") && values.includes("neighbour"), `${id}: kernel ${values.join(", ")}`);
    assert.ok(!values.includes("symmetric"), `${id}: symmetric only as a repair`);
  }
});

test("p2.2-bft-quadratic declares its closed forms", () => {
  assert.match(claimIn(claims, "p2.2-bft-quadratic").byConstruction ?? "", /closed forms/);
});

test("logarithmic-cooling: c = d* where the claim gives the landscape, over the stated horizon; every repair has a source", () => {
  const part = REPAIRS["logarithmic-cooling"]!.schedule!;
  const s = part(100, { depth: 6 });
  assert.ok(Math.abs(s.temperature(0) - 6) < 1e-12, "T(0) = c/ln(e) = d*");
  assert.ok(Math.abs(s.temperature(100) - 6 / Math.log(100 + Math.E)) < 1e-12);
  assert.equal(s.horizon, LOGARITHMIC_HORIZON);
  assert.ok(Math.abs(part(100).temperature(0) - 100) < 1e-12, "without a landscape, c = the claim's T₀ (as before)");
  for (const name of Object.keys(REPAIRS)) assert.ok((REPAIR_SOURCES[name] ?? "").length > 20, `${name} has a source`);
});

test("averagingDiffusion: rounds until every node is within 1 % of v/n, as the explicit recurrence counts them", async () => {
  await ready();
  const g = ringGraph(16, 2);
  try {
    const d = averagingDiffusion(g);
    // The same recurrence written plainly: x ← x − 2h·Lx on the 16-ring (degree 2), from e₀.
    const h = 0.9 / 4;
    let x: number[] = Array.from({ length: 16 }, (_, i) => (i === 0 ? 1 : 0));
    let rounds = 0;
    while (Math.max(...x.map((v) => Math.abs(v - 1 / 16))) > 0.01 / 16) {
      x = x.map((v, i) => v - 2 * h * (2 * v - x[(i + 1) % 16]! - x[(i + 15) % 16]!));
      rounds++;
    }
    assert.equal(d.rounds, rounds);
    assert.equal(d.messages, 32 * rounds);
  } finally {
    releaseGraph(g);
  }
});

test("p2.2-diffusion-messages: every cell carries its own sizes over ≥ 3 decades (the flow cell to 10⁵, nothing pinned)", () => {
  const c = claimIn(claims, "p2.2-diffusion-messages");
  for (const [update, kernel] of [
    ["gossip", "node0"],
    ["copy", "node0"],
    ["copy", "neighbour"],
  ] as const) {
    const { ns } = messagesOfCell(measureContext(c.id, 0, 0, PROPOSAL, { update, kernel }));
    assert.ok(ns.length >= 3 && ns.at(-1)! / ns[0]! >= 1000, `${update}/${kernel}: ${ns.join(", ")}`);
  }
  assert.match(c.model, /flow:.*nothing pinned.*100000/);
});

test("§3.3's script by kernel: node 0's value is copied by everyone; a neighbour's value undoes the lone injection", () => {
  const a = injectionRun("node0", 50, TEXT(), key(3));
  assert.ok(a.consensus && (a.holding === 50 || !a.injected));
  const node0 = injectionRuns("node0", { nodes: 50, runs: 60, schedule: TEXT }, key(4));
  assert.equal(node0.allInjected, node0.injected, "every run that injected ends with all nodes on the signal");
  const neighbour = injectionRuns("neighbour", { nodes: 50, runs: 60, schedule: TEXT }, key(4));
  assert.equal(neighbour.all, 0, "node 0 copies its neighbours' old value in the first sweep");
  assert.deepEqual(injectionRuns("neighbour", { nodes: 50, runs: 60, schedule: TEXT }, key(4)), neighbour, "deterministic");
});

test("annealing on the text's landscape: node0 never leaves a conflict; neighbour under §3.3's stop does; deterministic", () => {
  const o = { nodes: 50, runs: 100, horizon: 1000, schedule: TEXT };
  assert.equal(annealRuns("node0", { ...o, end: "stop" }, key(5)).conflicts, 0);
  const stop = annealRuns("neighbour", { ...o, end: "stop" }, key(5));
  assert.ok(stop.conflicts >= 3, `neighbour, stop: ${stop.conflicts}/100 in conflict (≈ 13 % expected)`);
  assert.deepEqual(annealRuns("neighbour", { ...o, end: "stop" }, key(5)), stop);
  // The designed trap counts conflicts (not all one value), not distance from its all-+1 ground state.
  const trap = designedTrapConflicts("symmetric", { bridges: 4, runs: 200, schedule: TEXT }, key(6));
  assert.ok(trap.conflicts < 40, `symmetric on the 4-bridge trap: ${trap.conflicts}/200 split (≈ 2 % expected)`);
});
