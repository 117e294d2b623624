/** `EmtdLaplacianProduct` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { LAPLACIAN_PRODUCT, laplacianKernel } from "../laplacian-kernel";
import { hostKernelConfig } from "../kernel-io";

export const laplacianProductCpuConfig: KernelConfig = hostKernelConfig(LAPLACIAN_PRODUCT, "cpu", laplacianKernel);
