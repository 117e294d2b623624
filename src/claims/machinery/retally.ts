/**
 * Records a change of the grid's tally alone moved (`emtd verdicts --record --refactor`): which cells count once (a
 * derivation, ./derived-cells), the entries the rule reads (`ruleEntries`, `ruleAgreement`) and which cell gives the
 * key number, while every cell and every verdict is what was committed. Their committed replicates still describe the
 * code measured now where no replicate could tally otherwise, so re-measuring them would repeat the same numbers.
 */
import { canonicalJson } from "../../files/json";
import { numbersOf, withStabilitiesOf } from "./committed";
import { stabilityOf, type StableRecord } from "./stability";
import type { FindingPart } from "./types";
import type { VerdictRecord } from "./verdict-record";

type Json = Record<string, unknown>;

/** A grid's record less what its tally and its key-number choice give: its cells keep their verdicts and numbers. */
function cellsOnly(grid: Json | undefined): Json | undefined {
  if (grid === undefined) return undefined;
  const { ruleEntries: _e, ruleAgreement: _a, decidedByInWords: _w, ...rest } = grid;
  const cells = (rest.cells as Json[]).map(({ derivedFrom: _d, ...c }) => c);
  return { ...rest, cells };
}

/** A record's numbers ({@link numbersOf}) less the fields its tally and key-number choice give. */
function untallied(r: VerdictRecord | StableRecord): Json {
  const { finding: _f, headline: _h, reason: _r, sizes: _s, ...m } = numbersOf(r) as Json;
  const reading = { ...(m.reading as Json) };
  delete reading.evidence;
  const repairs = ((m.repairs as Json[] | undefined) ?? []).map(({ finding: _rf, headline: _rh, evidence: _re, ...rp }) => ({
    ...rp,
    grid: cellsOnly(rp.grid as Json),
  }));
  return { ...m, reading, grid: cellsOnly(m.grid as Json), repairs };
}

/** The derivation marks of a grid's cells, in order (undefined where a cell carries none). */
const marks = (grid: { cells: ReadonlyArray<{ derivedFrom?: string }> }): string =>
  canonicalJson(grid.cells.map((c) => c.derivedFrom ?? null));

/** Every cell of a committed grid took one verdict in every replicate. */
const unanimous = (grid: { cells: ReadonlyArray<{ stability?: { agreement: number } }> }): boolean =>
  grid.cells.every((c) => c.stability !== undefined && c.stability.agreement === 1);

/**
 * True when `now` (replicate 0, the current code) differs from the committed record only in its tally: every cell's
 * verdict and numbers, the claim's verdict and every repair's verdict equal, and wherever a grid's derivation marks
 * changed, each of its committed cells took one verdict in every replicate. Then every replicate's cells are replicate
 * 0's, so each replicate's verdict under the new tally is replicate 0's, which equals the committed one: the committed
 * stabilities stand. Where the marks did not change, the tally did not either (only the key number or a new field).
 *
 * @example
 * ```ts
 * const committed = readCommittedRun()!.claims.find((c) => c.id === "p4.1-scale-invariance")!;
 * sameCellsRetallied(committed, { ...committed, headline: "another cell's key number" }); // → true
 * sameCellsRetallied(committed, { ...committed, verdict: "holds" }); // → false
 * ```
 */
export function sameCellsRetallied(committed: StableRecord, now: VerdictRecord | StableRecord): boolean {
  if (canonicalJson(untallied(committed)) !== canonicalJson(JSON.parse(JSON.stringify(untallied(now))))) return false;
  const grids = (r: VerdictRecord | StableRecord) => [r.grid, ...r.repairs.map((rp) => rp.grid)];
  const [before, after] = [grids(committed), grids(now)];
  return before.every((g, i) => marks(g) === marks(after[i]!) || unanimous(g));
}

/**
 * `now` (replicate 0's record, its tally current) with the committed stabilities of a record {@link sameCellsRetallied}
 * accepted. Cells and repairs line up one for one, so theirs are grafted ({@link withStabilitiesOf}); a finding's parts do
 * not where a derivation's marks changed (the cells one derivation gives become one part), so there each part gets the
 * stability of its own verdict in every replicate, which is what the replicates give: every cell of such a grid took one
 * verdict in every replicate, and a part is a function of its cells.
 */
export function withRetalliedStabilities(now: VerdictRecord, committed: StableRecord): StableRecord {
  const grafted = withStabilitiesOf(now, committed);
  const replicates = committed.stability.replicates;
  const ownStability = (parts: FindingPart[] | undefined): FindingPart[] | undefined =>
    parts?.map((p) => ({ ...p, stability: stabilityOf(Array.from({ length: replicates }, () => p.verdict)) }));
  const moved = (i: number): boolean => {
    const before = i < 0 ? committed.grid : committed.repairs[i]!.grid;
    const after = i < 0 ? now.grid : now.repairs[i]!.grid;
    return marks(before) !== marks(after);
  };
  return {
    ...grafted,
    finding: moved(-1) ? { ...grafted.finding, parts: ownStability(grafted.finding.parts) } : grafted.finding,
    repairs: grafted.repairs.map((rp, i) =>
      moved(i) && rp.finding ? { ...rp, finding: { ...rp.finding, parts: ownStability(rp.finding.parts) } } : rp,
    ),
  };
}
