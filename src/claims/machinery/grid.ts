/**
 * Open choices as grids (VERDICTS.md §3): the cells of a claim's grid, their labels, and the parameter that decides
 * a grid whose cells disagree.
 */
import type { Cell, Grid, GridValue, Part, Verdict } from "./types";
import { verdictOf } from "./decide";
import { decidedGridVerdict, derivedVerdict, oncePerDerivation, verdictsOpen } from "./grid-rule";
import { isBuilt } from "./findings";

/**
 * Every cell of a grid (the Cartesian product of its parameters' values), the headline cell (every first value)
 * first. An empty grid has one empty cell. A parameter with `when` is crossed only into the cells it applies to
 * (its named parameters must come before it); the other cells carry no value for it.
 *
 * @example
 * ```ts
 * cellsOf({ a: { values: [1, 2], why: ["x", "y"] }, b: { values: ["p"], why: ["z"] } });
 * // → [{ a: 1, b: "p" }, { a: 2, b: "p" }]
 * cellsOf({
 *   update: { values: ["flow", "copy"], why: ["x", "y"] },
 *   kernel: { values: ["node0", "neighbour"], why: ["p", "q"], when: { update: ["copy"] } },
 * });
 * // → [{ update: "flow" }, { update: "copy", kernel: "node0" }, { update: "copy", kernel: "neighbour" }]
 * ```
 */
export function cellsOf(grid: Grid): Cell[] {
  let cells: Array<Record<string, GridValue>> = [{}];
  const seen: string[] = [];
  for (const [name, p] of Object.entries(grid)) {
    const when = Object.entries(p.when ?? {});
    const late = when.find(([k]) => !seen.includes(k));
    if (late)
      throw new Error(
        `emtd/grid: parameter "${name}" applies when "${late[0]}" takes a value, so "${late[0]}" must come first in the grid`,
      );
    const applies = (c: Cell): boolean => when.every(([k, values]) => values.includes(c[k]!));
    cells = cells.flatMap((c) => (applies(c) ? p.values.map((v) => ({ ...c, [name]: v })) : [c]));
    seen.push(name);
  }
  return cells;
}

/**
 * The grid a claim is measured on under a variant that replaced these parts: a parameter that chooses inside a
 * replaced part (its `part`) no longer applies, so it is dropped, with the parameters nested under it (their `when`
 * names it, directly or through another dropped parameter, whatever the order they are declared in). Under the
 * proposal (no part replaced) the grid itself.
 *
 * @example
 * ```ts
 * const grid = {
 *   kernel: { values: ["node0", "neighbour"], why: ["p", "q"], part: "kernel" as const },
 *   T: { values: [1, 6], why: ["x", "y"] },
 * };
 * Object.keys(gridUnder(grid, ["kernel"])); // → ["T"]
 * gridUnder(grid, []) === grid; // → true
 * ```
 */
export function gridUnder(grid: Grid, replaced: readonly Part[]): Grid {
  const dropped = new Set<string>();
  // A fixpoint, not one pass in key order (sign-off N8): a nested parameter declared before its parent is dropped
  // with it all the same, however deep the nesting.
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, p] of Object.entries(grid))
      if (
        !dropped.has(name) &&
        ((p.part !== undefined && replaced.includes(p.part)) || Object.keys(p.when ?? {}).some((k) => dropped.has(k)))
      ) {
        dropped.add(name);
        grew = true;
      }
  }
  return dropped.size === 0 ? grid : Object.fromEntries(Object.entries(grid).filter(([name]) => !dropped.has(name)));
}

/**
 * A cell in words, `name=value` joined by commas ("the text's setting" for the empty cell).
 *
 * @example
 * ```ts
 * cellLabel({ lambda: 0.1, graph: "ws" }); // → "lambda=0.1, graph=ws"
 * ```
 */
export function cellLabel(cell: Cell): string {
  const parts = Object.entries(cell).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? "the text's setting" : parts.join(", ");
}

/**
 * A cell's verdict as {@link decidedBy} reads it: with its `byConstruction` (or its finding's) where it holds only by
 * construction, which makes it evidence, on neither side (VERDICTS.md §3).
 */
export type GridCellVerdict = {
  cell: Cell;
  verdict: Verdict;
  byConstruction?: string;
  finding?: { byConstruction?: string; oneWay?: string };
};

/**
 * A cell that can place a grid's sides: decided (neither untestable nor inconclusive), not by construction, and able
 * to come out both ways. An inconclusive cell makes the claim inconclusive there, not a side impure (VERDICTS.md §3;
 * thirty-fifth-edition referee: e-sybil's one inconclusive budget cell hid that identities decide it). A one-way cell
 * decides the label like any other (./findings markOneWay) but cannot say on which side of a parameter the claim holds,
 * since its verdict was the only one it could reach (thirty-third-edition referee: e-sybil's ceiling cells "held"
 * where one identity already displaces the value in 98 % of runs).
 */
