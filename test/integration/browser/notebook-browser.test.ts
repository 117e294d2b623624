/**
 * The emtd kernel in a real Notebook in a real browser: Debian's classic `jupyter notebook` started on a free
 * loopback port, driven by playwright-core in headless Chromium. The notebook lives in a temporary folder outside
 * the repository and imports the library by name. Checked as a person would see it: a drawn figure, `Out[n]:`
 * for an expression, an error shown as an error (name, message, the cell's line, no evaluator frames), the next
 * cell running after it, and the interrupt button stopping an endless loop with the kernel usable after.
 */
import { classicNotebookMissing, openClassicNotebook } from "../../classic-notebook";
import { test } from "node:test";
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { resource } from "../../support/resources";

resource("chromium");

const skip = classicNotebookMissing();
/** Where the screenshot goes (look at it: it is what a person sees). */
export const SCREENSHOT = path.join(tmpdir(), "emtd-notebook-browser.png");

const CELLS = [
  'import { display, lineFigure } from "emtd/display";\ndisplay(lineFigure([1, 2, 3], { y: [1, 4, 9] }, { title: "squares" }));',
  "6 * 7",
  'const a = 1;\nfunction boom(): never {\n  throw new RangeError("out of range");\n}\nboom();',
  '"after the error"',
  "let spins = 0;\nwhile (true) spins++;",
  '"still alive"',
];

test(
  "a notebook outside the repository, in classic Notebook in Chromium: figure, Out[n], errors, interrupt",
  { skip, timeout: 170_000 },
  async (t) => {
    const nb = await openClassicNotebook("mine", CELLS, { widgetsExtension: false, viewport: { width: 1200, height: 1700 } });
    const page = nb.page;
    try {
      // The page's own objects (typed loosely: the test is compiled without the DOM library).
      await page.waitForFunction(() => (globalThis as any).Jupyter?.notebook?.kernel?.is_connected?.() === true, undefined, {
        timeout: 60_000,
      });
      const cell = (i: number) => page.locator(".cell").nth(i);
      /** Run cell i from the keyboard (Shift+Enter) and wait until its prompt shows a count. */
      const run = async (i: number, wait = true) => {
        await cell(i).locator(".CodeMirror").click();
        await page.keyboard.press("Shift+Enter");
        if (wait)
          await page.waitForFunction(
            (n) => /In\s*\[\d+\]/.test((globalThis as any).document.querySelectorAll(".cell")[n].querySelector(".input_prompt").innerText),
            i,
            { timeout: 90_000 },
          );
      };

      await run(0);
      await page.waitForFunction(
        () => (globalThis as any).document.querySelectorAll(".cell")[0].querySelectorAll(".main-svg").length > 0,
        undefined,
        { timeout: 30_000 },
      );
      assert.ok((await cell(0).locator(".trace").count()) > 0, "the figure is drawn with its trace");

      await run(1);
      assert.match((await cell(1).locator(".output_prompt").innerText()).replace(/\s/g, ""), /^Out\[2\]:$/);
      assert.equal((await cell(1).locator(".output_result").innerText()).trim(), "42");

      await run(2);
      const error = (await cell(2).locator(".output_error").innerText()).trim();
      t.diagnostic(`error as shown:\n${error}`);
      assert.match(error, /^RangeError: out of range/);
      assert.match(error, /at boom \(cell 3, line 3:\d+\)/);
      assert.match(error, /cell 3, line 5:\d+/);
      for (const machinery of ["evalmachine", "node:vm", "sigintHandlersWrap", "tslab", "node:internal"])
        assert.ok(!error.includes(machinery), `the traceback shows ${machinery}`);

      await run(3);
      assert.equal((await cell(3).locator(".output_result").innerText()).trim(), "'after the error'", "the cell after an error runs");

      await run(4, false);
      await page.waitForFunction(
        () => /In\s*\[\*\]/.test((globalThis as any).document.querySelectorAll(".cell")[4].querySelector(".input_prompt").innerText),
        undefined,
        { timeout: 30_000 },
      );
      await new Promise((r) => setTimeout(r, 1500));
      await page.locator('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]').click();
      await page.waitForFunction(
        () => /In\s*\[\d+\]/.test((globalThis as any).document.querySelectorAll(".cell")[4].querySelector(".input_prompt").innerText),
        undefined,
        { timeout: 30_000 },
      );
      assert.match((await cell(4).locator(".output_error").innerText()).trim(), /^Interrupted/);

      await run(5);
      assert.equal(
        (await cell(5).locator(".output_result").innerText()).trim(),
        "'still alive'",
        "the kernel is usable after the interrupt",
      );
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      t.diagnostic(`screenshot: ${SCREENSHOT}`);
    } finally {
      await nb.close();
    }
  },
);
