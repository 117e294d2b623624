/**
 * Inference that fits the data (VERDICTS.md §5): Student-t intervals for few points, Holm's step-down correction
 * across the cases of one claim, a seeded percentile bootstrap where no closed form exists, and the log–log trend
 * of a size claim with its t interval and the prediction at a size the text names.
 */
import { jStat } from "jstat";
import seedrandom from "seedrandom";
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
 * A percentile bootstrap interval of `statistic` over `data`, resampled `resamples` times from a seeded stream
 * (the same seed, the same interval).
 *
 * @example
 * ```ts
 * bootstrapInterval([1, 2, 3, 4, 5], (x) => x.reduce((a, b) => a + b) / x.length, { seed: "s" }); // → [1.8, 4.2]
 * ```
 */
export function bootstrapInterval(
  data: readonly number[],
  statistic: (sample: number[]) => number,
  options: { seed: string; resamples?: number; level?: number },
): [number, number] {
  if (data.length < 2) throw new ArgumentError(WHERE, "data", "at least 2 values", data.length);
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const rng = seedrandom(options.seed);
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

/** A power law y = a·N^b fitted by least squares on log–log axes. */
export interface PowerLawFit {
  exponent: number;
  /** Standard error of the exponent. */
  se: number;
  /** n − 2 degrees of freedom. */
  df: number;
  /** The exponent's 95 % t interval. */
  interval: [number, number];
  /** ln a. */
  intercept: number;
  /** Residual standard deviation on the log scale. */
  residualSd: number;
  /** The fitted value at N with its 95 % prediction interval (log scale, t quantile). */
  predict(n: number): { value: number; interval: [number, number] };
}

/**
 * Fits y = a·N^b to (N, y) points with y > 0 (at least 3 points: 1 degree of freedom).
 *
 * @example
 * ```ts
 * const fit = powerLaw([10, 100, 1000, 10000], [1, 10, 100, 1000]);
 * fit.exponent; // → 1
 * ```
 */
export function powerLaw(ns: readonly number[], ys: readonly number[]): PowerLawFit {
  if (ns.length !== ys.length || ns.length < 3) throw new ArgumentError(WHERE, "points", "at least 3 (N, y) pairs", ns.length);
  if (ys.some((y) => !(y > 0)) || ns.some((n) => !(n > 0))) throw new ArgumentError(WHERE, "points", "positive N and y", ys.join(","));
  const x = ns.map(Math.log),
    y = ys.map(Math.log);
  const k = x.length;
  const mx = x.reduce((a, b) => a + b) / k,
    my = y.reduce((a, b) => a + b) / k;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < k; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const exponent = sxy / sxx;
  const intercept = my - exponent * mx;
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (y[i]! - intercept - exponent * x[i]!) ** 2;
  const df = k - 2;
  const residualSd = Math.sqrt(rss / Math.max(df, 1));
  const se = residualSd / Math.sqrt(sxx);
  const q = tQuantile(0.975, Math.max(df, 1));
  return {
    exponent,
    se,
    df,
    interval: [exponent - q * se, exponent + q * se],
    intercept,
    residualSd,
    predict(n: number) {
      const lx = Math.log(n);
      const fit = intercept + exponent * lx;
      const half = q * residualSd * Math.sqrt(1 + 1 / k + (lx - mx) ** 2 / sxx);
      return { value: Math.exp(fit), interval: [Math.exp(fit - half), Math.exp(fit + half)] };
    },
  };
}
