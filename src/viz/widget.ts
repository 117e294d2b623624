/**
 * Jupyter widgets in the emtd kernel: each widget is a model whose state syncs both ways with the front end over a
 * `jupyter.widget` comm (shapes in widget-shapes.ts). A widget keeps its own attributes (`value`, `min`, …); the
 * wire state is computed from them for the shape spoken, and an update sends only the keys that changed. Outside a
 * kernel a widget works locally: values, observers and display as text.
 */
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { DISPLAY, type MimeBundle, mimeBundle } from "./display";
import { type Comm, type CommMessage, type Header, kernelComms, type OutputSink, widgetDisplayId } from "./kernel-comms";
import { chooseShape, helperState, SHAPES, styleKind, widgetHead, type WidgetKind, type WidgetShape } from "./widget-shapes";

/** The widget comm target. */
export const WIDGET_TARGET = "jupyter.widget";
/** The mime type a front end renders a widget view from. */
export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";

/** One change of an attribute, as observers receive it. */
export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
  owner: Widget;
}

let forcedShape: WidgetShape | null = null;

/**
 * Speak `shape` from now on (widgets made later), whatever the front end told; null: choose again (see chooseShape).
 * @example useWidgetShape("ipywidgets7");
 */
export function useWidgetShape(shape: WidgetShape | null): void {
  forcedShape = shape;
}

/**
 * The shape widgets made now are sent in: {@link useWidgetShape}'s, else the front end's version handshake, else
 * `EMTD_WIDGETS`, else ipywidgets 8.
 *
 * @example
 * ```ts
 * widgetShape(); // → "ipywidgets8" (no front end told its version, EMTD_WIDGETS unset)
 * ```
 */
export function widgetShape(): WidgetShape {
  return forcedShape ?? chooseShape(kernelComms()?.frontendVersion() ?? null, process.env.EMTD_WIDGETS);
}

/** Open a protocol-2 helper model (layout, style) and return its id. */
function openHelper(state: Record<string, unknown>, shape: WidgetShape): string {
  const comms = kernelComms()!;
  const comm = comms.open(WIDGET_TARGET, { state, buffer_paths: [] }, { version: SHAPES[shape].protocolVersion });
  comm.onMsg(({ data }) => {
    if (data.method === "request_state") comm.send({ method: "update", state, buffer_paths: [] });
  });
  comm.modelState = () => state;
  // A front end that speaks protocol 1 has no layout or style models.
  comm.onFrontEnd = (version: string) => {
    if (!forcedShape && SHAPES[chooseShape(version, process.env.EMTD_WIDGETS)].protocol === 1) comm.close();
  };
  return comm.id;
}

/**
 * A widget model. Subclasses name their kind, their wire state ({@link Widget.wire}) and how wire changes read back
 * ({@link Widget.read}); attributes live in `attrs`.
 */
export abstract class Widget {
  readonly id: string;
  private speaking: WidgetShape;
  protected readonly attrs: Record<string, unknown>;
  private readonly comm: Comm | null;
  private sent: Record<string, unknown> = {};
  private readonly observers: Array<{ names: readonly string[]; fn: (change: Change) => void }> = [];
  private readonly refs: { layout?: string; style?: string } = {};
  /** The requests under which this widget was displayed (where it re-shows itself in another shape). */
  private readonly shownUnder: Header[] = [];
  /** The front-end session whose widget manager was last sent this model (protocol 1 shows views by comm message). */
  private openedFor: string | null = null;
  /** The message updates go out under when no other is given (interact: the change that caused them). */
  parentHint: Header | null = null;

  protected constructor(
    readonly kind: WidgetKind,
    attrs: Record<string, unknown>,
  ) {
    this.attrs = { ...attrs };
    this.speaking = widgetShape();
    const comms = kernelComms();
    if (!comms) {
      this.comm = null;
      this.id = randomUUID().replace(/-/g, "");
      return;
    }
    const spec = SHAPES[this.shape];
    if (spec.protocol === 2) {
      this.refs.layout = openHelper(helperState("layout", this.shape), this.shape);
      const style = styleKind(kind, this.shape);
      if (style) this.refs.style = openHelper(helperState(style, this.shape), this.shape);
    }
    const state = this.fullState();
    this.sent = { ...state };
    const data = spec.protocol === 2 ? { state, buffer_paths: [] } : state;
    this.comm = comms.open(WIDGET_TARGET, data, { version: spec.protocolVersion });
    this.id = this.comm.id;
    this.comm.onMsg((message) => this.receive(message));
    // All states at once for an ipywidgets 8 front end that reloads (jupyter.widget.control, comm.ts).
    this.comm.modelState = () => this.fullState();
    this.comm.onFrontEnd = (version, session, reshow) => this.adopt(version, session, reshow);
    this.comm.sentTo = (session) => SHAPES[this.speaking].protocol === 1 && this.openedFor === session;
    this.openedFor = this.comm.session;
  }

