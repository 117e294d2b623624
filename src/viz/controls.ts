/**
 * The controls of `emtd/widgets`: sliders, dropdowns, checkboxes, text fields, buttons and HTML lines, each a
 * {@link Widget} model (widget.ts) with its own attributes, their checks, and their wire state per shape.
 */
import { ArgumentError } from "../errors";
import { sameJson, Widget } from "./widget";
import { describedBy } from "./widget-shapes";

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
