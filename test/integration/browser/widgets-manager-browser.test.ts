/**
 * Protocol 2 checked against its own front-end code (issue 37): the emtd kernel makes every kind of widget it has
 * (ipywidgets 8 shape, and ipywidgets 7's after `useWidgetShape`), the runner saves their state as `emtd notebooks`
 * does, and ipywidgets' own HTML manager (`@jupyter-widgets/html-manager`, with `@jupyter-widgets/base` and
 * `@jupyter-widgets/controls` 7 and 8 inside) loads each model in headless Chromium: its model and view classes must
 * exist, every attribute the kernel sends must be one the front end knows (its model class declares it as a default or
 * a serializer, or the model's or view's code reads it: ipywidgets 8's sliders read `behavior` undeclared), and
 * each view must render with no console error. A state with a misspelt model name or attribute must fail the check.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { KernelClient } from "../../../src/jupyter/client";
import { kernelSpec } from "../../../src/jupyter/spec";
import { type WidgetState, widgetStateOf } from "../../../src/jupyter/widget-state";
import { CHROMIUM } from "../../classic-notebook";
import { resource } from "../../support/resources";

resource("chromium");

const REQUIRE_JS = "/usr/share/javascript/requirejs/require.js";
const skip = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is not installed`
  : !existsSync(REQUIRE_JS)
    ? `${REQUIRE_JS} (Debian libjs-requirejs) is not installed`
    : false;

const MAKE = (shape: string) =>
  [
    'import { slider, dropdown, checkbox, button, text, output, interact, useWidgetShape, Box, Html } from "emtd/widgets";',
    'import { lineFigure } from "emtd/display";',
    `useWidgetShape(${JSON.stringify(shape)});`,
    "const out = output();",
    'out.capture(() => console.log("captured line"));',
    "const made = [",
    '  slider({ min: 0, max: 1, step: 0.1, value: 0.3, description: "T" }),',
    '  slider({ min: 0, max: 10, step: 1, value: 4, description: "n" }),',
    '  dropdown({ options: ["ula", "mala"], value: "mala", description: "integrator" }),',
    '  checkbox({ value: true, description: "exact" }),',
    '  button({ description: "resample" }),',
    '  text({ value: "ring:64", description: "graph" }),',
    '  new Html({ value: "<b>bold</b>" }),',
    "  out,",
    "];",
    "new Box(made);",
    "interact(({ k }) => lineFigure([0, 1], { y: [0, k] }, { title: `k ${k}` }), { k: [1, 5, 1] });",
    "useWidgetShape(null);",
  ].join("\n");

/** In the page: load each model and view class, compare attributes with the class's, render every model. */
const CHECK = `
/** Attribute names a class's code reads (model.get("x"), "change:x" listeners), up its prototype chain. */
const readsOf = (cls) => {
  const names = new Set();
  for (let p = cls && cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
    for (const k of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d && typeof d.value === "function") for (const m of d.value.toString().matchAll(/(?:\\.get\\(|change:)["']?(\\w+)/g)) names.add(m[1]);
    }
  return names;
};
window.checkState = (state) => new Promise((resolve) => {
  // requirejs ignores an async callback: a plain one starts the async work.
  require(["@jupyter-widgets/html-manager"], (hm) => { (async () => {
    const manager = new hm.HTMLManager();
    const problems = [];
    const classes = new Set();
    const readOnly = new Set();
    let drawn = 0;
    try {
      for (const [id, m] of Object.entries(state.state)) {
        let cls;
        try {
          cls = await manager.loadClass(m.model_name, m.model_module, m.model_module_version);
        } catch (e) {
          problems.push(m.model_name + " (" + m.model_module + "@" + m.model_module_version + "): " + e);
          continue;
        }
        classes.add(m.model_name + "@" + m.model_module_version);
        let view = null;
        if (m.state._view_name) {
          try {
            view = await manager.loadClass(m.state._view_name, m.state._view_module, m.state._view_module_version);
          } catch (e) {
            problems.push("view " + m.state._view_name + ": " + e);
          }
        }
        const declared = new Set([...Object.keys(cls.prototype.defaults ? cls.prototype.defaults() : {}), ...Object.keys(cls.serializers || {})]);
        const read = new Set([...readsOf(cls), ...readsOf(view)]);
        for (const k of Object.keys(m.state)) {
          if (declared.has(k)) continue;
          if (read.has(k)) readOnly.add(m.model_name + "." + k);
          else problems.push(m.model_name + "@" + m.model_module_version + " has no attribute " + k);
        }
      }
      if (problems.length === 0) {
        const models = await manager.set_state(state);
        for (const model of models) {
          if (!model.get("_view_name") || /Layout|Style/.test(model.get("_model_name"))) continue;
          const el = document.createElement("div");
          el.className = "drawn " + model.get("_model_name");
          document.body.appendChild(el);
          await manager.display_view(manager.create_view(model), el);
          drawn++;
        }
      }
    } catch (e) {
      problems.push("failed: " + (e && e.stack ? e.stack : e));
    }
    resolve({ problems, classes: [...classes].sort(), readOnly: [...readOnly].sort(), drawn });
  })(); }, (e) => resolve({ problems: ["the manager did not load: " + e], classes: [], readOnly: [], drawn: 0 }));
});
`;

