/**
 * Fused kernels of the Langevin (ULA) update, with the Gaussian noise drawn inside the kernel from the fast seeded
 * generator of engine/fastrandom (Philox block streams + ziggurat):
 *
 * - `EmtdLangevinUpdate`: X' = X − 2hJ·L X + √(2hT) ξ for the interaction energy J tr(Xᵀ L X), one pass over the
 *   graph (L X, the drift, the noise and the sum fused). Gradient (ξ is a constant): dX = dY − 2hJ·L dY. With the
 *   optional input `rest` G (∇ of a sum's other terms, attribute `restStep` h): X' = X − 2hJ·L X − h·G + √(2hT) ξ in
 *   the same pass (dG = −h·dY).
 * - `EmtdNoisyDescent`: X' = X − h·G + √(2hT) ξ for any gradient G (the generic ULA/MALA proposal).
 *   Gradients: dX = dY, dG = −h·dY.
 *
 * ξ_a for element a of row i is drawn from the stream of (key, ⌊i / 1024⌋) in element order, so the kernels, the
 * references and {@link langevinNoise} produce the same numbers on every backend and any number of threads. The
 * front ends with their composite references are ops/langevin and ops/noisy-descent.
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../../random";
import { fillNormal, NOISE_BLOCK_ROWS } from "../../fastrandom";
import type { PackedEdges } from "../../edges";
import { hasKernel, runKernel } from "./dispatch";
import { langevinRows, noisyDescentRows, type RestGradient } from "../loops/row-loops";
import type { KernelIO } from "./kernel-io";
import { fusedLaplacianProduct } from "./laplacian-kernel";
import { parallelRows, type Staging } from "../threads/pool";
import { JOB_LANGEVIN } from "../threads/loop-jobs";
import { type Layout, simdApplies } from "../simd/simd-module";
import { simdNoisyDescentChunked } from "../simd/simd-noisy-descent";
import { simdLangevin2 } from "../simd/simd-langevin";
import { simdLangevinWide } from "../simd/simd-wide";
import { type GraphPlan, planFor } from "../loops/graph-plan";
import { ringLangevin2, ringLaplacianApplies, type StencilRows } from "../stencils/ring-stencil";
import { torusLangevin2, torusStencilApplies } from "../stencils/torus-stencil";

export const LANGEVIN_UPDATE = "EmtdLangevinUpdate";
export const NOISY_DESCENT = "EmtdNoisyDescent";

export interface LangevinAttrs {
  plan: GraphPlan;
  /** 2hJ. */
  drift: number;
  /** √(2hT). */
  sigma: number;
  key0: number;
  key1: number;
  /** h of the optional input `rest`: the step subtracts h·rest. */
  restStep?: number;
}

export interface NoisyDescentAttrs {
  step: number;
  sigma: number;
  key0: number;
  key1: number;
}

/**
 * The Langevin step's kernel on any backend. `heapRows` (the wasm backend's): the calling thread's rows of the ring's
 * chunked step inside that backend's memory (kernels/stencils/ring-heap), asked for before the output is allocated.
 */
export function langevinKernel(
  io: KernelIO,
  inputs: { x: tf.TensorInfo; rest?: tf.TensorInfo },
  attrs: LangevinAttrs,
  heapRows: ((plan: GraphPlan) => StencilRows | null) | null = null,
): tf.TensorInfo {
  const { x } = inputs;
  const { plan, drift, sigma } = attrs;
  const channels = x.shape[1]!;
  // With a rest gradient the chunked stencils and the wide SIMD loop step aside: the fused SIMD pass and the
  // JavaScript loops subtract h·G in their one pass (the stencils' windows and the wide loop have no room for G).
  const withRest = inputs.rest !== undefined;
  const ringStencil = !withRest && ringLaplacianApplies(plan, channels);
  const local = ringStencil && heapRows !== null ? heapRows(plan) : null;
  const scratch = new Float32Array(NOISE_BLOCK_ROWS * channels);
  // Where the step leaves its output for the next step (the SIMD module's memory, kernels/simd/simd-langevin; the workers' rows of
  // the staging buffers, kernels/stencils/ring-stencil): marked with the output tensor below.
  let held: Layout | null = null;
  let staged: Staging | null = null;
  const ins = withRest ? [x, inputs.rest!] : [x];
  const step = io.run(ins, [{ shape: x.shape, dtype: "float32" }], ([xs, gs], [out]) => {
    const key: Key = [attrs.key0, attrs.key1];
    const rest: RestGradient | null = withRest ? { g: gs as Float32Array, step: attrs.restStep! } : null;
    // A large structured ring lattice: the chunked stencil, no index arrays (kernels/stencils/ring-stencil), on every thread. Below
    // RING_LAPLACIAN_MIN_ROWS the fused SIMD step (its own stencil for interior rows, a small CSR) is faster.
    if (ringStencil) {
      staged = ringLangevin2(plan, xs as Float32Array, out as Float32Array, drift, sigma, key, x.dataId, local ?? undefined);
      return;
    }
    // The same for a large structured torus (kernels/stencils/torus-stencil), from the same row threshold.
    if (!withRest && torusStencilApplies(plan, channels)) {
      staged = torusLangevin2(plan, xs as Float32Array, out as Float32Array, drift, sigma, key, x.dataId);
      return;
    }
    // The fused SIMD step, on every thread (kernels/simd/simd-langevin).
    if (simdApplies(plan, channels)) {
      held = simdLangevin2(plan, xs as Float32Array, out as Float32Array, drift, sigma, key, x.dataId, rest);
      return;
    }
    // Other widths and weighted fields in the module on one thread (kernels/simd/simd-wide).
    if (!withRest && simdLangevinWide(plan, xs as Float32Array, out as Float32Array, channels, drift, sigma, key)) return;
    // The workers read the rest's flag and h from the job's arguments, written every time (a slot keeps old ones).
    const job = { kind: JOB_LANGEVIN, plan, channels, a: drift, b: sigma, key, args: rest === null ? [0, 0] : [1, rest.step] };
    parallelRows(rest === null ? job : { ...job, g: rest.g }, xs as Float32Array, out as Float32Array, (r0, r1, xv, ov) => {
      langevinRows(plan, xv, channels, drift, sigma, key, ov, r0, r1, scratch, rest);
      return 0;
    });
  });
  const output = step.outputs[0]!;
  if (held !== null) (held as Layout).holder = output.dataId;
  if (staged !== null) (staged as Staging).holder = output.dataId;
  return output;
}

