/** `EmtdInteraction` and `EmtdInteractionEnergy` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig } from "@tensorflow/tfjs";
import { INTERACTION, INTERACTION_ENERGY, interactionEnergyKernel, interactionKernel } from "../interaction-kernel";
import { hostKernelConfig } from "../kernel-io";

export const interactionWasmConfig: KernelConfig = hostKernelConfig(INTERACTION, "wasm", interactionKernel);

export const interactionEnergyWasmConfig: KernelConfig = hostKernelConfig(INTERACTION_ENERGY, "wasm", interactionEnergyKernel);
