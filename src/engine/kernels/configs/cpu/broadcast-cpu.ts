/** `EmtdBroadcast` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { BROADCAST, type BroadcastAttrs, broadcastKernel } from "../broadcast-kernel";

export const broadcastCpuConfig: KernelConfig = {
  kernelName: BROADCAST,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    broadcastKernel(cpuIO(backend), inputs as never, attrs as unknown as BroadcastAttrs)) as KernelFunc,
};
