/**
 * A canonical figure: where it belongs (section, claim, notebook) and how to build it from library functions with
 * one seed. `emtd figures` renders each to PNG/SVG, a self-contained HTML page and the CSV of its data.
 */
import type { Figure } from "../viz/plotly";

/** A row of a figure's data table (one CSV line). */
export type DataRow = Record<string, number | string>;

export interface BuiltFigure {
  figure: Figure;
  /** The plotted data as rows; when omitted, {@link traceRows} of the figure is written. */
  rows?: DataRow[];
}

export interface FigureSpec {
  /** Stable id, also the file name stem (e.g. `ising-energy`). */
  id: string;
  title: string;
  /** Proposal section (`1.2`, `2.1`, …), `essay`, or `instrument` for figures about the lab itself. */
  section: string;
  /** The claim id it illustrates, or null for instrument figures. */
  claim: string | null;
  /** The notebook that shows it, relative to the repository root. */
  notebook: string;
  /** One sentence on what it shows (used in the gallery, docs/figures.md). */
  caption: string;
  /** Builds the figure deterministically from `seed`; disposes every tensor it makes. */
  build(seed: number): Promise<BuiltFigure>;
}

/**
 * The data behind a figure's traces in long form: one row per point, `trace, x, y` (and `error` where the trace
 * has error bars). Traces without numeric x/y arrays (shapes, annotations) are skipped.
 *
 * @example
 * ```ts
 * const fig = lineFigure([0, 1, 2], { decay: [1, 0.5, 0.25] });
 * console.log(traceRows(fig));
 * // → [ { trace: 'decay', x: 0, y: 1 }, { trace: 'decay', x: 1, y: 0.5 }, { trace: 'decay', x: 2, y: 0.25 } ]
 * ```
 */
export function traceRows(figure: Figure): DataRow[] {
  const rows: DataRow[] = [];
  for (const [t, trace] of figure.data.entries()) {
    const name = String(trace.name ?? `trace ${t}`);
    const x = trace.x as ArrayLike<number | string> | undefined;
    const y = trace.y as ArrayLike<number | string> | undefined;
    if (!y && x && trace.type === "histogram") {
      for (let i = 0; i < x.length; i++) rows.push({ trace: name, x: x[i]! });
      continue;
    }
    if (!x || !y) continue;
    const error = (trace.error_y as { array?: ArrayLike<number> } | undefined)?.array;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const row: DataRow = { trace: name, x: x[i]!, y: y[i]! };
      if (error) row.error = error[i]!;
      rows.push(row);
    }
  }
  return rows;
}