  /** The message shape this widget speaks (see widget-shapes.ts). */
  get shape(): WidgetShape {
    return this.speaking;
  }

  /**
   * A front end told its version after this widget was made (its cell ran before the front end's widget manager
   * was ready): speak that front end's shape, re-open the model in it, and re-show each view in place of the first.
   * With `reshow` (protocol 1: opened for that front end before its manager started), re-open it even in the same
   * shape, closing the model it may hold first so no view is left twice.
   */
  private adopt(version: string, session: string | null, reshow: boolean): void {
    const shape = forcedShape ?? chooseShape(version, process.env.EMTD_WIDGETS);
    const comms = kernelComms();
    const reshaped = shape !== this.speaking;
    if (!this.comm || !comms || !(reshaped || (reshow && SHAPES[shape].protocol === 1))) return;
    this.speaking = shape;
    const spec = SHAPES[shape];
    if (spec.protocol === 1) {
      delete this.refs.layout;
      delete this.refs.style;
    }
    this.reopen(!reshaped);
    if (session !== null) this.openedFor = session;
    for (const header of this.shownUnder) {
      const data = spec.protocol === 1 ? { "text/plain": "" } : this.viewBundle();
      comms.publish(header, "update_display_data", { data, metadata: {}, transient: { display_id: widgetDisplayId(this.id) } });
      if (spec.protocol === 1 && (session === null || header.session === session)) this.comm.send({ method: "display" }, header);
    }
  }

  /** comm_open again with the full state (after a comm_close with `closeFirst`), then what the state does not carry. */
  private reopen(closeFirst: boolean): void {
    const spec = SHAPES[this.speaking];
    const state = this.fullState();
    this.sent = { ...state };
    this.comm?.reopen(spec.protocol === 2 ? { state, buffer_paths: [] } : state, { version: spec.protocolVersion }, closeFirst);
    this.reshown();
  }

  /**
   * Protocol 1 before a `display` message under a request of another front-end session (a reloaded page, whose
   * manager never got this model): open the model, its children first, for that session's manager.
   */
  protected openFor(session: string): void {
    for (const child of this.parts()) child.openFor(session);
    if (this.openedFor === session || SHAPES[this.speaking].protocol !== 1) return;
    this.openedFor = session;
    this.reopen(false);
  }

  /** The widgets this one shows inside it (a box's children). */
  protected parts(): readonly Widget[] {
    return [];
  }

  /** After re-opening in another shape: send what the new shape does not carry in the state (an Output's outputs). */
  protected reshown(): void {}

  /** The wire state of this widget's own attributes (no model or view names). */
  protected abstract wire(): Record<string, unknown>;
  /** Attribute changes from a wire state the front end sent (protocol 2 `state`, protocol 1 `sync_data`). */
  protected read(state: Record<string, unknown>): Record<string, unknown> {
    return { ...state };
  }
  /** A custom message from the front end (a button's click). */
  protected custom(_content: Record<string, unknown>, _message: CommMessage): void {}

  private fullState(): Record<string, unknown> {
    return { ...widgetHead(this.kind, this.shape, this.refs), ...this.wire() };
  }

