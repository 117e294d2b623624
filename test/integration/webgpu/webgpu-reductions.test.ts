import { test } from "node:test";
import assert from "node:assert/strict";
import { webgpuDataIds } from "../../../src/engine/webgpu/tfjs-bridge";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { hasKernel, runKernel } from "../../../src/engine/kernels/configs/dispatch";
import { CONSENSUS_ERROR, consensusErrorValues } from "../../../src/engine/kernels/configs/consensus-kernel";
import { CHAIN_MALA_CORRECTIONS, chainMalaCorrections } from "../../../src/engine/kernels/configs/mala-kernel";
import { FAN } from "../../../src/engine/kernels/configs/webgpu/reduce-program";
import { WORKGROUP } from "../../../src/engine/kernels/configs/webgpu/graph-program";
import { consensusError } from "../../../src/field/field";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";

resource("swiftshader");

// The barrier-free sums of engine/kernels/configs/webgpu/reduce-program.ts (tfjs's Sum and Mean over one axis, the
// consensus error, the per-chain MALA asymmetry) against float64 references, within bounds derived from float32
// rounding: a sum of n terms in any order is within γ_(n−1)·Σ|term| of the exact sum (u = 2⁻²⁴).

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is
const U = 2 ** -24;
const gamma = (n: number): number => (n * U) / (1 - n * U);
/** Rows: past FAN² (three passes) and a multiple of neither the workgroup nor FAN. */
const ROWS = FAN * FAN + 3 * WORKGROUP + 7;

/** Deterministic values in [lo, lo + 4). */
function values(count: number, seed: number, lo = -2): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 4 + lo;
  }
  return out;
}

const live = (): [number, number] => [tf.memory().numTensors, webgpuDataIds()];

test(
  "Sum and Mean over one axis of a 2-D float32 tensor on webgpu: within γ_(n−1)·Σ|x| of float64, keepDims shapes",
  { skip: missing ?? false },
  async () => {
    assert.equal(await ready({ backend: "webgpu" }), "webgpu");
    const before = live();
    for (const [rows, cols] of [
      [ROWS, 3],
      [5, ROWS],
      [1, 7],
    ] as const) {
      const xv = values(rows * cols, rows + cols, 1); // one-signed and away from 0: the bound is not vacuous
      const x = tf.tensor2d(xv, [rows, cols]);
      for (const axis of [0, 1]) {
        const [kept, n] = axis === 0 ? [cols, rows] : [rows, cols];
        const at = (k: number, j: number) => (axis === 0 ? xv[j * cols + k]! : xv[k * cols + j]!);
        const sum = tf.sum(x, axis);
        const mean = tf.mean(x, axis, true);
        assert.deepEqual(sum.shape, [kept]);
        assert.deepEqual(mean.shape, axis === 0 ? [1, cols] : [rows, 1]);
        const [s, m] = [await sum.data(), await mean.data()];
        tf.dispose([sum, mean]);
        for (let k = 0; k < kept; k++) {
          let [exact, abs] = [0, 0];
          for (let j = 0; j < n; j++) [exact, abs] = [exact + at(k, j), abs + Math.abs(at(k, j))];
          const bound = gamma(n - 1) * abs;
          assert.ok(Math.abs(s[k]! - exact) <= bound, `[${rows}, ${cols}] sum axis ${axis} [${k}]: ${s[k]} vs ${exact} (bound ${bound})`);
          // The mean: that sum divided once, within 2.5 ULP (WGSL's division), ULP ≤ 2u of the quotient.
          const meanBound = bound / n + 5 * U * (abs / n);
          assert.ok(Math.abs(m[k]! - exact / n) <= meanBound, `[${rows}, ${cols}] mean axis ${axis} [${k}]: ${m[k]} vs ${exact / n}`);
        }
      }
      tf.dispose(x);
    }
    // Every other case stays on stock tfjs: a full sum, a 3-D axis sum, int32.
    const cube = tf.tensor3d(values(2 * 3 * 4, 9), [2, 3, 4]);
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], "int32");
    const [full, middle, intSum] = [tf.sum(cube), tf.sum(cube, 1), tf.sum(ints, 0)];
    assert.deepEqual(middle.shape, [2, 4]);
    assert.equal(intSum.dtype, "int32");
    assert.deepEqual(Array.from(await intSum.data()), [9, 12]);
    const cv = await cube.data();
    assert.ok(Math.abs((await full.data())[0]! - Array.from(cv).reduce((a, b) => a + b, 0)) < 1e-5);
    tf.dispose([cube, ints, full, middle, intSum]);
    assert.deepEqual(live(), before);
  },
);

