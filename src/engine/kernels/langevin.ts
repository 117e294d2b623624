/**
 * Fused kernels of the Langevin (ULA) update, with the Gaussian noise drawn inside the kernel from the fast seeded
 * generator of engine/fastrandom (xoshiro128** block streams + ziggurat):
 *
 * - `EmtdLangevinUpdate`: X' = X − 2hJ·L X + √(2hT) ξ for the interaction energy J tr(Xᵀ L X), one pass over the
 *   graph (L X, the drift, the noise and the sum fused). Gradient (ξ is a constant): dX = dY − 2hJ·L dY.
 * - `EmtdNoisyDescent`: X' = X − h·G + √(2hT) ξ for any gradient G (the generic ULA/MALA proposal).
 *   Gradients: dX = dY, dG = −h·dY.
 *
 * ξ_a for element a of row i is drawn from the stream of (key, ⌊i / 1024⌋) in element order, so the kernels, the
 * references and {@link langevinNoise} produce the same numbers on every backend and any number of threads.
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../random";
import { fillNormal, NOISE_BLOCK_ROWS } from "../fastrandom";
import type { Graph } from "../../graph/graph";
import { laplacianProductReference } from "../../graph/operators";
import { hasKernel, runKernel } from "./dispatch";
import { langevinRows, noisyDescentRows } from "./impl";
import type { KernelIO } from "./io";
import { fusedLaplacianProduct } from "./laplacian";
import { JOB_LANGEVIN, parallelRows, willParallelize } from "./pool";
import { simdApplies, simdLangevin2, simdNoisyDescent, simdReady } from "./simd";
import { type GraphPlan, planFor } from "./plan";

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
}

export interface NoisyDescentAttrs {
  step: number;
  sigma: number;
  key0: number;
  key1: number;
}

export function langevinKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: LangevinAttrs): tf.TensorInfo {
  const { x } = inputs;
  const { plan, drift, sigma } = attrs;
  const channels = x.shape[1]!;
  const scratch = new Float32Array(NOISE_BLOCK_ROWS * channels);
  return io.run([x], [{ shape: x.shape, dtype: "float32" }], ([xs], [out]) => {
    const key: Key = [attrs.key0, attrs.key1];
    if (simdApplies(plan, channels) && !willParallelize(plan)) {
      return simdLangevin2(plan, xs as Float32Array, out as Float32Array, drift, sigma, key);
    }
    parallelRows({ kind: JOB_LANGEVIN, plan, channels, a: drift, b: sigma, key }, xs as Float32Array, out as Float32Array, (r0, r1, xv, ov) => {
      langevinRows(plan, xv, channels, drift, sigma, key, ov, r0, r1, scratch);
      return 0;
    });
  }).outputs[0]!;
}

export function noisyDescentKernel(io: KernelIO, inputs: { x: tf.TensorInfo; g: tf.TensorInfo }, attrs: NoisyDescentAttrs): tf.TensorInfo {
  const { x, g } = inputs;
  const channels = x.shape[1]!;
  return io.run([x, g], [{ shape: x.shape, dtype: "float32" }], ([xs, gs], [out]) => {
    if (simdReady()) {
      return simdNoisyDescent(xs as Float32Array, gs as Float32Array, out as Float32Array, channels, x.shape[0]!, attrs.step, attrs.sigma, [attrs.key0, attrs.key1]);
    }
    noisyDescentRows(xs as Float32Array, gs as Float32Array, channels, attrs.step, attrs.sigma, [attrs.key0, attrs.key1], out as Float32Array, 0, x.shape[0]!);
  }).outputs[0]!;
}

/** ξ [N, C], the exact standard normals the Langevin kernels add for `key` (float32). Caller disposes. */
export function langevinNoise(key: Key, shape: [number, number]): tf.Tensor2D {
  const values = new Float32Array(shape[0] * shape[1]);
  fillNormal(values, shape[1], 0, shape[0], key);
  return tf.tensor2d(values, shape);
}

