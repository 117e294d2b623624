/**
 * The ambient model's step and normals in the SIMD module (engine/kernels/simd/simd-ambient) against the formula they
 * document, written here in plain JavaScript, compared in float64 bit for bit (Object.is, so a −0 for a +0 fails):
 * every run count from 1 to 5 (pairs of runs and an odd count's scalar lane), unit and non-unit couplings, with and
 * without noise. The study's trace test (test/unit/studies/ambient-fast.test.ts) compares float32 records, which a
 * reassociation in the last bits would pass.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { prepareSimd } from "../../../src/engine/kernels/simd/simd-module";
import { ambientLattice, lcg } from "../../ambient-lattice";
import { simdAmbientStepper, type AmbientLattice, type AmbientStream } from "../../../src/engine/kernels/simd/simd-ambient";
import { philox4x32 } from "../../../src/engine/philox";
import { counterMissNormal, ZIGGURAT } from "../../../src/engine/fastrandom";
import type { Key } from "../../../src/engine/random";

/** The lattice of test/ambient-lattice, its per-node constants in [−0.5, 1.5). */
const lattice = (n: number, runs: number, unit: boolean, u: () => number): AmbientLattice =>
  ambientLattice(n, runs, unit, u, () => u() * 2 - 0.5);

/** The step as the module comment writes it, one entry at a time. */
function referenceStep(l: AmbientLattice, x: Float64Array, noise: Float64Array, h: number, sigma: number): Float64Array {
  const next = new Float64Array(x.length);
  for (let i = 0; i < l.n; i++)
    for (let r = 0; r < l.runs; r++) {
      let s = 0;
      for (let q = l.start[i]!; q < l.start[i + 1]!; q++) s += (l.unit ? 1 : l.coupling[q]!) * x[l.col[q]! * l.runs + r]!;
      const v = x[i * l.runs + r]!;
      const g = l.diagonal[i]! * v + l.cubic[i]! * v * v * v - l.pairing[i]! * s - l.pullConstant[i]!;
      next[i * l.runs + r] = v - h * g + (sigma > 0 ? sigma * noise[i * l.runs + r]! : 0);
    }
  return next;
}

/**
 * The normals of step `step` of the stream under `k`, as ops/ambient-step.ts documents them: the pair of nodes
 * (2m, 2m + 1) takes the first accepted pair of u = 2·w/2³² − 1 from the words (0, 1), then (2, 3), of the Philox
 * block at counter (m, step, a, 3), a = 0, 1, …; `retries` counts the pairs that needed a block of a ≥ 1.
 */
/**
 * Node i's normal at `step` as the module comment writes it: the ziggurat's fast path (u < RATIO[layer] of a 128-layer
 * table, value ±u·X[layer], u the word's high 24 bits over 2²⁴) on word i mod 4 of Philox at (⌊i/4⌋, step, 0, 3), else
 * finished from the node's own counter stream (counterMissNormal at (i, step, 1 + ⌊p/4⌋, 3)).
 */
function referenceNormals(k: Key, step: number, count: number, misses: { words: number }): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = philox4x32([i >>> 2, step, 0, 3], k)[i & 3]! | 0;
    const layer = r & 127;
    const u = (r >>> 8) / 2 ** 24;
    if (u < ZIGGURAT.RATIO[layer]!) out[i] = (r & 128 ? -1 : 1) * u * ZIGGURAT.X[layer]!;
    else {
      misses.words++;
      out[i] = counterMissNormal(k[0], k[1], i, step, 3, r);
    }
  }
  return out;
}

function assertBitwise(got: Float64Array, want: Float64Array, what: string): void {
  assert.equal(got.length, want.length, what);
  const show = (v: number) => (Object.is(v, -0) ? "-0" : String(v));
  for (let k = 0; k < want.length; k++) assert.ok(Object.is(got[k], want[k]), `${what}: entry ${k}: ${show(got[k]!)} vs ${show(want[k]!)}`);
}

test("the SIMD ambient step equals its formula bit for bit, for 1 to 5 runs, unit and weighted couplings, with and without noise", async () => {
  assert.ok(await prepareSimd(), "the WebAssembly SIMD module assembles and loads");
  for (const runs of [1, 2, 3, 4, 5])
    for (const unit of [true, false])
      for (const sigma of [0, 0.3]) {
        const u = lcg(runs * 31 + (unit ? 1 : 2) + (sigma > 0 ? 7 : 0));
        const l = lattice(37, runs, unit, u);
        // Node 0 (no neighbours) at ψ = −0 with d, c3 < 0 and p0 = 0: g = +0, ψ − h·g = −0, and the formula's "+ 0"
        // without noise makes it +0; a step that skips that addition keeps −0.
        [l.diagonal[0], l.cubic[0], l.pullConstant[0]] = [-1, -1, 0];
        const stepper = simdAmbientStepper(l, sigma > 0);
        assert.ok(stepper, `a stepper for ${runs} runs`);
        const x = Float64Array.from({ length: 37 * runs }, () => 3 * u() - 1.5);
        x.fill(-0, 0, runs);
        const noise = Float64Array.from({ length: sigma > 0 ? 37 * runs : 0 }, () => 2 * u() - 1);
        stepper.buffers[1].set(x);
        stepper.noise.set(noise);
        stepper.step(1, 0.05, sigma);
        assertBitwise(stepper.buffers[0], referenceStep(l, x, noise, 0.05, sigma), `${runs} runs, unit ${unit}, σ ${sigma}`);
      }
});

test("the SIMD ambient normals: each run (and block of nodes) its own Philox ziggurat, counted by step and node, misses finished from their own counters", async () => {
  assert.ok(await prepareSimd());
  const misses = { words: 0 };
  // 11 nodes × 3 runs, then 2 blocks of 6 nodes × 3 runs, then 301 × 2: node counts off the module's 16 at a time.
  for (const [n, runs, blocks] of [
    [11, 3, 1],
    [12, 3, 2],
    [301, 2, 1],
  ] as const) {
    const l = { ...lattice(n, runs, true, lcg(5)), blocks };
    const stepper = simdAmbientStepper(l, true)!;
    const keys: Key[] = Array.from({ length: runs * blocks }, (_, s) => [(0x9e3779b9 + s) >>> 0, 12345 * (s + 1)]);
    const streams: AmbientStream[] = keys.map(([key0, key1]) => ({ key0, key1, step: 0 }));
    const nodes = n / blocks;
    for (let step = 0; step < 2; step++) {
      stepper.draw(streams);
      assert.ok(
        streams.every((t) => t.step === step + 1),
        "a draw advances each stream's step by one",
      );
      streams.forEach((_, s) => {
        const [b, r] = [Math.floor(s / runs), s % runs];
        const lane = Float64Array.from({ length: nodes }, (_, i) => stepper.noise[(b * nodes + i) * runs + r]!);
        assertBitwise(lane, referenceNormals(keys[s]!, step, nodes, misses), `${n} nodes, block ${b}, run ${r}, step ${step}`);
      });
    }
  }
  assert.ok(misses.words > 0, "some word missed the fast path (the module listed it, JavaScript finished it)");
});
