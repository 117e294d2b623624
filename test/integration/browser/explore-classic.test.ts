/**
 * The explorer (issue 73 item 5) in classic Notebook: Debian's `jupyter notebook` with jupyter-js-widgets (ipywidgets
 * 6, protocol 1), the emtd kernel in a temporary prefix, headless Chromium. As in JupyterLab
 * (jupyterlab-browser/explore.ts): two moves of the weight slider in quick succession show only the last value's rows;
 * a move during a measurement ends the old value's worker within a second (the kernel's worker processes counted with
 * ps) and shows none of its rows; returning to a value seen before shows its rows from the cache, no worker started.
 */
import { classicWidgetsMissing, openClassicNotebook } from "../../classic-notebook";
import { test } from "node:test";
import assert from "node:assert/strict";
import { resource } from "../../support/resources";
import { decided, FAMILY, ONLY, until, watchExplorer, workersOf } from "./jupyterlab-browser/explore";

resource("chromium");

const skip = classicWidgetsMissing();

const CELLS = [
  [
    'import { explore } from "emtd/variants";',
    `const x = explore(${JSON.stringify(FAMILY)}, { only: ${JSON.stringify(ONLY)} });`,
    "console.log(`kernel pid ${process.pid}`);",
    "x",
  ].join("\n"),
];

test(
  "explore in classic Notebook (jupyter-js-widgets): two quick moves show only the last value, a move mid-measurement leaves no worker for the old value, a value seen before comes from the cache",
  { skip, timeout: 300_000 },
  async (t) => {
    const nb = await openClassicNotebook("explore", CELLS, { viewport: { width: 1100, height: 1400 } });
    const p = nb.page;
    try {
      for (let i = 0; i < 300 && !nb.console.some((l) => /Widget backend and frontend versions are compatible/.test(l)); i++)
        await new Promise((r) => setTimeout(r, 100));
      const cell = p.locator(".cell").nth(0);
      await p.evaluate(watchExplorer, ".cell");
      await cell.locator(".CodeMirror").click();
      await p.keyboard.press("Shift+Enter");
      const handle = cell.locator(".widget-area .ui-slider-handle").nth(1);
      await handle.waitFor({ timeout: 60_000 });
      await until(p, "0", 0);
      const kernelPid = Number(/kernel pid (\d+)/.exec(await cell.locator(".output_wrapper").innerText())?.[1]);
      assert.ok(kernelPid > 0, "the kernel printed its pid");
      const press = async (key: string, times = 1) => {
        await handle.focus();
        const at = (await p.evaluate(() => (globalThis as any).performance.now())) as number;
        for (let i = 0; i < times; i++) await p.keyboard.press(key);
        return at;
      };

      // Two moves in quick succession (0 → 0.05 → 0.1): only 0.1's rows shown, filled in one by one.
      const t1 = await press("ArrowRight", 2);
      const quick = await until(p, "0.1", t1);
      assert.ok(!quick.some((s) => s.status.includes("w = 0.05:")), "nothing of w = 0.05 shown");
      const counts = [...new Set(quick.filter((s) => s.status.includes("w = 0.1:")).map(decided))].filter((n) => n > 0);
      assert.deepEqual(counts, [1, 2, 3], "the rows were decided one by one");

      // Moved during a measurement (0.1 → 0.15, then 0.2 once 0.15's worker runs).
      await press("ArrowRight");
      const end = Date.now() + 30_000;
      while (workersOf(kernelPid).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      const stale = workersOf(kernelPid);
      assert.equal(stale.length, 1, "one worker measures w = 0.15");
      const t2 = await press("ArrowRight");
      const moved = Date.now();
      while (workersOf(kernelPid).includes(stale[0]!) && Date.now() - moved < 5000) await new Promise((r) => setTimeout(r, 10));
      t.diagnostic(`the w = 0.15 worker exited ${Date.now() - moved} ms after the slider moved on`);
      assert.ok(Date.now() - moved <= 1000, "the old worker exited within a second");
      const mid = await until(p, "0.2", t2);
      assert.ok(!mid.some((s) => s.status.includes("w = 0.15:") && decided(s) === ONLY.length), "w = 0.15 never shown decided");
      assert.deepEqual(workersOf(kernelPid), []);

      // Back to 0.1: from the cache, no worker.
      const t3 = await press("ArrowLeft", 2);
      const back = await until(p, "0.1", t3, 10_000);
      const shown = back.find((s) => s.status.includes("w = 0.1:") && decided(s) === ONLY.length)!;
      t.diagnostic(`back to w = 0.1: every row shown ${((shown.t - t3) / 1000).toFixed(2)} s after the key presses`);
      assert.match(shown.status, /3 read from the cache, 0 to measure/);
      assert.deepEqual(workersOf(kernelPid), [], "no worker started for a value seen before");
    } catch (error) {
      t.diagnostic(`browser console: ${nb.console.slice(-20).join("\n")}`);
      throw error;
    } finally {
      await nb.close();
    }
  },
);
