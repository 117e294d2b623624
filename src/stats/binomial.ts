/**
 * Confidence intervals for a binomial proportion k/n.
 *
 * Wilson score interval (Wilson 1927): centre (p̂ + z²/2n)/(1 + z²/n), half-width z√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
 * It stays inside [0, 1] and keeps close to nominal coverage at k = 0 or k = n, where the Wald interval collapses.
 */
import { ArgumentError, check } from "../errors";

export interface Proportion {
  estimate: number;
  lower: number;
  upper: number;
  /** The binomial standard error √(p̂(1−p̂)/n) (0 at k = 0 or n; use the interval there). */
  standardError: number;
  k: number;
  n: number;
}

/**
 * k successes in n trials, with the Wilson interval at `z` (default 1.96: 95 %). n = 0 gives NaN estimate, [0, 1].
 *
 * @example
 * ```ts
 * wilson(3, 10);   // { estimate: 0.3, lower: 0.108, upper: 0.603, … }
 * ```
 */
export function wilson(k: number, n: number, z = 1.96): Proportion {
  const where = "emtd/stats/wilson";
  check.integer(where, "n", n, 0);
  check.integer(where, "k", k, 0, n);
  if (!(z > 0)) throw new ArgumentError(where, "z", "a number > 0", z);
  if (n === 0) return { estimate: Number.NaN, lower: 0, upper: 1, standardError: Number.NaN, k, n };
  return { ...scoreInterval(k / n, n, z), k, n };
}

/**
 * The Wilson score interval of an estimate p̂ worth `n` independent trials (n > 0, not necessarily whole: a clustered
 * sample's effective size n/deff, ./clustered), with its binomial SE √(p̂(1−p̂)/n).
 */
export function scoreInterval(p: number, n: number, z = 1.96): { estimate: number; lower: number; upper: number; standardError: number } {
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    estimate: p,
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
    standardError: Math.sqrt((p * (1 - p)) / n),
  };
}
