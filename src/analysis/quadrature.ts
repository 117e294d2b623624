/**
 * Exact one-dimensional Boltzmann averages by quadrature, the reference for on-site terms a user writes:
 *
 *   ⟨g⟩_T = ∫ g(x) e^{−V(x)/T} dx / ∫ e^{−V(x)/T} dx
 *
 * by composite Simpson's rule on [lo, hi] (the density must be negligible outside). For N independent nodes with
 * C channels each, ⟨Σ V⟩ = N·C·⟨V⟩_T.
 */
import { ArgumentError, check } from "../errors";

export interface BoltzmannOptions {
  /** Integration range. Default [−6, 6]. */
  lo?: number;
  hi?: number;
  /** Simpson intervals (even). Default 4000. */
  intervals?: number;
}

/**
 * ⟨g⟩ under the density ∝ e^{−V(x)/T} on the real line (g defaults to V: the mean energy per coordinate).
 *
 * @example
 * ```ts
 * boltzmannMean((x) => (x * x - 1) ** 2, 0.5);   // mean double-well energy per coordinate at T = 0.5
 * boltzmannMean((x) => x * x / 2, 1);              // 0.5 (equipartition)
 * ```
 */
export function boltzmannMean(
  potential: (x: number) => number,
  temperature: number,
  g: (x: number) => number = potential,
  options: BoltzmannOptions = {},
): number {
  const where = "emtd/analysis/boltzmannMean";
  const T = check.positive(where, "temperature", temperature);
  const lo = check.finite(where, "lo", options.lo ?? -6);
  const hi = check.finite(where, "hi", options.hi ?? 6);
  if (!(hi > lo)) throw new ArgumentError(where, "hi", `a number > lo = ${lo}`, hi);
  const m = check.integer(where, "intervals", options.intervals ?? 4000, 2);
  if (m % 2 !== 0) throw new ArgumentError(where, "intervals", "an even integer", m);
  const h = (hi - lo) / m;
  // Shift by the minimum of V on the grid so that e^{−V/T} cannot underflow everywhere.
  let vMin = Infinity;
  for (let i = 0; i <= m; i++) vMin = Math.min(vMin, potential(lo + i * h));
  let z = 0;
  let num = 0;
  for (let i = 0; i <= m; i++) {
    const x = lo + i * h;
    const w = (i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2) * Math.exp(-(potential(x) - vMin) / T);
    z += w;
    num += w * g(x);
  }
  return num / z;
}
