/**
 * Tests a verdict can rest on: normal intervals, the two-proportion z-test, the two one-sided tests (TOST) for
 * equivalence within a stated margin, and the power side of a "no effect found" (minimum detectable effect, runs
 * needed). Pure functions of numbers; every probability is a normal approximation, stated where it is used.
 *
 * References: Newcombe (1998) for the difference of proportions; Schuirmann (1987) for TOST; Fleiss, Levin & Paik,
 * *Statistical Methods for Rates and Proportions* (2003), §4.2, for the sample size of a two-proportion test.
 */
import { jStat } from "jstat";
import { ArgumentError, check } from "../errors";
import { scoreInterval } from "./binomial";

const WHERE = "emtd/stats/tests";

/** A number with its standard error. */
export interface Estimate {
  value: number;
  se: number;
}

/** The standard normal quantile Φ⁻¹(p), 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new ArgumentError(WHERE, "p", "a probability strictly between 0 and 1", p);
  return jStat.normal.inv(p, 0, 1);
}

/** Φ(z). */
export function normalCdf(z: number): number {
  return jStat.normal.cdf(z, 0, 1);
}

/**
 * The two-sided normal interval value ± z·se at `level` (default 0.95).
 *
 * @example
 * ```ts
 * normalInterval({ value: 1, se: 0.1 }); // → [0.804, 1.196] (z = 1.96)
 * ```
 */
export function normalInterval(estimate: Estimate, level = 0.95): [number, number] {
  if (!(level > 0 && level < 1)) throw new ArgumentError(WHERE, "level", "a number strictly between 0 and 1", level);
  const z = normalQuantile(0.5 + level / 2);
  return [estimate.value - z * estimate.se, estimate.value + z * estimate.se];
}

export interface TwoProportion {
  /** p̂₁ − p̂₂. */
  difference: number;
  /** Unpooled standard error √(p̂₁q̂₁/n₁ + p̂₂q̂₂/n₂) of the difference. */
  se: number;
  /** z with the pooled standard error (the test's statistic under H₀: p₁ = p₂); 0 when both rates are 0 or 1. */
  z: number;
  /** Two-sided p-value of H₀: p₁ = p₂. */
  pValue: number;
  /** Newcombe's hybrid score interval for p₁ − p₂ at `level` (built from the two Wilson intervals). */
  interval: [number, number];
}

/**
 * Two-proportion z-test of k₁/n₁ against k₂/n₂, with Newcombe's interval for the difference (it stays sensible at
 * k = 0 or n, where the Wald interval collapses). `designEffects` (default 1 and 1) are the arms' design effects where
 * their runs share networks (./clustered): each arm then counts as n/deff independent runs.
 *
 * @example
 * ```ts
 * const t = twoProportionTest(16, 60, 4, 60); // 0.267 vs 0.067
 * t.difference; // → 0.2
 * t.pValue < 0.01; // → true
 * ```
 */
export function twoProportionTest(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  level = 0.95,
  designEffects: readonly [number, number] = [1, 1],
): TwoProportion {
  check.integer(WHERE, "n1", n1, 1);
  check.integer(WHERE, "n2", n2, 1);
  check.integer(WHERE, "k1", k1, 0, n1);
  check.integer(WHERE, "k2", k2, 0, n2);
  const [d1, d2] = designEffects;
  if (!(d1 >= 1 && d2 >= 1)) throw new ArgumentError(WHERE, "designEffects", "two numbers ≥ 1", `${d1}, ${d2}`);
  // A clustered arm (runs sharing networks, ./clustered) is worth n/deff independent runs: each variance is scaled
  // by its design effect and each Wilson interval taken at the effective size. Design effects of 1 are the plain test.
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const pooled = (k1 + k2) / (n1 + n2);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (d1 / n1 + d2 / n2));
  const z = sePooled > 0 ? (p1 - p2) / sePooled : 0;
  const zLevel = normalQuantile(0.5 + level / 2);
  const w1 = scoreInterval(p1, n1 / d1, zLevel);
  const w2 = scoreInterval(p2, n2 / d2, zLevel);
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2);
  const upper = d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2);
  return {
    difference: d,
    se: Math.sqrt((d1 * p1 * (1 - p1)) / n1 + (d2 * p2 * (1 - p2)) / n2),
    z,
    pValue: 2 * (1 - normalCdf(Math.abs(z))),
    interval: [lower, upper],
  };
}

export interface Equivalence {
  /** The margin δ: the difference counts as negligible when it lies within (−δ, δ). */
  margin: number;
  /** The (1 − 2α) interval of the difference; equivalence is shown when it lies inside (−δ, δ). */
  interval: [number, number];
  /** TOST p-value: the larger of the two one-sided p-values. */
  pValue: number;
  equivalent: boolean;
}

/**
 * Schuirmann's two one-sided tests: is the difference within ±`margin`, at level α (default 0.05)? Equivalent
 * exactly when the (1 − 2α) normal interval lies inside (−margin, margin). An estimate with se = 0 is equivalent
 * when |value| < margin.
 *
 * @example
 * ```ts
 * equivalenceTest({ value: 0.01, se: 0.01 }, 0.05).equivalent; // → true (90 % interval [−0.006, 0.026])
 * equivalenceTest({ value: 0.01, se: 0.05 }, 0.05).equivalent; // → false: too uncertain to call it no difference
 * ```
 */
export function equivalenceTest(difference: Estimate, margin: number, alpha = 0.05): Equivalence {
  check.positive(WHERE, "margin", margin);
  if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentError(WHERE, "alpha", "a number strictly between 0 and 0.5", alpha);
  const { value, se } = difference;
  if (!(se >= 0) || !Number.isFinite(value)) throw new ArgumentError(WHERE, "difference", "a finite value with se ≥ 0", value);
  if (se === 0) {
    const inside = Math.abs(value) < margin;
    return { margin, interval: [value, value], pValue: inside ? 0 : 1, equivalent: inside };
  }
  const z = normalQuantile(1 - alpha);
  const pLower = 1 - normalCdf((value + margin) / se);
  const pUpper = normalCdf((value - margin) / se);
  const interval: [number, number] = [value - z * se, value + z * se];
  return { margin, interval, pValue: Math.max(pLower, pUpper), equivalent: interval[0] > -margin && interval[1] < margin };
}

/**
 * The smallest true difference a two-sided test at level α detects with probability `power`, given the standard
 * error of the estimated difference: (z₁₋α/₂ + z_power)·se.
 *
 * @example
 * ```ts
 * minimumDetectableEffect(0.05); // → 0.140 (α = 0.05, power 0.8)
 * ```
 */
export function minimumDetectableEffect(se: number, alpha = 0.05, power = 0.8): number {
  check.nonNegative(WHERE, "se", se);
  return (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * se;
}

/**
 * Runs per group for a two-sided two-proportion test at level α to detect p₁ against p₂ with probability `power`
 * (Fleiss, Levin & Paik 2003, eq. 4.14, without continuity correction).
 *
 * @example
 * ```ts
 * runsForPower(0.27, 0.07); // → 55 (runs per group at α = 0.05, power 0.8)
 * ```
 */
export function runsForPower(p1: number, p2: number, alpha = 0.05, power = 0.8): number {
  check.probability(WHERE, "p1", p1);
  check.probability(WHERE, "p2", p2);
  if (p1 === p2) throw new ArgumentError(WHERE, "p2", "a rate different from p1", p2);
  const bar = (p1 + p2) / 2;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const n = (za * Math.sqrt(2 * bar * (1 - bar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p1 - p2) ** 2;
  return Math.ceil(n);
}
