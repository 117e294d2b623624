/** `EmtdEdgeDifferences` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { EDGE_DIFFERENCES, edgeDifferencesKernel } from "../incidence-kernel";
import { hostKernelConfig } from "../kernel-io";

export const edgeDifferencesCpuConfig: KernelConfig = hostKernelConfig(EDGE_DIFFERENCES, "cpu", edgeDifferencesKernel);
