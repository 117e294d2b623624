/**
 * Fused kernel `EmtdInteraction`: the interaction energy and its gradient in one pass over the graph,
 *
 *   H = J Σ_⟨ij⟩ J_ij ‖x_i − x_j‖² = J tr(Xᵀ L X),   ∇H = 2J L X,
 *
 * two outputs: H (float32 scalar; its float64 value is kept beside it, kernels/configs/precise-values) and ∇H ([N, C] float32). A kernel with two outputs cannot go through
 * `customGrad` (which wraps one output), so its gradient is registered with `registerGradient`, written in
 * reference ops: d/dX of ⟨dH, H⟩ + ⟨dG, ∇H⟩ = dH·∇H + 2J L dG (L symmetric). The front end with its composite
 * reference is ops/interaction (`interactionEnergyAndGradient`), which picks this kernel when it is registered.
 */
import * as tf from "@tensorflow/tfjs";
import type { PackedEdges } from "../../edges";
import { hasKernel, runKernel } from "./dispatch";
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import { laplacianRows } from "../loops/row-loops";
import type { KernelIO } from "./kernel-io";
import { recordPrecise } from "./precise-values";
import { fusedLaplacianProduct } from "./laplacian-kernel";
import { parallelRows } from "../threads/pool";
import { JOB_LAPLACIAN } from "../threads/loop-jobs";
import { simdApplies } from "../simd/simd-module";
import { simdInteraction2 } from "../simd/simd-rows";
import { simdLaplacianWide } from "../simd/simd-wide";
import { type GraphPlan, planFor } from "../loops/graph-plan";
import { ringInteraction2, ringLaplacian2, ringLaplacianApplies } from "../stencils/ring-stencil";
import { torusInteraction2, torusLaplacian2, torusStencilApplies } from "../stencils/torus-stencil";

export const INTERACTION = "EmtdInteraction";
export const INTERACTION_ENERGY = "EmtdInteractionEnergy";

export interface InteractionAttrs {
  plan: GraphPlan;
  coupling: number;
}

export function interactionKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: InteractionAttrs): tf.TensorInfo[] {
  const { x } = inputs;
  const run = io.run(
    [x],
    [
      { shape: [], dtype: "float32" },
      { shape: x.shape, dtype: "float32" },
    ],
    ([xs], [energy, gradient]) => {
      const value = interactionValues(attrs, xs as Float32Array, gradient as Float32Array, x.shape[1]!, x.dataId);
      energy![0] = value;
      return value;
    },
  );
  recordPrecise(run.outputs[0]!, run.result);
  return run.outputs;
}

/** `EmtdInteractionEnergy`: H alone (one float32 scalar), the same number as `EmtdInteraction`'s first output. */
export function interactionEnergyKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: InteractionAttrs): tf.TensorInfo {
  const { x } = inputs;
  const run = io.run([x], [{ shape: [], dtype: "float32" }], ([xs], [energy]) => {
    const value = interactionValues(attrs, xs as Float32Array, null, x.shape[1]!, x.dataId);
    energy![0] = value;
    return value;
  });
  recordPrecise(run.outputs[0]!, run.result);
  return run.outputs[0]!;
}

/**
 * H of x (rows of `channels`), with ∇H = 2J L x written into `gradient` (null: H alone, where the SIMD pass can skip
 * storing it; the other paths form it in a temporary). `input` is x's tfjs dataId (the SIMD pass reads a field the
 * fused step keeps in its memory).
 */
function interactionValues(
  attrs: InteractionAttrs,
  xv: Float32Array,
  gradient: Float32Array | null,
  channels: number,
  input: object,
): number {
  const { plan, coupling } = attrs;
  // A structured ring lattice or torus: the stencil, no index arrays (kernels/stencils/ring-stencil, kernels/stencils/torus-stencil); asked first, as
  // simdApplies reads the plan's CSR (and would build it).
  const ring = ringLaplacianApplies(plan, channels);
  const torus = !ring && torusStencilApplies(plan, channels);
  // Unit weights, d = 2: the SIMD module on every thread, the energy's block partials formed there (simd-rows.ts).
  if (!ring && !torus && simdApplies(plan, channels)) return simdInteraction2(plan, xv, gradient, coupling, input);
  // The ring's stencil with the energy's block partials on every thread (and, alone, reading the kept field).
  const onRing = ring ? ringInteraction2(plan, xv, gradient, 2 * coupling, input) : null;
  if (onRing !== null) return onRing;
  const onTorus = torus ? torusInteraction2(plan, xv, gradient, 2 * coupling, input) : null;
  if (onTorus !== null) return onTorus;
  const g = gradient ?? energyScratch(xv.length);
  if (ring) ringLaplacian2(plan, xv, g, 2 * coupling, false);
  else if (torus) torusLaplacian2(plan, xv, g, 2 * coupling);
  // Else the SIMD module's pass for any width on one thread, or the JavaScript loop over the threads, for
  // ∇H = 2J L x; then the energy in the same block order below.
  else if (!simdLaplacianWide(plan, xv, g, channels, 2 * coupling)) {
    parallelRows({ kind: JOB_LAPLACIAN, plan, channels, a: 2 * coupling }, xv, g, (r0, r1, xr, gr) => {
      laplacianRows(plan, xr, channels, gr, r0, r1, 2 * coupling);
      return 0;
    });
  }
  return blockwiseDot(xv, g, channels, plan.n) / 2;
}

let scratch: WeakRef<Float32Array> | null = null;

/**
 * A reused array for the gradient of an energy-alone call (80 MB at [10⁷, 2]: not allocated and zeroed each step),
 * held weakly, so that the collector may take it back once the sampling is over.
 */
function energyScratch(length: number): Float32Array {
  let array = scratch?.deref();
  if (array === undefined || array.length < length) {
    array = new Float32Array(length);
    scratch = new WeakRef(array);
  }
  return array.subarray(0, length);
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

/** The gradient of `EmtdInteractionEnergy`: dx = dH · 2J L x. */
export const interactionEnergyGradConfig: tf.GradConfig = {
  kernelName: INTERACTION_ENERGY,
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor2D];
    const { plan, coupling } = attrs as unknown as InteractionAttrs;
    return { x: () => tf.mul(dy as tf.Scalar, fusedLaplacianProduct(x, plan, 2 * coupling)) };
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

/** H of J tr(Xᵀ L X) alone through `EmtdInteractionEnergy` (it must be registered): the energy of a step that needs no gradient. */
export function fusedInteractionEnergy(x: tf.Tensor2D, graph: PackedEdges | GraphPlan, coupling = 1): tf.Scalar {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  return runKernel(INTERACTION_ENERGY, { x }, { plan, coupling }) as tf.Scalar;
}

/** True when `EmtdInteractionEnergy` can run on the active backend for this field. */
export function canFuseInteractionEnergy(x: tf.Tensor): boolean {
  return x.dtype === "float32" && hasKernel(INTERACTION_ENERGY);
}
