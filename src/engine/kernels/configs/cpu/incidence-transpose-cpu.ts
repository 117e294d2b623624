/** `EmtdIncidenceTranspose` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { INCIDENCE_TRANSPOSE, incidenceTransposeKernel } from "../incidence-kernel";
import { hostKernelConfig } from "../kernel-io";

export const incidenceTransposeCpuConfig: KernelConfig = hostKernelConfig(INCIDENCE_TRANSPOSE, "cpu", incidenceTransposeKernel);
