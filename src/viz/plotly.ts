/**
 * Plotly figures for notebooks. A {@link Figure} displays as one bundle, as plotly.py's notebook renderer does:
 * `application/vnd.plotly.v1+json` (the figure as an object: VS Code, and JupyterLab with the plotly extension)
 * and a `text/html` fallback (a div and a `Plotly.newPlot` call: classic Notebook, JupyterLab without the
 * extension, nbconvert's HTML). plotly.js comes from the installed `plotly.js-dist-min` and is embedded once per
 * kernel and front end (a reloaded page again), in the first figure's HTML, so notebooks render without internet. The embedding hides require.js's
 * `define` (classic Notebook and nbconvert pages load require.js) so plotly.js sets `window.Plotly`.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { bundle, display, DISPLAY, type Displayable, escapeHtml, inKernel, type MimeBundle } from "./display";
import { kernelComms } from "./kernel-comms";
import { isKernelName, KERNEL_NAME_ENV } from "./kernelspec-name";

export type Trace = Record<string, unknown>;
export type Layout = Record<string, unknown>;

const PLOTLY_PACKAGE = "plotly.js-dist-min";

/**
 * The version of plotly.js that is embedded (the installed, pinned package).
 *
 * @example
 * ```ts
 * plotlyVersion(); // → "4.1.2"
 * ```
 */
export function plotlyVersion(): string {
  return (JSON.parse(readFileSync(require.resolve(`${PLOTLY_PACKAGE}/package.json`), "utf8")) as { version: string }).version;
}

/**
 * The front-end session (the running request's `header.session`; "" outside a kernel) plotly.js was last embedded
 * for, or null: a page reloaded on the same kernel is a new session and has not loaded it.
 */
let embeddedFor: string | null = null;
const session = () => String(kernelComms()?.parent()?.session ?? "");

/** Whether this process has already embedded plotly.js in a figure displayed to the current front end. */
export function plotlyEmbedded(): boolean {
  return embeddedFor === session();
}

/** Mark plotly.js embedded for the current front end; true when it was not yet (the caller embeds it then). */
function embedNow(): boolean {
  if (plotlyEmbedded()) return false;
  embeddedFor = session();
  return true;
}

/** Display plotly.js on its own (once per front end), for displays that are later overwritten (live plots). */
export function embedPlotly(): void {
  if (plotlyEmbedded() || !inKernel()) return;
  display(bundle({ "text/html": plotlyScript(), "text/plain": `plotly.js ${plotlyVersion()}` }));
  embedNow();
}

/**
 * Forget that plotly.js was embedded (a new notebook session, or tests).
 *
 * @example
 * ```ts
 * resetPlotlyEmbedding();
 * const f = figure([{ type: "scatter", x: [0, 1], y: [1, 0] }]);
 * String(mimeBundle(f)["text/html"]).includes("data-emtd-plotly"); // → true (the first figure carries plotly.js)
 * String(mimeBundle(f)["text/html"]).includes("data-emtd-plotly"); // → false
 * ```
 */
export function resetPlotlyEmbedding(): void {
  embeddedFor = null;
}

/**
 * A <script> defining window.Plotly from the installed bundle, with `define`, `module`, `exports` hidden.
 *
 * @example
 * ```ts
 * const script = plotlyScript();
 * [script.startsWith("<script"), script.length > 1e6]; // → [true, true] (the whole minified bundle)
 * ```
 */
export function plotlyScript(): string {
  const source = readFileSync(require.resolve(`${PLOTLY_PACKAGE}/plotly.min.js`), "utf8").replace(/<\/script/gi, "<\\/script");
  return (
    `<script type="text/javascript" data-emtd-plotly="${plotlyVersion()}">` +
    `(function (define, module, exports) {\n${source}\n}).call(window);</script>`
  );
}

/** The kernelspec's name this kernel runs under (kernel.json's env), or "" outside an installed kernel. */
function kernelName(): string {
  const name = process.env[KERNEL_NAME_ENV] ?? "";
  return isKernelName(name) ? name : "";
}