async function kernelState(): Promise<WidgetState> {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-widget-state-"));
  const kernel = await KernelClient.start(kernelSpec(), { cwd: dir });
  try {
    for (const shape of ["ipywidgets8", "ipywidgets7"]) {
      const result = await kernel.execute(MAKE(shape), 120_000);
      assert.equal(result.status, "ok", JSON.stringify(result.published));
    }
    const state = await widgetStateOf(kernel);
    assert.ok(state, "the kernel saved its widgets");
    return state;
  } finally {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  "the kernel's widget models (ipywidgets 8 and 7) load and render in @jupyter-widgets/html-manager in Chromium",
  { skip, timeout: 240_000 },
  async (t) => {
    const state = await kernelState();
    const work = mkdtempSync(path.join(tmpdir(), "emtd-widget-manager-"));
    const manager = require.resolve("@jupyter-widgets/html-manager/dist/libembed-amd.js");
    writeFileSync(
      path.join(work, "page.html"),
      `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${pathToFileURL(REQUIRE_JS)}"></script>` +
        `<script src="${pathToFileURL(manager)}"></script><script>${CHECK}</script></head><body></body></html>`,
    );
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(pathToFileURL(path.join(work, "page.html")).href);
      const check = (s: unknown) =>
        page.evaluate((x) => (globalThis as any).checkState(x), s) as Promise<{
          problems: string[];
          classes: string[];
          readOnly: string[];
          drawn: number;
        }>;

      const result = await check(state);
      t.diagnostic(`model classes loaded: ${result.classes.join(", ")}`);
      t.diagnostic(`attributes no model declares but the front end's code reads: ${result.readOnly.join(", ")}`);
      assert.deepEqual(result.problems, [], "every model, view and attribute is one the front end knows");
      for (const name of [
        "FloatSliderModel",
        "IntSliderModel",
        "DropdownModel",
        "CheckboxModel",
        "ButtonModel",
        "TextModel",
        "HTMLModel",
        "OutputModel",
        "VBoxModel",
        "LayoutModel",
        "SliderStyleModel",
      ])
        assert.ok(
          result.classes.some((c) => c.startsWith(`${name}@`)),
          `${name} was among the kernel's models`,
        );
      assert.ok(result.drawn >= 20, `every widget drawn (${result.drawn})`);
      // What a person sees: the controls with the kernel's values.
      assert.equal(await page.locator(".drawn.DropdownModel select").first().inputValue(), "mala");
      assert.equal(await page.locator(".drawn.CheckboxModel input[type=checkbox]").first().isChecked(), true);
      assert.match(await page.locator(".drawn.FloatSliderModel .widget-readout").first().innerText(), /0\.3/);
      assert.match(await page.locator(".drawn.OutputModel").first().innerText(), /captured line/);
      assert.equal(await page.locator(".jupyter-widgets-error-widget").count(), 0, "no error widget");
      assert.deepEqual(errors, [], "no console error");

      // The check can fail: a misspelt model name and an attribute no model has are both named.
      const [id, model] = Object.entries(state.state).find(([, m]) => m.model_name === "FloatSliderModel")!;
      const wrong = structuredClone(state);
      wrong.state[id] = { ...model, model_name: "FloatSlyderModel" };
      const [id2, model2] = Object.entries(state.state).find(([, m]) => m.model_name === "CheckboxModel")!;
      wrong.state[id2] = { ...model2, state: { ...model2.state, valeu: true } };
      const failed = await check(wrong);
      assert.ok(
        failed.problems.some((p) => /FloatSlyderModel/.test(p)),
        JSON.stringify(failed.problems),
      );
      assert.ok(
        failed.problems.some((p) => /no attribute valeu/.test(p)),
        JSON.stringify(failed.problems),
      );
    } finally {
      await browser.close();
      rmSync(work, { recursive: true, force: true });
    }
  },
);
