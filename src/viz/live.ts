/**
 * Live displays for long runs, through overwriting display entries (Jupyter's update_display_data): a progress
 * bar and a plot that redraws as records arrive. Each returns a function usable as `run(…, { onRecord })`;
 * updates are throttled (a notebook re-renders every update) and the last record (step = total) is always drawn,
 * so the saved notebook holds the final state. Outside a kernel they do nothing.
 */
import type { TraceRecord } from "../dynamics/run";
import { DISPLAY, escapeHtml, newDisplay } from "./display";
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
 * A plot of trace fields against the step, redrawn in place as the run records.
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
  const redraw = throttled(total, options.intervalMs ?? 1000, () => handle.update(draw()));
  const listener = ((record: TraceRecord) => {
    steps.push(record.step);
    for (const k of keys) series[k]!.push(record[k] ?? Number.NaN);
    redraw(record);
  }) as RecordListener;
  listener.flush = () => redraw.flush();
  return listener;
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
