/**
 * The noisy descent X' = X − h·G + √(2hT) ξ for any gradient G: the ULA/MALA proposal of every energy. The front
 * end picks the fused kernel `EmtdNoisyDescent` (engine/kernels/configs/langevin-kernel) where it is registered and the composite
 * reference elsewhere; both draw the same ξ ({@link langevinNoise}).
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key } from "../engine/random";
import { canFuseNoisyDescent, fusedNoisyDescent, langevinNoise, langevinSigma } from "../engine/kernels/configs/langevin-kernel";

/**
 * The composite reference of {@link noisyDescent}: X − h·G + √(2hT) ξ in tfjs ops, the same noise ξ from `key`.
 * X, G [N, C]; returns [N, C]. Caller disposes.
 *
 * @example
 * ```ts
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const grad = tf.tensor2d([[-8], [0], [0], [8]]);
 * const y = noisyDescentReference(x, grad, 0.01, 1, key(3));
 * await y.data(); // → [0.030, 1.137, 2.096, 2.840] (noisyDescent(x, grad, 0.01, 1, key(3)) to float32 rounding)
 * tf.dispose([x, grad, y]);
 * ```
 */
export function noisyDescentReference(x: tf.Tensor2D, g: tf.Tensor2D, step: number, temperature: number, key: Key): tf.Tensor2D {
  checkKey("emtd/ops/noisyDescentReference", "key", key);
  return tf.tidy(() => {
    const noise = langevinNoise(key, x.shape as [number, number]);
    return tf.add(tf.sub(x, tf.mul(g, step)), tf.mul(noise, langevinSigma(step, temperature))) as tf.Tensor2D;
  });
}

/**
 * X' = X − h·G + √(2hT) ξ for X, G [N, C] float32 (the ULA/MALA proposal for any energy). Fused when registered.
 * Differentiable in X and G. Caller disposes.
 *
 * @example
 * ```ts
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const grad = tf.tensor2d([[-8], [0], [0], [8]]); // ∇H of the interaction on the 4-cycle at x
 * const descent = noisyDescent(x, grad, 0.01, 0, key(3)); // T = 0: a plain gradient step
 * await descent.data(); // → [0.08, 1, 2, 2.92]
 * const proposal = noisyDescent(x, grad, 0.01, 1, key(3)); // T = 1: plus √(2hT) ξ, ξ from key(3)
 * await proposal.data(); // → [0.030, 1.137, 2.096, 2.840]
 * tf.dispose([x, grad, descent, proposal]);
 * ```
 */
export function noisyDescent(x: tf.Tensor2D, g: tf.Tensor2D, step: number, temperature: number, key: Key): tf.Tensor2D {
  checkKey("emtd/ops/noisyDescent", "key", key);
  if (!canFuseNoisyDescent(x, g)) return noisyDescentReference(x, g, step, temperature, key);
  return fusedNoisyDescent(x, g, step, langevinSigma(step, temperature), key);
}