export function placesSides(c: GridCellVerdict): boolean {
  const undecided = [verdictOf("undecidable"), verdictOf("inconclusive")].includes(c.verdict);
  return !undecided && !isBuilt(c) && c.finding?.oneWay === undefined;
}

/** The share of a side's cells that must carry its verdict for a parameter to decide a grid (VERDICTS.md §3's 90 %). */
export const CLEAN_SPLIT = 0.9;

/**
 * The parameter that decides a grid whose cells disagree (VERDICTS.md §3): one whose values split the cells into a
 * holding side and a failing side, each carrying its verdict in at least {@link CLEAN_SPLIT} of its cells (every value
 * of the parameter on one side or the other, none by a tie). Untestable and inconclusive cells are not counted (they
 * never make a grid mixed, nor a side impure), nor cells by construction (evidence, on neither side, whatever their verdict), nor one-way cells (they
 * could not have come out the other way: {@link placesSides}). A nested parameter (one whose
 * `when` leaves some cells without it) is named only when the cells outside it carry one side's verdict too
 * (≥ {@link CLEAN_SPLIT} of them holding, or failing): otherwise those cells disagree with it, and it does not decide
 * the grid. Of several clean parameters, the purest; equally pure ones are an interaction: then the pair of parameters
 * whose crossed values split the cells most cleanly is named, "a × b" (never a pair that is the whole grid, one cell a
 * side). Null when neither one parameter nor two crossed split cleanly (the grid then lists its cells instead).
 *
 * @example
 * ```ts
 * decidedBy(["a", "b"], [
 *   { cell: { a: 1, b: 1 }, verdict: "holds" }, { cell: { a: 1, b: 2 }, verdict: "holds" },
 *   { cell: { a: 2, b: 1 }, verdict: "fails" }, { cell: { a: 2, b: 2 }, verdict: "fails" },
 * ]); // → "a"
 * decidedBy(["a", "b"], [
 *   { cell: { a: 1, b: 1 }, verdict: "holds" }, { cell: { a: 1, b: 2 }, verdict: "holds" },
 *   { cell: { a: 2, b: 1 }, verdict: "fails" }, { cell: { a: 2, b: 2 }, verdict: "holds" },
 * ]); // → null: a=2 is split by b, and a × b is the grid itself (one cell a side), which explains nothing
 * decidedBy(["a", "b", "c"], [1, 2].flatMap((c) => [
 *   { cell: { a: 1, b: 1, c }, verdict: "holds" }, { cell: { a: 2, b: 1, c }, verdict: "fails" },
 *   { cell: { a: 1, b: 2, c }, verdict: "fails" }, { cell: { a: 2, b: 2, c }, verdict: "fails" },
 * ])); // → "a × b": only a=1 with b=1 holds, whatever c
 * decidedBy(["update", "kernel"], [
 *   { cell: { update: "flow" }, verdict: "fails" },
 *   { cell: { update: "copy", kernel: "node0" }, verdict: "holds" },
 *   { cell: { update: "copy", kernel: "neighbour" }, verdict: "fails" },
 * ]); // → "kernel": the flow cell, outside it, fails as the neighbour side does
 * ```
 */
