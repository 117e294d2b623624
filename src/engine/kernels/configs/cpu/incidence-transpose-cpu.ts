/** `EmtdIncidenceTranspose` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { INCIDENCE_TRANSPOSE, type IncidenceAttrs, incidenceTransposeKernel } from "../incidence-kernel";

export const incidenceTransposeCpuConfig: KernelConfig = {
  kernelName: INCIDENCE_TRANSPOSE,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    incidenceTransposeKernel(cpuIO(backend), inputs as never, attrs as unknown as IncidenceAttrs)) as KernelFunc,
};
