/**
 * `emtd book`: the study as a static site that opens offline (file:// or any static server). Every notebook is
 * executed on a fresh kernel by the runner behind `emtd notebooks` (or taken from the freeze when its hash is
 * unchanged) and rendered to a page; the front page holds the verdict table of the committed verdict run, each
 * claim linked to the section of its notebook that decides it; the gallery and the provenance have their pages.
 * Math is typeset by KaTeX as the pages are written (also for frozen notebooks), its stylesheet and fonts copied
 * into `assets/katex/`; TeX that does not parse is shown as source and counted in the report.
 */
import * as tf from "@tensorflow/tfjs";
import { copyFileSync, existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { executeNotebook, readNotebook } from "../jupyter/notebook";
import { checkParameters, parameterDefaults } from "../jupyter/parameters";
import { packageRoot, VERSION } from "../package";
import { codeIdentity } from "../claims/machinery/provenance";
import { GALLERY } from "../figures/gallery";
import { selectFigures } from "../figures/registry";
import { plotlyVersion } from "../viz/plotly";
import { escapeHtml } from "../viz/display";
import { writeFileAtomic } from "../files/atomic";
import { freeze, freezeHash, libraryVersion, thaw } from "./freeze";
import { BOOK_CSS, notebookPage, page } from "./render";
import { copyKatexAssets, type TexError } from "./math";
import { copyWidgetAssets } from "./widgets";
import { makeDirectory } from "../files/directory";

export interface BookOptions {
  /** The book's folder (created); the freeze lives in `out/_freeze`. */
  out: string;
  /** The notebooks' folder (default: the package's notebooks/). */
  dir?: string;
  /** Build only the notebooks whose file name contains one of these. */
  only?: readonly string[];
  /** Re-execute every notebook, ignoring the freeze. */
  force?: boolean;
  cellTimeoutMs?: number;
  /** Set each notebook's parameter `seed` (injected as `emtd notebooks --seed` does); the freeze hash covers it. */
  seed?: number;
  onProgress?: (line: string) => void;
}

export interface BookNotebook {
  notebook: string;
  title: string;
  page: string;
  hash: string;
  /** True when executed in this build, false when taken from the freeze. */
  executed: boolean;
  /** Seconds of the execution (this build's, or the frozen one's). */
  seconds: number;
  executedAt: string;
  ok: boolean;
  failure?: { cell: number; message: string };
  /** The defaults of its cell tagged `parameters` (sizes and seeds), with the seed of --seed. */
  parameters: Record<string, unknown>;
  /** TeX of its text that KaTeX could not typeset (shown as source on its page), with KaTeX's message. */
  texErrors: TexError[];
}

export interface BookReport {
  out: string;
  index: string;
  library: string;
  notebooks: BookNotebook[];
  executed: number;
  frozen: number;
  /** TeX errors over all notebooks (each notebook lists its own); they do not fail the build. */
  texErrors: number;
  seconds: number;
}

interface Claim {
  id: string;
  short?: string;
  section: string;
  verdict: string;
  notebook: string;
  decision?: { rule?: string; threshold?: string };
  grid?: { cells?: unknown[]; counts?: Record<string, number>; agreement?: number; decidedBy?: string; decidedByInWords?: string };
  repairs?: Array<{ variant: string; verdict: string; stability?: { replicates: number; modal?: string; stable?: boolean } }>;
  stability?: { replicates: number; agreement: number; modal?: string; stable?: boolean; counts?: Record<string, number> };
}

const stem = (name: string) => name.replace(/\.ipynb$/, "");

/** The book's notebooks: every .ipynb of `dir`, or those whose name contains one of `only`; throws when none match. */
export function bookNotebooks(dir: string, only?: readonly string[]): string[] {
  const all = readdirSync(dir)
    .filter((n) => n.endsWith(".ipynb"))
    .sort();
  return only && only.length > 0 ? all.filter((n) => only.some((o) => n.includes(o))) : all;
}

function verdictCell(verdict: string | undefined): string {
  return verdict ? `<td class="verdict-${escapeHtml(verdict)}">${escapeHtml(verdict)}</td>` : "<td></td>";
}

function verdictTable(claims: readonly Claim[], built: ReadonlyMap<string, { page: string; verdictId: string | null }>): string {
  const rows = claims.map((c) => {
    const target = built.get(path.basename(c.notebook));
    const where = target
      ? `<a href="${target.page}${target.verdictId ? `#${target.verdictId}` : ""}">${escapeHtml(stem(path.basename(c.notebook)))}</a>`
      : escapeHtml(stem(path.basename(c.notebook)));
    const s = c.stability;
    const stability = s ? `${Math.round(s.agreement * s.replicates)}/${s.replicates} ${s.stable ? "stable" : "unstable"}` : "";
    const rubric = c.decision
      ? `${escapeHtml(c.decision.rule ?? "")}${c.decision.threshold ? `<br><small>${escapeHtml(c.decision.threshold)}</small>` : ""}`
      : "";
    const g = c.grid;
    const cells = g?.cells?.length ?? 1;
    const grid =
      cells <= 1
        ? "1 cell"
        : `${Object.entries(g?.counts ?? {})
            .filter(([, n]) => n > 0)
            .map(([v, n]) => `${n} ${v}`)
            .join(", ")} of ${cells}${g?.decidedBy ? `; decided by ${g.decidedByInWords ?? g.decidedBy}` : ""}`;
    // A repair over several replicates shows its modal verdict, or "unstable" (the README's rule).
    const repairVerdict = (r: NonNullable<Claim["repairs"]>[number]): string => {
      const s = r.stability;
      if (!s || s.replicates <= 1) return r.verdict;
      return s.stable === false ? `unstable (replicate 0: ${r.verdict})` : (s.modal ?? r.verdict);
    };
    const repairs = (c.repairs ?? []).map((r) => `${repairVerdict(r)} with ${r.variant}`).join("; ") || "—";
    return (
      `<tr id="claim-${escapeHtml(c.id)}"><td><code>${escapeHtml(c.id)}</code><br><small>${escapeHtml(c.short ?? "")}</small></td>` +
      `<td>§${escapeHtml(c.section)}</td>${verdictCell(c.verdict)}<td><small>${escapeHtml(grid)}</small></td><td><small>${escapeHtml(repairs)}</small></td>` +
      `<td>${stability}</td><td><small>${rubric}</small></td><td>${where}</td></tr>`
    );
  });
  return (
    `<table class="verdicts"><thead><tr><th>claim</th><th>section</th><th>verdict</th><th>grid (cells' verdicts)</th><th>repairs</th>` +
    `<th>stability</th><th>rubric (decision rule, threshold)</th><th>measured in</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`
  );
}

/**
 * Build the book into `options.out`; returns what was built and how many notebooks were executed. A notebook that
 * fails is rendered with its failure and not frozen (the caller reports it).
 *
 * It starts kernels, so there is no runnable example; the CLI runs it:
 * ```sh
 * npx emtd book --out /tmp/book --only 15,17   # then open /tmp/book/index.html
 * ```
 */
export async function buildBook(options: BookOptions): Promise<BookReport> {
  const started = performance.now();
  const root = packageRoot();
  const dir = path.resolve(options.dir ?? path.join(root, "notebooks"));
  const out = path.resolve(options.out);
  const names = bookNotebooks(dir, options.only);
  const freezeDir = path.join(out, "_freeze");
  for (const d of [out, freezeDir, path.join(out, "notebooks"), path.join(out, "assets"), path.join(out, "gallery")]) makeDirectory(d);
  copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), path.join(out, "assets", "plotly.min.js"));
  writeFileAtomic(path.join(out, "assets", "book.css"), BOOK_CSS);
  copyKatexAssets(out);
  copyWidgetAssets(out);

  const library = libraryVersion();
  const notebooks: BookNotebook[] = [];
  const built = new Map<string, { page: string; verdictId: string | null }>();
  for (const name of names) {
    const file = path.join(dir, name);
    const notebook = readNotebook(file);
    const parameters = parameterDefaults(notebook) ?? {};
    // Only --seed is injected: the hash covers the defaults through the file itself, and the injected seed.
    const injected = options.seed === undefined ? {} : checkParameters(notebook, [["seed", String(options.seed)]], `emtd book: ${name}`);
    const defaults = { ...Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v.value])), ...injected };
    const hash = freezeHash(file, injected, library);
    let frozen = options.force ? null : thaw(freezeDir, name, hash);
    let failure: BookNotebook["failure"];
    const executed = frozen === null;
    if (!frozen) {
      options.onProgress?.(`executing ${name}`);
      const run = await executeNotebook(file, {
        ...(options.cellTimeoutMs ? { cellTimeoutMs: options.cellTimeoutMs } : {}),
        ...(options.seed === undefined ? {} : { parameters: injected }),
      });
      frozen = { hash, notebook: run.notebook, seconds: run.seconds, cellSeconds: run.cellSeconds, executedAt: new Date().toISOString() };
      if (run.failure) failure = run.failure;
      else freeze(freezeDir, name, frozen);
    } else options.onProgress?.(`frozen ${name}`);
    const rendered = notebookPage(name, frozen.notebook, failure ?? null);
    const pageFile = `notebooks/${stem(name)}.html`;
    writeFileAtomic(path.join(out, pageFile), rendered.html);
    built.set(name, { page: pageFile, verdictId: rendered.headings.find((h) => /verdict/i.test(h.text))?.id ?? null });
    notebooks.push({
      notebook: name,
      title: rendered.title,
      page: pageFile,
      hash,
      executed,
      seconds: frozen.seconds,
      executedAt: frozen.executedAt,
      ok: failure === undefined,
      ...(failure ? { failure } : {}),
      parameters: defaults,
      texErrors: rendered.texErrors,
    });
  }

  // The front page: verdicts of the committed run, and the notebooks.
  const verdictsFile = path.join(root, "data", "verdicts", "verdicts.json");
  const verdicts = existsSync(verdictsFile)
    ? (JSON.parse(readFileSync(verdictsFile, "utf8")) as { provenance: Record<string, unknown>; claims: Claim[] })
    : { provenance: {}, claims: [] };
  const counts = verdicts.claims.reduce<Record<string, number>>((a, c) => ({ ...a, [c.verdict]: (a[c.verdict] ?? 0) + 1 }), {});
  const list = notebooks
    .map(
      (n) =>
        `<li><a href="${n.page}">${escapeHtml(n.title)}</a> <small>(${escapeHtml(n.notebook)}; ${n.seconds.toFixed(1)} s${n.executed ? "" : ", from the freeze"}${n.ok ? "" : "; FAILED"})</small></li>`,
    )
    .join("\n");
  const index = page(
    "EMTD Lab — the study",
    `<h1>EMTD Lab — the study as a book</h1>
<p>Every claim of the proposal and the essay, its verdict as the claims registry computes it (the committed run,
${escapeHtml(String(verdicts.provenance.replicates ?? "?"))} replicates per claim: ${Object.entries(counts)
      .map(([v, n]) => `${n} ${escapeHtml(v)}`)
      .join(", ")}), and the notebooks that measure them, executed. See also the <a href="gallery.html">figure gallery</a>
and the <a href="provenance.html">provenance</a> of this build.</p>
<h2 id="verdicts">Verdicts</h2>
${verdictTable(verdicts.claims, built)}
<h2 id="notebooks">Notebooks</h2>
<ol>${list}</ol>`,
    "",
  );
  writeFileAtomic(path.join(out, "index.html"), index);

  // The gallery: docs/figures.md's figures (docs/gallery), linked to their notebooks.
  const figures = selectFigures(GALLERY).map((f) => {
    const png = path.join(root, "docs", "gallery", `${f.id}.png`);
    const has = existsSync(png);
    if (has) copyFileSync(png, path.join(out, "gallery", `${f.id}.png`));
    const target = built.get(path.basename(f.notebook));
    const link = target ? ` <a href="${target.page}">${escapeHtml(stem(path.basename(f.notebook)))}</a>` : "";
    return `<figure id="${escapeHtml(f.id)}">${has ? `<img alt="${escapeHtml(f.title)}" src="gallery/${f.id}.png">` : ""}<figcaption><strong>${escapeHtml(f.title)}</strong> (§${escapeHtml(f.section)}${f.claim ? `, <code>${escapeHtml(f.claim)}</code>` : ""})${link}<br>${escapeHtml(f.caption)}</figcaption></figure>`;
  });
  writeFileAtomic(
    path.join(out, "gallery.html"),
    page(
      "Gallery",
      `<h1>Figure gallery</h1><p>Regenerated by <code>emtd figures --gallery</code>.</p><div class="gallery">${figures.join("\n")}</div>`,
      "",
    ),
  );

  // Provenance: the code, the versions, each notebook's seeds and sizes, and the timings.
  const code = codeIdentity(root);
  const versions = { emtd: VERSION, library, node: process.version, tfjs: tf.version.tfjs, plotly: plotlyVersion() };
  const rows = notebooks
    .map(
      (n) =>
        `<tr><td><a href="${n.page}">${escapeHtml(n.notebook)}</a></td><td><code>${escapeHtml(JSON.stringify(n.parameters))}</code></td>` +
        `<td>${n.seconds.toFixed(1)}</td><td>${n.executed ? "this build" : "freeze"}</td><td>${escapeHtml(n.executedAt)}</td><td><code>${n.hash.slice(0, 12)}</code></td></tr>`,
    )
    .join("\n");
  writeFileAtomic(
    path.join(out, "provenance.html"),
    page(
      "Provenance",
      `<h1>Provenance</h1>
<p>Commit <code>${escapeHtml(code.commit ?? "not a git checkout")}</code>${code.dirty ? " (with uncommitted changes)" : ""}; versions:
${Object.entries(versions)
  .map(([k, v]) => `${escapeHtml(k)} <code>${escapeHtml(v)}</code>`)
  .join(", ")}.</p>
<p>A notebook is re-executed when the hash of its file, its parameters and the library changes (<code>emtd book --force</code> re-executes all).</p>
<table><thead><tr><th>notebook</th><th>parameters (sizes, seeds)</th><th>seconds</th><th>executed</th><th>at</th><th>hash</th></tr></thead><tbody>${rows}</tbody></table>
<h2 id="verdict-run">The verdict run</h2><pre>${escapeHtml(JSON.stringify(verdicts.provenance, null, 1))}</pre>`,
      "",
    ),
  );
  const report: BookReport = {
    out,
    index: path.join(out, "index.html"),
    library,
    notebooks,
    executed: notebooks.filter((n) => n.executed).length,
    frozen: notebooks.filter((n) => !n.executed).length,
    texErrors: notebooks.reduce((a, n) => a + n.texErrors.length, 0),
    seconds: (performance.now() - started) / 1000,
  };
  writeFileAtomic(
    path.join(out, "book.json"),
    JSON.stringify({ ...report, commit: code.commit, dirty: code.dirty, versions }, null, 1) + "\n",
  );
  return report;
}
