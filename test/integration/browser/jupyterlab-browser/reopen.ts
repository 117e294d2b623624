/**
 * A saved notebook reopened in JupyterLab 4 (issue 45 item 4): the widget state `executeNotebook` saves (what `emtd
 * notebooks` and the book run, issue 37: `metadata.widgets["application/vnd.jupyter.widget-state+json"]`) restored by
 * `@jupyter-widgets/jupyterlab-manager` 5's own notebook path. The page (test/integration/browser/jupyterlab/reopen.mjs
 * says exactly which parts are JupyterLab's code and which are stand-ins) activates the widget manager plugin, reads
 * the file from a real Jupyter server through `@jupyterlab/services`, draws the saved outputs with
 * `@jupyterlab/outputarea`, starts a fresh emtd kernel (the one a reopened notebook gets: it holds no widget), and lets
 * the plugin's `registerNotebookWidgetManager` → `WidgetManager.restoreWidgets` → `_loadFromNotebook` → `set_state`
 * restore the widgets.
 *
 * What it shows: the file as saved is untrusted (no signature), so JupyterLab draws each widget output's safe
 * fallback (the kernel's HTML snapshot), never a blank; after "Trust Notebook" every widget draws from the saved state
 * with its last values (the slider moved by a later cell shows 0.7, not the 0.3 it was displayed with), interact's
 * output included, with no widget error. The same file without its widget metadata shows JupyterLab's "model not
 * found" instead: the widgets came from the saved state. Not covered: a reopened notebook with no kernel at all
 * (JupyterLab's plugin makes no widget manager until the notebook's kernel is up, so widget views wait), and the
 * NotebookPanel, NotebookModel and document context themselves (stand-ins, see reopen.mjs).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { executeNotebook } from "../../../../src/jupyter/notebook";
import { WIDGET_STATE_MIME } from "../../../../src/jupyter/widget-state";
import { type JupyterLabServer, openJupyterLab, SERVER_FALLBACK, WIDGET_ERROR } from "../../../jupyterlab";

const CELLS = [
  [
    'import { slider, dropdown, checkbox, button, text, output, interact, Box, Html } from "emtd/widgets";',
    'const s = slider({ min: 0, max: 1, step: 0.1, value: 0.3, description: "T" });',
    'const d = dropdown({ options: ["ula", "mala"], value: "mala", description: "integrator" });',
    'const c = checkbox({ value: true, description: "exact" });',
    'const t = text({ value: "ring:64", description: "graph" });',
    "const out = output();",
    'out.capture(() => console.log("captured line"));',
    'new Box([s, d, c, button({ description: "resample" }), t, new Html({ value: "<b>bold</b>" }), out]);',
  ].join("\n"),
  // A later cell moves the slider: the saved state holds the last value, the first cell's snapshot the first.
  "s.value = 0.7;",
  "const live = interact(({ m }) => `m is ${m}`, { m: [0, 4, 1] });\nawait live.settled();\nlive",
];

/** Run the cells as `emtd notebooks` does and return the executed notebook's JSON. */
async function savedNotebook(): Promise<Record<string, any>> {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-reopen-"));
  try {
    const file = path.join(dir, "saved.ipynb");
    writeFileSync(
      file,
      JSON.stringify({
        cells: CELLS.map((source) => ({ cell_type: "code", source, metadata: {}, execution_count: null, outputs: [] })),
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const executed = await executeNotebook(file, { cellTimeoutMs: 120_000 });
    assert.equal(executed.failure, null, JSON.stringify(executed.failure));
    return executed.notebook as unknown as Record<string, any>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The test, on the shared server (jupyterlab-browser.test.ts). */
export function reopenTests(server: () => JupyterLabServer, skip: string | false): void {
  test(
    "JupyterLab 4's widget manager plugin reopens a saved notebook: untrusted shows each widget's snapshot, trusted draws every widget from the saved state",
    { skip, timeout: 300_000 },
    async (t) => {
      const started = Date.now();
      const nb = await savedNotebook();
      const saved = nb.metadata.widgets?.[WIDGET_STATE_MIME];
      assert.ok(saved && Object.keys(saved.state).length > 0, "the runner saved the widget state");
      const lab = await openJupyterLab(server(), { entry: "reopen" });
      const p = lab.page;
      t.diagnostic(
        `notebook run and page ${lab.bundleCached ? "from the cache" : `bundled (${lab.bundleSeconds.toFixed(1)} s)`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      try {
        writeFileSync(path.join(lab.notebooks, "saved.ipynb"), JSON.stringify(nb, null, 1));
        const { metadata, ...rest } = nb;
        const { widgets, ...otherMetadata } = metadata;
        writeFileSync(path.join(lab.notebooks, "no-state.ipynb"), JSON.stringify({ ...rest, metadata: otherMetadata }, null, 1));
        assert.ok(widgets);
        const cellText = (n: number, i: number) =>
          p.evaluate(
            ([n, i]) =>
              ((globalThis as any).document.querySelector(`.lab-notebook[data-index="${n}"] .lab-cell[data-index="${i}"]`) as any)
                ?.innerText ?? "",
            [n, i] as const,
          );
        const reopen = (file: string) =>
          p.evaluate((f) => (globalThis as any).lab.reopen(f), file) as Promise<{ index: number; trusted: boolean[] }>;

        // As saved: the server's notary finds no signature, so every cell with outputs is untrusted.
        const opened = await reopen("saved.ipynb");
        assert.deepEqual(opened.trusted, [false, false, false], "the server marks the unsigned notebook's cells untrusted");
        // The widget-view renderer is not safe: each widget output shows its HTML snapshot (sanitized), not nothing.
        await p.waitForFunction(
          () => /T 0\.3/.test((globalThis as any).document.querySelector('.lab-notebook[data-index="0"]')?.innerText ?? ""),
          null,
          { timeout: 30_000 },
        );
        const untrusted = await cellText(0, 0);
        t.diagnostic(`untrusted first cell: ${JSON.stringify(untrusted)}`);
        assert.match(untrusted, /T 0\.3/);
        assert.match(untrusted, /integrator mala/);
        assert.match(untrusted, /captured line/);
        assert.equal(await p.locator(".lab-notebook .widget-slider").count(), 0, "no widget view in an untrusted notebook");
        assert.doesNotMatch(untrusted, /Loading widget/);

        // "Trust Notebook", once the notebook has opened: the widgets draw from the saved state, with their last values.
        await p.evaluate(() => (globalThis as any).lab.restored(0));
        await p.evaluate(() => (globalThis as any).lab.trust(0));
        const nb0 = p.locator('.lab-notebook[data-index="0"]');
        await nb0.locator(".widget-slider").first().waitFor({ timeout: 60_000 });
        const first = nb0.locator('.lab-cell[data-index="0"]');
        assert.equal((await first.locator(".widget-slider .widget-readout").innerText()).trim(), "0.7", "the slider's last value");
        assert.equal(await first.locator(".widget-dropdown select").inputValue(), "mala");
        assert.equal(await first.locator(".widget-checkbox input[type=checkbox]").isChecked(), true);
        assert.equal((await first.locator("button.widget-button").innerText()).trim(), "resample");
        assert.equal(await first.locator(".widget-text input[type=text]").inputValue(), "ring:64");
        assert.equal(await first.locator(".widget-html b").innerText(), "bold");
        assert.match(await first.locator(".widget-output").innerText(), /captured line/);
        const inter = nb0.locator('.lab-cell[data-index="2"]');
        await inter.locator(".widget-slider").waitFor({ timeout: 30_000 });
        assert.equal((await inter.locator(".widget-readout").innerText()).trim(), "2");
        assert.match(await inter.locator(".widget-output").innerText(), /m is 2/);
        assert.equal(await nb0.locator(".jupyter-widgets-error-widget").count(), 0, "no error widget");
        assert.doesNotMatch(await cellText(0, 0), /Loading widget|Error displaying widget/);
        const errors = lab.console.filter((l) => /^(error|pageerror)/.test(l) && !SERVER_FALLBACK.test(l));
        t.diagnostic(`console: ${lab.console.length} lines, errors: ${JSON.stringify(errors)}`);
        assert.deepEqual(
          lab.console.filter((l) => WIDGET_ERROR.test(l)),
          [],
          "no widget error",
        );
        assert.deepEqual(errors, [], "no error on the console");

        // The check can fail: without the saved state, JupyterLab's renderer says the model is missing.
        const bare = await reopen("no-state.ipynb");
        await p.evaluate((i) => (globalThis as any).lab.restored(i), bare.index);
        await p.evaluate((i) => (globalThis as any).lab.trust(i), bare.index);
        await p.waitForFunction(
          (i) => /model not found/.test((globalThis as any).document.querySelector(`.lab-notebook[data-index="${i}"]`)?.innerText ?? ""),
          bare.index,
          { timeout: 60_000 },
        );
        assert.equal(await p.locator(`.lab-notebook[data-index="${bare.index}"] .widget-slider`).count(), 0);
        t.diagnostic(`wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        // In the error itself, not only as diagnostics: CI's report quotes a failure's message, not the file's output.
        const notebooks = await p.evaluate(() =>
          [...(globalThis as any).document.querySelectorAll(".lab-notebook")].map((c: any) => c.innerText),
        );
        const seen = `browser console (last 30): ${lab.console.slice(-30).join("\n")}\nnotebooks: ${JSON.stringify(notebooks)}`;
        t.diagnostic(seen);
        if (error instanceof Error) error.message = `${error.message}\n${seen}`;
        throw error;
      } finally {
        await lab.close();
      }
    },
  );
}
