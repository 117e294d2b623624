/**
 * Fused kernel `EmtdIsingSweep`: colour-parallel (checkerboard) Metropolis sweeps of the 2D Ising model,
 * H = −J Σ_⟨ij⟩ s_i s_j with J = 1, k_B = 1, on an L×L periodic lattice (L even, so the checkerboard is a proper
 * 2-colouring). One sweep updates colour 0 ((r + c) even) then colour 1; each site proposes s → −s and accepts when
 * u < min(1, e^{−βΔE}), ΔE = 2 s Σ_nb s'. Spins are float32 ±1 (tfjs has no int8).
 *
 * Randomness: sweep t uses key fold(key, t); row r of colour c draws one uniform per site of that colour, in
 * column order, from the stream (fold(key, t), c·L + r) (engine/fastrandom). Spins enter and leave as float32
 * ±1 (other values are not spins: the result is then undefined) and are int8 inside the kernel. {@link isingUniforms} returns the same
 * numbers, so the composite reference {@link isingSweepsReference} reproduces the kernel exactly.
 *
 * Outputs: the new spins [L, L] and int32 [3] statistics: accepted flips, then the energy H = −Σ_⟨ij⟩ s_i s_j and
 * the magnetisation M = Σ_i s_i after the last sweep, counted on the int8 lattice in one pass (so an observing
 * sampler needs no tensor ops per sweep). Not differentiable (discrete).
 */
import * as tf from "@tensorflow/tfjs";
import { fold, type Key } from "../random";
import { PURPOSE_UNIFORM, Xoshiro128 } from "../fastrandom";
import { ArgumentError, check } from "../../errors";
import { hasKernel, runKernel } from "./dispatch";
import { isingAcceptance, isingColourRows, isingObservables, isingThresholds, padSpinsStrided, refreshGhosts, unpadSpinsStrided } from "./impl";
import type { KernelIO } from "./io";
import { parallelIsingColour, parallelThreshold, threadCount } from "./pool";
import { simdIsingSweeps, simdReady } from "./simd";

export const ISING_SWEEP = "EmtdIsingSweep";

export interface IsingAttrs {
  /** β of an [L, L] input. */
  beta: number;
  /** β per replica of an [L, L, R] input (length R). */
  betas?: number[];
  sweeps: number;
  key0: number;
  key1: number;
}

/**
 * The padded int8 lattices behind each output of this kernel (one per replica), keyed by the output's dataId.
 * tfjs tensors are immutable, so when the next call's input is that output (or a reshape of it: same dataId), its
 * lattices are exactly the input's content and the float32 → int8 conversion is skipped. The entry is consumed
 * (deleted) by the call that reuses it, so a lattice is never shared by two tensors; disposed tensors' entries go
 * with their dataId (WeakMap). The lattices live on one SharedArrayBuffer so that worker threads can update their
 * rows (pool.parallelIsingColour).
 */
const lattices = new WeakMap<object, Int8Array[]>();

function latticesFor(input: tf.TensorInfo, values: Float32Array, L: number, R: number): Int8Array[] {
  const cells = (L + 2) * (L + 2);
  const cached = lattices.get(input.dataId);
  if (cached && cached.length === R && cached[0]!.length === cells) {
    lattices.delete(input.dataId);
    return cached;
  }
  const buffer = new SharedArrayBuffer(cells * R);
  return Array.from({ length: R }, (_, k) => {
    const padded = new Int8Array(buffer, k * cells, cells);
    padSpinsStrided(values, L, R, k, padded);
    return padded;
  });
}

/** `sweeps` sweeps of one padded lattice; writes [H, M] after the last into `observed`. Returns the flips. */
function sweepLattice(lattice: Int8Array, L: number, beta: number, sweeps: number, key: Key, observed: Int32Array): number {
  const threshold = isingThresholds(beta);
  let count = 0;
  const wasmLoop = simdReady() && (threadCount() <= 1 || L * L < parallelThreshold());
  if (wasmLoop) {
    // The WebAssembly loop (simd.ts): same draws, same decisions, and the observables in SIMD.
    return simdIsingSweeps(lattice, L, threshold, sweeps, (t) => fold(key, t), refreshGhosts, observed);
  }
  for (let t = 0; t < sweeps; t++) {
    const k = fold(key, t);
    for (let colour = 0; colour < 2; colour++) {
      count += parallelIsingColour(lattice, L, colour, beta, k, (r0, r1) => isingColourRows(lattice, L, colour, threshold, k, r0, r1));
      refreshGhosts(lattice, L);
    }
  }
  isingObservables(lattice, L, observed);
  return count;
}

