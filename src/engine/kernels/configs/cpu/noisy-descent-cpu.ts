/** `EmtdNoisyDescent` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { NOISY_DESCENT, noisyDescentKernel } from "../langevin-kernel";
import { hostKernelConfig } from "../kernel-io";

export const noisyDescentCpuConfig: KernelConfig = hostKernelConfig(NOISY_DESCENT, "cpu", noisyDescentKernel);
