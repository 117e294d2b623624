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

/**
 * The fewest trials n from which the Wilson interval's lower end (`z`, default 95 %) clears `threshold` with
 * probability at least `power` when the true rate is `p`, at n and at every count up to 4n: the bound's discreteness
 * makes that probability saw-toothed in n, so a floor that a cell may overshoot (it stops at the first block that
 * reaches it) must hold for every count above it, not at one. Exact binomial sums, no approximation (a normal plan
 * near p = 1 asks for a third of what the interval needs).
 *
 * @example
 * ```ts
 * wilsonFloor(0.99, 0.95); // → 173 (150 has power 0.81, but 154–172 dip below 0.8, to 0.75 at 172)
 * ```
 */
export function wilsonFloor(p: number, threshold: number, power = 0.8, z = 1.96): number {
  const where = "emtd/stats/wilsonFloor";
  if (!(p > threshold && p < 1)) throw new ArgumentError(where, "p", `a rate in (threshold, 1) = (${threshold}, 1)`, p);
  if (!(threshold > 0)) throw new ArgumentError(where, "threshold", "a rate in (0, p)", threshold);
  check.probability(where, "power", power);
  const logFactorial = [0];
  const powerAt = (n: number): number => {
    while (logFactorial.length <= n) logFactorial.push(logFactorial[logFactorial.length - 1]! + Math.log(logFactorial.length));
    let sum = 0;
    // The lower end rises with k, so the clearing counts are k ≥ the least that clears.
    for (let k = n; k >= 0 && scoreInterval(k / n, n, z).lower > threshold; k--)
      sum += Math.exp(logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]! + k * Math.log(p) + (n - k) * Math.log1p(-p));
    return sum;
  };
  const memo = new Map<number, number>();
  const at = (n: number) => memo.get(n) ?? (memo.set(n, powerAt(n)), memo.get(n)!);
  for (let n = 1; ; n++) {
    let m = n;
    while (m <= 4 * n && at(m) >= power) m++;
    if (m > 4 * n) return n;
    n = m; // every count up to m fails the floor (a count below m that was ≥ n saw m ahead of it)
  }
}
