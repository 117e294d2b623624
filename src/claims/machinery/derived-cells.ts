/**
 * The cells whose outcome one derivation from the text's own rule gives, marked on their readings so that the grid
 * counts them once (./findings markDerived, ./grid-rule oncePerDerivation): VERDICTS.md §3 and §6 ask for one rule in
 * every claim (twenty-seventh-edition referee). One wrapper, as ./built-cells is for cells our model builds in, so a
 * claim declares its derivations beside its record and its measurement stays as it was.
 */
import { markDerived } from "./findings";
import { kernelIn } from "./mechanism";
import type { Claim, MeasureContext } from "./types";

/** The derivation that gives a cell's outcome, or null where none does (the cell is counted on its own). */
export type DerivedIn = (ctx: MeasureContext) => string | null;

/** The twenty-seventh-edition referee's point and its answer, appended to the review of every claim wrapped here. */
export const REVIEW_DERIVED =
  " Twenty-seventh-edition referee (2026-12-01): 'the once-per-derivation count is applied to p4.2-reheating-escapes " +
  "alone; node0 cells that share one derivation elsewhere count once per cell … apply it to every claim whose cells " +
  "one derivation from the text's rule gives (or to none)'. Done (machinery/derived-cells): the cells whose outcome " +
  "this record's byConstruction derives carry that derivation (the cells' derivedFrom) and count once in the grid's " +
  "tally, each still measured.";

/**
 * The claim with each cell `derivedIn` names marked by its derivation (verdict, numbers and evidence unchanged), and
 * {@link REVIEW_DERIVED} appended to its review.
 */
export function withDerivedCells(claim: Claim, derivedIn: DerivedIn): Claim {
  return {
    ...claim,
    review: `${claim.review ?? ""}${REVIEW_DERIVED}`.trim(),
    async measure(ctx: MeasureContext) {
      const m = await claim.measure(ctx);
      const derivation = derivedIn(ctx);
      return derivation === null ? m : { ...m, result: markDerived(m.result, derivation) };
    },
  };
}

/**
 * The derivation of the cells run under §3.3's own kernel (node0), where the cell runs one: node 0 proposes its own
 * value and never moves, so its ledger absorbs, and `outcome` follows whatever the cell's other axes (the claim's
 * `byConstruction` gives the argument). Null under any other kernel, a variant's included: there the rule derives nothing.
 */
export function node0Derivation(outcome: string): DerivedIn {
  return (ctx) => (ctx.cell.kernel === "node0" && kernelIn(ctx) === "node0" ? `node0: node 0 never moves, so ${outcome}` : null);
}
