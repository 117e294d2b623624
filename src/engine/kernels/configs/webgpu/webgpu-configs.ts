/**
 * The fused kernels' WebGPU configs. They are registered in the WebGPU worker's tfjs (engine/webgpu/tfjs-worker.ts),
 * where the real backend lives; the library's thread forwards them by name like tfjs's own kernels
 * (engine/webgpu/tfjs-bridge.ts), so `hasKernel` finds them on `webgpu` and the op front ends pick them.
 */
import type { KernelConfig } from "@tensorflow/tfjs";
import {
  interactionEnergyWebgpuConfig,
  interactionWebgpuConfig,
  langevinStepsWebgpuConfig,
  langevinUpdateWebgpuConfig,
  laplacianProductWebgpuConfig,
  noisyDescentWebgpuConfig,
} from "./fused-webgpu";
import { chainMalaCorrectionsWebgpuConfig, malaCorrectionWebgpuConfig } from "./mala-webgpu";
import { malaStepWebgpuConfig } from "./mala-step-webgpu";
import { consensusErrorWebgpuConfig } from "./consensus-webgpu";
import { isingStepsWebgpuConfig, isingSweepWebgpuConfig } from "./ising-webgpu";

export const WEBGPU_KERNEL_CONFIGS: readonly KernelConfig[] = [
  langevinStepsWebgpuConfig,
  malaStepWebgpuConfig,
  langevinUpdateWebgpuConfig,
  noisyDescentWebgpuConfig,
  laplacianProductWebgpuConfig,
  interactionWebgpuConfig,
  interactionEnergyWebgpuConfig,
  malaCorrectionWebgpuConfig,
  chainMalaCorrectionsWebgpuConfig,
  consensusErrorWebgpuConfig,
  isingSweepWebgpuConfig,
  isingStepsWebgpuConfig,
];
