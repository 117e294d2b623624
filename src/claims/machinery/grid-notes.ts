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
function countedCells(
  g: Pick<VerdictRecord["grid"], "cells">,
): Array<{ at: CellRecord["at"]; verdict: Verdict; derivedFrom?: string; oneWay?: string }> {
  return g.cells
    .map((c) => ({
      at: c.at,
      verdict: c.stability?.modal ?? c.verdict,
      built: c.byConstruction !== undefined,
      derivedFrom: c.derivedFrom,
      oneWay: c.oneWay,
    }))
    .filter((c) => !c.built && c.verdict !== UNTESTABLE);
}

/** The counted cells that can place the grid's sides: less the one-way ones, as ./grid decidedBy reads them (placesSides). */
function placingCells(g: Pick<VerdictRecord["grid"], "cells">): ReturnType<typeof countedCells> {
  return countedCells(g).filter((c) => c.oneWay === undefined);
}

/** "; its 4 one-way cells are left out (they place no side)", or "" where it has none (./grid placesSides). */
function oneWayLeftOut(g: Pick<VerdictRecord["grid"], "cells">): string {
  const n = countedCells(g).length - placingCells(g).length;
  return n === 0 ? "" : `; its ${n} one-way ${n === 1 ? "cell is left out (it places" : "cells are left out (they place"} no side)`;
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
  const counted = placingCells(g);
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
    `(${there.length} counted cells there, ${holding} of them holding)${oneWayLeftOut(g)}`
  );
}

/** "3 holds, 5 fails, 4 inconclusive": a side's counted cells by verdict, the commonest first. */
function tally(cells: ReadonlyArray<{ verdict: Verdict }>): string {
  const counts = new Map<Verdict, number>();
  for (const c of cells) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${n} ${v}`)
    .join(", ");
}

/**
 * Where no parameter decides a grid whose counted cells both hold and do not (`decidedBy` none) and the cells that do
 * not hold share no value ({@link notHoldingRegionText} says nothing), the nearest split: the parameter, or the
 * interaction of two, whose sides best separate holding from non-holding cells (each side read by its majority, the
 * fewest cells off it; a single parameter before a pair when they tie), its sides on the smaller group named with
 * their cells' verdicts and the rest tallied together; or that none separates them (VERDICTS.md §3: name the
 * parameter and the cells on each side, or say none exists; twenty-fifth-edition referee: nine mixed rows said
 * neither). Read at the cells' modal verdicts, as the region is; "" where the counted cells all hold or none does.
 * For example, cells (free, 0.5) fails, (free, 0.05) fails, (free, 0.3) holds, (budget, 0.5) holds and (budget, 0.05)
 * fails give "; no parameter has holding cells on one side and failing ones on the other; the nearest split of the
 * holding cells from the rest: T, where T = 0.3: 1 holds;
 * the other 4 counted cells: 3 fails, 1 holds (1 of 5 counted cells off its side's majority)"
 * (test/unit/claims/display-line.test.ts).
 */
export function nearestSplitText(g: Pick<VerdictRecord["grid"], "cells" | "decidedBy">): string {
  if (g.decidedBy || notHoldingRegionText(g) !== "") return "";
  const counted = placingCells(g);
  const holding = counted.filter((c) => c.verdict === SUPPORTED).length;
  if (holding === 0 || holding === counted.length || counted.length < 3) return "";
  const names = [...new Set(counted.flatMap((c) => Object.keys(c.at)))];
  const candidates = [...names.map((n) => [n]), ...names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b]))];
  let best: { names: string[]; misfits: number; sides: Array<{ key: string; cells: typeof counted; holds: boolean }> } | null = null;
  for (const candidate of candidates) {
    const sides = new Map<string, typeof counted>();
    for (const c of counted) {
      const key = candidate.every((n) => n in c.at)
        ? candidate.map((n) => `${n} = ${String(c.at[n])}`).join(", ")
        : `${candidate.join(" or ")} is not a choice`;
      sides.set(key, [...(sides.get(key) ?? []), c]);
    }
    // A pair whose every side is one cell is the grid itself: it separates nothing.
    if (sides.size < 2 || (candidate.length > 1 && sides.size === counted.length)) continue;
    const read = [...sides.entries()].map(([key, cells]) => {
      const holds = cells.filter((c) => c.verdict === SUPPORTED).length;
      return { key, cells, holds: holds > cells.length / 2, off: holds > cells.length / 2 ? cells.length - holds : holds };
    });
    if (!read.some((s) => s.holds) || read.every((s) => s.holds)) continue;
    const misfits = read.reduce((s, x) => s + x.off, 0);
    if (best === null || misfits < best.misfits) best = { names: candidate, misfits, sides: read };
  }
  if (best === null) return `; no parameter and no interaction of two separates the holding cells from the others${oneWayLeftOut(g)}`;
  const holdingSides = best.sides.filter((s) => s.holds);
  const otherSides = best.sides.filter((s) => !s.holds);
  const [named, rest] = otherSides.length <= holdingSides.length ? [otherSides, holdingSides] : [holdingSides, otherSides];
  const restCells = rest.flatMap((s) => s.cells);
  return (
    "; no parameter has holding cells on one side and failing ones on the other; " +
    `the nearest split of the holding cells from the rest: ${best.names.join(" × ")}, ` +
    `${named.map((s) => `where ${s.key}: ${tally(s.cells)}`).join("; ")}; ` +
    `the other ${restCells.length} counted cells: ${tally(restCells)} ` +
    `(${best.misfits} of ${counted.length} counted cells off its side's majority)${oneWayLeftOut(g)}`
  );
}