test(
  "EmtdConsensusError on webgpu: the float64 CPU value within its float32 bound, C = 1, 2, 5; consensusError takes it at any size",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    assert.ok(hasKernel(CONSENSUS_ERROR));
    const before = live();
    for (const [rows, channels] of [
      [ROWS, 2],
      [ROWS, 5],
      [1000, 1],
      [3, 2],
    ] as const) {
      const xv = values(rows * channels, 7 * rows + channels, 3); // an offset mean: the centring matters
      const x = tf.tensor2d(xv, [rows, channels]);
      const [kernel, front] = [runKernel(CONSENSUS_ERROR, { psi: x }, {}) as tf.Scalar, consensusError(x)];
      const [got, viaFront] = [(await kernel.data())[0]!, (await front.data())[0]!];
      tf.dispose([x, kernel, front]);
      assert.equal(viaFront, got, "consensusError takes the kernel on webgpu whatever the size");
      const exact = consensusErrorValues(xv, rows, channels);
      // The mean m̂_c = fl(S_c·fl(1/N)) misses m_c by δ_c ≤ (γ_(N−1)·Σ|x_c| + 3u·|S_c|)/N, which adds Σ_c δ_c² exactly
      // (Σ(x − m̂)² = Σ(x − m)² + N·δ²); each centred square carries γ_3, their sum γ_(N·C−1), the division 2.5 ULP.
      let shift = 0;
      for (let c = 0; c < channels; c++) {
        let [s, abs] = [0, 0];
        for (let i = 0; i < rows; i++) [s, abs] = [s + xv[i * channels + c]!, abs + Math.abs(xv[i * channels + c]!)];
        const delta = (gamma(rows - 1) * abs + 3 * U * Math.abs(s)) / rows;
        shift += delta * delta;
      }
      const bound = (1 + gamma(3)) * (1 + gamma(rows * channels - 1)) * (1 + 5 * U) * (exact + shift) - exact + 1e-30;
      assert.ok(Math.abs(got - exact) <= bound, `[${rows}, ${channels}]: ${got} vs ${exact} (bound ${bound})`);
    }
    assert.deepEqual(live(), before);
  },
);

test(
  "EmtdChainMalaCorrections on webgpu: per chain, the float64 CPU sums within the stated float32 bound (R = 3, d = 3)",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    assert.ok(hasKernel(CHAIN_MALA_CORRECTIONS));
    const before = live();
    for (const [rows, R, d] of [
      [ROWS, 3, 3],
      [1001, 2, 1],
    ] as const) {
      const size = rows * R * d;
      const h = 0.01;
      const [xv, gxv, gyv] = [values(size, 1), values(size, 2), values(size, 3)];
      const noise = values(size, 4);
      const yv = xv.map((v, a) => v - h * gxv[a]! + Math.sqrt(2 * h) * noise[a]!);
      const [x, y, gx, gy] = [xv, yv, gxv, gyv].map((v) => tf.tensor2d(v, [rows, R * d]));
      const out = runKernel(CHAIN_MALA_CORRECTIONS, { x: x!, y: y!, gx: gx!, gy: gy! }, { step: h, chains: R }) as tf.Tensor1D;
      assert.deepEqual(out.shape, [R]);
      const got = await out.data();
      tf.dispose([x!, y!, gx!, gy!, out]);
      const exact = chainMalaCorrections(xv, yv, gxv, gyv, h, R, d);
      const n = rows * d;
      for (let r = 0; r < R; r++) {
        // Per term: 8u·A·B (mala-webgpu.ts); the sum: γ_(n−1)·Σ|term|; the float64 reference's u² − v²: 4·2⁻⁵³·Σ(u² + v²).
        let [terms, abs, reference] = [0, 0, 0];
        for (let i = 0; i < rows; i++) {
          for (let a = i * R * d + r * d; a < i * R * d + (r + 1) * d; a++) {
            const [dx, gs] = [xv[a]! - yv[a]!, Math.abs(gxv[a]!) + Math.abs(gyv[a]!)];
            const A = 2 * Math.abs(dx) + h * gs;
            const t = (2 * dx + h * (gyv[a]! - gxv[a]!)) * h * (gxv[a]! + gyv[a]!);
            terms += 8 * U * A * h * gs;
            abs += Math.abs(t) + 8 * U * A * h * gs;
            reference += (dx + h * gyv[a]!) ** 2 + (h * gxv[a]! - dx) ** 2;
          }
        }
        const bound = terms + gamma(n - 1) * abs + 4 * 2 ** -53 * reference;
        assert.ok(Math.abs(got[r]! - exact[r]!) <= bound, `[${rows}, ${R}·${d}] chain ${r}: ${got[r]} vs ${exact[r]} (bound ${bound})`);
      }
    }
    assert.deepEqual(live(), before);
  },
);
