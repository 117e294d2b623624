/** `EmtdBroadcast` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { BROADCAST, broadcastKernel } from "../broadcast-kernel";
import { hostKernelConfig } from "../kernel-io";

export const broadcastCpuConfig: KernelConfig = hostKernelConfig(BROADCAST, "cpu", broadcastKernel);
