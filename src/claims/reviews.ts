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

/** The thirty-sixth-edition referee's repair and its answer, in the review of every claim that lists hold-then-cool. */
export const REVIEW_HOLD_THEN_COOL =
  " Thirty-sixth-edition referee (2026-12-02): 'the repair is not in its best form … hold T at T₀ until the copy chain " +
  "fixates, then run the text's ×0.95 cooling down to the sentence's limit T → 0 … check the same repair for " +
  "p2.1-ising-alignment, p2.2-annealing and p3.2-ground-state'. Done: the repair hold-then-cool (repairs " +
  "HOLD_THEN_COOL_WHY: held-to-absorption's hold, then the text's cooling to T → 0) beside the verdict, 20 replicates.";

/** The thirty-sixth-edition referee's repair and minor point on p3.2-ground-state's plan at N = 50, and the answers. */
export const GROUND_STATE_PLAN_REVIEW =
  REVIEW_HOLD_THEN_COOL +
  ' Thirty-sixth-edition referee (minor): \'the neighbour part "2 ledgers, N = 50" is committed as holds, 20/20 ' +
  "(33/1000); at my seed 3917 it came out 37/1000, inconclusive … plan these for power at p = ½'. Done: 2181 runs " +
  "per case at N = 50 (studies groundStateRunCount: levelRuns(0.03), 0.03 from the 5 % level at 80 % power with " +
  "p = ½), decided look by look as before; N = 500 keeps 100 (its cases sit at 0.47 and 0.85).";
