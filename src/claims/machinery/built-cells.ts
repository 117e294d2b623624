/**
 * The cells a claim's record declares built in by our model (its `byConstruction`, cell by cell), marked on their
 * readings so that VERDICTS.md §3's amended rule reads them as evidence on either side, not counted (./findings
 * markBuilt states the one test; ./combine, ./grid).
 * One wrapper for every claim that has such cells, so the claim's own measurement stays as it was.
 */
import { markBuilt } from "./findings";
import type { Claim, MeasureContext } from "./types";

/** Why a cell is built in, or null where it is measured. */
export type BuiltIn = (ctx: MeasureContext) => string | null;

/**
 * The claim with each cell `builtIn` names marked by construction (its reading's verdict and numbers unchanged;
 * marked, it is evidence, not counted, whichever way it came out: ./findings BY_CONSTRUCTION_TEST).
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
