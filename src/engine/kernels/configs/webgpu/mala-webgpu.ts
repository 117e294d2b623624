/**
 * MALA's proposal asymmetry on tfjs's WebGPU backend, with the per-entry terms in product form (reduce-program.ts's
 * `malaTerms`, (2(x − y) + h(gy − gx))·h(gx + gy), so that no two large squares are subtracted in float32), formed
 * and summed in one barrier-free pass chain (reduce-program.ts) with no full-size intermediate:
 *
 * - `EmtdMalaCorrection`: their sum over the field, a scalar;
 * - `EmtdChainMalaCorrections`: their sum per chain block of X [N, R·d], [R]: the column sums, then each chain's d
 *   columns.
 *
 * Precision, stated: WGSL has no float64; the CPU kernels sum in float64, these in float32. Each term carries a few
 * roundings (h itself is rounded to float32): within 8u·A·B of its exact value, A = 2|x − y| + h(|gy| + |gx|) and
 * B = h(|gx| + |gy|) (u = 2⁻²⁴); the sum of n terms adds at most γ_(n−1)·Σ|term|. At large fields the asymmetry is a
 * small difference (O(h^{3/2}·√N)) and this error may be of its order: the decisions are then float32 ones.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { CHAIN_MALA_CORRECTIONS, MALA_CORRECTION } from "../mala-kernel";
import { webgpuInternals } from "../../tfjs/private-hooks";
import { axisSums } from "./reduce-program";

export const malaCorrectionWebgpuConfig: KernelConfig = {
  kernelName: MALA_CORRECTION,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { x, y, gx, gy } = inputs as Record<string, TensorInfo>;
    const step = (attrs as unknown as { step: number }).step;
    // The whole field as one column: its terms formed and summed in the pass chain, no [N, C] intermediate.
    const total = axisSums(webgpuInternals(backend), [x!, y!, gx!, gy!], [1, x!.shape.reduce((a, b) => a * b, 1), 1], {
      term: "malaTerms",
      param: step,
    });
    return { ...total, shape: [] };
  }) as KernelFunc,
};

export const chainMalaCorrectionsWebgpuConfig: KernelConfig = {
  kernelName: CHAIN_MALA_CORRECTIONS,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const gpu = webgpuInternals(backend);
    const { x, y, gx, gy } = inputs as Record<string, TensorInfo>;
    const { step, chains } = attrs as unknown as { step: number; chains: number };
    const [rows, width] = x!.shape as [number, number];
    const columns = axisSums(gpu, [x!, y!, gx!, gy!], [1, rows, width], { term: "malaTerms", param: step });
    const perChain = axisSums(gpu, [columns], [chains, width / chains, 1]);
    gpu.disposeData(columns.dataId);
    return { ...perChain, shape: [chains] };
  }) as KernelFunc,
};
