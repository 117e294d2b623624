/**
 * Tables as HTML. danfojs has no HTML output in Node (and its `plot()` throws there), so a DataFrame, or plain
 * rows, become a {@link Table}: an HTML table with a text/plain rendering. danfojs is duck-typed (`columns`,
 * `values`, `index`) so that importing `emtd` does not load it.
 */
import { DISPLAY, type Displayable, escapeHtml, type MimeBundle } from "./display";
import { num } from "../format";

/** The parts of a danfojs DataFrame a table needs. */
export interface DataFrameLike {
  columns: string[];
  values: unknown[][] | unknown[];
  index: Array<string | number>;
}

export interface TableOptions {
  /** Significant digits for numbers. Default 5. */
  digits?: number;
  /** Rows shown before eliding the middle. Default 30. */
  maxRows?: number;
  caption?: string;
  /** Show the row index (DataFrames). Default true for DataFrames, false for rows. */
  index?: boolean;
}

function cell(value: unknown, digits: number): string {
  if (typeof value === "number") return num(value, digits, 1e15);
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * Rows of values under column headers (optionally with row labels), displayed as HTML and as aligned text.
 *
 * @example
 * ```ts
 * console.log(new Table(["λ₂", "rounds"], [[0.382, 12], [0.1, 46]], ["ring", "path"]).toString());
 * // →          λ₂  rounds
 * //   ring  0.382      12
 * //   path    0.1      46
 * ```
 */
export class Table implements Displayable {
  constructor(
    readonly columns: string[],
    readonly rows: unknown[][],
    readonly rowLabels: Array<string | number> | null = null,
    readonly options: TableOptions = {},
  ) {}

  private shown(): Array<{ label: string | number | null; row: unknown[] } | null> {
    const max = this.options.maxRows ?? 30;
    const all = this.rows.map((row, i) => ({ label: this.rowLabels ? this.rowLabels[i]! : null, row }));
    if (all.length <= max) return all;
    const head = Math.ceil(max / 2);
    return [...all.slice(0, head), null, ...all.slice(all.length - (max - head))];
  }

  html(): string {
    const digits = this.options.digits ?? 5;
    const index = this.rowLabels !== null && this.options.index !== false;
    const head = `<tr>${index ? "<th></th>" : ""}${this.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
    const body = this.shown()
      .map((r) =>
        r === null
          ? `<tr><td colspan="${this.columns.length + (index ? 1 : 0)}">… ${this.rows.length - (this.options.maxRows ?? 30)} rows …</td></tr>`
          : `<tr>${index ? `<th>${escapeHtml(String(r.label))}</th>` : ""}${r.row.map((v) => `<td>${escapeHtml(cell(v, digits))}</td>`).join("")}</tr>`,
      )
      .join("");
    const caption = this.options.caption ? `<caption>${escapeHtml(this.options.caption)}</caption>` : "";
    return `<table class="dataframe emtd-table" border="1">${caption}<thead>${head}</thead><tbody>${body}</tbody></table>`;
  }

  toString(): string {
    const digits = this.options.digits ?? 5;
    const index = this.rowLabels !== null && this.options.index !== false;
    const lines = this.shown().map((r) =>
      r === null ? ["…"] : [...(index ? [String(r.label)] : []), ...r.row.map((v) => cell(v, digits))],
    );
    const header = [...(index ? [""] : []), ...this.columns];
    const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? "").length)));
    const fmt = (l: string[]) => l.map((s, c) => s.padStart(widths[c] ?? 0)).join("  ");
    return [...(this.options.caption ? [this.options.caption] : []), fmt(header), ...lines.map(fmt)].join("\n");
  }

  [DISPLAY](): MimeBundle {
    return { "text/html": this.html(), "text/plain": this.toString() };
  }
}

/**
 * A danfojs DataFrame (or any {@link DataFrameLike}) as a table.
 *
 * @example
 * ```ts
 * const df = { columns: ["n", "λ₂"], values: [[8, 0.586], [16, 0.152]], index: ["a", "b"] }; // or a danfojs DataFrame
 * console.log(dataFrameTable(df).toString());
 * // →     n     λ₂
 * //   a   8  0.586
 * //   b  16  0.152
 * ```
 */
export function dataFrameTable(df: DataFrameLike, options: TableOptions = {}): Table {
  const rows = (df.values as unknown[]).map((r) => (Array.isArray(r) ? r : [r]));
  return new Table(df.columns.map(String), rows, df.index, options);
}

/**
 * Rows of plain objects as a table; columns in first-seen order.
 *
 * @example
 * ```ts
 * console.log(recordsTable([{ n: 8, ok: true }, { n: 16, note: "slow" }]).toString());
 * // →  n    ok  note
 * //    8  true
 * //   16        slow
 * ```
 */
export function recordsTable(records: readonly Record<string, unknown>[], options: TableOptions = {}): Table {
  const columns: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  return new Table(
    columns,
    records.map((r) => columns.map((c) => r[c])),
    null,
    options,
  );
}

/**
 * A table from a DataFrame or from rows of objects.
 *
 * @example
 * ```ts
 * console.log(table([{ claim: "C1", p: 0.0123456 }], { digits: 3, caption: "verdicts" }).toString());
 * // → verdicts
 * //   claim       p
 * //      C1  0.0123
 * ```
 */
export function table(source: DataFrameLike | readonly Record<string, unknown>[], options: TableOptions = {}): Table {
  return Array.isArray(source) ? recordsTable(source, options) : dataFrameTable(source as DataFrameLike, options);
}