export interface LangevinParameters {
  /** Time step h > 0. */
  step: number;
  /** Temperature T ≥ 0 (k_B = 1). */
  temperature: number;
  /** Global coupling J of the interaction energy. Default 1. */
  coupling?: number;
  key: Key;
}

/** The composite reference of {@link langevinUpdate}. Caller disposes. */
export function langevinUpdateReference(x: tf.Tensor2D, graph: Graph, p: LangevinParameters): tf.Tensor2D {
  const drift = 2 * p.step * (p.coupling ?? 1);
  const sigma = Math.sqrt(2 * p.step * p.temperature);
  return tf.tidy(() => {
    const noise = langevinNoise(p.key, x.shape as [number, number]);
    return tf.add(tf.sub(x, tf.mul(laplacianProductReference(x, graph), drift)), tf.mul(noise, sigma)) as tf.Tensor2D;
  });
}

/**
 * One ULA step for H = J tr(Xᵀ L X): X' = X − 2hJ·L X + √(2hT) ξ, X [N, C] float32. Fused when the kernel is
 * registered for the active backend, the reference otherwise (same noise). Differentiable in X. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = graphFromSpec("ring:1000:10", key(0));
 * let x = tf.zeros([graph.n, 2]) as tf.Tensor2D;
 * for (let t = 0; t < 100; t++) {
 *   const next = langevinUpdate(x, graph, { step: 0.01, temperature: 1, key: fold(key(1), t) });
 *   x.dispose();
 *   x = next;
 * }
 * ```
 */
export function langevinUpdate(x: tf.Tensor2D, graph: Graph, p: LangevinParameters): tf.Tensor2D {
  if (x.dtype !== "float32" || !hasKernel(LANGEVIN_UPDATE)) return langevinUpdateReference(x, graph, p);
  const plan = planFor(graph);
  const drift = 2 * p.step * (p.coupling ?? 1);
  const attrs: LangevinAttrs = { plan, drift, sigma: Math.sqrt(2 * p.step * p.temperature), key0: p.key[0], key1: p.key[1] };
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: runKernel(LANGEVIN_UPDATE, { x: args[0] as tf.Tensor }, attrs as never) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor) => tf.add(dy, fusedLaplacianProduct(dy as tf.Tensor2D, plan, -drift)),
  }));
  return f(x) as tf.Tensor2D;
}

/** The composite reference of {@link noisyDescent}. Caller disposes. */
export function noisyDescentReference(x: tf.Tensor2D, g: tf.Tensor2D, step: number, temperature: number, key: Key): tf.Tensor2D {
  return tf.tidy(() => {
    const noise = langevinNoise(key, x.shape as [number, number]);
    return tf.add(tf.sub(x, tf.mul(g, step)), tf.mul(noise, Math.sqrt(2 * step * temperature))) as tf.Tensor2D;
  });
}

/**
 * X' = X − h·G + √(2hT) ξ for X, G [N, C] float32 (the ULA/MALA proposal for any energy). Fused when registered.
 * Differentiable in X and G. Caller disposes.
 */
export function noisyDescent(x: tf.Tensor2D, g: tf.Tensor2D, step: number, temperature: number, key: Key): tf.Tensor2D {
  if (x.dtype !== "float32" || g.dtype !== "float32" || !hasKernel(NOISY_DESCENT)) {
    return noisyDescentReference(x, g, step, temperature, key);
  }
  const attrs: NoisyDescentAttrs = { step, sigma: Math.sqrt(2 * step * temperature), key0: key[0], key1: key[1] };
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: runKernel(NOISY_DESCENT, { x: args[0] as tf.Tensor, g: args[1] as tf.Tensor }, attrs as never) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor) => [dy.clone(), tf.mul(dy, -step)],
  }));
  return f(x, g) as tf.Tensor2D;
}
