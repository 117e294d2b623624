/**
 * The studies of §1.1–§1.2 and §2.1 (issue 42 item 8: one study per question, called by claim, figure and notebook):
 * each against what its algebra fixes, and a figure against its claim's own numbers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../../src/engine/backend";
import { fold, key, type Key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { interaction, interactionReference } from "../../../src/hamiltonian/interaction";
import { ula } from "../../../src/dynamics/gradient";
import { constant, geometric } from "../../../src/dynamics/schedules";
import { spinCopyRunEnds, spinCopyRuns, tallyCopyRuns } from "../../../src/studies/ising-isomorphism/spin-copy-runs";
import { fieldTransition } from "../../../src/studies/ising-isomorphism/field-transition";
import { conflictingRoots, rootCopyRuns, rootFlow } from "../../../src/studies/protocol/root-diffusion";
import { transactionPool } from "../../../src/studies/protocol/root-distances";
import { complexStateCheck } from "../../../src/studies/hamiltonian/complex-state";
import { interactionPenalties } from "../../../src/studies/hamiltonian/interaction-penalties";
import { entropicPenaltyResponse } from "../../../src/studies/hamiltonian/entropic-penalty";
import { costTradeoff } from "../../../src/studies/hamiltonian/cost-tradeoff";
import { coolingRuns, sumCoolingRuns } from "../../../src/studies/reference/reference-runs";
import { selectFigures } from "../../../src/figures/registry";
import { CLAIMS, measureContext } from "../../../src/claims/machinery/registry";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { streamKey } from "../../../src/claims/machinery/streams";
import { levelRuns } from "../../../src/stats/equivalence";

const stream =
  (k: number) =>
  (name: string): Key =>
    fold(key(k), name.length * 1000 + name.charCodeAt(0));
const hot = () => geometric({ initial: 100, rate: 0.95 });

test("spinCopyRuns: under node0 every run aligns on node 0's ledger and none freezes split; neighbour copy freezes some", () => {
  const keys = (name: string) => (name === "graph" ? key(1) : key(2));
  const node0 = spinCopyRuns(keys, { nodes: 50, runs: 20, kernel: "node0", schedule: hot });
  assert.deepEqual([node0.aligned, node0.onNodeZero, node0.frozenSplit], [20, 20, 0]);
  const quench = spinCopyRuns(keys, { nodes: 50, runs: 20, kernel: "neighbour", schedule: () => constant(0) });
  assert.ok(quench.frozenSplit > 10, `a quench under neighbour copy freezes split (${quench.frozenSplit}/20)`);
  assert.deepEqual(
    spinCopyRuns(keys, { nodes: 50, runs: 20, kernel: "neighbour", schedule: hot }),
    spinCopyRuns(keys, { nodes: 50, runs: 20, kernel: "neighbour", schedule: hot }),
  );
});

test("spinCopyRuns: adversaries pinned to −1 win every run under neighbour copy at 20 %", () => {
  const r = spinCopyRuns((name) => (name === "graph" ? key(3) : key(4)), {
    nodes: 50,
    runs: 20,
    kernel: "neighbour",
    schedule: hot,
    adversaries: 0.2,
  });
  assert.equal(r.onAdversaries, 20);
  assert.equal(r.captured, 20, "every run freezes with every honest node on the zealots' −1: captured");
  const noisy = spinCopyRuns((name) => (name === "graph" ? key(3) : key(4)), {
    nodes: 50,
    runs: 20,
    kernel: "neighbour",
    schedule: hot,
    adversaries: 0.2,
    adversary: "noisy",
  });
  assert.equal(noisy.captured, 0, "a noisy adversary holds no ledger to capture on");
});

test("rootCopyRuns keeps every node on a ledger's root; rootFlow leaves every node on the midpoint, no ledger's root", async () => {
  await ready();
  const roots = conflictingRoots(transactionPool(160, key(5)).transactions, 8, key(6));
  assert.equal(roots.candidates.length, 137);
  const copy = rootCopyRuns((name) => (name === "graph" ? key(7) : key(8)), {
    nodes: 50,
    runs: 10,
    gap: roots.gap,
    kernel: "node0",
    schedule: hot,
  });
  assert.deepEqual([copy.onALedger, copy.nodeEnds, copy.agreed, copy.onA], [500, 500, 10, 10]);
  const graph = graphFromSpec("ws:50:4:0.1", key(9));
  const flow = rootFlow(graph, interaction(graph), roots, key(10));
  releaseGraph(graph);
  assert.equal(flow.onALedger, 0);
  assert.ok(flow.spread < 1e-3 && flow.midpoint < 1e-4, `${flow.spread} ${flow.midpoint}`);
  assert.ok(flow.worstNode > 0.1);
});

test("fieldTransition: the ±1 identity holds, the Ising image orders below T_c, the field's ⟨ℋ⟩/T does not change", async () => {
  await ready();
  const graph = graphFromSpec("torus:8", key(11));
  const t = fieldTransition(stream(12), {
    graph,
    energy: interaction(graph),
    interaction: interaction(graph),
    integrator: ula,
    steps: 800,
  });
  releaseGraph(graph);
  assert.ok(t.identityGap < 1e-3);
  assert.ok(t.isingAbsMagnetization[0]!.value > 0.9 && t.isingAbsMagnetization[1]!.value < 0.5);
  const R = t.energyPerT[1]!.value / t.energyPerT[0]!.value;
  assert.ok(Math.abs(R - 1) < 0.1, `R = ${R}`);
});

test("the §1.1–§1.2 studies: complex product exact, latency absent from ℋ, the penalty cancels, the mass term shrinks by (1 − 2μh)^k", async () => {
  await ready();
  const cs = complexStateCheck(stream(13), { d: 2 });
  assert.ok(cs.hermitianError < 1e-5 && cs.phaseChange < 1e-5 && cs.zeroTrustEnergy === 0);
  const common = {
    energy: (g: Parameters<typeof interaction>[0]) => interaction(g),
    interaction: (g: Parameters<typeof interaction>[0]) => interaction(g),
    reference: (g: Parameters<typeof interaction>[0]) => interactionReference(g),
  };
  const absent = interactionPenalties(stream(14), { ...common, latency: "absent" });
  assert.equal(absent.doubled, absent.base);
  assert.ok(absent.along[0]! < 1e-3 && absent.along[3]! > absent.along[2]!);
  const coupling = interactionPenalties(stream(14), { ...common, latency: "coupling" });
  assert.ok(coupling.doubled < coupling.base);
  const ep = entropicPenaltyResponse(stream(15), { spec: "ws:200:4:0.1", laplacian: "combinatorial" });
  assert.ok(Math.abs(ep.rise) < 1e-5 * ep.summands && ep.force < 1e-4);
  assert.ok(Math.abs(ep.perNode.summand.reduce((a, b) => a + b, 0)) < 1e-3);
  assert.ok(entropicPenaltyResponse(stream(15), { spec: "ba:200:3", laplacian: "random-walk" }).force > 1e-4);
  const mass = costTradeoff(stream(16), { energy: (g) => interaction(g), mu: 0.05, rho: "mass" });
  assert.ok(Math.abs(mass.priced.agreed / mass.free.agreed - mass.factor) < 1e-3);
  const one = costTradeoff(stream(16), { energy: (g) => interaction(g), mu: 0.05, rho: "1" });
  assert.equal(one.priced.disagreement, one.free.disagreement);
});

test("figure ising-copy-runs draws the plan of p2.1-ising-alignment's cells, whose first runs its verdict reads look by look (seed 0)", async () => {
  const claim = CLAIMS.find((c) => c.id === "p2.1-ising-alignment")!;
  const built = await selectFigures(["ising-copy-runs"])[0]!.build(0);
  const rows = built.rows as Array<{ cell: string; aligned: number; runs: number }>;
  const stream = (name: string) => streamKey("p2.1-ising-alignment", `align/${name}`, 0, 0);
  for (const kernel of ["node0", "neighbour"] as const) {
    const m = await claim.measure(measureContext(claim.id, 0, 0, PROPOSAL, { nodes: 50, kernel }));
    // The outcome part's runs: the first n of its own plan (levelRuns(0.02) = 4906, thirty-fifth-edition referee), at
    // least its first look's 1227, measured once: run r is the same in any batch, so the figure's 526 are their first.
    const { maxRuns, runs: n } = m.sequential!.tests[0]!;
    assert.equal(maxRuns, levelRuns(0.02));
    assert.ok(n < maxRuns && n >= 526, `${kernel}: stops before the plan (${n} of ${maxRuns})`);
    const first = spinCopyRunEnds(stream, { nodes: 50, runs: n, kernel, schedule: () => geometric({ initial: 100, rate: 0.95 }) });
    const row = rows.find((r) => r.cell === `${kernel}, N = 50`)!;
    assert.deepEqual([row.aligned, row.runs], [tallyCopyRuns(first.slice(0, 526)).aligned, 526], kernel);
    const aligned = m.result.evidence[0]!;
    assert.equal(aligned.value, tallyCopyRuns(first).aligned / n, `${kernel}: ${aligned.value} over ${n} runs`);
  }
});

test("coolingRuns: runs [first, first + runs) summed are the whole plan's (a cell decided look by look reads the plan's first runs)", () => {
  const o = { nodes: 20, decay: 0.5, runs: 6 };
  const whole = coolingRuns(o, key(3));
  const parts = [
    coolingRuns({ ...o, runs: 2 }, key(3)),
    coolingRuns({ ...o, first: 2, runs: 1 }, key(3)),
    coolingRuns({ ...o, first: 3, runs: 3 }, key(3)),
  ];
  assert.deepEqual(sumCoolingRuns(parts), whole);
  assert.notDeepEqual(coolingRuns({ ...o, first: 1 }, key(3)).steps, whole.steps);
});
