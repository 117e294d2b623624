/**
 * The ambient model's structured fast path (src/studies/ambient/fast.ts) against the tensor path it replaces for
 * large networks: the same dynamics (the noise differs draw by draw, so the comparison is statistical, with
 * tolerances from the binomial and sample standard errors), determinism, and the adversary's targets unchanged by
 * the O(targets) shuffle.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { ready } from "../../../src/engine/backend";
import { releaseGraph } from "../../../src/ops/tensors";
import { ringGraph } from "../../../src/graph/direct";
import { adversaryLoad, simulateAmbient } from "../../../src/studies/ambient/simulate";
import { simulateAmbientFast } from "../../../src/studies/ambient/fast";
import { ambientGraph, displacedRuns } from "../../../src/studies/ambient/networks";
import type { AmbientTrace } from "../../../src/studies/ambient/simulate";
import { setSimdEnabled, simdReady } from "../../../src/engine/kernels/simd/simd-module";

/** A two-sided 99.9 % normal quantile: a check that fails by chance once in a thousand seeds. */
const Z = 3.29;

function heldAtEnd(t: AmbientTrace): { mean: number; se: number } {
  const k = t.times.length - 1;
  const xs = Array.from({ length: t.runs }, (_, r) => t.holdA[k * t.runs + r]!);
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  return { mean: m, se: sd / Math.sqrt(xs.length) };
}

test("the adversary's targets: the O(targets) shuffle draws what the pool copy drew", () => {
  assert.deepEqual(Array.from(adversaryLoad(6, { identities: 2, budget: 1, targets: 2 }, key(1))), [0, 0, 0, 1, 0.5, 0.5]);
  assert.deepEqual(Array.from(adversaryLoad(6, { identities: 1, weightEach: 0.5, targets: 3 }, key(1), [0, 1])), [0, 0, 0, 0.5, 0.5, 0.5]);
  // Every identity has `targets` distinct targets: the total load is identities × targets × ω.
  const load = adversaryLoad(1000, { identities: 200, weightEach: 0.5, targets: 3 }, key(4));
  assert.equal(
    load.reduce((a, b) => a + b, 0),
    300,
  );
});

test("fast path: deterministic for a key, and a noiseless run equals the tensor path's to float32 rounding", async () => {
  await ready();
  const graph = ringGraph(24, 4);
  try {
    const o = { graph, runs: 3, duration: 4, temperature: 0, adversary: { identities: 1, weightEach: 2, targets: 4 }, recordEvery: 0.5 };
    const a = simulateAmbientFast(o, key(5));
    assert.deepEqual(simulateAmbientFast(o, key(5)), a);
    const b = simulateAmbient(o, key(5)); // T = 0: no noise, the same adversary key: the same field
    for (let q = 0; q < a.mean.length; q++)
      assert.ok(Math.abs(a.mean[q]! - b.mean[q]!) < 1e-4, `record ${q}: ${a.mean[q]} vs ${b.mean[q]}`);
    assert.deepEqual(Array.from(a.holdA), Array.from(b.holdA));
  } finally {
    releaseGraph(graph);
  }
});

test("fast path: with noise, displacement and the held share agree with the tensor path within their standard errors", async () => {
  await ready();
  const graph = ambientGraph(32, key(3));
  try {
    const o = {
      graph,
      runs: 200,
      duration: 10,
      temperature: 0.5,
      adversary: { identities: 1, weightEach: 0.5, targets: 3 },
      recordEvery: 0.5,
    };
    const fast = simulateAmbientFast(o, key(8));
    const slow = simulateAmbient(o, key(8));
    const [pf, ps] = [displacedRuns(fast), displacedRuns(slow)];
    const p = (pf.k + ps.k) / (2 * o.runs);
    const se = Math.sqrt((2 * p * (1 - p)) / o.runs);
    assert.ok(Math.abs(pf.k - ps.k) / o.runs < Z * se + 1e-9, `displaced ${pf.k} vs ${ps.k} of ${o.runs}`);
    const [hf, hs] = [heldAtEnd(fast), heldAtEnd(slow)];
    assert.ok(Math.abs(hf.mean - hs.mean) < Z * Math.hypot(hf.se, hs.se), `held ${hf.mean} ± ${hf.se} vs ${hs.mean} ± ${hs.se}`);
  } finally {
    releaseGraph(graph);
  }
});

test("fast path: the engine's SIMD step (pairs of runs and an odd count's scalar lane) and the JavaScript loop give the same trace, bit for bit", async () => {
  await ready();
  assert.ok(simdReady(), "the WebAssembly SIMD loops assemble and load (wabt)");
  const graph = ambientGraph(300, key(3));
  const participation = Float64Array.from({ length: graph.n }, (_, i) => (i % 7 === 0 ? 0.5 : 1)); // couplings ≠ 1
  const cases = [
    { runs: 2, temperature: 0.5, adversary: { identities: 1, weightEach: 10, targets: 3 } }, // stiff: substeps
    { runs: 4, temperature: 0.5, participation },
    { runs: 6, temperature: 0, injections: [{ nodes: [0, 1], value: -1 }] },
    { runs: 2, temperature: 0.05, adversary: { identities: 19, weightEach: 0.5, targets: 3 }, excludeFromObservables: [5] },
    // Odd counts: the scale study's one run per network (the loop's stepOneRun), and a pair beside a scalar lane.
    { runs: 1, temperature: 0.5, adversary: { identities: 19, weightEach: 0.5, targets: 3 } },
    { runs: 1, temperature: 0, participation, injections: [{ nodes: [3], value: -1 }] },
    { runs: 3, temperature: 0.5, participation, adversary: { identities: 1, weightEach: 10, targets: 3 } },
  ];
  try {
    for (const c of cases) {
      const options = { graph, duration: 3, recordEvery: 0.25, ...c };
      const simd = simulateAmbientFast(options, key(9));
      setSimdEnabled(false);
      const loop = simulateAmbientFast(options, key(9));
      setSimdEnabled(true);
      for (const part of ["holdA", "holdB", "mean"] as const) assert.deepEqual(simd[part], loop[part], `${part}, ${JSON.stringify(c)}`);
    }
  } finally {
    setSimdEnabled(true);
    releaseGraph(graph);
  }
});
