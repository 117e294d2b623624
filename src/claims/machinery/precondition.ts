/**
 * A repair's cell outside the repair's precondition (sign-off 2, m5): the repair claims nothing there, so no observable
 * is missing, yet the cell decides nothing. Its finding begins with {@link OUTSIDE_PRECONDITION}, so the table can
 * name such cells apart from cells that no observable decides.
 */
import { undecidable } from "./decide";
import type { Evidence, Reading } from "./types";

/** How a cell outside its repair's precondition begins its finding. */
export const OUTSIDE_PRECONDITION = "outside the repair's precondition";

/**
 * An untestable reading whose finding is {@link OUTSIDE_PRECONDITION}, the precondition that fails, and why; the runs
 * measured there are the evidence.
 */
export function outsidePrecondition(precondition: string, reason: string, evidence: Evidence[]): Reading {
  return undecidable(`${OUTSIDE_PRECONDITION} (${precondition}): ${reason}`, evidence);
}
