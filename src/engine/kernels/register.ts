/**
 * The one explicit registration of every fused kernel for the cpu and wasm backends (called by `ready()`;
 * idempotent). Other backends (e.g. `tensorflow` from tfjs-node) get no registration, so the dispatchers use
 * the composite references there.
 */
import * as tf from "@tensorflow/tfjs";
import { laplacianProductCpuConfig } from "./laplacian_cpu";
import { laplacianProductWasmConfig } from "./laplacian_wasm";
import { interactionCpuConfig } from "./interaction_cpu";
import { interactionWasmConfig } from "./interaction_wasm";
import { interactionGradConfig } from "./interaction";
import { langevinUpdateCpuConfig } from "./langevin_cpu";
import { langevinUpdateWasmConfig } from "./langevin_wasm";
import { noisyDescentCpuConfig } from "./noisy_descent_cpu";
import { noisyDescentWasmConfig } from "./noisy_descent_wasm";
import { isingSweepCpuConfig } from "./ising_cpu";
import { isingSweepWasmConfig } from "./ising_wasm";
import { edgeDifferencesCpuConfig } from "./edge_differences_cpu";
import { edgeDifferencesWasmConfig } from "./edge_differences_wasm";
import { incidenceTransposeCpuConfig } from "./incidence_transpose_cpu";
import { incidenceTransposeWasmConfig } from "./incidence_transpose_wasm";
import { broadcastCpuConfig } from "./broadcast_cpu";
import { broadcastWasmConfig } from "./broadcast_wasm";
import { squareGradientCpuConfig } from "./square_gradient_cpu";
import { squareGradientWasmConfig } from "./square_gradient_wasm";
import { unsortedSegmentSumWasmConfig } from "./segment_sum_wasm";
import { installAutodiffOverrides, removeAutodiffOverrides } from "./autodiff";

export const FUSED_KERNEL_CONFIGS: readonly tf.KernelConfig[] = [
  laplacianProductCpuConfig,
  laplacianProductWasmConfig,
  interactionCpuConfig,
  interactionWasmConfig,
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
  unsortedSegmentSumWasmConfig, // a stock tfjs kernel tfjs-wasm lacks (the gradient of gather)
];

let registered = false;

/**
 * Register the fused kernels (and the gradient of the two-output interaction kernel), and install the faster
 * autodiff pieces (./autodiff: the Sum and Square gradients; Identity, Cast, Multiply, Sum on wasm). Idempotent.
 */
export function registerFusedKernels(): void {
  installAutodiffOverrides(); // every time: the wasm backend may have registered its kernels since the last call
  if (registered) return;
  for (const config of FUSED_KERNEL_CONFIGS) {
    if (tf.getKernel(config.kernelName, config.backendName) === undefined) tf.registerKernel(config);
  }
  if (tf.getGradient(interactionGradConfig.kernelName) === undefined) tf.registerGradient(interactionGradConfig);
  registered = true;
}

/** Remove the fused kernels and the autodiff overrides (tests use it to exercise the composite fallback). */
export function unregisterFusedKernels(): void {
  removeAutodiffOverrides();
  for (const config of FUSED_KERNEL_CONFIGS) {
    if (tf.getKernel(config.kernelName, config.backendName) !== undefined) tf.unregisterKernel(config.kernelName, config.backendName);
  }
  registered = false;
}
