/**
 * Live displays for long runs, through overwriting display entries (Jupyter's update_display_data): a progress
 * bar and a plot that redraws as records arrive. Each returns a function usable as `run(…, { onRecord })`;
 * updates are throttled (a notebook re-renders every update) and the last record (step = total) is always drawn,
 * so the saved notebook holds the final state. Outside a kernel they do nothing.
 */
import type { TraceRecord } from "../dynamics/run";
import { bundle, DISPLAY, escapeHtml, type MimeBundle, newDisplay } from "./display";
import { embedPlotly, Figure, lineFigure } from "./plotly";

export type RecordListener = ((record: TraceRecord) => void) & {
  /** Draw the current state now (e.g. after a run that stopped before `total`). */
  flush(): void;
};

function throttled(total: number, intervalMs: number, draw: (record: TraceRecord) => void): RecordListener {
  let last = 0;
  let pending: TraceRecord | null = null;
  const listener = ((record: TraceRecord) => {
    pending = record;
    const now = performance.now();
    if (record.step >= total || now - last >= intervalMs) {
      last = now;
      draw(record);
      pending = null;
    }
  }) as RecordListener;
  listener.flush = () => {
    if (pending) draw(pending);
    pending = null;
  };
  return listener;
}

export interface ProgressOptions {
  label?: string;
  /** Minimum time between redraws. Default 250 ms. */
  intervalMs?: number;
}

/**
 * A progress bar over `total` steps showing step, H, acceptance and elapsed time.
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const bar = progressBar(100, { label: "ring" }); // a bar in a notebook; nothing outside a kernel
 * const r = run(mala(interaction(graph), { step: 0.1, temperature: 1 }), x0, { steps: 100, burnIn: 20, onRecord: bar }, key(1));
 * bar.flush();
 * r.steps; // → 100
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function progressBar(total: number, options: ProgressOptions = {}): RecordListener {
  const handle = newDisplay();
  const started = performance.now();
  const label = options.label ?? "run";
  return throttled(total, options.intervalMs ?? 250, (r) => {
    const fraction = Math.min(1, r.step / total);
    const seconds = (performance.now() - started) / 1000;
    const text = `${label}: step ${r.step}/${total} (${(100 * fraction).toFixed(0)}%) · H = ${r.energy.toPrecision(5)} · acceptance ${r.acceptance.toFixed(3)} · T = ${r.temperature.toPrecision(3)} · ${seconds.toFixed(1)} s`;
    handle.update({
      [DISPLAY]: () => ({
        "text/html": `<div class="emtd-progress"><progress value="${r.step}" max="${total}" style="width:40%"></progress> <span>${escapeHtml(text)}</span></div>`,
        "text/plain": text,
      }),
    });
  });
}

export interface LivePlotOptions {
  /** Trace fields plotted against the step. Default ["energy"]. */
  keys?: string[];
  title?: string;
  /** Horizontal reference lines: label → value. */
  references?: Record<string, number>;
  logY?: boolean;
  /** Minimum time between redraws. Default 1000 ms. */
  intervalMs?: number;
}

