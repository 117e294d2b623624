/**
 * The pages of the book as HTML strings: one page per executed notebook (its Markdown, code and outputs, as
 * nbconvert's HTML shows them), the front page with the verdict table, the gallery and the provenance page. Every
 * page loads plotly.js and KaTeX's stylesheet and fonts from `assets/` (copied from the installed packages), so the
 * book opens offline; the copy of plotly.js each notebook embeds in its first figure is dropped from the page. A
 * notebook's saved widgets are drawn by the HTML widget manager, also from `assets/` (widgets.ts).
 */
import { escapeHtml } from "../viz/display";
import { type Notebook, outputsOf, sourceText } from "../jupyter/notebook";
import { markdownToHtml } from "./markdown";
import { KATEX_CSS, plainText, type TexError } from "./math";
import { savedWidgetState, widgetManagerScript, widgetOutputHtml, widgetStateTag } from "./widgets";
import type { WidgetState } from "../jupyter/widget-state";

/**
 * A page's frame: title, shared stylesheet and KaTeX's (math is typeset when the book is built), a navigation
 * bar, and plotly.js when the page has figures; `root` is the path back to the book's top.
 */
export function page(title: string, body: string, root: string): string {
  const plotly = body.includes("emtd-plotly") ? `\n<script src="${root}assets/plotly.min.js"></script>` : "";
  const widgets = widgetManagerScript(body, root);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${root}${KATEX_CSS}">
<link rel="stylesheet" href="${root}assets/book.css">${plotly}${widgets}
</head><body>
<nav><a href="${root}index.html">EMTD Lab — the study</a> · <a href="${root}index.html#verdicts">verdicts</a> · <a href="${root}index.html#notebooks">notebooks</a> · <a href="${root}gallery.html">gallery</a> · <a href="${root}provenance.html">provenance</a></nav>
<main>
${body}
</main></body></html>
`;
}

/** The stylesheet every page shares. */
export const BOOK_CSS = `body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #222; }
nav { background: #233; color: #ddd; padding: .5em 1em; } nav a { color: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 1em; }
pre { background: #f6f6f6; padding: .5em; overflow-x: auto; font-size: 13px; }
.cell { margin: .8em 0; } .input pre { border-left: 3px solid #8ab; } .stderr pre, .error pre { background: #fdd; }
table { border-collapse: collapse; margin: .5em 0; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
.verdict-holds { background: #dfd; } .verdict-fails { background: #fdd; } .verdict-mixed { background: #ffd; } .verdict-inconclusive { background: #eef; } .verdict-untestable { background: #eee; }
.math-error { color: #b00; font-family: monospace; white-space: pre-wrap; }
div.math.display { overflow-x: auto; }
.gallery figure { display: inline-block; width: 48%; vertical-align: top; margin: 0 1% 1em 0; } .gallery img { width: 100%; }
.failed { background: #fdd; padding: .5em; }
.widget-note { display: block; color: #666; }
`;

/** The embedded copy of plotly.js in a figure's HTML (plotlyScript in viz/plotly): the page loads its own. */
const EMBEDDED_PLOTLY = /<script[^>]*data-emtd-plotly[^>]*>[\s\S]*?<\/script>/g;

/** Terminal colour codes in tracebacks (ESC [ … m). */
const ANSI = new RegExp(String.fromCharCode(27) + "\\[[\\d;]*m", "g");

function outputHtml(output: Record<string, unknown>, errors: TexError[], widgets: WidgetState | null): string {
  const type = output.output_type;
  if (type === "stream") {
    const text = Array.isArray(output.text) ? output.text.join("") : String(output.text);
    return `<div class="output ${output.name === "stderr" ? "stderr" : "stdout"}"><pre>${escapeHtml(text)}</pre></div>`;
  }
  if (type === "error") {
    const trace = ((output.traceback as string[] | undefined) ?? []).join("\n").replace(ANSI, "");
    return `<div class="output error"><pre>${escapeHtml(`${String(output.ename)}: ${String(output.evalue)}\n${trace}`)}</pre></div>`;
  }
  const data = (output.data ?? {}) as Record<string, unknown>;
  const text = (mime: string) => {
    const v = data[mime];
    return Array.isArray(v) ? v.join("") : String(v);
  };
  const widget = widgetOutputHtml(data, widgets);
  if (widget !== null) return widget;
  if (data["text/html"] !== undefined) return `<div class="output html">${text("text/html").replace(EMBEDDED_PLOTLY, "")}</div>`;
  if (data["image/svg+xml"] !== undefined) return `<div class="output svg">${text("image/svg+xml")}</div>`;
  if (data["image/png"] !== undefined)
    return `<div class="output png"><img alt="figure" src="data:image/png;base64,${text("image/png")}"></div>`;
  if (data["text/markdown"] !== undefined)
    return `<div class="output markdown">${markdownToHtml(text("text/markdown"), new Set(), errors)}</div>`;
  if (data["text/plain"] !== undefined) return `<div class="output plain"><pre>${escapeHtml(text("text/plain"))}</pre></div>`;
  return "";
}

/**
 * The HTML page of an executed notebook, the ids of its headings (for links to a section), and the TeX KaTeX
 * could not typeset (shown as source on the page). `failure`, when the run failed, is shown at the top.
 */
export function notebookPage(
  name: string,
  notebook: Notebook,
  failure: { cell: number; message: string } | null,
): { html: string; title: string; headings: Array<{ id: string; text: string }>; texErrors: TexError[] } {
  const ids = new Set<string>();
  const texErrors: TexError[] = [];
  const headings: Array<{ id: string; text: string }> = [];
  const parts: string[] = [];
  const widgets = savedWidgetState(notebook);
  let title = name;
  for (const cell of notebook.cells) {
    const source = sourceText(cell);
    if (cell.cell_type === "markdown") {
      const html = markdownToHtml(source, ids, texErrors);
      for (const m of html.matchAll(/<h(\d) id="([^"]+)">(.*?)<\/h\d>/g)) {
        const text = plainText(m[3]!);
        headings.push({ id: m[2]!, text });
        if (title === name && m[1] === "1") title = text;
      }
      parts.push(`<div class="cell markdown">${html}</div>`);
    } else if (cell.cell_type === "code") {
      const tags = (cell.metadata.tags as string[] | undefined) ?? [];
      const label = tags.length > 0 ? ` <small>(${tags.map(escapeHtml).join(", ")})</small>` : "";
      const count = typeof cell.execution_count === "number" ? `In [${cell.execution_count}]` : "In [ ]";
      parts.push(
        `<div class="cell code"><div class="input"><small>${count}${label}</small><pre><code>${escapeHtml(source)}</code></pre></div>` +
          outputsOf(cell)
            .map((o) => outputHtml(o as unknown as Record<string, unknown>, texErrors, widgets))
            .join("\n") +
          "</div>",
      );
    }
  }
  const failed = failure ? `<p class="failed">This notebook failed at cell ${failure.cell}: ${escapeHtml(failure.message)}</p>` : "";
  return { html: page(title, failed + parts.join("\n") + widgetStateTag(widgets), "../"), title, headings, texErrors };
}