/**
 * Input [L, L] (one lattice, key K, β = attrs.beta) or [L, L, R] (R interleaved lattices, node-major like the
 * samplers' [N, R]; replica k runs exactly the [L, L] sweeps under key fold(K, k) at β = attrs.betas[k]). Outputs
 * the spins (same shape) and int32 statistics [flips, H, M] ([3] or [R, 3]).
 */
export function isingKernel(io: KernelIO, inputs: { spins: tf.TensorInfo }, attrs: IsingAttrs): tf.TensorInfo[] {
  const { spins } = inputs;
  const L = spins.shape[0]!;
  const replicated = spins.shape.length === 3;
  const R = replicated ? spins.shape[2]! : 1;
  const key: Key = [attrs.key0, attrs.key1];
  let kept: Int8Array[] | null = null;
  const statsShape = replicated ? [R, 3] : [3];
  const { outputs } = io.run([spins], [{ shape: spins.shape, dtype: "float32" }, { shape: statsShape, dtype: "int32" }], ([input], [out, stats]) => {
    // int8 with a ghost frame inside: a quarter of the memory traffic, integer arithmetic, no wrap branches.
    const padded = latticesFor(spins, input as Float32Array, L, R);
    const observed = new Int32Array(2);
    for (let k = 0; k < R; k++) {
      const beta = replicated ? attrs.betas![k]! : attrs.beta;
      stats![3 * k] = sweepLattice(padded[k]!, L, beta, attrs.sweeps, replicated ? fold(key, k) : key, observed);
      stats![3 * k + 1] = observed[0]!;
      stats![3 * k + 2] = observed[1]!;
      unpadSpinsStrided(padded[k]!, L, R, k, out as Float32Array);
    }
    kept = padded;
  });
  lattices.set(outputs[0]!.dataId, kept!);
  return outputs;
}

/** The uniforms the sweep draws for `colour` under key k (zero on the other colour), [L, L]. */
export function isingUniforms(k: Key, L: number, colour: number): Float32Array {
  const u = new Float32Array(L * L);
  for (let r = 0; r < L; r++) {
    const stream = new Xoshiro128(k, colour * L + r, PURPOSE_UNIFORM);
    for (let c = (r + colour) & 1; c < L; c += 2) u[r * L + c] = stream.uniform();
  }
  return u;
}

export interface IsingSweepOptions {
  /** Inverse temperature β = 1/T ≥ 0. */
  beta: number;
  key: Key;
  /** Sweeps to run in one call. Default 1. */
  sweeps?: number;
}

/** What a call returns: the new spins (caller disposes) and counts after the last sweep (integers, exact). */
export interface IsingSweepResult {
  spins: tf.Tensor2D;
  /** Accepted flips over all the call's sweeps. */
  flips: number;
  /** H = −Σ_⟨ij⟩ s_i s_j after the last sweep. */
  energy: number;
  /** M = Σ_i s_i after the last sweep. */
  magnetization: number;
}

function checkSpins(where: string, spins: tf.Tensor): void {
  const [L, L2] = spins.shape;
  if (spins.rank !== 2 || L !== L2 || L! < 2 || L! % 2 !== 0) {
    throw new ArgumentError(where, "spins", "a square [L, L] tensor with L even (periodic checkerboard)", spins.shape);
  }
}

