/**
 * Widgets whose cells run before the front end's widget manager is ready (issue 37): in Debian's classic Notebook
 * with jupyter-js-widgets (protocol 1), every cell is run the moment the page has a kernel, before its websocket
 * connects, so the kernel makes its widgets before the front end's version handshake (in the default shape,
 * protocol 2). Each must still show as a control, once, with no widget left as text; a slider moved with the
 * keyboard must reach the kernel. Then the same after a kernel restart and after a page reload.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { classicWidgetsMissing, openClassicNotebook } from "../../classic-notebook";
import { resource } from "../../support/resources";

resource("chromium");

const skip = classicWidgetsMissing();
export const SCREENSHOT = path.join(tmpdir(), "emtd-widgets-race.png");

const CELLS = [
  [
    'import { slider, dropdown, checkbox, interact, kernelComms } from "emtd/widgets";',
    'import { lineFigure } from "emtd/display";',
    'console.log(`front end at run: ${kernelComms()?.frontendVersion() ?? "not yet told"}`);',
    'const k = slider({ min: 0, max: 10, step: 1, value: 3, description: "k" });',
    "k.observe(({ new: v }) => console.log(`kernel sees k = ${v}`));",
    "k",
  ].join("\n"),
  'dropdown({ options: ["ula", "mala"], value: "mala", description: "integrator" })',
  'checkbox({ value: true, description: "exact" })',
  "interact(({ n }) => lineFigure([0, 1, 2], { y: [0, n, 2 * n] }, { title: `slope ${n}` }), { n: [1, 9, 1] })",
];

/** Runs every cell as soon as the page has a kernel (once per page load), and notes whether it was connected. */
const RUN_AT_ONCE = `
(() => {
  const timer = setInterval(() => {
    const nb = window.Jupyter && window.Jupyter.notebook;
    if (!nb || !nb.kernel || !nb._fully_loaded || nb.get_cells().length === 0) return;
    clearInterval(timer);
    window.__emtdConnectedAtRun = nb.kernel.is_connected();
    nb.execute_all_cells();
  }, 2);
})();
`;

