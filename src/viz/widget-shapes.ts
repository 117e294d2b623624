/**
 * The Jupyter widget protocol's message and state shapes, per front end. A widget model is a comm of target
 * `jupyter.widget`; its state names the JavaScript model and view classes (module, version, name) and their
 * attributes. Three shapes:
 *
 * - `ipywidgets8` (protocol 2.1.0; JupyterLab 4, Notebook 7, VS Code): `@jupyter-widgets/controls` 2.0.0,
 *   `@jupyter-widgets/base` 2.0.0, `@jupyter-widgets/output` 1.0.0; `tooltip`, `description_allow_html`.
 * - `ipywidgets7` (protocol 2.0.0; JupyterLab 1–3, Notebook 5–6 with widgetsnbextension 3): controls 1.5.0,
 *   base 1.2.0, output 1.0.0; `description_tooltip`.
 * - `jupyter-js-widgets` (protocol 1: ipywidgets 6, Debian's classic Notebook extension 6.0.0 = jupyter-js-widgets
 *   2.1.4): one module `jupyter-js-widgets`, version "~2.1.4"; no layout or style models needed; a dropdown syncs
 *   its label as `value` (not `index`); a widget is shown by the comm message `{method: "display"}`.
 *
 * Messages (comm data): protocol 2 opens with `{state, buffer_paths}` and metadata `{version}`, updates both ways
 * with `{method: "update", state, buffer_paths}`; protocol 1 opens with the state itself and the front end sends
 * `{method: "backbone", sync_data}`. Both: `{method: "request_state"}` (answered by a full update) and
 * `{method: "custom", content: {event: "click"}}` from a button. Model names and defaults were read from
 * /usr/share/jupyter/nbextensions/jupyter-js-widgets/extension.js and ipywidgets 7.8/8.1.
 */
export type WidgetShape = "ipywidgets8" | "ipywidgets7" | "jupyter-js-widgets";

interface ModuleRef {
  module: string;
  version: string;
}

export interface ShapeSpec {
  protocol: 1 | 2;
  /** The `version` of comm_open's metadata (ipywidgets' `__protocol_version__`). */
  protocolVersion: string;
  controls: ModuleRef;
  base: ModuleRef;
  output: ModuleRef;
}

const JS_WIDGETS: ModuleRef = { module: "jupyter-js-widgets", version: "~2.1.4" };

export const SHAPES: Record<WidgetShape, ShapeSpec> = {
  ipywidgets8: {
    protocol: 2,
    protocolVersion: "2.1.0",
    controls: { module: "@jupyter-widgets/controls", version: "2.0.0" },
    base: { module: "@jupyter-widgets/base", version: "2.0.0" },
    output: { module: "@jupyter-widgets/output", version: "1.0.0" },
  },
  ipywidgets7: {
    protocol: 2,
    protocolVersion: "2.0.0",
    controls: { module: "@jupyter-widgets/controls", version: "1.5.0" },
    base: { module: "@jupyter-widgets/base", version: "1.2.0" },
    output: { module: "@jupyter-widgets/output", version: "1.0.0" },
  },
  "jupyter-js-widgets": { protocol: 1, protocolVersion: "1.0.0", controls: JS_WIDGETS, base: JS_WIDGETS, output: JS_WIDGETS },
};

/** The widget kinds this library makes, and the helper models protocol 2 gives them. */
export type WidgetKind = "float-slider" | "int-slider" | "dropdown" | "checkbox" | "button" | "text" | "output" | "vbox" | "hbox" | "html";
type HelperKind = "layout" | "description-style" | "slider-style" | "button-style" | "checkbox-style" | "text-style" | "html-style";

const MODEL: Record<WidgetKind, [model: string, view: string]> = {
  "float-slider": ["FloatSliderModel", "FloatSliderView"],
  "int-slider": ["IntSliderModel", "IntSliderView"],
  dropdown: ["DropdownModel", "DropdownView"],
  checkbox: ["CheckboxModel", "CheckboxView"],
  button: ["ButtonModel", "ButtonView"],
  text: ["TextModel", "TextView"],
  output: ["OutputModel", "OutputView"],
  vbox: ["VBoxModel", "VBoxView"],
  hbox: ["HBoxModel", "HBoxView"],
  html: ["HTMLModel", "HTMLView"],
};

