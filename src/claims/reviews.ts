/**
 * Referee prose that several claims' records share in their `review` (the record files append it): one referee's
 * point and the house's answer, written once.
 */

/**
 * The fifteenth-edition referee's row and its answer, in the review of every claim the one test re-marked or
 * re-read (./findings markBuilt).
 */
export const REVIEW_FIFTEENTH =
  " Fifteenth-edition referee (2026-11-29): 'holds made by the text's own mechanisms (§3.3's node-0 code, the " +
  "flow on ℋ) are set aside as by construction while holds our model builds count, and built-in fails always " +
  "count: one written by-construction test, applied both ways'. Fixed: one test (VERDICTS.md §6, our model, not " +
  "the text; findings markBuilt; docs/verdicts.md#by-construction): a cell or part our model decides is evidence " +
  "whether it holds or fails, and the text's own mechanism is measured and counted, this record's byConstruction " +
  "note being a derivation of it that the cells check.";

/**
 * The twenty-first-edition referee's row on inconclusive cells and its answer, in the review of every claim whose
 * label the grid rule moved (./machinery/grid-rule).
 */
export const REVIEW_TWENTY_FIRST_GRID =
  " Twenty-first-edition referee (2026-11-30): 'readGrid counts inconclusive cells in the 90 % tally; §3 says cells " +
  "that are inconclusive do not make a claim mixed, they make it inconclusive there'. Fixed (machinery/grid-rule): " +
  "a grid whose verdict depends on how its inconclusive cells fall (each holding or failing) is inconclusive there, " +
  "with the least resolved cell's MDE and the runs that would decide; where no way they fall moves it, the verdict " +
  "stands.";
