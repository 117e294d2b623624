/**
 * The flow cell of p4.4-hebbian (src/studies/hopfield/hebbian-recall): dΨ/dt = −2Lψ + √(2T) ξ sampled exactly at unit
 * times. Its law is checked against the Ornstein–Uhlenbeck moments mode by mode on a small graph, with tolerances
 * from the standard errors of 4000 independent draws, and the by-construction statement of the claim (the flow
 * forgets its input within a few units of time) is checked on the claim's own graph.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key } from "../../../src/engine/random";
import { flowStates, hebbianRecall } from "../../../src/studies/hopfield/hebbian-recall";
import { wsSpinProblem } from "../../../src/studies/traps/text-traps";
import type { SpinProblem } from "../../../src/spin/problem";

test("flowStates: each Laplacian mode is an Ornstein–Uhlenbeck process, mean e^{−2λt}c₀ and variance T(1 − e^{−4λt})/(2λ) (2Tt for the mean)", () => {
  // The path 0 – 1 – 2 with unit couplings: L has eigenvalues 0, 1, 3 with eigenvectors (1,1,1)/√3, (1,0,−1)/√2, (1,−2,1)/√6.
  const problem: SpinProblem = {
    n: 3,
    edges: [
      [0, 1, 1],
      [1, 2, 1],
    ],
    field: new Float64Array(3),
  };
  const modes = [
    { lambda: 0, v: [1, 1, 1].map((x) => x / Math.sqrt(3)) },
    { lambda: 1, v: [1, 0, -1].map((x) => x / Math.sqrt(2)) },
    { lambda: 3, v: [1, -2, 1].map((x) => x / Math.sqrt(6)) },
  ];
  const start = [1, -1, 1];
  const T = 0.3;
  const draws = 4000;
  const steps = 2;
  const at: number[][][] = [[], []]; // [step][mode][draw]
  for (let s = 0; s < steps; s++) at[s] = modes.map(() => []);
  for (let d = 0; d < draws; d++) {
    let t = 0;
    flowStates(problem, start, T, steps, fold(key(2026), d), (psi) => {
      modes.forEach((m, k) => at[t]![k]!.push(m.v.reduce((a, x, i) => a + x * psi[i]!, 0)));
      t++;
    });
  }
  for (let s = 0; s < steps; s++) {
    const time = s + 1;
    modes.forEach((m, k) => {
      const c0 = m.v.reduce((a, x, i) => a + x * start[i]!, 0);
      const mean = Math.exp(-2 * m.lambda * time) * c0;
      const variance = m.lambda === 0 ? 2 * T * time : (T * (1 - Math.exp(-4 * m.lambda * time))) / (2 * m.lambda);
      const xs = at[s]![k]!;
      const observedMean = xs.reduce((a, x) => a + x, 0) / draws;
      const observedVariance = xs.reduce((a, x) => a + (x - observedMean) ** 2, 0) / (draws - 1);
      const seMean = Math.sqrt(variance / draws);
      const seVariance = variance * Math.sqrt(2 / (draws - 1));
      assert.ok(Math.abs(observedMean - mean) < 4 * seMean, `t = ${time}, λ = ${m.lambda}: mean ${observedMean} vs ${mean} ± ${seMean}`);
      assert.ok(
        Math.abs(observedVariance - variance) < 4 * seVariance,
        `t = ${time}, λ = ${m.lambda}: variance ${observedVariance} vs ${variance} ± ${seVariance}`,
      );
    });
  }
});

test("the flow cell: its last state has forgotten its input at every T_net (the claim's byConstruction), and the copy update's numbers are the kernel's", () => {
  const problem = wsSpinProblem(128, key(41));
  const setting = { patterns: 4, sweeps: 200, noise: 0.3 };
  for (const temperature of [100, 0.01]) {
    const flow = hebbianRecall(problem, { update: "flow", temperature, ...setting }, key(42));
    // Forgotten: the last state's overlap with its input is inside a random state's band, |m| ≤ 4/√N.
    assert.ok(flow.kept < 4 / Math.sqrt(128), `T = ${temperature}: |overlap| of the last state with its input ${flow.kept}`);
    assert.equal(flow.dynamics.recalled, 0, `T = ${temperature}`);
  }
  // `update: "copy"` is the default: the same learning with and without it.
  const a = hebbianRecall(problem, { kernel: "neighbour", temperature: 1, ...setting }, key(43));
  const b = hebbianRecall(problem, { update: "copy", kernel: "neighbour", temperature: 1, ...setting }, key(43));
  assert.deepEqual(a, b);
});
