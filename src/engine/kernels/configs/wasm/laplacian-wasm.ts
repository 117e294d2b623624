/** `EmtdLaplacianProduct` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig } from "@tensorflow/tfjs";
import { LAPLACIAN_PRODUCT, laplacianKernel } from "../laplacian-kernel";
import { hostKernelConfig } from "../kernel-io";

export const laplacianProductWasmConfig: KernelConfig = hostKernelConfig(LAPLACIAN_PRODUCT, "wasm", laplacianKernel);
