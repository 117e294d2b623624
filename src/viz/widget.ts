/**
 * Jupyter widgets in the emtd kernel: each widget is a model whose state syncs both ways with the front end over a
 * `jupyter.widget` comm (shapes in widget-shapes.ts). A widget keeps its own attributes (`value`, `min`, …); the
 * wire state is computed from them for the shape spoken, and an update sends only the keys that changed. Outside a
 * kernel a widget works locally: values, observers and display as text.
 */
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { ArgumentError } from "../errors";
import { DISPLAY, type MimeBundle, mimeBundle } from "./display";
import { type Comm, type CommMessage, type Header, kernelComms, type OutputSink } from "./kernel-comms";
import { chooseShape, describedBy, helperState, SHAPES, styleKind, widgetHead, type WidgetKind, type WidgetShape } from "./widget-shapes";

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
  return comm.id;
}

/**
 * A widget model. Subclasses name their kind, their wire state ({@link Widget.wire}) and how wire changes read back
 * ({@link Widget.read}); attributes live in `attrs`.
 */
export abstract class Widget {
  readonly id: string;
  readonly shape: WidgetShape;
  protected readonly attrs: Record<string, unknown>;
  private readonly comm: Comm | null;
  private sent: Record<string, unknown> = {};
  private readonly observers: Array<{ names: readonly string[]; fn: (change: Change) => void }> = [];
  private readonly refs: { layout?: string; style?: string } = {};
  /** The message updates go out under when no other is given (interact: the change that caused them). */
  parentHint: Header | null = null;

