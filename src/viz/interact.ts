/**
 * `interact`: controls built from a specification, a function called with their values, and its output (a figure,
 * a table) replaced on every change. Changes are debounced; exactly one computation is live at a time: a change
 * while it runs marks it stale (its AbortSignal fires, its result is dropped) and the function runs again with the
 * latest values once it ends, so the latest values' result is the one shown.
 */
import { ArgumentError } from "../errors";
import { kernelComms } from "./kernel-comms";
import { Checkbox, Dropdown, Slider, Text } from "./controls";
import { Box, Output, Widget } from "./widget";

/** A control's specification: [min, max, step?] → slider, string options → dropdown, boolean → checkbox, string → text, or a widget. */
export type ControlSpec = readonly [number, number] | readonly [number, number, number] | readonly string[] | boolean | string | Widget;

type ValueOf<S> = S extends boolean
  ? boolean
  : S extends readonly number[]
    ? number
    : S extends readonly (infer L)[]
      ? L
      : S extends string
        ? string
        : S extends { value: infer V }
          ? V
          : never;

/** The values `fn` receives: one per control, named as in the specification. */
export type InteractValues<S> = { [K in keyof S]: ValueOf<S[K]> };

export interface InteractOptions {
  /** Quiet time after a change before `fn` runs, ms (default 150 in a kernel, 0 outside one). */
  debounceMs?: number;
}

/** What `fn` gets besides the values: an AbortSignal that fires when its run became stale. */
export interface InteractContext {
  signal: AbortSignal;
}

function controlFor(name: string, spec: ControlSpec): Widget & { value: unknown } {
  if (spec instanceof Widget) return spec as Widget & { value: unknown };
  if (typeof spec === "boolean") return new Checkbox({ value: spec, description: name });
  if (typeof spec === "string") return new Text({ value: spec, description: name });
  if (Array.isArray(spec) && spec.length > 0 && spec.every((s) => typeof s === "string"))
    return new Dropdown<string>({ options: spec as string[], description: name });
  if (Array.isArray(spec) && (spec.length === 2 || spec.length === 3) && spec.every((s) => typeof s === "number" && Number.isFinite(s))) {
    const [min, max, step] = spec as number[];
    const integer = [min, max, step ?? 1].every(Number.isInteger);
    const by = step ?? (integer ? 1 : (max! - min!) / 100);
    // The middle of the range, on the step grid (as ipywidgets does).
    const value = min! + Math.round((max! - min!) / 2 / by) * by;
    return new Slider({ min, max, step: by, value: Number(value.toPrecision(12)), description: name });
  }
  throw new ArgumentError(
    "emtd/widgets",
    `interact control "${name}"`,
    "[min, max, step?], an array of strings, a boolean, a string or a widget",
    spec,
  );
}

/**
 * The widget `interact` returns: its controls, an output area, and the bookkeeping of its computations.
 */
export class Interactive<S extends Record<string, ControlSpec>> extends Box {
  readonly controls: { [K in keyof S]: Widget & { value: ValueOf<S[K]> } };
  readonly output: Output;
  /** How many times `fn` was called. */
  calls = 0;
  /** Runs whose result was dropped because a change arrived while they ran. */
  staleRuns = 0;
  /** The last error `fn` threw, if its latest run threw. */
  lastError: unknown = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stale = false;
  private controller: AbortController | null = null;
  private waiters: Array<() => void> = [];
  private readonly debounceMs: number;

  constructor(
    private readonly fn: (values: InteractValues<S>, context: InteractContext) => unknown,
    spec: S,
    options: InteractOptions = {},
  ) {
    if (typeof fn !== "function") throw new ArgumentError("emtd/widgets", "interact fn", "a function of the controls' values", fn);
    if (typeof spec !== "object" || spec === null || Object.keys(spec).length === 0)
      throw new ArgumentError("emtd/widgets", "interact controls", "an object naming at least one control", spec);
    const controls = Object.fromEntries(Object.entries(spec).map(([name, s]) => [name, controlFor(name, s)]));
    const output = new Output();
    super([...Object.values(controls), output]);
    this.controls = controls as never;
    this.output = output;
    this.debounceMs = options.debounceMs ?? (kernelComms() ? 150 : 0);
    if (!(this.debounceMs >= 0)) throw new ArgumentError("emtd/widgets", "interact debounceMs", "a number ≥ 0", options.debounceMs);
    for (const control of Object.values(controls)) control.observe(() => this.changed());
    this.start();
  }

  /** The controls' values now. */
  values(): InteractValues<S> {
    return Object.fromEntries(Object.entries(this.controls).map(([k, c]) => [k, (c as { value: unknown }).value])) as InteractValues<S>;
  }

  /** Resolves when no change waits and no computation runs (the output shows the latest values' result). */
  settled(): Promise<void> {
    if (!this.running && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private changed(): void {
    // Outputs of the run this change causes go to the front end under the message that made it.
    this.output.parentHint = kernelComms()?.parent() ?? null;
    if (this.running && !this.stale) {
      this.stale = true;
      this.controller?.abort();
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, this.debounceMs);
  }

  private start(): void {
    if (this.running) {
      this.stale = true;
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    this.stale = false;
    const controller = new AbortController();
    this.controller = controller;
    this.calls++;
    const values = this.values();
    this.output.clear({ wait: true });
    let result: unknown;
    let failed = false;
    try {
      result = await this.output.capture(() => this.fn(values, { signal: controller.signal }));
    } catch (error) {
      failed = true;
      result = error;
    }
    this.running = false;
    if (this.stale || controller.signal.aborted) {
      this.staleRuns++;
      this.stale = false;
      if (!this.timer) this.start();
      return;
    }
    this.lastError = failed ? result : null;
    if (failed) {
      const e = result as Error;
      this.output.sink("display_data", { data: { "text/plain": `${e?.name ?? "Error"}: ${e?.message ?? String(e)}` }, metadata: {} });
      // Also where the cell's errors go: a notebook run headless fails on it instead of showing a stale figure.
      process.stderr.write(`emtd/widgets: interact's function threw: ${e?.stack ?? String(e)}\n`);
    } else if (result !== undefined) this.output.append(result);
    if (!this.timer) for (const w of this.waiters.splice(0)) w();
  }
}

/**
 * Controls for `spec` (`[min, max, step]` → slider, string options → dropdown, boolean → checkbox, string → text
 * field, or a widget), with `fn` called on their values and its result (or what it displays) shown under them,
 * replaced on every change. Display the returned widget (the last expression of a cell, or `display(w)`).
 *
 * @example
 * ```ts
 * const view = interact(({ t, mode }) => `${mode} at T=${t}`, { t: [0.1, 3, 0.1], mode: ["ula", "mala"] });
 * await view.settled();
 * view.values(); // → { t: 1.5, mode: "ula" }
 * view.output.outputs[0]!.data; // → { "text/plain": "ula at T=1.5" }
 * view.controls.mode.value = "mala";
 * await view.settled();
 * view.output.outputs[0]!.data; // → { "text/plain": "mala at T=1.5" }
 * ```
 */
export function interact<S extends Record<string, ControlSpec>>(
  fn: (values: InteractValues<S>, context: InteractContext) => unknown,
  spec: S,
  options: InteractOptions = {},
): Interactive<S> {
  return new Interactive(fn, spec, options);
}
