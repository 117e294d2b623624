/**
 * The logarithmic repair on the text's ws landscape (internal review 3, defect 5): the three claims that list it hand
 * the schedule one d* (spin/ws-landscape), their run loops run a schedule's stated horizon in place of §3.3's cap,
 * and each repair's why says Hajek's guarantee does not cover the copy kernels. p2.2-annealing decides its causal
 * and Boltzmann clauses against the same runs held at T₀ and says its `end = horizon` value was fixed before the run.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { isingAlignment } from "../../../src/claims/section2-ising";
import { crystallisation } from "../../../src/claims/section2-cooling";
import { annealingRole } from "../../../src/claims/section2-annealing";
import { lemmaGroundState } from "../../../src/claims/section3-kernels";
import { measureContext } from "../../../src/claims/machinery/registry";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { ready } from "../../../src/engine/backend";
import { mechanismOf } from "../../../src/claims/machinery/mechanism";
import { COPY_KERNELS_OUTSIDE_HAJEK, REPAIRS, REPAIR_SOURCES, STOP_CELLS_SHORT_OF_HORIZON } from "../../../src/claims/machinery/repairs";
import { CLAIMS as REGISTERED } from "../../../src/claims/machinery/registry";
import { WS_DEPTH, WS_LANDSCAPE } from "../../../src/spin/ws-landscape";
import { geometric } from "../../../src/dynamics/schedules";
import { spinCopyRuns } from "../../../src/studies/ising-isomorphism/spin-copy-runs";
import { groundStateRuns } from "../../../src/studies/lemma-audit/ground-state";
import { key } from "../../../src/engine/random";
import type { Claim, Measurement } from "../../../src/claims/machinery/types";
import { findEvidence } from "../../claim-helpers";

const CLAIMS: readonly Claim[] = [isingAlignment, annealingRole, lemmaGroundState];
const TEXT = () => geometric({ initial: 100, rate: 0.95 });

/** A schedule part that records the landscape it is handed and states a 3-sweep horizon. */
function probe(seen: Array<number | undefined>) {
  return mechanismOf({
    name: "probe: 3-sweep horizon",
    schedule: (initial, landscape) => {
      seen.push(landscape?.depth);
      return { ...geometric({ initial, rate: 0.95 }), horizon: 3 };
    },
  });
}

test("the three claims hand the schedule the one d* of the ws landscape (6, the acceptance's units) and run its horizon", async () => {
  assert.equal(WS_DEPTH, 6);
  assert.deepEqual(WS_LANDSCAPE, { depth: WS_DEPTH });
  const cells: Array<[Claim, Record<string, string | number>, string]> = [
    [isingAlignment, { nodes: 50, kernel: "neighbour" }, "mean sweeps to the end"],
    [annealingRole, { kernel: "neighbour", end: "horizon" }, "mean sweeps per run"],
    [lemmaGroundState, { kernel: "neighbour", ledgers: 8, nodes: 50 }, "sweeps per run (mean)"],
  ];
  for (const [claim, cell, sweeps] of cells) {
    const seen: Array<number | undefined> = [];
    const m: Measurement = await claim.measure(measureContext(claim.id, 0, 0, probe(seen), cell));
    assert.ok(seen.length > 0 && seen.every((d) => d === WS_DEPTH), `${claim.id} hands d* = ${WS_DEPTH}: ${seen.join(", ")}`);
    // A mean of whole sweeps summed in floating point: 3 up to rounding.
    assert.ok(findEvidence(m, sweeps).value <= 3 + 1e-9, `${claim.id} stops at the schedule's 3-sweep horizon`);
  }
});

