/**
 * `EmtdMalaCorrection` on tfjs's WebGPU backend: the per-entry asymmetry in one program pass (graph-program.ts's
 * `MalaTermsProgram`, in product form), summed by tfjs's Sum kernel on the GPU. WGSL has no float64: the CPU kernel
 * sums in float64, this one in float32 (the terms' product form keeps each term to a few ULP; the sum's rounding
 * grows with the field, γ_(N·C) of Σ|term| at worst).
 */
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { MALA_CORRECTION } from "../mala-kernel";
import type { WebGpuBackend } from "./graph-webgpu";
import { MalaTermsProgram } from "./graph-program";

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
