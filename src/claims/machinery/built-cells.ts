/**
 * The cells a claim's record declares built in by our model (its `byConstruction`, cell by cell), marked on their
 * readings so that VERDICTS.md §3's amended rule reads them as evidence on either side, not counted (./findings
 * markBuilt states the one test; ./combine, ./grid).
 * One wrapper for every claim that has such cells, so the claim's own measurement stays as it was.
 */
import { markBuilt, verdictOf } from "./findings";
import type { Claim, MeasureContext } from "./types";

/** Why a cell is built in, or null where it is measured. */
export type BuiltIn = (ctx: MeasureContext) => string | null;

/**
 * Which cells' verdicts the mark sets aside: "both" where our model decides the outcome (a designed attacker, an
 * identity), "holding" where the cell's outcome arises without the mechanism the sentence credits: it cannot show that
 * cause at work, while an outcome that fails refutes a sentence crediting a cause with it whatever produced it
 * (./findings BY_CONSTRUCTION_TEST, the one-sided case).
 */
export type BuiltSide = "both" | "holding";

/**
 * The claim with each cell `builtIn` names marked by construction on `side` (its reading's verdict and numbers
 * unchanged; marked, it is evidence, not counted).
 */
export function withBuiltCells(claim: Claim, builtIn: BuiltIn, side: BuiltSide = "both"): Claim {
  return {
    ...claim,
    async measure(ctx: MeasureContext) {
      const m = await claim.measure(ctx);
      const why = builtIn(ctx);
      if (why === null || (side === "holding" && m.result.verdict !== verdictOf("supported"))) return m;
      return { ...m, result: markBuilt(m.result, why) };
    },
  };
}
