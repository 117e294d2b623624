/**
 * p4.2-reheating-escapes' design: how hot a re-heat goes, on its grid with each value's reason. The claim
 * (claims/section4-traps), its figure (figures/nb13-traps) and notebook 13 take it from here.
 */
import { WS_DEPTH } from "../../spin/ws-landscape";

/** §3.3's starting temperature. */
export const T0 = 100;

/** The re-heat temperature that reads the quote's clause "even at low temperatures" (one of the grid's three, each deciding). */
export const LOW_REHEAT = 1;
/**
 * How hot a re-heat goes, the open choice of §4.2's sentence (internal review 3, defect 2): a grid, each value with
 * its reason, fixed before any run at them. Units: ΔH of one flip, where a cut edge costs 2 (flipCost); a node of
 * degree 4 pays 4 to leave a 3-to-1 majority and 8 to leave a unanimous one.
 */
export const REHEAT_GRID: { readonly values: readonly number[]; readonly why: readonly string[] } = {
  values: [T0, WS_DEPTH, LOW_REHEAT],
  why: [
    `T₀ = ${T0}: re-heating to the text's start, the schedule restarted as the §3.3 loop begins it (the plainest reading of re-heating a geometric schedule)`,
    `d* = ${WS_DEPTH}: the depth of the text's landscape (spin/ws-landscape WS_DEPTH, the one estimate p2.2-annealing's, p2.1-ising-alignment's and p3.2-ground-state's Hajek repairs use), hot enough by Hajek's criterion to cross its deepest trap; the third edition's only value (HOT = 6)`,
    "1: the quote's 'non-optimal moves even at low temperatures': 1 % of T₀ (the loop's cold tail, reached after 90 sweeps), the energy of one bond (J = 1), below every uphill move a trap offers (a cut edge costs 2, taken with p ≤ e^{−2} ≈ 0.14), so non-optimal moves stay possible yet rare. Charity on wording takes the warmest temperature that is still low; 0.5 (p ≤ e^{−4}) would only be harsher, and a second low value would count the low reading twice in the grid's tally",
  ],
};
