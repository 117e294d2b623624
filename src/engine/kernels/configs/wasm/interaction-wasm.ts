/** `EmtdInteraction` and `EmtdInteractionEnergy` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { INTERACTION, INTERACTION_ENERGY, type InteractionAttrs, interactionEnergyKernel, interactionKernel } from "../interaction-kernel";

export const interactionWasmConfig: KernelConfig = {
  kernelName: INTERACTION,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    interactionKernel(wasmIO(backend), inputs as never, attrs as unknown as InteractionAttrs)) as KernelFunc,
};

export const interactionEnergyWasmConfig: KernelConfig = {
  kernelName: INTERACTION_ENERGY,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    interactionEnergyKernel(wasmIO(backend), inputs as never, attrs as unknown as InteractionAttrs)) as KernelFunc,
};
