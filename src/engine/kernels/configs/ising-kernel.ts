/**
 * Fused kernel `EmtdIsingSweep`: colour-parallel (checkerboard) Metropolis sweeps of the 2D Ising model,
 * H = −J Σ_⟨ij⟩ s_i s_j with J = 1, k_B = 1, on an L×L periodic lattice (L even, so the checkerboard is a proper
 * 2-colouring). One sweep updates colour 0 ((r + c) even) then colour 1; each site proposes s → −s and accepts when
 * u < min(1, e^{−βΔE}), ΔE = 2 s Σ_nb s'. Spins are float32 ±1 (tfjs has no int8).
 *
 * Randomness: sweep t uses key fold(key, t); row r of colour c draws one uniform per site of that colour, in
 * column order, from the stream (fold(key, t), c·L + r) (engine/fastrandom). Spins enter and leave as float32
 * ±1 (other values are not spins: the result is then undefined) and are int8 inside the kernel. {@link isingUniforms} returns the same
 * numbers, so the composite reference (ops/ising-sweep, `isingSweepsReference`) reproduces the kernel exactly.
 *
 * Outputs: the new spins [L, L] and int32 [3] statistics: accepted flips, then the energy H = −Σ_⟨ij⟩ s_i s_j and
 * the magnetisation M = Σ_i s_i after the last sweep, counted on the int8 lattice in one pass (so an observing
 * sampler needs no tensor ops per sweep). Not differentiable (discrete).
 */
import * as tf from "@tensorflow/tfjs";
import { fold, type Key } from "../../random";
import { PURPOSE_UNIFORM, PhiloxStream } from "../../fastrandom";
import { hasKernel, runKernel } from "./dispatch";
import { isingColourRows, isingObservables, isingThresholds, padSpinsStrided, refreshGhosts, unpadSpinsStrided } from "../loops/row-loops";
import type { KernelIO } from "./kernel-io";
import { parallelIsingColour } from "../threads/pool";
import { simdReady } from "../simd/simd-module";
import { simdIsingSweeps } from "../simd/simd-rows";

export const ISING_SWEEP = "EmtdIsingSweep";

/**
 * Fused kernel `EmtdIsingSteps` (webgpu only: configs/webgpu/ising-webgpu.ts): K checkerboard sweeps of R lattices
 * [N, R] (the samplers' spins, N = side², side even) in one call, sweep t under its own key and β per replica, with
 * every sweep's counts [K, R, 3] int32 (flips of the sweep, then H and M after it) formed on the device in the same
 * passes. A sweep of K = 1 is the same passes as each sweep of a larger K, so a run's numbers do not depend on how its
 * sweeps are grouped into calls.
 */
export const ISING_STEPS = "EmtdIsingSteps";

