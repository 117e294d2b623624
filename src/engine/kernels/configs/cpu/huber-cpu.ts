/** `EmtdHuberCoupling` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { HUBER_COUPLING, huberCouplingKernel } from "../huber-kernel";
import { hostKernelConfig } from "../kernel-io";

export const huberCouplingCpuConfig: KernelConfig = hostKernelConfig(HUBER_COUPLING, "cpu", huberCouplingKernel);