/** The style model each kind gets in protocol 2 (none: no style attribute). */
export function styleKind(kind: WidgetKind, shape: WidgetShape): HelperKind | null {
  if (SHAPES[shape].protocol === 1) return null;
  const v8 = shape === "ipywidgets8";
  switch (kind) {
    case "float-slider":
    case "int-slider":
      return "slider-style";
    case "button":
      return "button-style";
    case "checkbox":
      return v8 ? "checkbox-style" : "description-style";
    case "text":
      return v8 ? "text-style" : "description-style";
    case "html":
      return v8 ? "html-style" : "description-style";
    case "dropdown":
      return "description-style";
    default:
      return null;
  }
}

/** The full state of a helper model (a layout or a style), protocol 2 only. */
export function helperState(kind: HelperKind, shape: WidgetShape): Record<string, unknown> {
  const { base, controls } = SHAPES[shape];
  const head = (module: ModuleRef, model: string, view: string, viewModule: ModuleRef = base) => ({
    _model_module: module.module,
    _model_module_version: module.version,
    _model_name: model,
    _view_count: null,
    _view_module: viewModule.module,
    _view_module_version: viewModule.version,
    _view_name: view,
  });
  if (kind === "layout") return head(base, "LayoutModel", "LayoutView");
  const style = (model: string, extra: Record<string, unknown> = {}) => ({
    ...head(controls, model, "StyleView"),
    description_width: "",
    ...extra,
  });
  switch (kind) {
    case "slider-style":
      return style("SliderStyleModel", { handle_color: null });
    case "button-style": {
      const { description_width: _unused, ...button } = style("ButtonStyleModel", { button_color: null, font_weight: "" });
      return shape === "ipywidgets8"
        ? { ...button, font_family: null, font_size: null, font_style: null, font_variant: null, text_color: null, text_decoration: null }
        : button;
    }
    case "checkbox-style":
      return style("CheckboxStyleModel", { background: null });
    case "text-style":
      return style("TextStyleModel", { background: null, font_size: null, text_color: null });
    case "html-style":
      return style("HTMLStyleModel", { background: null, font_size: null, text_color: null });
    default:
      return style("DescriptionStyleModel");
  }
}

/** The head of a widget's state: model and view classes, and what every widget of this shape carries. */
export function widgetHead(kind: WidgetKind, shape: WidgetShape, refs: { layout?: string; style?: string }): Record<string, unknown> {
  const spec = SHAPES[shape];
  const module = kind === "output" ? spec.output : spec.controls;
  const [model, view] = MODEL[kind];
  const head: Record<string, unknown> = {
    _model_module: module.module,
    _model_module_version: module.version,
    _model_name: model,
    _view_module: module.module,
    _view_module_version: module.version,
    _view_name: view,
    _dom_classes: [],
  };
  if (spec.protocol === 1) return { ...head, msg_throttle: 1 };
  head._view_count = null;
  if (refs.layout) head.layout = `IPY_MODEL_${refs.layout}`;
  if (refs.style) head.style = `IPY_MODEL_${refs.style}`;
  if (shape === "ipywidgets8") Object.assign(head, { tabbable: null, tooltip: null });
  return head;
}

/** The description attributes of a labelled widget in this shape. */
export function describedBy(description: string, shape: WidgetShape): Record<string, unknown> {
  if (shape === "ipywidgets8") return { description, description_allow_html: false };
  if (shape === "ipywidgets7") return { description, description_tooltip: null };
  return { description };
}

/**
 * Which shape to speak: the version the front end told over `jupyter.widget.version` (jupyter-js-widgets 2.x,
 * ipywidgets 6, is protocol 1), else `EMTD_WIDGETS` (one of the shape names), else ipywidgets 8.
 *
 * @example
 * ```ts
 * chooseShape("2.1.4", undefined); // → "jupyter-js-widgets"
 * chooseShape(null, "ipywidgets7"); // → "ipywidgets7"
 * chooseShape(null, undefined); // → "ipywidgets8"
 * ```
 */
export function chooseShape(frontendVersion: string | null, requested: string | undefined): WidgetShape {
  const major = frontendVersion === null ? NaN : Number.parseInt(frontendVersion.replace(/^[^\d]*/, ""), 10);
  if (major <= 2) return "jupyter-js-widgets";
  if (requested === "ipywidgets7" || requested === "ipywidgets8" || requested === "jupyter-js-widgets") return requested;
  return "ipywidgets8";
}
