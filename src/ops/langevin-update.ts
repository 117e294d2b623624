/**
 * The Langevin (ULA) update of the interaction energy H = J tr(Xᵀ L X) as one op: X' = X − 2hJ·L X + √(2hT) ξ.
 * The front end picks the fused kernel `EmtdLangevinUpdate` (engine/kernels/configs/langevin-kernel) where it is registered and
 * the composite reference elsewhere; both draw the same ξ ({@link langevinNoise}), so they agree to float32 rounding.
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key } from "../engine/random";
import { canFuseLangevin, fusedLangevinUpdate, langevinNoise, langevinSigma } from "../engine/kernels/configs/langevin-kernel";
import { canFuseLangevinSteps, fusedLangevinSteps, type StepStats, stepStats } from "../engine/kernels/configs/langevin-steps-kernel";
import type { Graph } from "../graph/graph";

/** True when the fused step runs for `x` on the active backend (a float32 field, the kernel registered). */
export { canFuseLangevin };
import { laplacianProductReference } from "./laplacian";

export interface LangevinParameters {
  /** Time step h > 0. */
  step: number;
  /** Temperature T ≥ 0 (k_B = 1). */
  temperature: number;
  /** Global coupling J of the interaction energy. Default 1. */
  coupling?: number;
}

/**
 * The composite reference of {@link langevinUpdate}: X − 2hJ·L X + √(2hT) ξ in tfjs ops, the same noise ξ from
 * `key`. X [N, C]; returns [N, C]. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const y = langevinUpdateReference(x, graph, { step: 0.01, temperature: 0 }, key(1)); // T = 0: a gradient step
 * await y.data(); // → [0.08, 1, 2, 2.92] (x − 2h·Lx, Lx = [-4, 0, 0, 4])
 * tf.dispose([x, y]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function langevinUpdateReference(x: tf.Tensor2D, graph: Graph, p: LangevinParameters, key: Key): tf.Tensor2D {
  checkKey("emtd/ops/langevinUpdateReference", "key", key);
  const drift = 2 * p.step * (p.coupling ?? 1);
  const sigma = langevinSigma(p.step, p.temperature);
  return tf.tidy(() => {
    const noise = langevinNoise(key, x.shape as [number, number]);
    return tf.add(tf.sub(x, tf.mul(laplacianProductReference(x, graph), drift)), tf.mul(noise, sigma)) as tf.Tensor2D;
  });
}

/**
 * One ULA step for H = J tr(Xᵀ L X): X' = X − 2hJ·L X + √(2hT) ξ, X [N, C] float32. Fused when the kernel is
 * registered for the active backend, the reference otherwise (same noise). Differentiable in X. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = graphFromSpec("ring:100:10", key(0));
 * let x = tf.zeros([graph.n, 2]) as tf.Tensor2D;
 * for (let t = 0; t < 100; t++) {
 *   const next = langevinUpdate(x, graph, { step: 0.01, temperature: 1 }, fold(key(1), t));
 *   x.dispose();
 *   x = next;
 * }
 * energyValue(interaction(graph), x); // → 115.0 (time 1 from consensus; stationary ⟨H⟩ ≈ (N − 1)·C·T/2 = 99)
 * x.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function langevinUpdate(x: tf.Tensor2D, graph: Graph, p: LangevinParameters, key: Key): tf.Tensor2D {
  checkKey("emtd/ops/langevinUpdate", "key", key);
  if (!canFuseLangevin(x)) return langevinUpdateReference(x, graph, p, key);
  return fusedLangevinUpdate(x, graph, 2 * p.step * (p.coupling ?? 1), langevinSigma(p.step, p.temperature), key);
}

/**
 * {@link langevinUpdate} for a sum holding the interaction: X' = X − 2hJ·L X − h·G + √(2hT) ξ, with G [N, C] float32
 * the gradient of the sum's other terms at X. Where the fused kernel is registered, h·G goes into its one pass (the
 * drift part less h·G in float64, rounded once with the noise: ops/term-steps' fused ULA step of a sum); elsewhere
 * the reference step less h·G. Differentiable in X and G. Caller disposes; `rest` is read, not consumed.
 */
export function langevinUpdateWithRest(x: tf.Tensor2D, graph: Graph, p: LangevinParameters, key: Key, rest: tf.Tensor2D): tf.Tensor2D {
  checkKey("emtd/ops/langevinUpdateWithRest", "key", key);
  if (!canFuseLangevin(x) || rest.dtype !== "float32") {
    return tf.tidy(() => tf.sub(langevinUpdateReference(x, graph, p, key), tf.mul(rest, p.step)) as tf.Tensor2D);
  }
  const sigma = langevinSigma(p.step, p.temperature);
  return fusedLangevinUpdate(x, graph, 2 * p.step * (p.coupling ?? 1), sigma, key, { gradient: rest, step: p.step });
}

export type { StepStats };

/** One step of {@link langevinSteps}: its h, T and key. */
export interface LangevinStepInput {
  step: number;
  temperature: number;
  key: Key;
}

/** K fused steps: the field after them, and each step's numbers on the device until read. */
export interface FusedSteps {
  /** X_K [N, C]. Caller disposes. */
  position: tf.Tensor2D;
  /** Each step's sums, [K, 4C] float32 (read it flat). Caller disposes. */
  sums: tf.Tensor2D;
  /** Each step's H, consensus error and mean field from `sums`' values. */
  read(values: ArrayLike<number>): StepStats[];
}

/**
 * K ULA steps of H = J tr(Xᵀ L X) in one call, X_{k+1} = X_k − 2h_kJ·L X_k + √(2h_kT_k) ξ(key_k), with each step's H,
 * consensus error and mean field formed on the device in the same passes (engine/kernels/configs/langevin-steps-kernel:
 * `EmtdLangevinSteps`, webgpu only). Null where the kernel is not registered or X is not float32: the caller steps one
 * by one. Step k's numbers are the same whatever K (a step of one call is a step of another).
 */
export function langevinSteps(x: tf.Tensor2D, graph: Graph, steps: readonly LangevinStepInput[], coupling = 1): FusedSteps | null {
  if (steps.length === 0 || !canFuseLangevinSteps(x)) return null;
  for (const [k, s] of steps.entries()) checkKey("emtd/ops/langevinSteps", `steps[${k}].key`, s.key);
  const specs = steps.map((s) => ({ drift: 2 * s.step * coupling, sigma: langevinSigma(s.step, s.temperature), key: s.key }));
  const { position, sums } = fusedLangevinSteps(x, graph, specs);
  const [rows, channels] = x.shape;
  return { position, sums, read: (values) => stepStats(values, rows, channels, coupling) };
}
