/**
 * Two-sample tests for comparing an implementation with a reference whose random stream differs: the samples are
 * independent, so only their distributions can be compared.
 *
 * Pearson's chi-square test of homogeneity on a 2×K contingency table: for category k with counts a_k, b_k
 * (sample sizes A, B), expected counts E_a = A·(a_k + b_k)/(A + B), E_b likewise; X² = Σ (O − E)²/E over both rows,
 * asymptotically χ² with (K' − 1) degrees of freedom. Categories whose pooled count would give an expected count
 * below `minExpected` (default 5, Cochran's rule) are merged with their neighbour in the given order, so the
 * asymptotics hold. The p-value is the χ² upper tail (jstat's regularised incomplete gamma).
 */
import { jStat } from "jstat";
import { ArgumentError } from "../errors";

export interface ChiSquareResult {
  /** Pearson's X². */
  statistic: number;
  /** Degrees of freedom (merged categories − 1). */
  dof: number;
  /** P(χ²_dof ≥ X²); 1 when fewer than two categories remain. */
  pValue: number;
  /** The merged categories: their labels, and counts of each sample. */
  labels: string[];
  a: number[];
  b: number[];
}

/**
 * Pearson's two-sample chi-square test of homogeneity on counts per category (same order in `a` and `b`;
 * adjacent categories are merged until every expected count is ≥ `minExpected`). Labels are for reporting.
 * @example
 * ```ts
 * const r = chiSquareTwoSample([30, 50, 20], [28, 55, 17], { labels: ["low", "mid", "high"] });
 * [r.statistic, r.dof, r.pValue]; // → [0.550, 2, 0.759]: no evidence the two differ
 * ```
 */
export function chiSquareTwoSample(
  a: readonly number[],
  b: readonly number[],
  options: { labels?: readonly string[]; minExpected?: number } = {},
): ChiSquareResult {
  const where = "emtd/stats/chiSquareTwoSample";
  if (a.length !== b.length || a.length === 0)
    throw new ArgumentError(where, "a, b", "count arrays of one non-zero length", `${a.length} and ${b.length}`);
  const minExpected = options.minExpected ?? 5;
  const labels = options.labels ?? a.map((_, i) => String(i));
  const A = a.reduce((s, x) => s + x, 0);
  const B = b.reduce((s, x) => s + x, 0);
  if (!(A > 0 && B > 0)) throw new ArgumentError(where, "a, b", "samples with at least one observation each", `${A} and ${B}`);
  const small = (ma: number, mb: number) => (Math.min(A, B) * (ma + mb)) / (A + B) < minExpected;
  // Merge forwards while a category is too small, then fold a small tail into its predecessor.
  const ma: number[] = [];
  const mb: number[] = [];
  const ml: string[] = [];
  let ca = 0;
  let cb = 0;
  let cl: string[] = [];
  for (let k = 0; k < a.length; k++) {
    ca += a[k]!;
    cb += b[k]!;
    cl.push(labels[k]!);
    if (!small(ca, cb)) {
      ma.push(ca);
      mb.push(cb);
      ml.push(cl.length === 1 ? cl[0]! : `${cl[0]}…${cl[cl.length - 1]}`);
      ca = cb = 0;
      cl = [];
    }
  }
  if (cl.length > 0) {
    if (ma.length === 0) {
      ma.push(ca);
      mb.push(cb);
      ml.push(`${cl[0]}…${cl[cl.length - 1]}`);
    } else {
      ma[ma.length - 1]! += ca;
      mb[mb.length - 1]! += cb;
      const first = ml[ml.length - 1]!.split("…")[0]!;
      ml[ml.length - 1] = `${first}…${cl[cl.length - 1]}`;
    }
  }
  let statistic = 0;
  for (let k = 0; k < ma.length; k++) {
    const pooled = ma[k]! + mb[k]!;
    const ea = (A * pooled) / (A + B);
    const eb = (B * pooled) / (A + B);
    statistic += (ma[k]! - ea) ** 2 / ea + (mb[k]! - eb) ** 2 / eb;
  }
  const dof = ma.length - 1;
  const pValue = dof === 0 ? 1 : 1 - jStat.chisquare.cdf(statistic, dof);
  return { statistic, dof, pValue, labels: ml, a: ma, b: mb };
}

/**
 * Counts of the integer values lo … hi of a sample (values are rounded; those outside are clamped into the end bins).
 * The result has hi − lo + 1 entries.
 *
 * @example
 * ```ts
 * histogram([0, 1, 1, 2, 7, -3], 0, 3); // → [ 2, 2, 1, 1 ]
 * ```
 */
export function histogram(values: readonly number[], lo: number, hi: number): number[] {
  const counts = new Array<number>(hi - lo + 1).fill(0);
  for (const v of values) counts[Math.min(hi, Math.max(lo, Math.round(v))) - lo]!++;
  return counts;
}

/**
 * Kolmogorov's limiting survival function Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}: P(√n_e·D > λ) for large samples
 * (Q(1.358) ≈ 0.05). 1 for λ ≤ 0.
 *
 * @example
 * ```ts
 * kolmogorovQ(1.358).toFixed(4); // → "0.0500"
 * kolmogorovQ(0.5).toFixed(4); // → "0.9639"
 * kolmogorovQ(0); // → 1
 * ```
 */
export function kolmogorovQ(lambda: number): number {
  if (!(lambda > 0)) return 1;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return Math.min(1, Math.max(0, p));
}

export interface KsResult {
  /** D = sup_x |F_a(x) − F_b(x)| of the two empirical distribution functions. */
  statistic: number;
  /** Q((n_e^{1/2} + 0.12 + 0.11 n_e^{−1/2})·D) with n_e = AB/(A + B) (Stephens' small-sample correction). */
  pValue: number;
}

/**
 * The two-sample Kolmogorov–Smirnov test: D, the largest gap between the empirical distribution functions
 * (ties handled by stepping past equal values together), and its asymptotic p-value with Stephens' correction.
 *
 * @example
 * ```ts
 * ksTwoSample([0.1, 0.5, 0.9], [0.3, 0.4, 1.0]).statistic;
 * ```
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  if (a.length === 0 || b.length === 0)
    throw new ArgumentError("emtd/stats/ksTwoSample", "a, b", "two non-empty samples", [a.length, b.length]);
  const x = Array.from(a).sort((p, q) => p - q);
  const y = Array.from(b).sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const t = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= t) i++;
    while (j < y.length && y[j]! <= t) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const ne = Math.sqrt((x.length * y.length) / (x.length + y.length));
  return { statistic: d, pValue: kolmogorovQ((ne + 0.12 + 0.11 / ne) * d) };
}