/** The composite reference: the same sweeps in tfjs ops (neighbour sums by concatenated slices). */
export function isingSweepsReference(spins: tf.Tensor2D, options: IsingSweepOptions): IsingSweepResult {
  const where = "emtd/kernels/isingSweepsReference";
  checkSpins(where, spins);
  const L = spins.shape[0];
  const sweeps = check.integer(where, "sweeps", options.sweeps ?? 1, 1);
  const table = isingAcceptance(check.nonNegative(where, "beta", options.beta));
  const masks = [0, 1].map((colour) => {
    const m = new Float32Array(L * L);
    for (let r = 0; r < L; r++) for (let c = (r + colour) & 1; c < L; c += 2) m[r * L + c] = 1;
    return tf.tensor2d(m, [L, L]);
  });
  let s = spins.clone();
  let flips = 0;
  for (let t = 0; t < sweeps; t++) {
    const k = fold(options.key, t);
    for (let colour = 0; colour < 2; colour++) {
      const next = tf.tidy(() => {
        const roll = (axis: 0 | 1, shift: 1 | -1) => {
          const a = shift === 1 ? tf.slice(s, axis === 0 ? [L - 1, 0] : [0, L - 1], axis === 0 ? [1, L] : [L, 1]) : tf.slice(s, [0, 0], axis === 0 ? [1, L] : [L, 1]);
          const b = shift === 1 ? tf.slice(s, [0, 0], axis === 0 ? [L - 1, L] : [L, L - 1]) : tf.slice(s, axis === 0 ? [1, 0] : [0, 1], axis === 0 ? [L - 1, L] : [L, L - 1]);
          return shift === 1 ? tf.concat([a, b], axis) : tf.concat([b, a], axis);
        };
        const field = tf.addN([roll(0, 1), roll(0, -1), roll(1, 1), roll(1, -1)]);
        const sh = tf.mul(s, field);
        const p = tf.where(tf.lessEqual(sh, 0), tf.onesLike(sh), tf.where(tf.equal(sh, 2), tf.fill(sh.shape, table[6]!), tf.fill(sh.shape, table[8]!)));
        const u = tf.tensor2d(isingUniforms(k, L, colour), [L, L]);
        const flip = tf.logicalAnd(tf.greater(masks[colour]!, 0), tf.less(u, p));
        return { spins: tf.where(flip, tf.neg(s), s) as tf.Tensor2D, flips: tf.sum(tf.cast(flip, "float32")) };
      });
      s.dispose();
      s = next.spins;
      flips += next.flips.dataSync()[0]!;
      next.flips.dispose();
    }
  }
  tf.dispose(masks);
  const [energy, magnetization] = tf.tidy(() => {
    const bonds = tf.mul(s, tf.add(tf.concat([tf.slice(s, [0, 1], [L, L - 1]), tf.slice(s, [0, 0], [L, 1])], 1), tf.concat([tf.slice(s, [1, 0], [L - 1, L]), tf.slice(s, [0, 0], [1, L])], 0)));
    return tf.stack([tf.neg(tf.sum(bonds)), tf.sum(s)]).dataSync();
  }) as unknown as [number, number];
  return { spins: s, flips, energy, magnetization };
}

/**
 * `sweeps` checkerboard Metropolis sweeps of the 2D Ising model (J = 1, periodic) at inverse temperature β from
 * `spins` ([L, L] float32 ±1, L even). Fused when registered for the active backend, the reference otherwise (same
 * random numbers, same result). Returns new spins (caller disposes), the number of accepted flips and the energy and
 * magnetisation after the last sweep.
 *
 * @example
 * ```ts
 * let s = tf.ones([64, 64]) as tf.Tensor2D;
 * const { spins, flips } = isingSweeps(s, { beta: 0.44, key: key(1), sweeps: 100 });
 * ```
 */
export function isingSweeps(spins: tf.Tensor2D, options: IsingSweepOptions): IsingSweepResult {
  const where = "emtd/kernels/isingSweeps";
  checkSpins(where, spins);
  if (spins.dtype !== "float32" || !hasKernel(ISING_SWEEP)) return isingSweepsReference(spins, options);
  const sweeps = check.integer(where, "sweeps", options.sweeps ?? 1, 1);
  const beta = check.nonNegative(where, "beta", options.beta);
  const [out, stats] = runKernel(ISING_SWEEP, { spins }, { beta, sweeps, key0: options.key[0], key1: options.key[1] }) as tf.Tensor[];
  const [flips, energy, magnetization] = stats!.dataSync() as Int32Array;
  stats!.dispose();
  return { spins: out as tf.Tensor2D, flips: flips!, energy: energy!, magnetization: magnetization! };
}