  /** Send the wire keys that changed since the last send (all with `full`), parented to `parent` or where outputs go. */
  protected sync(full = false, parent: Header | null = null): void {
    if (!this.comm) return;
    const state = this.fullState();
    const delta: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(state)) if (full || !sameJson(v, this.sent[k])) delta[k] = v;
    this.sent = { ...state };
    if (Object.keys(delta).length === 0) return;
    const data =
      SHAPES[this.shape].protocol === 2
        ? { method: "update", state: delta, buffer_paths: [] }
        : { method: "update", state: delta, buffers: [] };
    this.comm.send(data, parent ?? this.parentHint);
  }

  private receive(message: CommMessage): void {
    const { data } = message;
    // Classic Notebook's jupyter-js-widgets asks only as its manager starts, and replaces the model of every view it
    // already shows with the answer (those views then stop following the kernel); it draws no view from the answer.
    if (data.method === "request_state") return SHAPES[this.shape].protocol === 1 ? undefined : this.sync(true, message.header);
    if (data.method === "custom") return this.custom((data.content ?? {}) as Record<string, unknown>, message);
    const state = (data.method === "update" ? data.state : data.method === "backbone" ? data.sync_data : null) as Record<
      string,
      unknown
    > | null;
    if (!state) return;
    // What the front end holds now: not sent back to it.
    const incoming = this.read(state);
    const fromWire = { ...this.sent, ...state };
    this.sent = fromWire;
    this.assign(incoming);
  }

  /**
   * Set attributes, send the front end what differs from what it holds (after a change it made, only what that
   * implies, such as a clamped value), and tell observers of the attributes that changed.
   */
  protected assign(changes: Record<string, unknown>): void {
    const changed: Change[] = [];
    for (const [name, value] of Object.entries(changes)) {
      const old = this.attrs[name];
      if (sameJson(old, value)) continue;
      this.attrs[name] = value;
      changed.push({ name, old, new: value, owner: this });
    }
    this.sync();
    for (const change of changed) for (const o of this.observers) if (o.names.includes(change.name)) o.fn(change);
  }

  /**
   * Call `fn` on every change of the attributes `names` (default: `value`), whether the front end or code made it.
   * Returns a function that stops observing.
   */
  observe<T = unknown>(fn: (change: Change<T>) => void, names: readonly string[] = ["value"]): () => void {
    const entry = { names, fn: fn as (change: Change) => void };
    this.observers.push(entry);
    return () => {
      const at = this.observers.indexOf(entry);
      if (at >= 0) this.observers.splice(at, 1);
    };
  }

  /** Close the widget's comm: its views go away. */
  close(): void {
    this.comm?.close();
  }

  /** One line naming the widget and its attributes. */
  toString(): string {
    const shown = Object.entries(this.attrs)
      .filter(([k]) => k !== "outputs" && k !== "children" && !k.startsWith("_"))
      .map(([k, v]) => `${k}=${inspect(v, { breakLength: Infinity })}`);
    return `${this.constructor.name}(${shown.join(", ")})`;
  }

  /** The HTML shown where no widget manager runs (a static page); none for a plain control. */
  protected snapshotHtml(): string | null {
    return null;
  }

  /** Display protocol: the widget view (protocol 2), or the `display` comm message (protocol 1). */
  [DISPLAY](): MimeBundle {
    const where = kernelComms()?.parent();
    if (this.comm && where && !this.shownUnder.some((h) => h.msg_id === where.msg_id)) this.shownUnder.push(where);
    if (this.comm && SHAPES[this.shape].protocol === 1) {
      if (typeof where?.session === "string") this.openFor(where.session);
      this.comm.send({ method: "display" });
      return { "text/plain": "" };
    }
    return this.viewBundle();
  }

  /** The protocol-2 display bundle: the widget view, its text, and its snapshot where there is one. */
  private viewBundle(): MimeBundle {
    const html = this.snapshotHtml();
    return {
      "text/plain": this.toString(),
      ...(html === null ? {} : { "text/html": html }),
      ...(this.comm ? { [WIDGET_VIEW_MIME]: { model_id: this.id, version_major: 2, version_minor: 0 } } : {}),
    };
  }

  /** Its attribute by name (what observers see). */
  get(name: string): unknown {
    return this.attrs[name];
  }
}

