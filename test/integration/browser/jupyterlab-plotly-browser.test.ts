/**
 * Live figures in JupyterLab 4 with `jupyterlab-plotly`'s mime renderer (issue 45): the page of test/jupyterlab.ts
 * built with jupyterlab-plotly 5.24's renderer (lib/plotly-renderer.js, added to the rendermime at its rank as
 * JupyterLab adds a mime extension; plotly.js from the project's plotly.js-dist-min) against a real Jupyter server and
 * the emtd kernel in headless Chromium. That renderer draws a figure once: `renderModel` returns early when its node
 * already holds a graph, so an `update_display_data` of the same figure output changes nothing on the page. A
 * `livePlot` must still show its line growing while the run goes and its whole line after it.
 *
 * A first cell draws one figure, which carries plotly.js (once per session), and the test waits until the page has
 * drawn it: parsing plotly.js blocks the page's thread for seconds on a loaded machine, and the live run's frames must
 * not fall inside that pause (CI once saw only the last frame, [40], while another job loaded both cores).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { jupyterLabMissing, LIVE_PLOT, openJupyterLab, SERVER_FALLBACK, watchLine } from "../../jupyterlab";
import { resource } from "../../support/resources";

resource("chromium");

const renderer = (() => {
  try {
    return require.resolve("jupyterlab-plotly/lib/plotly-renderer.js");
  } catch {
    return null;
  }
})();
// One record and a flush: a figure drawn once, whose output carries plotly.js to the page.
const WARM_UP = [
  'import { livePlot } from "emtd/display";',
  'const warm = livePlot(1, { keys: ["energy"], intervalMs: 0 });',
  "warm({ step: 1, energy: 1, temperature: 1, acceptance: 1, consensusError: 0, stepSize: 0.1 });",
  "warm.flush();",
].join("\n");

const skip = jupyterLabMissing() || (renderer === null ? "jupyterlab-plotly is not installed (a devDependency)" : false);

test(
  "with jupyterlab-plotly's renderer (JupyterLab 4 in Chromium), a livePlot figure shows its line growing during the run and whole after it",
  { skip, timeout: 240_000 },
  async (t) => {
    const lab = await openJupyterLab("lab-plotly", { plotlyRenderer: renderer! });
    const p = lab.page;
    try {
      const warm = await lab.run(WARM_UP, 120_000);
      assert.equal(warm.status, "ok", warm.evalue);
      await p.waitForFunction(() => (globalThis as any).document.querySelector('.lab-cell[data-index="0"] .js-plotly-plot'), undefined, {
        timeout: 60_000,
      });
      await p.evaluate(watchLine, 1);
      const live = await lab.run(LIVE_PLOT, 120_000);
      assert.equal(live.status, "ok", live.evalue);
      const records = (await p.evaluate(() => (globalThis as any).lab.outputs(1))).find((o: any) => o.output_type === "execute_result")
        ?.data?.["text/plain"];
      await p.waitForFunction(() => (globalThis as any).document.querySelector('.lab-cell[data-index="1"] .js-plotly-plot'), undefined, {
        timeout: 20_000,
      });
      await new Promise((r) => setTimeout(r, 500));
      const seen = (await p.evaluate(() => (globalThis as any).__emtdLine)) as number[];
      t.diagnostic(`records ${records}; points shown over time: ${JSON.stringify(seen)}`);
      assert.ok(
        seen.filter((n) => n < 40).length >= 2,
        "the line grew on the page while the run went (at least two frames before the end)",
      );
      assert.equal(seen[seen.length - 1], Number(records), "after the run, the whole line, drawn by the plotly renderer");
      assert.equal(await lab.cell(1).locator(".jp-RenderedPlotly").count(), 1, "one figure, drawn by jupyterlab-plotly's renderer");
      assert.equal(
        await lab.cell(1).locator('img[src^="data:image/svg+xml"]').count(),
        0,
        "the live frame was replaced in place by the figure",
      );
      const errors = lab.console.filter((l) => /^(error|pageerror)/.test(l) && !SERVER_FALLBACK.test(l));
      assert.deepEqual(errors, [], "no error on the console");
    } catch (error) {
      t.diagnostic(`browser console: ${lab.console.slice(-30).join("\n")}`);
      t.diagnostic(
        `cells: ${JSON.stringify(await p.evaluate(() => [...(globalThis as any).document.querySelectorAll(".lab-cell")].map((c: any) => c.innerHTML.slice(0, 400))))}`,
      );
      throw error;
    } finally {
      await lab.close();
    }
  },
);
