/**
 * Open choices as grids (VERDICTS.md §3): the cells of a claim's grid, their labels, and the parameter that decides
 * a grid whose cells disagree.
 */
import type { Cell, Grid, GridValue, Verdict } from "./types";

/**
 * Every cell of a grid (the Cartesian product of its parameters' values), the headline cell (every first value)
 * first. An empty grid has one empty cell.
 *
 * @example
 * ```ts
 * cellsOf({ a: { values: [1, 2], why: ["x", "y"] }, b: { values: ["p"], why: ["z"] } });
 * // → [{ a: 1, b: "p" }, { a: 2, b: "p" }]
 * ```
 */
export function cellsOf(grid: Grid): Cell[] {
  let cells: Array<Record<string, GridValue>> = [{}];
  for (const [name, p] of Object.entries(grid)) cells = cells.flatMap((c) => p.values.map((v) => ({ ...c, [name]: v })));
  return cells;
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
 * The parameter that decides a grid whose cells disagree (VERDICTS.md §3): one along which cells hold on one side
 * and fail on the other, i.e. some of its values have "holds" as their cells' modal verdict and others "fails". Of
 * those, the one whose values best separate the verdicts (the share of cells carrying their value's modal verdict,
 * highest first; ties to the first declared). Null when no parameter has holding and failing values (inconclusive
 * or mixed cells alone never name one).
 *
 * @example
 * ```ts
 * decidedBy(["a", "b"], [
 *   { cell: { a: 1, b: 1 }, verdict: "holds" }, { cell: { a: 1, b: 2 }, verdict: "holds" },
 *   { cell: { a: 2, b: 1 }, verdict: "fails" }, { cell: { a: 2, b: 2 }, verdict: "fails" },
 * ]); // → "a"
 * decidedBy(["a"], [
 *   { cell: { a: 1 }, verdict: "holds" }, { cell: { a: 2 }, verdict: "inconclusive" },
 * ]); // → null: no cell fails
 * ```
 */
export function decidedBy(parameters: readonly string[], cells: ReadonlyArray<{ cell: Cell; verdict: Verdict }>): string | null {
  let best: { name: string; purity: number } | null = null;
  for (const name of parameters) {
    const groups = new Map<GridValue, Map<Verdict, number>>();
    for (const { cell, verdict } of cells) {
      const g = groups.get(cell[name]!) ?? new Map<Verdict, number>();
      g.set(verdict, (g.get(verdict) ?? 0) + 1);
      groups.set(cell[name]!, g);
    }
    if (groups.size < 2) continue;
    const modals = new Set<Verdict>();
    let pure = 0;
    for (const g of groups.values()) {
      const [v, k] = [...g.entries()].sort((x, y) => y[1] - x[1])[0]!;
      modals.add(v);
      pure += k;
    }
    if (!(modals.has("holds") && modals.has("fails"))) continue;
    const purity = pure / cells.length;
    if (!best || purity > best.purity) best = { name, purity };
  }
  return best?.name ?? null;
}
