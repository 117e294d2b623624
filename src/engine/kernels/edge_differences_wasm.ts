/** `EmtdEdgeDifferences` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "./io";
import { EDGE_DIFFERENCES, type IncidenceAttrs, edgeDifferencesKernel } from "./incidence";

export const edgeDifferencesWasmConfig: KernelConfig = {
  kernelName: EDGE_DIFFERENCES,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    edgeDifferencesKernel(wasmIO(backend), inputs as never, attrs as unknown as IncidenceAttrs)) as KernelFunc,
};
