/**
 * What the emtd kernel (src/jupyter/comm.ts) offers the library for Jupyter comms: a process-wide object under
 * {@link KERNEL_COMMS}, so a library loaded twice (the checkout and a notebook's node_modules) finds the same one.
 * Outside a kernel there is none and widgets keep their state locally. Reference:
 * https://jupyter-client.readthedocs.io/en/stable/messaging.html#custom-messages
 */

/** Where the kernel puts its comm bridge (a symbol from the global registry: shared across copies). */
export const KERNEL_COMMS: unique symbol = Symbol.for("emtd.jupyter.comms") as never;

/** A message header as the kernel stamps it on what it publishes (`parent_header` of outputs). */
export type Header = Record<string, unknown> & { msg_id: string };

/** A received comm message: its data, and its header (outputs of a handler are parented to it). */
export interface CommMessage {
  data: Record<string, unknown>;
  header: Header;
}

/** One end of a comm, kernel side. */
export interface Comm {
  readonly id: string;
  readonly target: string;
  /** comm_msg to the front end; parented to `parent`, or to where outputs go now. */
  send(data: Record<string, unknown>, parent?: Header | null): void;
  /** comm_close to the front end (once). */
  close(data?: Record<string, unknown>): void;
  onMsg(handler: (message: CommMessage) => void): void;
  onClose(handler: (message: CommMessage | null) => void): void;
  /**
   * A widget model's full wire state now (`_model_name`, `_model_module`, … included), for the front end's
   * `request_states` on `jupyter.widget.control` (ipywidgets 8); set by protocol-2 widgets, absent on other comms.
   */
  modelState?: () => Record<string, unknown>;
  /**
   * True when the kernel itself sent this model to front-end session `session` and shows it there again when needed
   * (protocol 1): that session's comm_info_request leaves it out, as classic Notebook's manager would otherwise
   * replace the comm of a model whose views it shows with a new one (those views then stop hearing the kernel).
   */
  sentTo?: (session: string) => boolean;
  /** The front-end session (`header.session`) of the request this comm was opened under, or null. */
  readonly session: string | null;
  /**
   * Called when a front end (session `session`) tells its widget version (`jupyter.widget.version`): a widget made
   * before then in another shape re-opens itself in the shape that front end speaks; with `reshow`, the comm was
   * opened for that front end before its widget manager started (it may have missed it) and is shown again.
   */
  onFrontEnd?: (version: string, session: string | null, reshow: boolean) => void;
  /**
   * comm_open again under the same id (a front end that could not read the first one replaces its model), `metadata`
   * in the message's metadata; with `closeFirst`, a comm_close before it, so views of the model the front end has go
   * away first.
   */
  reopen(data: Record<string, unknown>, metadata?: Record<string, unknown>, closeFirst?: boolean): void;
}

/**
 * The display id the kernel gives every output showing widget `modelId` (`transient.display_id`), so a widget
 * re-shown in another shape can replace its first output.
 * @example widgetDisplayId("abc"); // → "emtd-widget-abc"
 */
export function widgetDisplayId(modelId: string): string {
  return `emtd-widget-${modelId}`;
}

/** What the widgets of a published output go into instead of the cell (an Output widget capturing). */
export type OutputSink = (
  msgType: "stream" | "display_data" | "clear_output" | "update_display_data",
  content: Record<string, unknown>,
) => void;

/** The kernel's comm bridge. */
export interface KernelComms {
  /**
   * Open a comm to the front end (comm_open on iopub, parented to where outputs go now); `metadata` is the message's
   * own metadata (ipywidgets reads the widget protocol version from `msg.metadata.version`).
   */
  open(target: string, data: Record<string, unknown>, metadata?: Record<string, unknown>): Comm;
  /** Accept comms the front end opens to `target`; without a handler they are closed at once. */
  registerTarget(target: string, onOpen: (comm: Comm, message: CommMessage) => void): void;
  /** The request outputs go to now: the running cell, or the comm message being handled; null before any. */
  parent(): Header | null;
  /** Publish one iopub message under `parent` (null: where outputs go now), past any capture. */
  publish(parent: Header | null, msgType: string, content: Record<string, unknown>): void;
  /** Run `fn` with the cell's outputs (console, display, clear_output) sent to `sink`; `fn`'s promise included. */
  capture<T>(sink: OutputSink, fn: () => T): T;
  /** The version the front end told over `jupyter.widget.version` (jupyter-js-widgets' "2.1.4"), or null. */
  frontendVersion(): string | null;
}

/**
 * The running kernel's comm bridge, or null outside a kernel.
 *
 * @example
 * ```ts
 * kernelComms(); // → null (plain Node; the bridge in a cell of the emtd kernel)
 * ```
 */
export function kernelComms(): KernelComms | null {
  const comms = (globalThis as Record<symbol, unknown>)[KERNEL_COMMS];
  return typeof comms === "object" && comms !== null ? (comms as KernelComms) : null;
}
