/**
 * Where two sides of a variant's comparison differ (./compare): cell by cell, matched by label, and part by part of
 * each cell's finding and of the grid's.
 */
import { cellLabel } from "./grid";
import type { CellRecord, GridRecord } from "./verdict-record";
import type { Finding, FindingPart, Verdict } from "./types";

/** What {@link changesOf} reads of a side: its grid finding and its grid's cells. */
export type ChangesSide = { finding: Finding; grid: GridRecord };

/** A part whose verdict differs between the two sides (null: the part is not on that side). */
export interface PartChange {
  part: string;
  proposal: Verdict | null;
  variant: Verdict | null;
}

/** A cell (by its label, the same on both sides) whose verdict or parts differ between the two sides. */
export interface CellChange {
  cell: string;
  /** The cell on the proposal's side (null: not in its grid). */
  proposal: { verdict: Verdict; finding: string } | null;
  variant: { verdict: Verdict; finding: string } | null;
  /** The cell's parts whose verdicts differ (compared where both sides carry the cell's parts). */
  parts: PartChange[];
}

/** Where an affected claim's two sides differ: cell by cell, and part by part of the grid's finding. */
export interface Changes {
  /** The cells whose verdict or parts differ, in the proposal's cell order (then cells only the variant has). */
  cells: CellChange[];
  /** The cells whose verdict and parts are the same on both sides. */
  sameCells: number;
  /** Parts of the grid's finding (other than its cells) whose verdicts differ. */
  parts: PartChange[];
}

/**
 * The parts whose verdicts differ, by statement, in the proposal's order then the variant's own; none where a side
 * carries no parts (a record written before cells carried them, or a finding that reads one thing).
 */
function partChanges(a: readonly FindingPart[] | undefined, b: readonly FindingPart[] | undefined): PartChange[] {
  if (!a || !b) return [];
  const of = (ps: readonly FindingPart[], s: string) => ps.find((p) => p.statement === s)?.verdict ?? null;
  const statements = [...new Set([...a, ...b].map((p) => p.statement))];
  return statements.map((part) => ({ part, proposal: of(a, part), variant: of(b, part) })).filter((c) => c.proposal !== c.variant);
}

/**
 * Where two sides of one claim differ: each cell matched by its label (the variant is measured on the claim's own
 * grid, so the labels are the same), its verdict and its parts compared; then the grid finding's parts that are not
 * cells (a claim mixed in every cell lists its own conjunction's parts).
 *
 * @example
 * ```ts
 * await ready(); // the backend the committed run and the run's cache measure on
 * const [m] = await measureClaims(["p1.2-entropic-penalty"], { cache: true });
 * const side = { finding: m.proposal.result.finding, grid: gridRecord(m.proposal) };
 * const repaired = { finding: m.repairs[0].measured.result.finding, grid: gridRecord(m.repairs[0].measured) };
 * changesOf(side, repaired).sameCells; // → 0: the repair λΣS_i holds in both cells where the written penalty fails
 * changesOf(side, side).cells; // → []
 * ```
 */
export function changesOf(p: ChangesSide, v: ChangesSide): Changes {
  const byLabel = (cells: readonly CellRecord[]) => new Map(cells.map((c) => [cellLabel(c.at), c]));
  const [ps, vs] = [byLabel(p.grid.cells), byLabel(v.grid.cells)];
  const labels = [...new Set([...ps.keys(), ...vs.keys()])];
  const cells: CellChange[] = [];
  let sameCells = 0;
  for (const cell of labels) {
    const [a, b] = [ps.get(cell), vs.get(cell)];
    const parts = partChanges(a?.parts, b?.parts);
    if (a && b && a.verdict === b.verdict && parts.length === 0) {
      sameCells++;
      continue;
    }
    const side = (c: CellRecord | undefined) => (c ? { verdict: c.verdict, finding: c.finding } : null);
    cells.push({ cell, proposal: side(a), variant: side(b), parts });
  }
  const isCell = (part: PartChange) => ps.has(part.part) || vs.has(part.part);
  return { cells, sameCells, parts: partChanges(p.finding.parts, v.finding.parts).filter((x) => !isCell(x)) };
}
