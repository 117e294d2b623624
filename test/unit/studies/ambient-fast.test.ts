/**
 * The ambient model on its one step (src/studies/ambient/simulate.ts on ops/ambient-step, issue 72) against the
 * tensor path it replaced (test/ambient-tensor.ts: the terms' ∇H on tfjs tensors): the same dynamics to float32
 * rounding without noise (participation that varies in time included); with noise (other generators, so the
 * comparison is statistical, with fixed seeds and tolerances from the binomial and sample standard errors) the same
 * law; determinism; runs as lanes equal to runs alone, bit for bit; the SIMD step and the JavaScript loop give the
 * same trace; and the adversary's targets unchanged by the O(targets) shuffle.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { key, uniformSource, type Key } from "../../../src/engine/random";
import { ready } from "../../../src/engine/backend";
import { ArgumentError } from "../../../src/errors";
import { releaseGraph } from "../../../src/ops/tensors";
import { ringGraph } from "../../../src/graph/direct";
import { adversaryLoad, simulateAmbient } from "../../../src/studies/ambient/simulate";
import { simulateAmbientFast } from "../../../src/studies/ambient/fast";
import { simulateAmbientTensor } from "../../ambient-tensor";
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

/** The adversary's load by the pool copy: a partial Fisher–Yates shuffle of a fresh copy of the eligible nodes per identity. */
function poolCopyLoad(n: number, identities: number, omega: number, targets: number, k: Key, exclude: number[] = []): number[] {
  const load = new Float32Array(n);
  const random = uniformSource(k);
  const eligible = Array.from({ length: n }, (_, i) => i).filter((i) => !exclude.includes(i));
  for (let a = 0; a < identities; a++) {
    const pool = [...eligible];
    for (let t = 0; t < Math.min(targets, pool.length); t++) {
      const j = t + Math.floor(random() * (pool.length - t));
      [pool[t], pool[j]] = [pool[j]!, pool[t]!];
      load[pool[t]!]! += omega;
    }
  }
  return Array.from(load);
}

test("the adversary's targets: the O(targets) shuffle draws what the pool copy drew", () => {
  assert.deepEqual(Array.from(adversaryLoad(6, { identities: 2, budget: 1, targets: 2 }, key(1))), [0, 0.5, 0.5, 0.5, 0.5, 0]);
  assert.deepEqual(poolCopyLoad(6, 2, 0.5, 2, key(1)), [0, 0.5, 0.5, 0.5, 0.5, 0]);
  assert.deepEqual(Array.from(adversaryLoad(6, { identities: 1, weightEach: 0.5, targets: 3 }, key(1), [0, 1])), [0, 0, 0.5, 0.5, 0, 0.5]);
  assert.deepEqual(poolCopyLoad(6, 1, 0.5, 3, key(1), [0, 1]), [0, 0, 0.5, 0.5, 0, 0.5]);
  for (const seed of [2, 3, 5])
    assert.deepEqual(
      Array.from(adversaryLoad(40, { identities: 7, weightEach: 0.25, targets: 5 }, key(seed), [3, 9])),
      poolCopyLoad(40, 7, 0.25, 5, key(seed), [3, 9]),
      `seed ${seed}`,
    );
  // Every identity has `targets` distinct targets: the total load is identities × targets × ω.
  const load = adversaryLoad(1000, { identities: 200, weightEach: 0.5, targets: 3 }, key(4));
  assert.equal(
    load.reduce((a, b) => a + b, 0),
    300,
  );
});

/** Node 0 of each network stops participating at t = 1 and fades at rate 2 (the detachment study's shape). */
const detaching = (nodes: number) => ({
  fade: 2,
  participation: (t: number) => Float32Array.from({ length: nodes }, (_, i) => (i === 0 && t >= 1 ? 0 : 1)),
  watch: [0],
});

