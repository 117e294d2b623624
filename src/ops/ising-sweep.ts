/**
 * Checkerboard Metropolis sweeps of the 2D Ising model (J = 1, k_B = 1, periodic L×L lattice, L even) as one op.
 * The front end validates and picks the fused kernel `EmtdIsingSweep` (engine/kernels/ising) where it is registered,
 * the composite reference elsewhere; both read the same uniforms ({@link isingUniforms}), so their spins agree exactly.
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, fold, type Key } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { isingAcceptance } from "../engine/kernels/impl";
import { canFuseIsing, fusedIsingSweeps, isingUniforms } from "../engine/kernels/ising";

export interface IsingSweepOptions {
  /** Inverse temperature β = 1/T ≥ 0. */
  beta: number;
  key: Key;
  /** Sweeps to run in one call. Default 1. */
  sweeps?: number;
}

function checkSpins(where: string, spins: tf.Tensor): void {
  const [L, L2] = spins.shape;
  if (spins.rank !== 2 || L !== L2 || L! < 2 || L! % 2 !== 0) {
    throw new ArgumentError(where, "spins", "a square [L, L] tensor with L even (periodic checkerboard)", spins.shape);
  }
}

/** The composite reference: the same sweeps in tfjs ops (neighbour sums by concatenated slices). */
export function isingSweepsReference(spins: tf.Tensor2D, options: IsingSweepOptions): { spins: tf.Tensor2D; flips: number } {
  checkKey("emtd/ops/isingSweepsReference", "key", options.key);
  const where = "emtd/ops/isingSweepsReference";
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
  return { spins: s, flips };
}

/**
 * `sweeps` checkerboard Metropolis sweeps of the 2D Ising model (J = 1, periodic) at inverse temperature β from
 * `spins` ([L, L] float32 ±1, L even). Fused when registered for the active backend, the reference otherwise (same
 * random numbers, same result). Returns new spins (caller disposes) and the number of accepted flips.
 *
 * @example
 * ```ts
 * let s = tf.ones([64, 64]) as tf.Tensor2D;
 * const { spins, flips } = isingSweeps(s, { beta: 0.44, key: key(1), sweeps: 100 });
 * ```
 */
export function isingSweeps(spins: tf.Tensor2D, options: IsingSweepOptions): { spins: tf.Tensor2D; flips: number } {
  checkKey("emtd/ops/isingSweeps", "key", options.key);
  const where = "emtd/ops/isingSweeps";
  checkSpins(where, spins);
  if (!canFuseIsing(spins)) return isingSweepsReference(spins, options);
  const sweeps = check.integer(where, "sweeps", options.sweeps ?? 1, 1);
  const beta = check.nonNegative(where, "beta", options.beta);
  return fusedIsingSweeps(spins, beta, sweeps, options.key);
}