  protected constructor(
    readonly kind: WidgetKind,
    attrs: Record<string, unknown>,
  ) {
    this.attrs = { ...attrs };
    this.shape = widgetShape();
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
    if (spec.protocol === 2) this.comm.modelState = () => this.fullState();
  }

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
    if (data.method === "request_state") return this.sync(true, message.header);
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
    if (this.comm && SHAPES[this.shape].protocol === 1) {
      this.comm.send({ method: "display" });
      return { "text/plain": "" };
    }
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

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const WHERE = "emtd/widgets";
const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** Options of {@link slider}. */
export interface SliderOptions {
  min?: number;
  max?: number;
  step?: number;
  value?: number;
  description?: string;
  /** Send changes while dragging (default true); interact debounces them. */
  continuousUpdate?: boolean;
}

/** A numeric slider: an IntSlider when min, max and step are integers, else a FloatSlider. */
export class Slider extends Widget {
  constructor(options: SliderOptions = {}) {
    const min = options.min ?? 0;
    const max = options.max ?? 100;
    const integer = [min, max, options.step ?? 1].every(Number.isInteger);
    const step = options.step ?? (integer ? 1 : (max - min) / 100);
    if (!finite(min) || !finite(max) || !(min <= max))
      throw new ArgumentError(WHERE, "slider min and max", "finite numbers with min ≤ max", [min, max]);
    if (!finite(step) || !(step > 0)) throw new ArgumentError(WHERE, "slider step", "a finite number > 0", step);
    const value = options.value ?? min;
    if (!finite(value)) throw new ArgumentError(WHERE, "slider value", `a finite number in [${min}, ${max}]`, value);
    super(integer ? "int-slider" : "float-slider", {
      value: clamp(value, min, max),
      min,
      max,
      step,
      description: options.description ?? "",
      continuous_update: options.continuousUpdate ?? true,
    });
  }
  get value(): number {
    return this.attrs.value as number;
  }
  set value(v: number) {
    if (!finite(v)) throw new ArgumentError(WHERE, "slider value", "a finite number", v);
    this.assign({ value: clamp(v, this.attrs.min as number, this.attrs.max as number) });
  }
  protected wire(): Record<string, unknown> {
    const a = this.attrs;
    const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(a.step as number))));
    const common = {
      ...describedBy(a.description as string, this.shape),
      value: a.value,
      min: a.min,
      max: a.max,
      step: a.step,
      continuous_update: a.continuous_update,
      disabled: false,
      orientation: "horizontal",
      readout: true,
      readout_format: this.kind === "int-slider" ? "d" : `.${decimals}f`,
    };
    if (this.shape === "ipywidgets8") return { ...common, behavior: "drag-tap" };
    if (this.shape === "jupyter-js-widgets")
      return { ...common, _range: false, ...(this.kind === "float-slider" ? { slider_color: null } : {}) };
    return common;
  }
  protected override read(state: Record<string, unknown>): Record<string, unknown> {
    const out = { ...state };
    if (finite(out.value)) out.value = clamp(out.value, this.attrs.min as number, this.attrs.max as number);
    return out;
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Options of {@link dropdown}: the options as labels, or as [label, value] pairs. */
export interface DropdownOptions<T> {
  options: ReadonlyArray<T | readonly [string, T]>;
  value?: T;
  description?: string;
}

/** A dropdown of options; `value` is the chosen option's value. */
export class Dropdown<T = string> extends Widget {
  constructor(options: DropdownOptions<T>) {
    const list = options?.options;
    if (!Array.isArray(list) || list.length === 0) throw new ArgumentError(WHERE, "dropdown options", "a non-empty array", list);
    const pairs = list.map((o) =>
      Array.isArray(o) && o.length === 2 && typeof o[0] === "string" ? (o as [string, T]) : ([String(o), o as T] as [string, T]),
    );
    const values = pairs.map((p) => p[1]);
    const index = options.value === undefined ? 0 : values.findIndex((v) => sameJson(v, options.value));
    if (index < 0)
      throw new ArgumentError(WHERE, "dropdown value", `one of the options (${pairs.map((p) => p[0]).join(", ")})`, options.value);
    super("dropdown", {
      value: values[index],
      index,
      description: options.description ?? "",
      _labels: pairs.map((p) => p[0]),
      _values: values,
    });
  }
  private get labels(): string[] {
    return this.attrs._labels as string[];
  }
  private get values(): T[] {
    return this.attrs._values as T[];
  }
  get value(): T {
    return this.attrs.value as T;
  }
  set value(v: T) {
    const index = this.values.findIndex((x) => sameJson(x, v));
    if (index < 0) throw new ArgumentError(WHERE, "dropdown value", `one of the options (${this.labels.join(", ")})`, v);
    this.assign({ index, value: this.values[index] });
  }
  protected wire(): Record<string, unknown> {
    const index = this.attrs.index as number;
    const base = { ...describedBy(this.attrs.description as string, this.shape), _options_labels: this.labels, disabled: false };
    if (this.shape === "jupyter-js-widgets") return { ...base, value: this.labels[index] ?? "", button_style: "" };
    return { ...base, index };
  }
  protected override read(state: Record<string, unknown>): Record<string, unknown> {
    const index = typeof state.index === "number" ? state.index : typeof state.value === "string" ? this.labels.indexOf(state.value) : -1;
    return index >= 0 && index < this.values.length ? { index, value: this.values[index] } : {};
  }
}

/** A checkbox; `value` is a boolean. */
export class Checkbox extends Widget {
  constructor(options: { value?: boolean; description?: string } = {}) {
    super("checkbox", { value: Boolean(options.value ?? false), description: options.description ?? "" });
  }
  get value(): boolean {
    return this.attrs.value as boolean;
  }
  set value(v: boolean) {
    this.assign({ value: Boolean(v) });
  }
  protected wire(): Record<string, unknown> {
    const base = { ...describedBy(this.attrs.description as string, this.shape), value: this.attrs.value, disabled: false };
    return this.shape === "jupyter-js-widgets" ? base : { ...base, indent: true };
  }
}

/** A one-line text field; `value` is its text. */
export class Text extends Widget {
  constructor(options: { value?: string; description?: string; placeholder?: string } = {}) {
    super("text", {
      value: String(options.value ?? ""),
      description: options.description ?? "",
      placeholder: options.placeholder ?? "\u200b",
    });
  }
  get value(): string {
    return this.attrs.value as string;
  }
  set value(v: string) {
    this.assign({ value: String(v) });
  }
  protected wire(): Record<string, unknown> {
    const a = this.attrs;
    const base = { ...describedBy(a.description as string, this.shape), value: a.value, placeholder: a.placeholder, disabled: false };
    return this.shape === "jupyter-js-widgets" ? base : { ...base, continuous_update: true };
  }
}

/** A button; `onClick` handlers run when it is clicked; `value` counts the clicks. */
export class Button extends Widget {
  private readonly handlers: Array<(button: Button) => void> = [];
  constructor(options: { description?: string; tooltip?: string; onClick?: (button: Button) => void } = {}) {
    super("button", { value: 0, description: options.description ?? "", tooltip: options.tooltip ?? "" });
    if (options.onClick) this.handlers.push(options.onClick);
  }
  get value(): number {
    return this.attrs.value as number;
  }
  /** Run `fn` on every click. */
  onClick(fn: (button: Button) => void): void {
    this.handlers.push(fn);
  }
  /** Click it from code (what the front end's click does). */
  click(): void {
    this.assign({ value: (this.attrs.value as number) + 1 });
    for (const h of this.handlers) h(this);
  }
  protected override custom(content: Record<string, unknown>): void {
    if (content.event === "click") this.click();
  }
  protected wire(): Record<string, unknown> {
    const a = this.attrs;
    return { description: a.description, tooltip: a.tooltip, disabled: false, icon: "", button_style: "" };
  }
}

/** A line of HTML (interact's error line, labels). */
export class Html extends Widget {
  constructor(options: { value?: string; description?: string } = {}) {
    super("html", { value: options.value ?? "", description: options.description ?? "" });
  }
  get value(): string {
    return this.attrs.value as string;
  }
  set value(v: string) {
    this.assign({ value: String(v) });
  }
  protected wire(): Record<string, unknown> {
    return { ...describedBy(this.attrs.description as string, this.shape), value: this.attrs.value, placeholder: "\u200b" };
  }
  protected override snapshotHtml(): string {
    return this.attrs.value as string;
  }
}

/** One output of an Output widget (nbformat's output dicts). */
export type OutputEntry = Record<string, unknown> & { output_type: string };

/**
 * An area showing outputs: code run in {@link Output.capture} displays and prints into it; {@link Output.show}
 * replaces what it shows. Protocol 2 syncs its `outputs`; protocol 1 routes outputs to it by its model id.
 */
export class Output extends Widget {
  private pendingClear = false;
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
    if (msgType === "clear_output") {
      if (content.wait) this.pendingClear = true;
      else outputs = [];
    } else {
      if (this.pendingClear) {
        outputs = [];
        this.pendingClear = false;
      }
      const last = outputs[outputs.length - 1];
      if (msgType === "stream" && last?.output_type === "stream" && last.name === content.name)
        outputs[outputs.length - 1] = { ...last, text: `${String(last.text)}${String(content.text)}` };
      else if (msgType === "stream") outputs.push({ output_type: "stream", name: content.name, text: content.text });
      else outputs.push({ output_type: "display_data", data: content.data, metadata: content.metadata ?? {} });
    }
    this.assign({ outputs });
  };

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
