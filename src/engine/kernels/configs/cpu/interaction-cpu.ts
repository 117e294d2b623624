/** `EmtdInteraction` and `EmtdInteractionEnergy` on the cpu backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { cpuIO } from "../kernel-io";
import { INTERACTION, INTERACTION_ENERGY, type InteractionAttrs, interactionEnergyKernel, interactionKernel } from "../interaction-kernel";

export const interactionCpuConfig: KernelConfig = {
  kernelName: INTERACTION,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    interactionKernel(cpuIO(backend), inputs as never, attrs as unknown as InteractionAttrs)) as KernelFunc,
};

export const interactionEnergyCpuConfig: KernelConfig = {
  kernelName: INTERACTION_ENERGY,
  backendName: "cpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    interactionEnergyKernel(cpuIO(backend), inputs as never, attrs as unknown as InteractionAttrs)) as KernelFunc,
};