test("the one step: a noiseless run equals the tensor path's to float32 rounding, constant or fading participation", async () => {
  await ready();
  const graph = ringGraph(24, 4);
  try {
    const cases = [
      { adversary: { identities: 1, weightEach: 2, targets: 4 } },
      { ...detaching(12), networks: 2, adversary: { identities: 1, weightEach: 0.5, targets: 2 } },
    ];
    for (const c of cases) {
      const o = { graph, runs: 3, duration: 4, temperature: 0, recordEvery: 0.5, ...c };
      const a = simulateAmbient(o, key(5));
      const b = simulateAmbientTensor(o, key(5)); // T = 0: no noise, the same adversary key: the same field
      assert.equal(a.runs, b.runs);
      for (let q = 0; q < a.mean.length; q++)
        assert.ok(Math.abs(a.mean[q]! - b.mean[q]!) < 1e-4, `record ${q}: ${a.mean[q]} vs ${b.mean[q]}`);
      assert.deepEqual(Array.from(a.holdA), Array.from(b.holdA));
      a.watched.forEach((w, k) => w.forEach((v, q) => assert.ok(Math.abs(v - b.watched[k]![q]!) < 1e-4, `watched ${q}`)));
      a.watchedWeight.forEach((w, k) => w.forEach((v, q) => assert.ok(Math.abs(v - b.watchedWeight[k]![q]!) < 1e-6, `weight ${q}`)));
    }
  } finally {
    releaseGraph(graph);
  }
});

test('substeps: one Euler step per h by default; "auto" takes Gershgorin\'s where an adversary makes the step stiff', () => {
  const graph = ambientGraph(32, key(3));
  try {
    const o = { graph, runs: 2, duration: 1, temperature: 0, adversary: { identities: 1, weightEach: 10, targets: 3 }, recordEvery: 0.5 };
    // h·bound ≈ 0.05·(4·6 + 40) > 1.8 at the pulled nodes: "auto" halves h at least, so its field differs from one step's.
    const [one, auto, two] = [
      simulateAmbient(o, key(1)),
      simulateAmbient({ ...o, substeps: "auto" }, key(1)),
      simulateAmbient({ ...o, substeps: 2 }, key(1)),
    ];
    assert.notDeepEqual(auto.mean, one.mean);
    assert.notDeepEqual(two.mean, one.mean);
    assert.deepEqual(simulateAmbientFast(o, key(1)).mean, auto.mean, "the fast path's name keeps its substeps");
    for (const bad of [0, 1.5, -1])
      assert.throws(
        () => simulateAmbient({ ...o, substeps: bad }, key(1)),
        (e: unknown) => e instanceof ArgumentError && e.argument === "substeps",
      );
  } finally {
    releaseGraph(graph);
  }
});

test("the one step: deterministic for a key (the same numbers twice), another key other numbers", () => {
  const graph = ambientGraph(48, key(3));
  try {
    const o = { graph, runs: 5, duration: 3, temperature: 0.5, networks: 2, ...detaching(24), recordEvery: 0.5 };
    const a = simulateAmbient(o, key(11));
    assert.deepEqual(simulateAmbient(o, key(11)), a);
    assert.notDeepEqual(simulateAmbient(o, key(12)).mean, a.mean);
    assert.deepEqual(
      simulateAmbientFast({ graph, runs: 3, duration: 2 }, key(4)),
      simulateAmbient({ graph, runs: 3, duration: 2 }, key(4)),
    );
  } finally {
    releaseGraph(graph);
  }
});

test("runs as lanes: run r of a batch of K equals run r alone ({ firstRun: r, runs: 1 }), bit for bit (K = 1, 2, 3, 4, 7)", () => {
  const graph = ambientGraph(40, key(6));
  try {
    const base = { graph, duration: 2, temperature: 0.5, recordEvery: 0.25, networks: 2, ...detaching(20) };
    const cases = [
      base,
      { ...base, ...{ networks: 1, participation: undefined, fade: undefined, watch: [3] } },
      { ...base, adversary: { identities: 1, weightEach: 10, targets: 3 }, substeps: "auto" as const }, // stiff: substeps
    ];
    for (const c of cases)
      for (const K of [1, 2, 3, 4, 7]) {
        const together = simulateAmbient({ ...c, runs: K }, key(21));
        const C = c.networks;
        for (let r = 0; r < K; r++) {
          const alone = simulateAmbient({ ...c, runs: 1, firstRun: r }, key(21));
          for (const part of ["holdA", "holdB", "mean"] as const)
            for (let k = 0; k < together.times.length; k++)
              for (let net = 0; net < C; net++)
                assert.ok(
                  Object.is(together[part][k * C * K + net * K + r], alone[part][k * C + net]),
                  `${part}, K = ${K}, run ${r}, network ${net}, record ${k}`,
                );
          for (let k = 0; k < together.times.length; k++)
            for (let net = 0; net < C; net++)
              assert.ok(Object.is(together.watched[0]![k * C * K + net * K + r], alone.watched[0]![k * C + net]), `watched, K = ${K}`);
        }
      }
  } finally {
    releaseGraph(graph);
  }
});

