/**
 * The Ising benchmark: checkerboard Metropolis sweeps of the 2D Ising model (J = 1, periodic) on an L×L lattice.
 *
 * - `msPerSweep`: one step of the Ising sampler (`isingSampler(isingLattice(L), [T]).step`, observables H, M and
 *   flips included): the code `emtd ising` and notebook 03 run, on the configured threads.
 * - `kernelMsPerSweep`: the fused kernel through the tensor API, one call per sweep (tensor in, tensor out, counts
 *   read); `twoThreadMsPerSweep`: the same with the rows of each colour split over two.
 * - `batchedMsPerSweep`: one kernel call running all the sweeps (no per-sweep tensor round trip).
 * - `compositeMsPerSweep`: the reference sweep in stock tfjs ops.
 * - `jsLoopMsPerSweep`: the kernel's typed-array loop without tfjs.
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, key } from "../engine/random";
import { isingSweeps, isingSweepsReference } from "../ops/ising-sweep";
import { threadCount } from "../engine";
import { isingColourRows, isingThresholds, padSpins, refreshGhosts } from "../engine/kernel-paths";
import { isingLattice } from "../spin/ising/ising-system";
import { isingSampler } from "../spin/ising/ising-sampler";
import { disposeState } from "../dynamics/types";
import { time, timeOnTwoThreads } from "./timing";
import { roundTo } from "../format";

export interface IsingBenchOptions {
  size: number;
  sweeps: number;
  /** Inverse temperature; default β_c = ln(1+√2)/2 ≈ 0.4407. */
  beta?: number;
  /** Seed of the initial spins and the sweeps (required: no seed is defaulted). */
  seed: number;
  backend?: string;
  fusedOnly?: boolean;
}

/** Untimed sweeps before timing, in every path (the C baseline too). */
export const BURN_IN_SWEEPS = 10;

export const BETA_CRITICAL = Math.log(1 + Math.SQRT2) / 2;

/**
 * Time checkerboard Metropolis sweeps of the L×L Ising model by every path of the module comment: the
 * `emtd bench ising --json` object. Times in ms per sweep (medians over `sweeps` timed sweeps after
 * {@link BURN_IN_SWEEPS} untimed ones); `fusedOnly` skips the slow composite path. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * const r = await benchIsing({ size: 8, sweeps: 3, seed: 1, backend: "cpu", fusedOnly: true });
 * [r.command, r.size, r.beta]; // → ["bench ising", 8, 0.440687] (β_c by default, to 6 digits)
 * typeof r.msPerSweep; // → "number" (the timings vary from run to run)
 * ```
 */
export async function benchIsing(o: IsingBenchOptions): Promise<Record<string, unknown>> {
  const backend = await ready(o.backend ? { backend: o.backend } : {});
  const L = o.size;
  const beta = o.beta ?? BETA_CRITICAL;
  const k = key(o.seed);
  let spins = tf.tidy(() =>
    tf.sub(tf.mul(tf.cast(tf.greater(tf.randomUniform([L, L], 0, 1, "float32", 1), 0.5), "float32"), 2), 1),
  ) as tf.Tensor2D;
  let t = 0;
  // Untimed burn-in from the random start (its first sweeps flip far more spins), like the C baseline's.
  const burned = isingSweeps(spins, { beta, sweeps: BURN_IN_SWEEPS }, fold(k, 1 << 30));
  spins.dispose();
  spins = burned.spins;
  // The product's path: the sampler's step from the burnt-in spins (its kernel calls reuse their int8 lattice).
  const sampler = isingSampler(isingLattice(L), [1 / beta]);
  let state = { position: tf.reshape(spins, [L * L, 1]) as tf.Tensor2D };
  let flips = 0;
  const product = time(() => {
    const [next, info] = sampler.step(state, fold(k, t++));
    state = next;
    flips += info.flips[0]!;
  }, o.sweeps);
  spins.dispose();
  spins = tf.reshape(state.position, [L, L]) as tf.Tensor2D;
  disposeState(state);
  sampler.dispose();
  const fused = time(() => {
    const next = isingSweeps(spins, { beta }, fold(k, t++));
    spins.dispose();
    spins = next.spins;
  }, o.sweeps);
  // The same on two threads (rows of each colour split between the calling thread and a worker).
  const threaded = timeOnTwoThreads(() => {
    const next = isingSweeps(spins, { beta }, fold(k, t++));
    spins.dispose();
    spins = next.spins;
  }, o.sweeps);
  const t0 = performance.now();
  const batch = isingSweeps(spins, { beta, sweeps: o.sweeps }, fold(k, t++));
  const batchedMs = (performance.now() - t0) / o.sweeps;
  spins.dispose();
  spins = batch.spins;
  let composite: ReturnType<typeof time> | null = null;
  if (!o.fusedOnly) {
    composite = time(
      () => {
        const next = isingSweepsReference(spins, { beta }, fold(k, t++));
        spins.dispose();
        spins = next.spins;
      },
      Math.max(1, Math.min(3, o.sweeps)),
      1,
    );
  }
  const padded = new Int8Array((L + 2) * (L + 2));
  padSpins(spins.dataSync() as Float32Array, L, padded);
  spins.dispose();
  const table = isingThresholds(beta);
  const jsLoop = time(() => {
    const kk = fold(k, t++);
    isingColourRows(padded, L, 0, table, kk, 0, L);
    refreshGhosts(padded, L);
    isingColourRows(padded, L, 1, table, kk, 0, L);
    refreshGhosts(padded, L);
  }, o.sweeps);
  return {
    command: "bench ising",
    size: L,
    sites: L * L,
    beta: roundTo(beta, 6),
    backend,
    sweeps: o.sweeps,
    msPerSweep: roundTo(product.median),
    minMsPerSweep: roundTo(product.min),
    kernelMsPerSweep: roundTo(fused.median),
    minKernelMsPerSweep: roundTo(fused.min),
    threads: threadCount(),
    twoThreadMsPerSweep: threaded ? roundTo(threaded.median) : null,
    batchedMsPerSweep: roundTo(batchedMs),
    compositeMsPerSweep: composite ? roundTo(composite.median) : null,
    jsLoopMsPerSweep: roundTo(jsLoop.median),
    nsPerSite: roundTo((product.median * 1e6) / (L * L)),
    acceptance: roundTo(flips / (o.sweeps * L * L)),
    bytesPerSite: 8, // float32 spins in and out of each call
  };
}
