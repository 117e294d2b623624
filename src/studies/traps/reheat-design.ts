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

/**
 * How long a run is given, in mean re-heat intervals (1/r sweeps): an open choice of "can escape", which names no time
 * (both referees of 2026-11-28). A grid, each value with its reason, fixed before any run at them.
 */
export const HORIZON_GRID: { readonly values: readonly number[]; readonly why: readonly string[] } = {
  values: [10, 100],
  why: [
    "10 intervals: the shortest horizon at which a run is re-heated but for P(none) = e^{−10} ≈ 4.5·10⁻⁵, so escape and failure are both possible at every rate (the earlier editions' only value)",
    "100 intervals: about a hundred re-heats per run, so a trap left with a small chance per re-heat has as many tries; 'can escape' names no time, and this is the longest horizon the issue asks for (ten times the first)",
  ],
};

/** The hold value that lasts one mean re-heat interval (1/r sweeps): the next re-heat is due, on average, as it ends. */
export const HOLD_INTERVAL = "1/r";

/**
 * How long a re-heat holds its temperature before the schedule cools again, in sweeps: the text says only
 * "re-heating", so the re-heat's length is an open choice. A grid, each value with its reason, fixed before any run.
 */
export const HOLD_GRID: { readonly values: readonly (number | string)[]; readonly why: readonly string[] } = {
  values: [0, 5, HOLD_INTERVAL],
  why: [
    "0: the schedule restarts from the re-heat temperature and cools again at once (×0.95 a sweep), as a geometric schedule restarted does: the earlier editions' only reading",
    "5 sweeps: a few, each node proposing five times at the re-heat temperature before the cooling resumes; a short pause, not a change of schedule",
    "one mean re-heat interval (1/r sweeps): the re-heat lasts until the next one is due on average. A re-heat restarts the hold, so once re-heating starts T sits at the re-heat temperature a share 1 − (1 − r)^{1/r} ≈ 1 − e^{−1} ≈ 63 % of the sweeps: close to a raised floor, not occasional re-heats (fifteenth-edition referee). Kept, so stated: the text gives re-heating no length, and this end of the axis shows how far holding the re-heat helps; the theorem setting of the symmetric-kernel repair",
  ],
};

/** A hold value in sweeps at re-heat rate `rate` ({@link HOLD_INTERVAL} is 1/r, rounded). */
export function holdSweeps(hold: number | string, rate: number): number {
  return hold === HOLD_INTERVAL ? Math.round(1 / rate) : Number(hold);
}
