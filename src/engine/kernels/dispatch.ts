/** Kernel dispatch: use a fused kernel only where it is registered for the active backend. */
import * as tf from "@tensorflow/tfjs";

/** True when `kernelName` is registered for the backend in use (so `runKernel` will find it). */
export function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/** Run a registered kernel by name; `attrs` may hold plain objects (the graph plan), as tfjs's FromPixels does. */
export function runKernel(kernelName: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
  return tf.engine().runKernel(kernelName, inputs as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
}
