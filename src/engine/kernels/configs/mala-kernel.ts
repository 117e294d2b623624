/**
 * Fused kernel `EmtdMalaCorrection`: the proposal asymmetry of MALA's Metropolis–Hastings ratio,
 *
 *   Σ_a (x_a − y_a + h·∇H(y)_a)² − (y_a − x_a + h·∇H(x)_a)²,
 *
 * over every entry of X, Y, ∇H(X), ∇H(Y) [N, C] in one pass, each term and the sum in float64, the result rounded
 * once to a float32 scalar. Shared by cpu and wasm through kernels/configs/kernel-io.
 *
 * Why: MALA formed the two sums in tfjs ops (sub, mul, add, square, sum, twice: ten passes over the field and
 * their temporaries) on the calling thread, about 10 ms of a 39 ms step at N = 10⁶, d = 2; and each sum in float32
 * before their difference, which at large N is a small difference of two large sums (both ≈ 2hT·N·d, while their
 * difference is O(h^{3/2}·√N)): the float32 sums' rounding (≈ 10⁻⁷ of each) then swamps it. One float64 pass of the
 * difference per entry has neither cost.
 */
import type { KernelConfig, TensorInfo } from "@tensorflow/tfjs";
import { type KernelIO, hostKernelConfig } from "./kernel-io";

export const MALA_CORRECTION = "EmtdMalaCorrection";

/**
 * Fused kernel `EmtdChainMalaCorrections`: {@link chainMalaCorrections} for X, Y, ∇H(X), ∇H(Y) [N, R·d] (attributes
 * `step`, `chains`) as a float32 [R] tensor. Registered on webgpu only (configs/webgpu/mala-webgpu.ts: float32, WGSL
 * has no float64); elsewhere the batched MALA reads the fields and calls {@link chainMalaCorrections} in float64.
 */
export const CHAIN_MALA_CORRECTIONS = "EmtdChainMalaCorrections";

export interface MalaCorrectionAttrs {
  /** The step h. */
  step: number;
}

/** Σ_a (x − y + h·gy)² − (y − x + h·gx)² over the entries, in float64 (two interleaved sums, then added). */
export function malaCorrectionValues(x: Float32Array, y: Float32Array, gx: Float32Array, gy: Float32Array, h: number): number {
  let [s, t] = [0, 0];
  const n = x.length;
  const even = n - (n % 2);
  for (let a = 0; a < even; a += 2) {
    const d0 = x[a]! - y[a]!;
    const d1 = x[a + 1]! - y[a + 1]!;
    const [u0, v0] = [d0 + h * gy[a]!, h * gx[a]! - d0];
    const [u1, v1] = [d1 + h * gy[a + 1]!, h * gx[a + 1]! - d1];
    s += u0 * u0 - v0 * v0;
    t += u1 * u1 - v1 * v1;
  }
  if (even < n) {
    const d = x[even]! - y[even]!;
    const [u, v] = [d + h * gy[even]!, h * gx[even]! - d];
    s += u * u - v * v;
  }
  return s + t;
}

/**
 * {@link malaCorrectionValues} for R chains side by side (X [N, R·d] row-major, chain r in columns r·d … r·d + d − 1):
 * per chain, the same per-entry difference in float64, summed in row order.
 */
export function chainMalaCorrections(
  x: Float32Array,
  y: Float32Array,
  gx: Float32Array,
  gy: Float32Array,
  h: number,
  chains: number,
  channels: number,
): Float64Array {
  const out = new Float64Array(chains);
  const width = chains * channels;
  for (let row = 0; row < x.length; row += width) {
    for (let r = 0; r < chains; r++) {
      let sum = out[r]!;
      for (let a = row + r * channels, end = a + channels; a < end; a++) {
        const d = x[a]! - y[a]!;
        const [u, v] = [d + h * gy[a]!, h * gx[a]! - d];
        sum += u * u - v * v;
      }
      out[r] = sum;
    }
  }
  return out;
}

function malaCorrectionKernel(io: KernelIO, inputs: Record<string, TensorInfo>, attrs: MalaCorrectionAttrs): TensorInfo {
  const { x, y, gx, gy } = inputs as { x: TensorInfo; y: TensorInfo; gx: TensorInfo; gy: TensorInfo };
  return io.run([x, y, gx, gy], [{ shape: [], dtype: "float32" }], ([xv, yv, gxv, gyv], [out]) => {
    out![0] = malaCorrectionValues(xv as Float32Array, yv as Float32Array, gxv as Float32Array, gyv as Float32Array, attrs.step);
  }).outputs[0]!;
}

export const malaCorrectionCpuConfig: KernelConfig = hostKernelConfig(MALA_CORRECTION, "cpu", malaCorrectionKernel);

export const malaCorrectionWasmConfig: KernelConfig = hostKernelConfig(MALA_CORRECTION, "wasm", malaCorrectionKernel);
