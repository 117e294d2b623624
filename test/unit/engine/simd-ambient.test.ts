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
import { simdAmbientStepper, type AmbientLattice, type PolarStream } from "../../../src/engine/kernels/simd/simd-ambient";

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

/** Marsaglia's polar method on sfc32 from `stream`'s words, as ops/ambient-step.ts's JavaScript loop draws. */
function referenceNormals(stream: PolarStream, count: number): Float64Array {
  let { a, b, c, d } = stream;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return 2 * (t / 4294967296) - 1;
  };
  const out = new Float64Array(count);
  for (let k = 0; k < count; k += 2) {
    let p: number, q: number, r: number;
    do {
      p = next();
      q = next();
      r = p * p + q * q;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    out[k] = p * f;
    if (k + 1 < count) out[k + 1] = q * f;
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

test("the SIMD ambient normals: each run (and block of nodes) its own polar stream on sfc32, its spare carried across calls", async () => {
  assert.ok(await prepareSimd());
  // 11 nodes × 3 runs, then 2 blocks of 6 nodes × 3 runs: an odd count per stream leaves a spare for the next call.
  for (const [n, runs, blocks] of [
    [11, 3, 1],
    [12, 3, 2],
  ] as const) {
    const l = { ...lattice(n, runs, true, lcg(5)), blocks };
    const stepper = simdAmbientStepper(l, true)!;
    const streams: PolarStream[] = Array.from({ length: runs * blocks }, (_, s) => ({
      ...{ a: 0x9e3779b9 + s, b: 12345 * (s + 1), c: 0xdeadbeef, d: 1 + s, spare: 0, hasSpare: false },
    }));
    const nodes = n / blocks;
    const want = streams.map((t) => referenceNormals({ ...t }, 2 * nodes));
    stepper.draw(streams);
    const first = Float64Array.from(stepper.noise);
    assert.ok(
      streams.every((t) => t.hasSpare === (nodes % 2 === 1)),
      "an odd count of normals leaves the pair's second as the spare",
    );
    stepper.draw(streams);
    streams.forEach((_, s) => {
      const [b, r] = [Math.floor(s / runs), s % runs];
      const lane = (noise: Float64Array) => Array.from({ length: nodes }, (_, i) => noise[(b * nodes + i) * runs + r]!);
      assertBitwise(Float64Array.from([...lane(first), ...lane(stepper.noise)]), want[s]!, `block ${b}, run ${r}: two calls`);
    });
  }
});
