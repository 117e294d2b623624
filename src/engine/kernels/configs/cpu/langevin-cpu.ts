/** `EmtdLangevinUpdate` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { LANGEVIN_UPDATE, type LangevinAttrs, langevinKernel } from "../langevin-kernel";

export const langevinUpdateCpuConfig: KernelConfig = {
  kernelName: LANGEVIN_UPDATE,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    langevinKernel(cpuIO(backend), inputs as never, attrs as unknown as LangevinAttrs)) as KernelFunc,
};