export function noisyDescentKernel(io: KernelIO, inputs: { x: tf.TensorInfo; g: tf.TensorInfo }, attrs: NoisyDescentAttrs): tf.TensorInfo {
  const { x, g } = inputs;
  const channels = x.shape[1]!;
  return io.run([x, g], [{ shape: x.shape, dtype: "float32" }], ([xs, gs], [out]) => {
    // In the SIMD module in chunks, on every thread (kernels/simd/simd-noisy-descent); else the JavaScript loop.
    const [xv, gv, ov] = [xs as Float32Array, gs as Float32Array, out as Float32Array];
    if (simdNoisyDescentChunked(xv, gv, ov, channels, x.shape[0]!, attrs.step, attrs.sigma, [attrs.key0, attrs.key1])) return;
    noisyDescentRows(
      xs as Float32Array,
      gs as Float32Array,
      channels,
      attrs.step,
      attrs.sigma,
      [attrs.key0, attrs.key1],
      out as Float32Array,
      0,
      x.shape[0]!,
    );
  }).outputs[0]!;
}

/**
 * σ = √(2hT), the noise scale of one Langevin step of size h at temperature T (k_B = 1): the one place it is
 * computed, in this operand order, so every step that adds σ·ξ (ULA, MALA's proposal, the noisy descent, on every
 * backend) draws the same float64 σ bit for bit.
 */
export function langevinSigma(step: number, temperature: number): number {
  return Math.sqrt(2 * step * temperature);
}

/** ξ [N, C], the exact standard normals the Langevin kernels add for `key` (float32). Caller disposes. */
export function langevinNoise(key: Key, shape: [number, number]): tf.Tensor2D {
  const values = new Float32Array(shape[0] * shape[1]);
  fillNormal(values, shape[1], 0, shape[0], key);
  return tf.tensor2d(values, shape);
}

/** True when the fused Langevin update can run on the active backend for this field. */
export function canFuseLangevin(x: tf.Tensor): boolean {
  return x.dtype === "float32" && hasKernel(LANGEVIN_UPDATE);
}

/** True when the fused noisy descent can run on the active backend for these tensors. */
export function canFuseNoisyDescent(x: tf.Tensor, g: tf.Tensor): boolean {
  return x.dtype === "float32" && g.dtype === "float32" && hasKernel(NOISY_DESCENT);
}

/**
 * X' = X − drift·L X + sigma·ξ(key) through the fused kernel (it must be registered), differentiable in X
 * (dX = dY − drift·L dY). With `rest` (G [N, C] float32, ∇ of a sum's other terms, and its step h): X' = X − drift·L X
 * − h·G + sigma·ξ in the kernel's one pass, differentiable in G too (dG = −h·dY). X [N, C] float32. Caller disposes.
 */
export function fusedLangevinUpdate(
  x: tf.Tensor2D,
  graph: PackedEdges | GraphPlan,
  drift: number,
  sigma: number,
  key: Key,
  rest?: { gradient: tf.Tensor2D; step: number },
): tf.Tensor2D {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  const attrs: LangevinAttrs = { plan, drift, sigma, key0: key[0], key1: key[1] };
  const dx = (dy: tf.Tensor) => tf.add(dy, fusedLaplacianProduct(dy as tf.Tensor2D, plan, -drift));
  if (rest === undefined) {
    const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
      value: runKernel(LANGEVIN_UPDATE, { x: args[0] as tf.Tensor }, attrs as never) as tf.Tensor2D,
      gradFunc: dx,
    }));
    return f(x) as tf.Tensor2D;
  }
  const withRest: LangevinAttrs = { ...attrs, restStep: rest.step };
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: runKernel(LANGEVIN_UPDATE, { x: args[0] as tf.Tensor, rest: args[1] as tf.Tensor }, withRest as never) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor) => [dx(dy), tf.mul(dy, -rest.step)],
  }));
  return f(x, rest.gradient) as tf.Tensor2D;
}

/**
 * X' = X − step·G + sigma·ξ(key) through the fused kernel (it must be registered), differentiable in X and G.
 * X, G [N, C] float32. Caller disposes.
 */
export function fusedNoisyDescent(x: tf.Tensor2D, g: tf.Tensor2D, step: number, sigma: number, key: Key): tf.Tensor2D {
  const attrs: NoisyDescentAttrs = { step, sigma, key0: key[0], key1: key[1] };
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: runKernel(NOISY_DESCENT, { x: args[0] as tf.Tensor, g: args[1] as tf.Tensor }, attrs as never) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor) => [dy.clone(), tf.mul(dy, -step)],
  }));
  return f(x, g) as tf.Tensor2D;
}
