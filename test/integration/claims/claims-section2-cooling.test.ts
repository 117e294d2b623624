/**
 * §2.2 cooling claims (third edition, issue 42): the kernel grid on every claim that runs §3.3's update (nested under
 * update = copy), crystallisation's copy cells decided on runs that keep the injection past node 0's first update and
 * propagates' on every injected run (re-review R2), only a cell with no decision untestable (R5), flow cells as
 * measured rates, per-cell sizes of the messages claim, the unpinned averaging flow's recurrence, the logarithmic repair at Hajek's c = d*
 * with its horizon, each repair's source, and the studies' meaning (studies/cooling).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyDecision, messagesOfCell, MIN_DECISIONS } from "../../../src/claims/section2-cooling";
// The claims of §2.2 live in section2-cooling.ts and section2-propagates.ts: read them from §2's list.
import { claims } from "../../../src/claims/section2";
import { CELL_SCOPES, claimById, measureContext } from "../../../src/claims/machinery/registry";
import { measureClaims, measureGrid, repairMechanism } from "../../../src/claims/machinery/measure";
import { mechanismOf, PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { cellReferenceOf, keptCellOf, proposalEnergyParts } from "../../../src/claims/machinery/references";
import { defineTerm, scale } from "../../../src/hamiltonian/term";
import { anchor } from "../../../src/hamiltonian/variants";
import { REPAIRS, REPAIR_SOURCES, LOGARITHMIC_HORIZON, pinsInjection } from "../../../src/claims/machinery/repairs";
import { claimIn, measureCell } from "../../claim-helpers";
import { averagingDiffusion } from "../../../src/analysis/messages";
import { annealRuns, designedTrapConflicts } from "../../../src/studies/cooling/annealing";
import { copyMessagesBySize, DECISION_ATTEMPTS, injectionRun, injectionRuns, SIGNAL } from "../../../src/studies/cooling/injection";
import { injectionFlowRuns } from "../../../src/studies/cooling/flow-injection";
import { geometric } from "../../../src/dynamics/schedules";
import { fold, key, split as splitKey, uniformSource, type Key } from "../../../src/engine/random";
import { cellsOf } from "../../../src/claims/machinery/grid";
import { isFact } from "../../../src/claims/machinery/decide";
import { graphFromSpec } from "../../../src/graph/spec";
import { interaction } from "../../../src/hamiltonian/interaction";
import { ula } from "../../../src/dynamics/gradient";
import { wattsStrogatzAdjacency } from "../../../src/reference-port/smallworld";
import { copyAndAccept, copyKey } from "../../../src/spin/update-kernels";
import { metropolisAcceptsLazily } from "../../../src/dynamics/acceptance";
import * as tf from "@tensorflow/tfjs";
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

test("kernel is nested under update = copy: flow and gossip are one cell each (internal review 3, defect 3)", () => {
  for (const id of ["p2.2-diffusion-propagates", "p2.2-diffusion-messages", "p2.2-crystallisation", "p2.2-annealing"]) {
    const c = claimIn(claims, id);
    assert.deepEqual(c.grid.kernel?.when, { update: ["copy"] }, id);
    const cells = cellsOf(c.grid);
    const labels = cells.map((cell) => JSON.stringify(cell));
    assert.equal(new Set(labels).size, labels.length, `${id}: no duplicated cell`);
    assert.deepEqual(
      cells.filter((cell) => cell.update !== "copy").map((cell) => cell.kernel),
      cells.filter((cell) => cell.update !== "copy").map(() => undefined),
      `${id}: no kernel outside the copy cells`,
    );
  }
});

test("injection erasure: crystallisation decides on runs that keep the injection; propagates on every injected run (re-review R2)", async () => {
  const cryst = claimIn(claims, "p2.2-crystallisation");
  const erased = await cryst.measure(measureContext(cryst.id, 0, 0, PROPOSAL, { update: "copy", kernel: "neighbour" }));
  // No run keeps the injection: every run stays in the old consensus, a global minimum, by construction (evidence;
  // thirty-fifth-edition referee: it was untestable).
  assert.equal(erased.result.verdict, "holds", erased.result.finding.text);
  assert.match(erased.result.finding.byConstruction ?? "", /erases every injection in its own first update/);
  assert.match(erased.result.finding.text, /300\/300/);
  assert.match(erased.headline, /no run keeps the injection past node 0's first update/);
  // For propagates the erasure is the refutation: the neighbour cell fails on all runs in which node 0 took 𝒯.
  const prop = claimIn(claims, "p2.2-diffusion-propagates");
  const discarded = await prop.measure(measureContext(prop.id, 0, 0, PROPOSAL, { update: "copy", kernel: "neighbour" }));
  assert.equal(discarded.result.verdict, "fails", discarded.result.finding.text);
  assert.match(discarded.result.finding.text, /among the runs in which node 0 took the signal \(0\/2\d\d = 0 /);
  // Its energy clause is a part too, against the same runs with every proposal accepted (twenty-sixth-edition referee).
  assert.deepEqual(
    discarded.result.finding.parts?.map((p) => p.statement),
    ["the nodes end holding the injected tensor", "the energy is what propagates it (more often than with the energy off)"],
  );
  assert.match(discarded.headline, /; \d+\/\d+ with the energy off$/);
  assert.match(prop.decision.why, /the erasure is the refutation itself/);
  assert.match(cryst.decision.why, /vacuous hold/);
  // The §3.1 chart's push gossip propagates what the pull erases (tenth-edition referee): p2.2-diffusion-messages'
  // delivery runs, which no holder can undo, decided by the same rule. The clause "seeks to lower its energy" is a part,
  // against the same graphs and draws with the energy off (twenty-sixth-edition referee), which deliver as well: one way.
  const gossip = await prop.measure(measureContext(prop.id, 0, 0, PROPOSAL, { update: "gossip" }));
  const [delivered, energy] = gossip.result.finding.parts ?? [];
  assert.equal(delivered?.verdict, "holds", gossip.result.finding.text);
  assert.equal(energy?.verdict, "fails", gossip.result.finding.text);
  assert.ok(energy?.oneWay, "the energy-off arm at its ceiling leaves the part one way only");
  assert.equal(gossip.result.verdict, "mixed");
  assert.match(gossip.headline, /; with the energy off (\d+)\/\1 \(/);
  // Decided look by look (issue 72 item 3): each part's runs of the plan's 300.
  assert.deepEqual(
    gossip.sequential?.tests.map((t) => t.maxRuns),
    [300, 300],
  );
  const node0 = await cryst.measure(measureContext(cryst.id, 0, 0, PROPOSAL, { update: "copy", kernel: "node0" }));
  assert.equal(node0.result.verdict, "holds", `${cryst.id}: ${node0.result.finding.text}`);
  // Node 0's read delivers over no link: the clause "by propagating the tensor to neighbours j" is a part of the node0
  // cell, against the same runs with the energy off, which deliver as often (one standard with p2.2-diffusion-messages).
  const propagated = await prop.measure(measureContext(prop.id, 0, 0, PROPOSAL, { update: "copy", kernel: "node0" }));
  assert.deepEqual(
    propagated.result.finding.parts?.map((p) => p.verdict),
    ["holds", "fails"],
    propagated.result.finding.text,
  );
  assert.match(propagated.headline, /; 300\/300 with the energy off \(no link carries anything\)$/);
  assert.match(claimIn(claims, "p2.2-crystallisation").byConstruction ?? "", /erased in node 0's own first update/);
  assert.match(claimIn(claims, "p2.2-diffusion-propagates").byConstruction ?? "", /erased in node 0's own first update/);
  assert.match(claimIn(claims, "p2.2-diffusion-messages").byConstruction ?? "", /erased in node 0's own first update/);
});

test("copyDecision: only a cell with no deciding run is untestable; 1–72 decisions can refute or be inconclusive (re-review R5)", () => {
  const d = { kernel: "node0", runs: 300, deciding: "runs that decide", none: "none decide" } as const;
  assert.equal(copyDecision({ ...d, k: 0, n: 0 }, "on v", []).verdict, "untestable");
  const refuted = copyDecision({ ...d, k: 2, n: 20 }, "on v", []);
  assert.equal(refuted.verdict, "fails", refuted.finding.text);
  assert.match(refuted.finding.text, /20 decisions, fewer than the 73 .* can refute or be inconclusive, not hold/);
  const few = copyDecision({ ...d, k: 20, n: 20 }, "on v", []);
  assert.equal(few.verdict, "inconclusive", few.finding.text);
  assert.ok((few.finding.mde ?? 0) > 0, "carries its MDE");
  assert.equal(copyDecision({ ...d, k: MIN_DECISIONS - 1, n: MIN_DECISIONS - 1 }, "on v", []).verdict, "inconclusive");
  assert.equal(copyDecision({ ...d, k: MIN_DECISIONS, n: MIN_DECISIONS }, "on v", []).verdict, "holds");
});

test("p2.2-diffusion-messages: one standard for a decision on v: the neighbour copy and the flow deliver nothing and fail, node0's decides (fifth-edition referee)", async () => {
  const c = claimIn(claims, "p2.2-diffusion-messages");
  const ctx = measureContext(c.id, 0, 0, PROPOSAL, { update: "copy", kernel: "neighbour" });
  const s = messagesOfCell(ctx);
  assert.deepEqual(s.undecided, s.ns, "no decision at any size");
  const m = await c.measure(ctx);
  // everyCase: the delivery part is refuted (0 of the injected runs), and so is the cost part: no run tried at any
  // size decided (10 per size, 50 in all: 0/50 against 0.95), so there are no messages per decision to count.
  assert.equal(m.result.verdict, "fails", m.result.finding.text);
  assert.deepEqual(
    m.result.finding.parts?.map((p) => p.verdict),
    ["fails", "fails"],
  );
  assert.match(m.result.finding.text, /delivers the injected value to every node: .*\(0\/\d+ = 0 /);
  assert.match(
    m.result.finding.text,
    new RegExp(`runs that decided on the injected value at N = 10, 100, .*\\(0/${5 * DECISION_ATTEMPTS} = 0 `),
  );
  assert.ok(m.sizes && m.sizes.values.length >= 3 && m.sizes.values.at(-1)!.n / m.sizes.values[0]!.n >= 1000, "still three decades");
  const flowCtx = measureContext(c.id, 0, 0, PROPOSAL, { update: "flow" });
  assert.deepEqual(messagesOfCell(flowCtx).undecided, messagesOfCell(flowCtx).ns, "the flow's consensus is v/n at every size");
  const flow = await c.measure(flowCtx);
  assert.equal(flow.result.verdict, "fails", flow.result.finding.text);
  // Decided look by look (issue 72 item 3): no run delivers, so it stops against the claim at the first look.
  assert.match(flow.result.finding.text, /\(0\/(75|150|225|300) = 0 /);
  assert.equal(c.decision.rule.startsWith("everyCase"), true);
  const r = copyMessagesBySize("node0", [10, 100, 1000], TEXT, (n) => fold(key(1), n));
  assert.deepEqual(r.decided, [true, true, true]);
  assert.ok(r.attempts.every((a) => a >= 1 && a <= DECISION_ATTEMPTS));
  // Node 0's read delivers without any link (nineteenth-edition referee): the clause "relies on information diffusion"
  // is a part of the node0 cell, against the same runs with the energy off, which deliver as often: mixed, no cell holds.
  const node0 = await c.measure(measureContext(c.id, 0, 0, PROPOSAL, { update: "copy", kernel: "node0" }));
  assert.deepEqual(
    node0.result.finding.parts?.map((p) => [p.statement, p.verdict]),
    [
      ["a decision on the injected value, in fewer than O(N²) messages", "holds"],
      ["the delivery relies on diffusion over the graph's links", "fails"],
    ],
    node0.result.finding.text,
  );
  assert.match(node0.headline, /, 300\/300 with the energy off/);
});

test("crystallisation's copy cells decide at the sentence's limit (the horizon), §3.3's stop beside as evidence on the same keys (fourth-edition referee)", async () => {
  await ready(); // the backend the run's cache measures on
  const [m] = await measureClaims(["p2.2-crystallisation"], { cache: true });
  assert.ok(
    m!.proposal.cells.every((c) => c.cell.end === undefined),
    "no end parameter: every copy cell runs to the horizon",
  );
  const cell = (kernel: string) => m!.proposal.cells.find((c) => c.cell.kernel === kernel && c.cell.start === "split")!.measurement;
  const neighbour = cell("neighbour").headline;
  const horizon =
    /(\d+)\/(\d+) runs end in consensus .*; (\d+) split at sweep 1000 \(geometric\([^)]*\)\); .*at §3.3's stop (\d+)\/300/.exec(neighbour);
  assert.ok(horizon, neighbour);
  const [, consensus, runs, split, atStop] = horizon.map(Number) as [number, number, number, number, number];
  // Planned with p = ½ to resolve 0.02 from 0.95 (4906 runs), decided look by look: a stop reads the plan's first runs.
  const stop = m!.proposal.cells.find((c) => c.cell.kernel === "neighbour" && c.cell.start === "split")!.measurement.sequential!;
  assert.equal(stop.maxRuns, 4906, "the limit cell's runs are planned with p = ½ to resolve 0.02 from 0.95");
  assert.equal(runs, stop.runs, `the headline counts the runs the looks used (${runs} of ${stop.maxRuns})`);
  assert.equal(consensus + split, runs);
  // The first 300 runs share their keys with the stop's, and a consensus is absorbing: to the horizon each keeps the
  // consensus its stop reached, so the horizon's count is at least the stop's.
  assert.ok(consensus >= atStop, `${consensus} vs ${atStop}`);
  assert.equal(cell("node0").result.verdict, "holds");
});

test("flow cells are measured rates, not fact(): crystallisation's flow holds, propagates' flow fails", async () => {
  for (const [id, verdict] of [
    ["p2.2-crystallisation", "holds"],
    ["p2.2-diffusion-propagates", "fails"],
  ] as const) {
    const m = await claimIn(claims, id).measure(measureContext(id, 0, 0, PROPOSAL, { update: "flow" }));
    assert.equal(m.result.verdict, verdict, `${id}: ${m.result.finding.text}`);
    assert.ok(!isFact(m.result), `${id}: the flow cell is decided by a rule`);
    // Propagates' flow cell is decided look by look (issue 72 item 3): the runs it used, of its plan's 300.
    assert.match(m.result.finding.text, new RegExp(`/${m.sequential?.runs ?? 300} = `));
    assert.equal(m.sequential?.maxRuns ?? 300, 300);
  }
});

test("p2.2-annealing grids the §1.3 flow beside copy (twelfth-edition referee): end nested under copy, three clauses measured", async () => {
  const c = claimIn(claims, "p2.2-annealing");
  assert.deepEqual([...c.grid.update!.values], ["copy", "flow"]);
  assert.deepEqual(c.grid.end!.when, { update: ["copy"] });
  assert.equal(c.grid.kernel!.part, "kernel", "a variant replacing the kernel drops the parameter");
  assert.deepEqual(
    cellsOf(c.grid).filter((cell) => cell.update === "flow"),
    [
      { update: "flow", h: "0.5/(2 max D)" },
      { update: "flow", h: 0.02 },
    ],
  );
  const m = await c.measure(measureContext(c.id, 0, 0, PROPOSAL, { update: "flow", h: "0.5/(2 max D)" }));
  const share = (name: RegExp) => m.result.evidence.find((e) => name.test(e.name))!;
  // Cooled, the convex ℋ ends every run in a consensus (by construction, given the steps); held at T₀ nearly none.
  assert.equal(share(/^flow runs ending in conflict/).value, 0);
  assert.ok(share(/held at T₀ = 100 for \d+ steps: runs ending in conflict/).value > 0.95);
  // The Boltzmann part reads the law across the transition (twenty-fourth-edition referee): at the flow's own step
  // ULA's stationary law is wider than e^(−ℋ/T) per mode by 1/(1 − hλ), and its share in conflict is off by more
  // than the margin at each of the three temperatures.
  const gaps = m.result.evidence.filter((e) => /^ULA's stationary share in conflict minus the law's/.test(e.name));
  assert.equal(gaps.length, 3);
  for (const g of gaps) assert.ok(g.value - 4 * g.uncertainty! > 0.05, `gap ${g.value} ± ${g.uncertainty}`);
  assert.equal(m.result.finding.parts![2]!.verdict, "fails");
  // Runs held at the middle temperature are there as the check that the code runs ULA's law (the unit test holds
  // them to it within 4 SE).
  assert.ok(share(/^the same runs held at T = .* steps: runs ending in conflict/).value > 0.5);
  // At h·λ_max = 0.02 ULA's law is within a hundredth of Boltzmann's at every level, and the part holds.
  const small = await measureCell(c, { update: "flow", h: 0.02 });
  const smallGaps = small.result.evidence.filter((e) => /^ULA's stationary share in conflict minus the law's/.test(e.name));
  assert.equal(smallGaps.length, 3);
  for (const g of smallGaps) assert.ok(Math.abs(g.value) + 4 * g.uncertainty! < 0.02, `gap ${g.value} ± ${g.uncertainty}`);
  assert.equal(small.result.finding.parts![2]!.verdict, "holds");
});

test("injectionFlowRuns: one key gives the same numbers; the runs are independent channels; no tensor left", async () => {
  await ready();
  const g = graphFromSpec("ws:50:4:0.1", key(21));
  try {
    const step = 0.5 / (2 * Math.max(...g.degree));
    const go = () =>
      injectionFlowRuns(
        g,
        ula(interaction(g), { step, temperature: 100 }),
        TEXT(),
        { runs: 20, cap: 2000, tolerance: 0.01, until: "consensus" },
        key(22),
      );
    const before = tf.memory().numTensors;
    const a = go();
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(go(), a);
    assert.ok(
      a.spread.every((s) => s <= 0.01),
      "every run in consensus",
    );
    assert.ok(new Set(a.mean.map((m) => m.toFixed(6))).size === 20, "each run its own noise");
  } finally {
    releaseGraph(g);
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
  assert.equal(node0.survived, node0.injected, "node 0 proposes its own value: it never loses the injection");
  const neighbour = injectionRuns("neighbour", { nodes: 50, runs: 60, schedule: TEXT }, key(4));
  assert.equal(neighbour.all, 0, "node 0 copies its neighbours' old value in the first sweep");
  assert.ok(
    neighbour.injected > 30 && neighbour.survived === 0,
    `erased in node 0's first update: ${neighbour.survived}/${neighbour.injected}`,
  );
  // A floor on the runs that keep the injection (seventh-edition referee): blocks of `runs` are drawn until it is met,
  // the first block's runs unchanged; a block keeping none ends the draw (more runs would keep none either).
  const symmetric = (o: { floor?: number; most?: number }) =>
    injectionRuns("symmetric", { nodes: 50, runs: 30, schedule: TEXT, ...o }, key(5));
  const one = symmetric({});
  const floored = symmetric({ floor: one.survived + 1, most: 150 });
  assert.ok(floored.runs > 30 && floored.runs % 30 === 0 && floored.runs <= 150, String(floored.runs));
  assert.ok(floored.survived > one.survived || floored.runs === 150, `${floored.survived} of ${floored.runs}`);
  assert.equal(symmetric({ floor: one.survived, most: 150 }).runs, 30, "a floor met by the first block draws no more");
  assert.deepEqual(
    injectionRuns("neighbour", { nodes: 50, runs: 60, schedule: TEXT, floor: 10, most: 300 }, key(4)),
    neighbour,
    "nothing survives the neighbour rule: one block",
  );
  // Sweep 1 alone and then the rest is one run of copyAndAccept: the same sweeps and end as a single call.
  for (const kernel of ["node0", "neighbour", "symmetric"] as const)
    for (let r = 0; r < 10; r++) {
      const k = fold(key(30), r);
      const split2 = injectionRun(kernel, 50, TEXT(), k);
      const [kGraph, kMoves] = splitKey(k, 2) as [Key, Key];
      const adjacency = wattsStrogatzAdjacency(50, 4, 0.1, uniformSource(kGraph));
      const u = uniformSource(kMoves);
      const labels = new Int32Array(50);
      if (metropolisAcceptsLazily(0.5 * (adjacency.rowPtr[1]! - adjacency.rowPtr[0]!) * SIGNAL * SIGNAL, 100, u)) labels[0] = 1;
      const one = copyAndAccept(
        adjacency,
        labels,
        Float64Array.of(0, SIGNAL ** 2, SIGNAL ** 2, 0),
        2,
        { schedule: TEXT(), kernel },
        copyKey(kMoves),
      );
      assert.deepEqual([split2.sweeps, split2.holding], [one.sweeps, labels.reduce((s, x) => s + x, 0)], `${kernel} run ${r}`);
    }
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

test("the pinned-injection repair pins node 0 in its copy cells, which differ from the proposal's (sign-off N1, option a)", async () => {
  const prop = claimIn(claims, "p2.2-diffusion-propagates");
  const pinned = repairMechanism("pinned-injection");
  assert.equal(pinsInjection(pinned), true);
  assert.equal(pinsInjection(PROPOSAL), false);
  for (const kernel of ["node0", "neighbour"]) {
    const cell = { update: "copy", kernel };
    const proposal = await prop.measure(measureContext(prop.id, 0, 0, PROPOSAL, cell));
    const repair = await prop.measure(measureContext(prop.id, 0, 0, pinned, cell));
    assert.notDeepEqual(repair.result.evidence, proposal.result.evidence, `${kernel}: the repair's copy cell is the proposal's`);
    assert.match(repair.headline, /node 0 pinned on the signal from step 1/);
    assert.match(
      repair.result.finding.text,
      /among the runs in which node 0 took the signal \(\d+\/300 /,
      "every run injects under the pin",
    );
  }
  // The study: under the pin node 0 takes the signal in every run and never loses it, so every run keeps it; the
  // neighbour rule then carries it to every node in some runs (0 of the injected runs without the pin, by construction).
  const o = { nodes: 50, runs: 100, schedule: TEXT };
  const free = injectionRuns("neighbour", o, key(31));
  const held = injectionRuns("neighbour", { ...o, pinned: true }, key(31));
  assert.deepEqual([held.injected, held.survived], [100, 100]);
  assert.equal(free.allInjected, 0);
  assert.ok(held.allInjected >= 1, `pinned neighbour runs reaching every node: ${held.allInjected}/100`);
  const node0 = injectionRuns("node0", { ...o, pinned: true }, key(31));
  assert.equal(node0.allInjected, 100, "node0 under the pin: every node copies the pinned value");
});

test("the pair pinned-absorbing runs the pinned copy cells to absorption: a stated horizon lifts §3.3's stop (eighth-edition referee)", async () => {
  const prop = claimIn(claims, "p2.2-diffusion-propagates");
  const pair = repairMechanism("pinned-absorbing");
  assert.equal(pinsInjection(pair), true, "the same anchor as pinned-injection");
  assert.ok(prop.repairs.some((r) => r.variant === "pinned-absorbing" && r.outsideTheorem !== undefined));
  // A pinned voter chain's only absorbing state is the consensus on the pin, reachable from every state at a held
  // T = 100 (every copy accepted with probability ≥ e^{−ΔE/T} > 0): within 2·10⁴ sweeps every run should get there,
  // so the neighbour cell holds where the single pin, stopped at its first quiet sweep under cooling, fails.
  const cell = { update: "copy", kernel: "neighbour" };
  const [single, absorbing] = [
    await prop.measure(measureContext(prop.id, 0, 0, repairMechanism("pinned-injection"), cell)),
    await prop.measure(measureContext(prop.id, 0, 0, pair, cell)),
  ];
  // The outcome part: every run of the pair delivers, where the single pin's stop leaves most short of it.
  const delivered = (m: typeof single) => m.result.finding.parts![0]!.verdict;
  assert.equal(delivered(absorbing), "holds", absorbing.headline);
  assert.equal(delivered(single), "fails", single.headline);
  // The energy part (twenty-sixth-edition referee): held at T₀ = 100 nearly every copy is accepted, so the same runs
  // with the energy off deliver as well, and the pair's cell is mixed, the energy not what propagates the value.
  assert.equal(absorbing.result.verdict, "mixed", absorbing.headline);
  assert.match(absorbing.headline, /; 300\/300 with the energy off$/);
});

test("copy cells that cannot apply a variant's coupling or added term are not comparable, not the proposal's numbers (sign-off N1)", async () => {
  // The unread parts of a cell scope are parts the claim uses (else a variant would never re-measure the claim).
  for (const [id, scopes] of Object.entries(CELL_SCOPES))
    for (const s of scopes) for (const p of s.unread) assert.ok(claimById(id).uses.includes(p), `${id}: ${p}`);
  const other = mechanismOf({ name: "another anchor", terms: (graph) => [anchor(graph.n, { nodes: [1], value: 1, strength: 1 })] });
  const copy = { update: "copy", kernel: "node0" };
  const injected = { ...copy, start: "injection" };
  assert.equal(cellReferenceOf(claimById("p2.2-crystallisation"), injected, other)?.kind, "not-comparable");
  assert.equal(cellReferenceOf(claimById("p2.2-crystallisation"), { update: "flow" }, other), null);
  // The pin has a form in the injection cells, none in the split ones (nothing is injected there).
  assert.equal(cellReferenceOf(claimById("p2.2-crystallisation"), injected, repairMechanism("pinned-injection")), null);
  assert.equal(
    cellReferenceOf(claimById("p2.2-crystallisation"), { ...copy, start: "split" }, repairMechanism("pinned-injection"))?.kind,
    "not-comparable",
  );
  assert.equal(cellReferenceOf(claimById("p2.2-diffusion-propagates"), copy, repairMechanism("pinned-injection")), null);
  assert.equal(cellReferenceOf(claimById("p2.2-diffusion-propagates"), copy, PROPOSAL), null);
  // The gossip cell is the pin already (no holder drops the pushed value): the anchor has its form there.
  assert.equal(cellReferenceOf(claimById("p2.2-diffusion-propagates"), { update: "gossip" }, repairMechanism("pinned-injection")), null);
  assert.equal(cellReferenceOf(claimById("p2.2-diffusion-propagates"), { update: "gossip" }, other)?.kind, "not-comparable");
  // The proposal's interaction written by hand is the proposal's for the copy update (the variant law); J × 1.5 is not.
  const byHand = mechanismOf({
    name: "by hand",
    interaction: (graph, o) => defineTerm({ name: "by hand", energy: (psi) => interaction(graph, o).energy(psi) }),
  });
  const before = tf.memory().numTensors;
  assert.deepEqual(proposalEnergyParts(byHand), { interaction: true, terms: true });
  assert.equal(tf.memory().numTensors, before, "the check leaks no tensor");
  assert.equal(cellReferenceOf(claimById("p2.2-crystallisation"), injected, byHand), null);
  const stronger = mechanismOf({ name: "J × 1.5", interaction: (graph) => scale(1.5, interaction(graph)) });
  assert.equal(cellReferenceOf(claimById("p2.2-crystallisation"), { ...copy, start: "split" }, stronger)?.kind, "not-comparable");
  assert.deepEqual(proposalEnergyParts(repairMechanism("pinned-injection")), { interaction: true, terms: false });
  // A kernel or a schedule the copy update does read: comparable.
  assert.equal(cellReferenceOf(claimById("p2.2-crystallisation"), injected, repairMechanism("symmetric-kernel")), null);
  // Under a user's variant that replaces only parts a cell does not read, the cell keeps the proposal's measurement,
  // marked as kept, and the grid is read over every cell (issue 51 item 7); a named repair would keep it untestable.
  const prop = claimIn(claims, "p2.2-diffusion-propagates");
  const g = await measureGrid(prop, 0, 0, other);
  const proposal = await measureGrid(prop, 0, 0, PROPOSAL);
  const byCell = (x: typeof g) => x.cells.map((c) => [c.cell.update, c.cell.kernel, c.measurement.result.verdict, c.measurement.headline]);
  const same = [0, 1, 3].map((i) => byCell(g)[i]);
  assert.deepEqual(
    same,
    [0, 1, 3].map((i) => byCell(proposal)[i]),
    "the copy and gossip cells are the proposal's",
  );
  assert.notEqual(g.cells[2]!.measurement.result.verdict, "untestable", "the flow cell runs the variant's ℋ (an anchor: separable)");
  assert.equal(g.cells[2]!.measurement.kept, undefined);
  for (const c of [g.cells[0]!, g.cells[1]!, g.cells[3]!])
    assert.match(c.measurement.kept!, /^kept: the cell reads none of the replaced parts \(terms\): /);
  assert.doesNotMatch(g.result.finding.text, /not comparable/);
  // A variant replacing the kernel too: the copy cells read a replaced part, so they stay not comparable.
  const both = mechanismOf({ name: "anchor + symmetric", terms: other.terms, kernel: "symmetric" });
  assert.equal(keptCellOf(prop, { update: "copy" }, both), null);
  assert.equal(cellReferenceOf(claimById("p2.2-diffusion-propagates"), { update: "copy" }, both)?.kind, "not-comparable");
  assert.match(keptCellOf(prop, { update: "gossip" }, other)!, /^kept: /);
});

test("p2.2-crystallisation's copy cells start from the injection and from p4.1's two-ledger split (sign-off N3), each run to the horizon (fourth-edition referee)", async () => {
  const cryst = claimIn(claims, "p2.2-crystallisation");
  const copy = (kernel: string, start: string) => ({ update: "copy", kernel, start });
  assert.deepEqual(cellsOf(cryst.grid), [
    { update: "flow" },
    copy("node0", "injection"),
    copy("node0", "split"),
    copy("neighbour", "injection"),
    copy("neighbour", "split"),
  ]);
  await ready(); // the backend the run's cache measures on
  const [m] = await measureClaims([cryst.id], { cache: true });
  const cell = (kernel: string, start: string) =>
    m!.proposal.cells.find((c) => c.cell.kernel === kernel && c.cell.start === start)!.measurement;
  // From the split every run decides (no injection to erase): the neighbour cell is measured, not untestable. At
  // seed 0 it fails at the horizon: its Wilson upper bound is below 0.95.
  const split = cell("neighbour", "split");
  assert.equal(split.result.verdict, "fails", split.result.finding.text);
  const rate = split.result.evidence.find((e) => e.name === "split start: runs ending in consensus at the horizon")!;
  assert.ok(rate.interval![1] < 0.95, `upper bound ${rate.interval![1]}`);
  assert.match(split.result.finding.text, new RegExp(`/${split.sequential!.runs} = `), "decided on the runs its looks used");
  // node0 from the split: by construction, every run on node 0's ledger (it stops for the claim at its first look).
  const node0 = cell("node0", "split");
  assert.equal(node0.result.verdict, "holds");
  const n0 = node0.sequential!.runs;
  assert.match(node0.headline, new RegExp(`${n0}/${n0} runs end in consensus \\(${n0} on node 0's ledger\\)`));
  assert.match(cryst.byConstruction ?? "", /the other two injection cells hold by derivation/);
});
