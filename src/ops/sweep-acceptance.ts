/**
 * The library's one Metropolis rule (dynamics/acceptance `metropolisAcceptsLazily`) inlined for §3.3's ±1-spin sweeps
 * (spin/update-kernels), where it runs 10⁸–10⁹ times per claim. It stands on the operators' floor, below dynamics/.
 * (The copy sweep of ops/copy-sweep draws its accept from Philox at a fixed counter, so it needs no lazy draw: it
 * takes a downhill move and compares u < e^{−Δ/T} uphill, the same decisions without the draw's order.)
 */

/**
 * Accept a downhill move without a draw, reject an uphill one at T = 0 without a draw, else draw u and accept iff
 * u < e^{−Δ/T} (a NaN cost draws and rejects). The same draws and the same numbers as the rule; the temperature's check
 * is made once per sweep by the caller. test/unit/spin/update-kernels.test.ts holds it to the rule.
 */
export function sweepAccepts(cost: number, temperature: number, u: () => number): boolean {
  if (cost <= 0) return true;
  if (temperature === 0) return false;
  return u() < (Number.isNaN(cost) ? 0 : factor(cost, temperature));
}

/** Whole costs below this have their factor e^{−Δ/T} kept for the temperature at hand ({@link factor}). */
const CACHED_COSTS = 64;
const cachedFactor = new Float64Array(CACHED_COSTS);
const cachedAt = new Float64Array(CACHED_COSTS).fill(Number.NaN);

/**
 * e^{−Δ/T}, kept per whole cost Δ < {@link CACHED_COSTS} with the temperature it was computed at: on the text's
 * landscapes (couplings 1, no field) every cost is a small even number, so a sweep computes a handful of
 * exponentials instead of one per uphill move. The same numbers: the table holds what Math.exp returned for that Δ and T.
 */
function factor(cost: number, temperature: number): number {
  if (cost < CACHED_COSTS && Number.isInteger(cost)) {
    if (cachedAt[cost] === temperature) return cachedFactor[cost]!;
    cachedAt[cost] = temperature;
    return (cachedFactor[cost] = Math.exp(-cost / temperature));
  }
  return Math.exp(-cost / temperature);
}
