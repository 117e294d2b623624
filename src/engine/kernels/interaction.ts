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
import { NOISE_BLOCK_ROWS } from "../fastrandom";
import { laplacianRows } from "./impl";
import type { KernelIO } from "./io";
import { fusedLaplacianProduct } from "./laplacian";
import { JOB_LAPLACIAN, parallelRows } from "./pool";
import { simdApplies } from "./simd";
import { simdInteraction2 } from "./simd-rows";
import { type GraphPlan, planFor } from "./plan";
import { ringLaplacian2, ringLaplacianApplies } from "./ring";
import { torusLaplacian2, torusStencilApplies } from "./torus";

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
      const xv = xs as Float32Array;
      const g = gradient as Float32Array;
      // A structured ring lattice: the stencil, no index arrays (kernels/ring); the energy in the block order below.
      if (ringLaplacianApplies(plan, channels)) {
        ringLaplacian2(plan, xv, g, 2 * coupling, false);
        energy![0] = blockwiseDot(xv, g, channels, plan.n) / 2;
        return;
      }
      // The same for a large structured torus (kernels/torus).
      if (torusStencilApplies(plan, channels)) {
        torusLaplacian2(plan, xv, g, 2 * coupling);
        energy![0] = blockwiseDot(xv, g, channels, plan.n) / 2;
        return;
      }
      // Unit weights, d = 2: the SIMD module on every thread, the energy's block partials formed there (simd-rows.ts).
      if (simdApplies(plan, channels)) {
        energy![0] = simdInteraction2(plan, xv, g, coupling);
        return;
      }
      // Else the JavaScript loop over the threads for ∇H = 2J L x, then the energy in the same block order.
      parallelRows({ kind: JOB_LAPLACIAN, plan, channels, a: 2 * coupling }, xv, g, (r0, r1, xr, gr) => {
        laplacianRows(plan, xr, channels, gr, r0, r1, 2 * coupling);
        return 0;
      });
      energy![0] = blockwiseDot(xv, g, channels, plan.n) / 2;
    },
  ).outputs;
}

/**
 * Σ_a x_a·g_a over n rows of width `channels`, summed per noise block of rows (element order from 0) and then over the
 * blocks in order: the order of the SIMD path's partials (simd-rows.simdInteraction2), so that every path and thread
 * count forms the energy alike.
 */
export function blockwiseDot(x: Float32Array, g: Float32Array, channels: number, n: number): number {
  let sum = 0;
  for (let r0 = 0; r0 < n; r0 += NOISE_BLOCK_ROWS) {
    let partial = 0;
    for (let a = r0 * channels, end = Math.min(n, r0 + NOISE_BLOCK_ROWS) * channels; a < end; a++) partial += x[a]! * g[a]!;
    sum += partial;
  }
  return sum;
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
