/** `EmtdEdgeDifferences` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { EDGE_DIFFERENCES, type IncidenceAttrs, edgeDifferencesKernel } from "../incidence-kernel";

export const edgeDifferencesCpuConfig: KernelConfig = {
  kernelName: EDGE_DIFFERENCES,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    edgeDifferencesKernel(cpuIO(backend), inputs as never, attrs as unknown as IncidenceAttrs)) as KernelFunc,
};
