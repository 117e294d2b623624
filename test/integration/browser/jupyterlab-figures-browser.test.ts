/**
 * Figures that draw whatever came before (issue 45, items 3 and 4), in JupyterLab 4's output code (the page of
 * test/jupyterlab.ts) against a real Jupyter server and the emtd kernel in headless Chromium. plotly.js travels in the
 * session's first figure only; here that output does not run its scripts (an untrusted output, as in a reopened
 * notebook not yet trusted), so the page has no plotly.js. That output must show its placeholder line, not nothing,
 * and a later figure must still draw: it loads plotly.js from the kernelspec's folder on the Jupyter server.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { jupyterLabMissing, openJupyterLab, SERVER_FALLBACK } from "../../jupyterlab";
import { resource } from "../../support/resources";

resource("chromium");

const skip = jupyterLabMissing();

const FIGURE = (title: string) =>
  `import { display, lineFigure } from "emtd/display";\ndisplay(lineFigure([0, 1, 2], { y: [0, 1, 4] }, { title: "${title}" }));`;

test(
  "JupyterLab 4 in Chromium: when the output carrying plotly.js did not run, it shows a placeholder and a later figure still draws",
  { skip, timeout: 180_000 },
  async (t) => {
    const started = Date.now();
    const lab = await openJupyterLab("lab-figures");
    const p = lab.page;
    try {
      const first = await lab.run(FIGURE("first"), 60_000, { trusted: false });
      assert.equal(first.status, "ok", first.evalue);
      const html = (await p.evaluate((i) => (globalThis as any).lab.outputs(i), first.index)) as Array<{ data?: Record<string, string> }>;
      assert.ok(
        html.some((o) => o.data?.["text/html"]?.includes("data-emtd-plotly")),
        "the first figure carried plotly.js (that did not run)",
      );
      assert.match(
        await lab.cell(first.index).innerText(),
        /run the cell \(or trust the notebook\) to draw it/,
        "a placeholder, not nothing",
      );
      assert.equal(await p.evaluate(() => typeof (globalThis as any).Plotly), "undefined", "the page has no plotly.js");

      const second = await lab.run(FIGURE("second"));
      assert.equal(second.status, "ok", second.evalue);
      await p.waitForFunction(
        (i) => (globalThis as any).document.querySelector(`.lab-cell[data-index="${i}"] .js-plotly-plot .gtitle`)?.textContent === "second",
        second.index,
        { timeout: 30_000 },
      );
      assert.equal(await lab.cell(second.index).locator(".emtd-plotly-placeholder").count(), 0, "the placeholder gave way to the figure");
      const errors = lab.console.filter((l) => /^(error|pageerror)/.test(l) && !SERVER_FALLBACK.test(l));
      assert.deepEqual(errors, [], "no error on the console");
      t.diagnostic(`wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      t.diagnostic(`browser console: ${lab.console.slice(-30).join("\n")}`);
      t.diagnostic(
        `cells: ${JSON.stringify(await p.evaluate(() => [...(globalThis as any).document.querySelectorAll(".lab-cell")].map((c: any) => c.innerText.slice(0, 300))))}`,
      );
      throw error;
    } finally {
      await lab.close();
    }
  },
);