/**
 * In the page: fetch plotly.js once from the Jupyter server (`kernelspecs/NAME/plotly.min.js` under the page's base
 * URL: JupyterLab's and Notebook 7's `jupyter-config-data`, the classic Notebook's `data-base-url`) and run it with
 * require.js's `define` hidden, so that it sets `window.Plotly`. Its source goes into the page: it uses nothing of this module.
 */
function loadPlotlyFromServer(kernel: string): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's window: this module is typed without the DOM
  const w = globalThis as any;
  if (w.__emtdPlotlyLoad) return;
  const config = w.document.getElementById("jupyter-config-data");
  let base: string | null = w.document.body.getAttribute("data-base-url");
  try {
    if (config) base = JSON.parse(config.textContent || "{}").baseUrl || base;
  } catch {
    // not JSON: keep the classic Notebook's
  }
  if (!base || typeof fetch !== "function") return;
  w.__emtdPlotlyLoad = fetch(base.replace(/\/?$/, "/") + "kernelspecs/" + encodeURIComponent(kernel) + "/plotly.min.js")
    .then(function (r: { ok: boolean; status: number; text(): Promise<string> }) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    })
    .then(function (source: string) {
      if (!w.Plotly) new Function("define", "module", "exports", source).call(w);
    })
    .catch(function () {
      w.__emtdPlotlyLoad = null;
    });
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const idPrefix = randomBytes(4).toString("hex");
let figureCount = 0;

const DEFAULT_LAYOUT: Layout = { margin: { l: 60, r: 20, t: 50, b: 50 }, height: 380 };

/**
 * A plotly figure: traces, layout and config as plain JSON (plotly.js's own schema, https://plotly.com/javascript/).
 * `display(figure)` shows it; `figure.html()` is a standalone fragment for exported pages.
 *
 * @example
 * ```ts
 * display(new Figure([{ type: "scatter", x: [0, 1, 2], y: [1, 4, 9] }], { title: { text: "squares" } }));
 * ```
 */
export class Figure implements Displayable {
  readonly data: Trace[];
  readonly layout: Layout;
  readonly config: Record<string, unknown>;

  constructor(data: Trace[], layout: Layout = {}, config: Record<string, unknown> = {}) {
    this.data = data;
    this.layout = { ...DEFAULT_LAYOUT, ...layout };
    this.config = { responsive: true, displaylogo: false, ...config };
  }

  /** The plotly figure as JSON (what `application/vnd.plotly.v1+json` carries). */
  toJSON(): { data: Trace[]; layout: Layout; config: Record<string, unknown> } {
    return JSON.parse(JSON.stringify({ data: this.data, layout: this.layout, config: this.config }));
  }

  /**
   * A div and the script drawing into it. The div holds a placeholder line until plotly.js draws (what an untrusted
   * notebook, whose scripts do not run, shows). When the page has no plotly.js (the output that carried it did not
   * render), the script loads it from the kernelspec's folder on the Jupyter server (the install puts a copy there);
   * failing that, it says how to draw the figure.
   */
  html(options: { includePlotly?: boolean } = {}): string {
    const id = `emtd-plot-${idPrefix}-${++figureCount}`;
    const height = typeof this.layout.height === "number" ? this.layout.height : 380;
    const kernel = kernelName();
    const draw =
      `<div id="${id}" class="emtd-plotly plotly-graph-div" style="height:${height}px; width:100%;">` +
      `<p class="emtd-plotly-placeholder">${this.toString()}: run the cell (or trust the notebook) to draw it with plotly.js.</p></div>` +
      `<script type="text/javascript">(function () {\n` +
      `  var figure = ${scriptJson(this.toJSON())};\n` +
      `  function draw() { var gd = document.getElementById(${JSON.stringify(id)}); gd.textContent = ""; window.Plotly.newPlot(gd, figure.data, figure.layout, figure.config); }\n` +
      `  if (window.Plotly) { draw(); return; }\n` +
      (kernel ? `  (${loadPlotlyFromServer.toString()})(${JSON.stringify(kernel)});\n` : "") +
      `  var tries = 0, timer = setInterval(function () {\n` +
      `    if (window.Plotly) { clearInterval(timer); draw(); }\n` +
      `    else if (++tries > 200) { clearInterval(timer); document.getElementById(${JSON.stringify(id)}).textContent = "plotly.js is not loaded: re-run the notebook from the top"; }\n` +
      `  }, 50);\n` +
      `})();</script>`;
    return (options.includePlotly ? plotlyScript() : "") + draw;
  }