export interface IsingReplicaSweepOptions {
  /** β ≥ 0 per replica (length R). */
  betas: readonly number[];
  key: Key;
  /** Sweeps to run in one call. Default 1. */
  sweeps?: number;
}

/** What a replicated call returns: spins [L, L, R] (caller disposes) and per-replica counts (length R). */
export interface IsingReplicaSweepResult {
  spins: tf.Tensor3D;
  flips: number[];
  energy: number[];
  magnetization: number[];
}

function checkReplicas(where: string, spins: tf.Tensor, betas: readonly number[]): number {
  const [L, L2, R] = spins.shape;
  if (spins.rank !== 3 || L !== L2 || L! < 2 || L! % 2 !== 0) {
    throw new ArgumentError(where, "spins", "an [L, L, R] tensor with L even (R periodic checkerboard lattices)", spins.shape);
  }
  if (betas.length !== R) throw new ArgumentError(where, "betas", `${R} numbers (one per replica)`, betas.length);
  betas.forEach((b) => check.nonNegative(where, "beta", b));
  return R!;
}

/** The composite reference of {@link isingSweepsReplicas}: replica k is {@link isingSweepsReference} under fold(key, k). */
export function isingSweepsReplicasReference(spins: tf.Tensor3D, options: IsingReplicaSweepOptions): IsingReplicaSweepResult {
  checkReplicas("emtd/kernels/isingSweepsReplicasReference", spins, options.betas);
  const columns = tf.unstack(spins, 2) as tf.Tensor2D[];
  const results = columns.map((c, k) => isingSweepsReference(c, { beta: options.betas[k]!, key: fold(options.key, k), ...(options.sweeps ? { sweeps: options.sweeps } : {}) }));
  const out = tf.stack(results.map((r) => r.spins), 2) as tf.Tensor3D;
  tf.dispose([...columns, ...results.map((r) => r.spins)]);
  return { spins: out, flips: results.map((r) => r.flips), energy: results.map((r) => r.energy), magnetization: results.map((r) => r.magnetization) };
}

/**
 * R independent checkerboard Metropolis chains in one kernel call: spins [L, L, R] (node-major, replicas last, as
 * a reshape of the samplers' [N, R]); replica k runs the sweeps of {@link isingSweeps} at β = betas[k] under key
 * fold(key, k). Fused when registered, the reference otherwise (same numbers). Returns new spins (caller disposes)
 * and per-replica flips, H and M after the last sweep.
 *
 * @example
 * ```ts
 * const s = tf.ones([32, 32, 4]) as tf.Tensor3D;
 * const { spins, energy } = isingSweepsReplicas(s, { betas: [0.3, 0.4, 0.45, 0.5], key: key(1) });
 * ```
 */
export function isingSweepsReplicas(spins: tf.Tensor3D, options: IsingReplicaSweepOptions): IsingReplicaSweepResult {
  const where = "emtd/kernels/isingSweepsReplicas";
  const R = checkReplicas(where, spins, options.betas);
  if (spins.dtype !== "float32" || !hasKernel(ISING_SWEEP)) return isingSweepsReplicasReference(spins, options);
  const sweeps = check.integer(where, "sweeps", options.sweeps ?? 1, 1);
  const attrs = { beta: 0, betas: [...options.betas], sweeps, key0: options.key[0], key1: options.key[1] };
  const [out, stats] = runKernel(ISING_SWEEP, { spins }, attrs) as tf.Tensor[];
  const v = stats!.dataSync() as Int32Array;
  stats!.dispose();
  const pick = (j: number) => Array.from({ length: R }, (_, k) => v[3 * k + j]!);
  return { spins: out as tf.Tensor3D, flips: pick(0), energy: pick(1), magnetization: pick(2) };
}