export function decidedBy(parameters: readonly string[], cells: ReadonlyArray<GridCellVerdict>): string | null {
  const [HOLDS, FAILS] = [verdictOf("supported"), verdictOf("refuted")];
  const testable = cells.filter(placesSides);
  const shareOf = (vs: readonly Verdict[]) => {
    const share = (v: Verdict): number => vs.filter((x) => x === v).length / vs.length;
    return { holds: share(HOLDS), fails: share(FAILS) };
  };
  // How cleanly the cells' values of `names` (one parameter, or two crossed) split them: the purest side's share,
  // or undefined where a side (or the cells outside them) carries neither verdict in CLEAN_SPLIT of its cells.
  const purityOf = (names: readonly string[]): number | undefined => {
    const sides = new Map<string, Verdict[]>();
    const outside: Verdict[] = [];
    for (const { cell, verdict } of testable) {
      const key = names.every((n) => n in cell) ? names.map((n) => String(cell[n])).join("\u0000") : undefined;
      if (key === undefined) outside.push(verdict);
      else sides.set(key, [...(sides.get(key) ?? []), verdict]);
    }
    // Two crossed parameters whose every side is one cell are the grid itself: they explain nothing, so they decide nothing.
    if (sides.size < 2 || (names.length > 1 && sides.size === testable.length - outside.length)) return undefined;
    const shares = [...sides.values()].map(shareOf);
    const clean = shares.every((s) => s.holds >= CLEAN_SPLIT || s.fails >= CLEAN_SPLIT);
    if (!clean || !shares.some((s) => s.holds >= CLEAN_SPLIT) || !shares.some((s) => s.fails >= CLEAN_SPLIT)) return undefined;
    if (outside.length > 0) {
      const out = shareOf(outside);
      if (out.holds < CLEAN_SPLIT && out.fails < CLEAN_SPLIT) return undefined;
    }
    return Math.min(...shares.map((s) => Math.max(s.holds, s.fails)));
  };
  const purity = new Map<string, number>();
  for (const name of parameters) {
    const p = purityOf([name]);
    if (p !== undefined) purity.set(name, p);
  }
  const ranked = [...purity.entries()].sort((x, y) => y[1] - x[1]);
  if (ranked.length === 1 || (ranked.length > 1 && ranked[0]![1] > ranked[1]![1])) return ranked[0]![0];
  // No one parameter decides: the interaction of two that splits the cells most purely (VERDICTS.md §3 names an
  // interaction too; the fourteenth-edition referee: "kernel × reheatT"), the first declared of equally pure ones.
  let best: { name: string; purity: number } | null = null;
  parameters.forEach((a, i) =>
    parameters.slice(i + 1).forEach((b) => {
      const p = purityOf([a, b]);
      if (p !== undefined && (best === null || p > best.purity)) best = { name: `${a} × ${b}`, purity: p };
    }),
  );
  return (best as { name: string } | null)?.name ?? null;
}

/**
 * The deciding parameter in words, for a grid's finding: its name, and for a nested parameter what the cells outside
 * it do (they carry one side's verdict, or it would not decide: {@link decidedBy}), so "decided by kernel" never
 * hides that the flow cells fail too.
 *
 * @example
 * ```ts
 * const grid = {
 *   update: { values: ["flow", "copy"], why: ["x", "y"] },
 *   kernel: { values: ["node0", "neighbour"], why: ["p", "q"], when: { update: ["copy"] } },
 * };
 * decidedByInWords(grid, "kernel", [
 *   { cell: { update: "flow" }, verdict: "fails" },
 *   { cell: { update: "copy", kernel: "node0" }, verdict: "holds" },
 *   { cell: { update: "copy", kernel: "neighbour" }, verdict: "fails" },
 * ]); // → "kernel (a choice where update=copy; the 1 cell outside it fails)"
 * ```
 */
export function decidedByInWords(grid: Grid, by: string, cells: ReadonlyArray<GridCellVerdict>): string {
  return insideWords(grid, by, cells) + oneWayAgainst(by, cells);
}

/** The deciding parameter, and for a nested one what the cells outside it do ({@link decidedByInWords}). */
function insideWords(grid: Grid, by: string, cells: ReadonlyArray<GridCellVerdict>): string {
  const when = Object.entries(grid[by]?.when ?? {});
  const outside = cells.filter((c) => !(by in c.cell) && placesSides(c));
  if (when.length === 0 || outside.length === 0) return by;
  const modal = modalOf(outside.map((c) => c.verdict));
  const where = when.map(([k, vs]) => `${k}=${vs.join("|")}`).join(", ");
  const n = outside.length;
  // The outside cells carry one side's verdict (holds or fails): "the 2 cells outside it fail".
  return `${by} (a choice where ${where}; the ${n} ${n === 1 ? `cell outside it ${modal}` : `cells outside it ${modal.replace(/s$/, "")}`})`;
}

