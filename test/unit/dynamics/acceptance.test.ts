import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key, uniformSource, uniform } from "../../../src/engine/random";
import {
  metropolisAcceptTensor,
  metropolisAccepts,
  metropolisAcceptsLazily,
  metropolisProbability,
} from "../../../src/dynamics/acceptance";
import { ArgumentError } from "../../../src/errors";
import { onEachBackend } from "../../helpers";

test("the shared Metropolis rule: min(1, e^{−Δ/T}), downhill always, T = 0 greedy, NaN rejected", () => {
  assert.equal(metropolisProbability(-3, 1), 1);
  assert.equal(metropolisProbability(0, 1), 1);
  assert.equal(metropolisProbability(0, 0), 1); // T → 0 limit of min(1, e^{−0/T})
  assert.equal(metropolisProbability(1e-9, 0), 0);
  assert.equal(metropolisProbability(-1, 0), 1);
  assert.equal(metropolisProbability(Number.NaN, 1), 0);
  assert.equal(metropolisProbability(Number.POSITIVE_INFINITY, 1), 0);
  assert.equal(metropolisProbability(Number.NEGATIVE_INFINITY, 1), 1);
  assert.equal(metropolisProbability(2, 4), Math.exp(-0.5));
  assert.equal(metropolisAccepts(Number.NaN, 1, 0), false);
  assert.equal(metropolisAccepts(-1, 1, 0.999999), true);
  assert.throws(() => metropolisProbability(1, -1), ArgumentError);
});

test("the rule's acceptance frequency is p within 4 binomial standard errors", () => {
  const u = uniformSource(key(3));
  const n = 20000;
  for (const [cost, t] of [
    [1, 1],
    [0.3, 2],
    [5, 1.5],
  ] as const) {
    let accepted = 0;
    for (let i = 0; i < n; i++) if (metropolisAccepts(cost, t, u())) accepted++;
    const p = metropolisProbability(cost, t);
    const se = Math.sqrt((p * (1 - p)) / n);
    assert.ok(Math.abs(accepted / n - p) < 4 * se, `Δ=${cost} T=${t}: ${accepted / n} vs ${p} (SE ${se})`);
  }
});

test("the tensor rule takes the same decisions as the scalar rule, element by element, on every backend", async () => {
  await onEachBackend((backend) => {
    const costs = [-2, -0.1, 0, 0.05, 0.7, 1.5, 3, 40, Number.NaN, Number.POSITIVE_INFINITY];
    const n = costs.length;
    const u = uniform(key(11), [n]);
    const us = u.dataSync();
    const c = tf.tensor1d(costs);
    const before = tf.memory().numTensors;
    for (const t of [0, 0.5, 2]) {
      const decisions = metropolisAcceptTensor(c, t, u);
      const got = [...decisions.dataSync()].map(Boolean);
      decisions.dispose();
      // float32 e^{−Δ/T} against the double one: only a uniform within float32 rounding of p could differ.
      const want = costs.map((x, i) => metropolisAccepts(x, t, us[i]!));
      got.forEach((g, i) => {
        const p = metropolisProbability(costs[i]!, t);
        if (Math.abs(us[i]! - p) > 1e-6) assert.equal(g, want[i], `${backend} T=${t} Δ=${costs[i]}`);
      });
    }
    // A NaN with the sign bit set (∞ − ∞ on x86), which tfjs-wasm's relu turns into 0, is still rejected.
    const negativeNaN = tf.tidy(() => tf.sub(tf.fill([4], Number.POSITIVE_INFINITY), tf.fill([4], Number.POSITIVE_INFINITY)));
    const zeros = tf.zeros([4]);
    const nanDecisions = metropolisAcceptTensor(negativeNaN, 1, zeros);
    assert.deepEqual([...nanDecisions.dataSync()], [0, 0, 0, 0], `${backend} −NaN`);
    tf.dispose([negativeNaN, zeros, nanDecisions]);
    // A per-replica temperature tensor broadcasts against [N, R] costs.
    const temperature = tf.tensor2d([1, 4], [1, 2]);
    const [cost, u2] = [tf.fill([3, 2], 2), tf.fill([3, 2], 0.3)];
    const decisions = metropolisAcceptTensor(cost, temperature, u2);
    assert.deepEqual([...decisions.dataSync()].map(Boolean), [false, true, false, true, false, true]); // e^{−2} < 0.3 < e^{−0.5}
    tf.dispose([decisions, temperature, cost, u2]);
    assert.equal(tf.memory().numTensors, before); // the rule leaves nothing behind
    tf.dispose([u, c]);
  });
});

test("the lazily drawing rule: no draw downhill or at T = 0, one draw otherwise (NaN included, then rejected), the same decisions", () => {
  let draws = 0;
  const u = uniformSource(key(5));
  const counted = () => {
    draws++;
    return u();
  };
  assert.equal(metropolisAcceptsLazily(-1, 1, counted), true);
  assert.equal(metropolisAcceptsLazily(0, 0, counted), true);
  assert.equal(metropolisAcceptsLazily(1, 0, counted), false);
  assert.equal(metropolisAcceptsLazily(Number.NaN, 0, counted), false);
  assert.equal(draws, 0, "decided without a draw");
  assert.equal(metropolisAcceptsLazily(Number.NaN, 1, counted), false);
  assert.equal(metropolisAcceptsLazily(1e6, 1e-3, counted), false); // e^{−Δ/T} underflows to 0: a draw all the same
  assert.equal(draws, 2);
  assert.throws(() => metropolisAcceptsLazily(-1, -1, counted), ArgumentError);
  // Uphill at T > 0 it is metropolisAccepts on the next uniform of the same stream.
  const a = uniformSource(key(6));
  const b = uniformSource(key(6));
  for (const [cost, t] of [
    [0.5, 1],
    [2, 1.5],
    [3, 0.7],
  ] as const)
    for (let i = 0; i < 200; i++) assert.equal(metropolisAcceptsLazily(cost, t, a), metropolisAccepts(cost, t, b()));
});
