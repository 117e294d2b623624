/**
 * The class of a family's scaling, read from the fitted exponent of its consensus time against N: notebook 12
 * describes its families with it, and p4.1-scale-invariance's records use the same threshold.
 */
import type { LineFit } from "../../stats/regression";

/**
 * Largest exponent of consensus time against N counted as scale-invariant by {@link scaleClass} (kept for the
 * notebooks and the API): at 0.1 the time changes by at most 10^(0.1·8) ≈ 6× from N = 10 to N = 10⁹.
 */
export const SCALE_INVARIANT_SLOPE = 0.1;

/**
 * The class of one family from the fitted exponent of its consensus time against N (a {@link LineFit}'s slope and se): `flat` when slope + 2·SE is
 * below {@link SCALE_INVARIANT_SLOPE}, `grows` when slope − 2·SE is above it, `borderline` otherwise.
 *
 * @example
 * ```ts
 * scaleClass({ slope: 2.0, se: 0.02 }); // → "grows" (a ring lattice: consensus time ∝ N²)
 * scaleClass({ slope: 0.01, se: 0.01 }); // → "flat" (the complete graph)
 * ```
 */
export function scaleClass(fit: Pick<LineFit, "slope" | "se">): "flat" | "grows" | "borderline" {
  if (fit.slope + 2 * fit.se < SCALE_INVARIANT_SLOPE) return "flat";
  if (fit.slope - 2 * fit.se > SCALE_INVARIANT_SLOPE) return "grows";
  return "borderline";
}
