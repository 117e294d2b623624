/**
 * p4.2-reheating-escapes' cells by what the text's rule says of them: where it guarantees escape (and by which
 * derivation: the grid counts the cells one derivation gives once, ./machinery/findings markDerived), and why each
 * cell came out as it did.
 */
import type { ProposalKernel } from "../spin/update-kernels";
import { WS_DEPTH } from "../spin/ws-landscape";
import { T0 } from "../studies/traps/reheat-design";
import { num } from "./machinery/evidence";

/**
 * The cells of p4.2-reheating-escapes whose escape the text's own rule guarantees but for its speed: node0 at every
 * re-heat temperature, neighbour re-heated to T₀ or to d*. A prediction of the text's mechanism that the cell
 * measures, counted like any other (the one by-construction test, ./machinery/findings markBuilt: the text's rule
 * is not our model); said in the cell's headline.
 */
export function escapeGuaranteed(kernel: ProposalKernel, hot: number): boolean {
  return kernel === "node0" || (kernel === "neighbour" && hot >= WS_DEPTH);
}

/** Why a cell of p4.2-reheating-escapes came out as it did: the rule, and how hot the re-heat went. */
export function reheatReason(kernel: ProposalKernel, hot: number): string {
  if (kernel === "symmetric")
    return (
      `With a symmetric proposal every node may take the other value at any ` +
      `temperature, a consensus included; whether a re-heat to T = ${hot} climbs ` +
      `out before the schedule has cooled again is what the cell measures.`
    );
  const consensus =
    " What a copy rule cannot leave is a consensus (no proposal differs from a node's " +
    "value), so the designed consensus against a permanent field is never left; the " +
    "text's landscape has no such field, and that trap is shown beside, not counted.";
  if (kernel === "node0")
    return (
      `Under node0 every accepted move takes node 0's value, which never moves, and no move ` +
      `is ever undone, so any re-heat that accepts an uphill move at all (p = e^{−ΔH/${hot}}) ` +
      `erodes the minority against node 0 until the energy falls below the trap's.${consensus}`
    );
  if (hot >= WS_DEPTH)
    return (
      `At T = ${hot} a boundary node takes the other camp's value (the costliest ` +
      `move of a degree-4 node with p = e^{−8/${hot}} ≈ ${num(Math.exp(-8 / hot))}) ` +
      `and the camp follows, below the trap's energy.${consensus}`
    );
  // The side of the grid that does not hold, named as such (thirty-seventh-edition referee).
  return (
    `reheatT = ${hot} under the neighbour kernel is the side that does not hold. ` +
    `At T = ${hot} an uphill copy (a cut edge costs 2) is taken with p ≤ e^{−2/${hot}} ≈ ` +
    `${num(Math.exp(-2 / hot))} and the schedule cools from there, and a neighbour's copy can ` +
    `be copied back: a run can climb and fall back to where it was before the energy drops ` +
    `below the trap's, so low re-heats leave some of the text's traps in place.${consensus}`
  );
}

/**
 * The derivation from the text's rule that gives a guaranteed cell's escape (each argument of the claim's
 * `byConstruction` once): node0 at every re-heat temperature is one argument, neighbour at T₀ and at d* one each. The
 * hold and horizon axes cannot change what they derive, so each counts once in the grid (twenty-second-edition
 * referee). Null where the rule guarantees nothing (neighbour at T = 1).
 */
export function escapeDerivation(kernel: ProposalKernel, hot: number): string | null {
  if (!escapeGuaranteed(kernel, hot)) return null;
  if (kernel === "node0")
    return (
      "node0 at any re-heat temperature: node 0 never moves and no accepted move is undone, " +
      "so any re-heat that accepts an uphill move erodes the minority against it"
    );
  return hot >= T0
    ? `neighbour re-heated to T₀ = ${T0}: the re-heat restarts the §3.3 loop, which ends in a consensus below every split state`
    : `neighbour re-heated to d* = ${WS_DEPTH}: hot enough to cross a trap no deeper than d* (the largest depth found on small ` +
        `ws graphs, assumed for N = 50), so a split brain is expected to dissolve; the cells measure whether it does`;
}
