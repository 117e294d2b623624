/** `EmtdSquareGradient` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { SQUARE_GRADIENT, squareGradientKernel } from "../square-gradient-kernel";
import { hostKernelConfig } from "../kernel-io";

export const squareGradientCpuConfig: KernelConfig = hostKernelConfig(SQUARE_GRADIENT, "cpu", squareGradientKernel);
