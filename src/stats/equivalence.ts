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
