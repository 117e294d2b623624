/**
 * Open choices as grids (VERDICTS.md §3): the cells of a claim's grid, their labels, and the parameter that decides
 * a grid whose cells disagree.
 */
import type { Cell, Grid, GridValue, Part, Verdict } from "./types";
import { GRID_AGREEMENT, verdictOf } from "./decide";

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

/** The share of a side's cells that must carry its verdict for a parameter to decide a grid (VERDICTS.md §3's 90 %). */
export const CLEAN_SPLIT = 0.9;

/**
 * The parameter that decides a grid whose cells disagree (VERDICTS.md §3): one whose values split the cells into a
 * holding side and a failing side, each carrying its verdict in at least {@link CLEAN_SPLIT} of its cells (every value
 * of the parameter on one side or the other, none by a tie). Untestable cells are not counted (they never make a
 * grid mixed). A nested parameter (one whose `when` leaves some cells without it) is named only when the cells
 * outside it carry one side's verdict too (≥ {@link CLEAN_SPLIT} of them holding, or failing): otherwise those cells
 * disagree with it, and it does not decide the grid. Of several clean parameters, the purest; equally pure ones are
 * an interaction, and none is named. Null when no parameter splits cleanly (the grid then lists its cells instead).
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
 * ]); // → null: a=2 is split (an interaction of a and b)
 * decidedBy(["update", "kernel"], [
 *   { cell: { update: "flow" }, verdict: "fails" },
 *   { cell: { update: "copy", kernel: "node0" }, verdict: "holds" },
 *   { cell: { update: "copy", kernel: "neighbour" }, verdict: "fails" },
 * ]); // → "kernel": the flow cell, outside it, fails as the neighbour side does
 * ```
 */
export function decidedBy(parameters: readonly string[], cells: ReadonlyArray<{ cell: Cell; verdict: Verdict }>): string | null {
  const [HOLDS, FAILS] = [verdictOf("supported"), verdictOf("refuted")];
  const testable = cells.filter((c) => c.verdict !== verdictOf("undecidable"));
  const shareOf = (vs: readonly Verdict[]) => {
    const share = (v: Verdict): number => vs.filter((x) => x === v).length / vs.length;
    return { holds: share(HOLDS), fails: share(FAILS) };
  };
  const purity = new Map<string, number>();
  for (const name of parameters) {
    const sides = new Map<GridValue, Verdict[]>();
    const outside: Verdict[] = [];
    for (const { cell, verdict } of testable)
      if (name in cell) sides.set(cell[name]!, [...(sides.get(cell[name]!) ?? []), verdict]);
      else outside.push(verdict);
    if (sides.size < 2) continue;
    const shares = [...sides.values()].map(shareOf);
    const clean = shares.every((s) => s.holds >= CLEAN_SPLIT || s.fails >= CLEAN_SPLIT);
    if (!clean || !shares.some((s) => s.holds >= CLEAN_SPLIT) || !shares.some((s) => s.fails >= CLEAN_SPLIT)) continue;
    if (outside.length > 0) {
      const out = shareOf(outside);
      if (out.holds < CLEAN_SPLIT && out.fails < CLEAN_SPLIT) continue;
    }
    purity.set(name, Math.min(...shares.map((s) => Math.max(s.holds, s.fails))));
  }
  const ranked = [...purity.entries()].sort((x, y) => y[1] - x[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return null;
  return ranked[0]![0];
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
export function decidedByInWords(grid: Grid, by: string, cells: ReadonlyArray<{ cell: Cell; verdict: Verdict }>): string {
  const when = Object.entries(grid[by]?.when ?? {});
  const outside = cells.filter((c) => !(by in c.cell) && c.verdict !== verdictOf("undecidable"));
  if (when.length === 0 || outside.length === 0) return by;
  const counts = new Map<Verdict, number>();
  for (const c of outside) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const [modal] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const where = when.map(([k, vs]) => `${k}=${vs.join("|")}`).join(", ");
  const n = outside.length;
  // The outside cells carry one side's verdict (holds or fails): "the 2 cells outside it fail".
  return `${by} (a choice where ${where}; the ${n} ${n === 1 ? `cell outside it ${modal}` : `cells outside it ${modal.replace(/s$/, "")}`})`;
}

/**
 * The verdict of a grid whose cells carry `verdicts`: {@link ./decide gridReading}'s verdict without its text (a
 * test holds the two to the same answer). Untestable cells are set aside; the common verdict when at least 90 % of
 * the testable cells share it; mixed when some hold and some fail (or one is mixed); inconclusive otherwise;
 * untestable when no cell is testable. For where only the cells' verdicts are at hand: a proposal's grid read over
 * the cells a variant can be compared on.
 *
 * @example
 * ```ts
 * gridVerdict(["holds", "fails", "untestable"]); // → "mixed"
 * gridVerdict(["fails", "untestable", "untestable"]); // → "fails"
 * gridVerdict(["holds", "inconclusive"]); // → "inconclusive"
 * ```
 */
export function gridVerdict(verdicts: readonly Verdict[]): Verdict {
  // The verdicts by their findings, through decide.ts's table: src/claims types no verdict of its own (a test scans it).
  const untestable = verdictOf("undecidable");
  const testable = verdicts.filter((v) => v !== untestable);
  if (testable.length === 0) return untestable;
  const counts = new Map<Verdict, number>();
  for (const v of testable) counts.set(v, (counts.get(v) ?? 0) + 1);
  const [modal, k] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (k / testable.length >= GRID_AGREEMENT) return modal;
  const split = (counts.has(verdictOf("supported")) && counts.has(verdictOf("refuted"))) || counts.has(verdictOf("mixed"));
  return split ? verdictOf("mixed") : verdictOf("inconclusive");
}
