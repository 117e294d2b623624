/** `EmtdSquareGradient` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { SQUARE_GRADIENT, squareGradientKernel } from "../square-gradient-kernel";

export const squareGradientCpuConfig: KernelConfig = {
  kernelName: SQUARE_GRADIENT,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend }) => squareGradientKernel(cpuIO(backend), inputs as never)) as KernelFunc,
};