test("the one step: with noise, displacement and the held share agree with the tensor path within their standard errors", async () => {
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
    const fast = simulateAmbient(o, key(8));
    const slow = simulateAmbientTensor(o, key(8));
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

test("the one step: a detached node's value follows the tensor path's law, mean and spread within their standard errors", async () => {
  await ready();
  const graph = ambientGraph(64, key(5));
  try {
    // Four networks of 16 (a union), 100 runs each: node 0 detaches at t = 1; its value read at t = 6.
    const o = { graph, runs: 100, duration: 6, temperature: 0.5, networks: 4, recordEvery: 0.5, ...detaching(16) };
    const [fast, slow] = [simulateAmbient(o, key(13)), simulateAmbientTensor(o, key(13))];
    const end = (t: AmbientTrace) => Array.from(t.watched[0]!.subarray((t.times.length - 1) * t.runs));
    const moments = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
      const m4 = xs.reduce((a, b) => a + (b - m) ** 4, 0) / xs.length;
      // SE of the mean, and of the variance (√((m4 − v²)/n), the large-sample form).
      return { m, v, seM: Math.sqrt(v / xs.length), seV: Math.sqrt(Math.max(m4 - v * v, 0) / xs.length) };
    };
    const [a, b] = [moments(end(fast)), moments(end(slow))];
    assert.ok(Math.abs(a.m - b.m) < Z * Math.hypot(a.seM, b.seM), `mean ${a.m} ± ${a.seM} vs ${b.m} ± ${b.seM}`);
    assert.ok(Math.abs(a.v - b.v) < Z * Math.hypot(a.seV, b.seV), `variance ${a.v} ± ${a.seV} vs ${b.v} ± ${b.seV}`);
  } finally {
    releaseGraph(graph);
  }
});

test("the one step: the engine's SIMD step (pairs of runs and an odd count's scalar lane) and the JavaScript loop give the same trace, bit for bit", async () => {
  await ready();
  assert.ok(simdReady(), "the WebAssembly SIMD loops assemble and load (wabt)");
  const graph = ambientGraph(300, key(3));
  const participation = Float64Array.from({ length: graph.n }, (_, i) => (i % 7 === 0 ? 0.5 : 1)); // couplings ≠ 1
  const cases = [
    { runs: 2, temperature: 0.5, adversary: { identities: 1, weightEach: 10, targets: 3 }, substeps: "auto" as const }, // stiff: substeps
    { runs: 4, temperature: 0.5, participation },
    { runs: 6, temperature: 0, injections: [{ nodes: [0, 1], value: -1 }] },
    { runs: 2, temperature: 0.05, adversary: { identities: 19, weightEach: 0.5, targets: 3 }, excludeFromObservables: [5] },
    // Odd counts: the scale study's one run per network (the loop's stepOneRun), and a pair beside a scalar lane.
    { runs: 1, temperature: 0.5, adversary: { identities: 19, weightEach: 0.5, targets: 3 } },
    { runs: 1, temperature: 0, participation, injections: [{ nodes: [3], value: -1 }] },
    { runs: 3, temperature: 0.5, participation, adversary: { identities: 1, weightEach: 10, targets: 3 }, substeps: 2 },
    // Participation that varies in time, over a union of three networks of 100.
    { runs: 3, temperature: 0.5, networks: 3, ...detaching(100) },
  ];
  try {
    for (const c of cases) {
      const options = { graph, duration: 3, recordEvery: 0.25, ...c };
      const simd = simulateAmbient(options, key(9));
      setSimdEnabled(false);
      const loop = simulateAmbient(options, key(9));
      setSimdEnabled(true);
      for (const part of ["holdA", "holdB", "mean", "watched"] as const)
        assert.deepEqual(simd[part], loop[part], `${part}, ${JSON.stringify(c)}`);
    }
  } finally {
    setSimdEnabled(true);
    releaseGraph(graph);
  }
});
