import { normalQuantile } from "./tests";

/**
 * Runs per arm for an equivalence of two rates near `p` within ±`margin`, decided by the 95 % Newcombe interval:
 * with power 0.8 at a true difference of 0 the interval's half-width plus 1.28 SE must fit inside the margin,
 * n = (z₀.₉₇₅ + z₀.₉)²·2p(1 − p)/margin² (the MDE at 80 % power, 2.8 SE, is then below the margin too). With p = ½
 * where a rate is unknown (VERDICTS.md §5).
 *
 * @example
 * ```ts
 * equivalenceRuns(0.5, 0.1); // → 526
 * ```
 */
export function equivalenceRuns(p: number, margin: number): number {
  const z = normalQuantile(0.975) + normalQuantile(0.9);
  return Math.ceil((z * z * 2 * p * (1 - p)) / (margin * margin));
}
