/** `EmtdNoisyDescent` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { NOISY_DESCENT, type NoisyDescentAttrs, noisyDescentKernel } from "../langevin-kernel";

export const noisyDescentCpuConfig: KernelConfig = {
  kernelName: NOISY_DESCENT,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    noisyDescentKernel(cpuIO(backend), inputs as never, attrs as unknown as NoisyDescentAttrs)) as KernelFunc,
};
