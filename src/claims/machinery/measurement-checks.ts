/**
 * The registry's checks of one cell's measurement (VERDICTS.md §1–§2): a reading made by a rule, its finding
 * complete, its evidence finite, and a cell decided on the text's landscape (a designed one only as evidence).
 */
import { EmtdError } from "../../errors";
import { isDecided } from "./decide";
import { cellLabel } from "./grid";
import { FINDING_KINDS, VERDICTS, type Cell, type Evidence, type Finding, type Measurement } from "./types";

const WHERE = "emtd/claims/registry";

/** The finding kinds the rubric checks, from their one list (two of them are also verdicts' names). */
const [, , MIXED, INCONCLUSIVE] = FINDING_KINDS;

/**
 * Checks one cell's measurement against the rubric (VERDICTS.md §2): a reading made by a rule (never typed), an
 * inconclusive finding with its MDE and margin, a mixed one with its parts, finite evidence, a headline and a
 * reason. Throws an {@link EmtdError} naming the claim and what is wrong.
 */
export function checkMeasurement(id: string, m: Measurement): Measurement {
  const r = m.result;
  if (!r || !isDecided(r))
    throw new EmtdError(
      `${WHERE}: claim ${id}: its verdict was typed, not decided by a rule of emtd/claims/decide (got ${JSON.stringify(r?.verdict)})`,
    );
  if (!VERDICTS.includes(r.verdict))
    throw new EmtdError(`${WHERE}: claim ${id}: the verdict ${JSON.stringify(r.verdict)} is not one of ${VERDICTS.join(", ")}`);
  checkFinding(id, r.finding);
  for (const e of r.evidence) checkEvidence(id, e);
  if (m.headline.trim() === "" || m.reason.trim() === "") throw new EmtdError(`${WHERE}: claim ${id} returned an empty headline or reason`);
  return m;
}

function checkFinding(id: string, f: Finding): void {
  if (f.kind === INCONCLUSIVE && !(Number.isFinite(f.mde) && Number.isFinite(f.margin)))
    throw new EmtdError(
      `${WHERE}: claim ${id}: an inconclusive finding must carry its MDE and margin (got mde ${f.mde}, margin ${f.margin})`,
    );
  if (f.kind === MIXED && !(f.parts && f.parts.length >= 2))
    throw new EmtdError(`${WHERE}: claim ${id}: a mixed finding must list its parts with their verdicts`);
}

/**
 * VERDICTS.md §1: a cell is decided on the text's ℋ. A designed landscape built outside `asEvidence` (spin/designed)
 * would decide it, and one built inside must show in the cell's evidence under the name "designed (evidence)".
 */
export function checkLandscape(id: string, cell: Cell, deciding: readonly string[], beside: readonly string[], m: Measurement): void {
  if (deciding.length > 0)
    throw new EmtdError(
      `${WHERE}: claim ${id}, cell ${cellLabel(cell)}: a deciding cell built a designed ` +
        `landscape (${[...new Set(deciding)].join("; ")}); designed landscapes are evidence only ` +
        `(VERDICTS.md §1): build it inside asEvidence and show it as "designed (evidence): …"`,
    );
  if (beside.length > 0 && !m.result.evidence.some((e) => e.name.startsWith(DESIGNED_EVIDENCE)))
    throw new EmtdError(
      `${WHERE}: claim ${id}, cell ${cellLabel(cell)}: it built a designed landscape as evidence ` +
        `(${[...new Set(beside)].join("; ")}) but shows none named "${DESIGNED_EVIDENCE} …"`,
    );
}

/** How the evidence a designed landscape gives is named, first words (the table and the referee read it). */
export const DESIGNED_EVIDENCE = "designed (evidence):";

function checkEvidence(id: string, e: Evidence): void {
  const numbers = [e.value, e.uncertainty, e.reference, ...(e.interval ?? [])].filter((x) => x !== undefined) as number[];
  if (numbers.some((x) => !Number.isFinite(x)))
    throw new EmtdError(`${WHERE}: claim ${id}: evidence "${e.name}" is not finite (${e.value}): a divergent measurement`);
}
