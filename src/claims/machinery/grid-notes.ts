/**
 * What a mixed row adds about where its grid stands (./display runVerdictText, runGridText): against VERDICTS.md §3's
 * 90 % line where its replicates cross it, and where the cells that do not hold lie where no parameter decides it
 * (sixteenth-edition referee). Read from a record's cells and stabilities; nothing here decides a verdict.
 */
import type { StableRecord } from "./stability";
import type { CellRecord, VerdictRecord } from "./verdict-record";
import { verdictOf } from "./decide";
import { derivedVerdict, oncePerDerivation } from "./grid-rule";
import type { Verdict } from "./types";

const MIXED = verdictOf("mixed");
const SUPPORTED = verdictOf("supported");
const REFUTED = verdictOf("refuted");
const UNTESTABLE = verdictOf("undecidable");

/** The counted cells of a grid: neither untestable nor by construction, each at its modal verdict over the replicates. */
function countedCells(g: Pick<VerdictRecord["grid"], "cells">): Array<{ at: CellRecord["at"]; verdict: Verdict; derivedFrom?: string }> {
  return g.cells
    .map((c) => ({ at: c.at, verdict: c.stability?.modal ?? c.verdict, built: c.byConstruction !== undefined, derivedFrom: c.derivedFrom }))
    .filter((c) => !c.built && c.verdict !== UNTESTABLE);
}

/**
 * Where a mixed label crosses VERDICTS.md §3's 90 % line in some replicates (it holds, or fails, in them), the note
 * that says so: the counted cells on that side against the line, and the replicates across it; "" otherwise
 * (sixteenth-edition referee: p4.2-reheating-escapes is mixed at 63 of 72 holding cells and holds in 2 of 20
 * replicates, which its 18/20 alone does not say).
 */
export function atTheLine(r: Pick<StableRecord, "verdict" | "grid" | "stability">): string {
  const s = r.stability;
  // A stable mixed label only (an unstable one shows its crossings in its own text), over a grid of cells.
  if (!s || s.replicates <= 1 || s.modal !== MIXED || !s.stable) return "";
  const side = [SUPPORTED, REFUTED].find((v) => s.counts[v] > 0);
  if (side === undefined) return "";
  // The tally the rule reads: the cells one derivation gives count once (./grid-rule oncePerDerivation).
  const cells = countedCells(r.grid);
  const counted = oncePerDerivation(
    cells,
    (c) => c.derivedFrom,
    (_, group) => ({ ...group[0]!, verdict: derivedVerdict(group.map((c) => c.verdict)) }),
  );
  if (counted.length < 2) return "";
  const k = counted.filter((c) => c.verdict === side).length;
  const share = Math.round((100 * k) / counted.length);
  const plural = side === SUPPORTED ? "hold" : "fail";
  const once = counted.length < cells.length ? ` (${cells.length} cells, one per derivation)` : "";
  return (
    `; at the 90 % line: ${k} of ${counted.length} counted cells${once} ${plural} (${share} %), ` +
    `and the grid ${side} in ${s.counts[side]}/${s.replicates} replicates`
  );
}

/**
 * Where no parameter decides a grid whose cells disagree (`decidedBy` none), the parameter values every counted cell
 * that does not hold shares, with how many counted cells have those values and how many of them hold: where the failing and
 * undecided cells lie, though they do not split the grid cleanly enough to name a deciding parameter (sixteenth-edition
 * referee: p4.2-reheating-escapes' non-holding cells are exactly kernel = neighbour × reheatT = 1). "" where they share
 * no value that some counted cell lacks, or where they are fewer than two.
 * For example, cells (node0, 1) holds, (neighbour, 1) fails, (neighbour, 1) inconclusive, (neighbour, 1) holds and
 * (neighbour, 100) holds give "; the 2 cells that do not hold all have kernel = neighbour, T = 1 (3 counted cells
 * there, 1 of them holding)" (test/unit/claims/display-line.test.ts).
 */
export function notHoldingRegionText(g: Pick<VerdictRecord["grid"], "cells" | "decidedBy">): string {
  if (g.decidedBy) return "";
  const counted = countedCells(g);
  const notHolding = counted.filter((c) => c.verdict !== SUPPORTED);
  if (notHolding.length < 2 || notHolding.length === counted.length) return "";
  const first = notHolding[0]!.at;
  const has = (c: { at: CellRecord["at"] }, name: string) => name in c.at && c.at[name] === first[name];
  // The values the non-holding cells all share, less those every counted cell has (they place nothing).
  const shared = Object.keys(first).filter((name) => notHolding.every((c) => has(c, name)) && !counted.every((c) => has(c, name)));
  if (shared.length === 0) return "";
  const there = counted.filter((c) => shared.every((name) => has(c, name)));
  const holding = there.length - notHolding.length;
  return (
    `; the ${notHolding.length} cells that do not hold all have ${shared.map((name) => `${name} = ${first[name]}`).join(", ")} ` +
    `(${there.length} counted cells there, ${holding} of them holding)`
  );
}
