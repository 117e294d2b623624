/**
 * The one explicit registration of every fused kernel for the cpu and wasm backends (called by `ready()`;
 * idempotent). Other backends (e.g. `tensorflow` from tfjs-node) get no registration, so the dispatchers use
 * the composite references there.
 */
import * as tf from "@tensorflow/tfjs";
import { laplacianProductCpuConfig } from "./laplacian-cpu";
import { laplacianProductWasmConfig } from "./laplacian-wasm";
import { interactionCpuConfig, interactionEnergyCpuConfig } from "./interaction-cpu";
import { interactionEnergyWasmConfig, interactionWasmConfig } from "./interaction-wasm";
import { interactionEnergyGradConfig, interactionGradConfig } from "./interaction";
import { langevinUpdateCpuConfig } from "./langevin-cpu";
import { langevinUpdateWasmConfig } from "./langevin-wasm";
import { noisyDescentCpuConfig } from "./noisy-descent-cpu";
import { noisyDescentWasmConfig } from "./noisy-descent-wasm";
import { isingSweepCpuConfig } from "./ising-cpu";
import { isingSweepWasmConfig } from "./ising-wasm";
import { edgeDifferencesCpuConfig } from "./edge-differences-cpu";
import { edgeDifferencesWasmConfig } from "./edge-differences-wasm";
import { incidenceTransposeCpuConfig } from "./incidence-transpose-cpu";
import { incidenceTransposeWasmConfig } from "./incidence-transpose-wasm";
import { broadcastCpuConfig } from "./broadcast-cpu";
import { broadcastWasmConfig } from "./broadcast-wasm";
import { squareGradientCpuConfig } from "./square-gradient-cpu";
import { squareGradientWasmConfig } from "./square-gradient-wasm";
import { unsortedSegmentSumWasmConfig } from "./segment-sum-wasm";
import { edgeSquareGradientCpuConfig, edgeSquareGradientWasmConfig } from "./edge-square";
import { malaCorrectionCpuConfig, malaCorrectionWasmConfig } from "./mala";
import { consensusErrorCpuConfig, consensusErrorGradConfig, consensusErrorWasmConfig } from "./consensus";
import { installAutodiffOverrides, removeAutodiffOverrides } from "./autodiff";
import { installCpuOverrides, removeCpuOverrides } from "./cpu-overrides";

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
  unsortedSegmentSumWasmConfig, // a stock tfjs kernel tfjs-wasm lacks (the gradient of gather)
];

let registered = false;

/**
 * Register the fused kernels (and the gradient of the two-output interaction kernel), and install the faster
 * autodiff pieces (./autodiff: the Sum and Square gradients; Identity, Cast, Multiply, Sum on wasm). Idempotent.
 */
export function registerFusedKernels(): void {
  installAutodiffOverrides(); // every time: the wasm backend may have registered its kernels since the last call
  installCpuOverrides(); // tfjs-cpu's 2-D Transpose and row-broadcast binary ops (./cpu-overrides)
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
