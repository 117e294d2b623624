/**
 * MALA's proposal asymmetry on tfjs's WebGPU backend, with the per-entry terms in product form (graph-program.ts's
 * `MalaTermsProgram`, (2(x − y) + h(gy − gx))·h(gx + gy), so that no two large squares are subtracted in float32):
 *
 * - `EmtdMalaCorrection`: their sum over the field, a scalar (tfjs's Sum kernel);
 * - `EmtdChainMalaCorrections`: their sum per chain block of X [N, R·d], [R], formed and summed in one barrier-free
 *   pass chain (reduce-program.ts) with no [N, R·d] intermediate: the column sums, then each chain's d columns.
 *
 * Precision, stated: WGSL has no float64; the CPU kernels sum in float64, these in float32. Each term carries a few
 * roundings (h itself is rounded to float32): within 8u·A·B of its exact value, A = 2|x − y| + h(|gy| + |gx|) and
 * B = h(|gx| + |gy|) (u = 2⁻²⁴); the sum of n terms adds at most γ_(n−1)·Σ|term|. At large fields the asymmetry is a
 * small difference (O(h^{3/2}·√N)) and this error may be of its order: the decisions are then float32 ones.
 */
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { CHAIN_MALA_CORRECTIONS, MALA_CORRECTION } from "../mala-kernel";
import type { WebGpuBackend } from "./graph-webgpu";
import { MalaTermsProgram } from "./graph-program";
import { axisSums } from "./reduce-program";

export const malaCorrectionWebgpuConfig: KernelConfig = {
  kernelName: MALA_CORRECTION,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const gpu = backend as unknown as WebGpuBackend;
    const { x, y, gx, gy } = inputs as Record<string, TensorInfo>;
    const step = (attrs as unknown as { step: number }).step;
    const terms = gpu.runWebGPUProgram(new MalaTermsProgram(x!.shape), [x!, y!, gx!, gy!], "float32", [{ type: "float32", data: [step] }]);
    const sum = getKernel("Sum", "webgpu")!;
    const axis = x!.shape.map((_, i) => i);
    const total = sum.kernelFunc({ inputs: { x: terms }, backend, attrs: { axis, keepDims: false } }) as TensorInfo;
    gpu.disposeData(terms.dataId);
    return total;
  }) as KernelFunc,
};

export const chainMalaCorrectionsWebgpuConfig: KernelConfig = {
  kernelName: CHAIN_MALA_CORRECTIONS,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const gpu = backend as unknown as WebGpuBackend;
    const { x, y, gx, gy } = inputs as Record<string, TensorInfo>;
    const { step, chains } = attrs as unknown as { step: number; chains: number };
    const [rows, width] = x!.shape as [number, number];
    const columns = axisSums(gpu, [x!, y!, gx!, gy!], [1, rows, width], { term: "malaTerms", param: step });
    const perChain = axisSums(gpu, [columns], [chains, width / chains, 1]);
    gpu.disposeData(columns.dataId);
    return { ...perChain, shape: [chains] };
  }) as KernelFunc,
};
