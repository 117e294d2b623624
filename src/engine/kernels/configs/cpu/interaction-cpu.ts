/** `EmtdInteraction` and `EmtdInteractionEnergy` on the cpu backend. */
import type { KernelConfig } from "@tensorflow/tfjs";
import { INTERACTION, INTERACTION_ENERGY, interactionEnergyKernel, interactionKernel } from "../interaction-kernel";
import { hostKernelConfig } from "../kernel-io";

export const interactionCpuConfig: KernelConfig = hostKernelConfig(INTERACTION, "cpu", interactionKernel);

export const interactionEnergyCpuConfig: KernelConfig = hostKernelConfig(INTERACTION_ENERGY, "cpu", interactionEnergyKernel);
