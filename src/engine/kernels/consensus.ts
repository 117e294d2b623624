/**
 * Fused kernel `EmtdConsensusError`: (1/N) Σ_i ‖ψ_i − ψ̄‖² of Ψ [N, C] (ψ̄ the node mean) in two passes over the rows,
 * both summed in float64, the result rounded once to float32.
 *
 * Why: the run loop records it after every step of a run of up to 1000 steps. In tfjs ops (mean over axis 0, the
 * row-broadcast subtraction, square, sum) it took 19 ms of a 34 ms `emtd sample --integrator ula` step on
 * ring:1000000:10 with two threads (`node --cpu-prof`), all on the calling thread, so more threads barely helped
 * the command. The float32 sums of those ops also lose digits at that size (a sequential float32 sum of 10⁶ terms
 * carries a relative error up to ~10⁻⁴); float64 sums do not. Shared by cpu and wasm through ./io.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { cpuIO, type KernelIO, wasmIO } from "./io";
import { heapSimdFor } from "./simd-heap";

export const CONSENSUS_ERROR = "EmtdConsensusError";

/** (1/N) Σ_i ‖ψ_i − ψ̄‖² of `values` = Ψ [rows, channels] row-major, in float64. NaN when any entry is not finite. */
export function consensusErrorValues(values: Float32Array, rows: number, channels: number): number {
  const mean = new Float64Array(channels);
  if (channels === 2) {
    // Two rows per turn into separate sums (four chains, not one), in the order of simd-heap's `consensus2`.
    const even = rows - (rows % 2);
    let [m0, m1, n0, n1] = [0, 0, 0, 0];
    for (let i = 0; i < 2 * even; i += 4) {
      m0 += values[i]!;
      m1 += values[i + 1]!;
      n0 += values[i + 2]!;
      n1 += values[i + 3]!;
    }
    if (even < rows) [m0, m1] = [m0 + values[2 * even]!, m1 + values[2 * even + 1]!];
    const [a, b] = [(m0 + n0) / rows, (m1 + n1) / rows];
    let [s0, s1, t0, t1] = [0, 0, 0, 0];
    for (let i = 0; i < 2 * even; i += 4) {
      const [u, v, w, z] = [values[i]! - a, values[i + 1]! - b, values[i + 2]! - a, values[i + 3]! - b];
      s0 += u * u;
      s1 += v * v;
      t0 += w * w;
      t1 += z * z;
    }
    if (even < rows) [s0, s1] = [s0 + (values[2 * even]! - a) ** 2, s1 + (values[2 * even + 1]! - b) ** 2];
    return (s0 + t0 + (s1 + t1)) / rows;
  }
  for (let i = 0, k = 0; i < rows; i++) for (let c = 0; c < channels; c++, k++) mean[c]! += values[k]!;
  for (let c = 0; c < channels; c++) mean[c]! /= rows;
  let s = 0;
  for (let i = 0, k = 0; i < rows; i++) {
    for (let c = 0; c < channels; c++, k++) {
      const u = values[k]! - mean[c]!;
      s += u * u;
    }
  }
  return s / rows;
}

function consensusErrorKernel(io: KernelIO, psi: TensorInfo): TensorInfo {
  const [rows, channels] = psi.shape as [number, number];
  return io.run([psi], [{ shape: [], dtype: "float32" }], ([v], [out]) => {
    out![0] = consensusErrorValues(v as Float32Array, rows, channels);
  }).outputs[0]!;
}

export const consensusErrorCpuConfig: KernelConfig = {
  kernelName: CONSENSUS_ERROR,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend }) => consensusErrorKernel(cpuIO(backend), (inputs as { psi: TensorInfo }).psi)) as KernelFunc,
};

/** On wasm, two-channel fields by the SIMD loop in tfjs-wasm's memory (./simd-heap), the same numbers. */
export const consensusErrorWasmConfig: KernelConfig = {
  kernelName: CONSENSUS_ERROR,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend }) => {
    const { psi } = inputs as { psi: TensorInfo };
    const [rows, channels] = psi.shape as [number, number];
    const loops = channels === 2 ? heapSimdFor(backend) : null;
    if (!loops) return consensusErrorKernel(wasmIO(backend), psi);
    return wasmIO(backend).run([psi], [{ shape: [], dtype: "float32" }], ([v], [out]) => {
      out![0] = loops.consensus2(rows, v!.byteOffset);
    }).outputs[0]!;
  }) as KernelFunc,
};

/** d/dΨ = dy · 2(Ψ − ψ̄)/N, so the kernel is differentiable like the composite it replaces. */
export const consensusErrorGradConfig: tf.GradConfig = {
  kernelName: CONSENSUS_ERROR,
  inputsToSave: ["psi"],
  gradFunc: (dy, saved) => {
    const [psi] = saved as [tf.Tensor2D];
    return {
      psi: () => tf.mul(dy as tf.Scalar, tf.mul(tf.sub(psi, tf.mean(psi, 0, true)), 2 / psi.shape[0])),
    };
  },
};
