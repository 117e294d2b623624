/** `EmtdIncidenceTranspose` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "./io";
import { INCIDENCE_TRANSPOSE, type IncidenceAttrs, incidenceTransposeKernel } from "./incidence";

export const incidenceTransposeWasmConfig: KernelConfig = {
  kernelName: INCIDENCE_TRANSPOSE,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    incidenceTransposeKernel(wasmIO(backend), inputs as never, attrs as unknown as IncidenceAttrs)) as KernelFunc,
};
