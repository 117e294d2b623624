/** `EmtdLaplacianProduct` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { LAPLACIAN_PRODUCT, type LaplacianAttrs, laplacianKernel } from "../laplacian-kernel";

export const laplacianProductWasmConfig: KernelConfig = {
  kernelName: LAPLACIAN_PRODUCT,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    laplacianKernel(wasmIO(backend), inputs as never, attrs as unknown as LaplacianAttrs)) as KernelFunc,
};
