/** `EmtdLangevinUpdate` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { LANGEVIN_UPDATE, langevinKernel } from "../langevin-kernel";
import { hostKernelConfig } from "../kernel-io";

export const langevinUpdateCpuConfig: KernelConfig = hostKernelConfig(LANGEVIN_UPDATE, "cpu", langevinKernel);