/**
 * A plot of trace fields against the step, redrawn in place as the run records. While the run goes each redraw is a
 * light SVG line chart (`image/svg+xml`, drawn by the kernel: every front end re-renders it in place, no plotly.js
 * needed); the last record (step = total) and `flush()` show the full plotly figure. The change of kind matters: a
 * renderer that draws a figure once and ignores later updates of it (jupyterlab-plotly's, measured in JupyterLab 4)
 * still gets a new figure output to draw at the end, so the line is shown during and after the run (issue 45).
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const plot = livePlot(100, { keys: ["energy"], references: { "exact ⟨H⟩": 3.5 } });
 * const r = run(mala(interaction(graph), { step: 0.1, temperature: 1 }), x0, { steps: 100, burnIn: 20, onRecord: plot }, key(1));
 * r.steps; // → 100 (the plot holds all 100 records)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function livePlot(total: number, options: LivePlotOptions = {}): RecordListener {
  embedPlotly(); // not inside the overwritten entry: an update would remove it
  const handle = newDisplay();
  const keys = options.keys ?? ["energy"];
  const steps: number[] = [];
  const series: Record<string, number[]> = Object.fromEntries(keys.map((k) => [k, []]));
  const draw = (): Figure =>
    lineFigure(steps, series, {
      title: options.title ?? keys.join(", "),
      xTitle: "step",
      ...(options.references ? { references: options.references } : {}),
      ...(options.logY ? { logY: true } : {}),
    });
  let whole = false;
  const showWhole = () => {
    whole = true;
    handle.update(draw());
  };
  const redraw = throttled(total, options.intervalMs ?? 1000, (record) => {
    if (record.step >= total) showWhole();
    else handle.update(bundle(svgLines(steps, series, options.title ?? keys.join(", "), options.logY ?? false)));
  });
  const listener = ((record: TraceRecord) => {
    steps.push(record.step);
    for (const k of keys) series[k]!.push(record[k] ?? Number.NaN);
    whole = false;
    redraw(record);
  }) as RecordListener;
  listener.flush = () => {
    redraw.flush();
    if (!whole && steps.length > 0) showWhole();
  };
  return listener;
}

const SVG_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/**
 * A live frame: `series` against `x` as an SVG line chart (title, y range, last x), with `data-emtd-points` (how many
 * points it holds) on its root. Non-finite values (and values <= 0 with `logY`) are left out.
 */
function svgLines(x: readonly number[], series: Record<string, readonly number[]>, title: string, logY: boolean): MimeBundle {
  const [w, h, left, right, top, bottom] = [640, 260, 56, 12, 28, 28];
  const f = (v: number) => (logY ? (v > 0 ? Math.log10(v) : Number.NaN) : v);
  const ys = Object.values(series).flatMap((s) => s.map(f).filter(Number.isFinite));
  const xs = x.filter(Number.isFinite);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  const px = (v: number) => left + ((v - x0) / (x1 - x0 || 1)) * (w - left - right);
  const py = (v: number) => h - bottom - ((v - y0) / (y1 - y0 || 1)) * (h - top - bottom);
  const label = (v: number) => (logY ? `1e${v.toFixed(1)}` : v.toPrecision(4));
  const lines = Object.entries(series).map(([name, s], i) => {
    const pts = s.map((v, j) => [x[j]!, f(v)] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    const d = pts.map(([a, b]) => `${px(a).toFixed(1)},${py(b).toFixed(1)}`).join(" ");
    const colour = SVG_COLOURS[i % SVG_COLOURS.length];
    return `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${d}"><title>${escapeHtml(name)}</title></polyline>`;
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" data-emtd-points="${x.length}" font-family="sans-serif" font-size="11">` +
    `<text x="${left}" y="16" font-size="13">${escapeHtml(title)} (running: step ${x[x.length - 1] ?? 0})</text>` +
    `<rect x="${left}" y="${top}" width="${w - left - right}" height="${h - top - bottom}" fill="none" stroke="#999"/>` +
    `<text x="${left - 4}" y="${top + 10}" text-anchor="end">${label(y1)}</text>` +
    `<text x="${left - 4}" y="${h - bottom}" text-anchor="end">${label(y0)}</text>` +
    `<text x="${w - right}" y="${h - 10}" text-anchor="end">step ${x1}</text>` +
    lines.join("") +
    "</svg>";
  return { "image/svg+xml": svg, "text/plain": `${title}: ${x.length} points (running)` };
}

/**
 * Several listeners as one `onRecord`.
 *
 * @example
 * ```ts
 * const graph = ringGraph(8, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const steps: number[] = [];
 * const counter = Object.assign((record: { step: number }) => void steps.push(record.step), { flush() {} });
 * const r = run(mala(interaction(graph), { step: 0.1, temperature: 1 }), x0, {
 *   steps: 50,
 *   burnIn: 10,
 *   onRecord: allOf(progressBar(50), counter),
 * }, key(1));
 * [steps.length, steps[steps.length - 1]]; // → [50, 50]
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function allOf(...listeners: RecordListener[]): RecordListener {
  const listener = ((record: TraceRecord) => listeners.forEach((l) => l(record))) as RecordListener;
  listener.flush = () => listeners.forEach((l) => l.flush());
  return listener;
}
