/**
 * Widgets in a real browser: Debian's classic `jupyter notebook` with its jupyter-js-widgets extension (ipywidgets 6,
 * protocol 1) enabled in a temporary Jupyter config, the emtd kernel installed in a temporary prefix, a notebook in a
 * folder outside the repository, headless Chromium driven by playwright-core. Moving a slider from the keyboard
 * changes the number the kernel's observer prints, and moving interact's slider redraws its figure.
 */
import { classicWidgetsMissing, openClassicNotebook } from "../../classic-notebook";
import { test } from "node:test";
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { resource } from "../../support/resources";

resource("chromium");

const skip = classicWidgetsMissing();
/** Where the screenshot goes (what a person sees after the slider moved). */
export const SCREENSHOT = path.join(tmpdir(), "emtd-widgets-browser.png");

const CELLS = [
  [
    'import { slider, interact } from "emtd/widgets";',
    'import { lineFigure } from "emtd/display";',
    'const k = slider({ min: 0, max: 10, step: 1, value: 3, description: "k" });',
    "k.observe(({ new: v }) => console.log(`kernel sees k = ${v}`));",
    "k",
  ].join("\n"),
  [
    "interact(",
    "  ({ n }) => lineFigure([0, 1, 2, 3], { y: [0, n, 2 * n, 3 * n] }, { title: `slope ${n}` }),",
    "  { n: [1, 9, 1] },",
    ")",
  ].join("\n"),
];

test(
  "classic Notebook with jupyter-js-widgets in Chromium: a slider moved from the keyboard reaches the kernel; interact redraws its figure",
  { skip, timeout: 150_000 },
  async (t) => {
    const nb = await openClassicNotebook("widgets", CELLS, { viewport: { width: 1100, height: 1400 } });
    const p = nb.page;
    try {
      // The widget manager's version handshake with the kernel: then widgets are made in its shape (protocol 1).
      const handshake = async () => {
        for (let i = 0; i < 300; i++) {
          if (nb.console.some((l) => /Widget backend and frontend versions are compatible/.test(l))) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`no widget version handshake: ${nb.console.slice(-10).join(" | ")}`);
      };
      await handshake();
      const cell = (i: number) => p.locator(".cell").nth(i);
      const run = async (i: number) => {
        await cell(i).locator(".CodeMirror").click();
        await p.keyboard.press("Shift+Enter");
        await p.waitForFunction(
          (n) => /In\s*\[\d+\]/.test((globalThis as any).document.querySelectorAll(".cell")[n].querySelector(".input_prompt").innerText),
          i,
          { timeout: 60_000 },
        );
      };

      await run(0);
      const handle = cell(0).locator(".widget-area .ui-slider-handle");
      await handle.waitFor({ timeout: 20_000 });
      assert.equal((await cell(0).locator(".widget-area .widget-readout").innerText()).trim(), "3");
      // Move it from the keyboard as a person would: focus the handle, press → twice.
      await handle.focus();
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("ArrowRight");
      await p.waitForFunction(
        () =>
          /kernel sees k = 5/.test(
            (globalThis as any).document.querySelectorAll(".cell")[0].querySelector(".output_wrapper")?.innerText ?? "",
          ),
        undefined,
        { timeout: 20_000 },
      );
      const printed = (await cell(0).locator(".output_wrapper").innerText()).trim();
      t.diagnostic(`printed under the slider: ${JSON.stringify(printed)}`);
      assert.match(printed, /kernel sees k = 5$/, "the kernel's observer printed the moved value last");

      await run(1);
      const title = () =>
        p.evaluate(() => (globalThis as any).document.querySelectorAll(".cell")[1].querySelector(".gtitle")?.textContent ?? null);
      await p.waitForFunction(
        () => (globalThis as any).document.querySelectorAll(".cell")[1].querySelector(".widget-area .main-svg") !== null,
        undefined,
        {
          timeout: 30_000,
        },
      );
      assert.equal(await title(), "slope 5", "interact drew its figure for the slider's middle value");
      const nHandle = cell(1).locator(".widget-area .ui-slider-handle");
      await nHandle.focus();
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("ArrowRight");
      await p.waitForFunction(
        () => (globalThis as any).document.querySelectorAll(".cell")[1].querySelector(".gtitle")?.textContent === "slope 8",
        undefined,
        {
          timeout: 30_000,
        },
      );
      assert.equal(await cell(1).locator(".widget-area .js-plotly-plot").count(), 1, "the figure was replaced, not added to");
      await p.screenshot({ path: SCREENSHOT, fullPage: true });
      t.diagnostic(`screenshot: ${SCREENSHOT}`);
    } catch (error) {
      t.diagnostic(`browser console: ${nb.console.slice(-20).join("\n")}`);
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
