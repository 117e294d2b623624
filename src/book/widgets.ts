/**
 * Widgets in the book: an executed notebook keeps its widgets' last state (jupyter/widget-state.ts), and its page
 * draws them with the ipywidgets 8 HTML manager (`@jupyter-widgets/html-manager`'s embed.js, which renders every
 * `application/vnd.jupyter.widget-view+json` script tag from the page's `…widget-state+json` tag), as nbconvert's
 * HTML and Jupyter Book do. The manager's script and fonts are copied into the book, so the page needs no network.
 * Reference: https://ipywidgets.readthedocs.io/en/latest/embedding.html
 */
import { copyFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { makeDirectory } from "../files/directory";
import type { Notebook } from "../jupyter/notebook";
import { WIDGET_STATE_MIME, type WidgetState } from "../jupyter/widget-state";
import { WIDGET_VIEW_MIME } from "../viz/widget";

/** Where the manager's files go in the book, from its top. */
export const WIDGET_ASSETS = "assets/widgets";

/** A script body holding JSON: `</` cannot end the tag early. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/<\//g, "<\\/");

/** The saved widget state of an executed notebook, or null. */
export function savedWidgetState(notebook: Notebook): WidgetState | null {
  const widgets = notebook.metadata.widgets as Record<string, unknown> | undefined;
  const state = widgets?.[WIDGET_STATE_MIME] as WidgetState | undefined;
  return state && typeof state.state === "object" && state.state !== null ? state : null;
}

/**
 * The HTML of an output showing a widget whose model is in `state` (a view tag the manager replaces, and a line
 * saying it is a saved state), or null when it shows none (the output is then drawn as any other).
 */
export function widgetOutputHtml(data: Record<string, unknown>, state: WidgetState | null): string | null {
  const view = data[WIDGET_VIEW_MIME] as { model_id?: unknown } | undefined;
  if (!state || typeof view?.model_id !== "string" || !(view.model_id in state.state)) return null;
  return (
    `<div class="output widget"><script type="${WIDGET_VIEW_MIME}">${scriptJson({ version_major: 2, version_minor: 0, model_id: view.model_id })}</script>` +
    `<small class="widget-note">Saved widget: its last values. Moving it needs the notebook running on a kernel.</small></div>`
  );
}

/** The copy of plotly.js a figure embeds (viz/plotly), as it reads inside JSON text. */
const EMBEDDED_PLOTLY = /<script[^>]*data-emtd-plotly[^>]*>[\s\S]*?<\/script>/g;

/**
 * The page's widget state tag (empty without state). A figure an Output widget holds drops its embedded plotly.js
 * (megabytes; the page loads its own): the removed text is a whole script tag inside one JSON string.
 */
export function widgetStateTag(state: WidgetState | null): string {
  if (!state) return "";
  const json = JSON.stringify(state).replace(EMBEDDED_PLOTLY, "").replace(/<\//g, "<\\/");
  return `<script type="${WIDGET_STATE_MIME}">${json}</script>`;
}

/** The script tag loading the manager, for a page whose body holds widget state; `root` leads to the book's top. */
export function widgetManagerScript(body: string, root: string): string {
  return body.includes(`type="${WIDGET_STATE_MIME}"`) ? `\n<script src="${root}${WIDGET_ASSETS}/embed.js"></script>` : "";
}

/** Copy the manager's embed.js and the fonts it loads (beside it) into the book at `out`. */
export function copyWidgetAssets(out: string): void {
  const from = path.dirname(require.resolve("@jupyter-widgets/html-manager/dist/embed.js"));
  const to = path.join(out, WIDGET_ASSETS);
  makeDirectory(to);
  for (const file of readdirSync(from)) {
    if (file === "embed.js" || file === "embed.js.LICENSE.txt" || /\.(woff2?|ttf|eot|svg)$/.test(file))
      copyFileSync(path.join(from, file), path.join(to, file));
  }
}