test(
  "classic Notebook, cells run the moment the kernel connects (then after a restart and a reload): every widget is a control",
  { skip, timeout: 300_000 },
  async (t) => {
    const nb = await openClassicNotebook("race", CELLS, RUN_AT_ONCE);
    const p = nb.page;
    const cellText = (i: number) =>
      p.evaluate((n) => (globalThis as any).document.querySelectorAll(".cell")[n].querySelector(".output_wrapper")?.innerText ?? "", i);
    /** The execution counts the page shows, one per cell (NaN for "In [ ]" or "In [*]"). */
    const counts = () =>
      p.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll(".cell .input_prompt")].map((e: any) =>
          Number(/In\s*\[(\d+)\]/.exec(e.innerText)?.[1] ?? NaN),
        ),
      );
    /**
     * All cells ran (each has an execution count above `after`) and each widget is drawn as a control, once. After a
     * reload the saved prompts and outputs are on the page before the cells run again, so "ran" must mean "ran again":
     * a count above the last one seen before the reload.
     */
    const expectControls = async (when: string, after = 0) => {
      await p.waitForFunction(
        ([n, min]) =>
          [...(globalThis as any).document.querySelectorAll(".cell .input_prompt")]
            .slice(0, n)
            .every((e: any) => Number(/In\s*\[(\d+)\]/.exec(e.innerText)?.[1] ?? 0) > min),
        [CELLS.length, after] as const,
        { timeout: 90_000 },
      );
      const cell = (i: number) => p.locator(".cell").nth(i);
      await cell(0).locator(".widget-area .ui-slider-handle").first().waitFor({ timeout: 30_000 });
      await cell(1).locator(".widget-area select").first().waitFor({ timeout: 30_000 });
      await cell(2).locator(".widget-area input[type=checkbox]").first().waitFor({ timeout: 30_000 });
      await cell(3).locator(".widget-area .main-svg").first().waitFor({ timeout: 30_000 });
      await cell(3).locator(".widget-area .ui-slider-handle").first().waitFor({ timeout: 30_000 });
      // A cell the page runs again (the init script at a reload) clears and redraws its output while we look: each cell
      // must settle on exactly one control within the wait, not show it at one instant (a loaded machine, CI 2026-11-27).
      const settlesOnOne = async (locator: ReturnType<typeof cell>, what: string) => {
        let count = await locator.count();
        for (const until = Date.now() + 30_000; count !== 1 && Date.now() < until; count = await locator.count())
          await new Promise((r) => setTimeout(r, 250));
        assert.equal(count, 1, `${when}: ${what}`);
      };
      await settlesOnOne(cell(0).locator(".widget-area .ui-slider-handle"), "one slider in cell 1");
      await settlesOnOne(cell(1).locator(".widget-area select"), "one dropdown in cell 2");
      await settlesOnOne(cell(2).locator(".widget-area input[type=checkbox]"), "one checkbox in cell 3");
      await settlesOnOne(cell(3).locator(".widget-area .ui-slider-handle"), "interact's one slider");
      assert.equal(await cell(1).locator(".widget-area select").inputValue(), "mala", `${when}: the dropdown's value`);
      for (let i = 0; i < CELLS.length; i++) {
        const text = await cellText(i);
        assert.doesNotMatch(text, /(Slider|Dropdown|Checkbox|Interactive)\(/, `${when}: no widget shown as text in cell ${i + 1}`);
      }
      t.diagnostic(
        `${when}: connected when the cells were sent: ${await p.evaluate(() => (globalThis as any).__emtdConnectedAtRun)}; ${(await cellText(0)).trim()}`,
      );
    };
    const moveSlider = async (when: string, to: number) => {
      const handle = p.locator(".cell").nth(0).locator(".widget-area .ui-slider-handle");
      await handle.focus();
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("ArrowRight");
      await p.waitForFunction(
        (v) =>
          new RegExp(`kernel sees k = ${v}`).test(
            (globalThis as any).document.querySelectorAll(".cell")[0].querySelector(".output_wrapper")?.innerText ?? "",
          ),
        to,
        {
          timeout: 20_000,
        },
      );
      t.diagnostic(`${when}: the slider moved from the keyboard reached the kernel (k = ${to})`);
    };
    try {
      await expectControls("at once");
      assert.match(await cellText(0), /front end at run: not yet told/, "the cells ran before the widget version handshake");
      await moveSlider("at once", 5);

      // Restart the kernel and run every cell while it comes back.
      await p.evaluate(() => {
        const nb = (globalThis as any).Jupyter.notebook;
        nb.clear_all_output();
        nb.kernel.restart();
        nb.execute_all_cells();
      });
      await p.waitForFunction(
        () =>
          /front end at run/.test(
            (globalThis as any).document.querySelectorAll(".cell")[0].querySelector(".output_wrapper")?.innerText ?? "",
          ),
        undefined,
        {
          timeout: 90_000,
        },
      );
      await expectControls("after a restart");
      await moveSlider("after a restart", 5);

      // Save (no leave-page question), reload: the init script runs every cell again the moment the kernel is there.
      await p.evaluate(() => (globalThis as any).Jupyter.notebook.save_notebook());
      const before = Math.max(...(await counts()));
      await p.reload({ waitUntil: "load" });
      await expectControls("after a reload", before);
      await moveSlider("after a reload", 5);
      const errors = nb.console.filter((l) => /^pageerror|Could not create|Class .* not found/.test(l));
      t.diagnostic(`console problems: ${JSON.stringify(errors)}`);
      await p.screenshot({ path: SCREENSHOT, fullPage: true });
    } catch (error) {
      t.diagnostic(`browser console: ${nb.console.filter((l) => !/jQuery Typeahead|^table:|^endGroup/.test(l)).join("\n")}`);
      t.diagnostic(
        `cells: ${JSON.stringify(await p.evaluate(() => [...(globalThis as any).document.querySelectorAll(".cell")].map((c: any) => c.innerText)))}`,
      );
      await p.screenshot({ path: SCREENSHOT, fullPage: true });
      throw error;
    } finally {
      await nb.close();
    }
  },
);
