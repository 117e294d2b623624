/**
 * Inference that fits the data (VERDICTS.md §5): Student-t intervals for few points, Holm's step-down correction
 * across the cases of one claim, and a keyed percentile bootstrap where no closed form exists. The log–log trend of
 * a size claim is in ./regression.ts.
 */
import { jStat } from "jstat";
import { type Key, uniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";

const WHERE = "emtd/stats/inference";

/**
 * The Student-t quantile with `df` degrees of freedom.
 *
 * @example
 * ```ts
 * tQuantile(0.975, 2); // → 4.303 (a slope from 4 points)
 * ```
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new ArgumentError(WHERE, "p", "a probability strictly between 0 and 1", p);
  check.positive(WHERE, "df", df);
  return jStat.studentt.inv(p, df);
}

/** The two-sided p-value of t = estimate / se on `df` degrees of freedom (normal when df is Infinity). */
export function tPValue(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  const tail = Number.isFinite(df) ? 1 - jStat.studentt.cdf(Math.abs(t), df) : 1 - jStat.normal.cdf(Math.abs(t), 0, 1);
  return Math.min(1, 2 * tail);
}

/**
 * value ± t₍₁₋α/₂, df₎·se: the interval of an estimate from `df` + 1 (or df + 2, for a slope) points.
 *
 * @example
 * ```ts
 * tInterval({ value: 2, se: 0.1 }, 2); // → [1.570, 2.430]
 * ```
 */
export function tInterval(estimate: { value: number; se: number }, df: number, level = 0.95): [number, number] {
  const q = Number.isFinite(df) ? tQuantile(0.5 + level / 2, df) : jStat.normal.inv(0.5 + level / 2, 0, 1);
  return [estimate.value - q * estimate.se, estimate.value + q * estimate.se];
}

/**
 * Holm's step-down procedure: which of m hypotheses are rejected at family-wise level α. Sorted ascending, the i-th
 * smallest p (0-based) is compared with α/(m − i); the first that exceeds it stops the rejections.
 *
 * @example
 * ```ts
 * holm([0.01, 0.04, 0.03]); // → [true, false, false] (0.01 ≤ 0.05/3; 0.03 > 0.05/2)
 * ```
 */
export function holm(pValues: readonly number[], alpha = 0.05): boolean[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const rejected = pValues.map(() => false);
  for (const [rank, { p, i }] of order.entries()) {
    if (!(p <= alpha / (pValues.length - rank))) break;
    rejected[i] = true;
  }
  return rejected;
}

/**
 * A percentile bootstrap interval of `statistic` over `data`, resampled `resamples` times from the stream of `key`
 * (the same key, the same interval), as every draw of the library is keyed.
 *
 * @example
 * ```ts
 * bootstrapInterval([1, 2, 3, 4, 5], (x) => x.reduce((a, b) => a + b) / x.length, key(1)); // → [1.8, 4.2]
 * ```
 */
export function bootstrapInterval(
  data: readonly number[],
  statistic: (sample: number[]) => number,
  key: Key,
  options: { resamples?: number; level?: number } = {},
): [number, number] {
  if (data.length < 2) throw new ArgumentError(WHERE, "data", "at least 2 values", data.length);
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const rng = uniformSource(key);
  const stats: number[] = [];
  const sample = new Array<number>(data.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < data.length; i++) sample[i] = data[Math.floor(rng() * data.length)]!;
    stats.push(statistic(sample));
  }
  stats.sort((a, b) => a - b);
  const at = (q: number) => stats[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))]!;
  return [at((1 - level) / 2), at((1 + level) / 2)];
}