/** The most frequent of some verdicts (the first seen of equally frequent ones). */
function modalOf(verdicts: readonly Verdict[]): Verdict {
  const counts = new Map<Verdict, number>();
  for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * The one-way cells that sit on a side of the deciding parameter (or interaction) and carry the other side's verdict:
 * they place no side (they could reach no other verdict: {@link placesSides}), but they decide the label, so the words
 * name them with their other coordinates (thirty-seventh-edition referee: e-finality-diffuses was "decided by gamma"
 * with a one-way failing cell at γ = 0.1, where T decides it). "" where none does.
 */
function oneWayAgainst(by: string, cells: ReadonlyArray<GridCellVerdict>): string {
  const names = by.split(" × ");
  const sideOf = (c: GridCellVerdict) => (names.every((n) => n in c.cell) ? names.map((n) => String(c.cell[n])).join("\u0000") : undefined);
  const sides = new Map<string, Verdict[]>();
  for (const c of cells.filter(placesSides)) {
    const side = sideOf(c);
    if (side !== undefined) sides.set(side, [...(sides.get(side) ?? []), c.verdict]);
  }
  const decided = [verdictOf("supported"), verdictOf("refuted")];
  const against = cells.filter((c) => {
    const side = sideOf(c);
    const verdicts = side === undefined ? undefined : sides.get(side);
    return (
      c.finding?.oneWay !== undefined &&
      !isBuilt(c) &&
      decided.includes(c.verdict) &&
      verdicts !== undefined &&
      modalOf(verdicts) !== c.verdict
    );
  });
  if (against.length === 0) return "";
  const where = (c: GridCellVerdict) =>
    Object.entries(c.cell)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(", ");
  const n = against.length;
  return (
    `; ${n === 1 ? "a one-way cell" : `${n} one-way cells`} against ${n === 1 ? "its" : "their"} side: ` +
    against.map((c) => `${where(c)} ${c.verdict}`).join("; ") +
    ` (${n === 1 ? "it" : "each"} could reach no other verdict, and counts)`
  );
}

/** A cell's verdict, with its by-construction reason and its derivation where it has them. */
export type TalliedVerdict = Verdict | { verdict: Verdict; byConstruction?: string; derivedFrom?: string };

/**
 * The entries VERDICTS.md §3's 90 % rule reads, in cell order: untestable cells and cells by construction set aside
 * (evidence, not counted: §3, §6), and the cells one derivation gives as one entry, the derivation's verdict
 * (./grid-rule oncePerDerivation, derivedVerdict). {@link gridVerdict} decides on them; the record's
 * `grid.ruleAgreement` is their modal share.
 *
 * @example
 * ```ts
 * ruleTally(["holds", "untestable", { verdict: "holds", derivedFrom: "d" }, { verdict: "holds", derivedFrom: "d" }]);
 * // → ["holds", "holds"]
 * ```
 */
export function ruleTally(cells: ReadonlyArray<TalliedVerdict>): Verdict[] {
  const all = cells.map((c) => (typeof c === "string" ? { verdict: c } : c));
  const counted = all.filter((c) => c.verdict !== verdictOf("undecidable") && !isBuilt(c));
  return oncePerDerivation(
    counted,
    (c) => ("derivedFrom" in c ? c.derivedFrom : undefined),
    (_, group) => ({ verdict: derivedVerdict(group.map((c) => c.verdict)) }),
  ).map((c) => c.verdict);
}

/**
 * The verdict of a grid whose cells carry these verdicts (each with its `byConstruction` where it has one):
 * {@link ./decide gridReading}'s verdict without its text (a test holds the two to the same answer). Untestable cells
 * and cells by construction, holding or failing, are set aside (VERDICTS.md §3, §6: evidence, not counted); the common
 * verdict when at least 90 % of the rest share it; mixed when some hold and some fail or are mixed (mixed needs a side
 * that holds); fails when cells are mixed and fail and none holds; inconclusive otherwise; untestable when none is
 * left. The cells one derivation gives (`derivedFrom`) count once, as one entry (./grid-rule oncePerDerivation). For
 * where only the cells' verdicts are at hand: a proposal's grid read over the cells a variant compares on.
 *
 * @example
 * ```ts
 * gridVerdict(["holds", "fails", "untestable"]); // → "mixed"
 * gridVerdict(["fails", "untestable", "untestable"]); // → "fails"
 * gridVerdict(["holds", "inconclusive"]); // → "inconclusive"
 * gridVerdict(["mixed", "fails", "mixed", "fails"]); // → "fails": no cell holds
 * gridVerdict([{ verdict: "holds", byConstruction: "node 0 never moves" }, "fails", "mixed"]); // → "fails"
 * gridVerdict(["fails", "inconclusive"]); // → "inconclusive": it can never hold, but is undecided there
 * gridVerdict(["mixed", "fails", "inconclusive"]); // → "inconclusive": fails, or mixed if the last cell holds
 * ```
 */
export function gridVerdict(cells: ReadonlyArray<TalliedVerdict>): Verdict {
  // The verdicts by their findings, through decide.ts's table: src/claims types no verdict of its own (a test scans it).
  const [untestable, inconclusive] = [verdictOf("undecidable"), verdictOf("inconclusive")];
  const testable = ruleTally(cells);
  if (testable.length === 0) return untestable;
  // Inconclusive cells leave it undecided where the verdict depends on how they fall (VERDICTS.md §3), never mixed.
  const open = verdictsOpen(testable);
  if (open.length === 1) return open[0]!;
  if (open.length > 1 || testable.includes(inconclusive)) return inconclusive;
  const counts = { holds: 0, fails: 0, mixed: 0, inconclusive: 0, untestable: 0 };
  for (const v of testable) counts[v] += 1;
  return decidedGridVerdict(counts);
}
