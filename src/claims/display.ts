/**
 * How verdicts are shown: a {@link Table} for notebooks (`showVerdicts`), and a Markdown table for the README
 * (`verdictMarkdown`). Both read measured claims from the registry; nothing here decides a verdict.
 */
import { Table } from "../viz/table";
import { ArgumentError } from "../errors";
import { CLAIMS, headlineVerdict, measureClaims, type MeasuredClaim } from "./registry";

const LABEL: Record<string, string> = { holds: "holds", fails: "FAILS", partly: "partly", untestable: "untestable" };

/**
 * The verdict as shown in tables: "FAILS" in capitals so that it stands out.
 *
 * @example
 * ```ts
 * verdictLabel("fails"); // → "FAILS"
 * verdictLabel("holds"); // → "holds"
 * ```
 */
export function verdictLabel(verdict: string): string {
  return LABEL[verdict] ?? verdict;
}

/**
 * A table of measured claims: claim id, section, the claim in a few words, verdict, key number, reason.
 *
 * @example
 * ```ts
 * display(verdictTable(await measureClaims(["p1.2-entropic-penalty"])));
 * ```
 */
export function verdictTable(measured: readonly MeasuredClaim[], options: { caption?: string } = {}): Table {
  const rows = measured.map(({ claim, measurement }) => [
    claim.id,
    claim.section,
    claim.short,
    verdictLabel(headlineVerdict(measurement)),
    measurement.headline,
    measurement.reason,
  ]);
  return new Table(["claim", "§", "in a few words", "verdict", "key number", "why"], rows, null, {
    caption: options.caption ?? "Verdicts computed now by the claims registry (emtd verdicts)",
    maxRows: 200,
  });
}

/**
 * Measures the claims `ids` and returns their {@link verdictTable}: what every notebook's verdict cell calls.
 *
 * @example
 * ```ts
 * display(await showVerdicts(["p2.1-ising-energy", "p2.1-ising-alignment"]));
 * ```
 */
export async function showVerdicts(ids: readonly string[]): Promise<Table> {
  return verdictTable(await measureClaims(ids, { cache: true }));
}

function verdictLabelMarkdown(verdict: string): string {
  return verdict === "fails" ? "**fails**" : verdict;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * A Markdown table of measured claims for the README: id, section, claim, verdict, key number, notebook.
 *
 * @example
 * ```ts
 * const measured = await measureClaims(["p1.2-entropic-penalty"], { cache: true });
 * console.log(verdictMarkdown(measured).split("\n")[2].slice(0, 40));
 * // → | `p1.2-entropic-penalty` | 1.2 | entrop
 * ```
 */
export function verdictMarkdown(measured: readonly MeasuredClaim[]): string {
  const lines = ["| claim | § | in a few words | verdict | key number | notebook |", "|---|---|---|---|---|---|"];
  for (const { claim, measurement } of measured) {
    const notebook = `[${claim.notebook.replace(/^notebooks\//, "").replace(/\.ipynb$/, "")}](${claim.notebook})`;
    const verdict = verdictLabelMarkdown(headlineVerdict(measurement));
    lines.push(`| \`${claim.id}\` | ${claim.section} | ${cell(claim.short)} | ${verdict} | ${cell(measurement.headline)} | ${notebook} |`);
  }
  return lines.join("\n");
}

/**
 * Measures every registered claim whose notebook is `notebook` (a file name such as `03-ising-isomorphism.ipynb`, or
 * its path) and returns their {@link verdictTable}: the verdict cell of each notebook.
 *
 * @example
 * ```ts
 * display(await showNotebookVerdicts("03-ising-isomorphism.ipynb"));
 * ```
 */
export async function showNotebookVerdicts(notebook: string): Promise<Table> {
  const name = notebook.replace(/^.*\//, "");
  const ids = CLAIMS.filter((c) => c.notebook.replace(/^.*\//, "") === name).map((c) => c.id);
  if (ids.length === 0)
    throw new ArgumentError("emtd/claims/display", "notebook", "the file name of a notebook that has claims in the registry", notebook);
  return verdictTable(await measureClaims(ids, { cache: true }), {
    caption: `Verdicts of the claims shown in ${name}, computed now by the claims registry (emtd verdicts)`,
  });
}
