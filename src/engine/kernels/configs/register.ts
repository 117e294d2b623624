/**
 * The one explicit registration of every fused kernel for the cpu and wasm backends (called by `ready()`;
 * idempotent). Other backends (e.g. `tensorflow` from tfjs-node) get no registration, so the dispatchers use
 * the composite references there.
 */
import * as tf from "@tensorflow/tfjs";
import { laplacianProductCpuConfig } from "./cpu/laplacian-cpu";
import { laplacianProductWasmConfig } from "./wasm/laplacian-wasm";
import { interactionCpuConfig, interactionEnergyCpuConfig } from "./cpu/interaction-cpu";
import { interactionEnergyWasmConfig, interactionWasmConfig } from "./wasm/interaction-wasm";
import { interactionEnergyGradConfig, interactionGradConfig } from "./interaction-kernel";
import { langevinUpdateCpuConfig } from "./cpu/langevin-cpu";
import { langevinUpdateWasmConfig } from "./wasm/langevin-wasm";
import { noisyDescentCpuConfig } from "./cpu/noisy-descent-cpu";
import { noisyDescentWasmConfig } from "./wasm/noisy-descent-wasm";
import { isingSweepCpuConfig } from "./cpu/ising-cpu";
import { isingSweepWasmConfig } from "./wasm/ising-wasm";
import { edgeDifferencesCpuConfig } from "./cpu/edge-differences-cpu";
import { edgeDifferencesWasmConfig } from "./wasm/edge-differences-wasm";
import { incidenceTransposeCpuConfig } from "./cpu/incidence-transpose-cpu";
import { incidenceTransposeWasmConfig } from "./wasm/incidence-transpose-wasm";
import { broadcastCpuConfig } from "./cpu/broadcast-cpu";
import { broadcastWasmConfig } from "./wasm/broadcast-wasm";
import { squareGradientCpuConfig } from "./cpu/square-gradient-cpu";
import { squareGradientWasmConfig } from "./wasm/square-gradient-wasm";
import { unsortedSegmentSumWasmConfig } from "./wasm/segment-sum-wasm";
import { edgeSquareGradientCpuConfig, edgeSquareGradientWasmConfig } from "./edge-square-kernel";
import { malaCorrectionCpuConfig, malaCorrectionWasmConfig } from "./mala-kernel";
import { huberCouplingCpuConfig } from "./cpu/huber-cpu";
import { huberCouplingWasmConfig } from "./wasm/huber-wasm";
import { consensusErrorCpuConfig, consensusErrorGradConfig, consensusErrorWasmConfig } from "./consensus-kernel";
import { installAutodiffOverrides, removeAutodiffOverrides } from "./autodiff-overrides";
import { installCpuOverrides, removeCpuOverrides } from "../tfjs/cpu-overrides";

export const FUSED_KERNEL_CONFIGS: readonly tf.KernelConfig[] = [
  laplacianProductCpuConfig,
  laplacianProductWasmConfig,
  interactionCpuConfig,
  interactionWasmConfig,
  interactionEnergyCpuConfig,
  interactionEnergyWasmConfig,
  langevinUpdateCpuConfig,
  langevinUpdateWasmConfig,
  noisyDescentCpuConfig,
  noisyDescentWasmConfig,
  isingSweepCpuConfig,
  isingSweepWasmConfig,
  edgeDifferencesCpuConfig,
  edgeDifferencesWasmConfig,
  incidenceTransposeCpuConfig,
  incidenceTransposeWasmConfig,
  broadcastCpuConfig,
  broadcastWasmConfig,
  squareGradientCpuConfig,
  squareGradientWasmConfig,
  edgeSquareGradientCpuConfig,
  edgeSquareGradientWasmConfig,
  consensusErrorCpuConfig,
  consensusErrorWasmConfig,
  malaCorrectionCpuConfig,
  malaCorrectionWasmConfig,
  huberCouplingCpuConfig,
  huberCouplingWasmConfig,
  unsortedSegmentSumWasmConfig, // a stock tfjs kernel tfjs-wasm lacks (the gradient of gather)
];

let registered = false;

/**
 * Register the fused kernels (and the gradient of the two-output interaction kernel), and install the faster
 * autodiff pieces (kernels/configs/autodiff-overrides: the Sum and Square gradients; Identity, Cast, Multiply, Sum on wasm). Idempotent.
 */
export function registerFusedKernels(): void {
  installAutodiffOverrides(); // every time: the wasm backend may have registered its kernels since the last call
  installCpuOverrides(); // tfjs-cpu's 2-D Transpose and row-broadcast binary ops (kernels/tfjs/cpu-overrides)
  if (registered) return;
  for (const config of FUSED_KERNEL_CONFIGS) {
    if (tf.getKernel(config.kernelName, config.backendName) === undefined) tf.registerKernel(config);
  }
  for (const grad of [interactionGradConfig, interactionEnergyGradConfig, consensusErrorGradConfig]) {
    if (tf.getGradient(grad.kernelName) === undefined) tf.registerGradient(grad);
  }
  registered = true;
}

/** Remove the fused kernels and the autodiff overrides (tests use it to exercise the composite fallback). */
export function unregisterFusedKernels(): void {
  removeAutodiffOverrides();
  removeCpuOverrides();
  for (const config of FUSED_KERNEL_CONFIGS) {
    if (tf.getKernel(config.kernelName, config.backendName) !== undefined) tf.unregisterKernel(config.kernelName, config.backendName);
  }
  registered = false;
}
