/**
 * The single-spin Metropolis sweep of a {@link SpinProblem}, shared by the trap experiments (§4.2), the energy
 * accounting (§4.3) and the Hopfield study (§4.4): spins visited in order 0 … n−1 (§3.3's sweep), each flip accepted
 * by the library's one rule (src/dynamics/acceptance.ts) with its cost ΔH from {@link flipCost}.
 */
import { metropolisAcceptsLazily } from "../dynamics/acceptance";
import { flipCost, type ProblemCsr } from "./problem";

/**
 * One in-order Metropolis sweep at temperature T ≥ 0 (k_B = 1; T = 0 accepts only ΔH ≤ 0), flipping `spin` in place;
 * returns the number of flips. `u` draws uniforms in [0, 1): one per uphill proposal at T > 0, none otherwise
 * ({@link metropolisAcceptsLazily}).
 *
 * @example
 * ```ts
 * const g = problemCsr(twoCommunityProblem());
 * const spin = Int8Array.from([1, 1, 1, 1, -1, -1, -1, -1]); // the split state
 * metropolisSweep(g, spin, 0, uniformSource(key(1))); // → 0: a local minimum at T = 0
 * ```
 */
export function metropolisSweep(g: ProblemCsr, spin: Int8Array, temperature: number, u: () => number): number {
  let flips = 0;
  for (let i = 0; i < g.n; i++) {
    if (metropolisAcceptsLazily(flipCost(g, spin, i), temperature, u)) {
      spin[i] = -spin[i]! as 1 | -1;
      flips++;
    }
  }
  return flips;
}
