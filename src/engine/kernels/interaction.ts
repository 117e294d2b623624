/**
 * Fused kernel `EmtdInteraction`: the interaction energy and its gradient in one pass over the graph,
 *
 *   H = J Σ_⟨ij⟩ J_ij ‖x_i − x_j‖² = J tr(Xᵀ L X),   ∇H = 2J L X,
 *
 * two outputs: H (float32 scalar) and ∇H ([N, C] float32). A kernel with two outputs cannot go through
 * `customGrad` (which wraps one output), so its gradient is registered with `registerGradient`, written in
 * reference ops: d/dX of ⟨dH, H⟩ + ⟨dG, ∇H⟩ = dH·∇H + 2J L dG (L symmetric). The composite reference
 * {@link interactionEnergyAndGradientReference} uses sparseSegmentSum; the dispatcher
 * {@link interactionEnergyAndGradient} picks the kernel when it is registered for the active backend.
 */
import * as tf from "@tensorflow/tfjs";
import type { Graph } from "../../graph/graph";
import { laplacianProductReference } from "../../graph/operators";
import { hasKernel, runKernel } from "./dispatch";
import { interactionRows } from "./impl";
import type { KernelIO } from "./io";
import { fusedLaplacianProduct } from "./laplacian";
import { JOB_INTERACTION, parallelRows, willParallelize } from "./pool";
import { simdApplies, simdLaplacian2 } from "./simd";
import { type GraphPlan, planFor } from "./plan";

export const INTERACTION = "EmtdInteraction";

export interface InteractionAttrs {
  plan: GraphPlan;
  coupling: number;
}

export function interactionKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: InteractionAttrs): tf.TensorInfo[] {
  const { x } = inputs;
  const { plan, coupling } = attrs;
  const channels = x.shape[1]!;
  return io.run([x], [{ shape: [], dtype: "float32" }, { shape: x.shape, dtype: "float32" }], ([xs], [energy, gradient]) => {
    if (simdApplies(plan, channels) && !willParallelize(plan)) {
      const xv = xs as Float32Array;
      const g = gradient as Float32Array;
      simdLaplacian2(plan, xv, g, 2 * coupling);
      let e = 0;
      for (let a = 0; a < g.length; a++) e += xv[a]! * g[a]!;
      energy![0] = e / 2;
      return;
    }
    energy![0] = parallelRows({ kind: JOB_INTERACTION, plan, channels, a: coupling }, xs as Float32Array, gradient as Float32Array, (r0, r1, xv, gv) =>
      interactionRows(plan, xv, channels, coupling, gv, r0, r1),
    );
  }).outputs;
}

/** The gradient config, registered once with the kernels. */
export const interactionGradConfig: tf.GradConfig = {
  kernelName: INTERACTION,
  outputsToSave: [false, true],
  gradFunc: (dy, saved, attrs) => {
    const [dEnergy, dGradient] = dy as tf.Tensor[];
    const [gradient] = saved;
    const { plan, coupling } = attrs as unknown as InteractionAttrs;
    return {
      x: () => tf.add(tf.mul(dEnergy!, gradient!), fusedLaplacianProduct(dGradient as tf.Tensor2D, plan, 2 * coupling)),
    };
  },
};

export interface InteractionResult {
  energy: tf.Scalar;
  gradient: tf.Tensor2D;
}

/** The composite reference: H = J Σ x ⊙ L x, ∇H = 2J L x with L·X on sparseSegmentSum. Caller disposes both. */
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
 */
export function interactionEnergyAndGradient(x: tf.Tensor2D, graph: Graph, coupling = 1): InteractionResult {
  if (x.dtype !== "float32" || !hasKernel(INTERACTION)) return interactionEnergyAndGradientReference(x, graph, coupling);
  const [energy, gradient] = runKernel(INTERACTION, { x }, { plan: planFor(graph), coupling }) as [tf.Scalar, tf.Tensor2D];
  return { energy, gradient };
}
