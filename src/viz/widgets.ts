/**
 * `emtd/widgets`: Jupyter widgets on the emtd kernel. Sliders, dropdowns, checkboxes, buttons, text fields and
 * output areas whose state syncs both ways with the front end (ipywidgets 7/8 front ends and classic Notebook's
 * jupyter-js-widgets), and `interact`. Each has `.value`, `.observe(fn)` and displays as a widget view.
 *
 * @example
 * ```ts
 * const t = slider({ min: 0.1, max: 3, step: 0.1, value: 1, description: "T" });
 * const seen: number[] = [];
 * t.observe(({ new: v }) => seen.push(v as number));
 * t.value = 2;
 * seen; // → [2]
 * ```
 */
import { Button, Checkbox, Dropdown, type DropdownOptions, Slider, type SliderOptions, Text } from "./controls";
import { Output } from "./widget";

export { Widget, Output, Box, useWidgetShape, widgetShape, WIDGET_TARGET, WIDGET_VIEW_MIME } from "./widget";
export { Slider, Dropdown, Checkbox, Button, Text, Html } from "./controls";
export type { Change, OutputEntry } from "./widget";
export type { SliderOptions, DropdownOptions } from "./controls";
export { interact, Interactive, type ControlSpec, type InteractValues, type InteractOptions, type InteractContext } from "./interact";
export { SHAPES, chooseShape, type WidgetShape } from "./widget-shapes";
export { kernelComms, type KernelComms, type Comm, type CommMessage } from "./kernel-comms";

/**
 * A numeric slider (an integer slider when min, max and step are integers).
 *
 * @example
 * ```ts
 * slider({ min: 0, max: 2, step: 0.05, value: 1, description: "coupling" }).value; // → 1
 * ```
 */
export function slider(options: SliderOptions = {}): Slider {
  return new Slider(options);
}

/**
 * A dropdown; options are labels or [label, value] pairs.
 *
 * @example
 * ```ts
 * dropdown({ options: ["ula", "mala"], value: "mala" }).value; // → "mala"
 * ```
 */
export function dropdown<T = string>(options: DropdownOptions<T>): Dropdown<T> {
  return new Dropdown<T>(options);
}

/**
 * A checkbox.
 *
 * @example
 * ```ts
 * checkbox({ value: true, description: "exact" }).value; // → true
 * ```
 */
export function checkbox(options: { value?: boolean; description?: string } = {}): Checkbox {
  return new Checkbox(options);
}

/**
 * A button; `onClick` runs on each click (from the front end, or `.click()`).
 *
 * @example
 * ```ts
 * button({ description: "resample", onClick: () => console.log("again") }).click(); // prints "again"
 * ```
 */
export function button(options: { description?: string; tooltip?: string; onClick?: (b: Button) => void } = {}): Button {
  return new Button(options);
}

/**
 * A one-line text field.
 *
 * @example
 * ```ts
 * text({ value: "ring:64", description: "graph" }).value; // → "ring:64"
 * ```
 */
export function text(options: { value?: string; description?: string; placeholder?: string } = {}): Text {
  return new Text(options);
}

/**
 * An output area: what code run in `capture` prints and displays goes there; `show(x)` replaces it with `x`.
 *
 * @example
 * ```ts
 * output().capture(() => 6 * 7); // → 42
 * ```
 */
export function output(): Output {
  return new Output();
}
