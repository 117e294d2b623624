/**
 * The interaction energy and its gradient as one op, H = J Σ_⟨ij⟩ J_ij ‖x_i − x_j‖² = J tr(Xᵀ L X), ∇H = 2J L X.
 * The front end picks the fused kernel `EmtdInteraction` (engine/kernels/configs/interaction-kernel, one pass, both outputs) where
 * it is registered, the composite reference on L·X elsewhere. Differentiable either way.
 */
import * as tf from "@tensorflow/tfjs";
import {
  canFuseInteraction,
  canFuseInteractionEnergy,
  fusedInteraction,
  fusedInteractionEnergy,
} from "../engine/kernels/configs/interaction-kernel";
import type { Graph } from "../graph/graph";
import { laplacianProductReference } from "./laplacian";

export interface InteractionResult {
  energy: tf.Scalar;
  gradient: tf.Tensor2D;
}

/**
 * The composite reference: H = J Σ x ⊙ L x (a scalar), ∇H = 2J L x ([N, C]) with L·X on sparseSegmentSum. Caller
 * disposes both.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const { energy, gradient } = interactionEnergyAndGradientReference(x, graph, 0.5); // J = 0.5
 * await energy.data(); // → [6] (0.5 · (1 + 1 + 1 + 3²))
 * await gradient.data(); // → [-4, 0, 0, 4]
 * tf.dispose([x, energy, gradient]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function interactionEnergyAndGradientReference(x: tf.Tensor2D, graph: Graph, coupling = 1): InteractionResult {
  return tf.tidy(() => {
    const lx = laplacianProductReference(x, graph);
    return {
      energy: tf.mul(tf.sum(tf.mul(x, lx)), coupling) as tf.Scalar,
      gradient: tf.mul(lx, 2 * coupling) as tf.Tensor2D,
    };
  });
}

/**
 * H and ∇H of the interaction J tr(Xᵀ L X) for X [N, C]: fused when the kernel is registered for the active
 * backend, the reference otherwise. Differentiable either way. Caller disposes both tensors.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const { energy, gradient } = interactionEnergyAndGradient(x, graph, 1);
 * await energy.data(); // → [12] (1 + 1 + 1 + 3² over the four edges)
 * await gradient.data(); // → [-8, 0, 0, 8] (2J·L·x)
 * tf.dispose([x, energy, gradient]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function interactionEnergyAndGradient(x: tf.Tensor2D, graph: Graph, coupling = 1): InteractionResult {
  if (!canFuseInteraction(x)) return interactionEnergyAndGradientReference(x, graph, coupling);
  const [energy, gradient] = fusedInteraction(x, graph, coupling);
  return { energy, gradient };
}

/**
 * H of the interaction J tr(Xᵀ L X) alone, X [N, C]: the same number as {@link interactionEnergyAndGradient}'s energy,
 * through the fused `EmtdInteractionEnergy` where it is registered (no gradient stored or copied out), the reference
 * otherwise. Differentiable either way. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const energy = interactionEnergy(x, graph, 1);
 * await energy.data(); // → [12]
 * tf.dispose([x, energy]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function interactionEnergy(x: tf.Tensor2D, graph: Graph, coupling = 1): tf.Scalar {
  if (!canFuseInteractionEnergy(x)) {
    const { energy, gradient } = interactionEnergyAndGradientReference(x, graph, coupling);
    gradient.dispose();
    return energy;
  }
  return fusedInteractionEnergy(x, graph, coupling);
}
