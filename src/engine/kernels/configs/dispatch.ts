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

/**
 * Fields of at least this many entries (N·C) take the fused paths whose float rounding differs from the tfjs-op
 * composites (the consensus error summed in float64; ULA's drift computed inside the fused Langevin step rather than
 * rounded to a float32 gradient first). Smaller fields keep the composites' numbers, which the recorded results hold
 * (fixtures, verdicts and notebooks run far below it), while at 2·10⁶ entries the composites cost more than the step.
 */
export const LARGE_FIELD_ENTRIES = 1 << 16;
