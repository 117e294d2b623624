/**
 * Writes figures to a folder: for each, `<id>.csv` (its data), `<id>.html` (self-contained, plotly.js embedded),
 * and `<id>.png` / `<id>.svg` when a browser is available; then `manifest.json`
 * `{ figures: [{ id, title, section, claim, notebook, caption, seed, backend, versions, seconds, files }] }` with
 * paths relative to the folder. The CSV and HTML of one seed are identical from run to run.
 */
import * as path from "node:path";
import { stringify } from "csv-stringify/sync";
import { currentBackend, ready } from "../engine/backend";
import { check } from "../errors";
import { writeFileAtomic } from "../files/atomic";
import { escapeHtml } from "../viz/display";
import { plotlyScript, plotlyVersion } from "../viz/plotly";
import { openRenderer, type Renderer } from "./render";
import { traceRows, type DataRow, type FigureSpec } from "./types";
import { makeDirectory } from "../files/directory";

/** A figure's line in manifest.json: its spec's fields (all but `build`), then how this run built it. */
export interface ManifestEntry extends Omit<FigureSpec, "build"> {
  seed: number;
  backend: string;
  versions: Record<string, string>;
  seconds: number;
  files: { png?: string; svg?: string; html: string; csv: string };
}

export interface WriteFiguresOptions {
  /** Every figure's random streams derive from key(seed) (required: no silent default; `emtd figures --seed`). */
  seed: number;
  /** Skip the browser even when one is available. */
  noImages?: boolean;
  /** PNG pixel scale (2 for sharp images). Default 1. */
  scale?: number;
  /** A line of progress (stderr in the CLI). */
  onProgress?: (line: string) => void;
}

/**
 * CSV text of rows: header from the union of keys in first-seen order; numbers in shortest round-trip form.
 *
 * @example
 * ```ts
 * console.log(csvText([{ n: 8, energy: -1.5 }, { n: 16, energy: -1.25, note: "cold" }]));
 * // → n,energy,note
 * //   8,-1.5,
 * //   16,-1.25,cold
 * ```
 */
export function csvText(rows: readonly DataRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  return stringify(
    rows.map((r) => columns.map((c) => (r[c] === undefined ? "" : typeof r[c] === "number" ? String(r[c]) : r[c]))),
    { header: true, columns },
  );
}

/**
 * A standalone HTML page for one figure: plotly.js inlined, so it opens offline.
 *
 * @example
 * ```ts
 * const [spec] = selectFigures(["ising-energy"]);
 * const html = standaloneHtml(spec, "<div id='plot'></div>");
 * console.log(html.startsWith("<!doctype html>")); // → true
 * ```
 */
export function standaloneHtml(spec: FigureSpec, figureHtml: string): string {
  return (
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(spec.title)}</title>${plotlyScript()}</head>\n` +
    `<body style="font-family: sans-serif; max-width: 900px; margin: 1em auto">\n<h3>${escapeHtml(spec.title)}</h3>\n${figureHtml}\n` +
    `<p>${escapeHtml(spec.caption)}</p>\n<p>§${escapeHtml(spec.section)} · claim ${escapeHtml(spec.claim ?? "—")} · ${escapeHtml(spec.notebook)}</p>\n</body></html>\n`
  );
}

/**
 * Writes every figure of `specs` under `dir` and returns the manifest entries (also written to manifest.json).
 * `images` is null when PNG/SVG were rendered, else the one-line reason they were skipped.
 *
 * @example
 * ```ts
 * import { writeFigures, selectFigures } from "emtd/figures";
 * import { mkdtempSync, rmSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import * as path from "node:path";
 * const dir = mkdtempSync(path.join(tmpdir(), "emtd-figures-"));
 * const { figures, images } = await writeFigures(selectFigures(["entropic-penalty"]), dir, { seed: 0, noImages: true });
 * figures[0].files; // → { html: "entropic-penalty.html", csv: "entropic-penalty.csv" } (png and svg too when images are rendered)
 * images; // → "images skipped (--no-images)"
 * rmSync(dir, { recursive: true });
 * ```
 */
export async function writeFigures(
  specs: readonly FigureSpec[],
  dir: string,
  options: WriteFiguresOptions,
): Promise<{ figures: ManifestEntry[]; images: string | null }> {
  const seed = check.integer("emtd/figures/writeFigures", "seed", options?.seed, 0, Number.MAX_SAFE_INTEGER);
  const say = options.onProgress ?? (() => {});
  makeDirectory(dir);
  await ready();
  const backend = currentBackend();
  const versions = {
    emtd: require("../../../package.json").version as string,
    tfjs: require("@tensorflow/tfjs/package.json").version as string,
    plotly: plotlyVersion(),
    node: process.versions.node,
  };
  let renderer: Renderer | null = null;
  let images: string | null = null;
  if (options.noImages) images = "images skipped (--no-images)";
  else {
    const opened = await openRenderer();
    if ("reason" in opened) images = opened.reason;
    else renderer = opened;
  }
  if (images) say(images);
  const entries: ManifestEntry[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      say(`[${i + 1}/${specs.length}] ${spec.id}`);
      const start = performance.now();
      const built = await spec.build(seed);
      const files: ManifestEntry["files"] = { html: `${spec.id}.html`, csv: `${spec.id}.csv` };
      writeFileAtomic(path.join(dir, files.csv), csvText(built.rows ?? traceRows(built.figure)));
      // Fixed element id, so the page is byte-identical for one seed.
      writeFileAtomic(
        path.join(dir, files.html),
        standaloneHtml(spec, built.figure.html().replace(/emtd-plot-[0-9a-f]+-\d+/g, `emtd-figure-${spec.id}`)),
      );
      if (renderer) {
        const { png, svg } = await renderer.render(built.figure, { scale: options.scale ?? 1 });
        files.png = `${spec.id}.png`;
        files.svg = `${spec.id}.svg`;
        writeFileAtomic(path.join(dir, files.png), png);
        writeFileAtomic(path.join(dir, files.svg), svg);
      }
      entries.push({
        id: spec.id,
        title: spec.title,
        section: spec.section,
        claim: spec.claim,
        notebook: spec.notebook,
        caption: spec.caption,
        seed,
        backend,
        versions,
        seconds: (performance.now() - start) / 1000,
        files,
      });
    }
  } finally {
    await renderer?.close();
  }
  writeFileAtomic(path.join(dir, "manifest.json"), JSON.stringify({ figures: entries }, null, 2) + "\n");
  return { figures: entries, images };
}
