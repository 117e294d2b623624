/**
 * Hajek's critical depth d* of the text's landscape: two ledgers (±1) on §3.3's graph watts_strogatz(50, 4, 0.1)
 * under ℋ's interaction. One value for every claim that anneals it (p2.1-ising-alignment, p2.2-annealing,
 * p3.2-ground-state), so the logarithmic repair's c = d* is the same number wherever it runs.
 *
 * Units: the energy change the Metropolis acceptance of src/spin/update-kernels.ts sees, which is 2 per cut edge
 * (an edge whose ends hold different ledgers) in both state forms: on ±1 spins `flipCost` = 2s_iΣ_j s_j (J = 1), and
 * in `copyAndAccept` ½Σ_j ‖x_i − x_j‖² with ‖(+1) − (−1)‖² = 4. So the two exact enumerations agree graph by graph:
 * `criticalDepth(energyTable(wsSpinProblem(n, k)), n)` (spin/exact-tables; wsSpinProblem in reference-port/spin-problem) and `consensusLandscapeDepth`
 * (studies/lemma-audit/ground-state) gave the same d* on 36 draws of ws(n, 4, 0.1), n = 12, 16, 20.
 */

/**
 * d* of two ledgers on ws(50, 4, 0.1), estimated (2^50 states cannot be enumerated): on 54 draws of ws(N, 4, 0.1),
 * N = 10 … 20, the exact d* was 0, 2, 4 or 6 (N = 20: 9 × 0, 10 × 2, 4 × 4, 1 × 6), the barrier of a domain wall held
 * by rewired shortcuts; 6, the largest found, is taken for N = 50 (Hajek's guarantee holds for any c ≥ d*; a 50-node
 * draw deeper than 6 would have c below its d*). The "0 to 4" once quoted by p3.2-ground-state was the same quantity
 * in the same units from fewer draws (n = 12–20), which never met the rarer depth 6.
 *
 * @example
 * ```ts
 * WS_DEPTH; // → 6 (three cut edges: the acceptance's 2 per cut edge)
 * ```
 */
export const WS_DEPTH = 6;

/** {@link WS_DEPTH} as the landscape a claim hands to a schedule part (`SchedulePart`'s second argument). */
export const WS_LANDSCAPE: Readonly<{ depth: number }> = Object.freeze({ depth: WS_DEPTH });

/**
 * {@link WS_DEPTH} in a landscape whose acceptance sees `perCutEdge` per cut edge: the same barrier, three cut edges,
 * in that landscape's units (the fifth-edition referee: §3.3's two Merkle values 0 and 3.14159 cost ½·3.14159² ≈ 4.93
 * per cut edge, not 2, so their d* is 14.8, not 6).
 *
 * @example
 * ```ts
 * wsLandscapeFor(2).depth; // → 6
 * wsLandscapeFor(0.5 * 3.14159 ** 2).depth; // → 14.8
 * ```
 */
export function wsLandscapeFor(perCutEdge: number): { depth: number } {
  return { depth: (WS_DEPTH / 2) * perCutEdge };
}
