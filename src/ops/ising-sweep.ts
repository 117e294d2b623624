/**
 * Checkerboard Metropolis sweeps of the 2D Ising model (J = 1, k_B = 1, periodic L×L lattice, L even) as one op,
 * for one lattice or R replicas at once. The front end validates and picks the fused kernel `EmtdIsingSweep`
 * (engine/kernels/configs/ising-kernel) where it is registered, the composite reference elsewhere; both read the same uniforms
 * ({@link isingUniforms}), so their spins agree exactly. Both also return H and M after the last sweep.
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, fold, type Key } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { isingAcceptance } from "../engine/kernels/loops/row-loops";
import {
  canFuseIsing,
  canFuseIsingSteps,
  fusedIsingSteps,
  fusedIsingSweeps,
  fusedIsingSweepsReplicas,
  fusedIsingSweepsReplicasOnDevice,
  isingUniforms,
} from "../engine/kernels/configs/ising-kernel";

export interface IsingSweepOptions {
  /** Inverse temperature β = 1/T ≥ 0. */
  beta: number;
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

/**
 * The composite reference of {@link isingSweeps}: the same sweeps in tfjs ops (neighbour sums by concatenated
 * slices), the same random numbers, so the same result. Spins [L, L] ±1, L even; returns new spins (caller
 * disposes), accepted flips, and H and M after the last sweep.
 *
 * @example
 * ```ts
 * const s = tf.ones([8, 8]) as tf.Tensor2D;
 * const { spins, flips, energy, magnetization } = isingSweepsReference(s, { beta: 0.44, sweeps: 10 }, key(1));
 * [flips, energy, magnetization]; // → [60, -128, 64] (as isingSweeps with the same key)
 * tf.dispose([s, spins]);
 * ```
 */