/** The attributes of `EmtdIsingSteps`: the lattice side, R, and each sweep's key and β per replica. */
export interface IsingStepsAttrs {
  side: number;
  replicas: number;
  sweeps: Array<{ key0: number; key1: number; betas: number[] }>;
}

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
 * rows (pool.parallelIsingColour, the JavaScript loop when the SIMD module is off; the SIMD loop copies the lattice
 * into the module's shared memory).
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
  if (simdReady()) {
    // The WebAssembly loop on every thread (simd-rows.ts): same draws, same decisions, and the observables in SIMD.
    const flips = simdIsingSweeps(lattice, L, threshold, sweeps, (t) => fold(key, t), refreshGhosts, observed);
    if (flips !== null) return flips;
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
  const { outputs } = io.run(
    [spins],
    [
      { shape: spins.shape, dtype: "float32" },
      { shape: statsShape, dtype: "int32" },
    ],
    ([input], [out, stats]) => {
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
    },
  );
  lattices.set(outputs[0]!.dataId, kept!);
  return outputs;
}

/** The uniforms the sweep draws for `colour` under key k (zero on the other colour), [L, L]. */
export function isingUniforms(k: Key, L: number, colour: number): Float32Array {
  const u = new Float32Array(L * L);
  for (let r = 0; r < L; r++) {
    const stream = new PhiloxStream(k, colour * L + r, PURPOSE_UNIFORM);
    for (let c = (r + colour) & 1; c < L; c += 2) u[r * L + c] = stream.uniform();
  }
  return u;
}

/** True when the fused Ising sweep can run on the active backend for these spins. */
export function canFuseIsing(spins: tf.Tensor): boolean {
  return spins.dtype === "float32" && hasKernel(ISING_SWEEP);
}

/** Counts after the last sweep of one lattice: accepted flips over all sweeps, H = −Σ_⟨ij⟩ s_i s_j and M = Σ_i s_i. */
export interface IsingCounts {
  flips: number;
  energy: number;
  magnetization: number;
}

/**
 * `sweeps` checkerboard sweeps at inverse temperature `beta` through the fused kernel (it must be registered):
 * spins [L, L] float32 ±1, L even (the front end ops/ising-sweep validates). Returns the new spins (caller
 * disposes) and the counts after the last sweep.
 */
export function fusedIsingSweeps(spins: tf.Tensor2D, beta: number, sweeps: number, key: Key): IsingCounts & { spins: tf.Tensor2D } {
  const [out, stats] = runKernel(ISING_SWEEP, { spins }, { beta, sweeps, key0: key[0], key1: key[1] }) as tf.Tensor[];
  const [flips, energy, magnetization] = stats!.dataSync() as Int32Array;
  stats!.dispose();
  return { spins: out as tf.Tensor2D, flips: flips!, energy: energy!, magnetization: magnetization! };
}

/**
 * R lattices [L, L, R] in one fused call, replica k at β = betas[k] under key fold(key, k) (validated by the front
 * end). Returns the new spins (caller disposes) and per-replica counts.
 */
export function fusedIsingSweepsReplicas(
  spins: tf.Tensor3D,
  betas: readonly number[],
  sweeps: number,
  key: Key,
): { spins: tf.Tensor3D; flips: number[]; energy: number[]; magnetization: number[] } {
  const R = betas.length;
  const { spins: out, stats } = fusedIsingSweepsReplicasOnDevice(spins, betas, sweeps, key);
  const v = stats.dataSync() as Int32Array;
  stats.dispose();
  const pick = (j: number) => Array.from({ length: R }, (_, k) => v[3 * k + j]!);
  return { spins: out, flips: pick(0), energy: pick(1), magnetization: pick(2) };
}

/**
 * {@link fusedIsingSweepsReplicas} with its counts left on the device: `stats` int32, replica k's (flips, H, M) at
 * 3k … 3k + 2, for a caller that reads several sweeps' counts at once (the run loop's deferred reads). Caller
 * disposes both.
 */
export function fusedIsingSweepsReplicasOnDevice(
  spins: tf.Tensor3D,
  betas: readonly number[],
  sweeps: number,
  key: Key,
): { spins: tf.Tensor3D; stats: tf.Tensor } {
  const attrs = { beta: 0, betas: [...betas], sweeps, key0: key[0], key1: key[1] };
  const [out, stats] = runKernel(ISING_SWEEP, { spins }, attrs) as tf.Tensor[];
  return { spins: out as tf.Tensor3D, stats: stats! };
}

/** True when the fused sweeps with per-sweep counts run for `spins` on the active backend (float32, webgpu). */
export function canFuseIsingSteps(spins: tf.Tensor): boolean {
  return spins.dtype === "float32" && spins.rank === 2 && hasKernel(ISING_STEPS);
}

/**
 * K sweeps of the lattices [N, R] through `EmtdIsingSteps` (it must be registered; the front end validates), sweep t
 * under keys[t] at β per replica betas[t]: the spins after them and the counts [K, R, 3], both on the device (caller
 * disposes both).
 */
export function fusedIsingSteps(
  spins: tf.Tensor2D,
  side: number,
  sweeps: ReadonlyArray<{ key: Key; betas: readonly number[] }>,
): { spins: tf.Tensor2D; counts: tf.Tensor3D } {
  const attrs: IsingStepsAttrs = {
    side,
    replicas: spins.shape[1],
    sweeps: sweeps.map((s) => ({ key0: s.key[0], key1: s.key[1], betas: [...s.betas] })),
  };
  const [out, counts] = runKernel(ISING_STEPS, { spins }, attrs as unknown as Record<string, unknown>) as tf.Tensor[];
  return { spins: out as tf.Tensor2D, counts: counts as tf.Tensor3D };
}
