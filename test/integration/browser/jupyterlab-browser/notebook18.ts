/**
 * Notebook 18 (prototype your own Hamiltonian) top to bottom in JupyterLab 4's own front-end code (issue 45, item 2):
 * the page of test/jupyterlab.ts (JupyterLab's output area and rendermime, the JupyterLab widget manager with
 * ipywidgets 8's controls) against a real Jupyter server and the emtd kernel, in headless Chromium. Every code cell of
 * notebooks/18-*.ipynb runs in order as it is saved; each must finish (no error, no stderr, no hang: the interact cell
 * awaits `interact(…).settled()`, which hung while the front end rejected every widget), its figures draw, the
 * interact cell shows its two sliders and its histogram, and the console shows no widget error.
 *
 * The two cells that measure claims under a variant (`compareVariant`: about 120 of this test's 157 s in CI) and the
 * explorer's two (explore.ts beside this file drives an explorer in JupyterLab) are not run here: they show a table and text, which the other cells' tables and logs already put through the front end, and
 * the notebook's one full execution (notebooks.test.ts, nbconvert) runs and checks them.
 */
import { TEST_DIR } from "../../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { readNotebook, sourceText } from "../../../../src/jupyter/notebook";
import { type JupyterLabServer, openJupyterLab, SERVER_FALLBACK, WIDGET_ERROR } from "../../../jupyterlab";

const notebooks = path.join(TEST_DIR, "..", "..", "notebooks");
const name = readdirSync(notebooks).find((n) => /^18-.*\.ipynb$/.test(n));
const missing = name ? false : "notebooks/18-*.ipynb is missing";
const PLOTLY = "application/vnd.plotly.v1+json";

interface Output {
  output_type: string;
  name?: string;
  text?: string;
  data?: Record<string, unknown>;
}

/** The test, on the shared server (jupyterlab-browser.test.ts). */
export function notebook18Tests(server: () => JupyterLabServer, skip: string | false): void {
  test(
    "notebook 18 runs top to bottom in JupyterLab 4's front end (ipywidgets 8): every cell finishes, its figures draw, interact shows its sliders and histogram",
    { skip: skip || missing, timeout: 600_000 },
    async (t) => {
      const started = Date.now();
      const code = readNotebook(path.join(notebooks, name!))
        .cells.filter((c) => c.cell_type === "code")
        .map((c) => sourceText(c));
      // The explorer's two cells measure too (in workers); jupyterlab-browser/explore.ts drives an explorer here.
      const measuring = (c: string) => /\bcompareVariant\(|\bexplorer?\b[.(]/.test(c);
      const cells = code.filter((c) => !measuring(c));
      assert.ok(
        code.length - cells.length === 4 && cells.length >= 8,
        `notebook 18's two variant cells and two explorer cells (got ${code.length - cells.length})`,
      );
      t.diagnostic(`${code.length - cells.length} variant-measuring cells left to the nbconvert execution`);
      const lab = await openJupyterLab(server());
      const p = lab.page;
      t.diagnostic(
        `page ${lab.bundleCached ? "from the cache" : `bundled in ${lab.bundleSeconds.toFixed(1)} s`}, page and kernel up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      try {
        const times: string[] = [];
        let figures = 0;
        let interactCell = -1;
        for (const [i, code] of cells.entries()) {
          const cellStarted = Date.now();
          const r = await lab.run(code, 240_000);
          times.push(`${i}: ${((Date.now() - cellStarted) / 1000).toFixed(1)} s`);
          const outputs = (await p.evaluate((n) => (globalThis as any).lab.outputs(n), r.index)) as Output[];
          const stderr = outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => o.text);
          assert.equal(r.status, "ok", `code cell ${i}: ${r.ename}: ${r.evalue}`);
          assert.deepEqual(stderr, [], `code cell ${i} wrote to stderr`);
          figures += outputs.filter((o) => o.data && PLOTLY in o.data).length;
          if (/\binteract\(/.test(code)) interactCell = r.index;
        }
        t.diagnostic(`cells: ${times.join(", ")}`);
        assert.ok(interactCell >= 0, "the notebook has its interact cell");

        // The interact cell: two sliders (T and κ, ipywidgets 8's controls), its table and its histogram drawn.
        const icell = lab.cell(interactCell);
        assert.equal(await icell.locator(".widget-slider").count(), 2, "the interact cell shows its two sliders");
        assert.deepEqual(
          (await icell.locator(".widget-slider .widget-readout").allInnerTexts()).map((s) => Number(s.trim())),
          [0.5, 1],
          "the sliders show the notebook's starting values",
        );
        await p.waitForFunction(
          (i) => (globalThis as any).document.querySelector(`.lab-cell[data-index="${i}"] .js-plotly-plot .main-svg`),
          interactCell,
          {
            timeout: 30_000,
          },
        );
        assert.match(await icell.innerText(), /⟨H⟩/, "the interact cell shows its table");

        // Every figure the cells displayed (outside the interact cell's widget) is drawn by plotly.js on the page.
        await p.waitForFunction(
          (n) => (globalThis as any).document.querySelectorAll(".lab-cell .js-plotly-plot .main-svg").length >= n,
          figures + 1,
          { timeout: 30_000 },
        );
        const views = (await p.evaluate(
          () => (globalThis as any).document.querySelectorAll(".lab-cell .jupyter-widgets").length,
        )) as number;
        t.diagnostic(`${cells.length} code cells, ${figures} figure outputs + the interact histogram drawn, ${views} widget view nodes`);

        const errors = lab.console.filter((l) => /^(error|pageerror)/.test(l) && !SERVER_FALLBACK.test(l));
        assert.deepEqual(
          lab.console.filter((l) => WIDGET_ERROR.test(l)),
          [],
          "no widget protocol or model error",
        );
        assert.deepEqual(errors, [], "no error on the console");
        t.diagnostic(`wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        t.diagnostic(`browser console: ${lab.console.slice(-30).join("\n")}`);
        throw error;
      } finally {
        await lab.close();
      }
    },
  );
}