export function isingSweepsReference(spins: tf.Tensor2D, options: IsingSweepOptions, key: Key): IsingSweepResult {
  const where = "emtd/ops/isingSweepsReference";
  checkKey(where, "key", key);
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
    const k = fold(key, t);
    for (let colour = 0; colour < 2; colour++) {
      const next = tf.tidy(() => {
        const roll = (axis: 0 | 1, shift: 1 | -1) => {
          const a =
            shift === 1
              ? tf.slice(s, axis === 0 ? [L - 1, 0] : [0, L - 1], axis === 0 ? [1, L] : [L, 1])
              : tf.slice(s, [0, 0], axis === 0 ? [1, L] : [L, 1]);
          const b =
            shift === 1
              ? tf.slice(s, [0, 0], axis === 0 ? [L - 1, L] : [L, L - 1])
              : tf.slice(s, axis === 0 ? [1, 0] : [0, 1], axis === 0 ? [L - 1, L] : [L, L - 1]);
          return shift === 1 ? tf.concat([a, b], axis) : tf.concat([b, a], axis);
        };
        const field = tf.addN([roll(0, 1), roll(0, -1), roll(1, 1), roll(1, -1)]);
        const sh = tf.mul(s, field);
        const p = tf.where(
          tf.lessEqual(sh, 0),
          tf.onesLike(sh),
          tf.where(tf.equal(sh, 2), tf.fill(sh.shape, table[6]!), tf.fill(sh.shape, table[8]!)),
        );
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
    const bonds = tf.mul(
      s,
      tf.add(
        tf.concat([tf.slice(s, [0, 1], [L, L - 1]), tf.slice(s, [0, 0], [L, 1])], 1),
        tf.concat([tf.slice(s, [1, 0], [L - 1, L]), tf.slice(s, [0, 0], [1, L])], 0),
      ),
    );
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
 * const s = tf.ones([8, 8]) as tf.Tensor2D; // all up: H = −2L² = −128
 * const { spins, flips, energy, magnetization } = isingSweeps(s, { beta: 0.44, sweeps: 10 }, key(1));
 * [flips, energy, magnetization]; // → [60, -128, 64]
 * tf.dispose([s, spins]);
 * ```
 */
export function isingSweeps(spins: tf.Tensor2D, options: IsingSweepOptions, key: Key): IsingSweepResult {
  const where = "emtd/ops/isingSweeps";
  checkKey(where, "key", key);
  checkSpins(where, spins);
  if (!canFuseIsing(spins)) return isingSweepsReference(spins, options, key);
  const sweeps = check.integer(where, "sweeps", options.sweeps ?? 1, 1);
  const beta = check.nonNegative(where, "beta", options.beta);
  return fusedIsingSweeps(spins, beta, sweeps, key);
}

export interface IsingReplicaSweepOptions {
  /** β ≥ 0 per replica (length R). */
  betas: readonly number[];
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

/**
 * The composite reference of {@link isingSweepsReplicas}: replica k is {@link isingSweepsReference} under
 * fold(key, k). Spins [L, L, R]; returns new spins [L, L, R] (caller disposes) and per-replica flips, H and M.
 *
 * @example
 * ```ts
 * const s = tf.ones([8, 8, 4]) as tf.Tensor3D;
 * const { spins, energy } = isingSweepsReplicasReference(s, { betas: [0.3, 0.4, 0.45, 0.5] }, key(1));
 * energy; // → [-72, -120, -120, -100] (as isingSweepsReplicas with the same key)
 * tf.dispose([s, spins]);
 * ```
 */
export function isingSweepsReplicasReference(spins: tf.Tensor3D, options: IsingReplicaSweepOptions, key: Key): IsingReplicaSweepResult {
  checkKey("emtd/ops/isingSweepsReplicasReference", "key", key);
  checkReplicas("emtd/ops/isingSweepsReplicasReference", spins, options.betas);
  const columns = tf.unstack(spins, 2) as tf.Tensor2D[];
  const results = columns.map((c, k) =>
    isingSweepsReference(c, { beta: options.betas[k]!, ...(options.sweeps ? { sweeps: options.sweeps } : {}) }, fold(key, k)),
  );
  const out = tf.stack(
    results.map((r) => r.spins),
    2,
  ) as tf.Tensor3D;
  tf.dispose([...columns, ...results.map((r) => r.spins)]);
  return {
    spins: out,
    flips: results.map((r) => r.flips),
    energy: results.map((r) => r.energy),
    magnetization: results.map((r) => r.magnetization),
  };
}

/**
 * R independent checkerboard Metropolis chains in one kernel call: spins [L, L, R] (node-major, replicas last, as
 * a reshape of the samplers' [N, R]); replica k runs the sweeps of {@link isingSweeps} at β = betas[k] under key
 * fold(key, k). Fused when registered, the reference otherwise (same numbers). Returns new spins (caller disposes)
 * and per-replica flips, H and M after the last sweep.
 *
 * @example
 * ```ts
 * const s = tf.ones([8, 8, 4]) as tf.Tensor3D; // 4 replicas of an 8 × 8 lattice, all up
 * const { spins, energy, magnetization } = isingSweepsReplicas(s, { betas: [0.3, 0.4, 0.45, 0.5] }, key(1));
 * energy; // → [-72, -120, -120, -100] (one sweep from all up: the hottest replica, β = 0.3, moved furthest)
 * magnetization; // → [48, 62, 62, 56]
 * tf.dispose([s, spins]);
 * ```
 */
export function isingSweepsReplicas(spins: tf.Tensor3D, options: IsingReplicaSweepOptions, key: Key): IsingReplicaSweepResult {
  const where = "emtd/ops/isingSweepsReplicas";
  checkKey(where, "key", key);
  checkReplicas(where, spins, options.betas);
  if (!canFuseIsing(spins)) return isingSweepsReplicasReference(spins, options, key);
  const sweeps = check.integer(where, "sweeps", options.sweeps ?? 1, 1);
  return fusedIsingSweepsReplicas(spins, options.betas, sweeps, key);
}

/**
 * {@link isingSweepsReplicas} with the counts left on the device: `stats` int32 [R·3], replica k's (flips, H, M)
 * at 3k … 3k + 2, for the run loop's deferred reads (one read for many sweeps on a GPU). The same spins and counts.
 * Caller disposes both.
 */
export function isingSweepsReplicasDeferred(
  spins: tf.Tensor3D,
  options: IsingReplicaSweepOptions,
  key: Key,
): { spins: tf.Tensor3D; stats: tf.Tensor } {
  const where = "emtd/ops/isingSweepsReplicasDeferred";
  checkKey(where, "key", key);
  checkReplicas(where, spins, options.betas);
  if (!canFuseIsing(spins)) {
    const r = isingSweepsReplicasReference(spins, options, key);
    const stats = r.flips.flatMap((f, k) => [f, r.energy[k]!, r.magnetization[k]!]);
    return { spins: r.spins, stats: tf.tensor1d(stats, "int32") };
  }
  const sweeps = check.integer(where, "sweeps", options.sweeps ?? 1, 1);
  return fusedIsingSweepsReplicasOnDevice(spins, options.betas, sweeps, key);
}

/** One sweep of {@link isingSweepSteps}: its key and β per replica. */
export interface IsingSweepStep {
  key: Key;
  /** β ≥ 0 per replica (length R). */
  betas: readonly number[];
}

/**
 * K checkerboard Metropolis sweeps of R periodic L×L lattices (J = 1) in one call, with every sweep's counts left on
 * the device: spins [N, R] (the samplers' layout, N = L², L even), sweep t under sweeps[t].key at β = sweeps[t].betas
 * per replica. Returns the spins after the sweeps and `counts` int32 [K, R, 3]: the flips of sweep t, then H and M after
 * it, for replica k (caller disposes both); null where the fused kernel `EmtdIsingSteps` is not registered (webgpu
 * only), so the caller sweeps one by one. Sweep t's numbers are the same whatever K.
 */
export function isingSweepSteps(
  spins: tf.Tensor2D,
  side: number,
  sweeps: readonly IsingSweepStep[],
): { spins: tf.Tensor2D; counts: tf.Tensor3D } | null {
  const where = "emtd/ops/isingSweepSteps";
  const L = check.integer(where, "side", side, 2);
  if (L % 2 !== 0) throw new ArgumentError(where, "side", "an even side (periodic checkerboard)", side);
  const [n, R] = spins.shape;
  if (spins.rank !== 2 || n !== L * L) throw new ArgumentError(where, "spins", `an [${L * L}, R] tensor (side² rows)`, spins.shape);
  if (sweeps.length === 0) throw new ArgumentError(where, "sweeps", "at least one sweep", 0);
  sweeps.forEach((s, t) => {
    checkKey(where, `sweeps[${t}].key`, s.key);
    if (s.betas.length !== R) throw new ArgumentError(where, `sweeps[${t}].betas`, `${R} numbers (one per replica)`, s.betas.length);
    s.betas.forEach((b) => check.nonNegative(where, "beta", b));
  });
  if (!canFuseIsingSteps(spins)) return null;
  return fusedIsingSteps(spins, L, sweeps);
}
