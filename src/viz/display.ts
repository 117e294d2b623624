/**
 * The notebook display bridge. An object displays richly when it implements the display protocol of Deno's
 * Jupyter kernel: a method under `Symbol.for("Jupyter.display")` returning a mime bundle
 * `{ "text/html": …, "application/vnd.plotly.v1+json": …, "text/plain": … }`; the front end picks the richest
 * type it can render. In the emtd kernel (src/jupyter/) {@link display} publishes the whole bundle as
 * `display_data`, and a cell's last expression is shown with the same bundle as `execute_result`. Outside a
 * kernel (plain Node, tests, the CLI) `display` prints the text/plain part to stdout.
 */
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { ArgumentError } from "../errors";

/** The key of the display method (Deno's Jupyter protocol). */
// `unique symbol` needs a cast: Symbol.for returns a plain symbol (the registry makes it shared across copies).
export const DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** mime type → data (a string, or a JSON value for `+json` types). */
export type MimeBundle = Record<string, unknown>;

export interface Displayable {
  [DISPLAY](): MimeBundle;
}

/**
 * Whether `x` implements the display protocol (a method under {@link DISPLAY}).
 *
 * @example
 * ```ts
 * isDisplayable(html("<b>x</b>")); // → true
 * isDisplayable({ a: 1 }); // → false
 * ```
 */
export function isDisplayable(x: unknown): x is Displayable {
  return typeof x === "object" && x !== null && typeof (x as Record<symbol, unknown>)[DISPLAY] === "function";
}

/** Adapters turning library values (tensors, graphs, run results) into displayables; see viz/summary.ts. */
const adapters: Array<(x: unknown) => Displayable | null> = [];

/**
 * Register an adapter tried, in order, for values that do not implement the protocol themselves.
 *
 * @example
 * ```ts
 * class Point {
 *   constructor(readonly x: number, readonly y: number) {}
 * }
 * registerDisplayAdapter((v) => (v instanceof Point ? markdown(`point (${v.x}, ${v.y})`) : null));
 * mimeBundle(new Point(1, 2))["text/markdown"]; // → "point (1, 2)"
 * ```
 */
export function registerDisplayAdapter(adapter: (x: unknown) => Displayable | null): void {
  adapters.push(adapter);
}

/**
 * The mime bundle of `x`: its own, an adapter's, or `text/plain` from util.inspect. Always has text/plain.
 *
 * @example
 * ```ts
 * Object.keys(mimeBundle(html("<i>hi</i>"))); // → ["text/plain", "text/html"]
 * mimeBundle(42)["text/plain"]; // → "42"
 * ```
 */
export function mimeBundle(x: unknown): MimeBundle {
  let target: Displayable | null = isDisplayable(x) ? x : null;
  for (const adapt of adapters) target ??= adapt(x);
  const bundle = target ? target[DISPLAY]() : {};
  return { "text/plain": typeof x === "string" ? x : inspect(x, { depth: 2 }), ...bundle };
}

type Writer = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

/**
 * Where the emtd Jupyter kernel (src/jupyter/server.ts) puts its iopub publisher for the running cell: a
 * process-wide symbol, so the library and the kernel agree even when loaded as two copies.
 */
export const KERNEL_PUBLISHER: unique symbol = Symbol.for("emtd.jupyter.publish") as never;

/** What the kernel installs under {@link KERNEL_PUBLISHER}: publish one iopub message for the current cell. */
export type KernelPublisher = (msgType: "display_data" | "update_display_data" | "clear_output", content: Record<string, unknown>) => void;

function publisher(): KernelPublisher | null {
  const p = (globalThis as Record<symbol, unknown>)[KERNEL_PUBLISHER];
  return typeof p === "function" ? (p as KernelPublisher) : null;
}

/** The display writer of the running emtd kernel, or null when this process is not one. */
function kernelWriter(): Writer | null {
  const publish = publisher();
  return publish ? (content, update) => publish(update ? "update_display_data" : "display_data", content) : null;
}

/**
 * True inside a running emtd kernel.
 *
 * @example
 * ```ts
 * inKernel(); // → false (plain Node; true in a cell of the emtd kernel)
 * ```
 */
export function inKernel(): boolean {
  return publisher() !== null;
}

/**
 * Clear the current cell's output (Jupyter's `clear_output`); with `wait`, the front end clears only when the
 * next output arrives (no flicker in animations). Outside a kernel it does nothing.
 * @example clearOutput({ wait: true }); display(frame);
 */