test("the studies run a schedule's stated horizon in place of §3.3's cap", () => {
  const short = () => ({ ...TEXT(), horizon: 3 });
  const copy = { nodes: 50, runs: 20, kernel: "neighbour" as const };
  assert.ok(spinCopyRuns(() => key(1), { ...copy, schedule: TEXT }).meanSweeps > 3, "without a horizon: the stop or the cap");
  assert.ok(spinCopyRuns(() => key(1), { ...copy, schedule: short }).meanSweeps <= 3 + 1e-9);
  // A stated horizon is run to, not cut by a quiet sweep (fifth-edition referee): at T = 0 from random ledgers a
  // neighbour-copy run goes quiet within a few sweeps (a split minimum) under §3.3's stop; with a 40-sweep horizon
  // every run that does not reach a consensus sweeps all 40, and none is counted frozen split.
  const cold = () => ({ ...geometric({ initial: 1e-9, rate: 0.95 }), horizon: 40 });
  const stopped = spinCopyRuns(() => key(3), { ...copy, schedule: () => geometric({ initial: 1e-9, rate: 0.95 }) });
  const toHorizon = spinCopyRuns(() => key(3), { ...copy, schedule: cold });
  assert.ok(stopped.frozenSplit > 0 && stopped.meanSweeps < 40, JSON.stringify(stopped));
  assert.equal(toHorizon.frozenSplit, 0);
  assert.ok(toHorizon.meanSweeps > stopped.meanSweeps, JSON.stringify(toHorizon));
  const ground = { kernel: "neighbour" as const, nodes: 50, ledgers: 8, runs: 20 };
  assert.ok(groundStateRuns({ ...ground, schedule: TEXT }, key(2)).meanSweeps > 3);
  assert.ok(groundStateRuns({ ...ground, schedule: short }, key(2)).meanSweeps <= 3 + 1e-9, "the loop and the continuation");
});

