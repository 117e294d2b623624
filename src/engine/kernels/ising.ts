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
import { isingAcceptance, isingColourRows, isingObservables, isingThresholds, padSpins, refreshGhosts, unpadSpins } from "./impl";
import type { KernelIO } from "./io";
import { parallelIsingColour, parallelThreshold, threadCount } from "./pool";
import { simdIsingSweeps, simdReady } from "./simd";

export const ISING_SWEEP = "EmtdIsingSweep";

export interface IsingAttrs {
  beta: number;
  sweeps: number;
  key0: number;
  key1: number;
}

/**
 * The padded int8 lattice behind each output of this kernel, keyed by the output's dataId. tfjs tensors are
 * immutable, so when the next call's input is that output, its lattice is exactly the input's content and the
 * float32 → int8 conversion is skipped. The entry is consumed (deleted) by the call that reuses it, so a lattice is
 * never shared by two tensors; disposed tensors' entries go with their dataId (WeakMap). The lattices live on
 * SharedArrayBuffers so that worker threads can update their rows (pool.parallelIsingColour).
 */
const lattices = new WeakMap<object, Int8Array>();

function latticeFor(input: tf.TensorInfo, values: Float32Array, L: number): Int8Array {
  const cached = lattices.get(input.dataId);
  if (cached && cached.length === (L + 2) * (L + 2)) {
    lattices.delete(input.dataId);
    return cached;
  }
  const padded = new Int8Array(new SharedArrayBuffer((L + 2) * (L + 2)));
  padSpins(values, L, padded);
  return padded;
}

export function isingKernel(io: KernelIO, inputs: { spins: tf.TensorInfo }, attrs: IsingAttrs): tf.TensorInfo[] {
  const { spins } = inputs;
  const L = spins.shape[0]!;
  const threshold = isingThresholds(attrs.beta);
  const key: Key = [attrs.key0, attrs.key1];
  let padded: Int8Array | null = null;
  const { outputs } = io.run([spins], [{ shape: spins.shape, dtype: "float32" }, { shape: [3], dtype: "int32" }], ([input], [out, stats]) => {
    // int8 with a ghost frame inside: a quarter of the memory traffic, integer arithmetic, no wrap branches.
    const lattice = latticeFor(spins, input as Float32Array, L);
    let count = 0;
    const observed = new Int32Array(2);
    const wasmLoop = simdReady() && (threadCount() <= 1 || L * L < parallelThreshold());
    if (wasmLoop) {
      // The WebAssembly loop (simd.ts): same draws, same decisions, and the observables in SIMD.
      count = simdIsingSweeps(lattice, L, threshold, attrs.sweeps, (t) => fold(key, t), refreshGhosts, observed);
    } else for (let t = 0; t < attrs.sweeps; t++) {
      const k = fold(key, t);
      for (let colour = 0; colour < 2; colour++) {
        count += parallelIsingColour(lattice, L, colour, attrs.beta, k, (r0, r1) => isingColourRows(lattice, L, colour, threshold, k, r0, r1));
        refreshGhosts(lattice, L);
      }
    }
    unpadSpins(lattice, L, out as Float32Array);
    if (!wasmLoop) isingObservables(lattice, L, observed);
    stats![0] = count;
    stats![1] = observed[0]!;
    stats![2] = observed[1]!;
    padded = lattice;
  });
  lattices.set(outputs[0]!.dataId, padded!);
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
