/**
 * The ambient model against exact results: pure decay is an Ornstein–Uhlenbeck process whose Euler mean and
 * variance are known in closed form; participation sustains the value at ψ*² = 1 − γ/b; the terms' analytic
 * gradients match finite differences; finality curves are nested in the horizon; symmetric double spends split
 * 50/50 within binomial error. Fixed seeds; tolerances from standard errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";
import { wilson } from "../../../src/stats/binomial";
import { checkGradient } from "../../../src/hamiltonian/check";
import { sum } from "../../../src/hamiltonian/term";
import { decay, holding, participationCoupling, pull } from "../../../src/studies/ambient/terms";
import { simulateAmbient } from "../../../src/studies/ambient/simulate";
import { clockFinalityRound, displacementCurve, pipelineFinality } from "../../../src/studies/ambient/finality";
import { finalityExperiment, persistenceDiagram } from "../../../src/studies/ambient/ambient-experiments";
import { ambientGraph } from "../../../src/studies/ambient/networks";
import { doubleSpendExperiment } from "../../../src/studies/ambient/double-spend";
import { releaseGraph } from "../../../src/ops/tensors";

const runMean = (trace: { mean: Float32Array; runs: number }, k: number) => {
  let s = 0;
  for (let r = 0; r < trace.runs; r++) s += trace.mean[k * trace.runs + r]!;
  return s / trace.runs;
};

test("Wilson interval: 3/10 → [0.108, 0.603]; 0/20 keeps a positive upper bound", () => {
  const p = wilson(3, 10);
  assert.ok(Math.abs(p.lower - 0.1078) < 1e-3 && Math.abs(p.upper - 0.6032) < 1e-3, JSON.stringify(p));
  assert.equal(wilson(0, 20).lower, 0);
  assert.ok(Math.abs(wilson(0, 20).upper - 0.1611) < 1e-3);
  assert.throws(() => wilson(5, 3), ArgumentError);
});

test("without participation a held value decays as e^{−γt}: exactly (1 − γh)^k at T = 0, within 4 SE of it at T > 0", async () => {
  await ready();
  const graph = ambientGraph(64, key(1));
  const gamma = 0.2;
  const h = 0.05;
  const detached = new Float32Array(64); // nobody participates: no coupling, no holding wells
  const cold = simulateAmbient(
    {
      graph,
      runs: 4,
      duration: 10,
      decay: gamma,
      temperature: 0,
      dt: h,
      participation: detached,
      recordEvery: 1,
    },
    key(1),
  );
  assert.equal(cold.times.length, 11, "a record per time unit, t = 0 … 10 (the loop below checks each)");
  cold.times.forEach((t, k) => {
    const exact = (1 - gamma * h) ** Math.round(t / h);
    assert.ok(Math.abs(runMean(cold, k) - exact) < 1e-5, `t=${t}: ${runMean(cold, k)} vs ${exact}`);
    assert.ok(Math.abs(exact - Math.exp(-gamma * t)) < 0.01); // the Euler factor is e^{−γt} to O(γ²ht)
  });
  const T = 0.3;
  const runs = 100;
  const warm = simulateAmbient(
    {
      graph,
      runs,
      duration: 10,
      decay: gamma,
      temperature: T,
      dt: h,
      participation: detached,
      recordEvery: 1,
    },
    key(2),
  );
  const a = 1 - gamma * h;
  assert.equal(warm.times.length, 11, "a record per time unit, t = 0 … 10 (the loop below checks each)");
  warm.times.forEach((t, k) => {
    const steps = Math.round(t / h);
    // Euler OU: Var ψ_k = 2hT (1 − a^{2k}) / (1 − a²); the mean over N·R independent entries has Var/(N·R).
    const se = Math.sqrt((2 * h * T * (1 - a ** (2 * steps))) / (1 - a * a) / (64 * runs));
    if (steps > 0) assert.ok(Math.abs(runMean(warm, k) - a ** steps) < 4 * se, `t=${t}: ${runMean(warm, k)} vs ${a ** steps} ± ${se}`);
  });
  releaseGraph(graph);
});

test("with participation the value persists near ψ* = √(1 − γ/b), and the run is deterministic for a key", async () => {
  await ready();
  const graph = ambientGraph(64, key(1));
  const options = { graph, runs: 50, duration: 20, decay: 0.1, temperature: 0.02, recordEvery: 1 };
  simulateAmbient({ ...options, duration: 0.1 }, key(3)); // fills the graph's operator cache (freed by releaseGraph)
  const before = tf.memory().numTensors;
  const trace = simulateAmbient(options, key(3));
  assert.equal(tf.memory().numTensors, before);
  const last = trace.times.length - 1;
  for (let r = 0; r < trace.runs; r++) assert.equal(trace.holdA[last * trace.runs + r], 1);
  // Small noise: the mean sits at the well's minimum to O(T) (curvature 2b(1 − γ/b) + coupling).
  assert.ok(Math.abs(runMean(trace, last) - Math.sqrt(0.9)) < 0.02, `${runMean(trace, last)}`);
  assert.deepEqual(simulateAmbient(options, key(3)).mean, trace.mean);
  assert.notDeepEqual(simulateAmbient({ ...options }, key(4)).mean, trace.mean);
  releaseGraph(graph);
});

test("the ambient terms' analytic gradients match finite differences", async () => {
  await ready();
  const graph = ambientGraph(32, key(1));
  const w = Float32Array.from({ length: 32 }, (_, i) => (i % 3) / 2);
  const load = Float32Array.from({ length: 32 }, (_, i) => (i % 5 === 0 ? 0.7 : 0));
  const psi = tf.randomNormal([32, 3], 0, 1, "float32", 5) as tf.Tensor2D;
  const terms: Array<[ReturnType<typeof decay>, number]> = [
    [decay(0.3, { neutral: 0.2 }), 1],
    [participationCoupling(graph, w, 1.5), 2], // a pair term counts in full at both ends: Σ e_i = 2H
    [holding(w, 2), 1],
    [pull(load, -1), 1],
    [sum(participationCoupling(graph, w), holding(w), decay(0.1)), Number.NaN],
  ];
  for (const [term, localSum] of terms) {
    const check = checkGradient(term, psi, key(6));
    assert.ok(check.maxRelativeError < 1e-2, `${term.name}: ${check.maxRelativeError}`);
    if (Number.isNaN(localSum)) continue;
    const total = term.energy(psi);
    const local = tf.sum(term.localEnergy!(psi));
    const [h, e] = [total.dataSync()[0]!, local.dataSync()[0]!];
    assert.ok(Math.abs(e - localSum * h) < 1e-3 * Math.abs(h) + 1e-3, `${term.name}: Σe = ${e}, H = ${h}`);
    tf.dispose([total, local]);
  }
  psi.dispose();
  releaseGraph(graph);
});

test("the displacement probability is nested in the horizon and inside its Wilson band at every age", async () => {
  await ready();
  const graph = ambientGraph(32, key(1));
  const trace = simulateAmbient(
    {
      graph,
      runs: 100,
      duration: 20,
      temperature: 0.5,
      adversary: { identities: 1, weightEach: 0.5, targets: 3 },
      recordEvery: 0.5,
    },
    key(8),
  );
  const short = displacementCurve(trace, 2);
  const long = displacementCurve(trace, 5);
  long.ages.forEach((_, i) => {
    assert.ok(long.displaced[i]! >= short.displaced[i]!, `age ${long.ages[i]}`);
    assert.ok(long.lower[i]! <= long.probability[i]! && long.probability[i]! <= long.upper[i]!);
  });
  assert.throws(() => displacementCurve(trace, 100), ArgumentError);
  releaseGraph(graph);
});

test("double spend with symmetric injections: A and B each win half the runs within 3 binomial SE", async () => {
  await ready();
  const d = doubleSpendExperiment(key(21), { runs: 200, duration: 20 });
  const resolved = d.aWins.k + d.bWins.k;
  const share = d.aWins.k / resolved;
  assert.ok(resolved >= 180, `resolved ${resolved}`);
  assert.ok(Math.abs(share - 0.5) < 3 * Math.sqrt(0.25 / resolved), `A share ${share} of ${resolved}`);
});

test("the experiments' network size is an option: its default is the claims' N, another N is another network", async () => {
  await ready();
  const small = { runs: 4, duration: 2 };
  // Explicitly the default size: the same numbers as without the option (the claims call without it).
  assert.deepEqual(doubleSpendExperiment(key(19), { ...small, nodes: 64 }), doubleSpendExperiment(key(19), small));
  const cells = { decays: [0.8], participations: [0.3], ...small };
  assert.deepEqual(persistenceDiagram(key(17), { ...cells, nodes: 32 }), persistenceDiagram(key(17), cells));
  // A 16-node network: B lands on node 8, the middle one, and the runs see the smaller network.
  const d16 = doubleSpendExperiment(key(19), { ...small, nodes: 16 });
  assert.equal(d16.runs, 4);
  assert.notDeepEqual(d16.finalMean, doubleSpendExperiment(key(19), small).finalMean);
  assert.throws(() => finalityExperiment(key(1), { nodes: 8 }), /finalityExperiment: nodes must be an integer in \[16, ∞\]/);
  assert.throws(() => doubleSpendExperiment(key(1), { nodes: 20.5 }), ArgumentError);
});

test("bad ambient inputs are typed errors naming the argument", async () => {
  await ready();
  const graph = ambientGraph(16, key(1));
  assert.throws(() => participationCoupling(graph, [1, 1]), /weights must be 16 numbers/);
  assert.throws(
    () => simulateAmbient({ graph, runs: 2, duration: 1, adversary: { identities: 1, budget: 1, weightEach: 1 } }, key(1)),
    /exactly one of them/,
  );
  assert.throws(() => simulateAmbient({ graph, runs: 2, duration: 1 }, 5 as never), /pass key\(5\)/);
  assert.throws(
    () => simulateAmbient({ graph, runs: 2, duration: 100, dt: 1, injections: [{ nodes: [0], value: 1 }] }, key(1)),
    /diverged/,
  );
  releaseGraph(graph);
});

test("the §3.1 pipeline declares finality at its clock round whatever the network holds", () => {
  assert.equal(clockFinalityRound(), 90); // least k with 100·0.95ᵏ < 1
  const clean = pipelineFinality(0, key(1));
  const lossy = pipelineFinality(0.9, key(1));
  assert.equal(clean.round, clockFinalityRound());
  assert.equal(lossy.round, clockFinalityRound());
  assert.ok(clean.includesTransaction && clean.support === 1);
  assert.equal(lossy.includesTransaction, false); // declared final: a block without the transaction
});