test("each logarithmic repair's why gives c = d* and says Hajek's guarantee does not cover the copy kernels", () => {
  assert.match(COPY_KERNELS_OUTSIDE_HAJEK, /reversible, irreducible/);
  assert.match(COPY_KERNELS_OUTSIDE_HAJEK, /voter model's absorption, not Hajek's guarantee/);
  for (const c of CLAIMS) {
    const r = c.repairs.find((x) => x.variant === "logarithmic-cooling");
    assert.ok(r, `${c.id} lists the repair`);
    assert.ok(r.why.includes(COPY_KERNELS_OUTSIDE_HAJEK), `${c.id}: the caveat`);
    assert.ok(r.why.includes(`${WS_DEPTH} in the acceptance's units`), `${c.id}: d* and its units`);
    assert.doesNotMatch(r.why, /c = T₀|0 to 4 in/, `${c.id}: no fallback, one d*`);
    assert.match(c.review ?? "", /Internal review 3/, `${c.id}: review row answered`);
  }
  assert.match(REPAIR_SOURCES["logarithmic-cooling"] ?? "", /voter model's absorption/);
  const s = REPAIRS["logarithmic-cooling"]!.schedule!(100, WS_LANDSCAPE);
  assert.ok(Math.abs(s.temperature(0) - WS_DEPTH) < 1e-12);
});

test("p2.2-annealing: every clause is a part (issue 50): the outcome, the lowering as its cause and the Boltzmann law, the last two against the same runs held at T₀; end = horizon was fixed before the run", async () => {
  await ready(); // the backend the run's cache measures on
  const [m] = await measureClaims([annealingRole.id], { cache: true });
  const cell = (kernel: string, end: string) => m!.proposal.cells.find((c) => c.cell.kernel === kernel && c.cell.end === end)!.measurement;
  const a = cell("neighbour", "stop");
  assert.deepEqual(
    a.result.finding.parts?.map((p) => p.statement),
    [
      "few runs end in conflict (< 0.05)",
      "lowering T_net is what makes conflicts improbable",
      "the conflicts follow the Boltzmann distribution",
    ],
  );
  // Its own runs: at seed 0 the neighbour's cooled runs leave 80/600 in conflict, the same runs held at T₀ 36/600.
  const control = findEvidence(a, "the same runs (same key) held at T = 100, no cooling");
  assert.notEqual(control.value, findEvidence(a, "runs ending with conflicting ledgers").value, "a measurement of its own");
  assert.match(a.headline, /without cooling \(T = 100\)/);
  assert.match(a.reason, /held at T₀ on the same key/);
  // The law at T₀ = 100 puts nearly every state in conflict; a copy kernel ends its runs in consensus there.
  assert.ok(findEvidence(a, "the Boltzmann law's P(conflict) at T₀ = 100: at least").value > 0.999);
  assert.equal(a.result.finding.parts![2]!.verdict, "fails");
  assert.equal(findEvidence(cell("node0", "stop"), "the same runs (same key) held").value, 0);
  // The symmetric repair samples the law: held at T₀ its runs end in conflict as the law says.
  const symmetric = m!.repairs.find((r) => r.variant === "symmetric-kernel")!.measured.cells[0]!.measurement;
  assert.equal(symmetric.result.finding.parts![2]!.verdict, "holds");
  assert.match(annealingRole.grid.end!.why[1]!, /fixed before the run/);
  assert.match(annealingRole.model, /constant T = T₀/);
});

test("the repair's stop cells say they cannot show Hajek's horizon; no claim text names WS_DEPTH's old home (re-review, minor)", () => {
  assert.match(STOP_CELLS_SHORT_OF_HORIZON, /cannot show Hajek's horizon/);
  // p2.2-annealing keeps stop cells; p2.1-ising-alignment runs a stated horizon in every cell (fifth-edition referee).
  assert.ok(annealingRole.repairs.find((x) => x.variant === "logarithmic-cooling")?.why.includes(STOP_CELLS_SHORT_OF_HORIZON));
  for (const variant of ["logarithmic-cooling", "hajek"]) {
    const r = isingAlignment.repairs.find((x) => x.variant === variant);
    assert.ok(r && !r.why.includes(STOP_CELLS_SHORT_OF_HORIZON), `p2.1-ising-alignment ${variant}: no stop cell`);
    assert.doesNotMatch(r.shortOfTheorem ?? "", /stop/, `p2.1-ising-alignment ${variant}: not short of the horizon`);
  }
  assert.match(REPAIR_SOURCES["logarithmic-cooling"] ?? "", /cannot show Hajek's horizon/);
  // WS_DEPTH lives in spin/ws-landscape: a grid's or repair's why that names another home is printed stale in the JSON.
  for (const c of REGISTERED)
    assert.doesNotMatch(JSON.stringify([c.grid, c.repairs, c.model, c.decision]), /studies\/cooling\/annealing WS_DEPTH/, c.id);
});

test("p2.2-crystallisation hands a schedule d* in its own landscape's units and runs a stated horizon (fifth-edition referee)", async () => {
  const seen: Array<number | undefined> = [];
  const split = await crystallisation.measure(
    measureContext(crystallisation.id, 0, 0, probe(seen), { update: "copy", start: "split", kernel: "neighbour" }),
  );
  // Two Merkle values 0 and 3.14159: ½·3.14159² per cut edge, the ws barrier's three cut edges.
  assert.ok(seen.length > 0 && seen.every((d) => Math.abs(d! - 1.5 * 3.14159 ** 2) < 1e-9), seen.join(", "));
  assert.ok(findEvidence(split, "most sweeps in any run").value <= 3, "the schedule's 3-sweep horizon, not §3.3's 1000");
  const flow: Array<number | undefined> = [];
  await crystallisation.measure(measureContext(crystallisation.id, 0, 0, probe(flow), { update: "flow" }));
  assert.ok(flow.length > 0 && flow.every((d) => d === 0), `the convex flow's d* is 0: ${flow.join(", ")}`);
  // At d* = 0 (a convex ℋ, outside Hajek's finite-state theorem) both logarithmic repairs keep the text's cooling,
  // T₀·0.95^t with no horizon of their own, where c = d* = 0 was a T ≡ 0 quench (thirteenth-edition referee).
  for (const name of ["hajek", "logarithmic-cooling"]) {
    const convex = REPAIRS[name]!.schedule!(100, { depth: 0 });
    assert.deepEqual([convex.temperature(0), convex.temperature(10), convex.horizon], [100, 100 * 0.95 ** 10, undefined], name);
    assert.match(convex.name, /the text's cooling \(d\* = 0: outside Hajek's theorem\)/, name);
  }
  const chain = REPAIRS.hajek!.schedule!(100, { depth: 6 });
  assert.equal(chain.horizon, 10_000, "on a landscape with local minima the pair is logarithmic cooling to its horizon");
  assert.ok(
    crystallisation.repairs.some((r) => r.variant === "hajek"),
    "the pair is shown beside the verdict",
  );
});