export function clearOutput(options: { wait?: boolean } = {}): void {
  publisher()?.("clear_output", { wait: options.wait ?? false });
}

/** Options of {@link display}: a display id makes the entry updatable later, from any cell. */
export interface DisplayOptions {
  /** The entry's id (Jupyter's `transient.display_id`); `true`: a fresh one. */
  displayId?: string | true;
  /** Replace what is shown under `displayId` (`update_display_data`) instead of adding an entry. */
  update?: boolean;
}

const freshId = () => `emtd-${randomBytes(8).toString("hex")}`;

/** The handle of entry `id`; `shown`: it exists in the front end, so the next write updates it. */
function handleFor(id: string, shown: boolean): DisplayHandle {
  return {
    id,
    update(x) {
      const write = kernelWriter();
      if (!write) return;
      write({ data: mimeBundle(x), metadata: {}, transient: { display_id: id } }, shown);
      shown = true;
    },
  };
}

/**
 * Display `x` in the current cell (its full mime bundle); outside a kernel, print its text/plain. With a
 * `displayId` it returns a handle whose `update` replaces the entry in place (`update_display_data`), from this
 * cell or any later one; `{ displayId, update: true }` updates an entry shown earlier by its id.
 *
 * @example
 * ```ts
 * display(markdown("**done**")); // prints "**done**" outside a kernel; renders bold in a notebook
 * const status = display("step 0/3", { displayId: "status" });
 * status.update("step 1/3"); // a later cell may do the same, or display("step 2/3", { displayId: "status", update: true })
 * status.id; // → "status"
 * ```
 */
export function display(x: unknown): void;
export function display(x: unknown, options: DisplayOptions): DisplayHandle;
export function display(x: unknown, options: DisplayOptions = {}): DisplayHandle | void {
  const { displayId, update = false } = options;
  if (displayId !== undefined && displayId !== true && (typeof displayId !== "string" || displayId === "")) {
    throw new ArgumentError("emtd/display display", "options.displayId", "a non-empty string or true", displayId);
  }
  const id = displayId === true ? freshId() : displayId;
  if (id !== undefined && update) {
    const handle = handleFor(id, true);
    handle.update(x);
    return handle;
  }
  const bundle = mimeBundle(x);
  const write = kernelWriter();
  if (write) write({ data: bundle, metadata: {}, transient: id === undefined ? {} : { display_id: id } }, false);
  else process.stdout.write(`${String(bundle["text/plain"])}\n`);
  if (id !== undefined) return handleFor(id, true);
}

/** A display entry that later calls overwrite in place (Jupyter's `update_display_data`). */
export interface DisplayHandle {
  readonly id: string;
  /** Show `x` in this entry: the first call creates it, later calls replace it. */
  update(x: unknown): void;
}

/**
 * A new overwriting display entry, shown at its first `update`; outside a kernel its updates are dropped
 * (nothing to overwrite).
 *
 * @example
 * ```ts
 * const entry = newDisplay();
 * for (let step = 1; step <= 3; step++) entry.update(`step ${step}/3`); // one line, overwritten in a notebook
 * entry.id.startsWith("emtd-"); // → true
 * ```
 */
export function newDisplay(): DisplayHandle {
  return handleFor(freshId(), false);
}

/**
 * A displayable from a ready bundle (e.g. `html("<b>…</b>")`).
 *
 * @example
 * ```ts
 * const b = bundle({ "text/plain": "x^2", "text/latex": "$x^2$" });
 * mimeBundle(b)["text/latex"]; // → "$x^2$"
 * ```
 */
export function bundle(data: MimeBundle): Displayable {
  return { [DISPLAY]: () => data };
}

/**
 * HTML with a plain-text fallback.
 *
 * @example
 * ```ts
 * mimeBundle(html("<b>bold</b> text"))["text/plain"]; // → "bold text"
 * ```
 */
export function html(markup: string, text = markup.replace(/<[^>]*>/g, "")): Displayable {
  return bundle({ "text/html": markup, "text/plain": text });
}

/**
 * Markdown (rendered by every front end, LaTeX included) with itself as plain text.
 *
 * @example
 * ```ts
 * mimeBundle(markdown("$\\lambda_2 = 0.38$"))["text/markdown"]; // → "$\\lambda_2 = 0.38$"
 * ```
 */
export function markdown(source: string): Displayable {
  return bundle({ "text/markdown": source, "text/plain": source });
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
