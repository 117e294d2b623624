/**
 * The cells a claim's record declares built in (its `byConstruction`, cell by cell), marked on their readings so that
 * VERDICTS.md §3's amended rule reads them as evidence, not holding cells (./findings markBuilt; ./combine, ./grid).
 * One wrapper for every claim that has such cells, so the claim's own measurement stays as it was.
 */
import { markBuilt } from "./findings";
import { kernelIn } from "./mechanism";
import type { Claim, MeasureContext } from "./types";

/** Why a cell is built in, or null where it is measured. */
export type BuiltIn = (ctx: MeasureContext) => string | null;

/**
 * The claim with each cell `builtIn` names marked by construction (its reading's verdict and numbers unchanged; a
 * cell that fails or is undecided is unaffected by the mark).
 */
export function withBuiltCells(claim: Claim, builtIn: BuiltIn): Claim {
  return {
    ...claim,
    async measure(ctx: MeasureContext) {
      const m = await claim.measure(ctx);
      const why = builtIn(ctx);
      return why === null ? m : { ...m, result: markBuilt(m.result, why) };
    },
  };
}

/** The text's ℋ is the one measured: no variant replaced its interaction or added terms (a convex ℋ stays convex). */
export function ownHamiltonian(ctx: MeasureContext): boolean {
  return !ctx.mechanism.replaced.some((part) => part === "interaction" || part === "terms");
}

/** Why node0's copy (§3.3's code) builds consensus in: node 0 never moves and is the only value proposed. */
export const NODE0_BUILT = "every node proposes node 0's value, which never moves: a consensus on it absorbs (byConstruction)";

/** Why the flow on the text's convex ℋ builds consensus in: its only rest points as T → 0 are consensus states. */
export const FLOW_BUILT = "the flow on the text's convex ℋ ends in a consensus as T → 0 (byConstruction)";

/**
 * The built-in cells most §2–§4 claims share (their records say so): the flow on the text's own ℋ, and a copy cell
 * under the node0 kernel; every other cell (neighbour copy, gossip, a repair's symmetric kernel) is measured.
 */
export const flowOrNode0: BuiltIn = (ctx) => {
  if (ctx.cell.update === "flow") return ownHamiltonian(ctx) ? FLOW_BUILT : null;
  if (ctx.cell.update !== undefined && ctx.cell.update !== "copy") return null;
  return kernelIn(ctx) === "node0" ? NODE0_BUILT : null;
};

/** A copy cell under the node0 kernel (a claim whose flow and other cells are measured, or fail whatever they build). */
export const node0Copy: BuiltIn = (ctx) =>
  ctx.cell.update !== undefined && ctx.cell.update !== "copy" ? null : kernelIn(ctx) === "node0" ? NODE0_BUILT : null;
