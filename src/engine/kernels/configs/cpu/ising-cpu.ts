/** `EmtdIsingSweep` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { ISING_SWEEP, type IsingAttrs, isingKernel } from "../ising-kernel";

export const isingSweepCpuConfig: KernelConfig = {
  kernelName: ISING_SWEEP,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) => isingKernel(cpuIO(backend), inputs as never, attrs as unknown as IsingAttrs)) as KernelFunc,
};
