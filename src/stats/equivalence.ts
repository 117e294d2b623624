import { ArgumentError } from "../errors";
import { normalQuantile } from "./tests";

/**
 * Runs per arm for an equivalence of two rates near `p` within ±`margin`, decided by the 95 % Newcombe interval:
 * with power 0.9 at a true difference of `trueDifference` (0 by default) the interval's half-width plus 1.28 SE must
 * fit inside the margin's distance from it, n = (z₀.₉₇₅ + z₀.₉)²·2p(1 − p)/(margin − |trueDifference|)² (at 0, the MDE
 * at 80 % power, 2.8 SE, is then below the margin too). With p = ½ where a rate is unknown (VERDICTS.md §5).
 *
 * @example
 * ```ts
 * equivalenceRuns(0.5, 0.1); // → 526
 * equivalenceRuns(0.5, 0.1, 0.05); // → 2102: a true difference of half the margin needs four times the runs
 * ```
 */
export function equivalenceRuns(p: number, margin: number, trueDifference = 0): number {
  const room = margin - Math.abs(trueDifference);
  if (!(room > 0)) throw new ArgumentError("emtd/stats/equivalenceRuns", "|trueDifference|", `below the margin ${margin}`, trueDifference);
  const z = normalQuantile(0.975) + normalQuantile(0.9);
  return Math.ceil((z * z * 2 * p * (1 - p)) / (room * room));
}

/**
 * Runs for one rate read against a level (a rate above 0.95, say): enough to tell a true rate `resolution` away from
 * the level at 80 % power with a two-sided 95 % interval, n = (z₀.₉₇₅ + z₀.₈)²·p(1 − p)/resolution², with p = ½ where
 * the rate is unknown (VERDICTS.md §5).
 *
 * @example
 * ```ts
 * levelRuns(0.02); // → 4906: p2.2-crystallisation's and p2.1-ising-alignment's "more than 95 % of runs"
 * ```
 */
export function levelRuns(resolution: number, p = 0.5): number {
  if (!(resolution > 0 && resolution < 1)) throw new ArgumentError("emtd/stats/levelRuns", "resolution", "in (0, 1)", resolution);
  const z = normalQuantile(0.975) + normalQuantile(0.8);
  return Math.ceil((z * z * p * (1 - p)) / (resolution * resolution));
}

/**
 * The average-bioequivalence limits for a ratio (FDA, Statistical Approaches to Establishing Bioequivalence, 2001;
 * EMA, 2010): the ratio within 0.80 to 1.25, |ln ratio| < ln 1.25. The one relative margin the claims use.
 */
export const BIOEQUIVALENCE_RATIO = 1.25;

/**
 * Runs per arm for an equivalence of two rates near `p` within a ratio of 1/`ratio` to `ratio`, decided by the 95 %
 * interval of ln(a/b) (delta method), n = (z₀.₉₇₅ + z₀.₉)²·2(1 − p)/p / (ln ratio)²: at a true ratio of 1 both ends of
 * the interval must fit, power 2Φ(z₀.₉) − 1 = 0.8 (the MDE at 80 % power, 2.8 SE, is then below ln ratio too). A
 * ratio's variance grows as p falls, so plan at the lowest rate expected.
 *
 * @example
 * ```ts
 * ratioEquivalenceRuns(0.25, 1.25); // → 1267
 * ratioEquivalenceRuns(0.5, 1.25); // → 423
 * ```
 */
export function ratioEquivalenceRuns(p: number, ratio: number): number {
  if (!(p > 0 && p < 1)) throw new ArgumentError("emtd/stats/ratioEquivalenceRuns", "p", "a rate in (0, 1)", p);
  if (!(ratio > 1)) throw new ArgumentError("emtd/stats/ratioEquivalenceRuns", "ratio", "above 1", ratio);
  const z = normalQuantile(0.975) + normalQuantile(0.9);
  const m = Math.log(ratio);
  return Math.ceil((z * z * 2 * (1 - p)) / p / (m * m));
}
