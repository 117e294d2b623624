/** `EmtdInteraction` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "./io";
import { INTERACTION, type InteractionAttrs, interactionKernel } from "./interaction";

export const interactionCpuConfig: KernelConfig = {
  kernelName: INTERACTION,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    interactionKernel(cpuIO(backend), inputs as never, attrs as unknown as InteractionAttrs)) as KernelFunc,
};