  /** Both representations; plotly.js goes into the first figure displayed by this process only. */
  [DISPLAY](): MimeBundle {
    const includePlotly = embedNow();
    return {
      "application/vnd.plotly.v1+json": this.toJSON(),
      "text/html": this.html({ includePlotly }),
      "text/plain": this.toString(),
    };
  }

  toString(): string {
    const title = (this.layout.title as { text?: string } | string | undefined) ?? "";
    const text = typeof title === "string" ? title : (title.text ?? "");
    return `Figure(${this.data.length} trace${this.data.length === 1 ? "" : "s"}${text ? `: ${escapeHtml(text)}` : ""})`;
  }
}

/**
 * A figure from traces and a layout.
 *
 * @example
 * ```ts
 * const f = figure([{ type: "bar", x: ["a", "b"], y: [3, 5] }], { title: { text: "counts" } });
 * String(f); // → "Figure(1 trace: counts)"
 * ```
 */
export function figure(data: Trace[], layout: Layout = {}): Figure {
  return new Figure(data, layout);
}

const axis = (title?: string, extra: Record<string, unknown> = {}) => ({ ...(title ? { title: { text: title } } : {}), ...extra });
/** Log axes label decades as powers of ten (plotly's default SI prefixes mix "1µ" with "10⁻¹⁸" past 10⁻¹⁵). */
const LOG_AXIS = { type: "log", exponentformat: "power" };

export interface LineOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  /** Horizontal reference lines: label → y. */
  references?: Record<string, number>;
  mode?: "lines" | "markers" | "lines+markers";
}

/**
 * One line per series: `series` maps a name to y values (sharing `x`).
 *
 * @example
 * ```ts
 * const t = [0, 1, 2, 3];
 * const f = lineFigure(t, { "e^{-t}": t.map((s) => Math.exp(-s)) }, { logY: true, xTitle: "t", references: { floor: 0.01 } });
 * f.data.length; // → 2 (the series and the dashed reference line)
 * ```
 */
export function lineFigure(x: ArrayLike<number>, series: Record<string, ArrayLike<number>>, options: LineOptions = {}): Figure {
  const xs = Array.from(x);
  const data: Trace[] = Object.entries(series).map(([name, y]) => ({
    type: "scatter",
    mode: options.mode ?? "lines",
    name,
    x: xs,
    y: Array.from(y),
  }));
  for (const [name, y] of Object.entries(options.references ?? {})) data.push(referenceLine(name, xs, y));
  return new Figure(data, {
    title: { text: options.title ?? "" },
    xaxis: axis(options.xTitle, options.logX ? LOG_AXIS : {}),
    yaxis: axis(options.yTitle, options.logY ? LOG_AXIS : {}),
  });
}

/**
 * A horizontal reference line at `y` from the first to the last of `x` (a level, threshold or bar the data are read
 * against), dashed unless `line` styles it otherwise: the trace {@link lineFigure}'s `references` draw, and the levels
 * and bars of figures/nb09, nb11, nb13, nb15 and nb16.
 */
export function referenceLine(name: string, x: readonly unknown[], y: number, line: Record<string, unknown> = { dash: "dash" }): Trace {
  return { type: "scatter", mode: "lines", name, x: [x[0], x[x.length - 1]], y: [y, y], line };
}

export interface HistogramOptions {
  bins?: number;
  title?: string;
  xTitle?: string;
  /** Exact densities to overlay: name and function of x (one or several). */
  density?: { name: string; pdf: (x: number) => number } | Array<{ name: string; pdf: (x: number) => number }>;
}

