/**
 * Fused kernel `EmtdConsensusError`: (1/N) Σ_i ‖ψ_i − ψ̄‖² of Ψ [N, C] (ψ̄ the node mean) in two passes over the rows,
 * both summed in float64, the result rounded once to float32.
 *
 * Why: the run loop records it after every step of a run of up to 1000 steps. In tfjs ops (mean over axis 0, the
 * row-broadcast subtraction, square, sum) it took 19 ms of a 34 ms `emtd sample --integrator ula` step on
 * ring:1000000:10 with two threads (`node --cpu-prof`), all on the calling thread, so more threads barely helped
 * the command. The float32 sums of those ops also lose digits at that size (a sequential float32 sum of 10⁶ terms
 * carries a relative error up to ~10⁻⁴); float64 sums do not.
 *
 * Order: per noise block of rows (NOISE_BLOCK_ROWS), a partial per channel (for two channels the block's even and
 * odd rows summed apart, then added: consensus-wat.ts), and the partials added in block order. So the SIMD loop in
 * tfjs-wasm's memory, the same loop on every thread over a field the fused step keeps in the shared module (the
 * step `emtd sample` records after), and the JavaScript loop of cpu give one number bit for bit.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import { cpuIO, type KernelIO, wasmIO } from "./kernel-io";
import { hasKernel, LARGE_FIELD_ENTRIES, runKernel } from "./dispatch";
import { type WasmModuleInternals, wasmInternals } from "../tfjs/private-hooks";
import { heapSimdFor, type HeapSimd } from "../simd/simd-heap";
import { heldLayout, simdExports, simdScratch } from "../simd/simd-module";
import { planCuts, runShares, willParallelize } from "../threads/pool";
import { consensusShare, JOB_SIMD_CONSENSUS } from "../simd/simd-rows";

export const CONSENSUS_ERROR = "EmtdConsensusError";

/**
 * The consensus error of float32 Ψ [N, C] by the fused kernel where it is the path: from LARGE_FIELD_ENTRIES entries
 * on, and on webgpu at every size (tfjs's axis reductions there are slow: configs/webgpu/consensus-webgpu.ts), where
 * registered; else null, and the caller (field/field.ts, a floor below ops/) forms it in tfjs ops. Caller disposes.
 */
export function fusedConsensusError(psi: tf.Tensor2D): tf.Scalar | null {
  const fused = psi.size >= LARGE_FIELD_ENTRIES || tf.getBackend() === "webgpu";
  if (!fused || psi.dtype !== "float32" || !hasKernel(CONSENSUS_ERROR)) return null;
  return runKernel(CONSENSUS_ERROR, { psi }, {}) as tf.Scalar;
}

/** The block partials of one pass over rows [r0, r1) of two-channel `values` (see the module comment), into `partials`. */
function blockPass2(values: Float32Array, r0: number, r1: number, m0: number, m1: number, squares: boolean, partials: Float64Array): void {
  for (let i = r0; i < r1;) {
    const end = Math.min(r1, (i & -NOISE_BLOCK_ROWS) + NOISE_BLOCK_ROWS);
    let [e0, e1, o0, o1] = [0, 0, 0, 0];
    const pairs = i + 2 * Math.floor((end - i) / 2);
    for (let r = i; r < pairs; r += 2) {
      const [a, b, c, d] = [values[2 * r]! - m0, values[2 * r + 1]! - m1, values[2 * r + 2]! - m0, values[2 * r + 3]! - m1];
      if (squares) [e0, e1, o0, o1] = [e0 + a * a, e1 + b * b, o0 + c * c, o1 + d * d];
      else [e0, e1, o0, o1] = [e0 + a, e1 + b, o0 + c, o1 + d];
    }
    if (pairs < end) {
      const [a, b] = [values[2 * pairs]! - m0, values[2 * pairs + 1]! - m1];
      [e0, e1] = squares ? [e0 + a * a, e1 + b * b] : [e0 + a, e1 + b];
    }
    const block = i / NOISE_BLOCK_ROWS;
    partials[2 * block] = e0 + o0;
    partials[2 * block + 1] = e1 + o1;
    i = end;
  }
}

/** The per-channel sums of `partials` (blocks × 2) in block order. */
function inOrder(partials: Float64Array): [number, number] {
  let [s0, s1] = [0, 0];
  for (let b = 0; b < partials.length; b += 2) [s0, s1] = [s0 + partials[b]!, s1 + partials[b + 1]!];
  return [s0, s1];
}

