/**
 * Live figures in JupyterLab 4 with `jupyterlab-plotly`'s mime renderer (issue 45): the page of test/jupyterlab.ts
 * built with jupyterlab-plotly 5.24's renderer (lib/plotly-renderer.js, added to the rendermime at its rank as
 * JupyterLab adds a mime extension; plotly.js from the project's plotly.js-dist-min) against a real Jupyter server and
 * the emtd kernel in headless Chromium. That renderer draws a figure once: `renderModel` returns early when its node
 * already holds a graph, so an `update_display_data` of the same figure output changes nothing on the page. A
 * `livePlot` must still show its line growing while the run goes and its whole line after it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { jupyterLabMissing, openJupyterLab, SERVER_FALLBACK } from "../../jupyterlab";

const renderer = (() => {
  try {
    return require.resolve("jupyterlab-plotly/lib/plotly-renderer.js");
  } catch {
    return null;
  }
})();
const skip = jupyterLabMissing() || (renderer === null ? "jupyterlab-plotly is not installed (a devDependency)" : false);

// A run that records every 50 ms (the cell yields between records, as a long asynchronous run does), then flushes.
const LIVE = [
  'import { livePlot } from "emtd/display";',
  'const plot = livePlot(40, { keys: ["energy"], intervalMs: 0 });',
  "for (let step = 1; step <= 40; step++) {",
  "  plot({ step, energy: 10 / step, temperature: 1, acceptance: 1, consensusError: 0, stepSize: 0.1 });",
  "  await new Promise((r) => setTimeout(r, 50));",
  "}",
  "plot.flush();",
  "40",
].join("\n");

/** In the page: the number of points of the line cell `i` shows, each time it changes (a drawn plotly graph or an SVG frame). */
const watchLine = (i: number) => {
  const w = globalThis as any;
  w.__emtdLine = [] as number[];
  setInterval(() => {
    const cell = w.document.querySelector(`.lab-cell[data-index="${i}"]`);
    if (!cell) return;
    const gd = cell.querySelector(".js-plotly-plot");
    // An SVG frame: JupyterLab's renderer shows it as an <img> of the SVG (a data URL), classic Notebook inline.
    const img = cell.querySelector('img[src^="data:image/svg+xml"]');
    const svgText = img
      ? decodeURIComponent(img.src.slice(img.src.indexOf(",") + 1))
      : (cell.querySelector("svg[data-emtd-points]")?.outerHTML ?? "");
    const frame = /data-emtd-points="(\d+)"/.exec(svgText);
    const points = gd?.data?.[0]?.x?.length ?? (frame ? Number(frame[1]) : null);
    const seen = w.__emtdLine;
    if (points !== null && seen[seen.length - 1] !== points) seen.push(points);
  }, 20);
};

test(
  "with jupyterlab-plotly's renderer (JupyterLab 4 in Chromium), a livePlot figure shows its line growing during the run and whole after it",
  { skip, timeout: 240_000 },
  async (t) => {
    const lab = await openJupyterLab("lab-plotly", { plotlyRenderer: renderer! });
    const p = lab.page;
    try {
      await p.evaluate(watchLine, 0);
      const live = await lab.run(LIVE, 120_000);
      assert.equal(live.status, "ok", live.evalue);
      const records = (await p.evaluate(() => (globalThis as any).lab.outputs(0))).find((o: any) => o.output_type === "execute_result")
        ?.data?.["text/plain"];
      await p.waitForFunction(() => (globalThis as any).document.querySelector('.lab-cell[data-index="0"] .js-plotly-plot'), undefined, {
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
      assert.equal(await lab.cell(0).locator(".jp-RenderedPlotly").count(), 1, "one figure, drawn by jupyterlab-plotly's renderer");
      assert.equal(
        await lab.cell(0).locator('img[src^="data:image/svg+xml"]').count(),
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