/**
 * Normalised histogram (area 1) of `values`, with an optional exact density drawn over it.
 *
 * @example
 * ```ts
 * const values = Array.from({ length: 1000 }, (_, i) => Math.sqrt(-2 * Math.log((i + 0.5) / 1000)) * Math.cos(2.4 * i));
 * const gauss = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
 * const f = histogramFigure(values, { bins: 20, density: { name: "N(0, 1)", pdf: gauss } });
 * [String(f), (f.data[0]!.x as number[]).length]; // → ["Figure(2 traces)", 20]
 * ```
 */
export function histogramFigure(values: ArrayLike<number>, options: HistogramOptions = {}): Figure {
  const v = Array.from(values);
  const bins = options.bins ?? 40;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const x of v) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]!++;
  const centres = counts.map((_, b) => lo + (b + 0.5) * width);
  const data: Trace[] = [{ type: "bar", name: "samples", x: centres, y: counts.map((c) => c / (v.length * width)), width, opacity: 0.6 }];
  const densities = options.density === undefined ? [] : Array.isArray(options.density) ? options.density : [options.density];
  const xs = Array.from({ length: 200 }, (_, i) => lo + ((hi - lo) * i) / 199);
  for (const d of densities) data.push({ type: "scatter", mode: "lines", name: d.name, x: xs, y: xs.map(d.pdf) });
  return new Figure(data, { title: { text: options.title ?? "" }, xaxis: axis(options.xTitle), yaxis: axis("density"), bargap: 0 });
}

/**
 * Points (x_i, y_i) with optional error bars, and optional curves drawn as lines.
 *
 * @example
 * ```ts
 * const f = scatterFigure(
 *   [{ name: "measured", x: [1, 2, 3], y: [1.1, 3.9, 9.2], error: [0.2, 0.3, 0.4] }],
 *   [{ name: "x²", x: [1, 2, 3], y: [1, 4, 9] }],
 *   { title: "growth" },
 * );
 * String(f); // → "Figure(2 traces: growth)"
 * ```
 */
export function scatterFigure(
  points: { name: string; x: ArrayLike<number>; y: ArrayLike<number>; error?: ArrayLike<number> }[],
  curves: { name: string; x: ArrayLike<number>; y: ArrayLike<number> }[] = [],
  options: LineOptions = {},
): Figure {
  const data: Trace[] = [
    ...curves.map((c) => ({ type: "scatter", mode: "lines", name: c.name, x: Array.from(c.x), y: Array.from(c.y) })),
    ...points.map((p) => ({
      type: "scatter",
      mode: "markers",
      name: p.name,
      x: Array.from(p.x),
      y: Array.from(p.y),
      ...(p.error ? { error_y: { type: "data", array: Array.from(p.error), visible: true } } : {}),
    })),
  ];
  return new Figure(data, {
    title: { text: options.title ?? "" },
    xaxis: axis(options.xTitle, options.logX ? LOG_AXIS : {}),
    yaxis: axis(options.yTitle, options.logY ? LOG_AXIS : {}),
  });
}

/**
 * Fields of a run's trace against the step (default: the energy).
 *
 * @example
 * ```ts
 * const trace = [
 *   { step: 0, energy: 5 },
 *   { step: 10, energy: 3.2 },
 *   { step: 20, energy: 3.1 },
 * ];
 * String(traceFigure(trace)); // → "Figure(1 trace: energy)"
 * ```
 */
export function traceFigure(
  trace: ReadonlyArray<{ step: number; [field: string]: number }>,
  keys: string[] = ["energy"],
  options: LineOptions = {},
): Figure {
  const series = Object.fromEntries(keys.map((k) => [k, trace.map((r) => r[k] ?? Number.NaN)]));
  return lineFigure(
    trace.map((r) => r.step),
    series,
    { xTitle: "step", title: keys.join(", "), ...options },
  );
}
