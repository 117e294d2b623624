/** `EmtdLaplacianProduct` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { LAPLACIAN_PRODUCT, type LaplacianAttrs, laplacianKernel } from "../laplacian-kernel";

export const laplacianProductCpuConfig: KernelConfig = {
  kernelName: LAPLACIAN_PRODUCT,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    laplacianKernel(cpuIO(backend), inputs as never, attrs as unknown as LaplacianAttrs)) as KernelFunc,
};