/** Equal as JSON (attribute values are JSON). */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** One output of an Output widget (nbformat's output dicts). */
export type OutputEntry = Record<string, unknown> & { output_type: string };

/**
 * An area showing outputs: code run in {@link Output.capture} displays and prints into it; {@link Output.show}
 * replaces what it shows. Protocol 2 syncs its `outputs`; protocol 1 routes outputs to it by its model id.
 */
export class Output extends Widget {
  private pendingClear = false;
  /** The display id of each entry shown (its place in `outputs`), for update_display_data. */
  private displayIds: unknown[] = [];
  constructor() {
    super("output", { outputs: [] as OutputEntry[] });
  }
  /** What it shows now. */
  get outputs(): readonly OutputEntry[] {
    return this.attrs.outputs as OutputEntry[];
  }
  get value(): readonly OutputEntry[] {
    return this.outputs;
  }
  protected wire(): Record<string, unknown> {
    return this.shape === "jupyter-js-widgets" ? { msg_id: "" } : { msg_id: "", outputs: this.attrs.outputs };
  }

  /** Take one output message (what the kernel would publish) into this area. */
  readonly sink: OutputSink = (msgType, content) => {
    const comms = kernelComms();
    if (this.shape === "jupyter-js-widgets" && comms) {
      // The front end's OutputModel registered its callbacks under its model id: outputs parented to it land there.
      comms.publish({ msg_id: this.id, msg_type: "execute_request" }, msgType, content);
    }
    let outputs = [...(this.attrs.outputs as OutputEntry[])];
    const displayId = (content.transient as { display_id?: unknown } | undefined)?.display_id;
    if (msgType === "update_display_data") {
      // Replaces the entries shown under its display id (a live display), adds nothing.
      outputs = outputs.map((o, i) =>
        displayId !== undefined && this.displayIds[i] === displayId ? { ...o, data: content.data, metadata: content.metadata ?? {} } : o,
      );
    } else if (msgType === "clear_output") {
      if (content.wait) this.pendingClear = true;
      else [outputs, this.displayIds] = [[], []];
    } else {
      if (this.pendingClear) {
        [outputs, this.displayIds] = [[], []];
        this.pendingClear = false;
      }
      const last = outputs[outputs.length - 1];
      if (msgType === "stream" && last?.output_type === "stream" && last.name === content.name)
        outputs[outputs.length - 1] = { ...last, text: `${String(last.text)}${String(content.text)}` };
      else if (msgType === "stream") outputs.push({ output_type: "stream", name: content.name, text: content.text });
      else outputs.push({ output_type: "display_data", data: content.data, metadata: content.metadata ?? {} });
    }
    if (msgType === "display_data") this.displayIds[outputs.length - 1] = displayId;
    this.assign({ outputs });
  };

  /** Protocol 1 routes outputs instead of syncing them: what it shows is sent again, to its model id. */
  protected override reshown(): void {
    const comms = kernelComms();
    if (this.shape !== "jupyter-js-widgets" || !comms) return;
    for (const o of this.outputs) {
      const content = o.output_type === "stream" ? { name: o.name, text: o.text } : { data: o.data, metadata: o.metadata ?? {} };
      comms.publish({ msg_id: this.id, msg_type: "execute_request" }, o.output_type === "stream" ? "stream" : "display_data", content);
    }
  }

  /** Run `fn` (a promise's settling included) with its prints and displays going into this area. */
  capture<T>(fn: () => T): T {
    const comms = kernelComms();
    if (comms) return comms.capture(this.sink, fn);
    return fn();
  }

  /** Clear it; with `wait`, only when the next output arrives (no flicker). */
  clear(options: { wait?: boolean } = {}): void {
    this.sink("clear_output", { wait: options.wait ?? false });
  }

  /** Show `x` (a figure, a table, any value) after what it shows. */
  append(x: unknown): void {
    this.sink("display_data", { data: mimeBundle(x), metadata: {} });
  }

  /** Replace what it shows with `x`. */
  show(x: unknown): void {
    this.clear({ wait: true });
    this.append(x);
  }

  protected override snapshotHtml(): string {
    return this.outputs.map(outputHtml).join("\n");
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function outputHtml(o: OutputEntry): string {
  if (o.output_type === "stream") return `<pre>${escapeHtml(String(o.text))}</pre>`;
  const data = (o.data ?? {}) as Record<string, unknown>;
  // A figure stays a line of text here: a static page counts one plot per figure output, and this is not one.
  if (typeof data["text/html"] === "string" && !("application/vnd.plotly.v1+json" in data)) return data["text/html"];
  return `<pre>${escapeHtml(String(data["text/plain"] ?? ""))}</pre>`;
}

/** A column (or with `row`, a line) of widgets. */
export class Box extends Widget {
  constructor(children: readonly Widget[], options: { row?: boolean } = {}) {
    super(options.row ? "hbox" : "vbox", { children: [...children] });
  }
  get children(): readonly Widget[] {
    return this.attrs.children as Widget[];
  }
  get value(): readonly Widget[] {
    return this.children;
  }
  protected override parts(): readonly Widget[] {
    return this.children;
  }
  protected wire(): Record<string, unknown> {
    return { children: this.children.map((c) => `IPY_MODEL_${c.id}`), box_style: "" };
  }
  override toString(): string {
    return this.children.map(String).join("\n");
  }
  protected override snapshotHtml(): string {
    return this.children
      .map((c) => {
        const html = (c as Box).snapshotHtml?.();
        return html ?? `<div>${escapeHtml(String(c.get("description") ?? ""))} ${escapeHtml(String(c.get("value") ?? ""))}</div>`;
      })
      .join("\n");
  }
}
