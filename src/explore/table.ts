/**
 * The explorer's table (./explorer) as HTML elements: one row per claim with its state (a progress bar while it is
 * measured), both verdicts, the key numbers with their intervals and a flip mark; and the lines under it (what is
 * decided, the step cost beside the proposal's). Pure: the same rows give the same text, drawn live and statically.
 */
import { comparisonRows, costText, type ClaimComparison, type StepCost, type VariantComparison } from "../claims/machinery/compare";

/** A row's state: waiting for its turn, being measured, decided (comparable or not), or failed. */
export type RowState = "queued" | "measuring" | "decided" | "not comparable" | "error";

/** One row of the explorer's table. */
export interface ExploreRow {
  id: string;
  state: RowState;
  /** The comparison's row once decided (as `compareVariant` gives it), else null. */
  row: ClaimComparison | null;
  /** Why it is not comparable, or the error in one line; "" otherwise. */
  why: string;
  /** True when it was read from the cache rather than measured. */
  cached: boolean;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const HEAD = ["claim", "state", "proposal", "variant", "key number (proposal → variant)", "what it is", "flip"];

/**
 * The table of `rows` and the lines under it: `line` (what is decided) and the step cost (`undefined`: being
 * measured; null: no part a step runs is replaced). `progress(id)` gives a measuring row's seconds spent and expected.
 *
 * @example
 * ```ts
 * exploreTable([{ id: "p1.2-interaction-energy", state: "queued", row: null, why: "", cached: false }], () => ({ spent: 0, expected: 2 }), "", null).table;
 * // → '<table class="emtd-explore">…<tr data-claim="p1.2-interaction-energy" data-state="queued"><td>p1.2-interaction-energy</td><td>queued</td>…</table>'
 * ```
 */
export function exploreTable(
  rows: readonly ExploreRow[],
  progress: (id: string) => { spent: number; expected: number },
  line: string,
  cost: StepCost | null | undefined,
): { table: string; status: string } {
  const body = rows.map((r) => {
    const c = r.row ? comparisonRows({ claims: [r.row] } as unknown as VariantComparison)[0]! : null;
    let state: string = r.state;
    if (r.state === "measuring") {
      const { spent, expected } = progress(r.id);
      state = `measuring <progress value="${Math.min(spent, expected).toFixed(1)}" max="${expected.toFixed(1)}"></progress>`;
    } else if (r.state === "not comparable" || r.state === "error") state = `${r.state}: ${escapeHtml(r.why)}`;
    else if (r.cached) state = "decided (cache)";
    const cells = [
      escapeHtml(r.id),
      state,
      escapeHtml(c?.proposal ?? ""),
      escapeHtml(c ? c.variant.replace(/^error: .*/, "error") : ""),
      escapeHtml(c?.["key number"] ?? ""),
      escapeHtml(c?.["what it is"] ?? ""),
      r.row?.flips ? "⇄" : "",
    ];
    return `<tr data-claim="${escapeHtml(r.id)}" data-state="${r.state}">${cells.map((x) => `<td>${x}</td>`).join("")}</tr>`;
  });
  const table =
    `<table class="emtd-explore"><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join("")}</tr></thead>` +
    `<tbody>${body.join("")}</tbody></table>`;
  const costLine = cost === undefined ? "step cost: measuring" : cost === null ? "" : `step cost: ${costText(cost)}`;
  const lines = [line, costLine].filter((x) => x !== "").map((x) => `<div>${escapeHtml(x)}</div>`);
  const status = `<div class="emtd-explore-status">${lines.join("")}</div>`;
  return { table, status };
}
