/**
 * `EmtdConsensusError` on tfjs's WebGPU backend: (1/N) Σ_i ‖ψ_i − ψ̄‖² of Ψ [N, C] in the CPU kernel's two passes (the
 * column means, then the centred squares), all on the GPU by the barrier-free sums (reduce-program.ts), one float32
 * scalar out. Why a kernel: through tfjs ops (mean over axis 0, subtract, square, sum) the record of `emtd sample
 * --backend webgpu` spent 0.5–2 s per record on ring:40000:10 under SwiftShader, in tfjs's axis reductions.
 *
 * Float32 where the CPU kernel sums in float64: the mean is within γ_N of Σ|ψ|/N per column, and the result within
 * γ_(N·C) of the sum of the computed squares (reduce-program.ts), so it is a float32 estimate, not the CPU's number.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { CONSENSUS_ERROR } from "../consensus-kernel";
import { webgpuInternals } from "../../tfjs/private-hooks";
import { axisSums } from "./reduce-program";

export const consensusErrorWebgpuConfig: KernelConfig = {
  kernelName: CONSENSUS_ERROR,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend }) => {
    const gpu = webgpuInternals(backend);
    const psi = (inputs as { psi: TensorInfo }).psi;
    const [rows, channels] = psi.shape as [number, number];
    const sums = axisSums(gpu, [psi], [1, rows, channels]);
    const squares = axisSums(gpu, [psi, sums], [1, rows, channels], { term: "centred", param: 1 / rows });
    gpu.disposeData(sums.dataId);
    const total = axisSums(gpu, [squares], [1, channels, 1], { divisor: rows });
    gpu.disposeData(squares.dataId);
    return { ...total, shape: [] };
  }) as KernelFunc,
};
