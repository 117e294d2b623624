/**
 * Fused kernel `EmtdInteraction`: the interaction energy and its gradient in one pass over the graph,
 *
 *   H = J Σ_⟨ij⟩ J_ij ‖x_i − x_j‖² = J tr(Xᵀ L X),   ∇H = 2J L X,
 *
 * two outputs: H (float32 scalar) and ∇H ([N, C] float32). A kernel with two outputs cannot go through
 * `customGrad` (which wraps one output), so its gradient is registered with `registerGradient`, written in
 * reference ops: d/dX of ⟨dH, H⟩ + ⟨dG, ∇H⟩ = dH·∇H + 2J L dG (L symmetric). The front end with its composite
 * reference is ops/interaction (`interactionEnergyAndGradient`), which picks this kernel when it is registered.
 */
import * as tf from "@tensorflow/tfjs";
import type { PackedEdges } from "../edges";
import { hasKernel, runKernel } from "./dispatch";
import { interactionRows } from "./impl";
import type { KernelIO } from "./io";
import { fusedLaplacianProduct } from "./laplacian";
import { JOB_INTERACTION, parallelRows, willParallelize } from "./pool";
import { simdApplies, simdLaplacian2 } from "./simd";
import { type GraphPlan, planFor } from "./plan";
import { ringLaplacian2, ringLaplacianApplies } from "./ring";

export const INTERACTION = "EmtdInteraction";

export interface InteractionAttrs {
  plan: GraphPlan;
  coupling: number;
}

export function interactionKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: InteractionAttrs): tf.TensorInfo[] {
  const { x } = inputs;
  const { plan, coupling } = attrs;
  const channels = x.shape[1]!;
  return io.run(
    [x],
    [
      { shape: [], dtype: "float32" },
      { shape: x.shape, dtype: "float32" },
    ],
    ([xs], [energy, gradient]) => {
      // A structured ring lattice: the stencil, no index arrays (kernels/ring); the energy summed as below.
      if (ringLaplacianApplies(plan, channels)) {
        energy![0] = ringLaplacian2(plan, xs as Float32Array, gradient as Float32Array, 2 * coupling) / 2;
        return;
      }
      if (simdApplies(plan, channels) && !willParallelize(plan)) {
        const xv = xs as Float32Array;
        const g = gradient as Float32Array;
        simdLaplacian2(plan, xv, g, 2 * coupling);
        let e = 0;
        for (let a = 0; a < g.length; a++) e += xv[a]! * g[a]!;
        energy![0] = e / 2;
        return;
      }
      energy![0] = parallelRows(
        { kind: JOB_INTERACTION, plan, channels, a: coupling },
        xs as Float32Array,
        gradient as Float32Array,
        (r0, r1, xv, gv) => interactionRows(plan, xv, channels, coupling, gv, r0, r1),
      );
    },
  ).outputs;
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

/** True when the fused interaction can run on the active backend for this field. */
export function canFuseInteraction(x: tf.Tensor): boolean {
  return x.dtype === "float32" && hasKernel(INTERACTION);
}

/**
 * [H, ∇H] of J tr(Xᵀ L X) through the fused kernel (it must be registered), differentiable through the registered
 * gradient. X [N, C] float32. Caller disposes both.
 */
export function fusedInteraction(x: tf.Tensor2D, graph: PackedEdges | GraphPlan, coupling = 1): [tf.Scalar, tf.Tensor2D] {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  return runKernel(INTERACTION, { x }, { plan, coupling }) as [tf.Scalar, tf.Tensor2D];
}
