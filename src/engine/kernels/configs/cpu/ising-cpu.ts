/** `EmtdIsingSweep` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { ISING_SWEEP, isingKernel } from "../ising-kernel";
import { hostKernelConfig } from "../kernel-io";

export const isingSweepCpuConfig: KernelConfig = hostKernelConfig(ISING_SWEEP, "cpu", isingKernel);
