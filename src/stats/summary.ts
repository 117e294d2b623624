/**
 * The one place for plain summaries of a sample: mean, unbiased variance, median and quantiles. Median and quantile
 * are jStat's (a dependency already, for the χ² tail), so the library has one definition of each.
 */
import { jStat } from "jstat";
import { ArgumentError } from "../errors";

const WHERE = "emtd/stats";

function nonEmpty(name: string, x: ArrayLike<number>): void {
  if (x.length === 0) throw new ArgumentError(WHERE, name, "a non-empty sample", "[]");
}

/**
 * Arithmetic mean Σx/n (NaN for an empty sample, as 0/0). Plain numbers, no tensors.
 *
 * @example
 * ```ts
 * mean([1, 2, 3, 4]); // → 2.5
 * ```
 */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/**
 * Unbiased sample variance Σ(x − x̄)²/(n − 1) (NaN for fewer than two values).
 *
 * @example
 * ```ts
 * variance([1, 2, 3, 4]); // → 1.6666666666666667
 * ```
 */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - 1);
}

/**
 * Median (the mean of the two middle values for an even count). Throws an ArgumentError on an empty sample.
 *
 * @example
 * ```ts
 * median([3, 1, 2, 10]); // 2.5
 * ```
 */
export function median(x: ArrayLike<number>): number {
  nonEmpty("values", x);
  return jStat.median(Array.from(x));
}

/**
 * The p-quantile, 0 ≤ p ≤ 1, by linear interpolation between order statistics at (n − 1)·p (numpy's default,
 * Hyndman–Fan type 7: jStat.quantiles with α = β = 1). Throws an ArgumentError on an empty sample or p outside [0, 1].
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4, 5], 0.25); // 2
 * ```
 */
export function quantile(x: ArrayLike<number>, p: number): number {
  nonEmpty("values", x);
  if (!(p >= 0 && p <= 1)) throw new ArgumentError(WHERE, "p", "a probability in [0, 1]", p);
  if (x.length === 1) return x[0]!;
  return jStat.quantiles(Array.from(x), [p], 1, 1)[0]!;
}

/**
 * A distribution-free confidence interval for the median: the order statistics [x₍k₎, x₍n+1−k₎] with the largest k
 * for which P(Bin(n, ½) < k) ≤ (1 − level)/2, and its exact coverage 1 − 2·P(Bin(n, ½) < k) (≥ level). Needs at least
 * 6 values for 95 % (fewer cannot reach it: an ArgumentError).
 *
 * @example
 * ```ts
 * medianInterval([5, 1, 9, 3, 7, 2, 8, 4, 6]); // → { interval: [2, 8], coverage: 0.9609375 }
 * ```
 */
export function medianInterval(x: ArrayLike<number>, level = 0.95): { interval: [number, number]; coverage: number } {
  nonEmpty("values", x);
  if (!(level > 0 && level < 1)) throw new ArgumentError(WHERE, "level", "a probability in (0, 1)", level);
  const n = x.length;
  const tail = (1 - level) / 2;
  // P(Bin(n, ½) ≤ j), summed term by term (n is a count of repeats: small).
  let below = 0; // P(Bin < k) for the k being tried
  let term = 0.5 ** n; // P(Bin = k − 1)
  let k = 0;
  while (k < Math.floor(n / 2) && below + term <= tail) {
    below += term;
    term = (term * (n - k)) / (k + 1);
    k++;
  }
  if (k === 0)
    throw new ArgumentError(WHERE, "values", `at least ${Math.ceil(Math.log2(1 / tail))} values for a ${level} interval of the median`, n);
  const sorted = Array.from(x).sort((a, b) => a - b);
  return { interval: [sorted[k - 1]!, sorted[n - k]!], coverage: 1 - 2 * below };
}