/** Two-channel consensus error from a pass function writing block partials (mean pass, then squares pass). */
function twoPasses(rows: number, pass: (m0: number, m1: number, squares: boolean) => Float64Array): number {
  // x − 0 is exact, so the sums pass may share the squares pass's code.
  const [s0, s1] = inOrder(pass(0, 0, false));
  const [q0, q1] = inOrder(pass(s0 / rows, s1 / rows, true));
  return (q0 + q1) / rows;
}

/**
 * (1/N) Σ_i ‖ψ_i − ψ̄‖² of `values` = Ψ [rows, channels] row-major, in float64, in the order of the module comment (the
 * JavaScript loop every path equals). NaN when any entry is not finite.
 */
export function consensusErrorValues(values: Float32Array, rows: number, channels: number): number {
  const blocks = Math.ceil(rows / NOISE_BLOCK_ROWS);
  if (channels === 2) {
    const partials = new Float64Array(2 * blocks);
    return twoPasses(rows, (m0, m1, squares) => {
      blockPass2(values, 0, rows, m0, m1, squares, partials);
      return partials;
    });
  }
  const mean = new Float64Array(channels);
  const total = new Float64Array(channels);
  for (const squares of [false, true]) {
    total.fill(0);
    for (let r0 = 0; r0 < rows; r0 += NOISE_BLOCK_ROWS) {
      const partial = new Float64Array(channels);
      for (let i = r0, end = Math.min(rows, r0 + NOISE_BLOCK_ROWS); i < end; i++) {
        for (let c = 0; c < channels; c++) {
          const u = values[i * channels + c]! - mean[c]!;
          partial[c]! += squares ? u * u : u;
        }
      }
      for (let c = 0; c < channels; c++) total[c]! += partial[c]!;
    }
    if (!squares) for (let c = 0; c < channels; c++) mean[c] = total[c]! / rows;
  }
  let s = 0;
  for (let c = 0; c < channels; c++) s += total[c]!;
  return s / rows;
}

type HeapModule = WasmModuleInternals;

/** The SIMD loop in tfjs-wasm's memory (one thread), its partials at `at` on that heap (16 bytes per block). */
function heapConsensus2(loops: HeapSimd, module: HeapModule, x: number, rows: number, at: number): number {
  const blocks = Math.ceil(rows / NOISE_BLOCK_ROWS);
  return twoPasses(rows, (m0, m1, squares) => {
    (squares ? loops.consensusSquares2 : loops.consensusSums2)(0, rows, x, m0, m1, at);
    return new Float64Array(module.HEAPU8.buffer, at, 2 * blocks).slice();
  });
}

/**
 * The same over a field the fused step keeps in the shared SIMD module (`heldLayout`), every thread a share of whole
 * noise blocks; null when the field is not held there or would not split.
 */
function sharedConsensus2(dataId: object, rows: number): number | null {
  const layout = heldLayout(dataId);
  if (layout === null || layout.plan.n !== rows || !willParallelize(layout.plan)) return null;
  const blocks = Math.ceil(rows / NOISE_BLOCK_ROWS);
  const scratch = simdScratch(16 * blocks);
  if (scratch === null) return null;
  const cuts = planCuts(layout.plan);
  return twoPasses(rows, (m0, m1, squares) => {
    const args = [squares ? 1 : 0, layout.out, m0, m1, scratch.at];
    runShares(JOB_SIMD_CONSENSUS, cuts, args, (r0, r1) => consensusShare(args, r0, r1));
    return new Float64Array(simdExports().memory.buffer, scratch.at, 2 * blocks).slice();
  });
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

/** On wasm, two-channel fields by the SIMD loops: on every thread where the fused step keeps the field, else in tfjs-wasm's memory. */
export const consensusErrorWasmConfig: KernelConfig = {
  kernelName: CONSENSUS_ERROR,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend }) => {
    const { psi } = inputs as { psi: TensorInfo };
    const [rows, channels] = psi.shape as [number, number];
    const loops = channels === 2 ? heapSimdFor(backend) : null;
    if (!loops) return consensusErrorKernel(wasmIO(backend), psi);
    const shared = sharedConsensus2(psi.dataId, rows);
    // The partials' scratch first: an allocation may grow the heap, which detaches the kernel's views (kernels/configs/kernel-io).
    const module = wasmInternals(backend).wasm;
    const at = shared === null ? module._malloc(16 * Math.ceil(rows / NOISE_BLOCK_ROWS)) >>> 0 : 0;
    try {
      return wasmIO(backend).run([psi], [{ shape: [], dtype: "float32" }], ([v], [out]) => {
        out![0] = shared ?? heapConsensus2(loops, module, v!.byteOffset, rows, at);
      }).outputs[0]!;
    } finally {
      if (shared === null) module._free(at);
    }
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
