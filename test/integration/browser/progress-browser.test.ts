/**
 * Live progress seen in a browser (issue 37): a long sampling cell (4 MALA chains) in the classic Notebook in headless
 * Chromium shows one progress display that changes in place while the cell runs (at least two different states of
 * the same element, never a second bar), ending with the finished state, running R̂ and bulk ESS included.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { classicWidgetsMissing, openClassicNotebook } from "../../classic-notebook";
import { resource } from "../../support/resources";

resource("chromium");

const skip = classicWidgetsMissing();

const CELL = [
  'import { ready, graphs, mala, run, key, tf } from "emtd";',
  'import { interactionChains } from "emtd/dynamics";',
  "await ready();",
  "const graph = graphs.ring(128, 2);",
  "const x0 = tf.zeros([128, 4]) as tf.Tensor2D;",
  "const r = run(mala(interactionChains(graph, 4), { step: 0.05, temperature: 1 }), x0, { steps: 20000, burnIn: 2000, adapt: true }, key(3));",
  "tf.dispose([x0, r.final]);",
  "r.steps",
].join("\n");

/** In the page: every different text of the first cell's progress display, and the most bars seen at once. */
const WATCH = `
window.__emtdProgress = { states: [], most: 0 };
setInterval(() => {
  const cell = document.querySelectorAll(".cell")[0];
  if (!cell) return;
  const bars = cell.querySelectorAll(".output_area .emtd-progress");
  const seen = window.__emtdProgress;
  seen.most = Math.max(seen.most, bars.length);
  const text = [...bars].map((b) => b.innerText.trim()).join(" | ");
  if (text && seen.states[seen.states.length - 1] !== text) seen.states.push(text);
}, 20);
`;

test(
  "a long sampling cell shows one progress display that changes in place (classic Notebook in Chromium)",
  { skip, timeout: 300_000 },
  async (t) => {
    const nb = await openClassicNotebook("progress", [CELL], WATCH);
    const p = nb.page;
    try {
      await p.waitForFunction(() => (globalThis as any).Jupyter?.notebook?.kernel?.is_connected(), undefined, { timeout: 60_000 });
      await p.evaluate(() => (globalThis as any).Jupyter.notebook.execute_all_cells());
      // Finished: the input prompt shows its execution count (it shows In [*] while the cell runs).
      await p.waitForFunction(
        () => /In\s*\[\d+\]/.test((globalThis as any).document.querySelector(".cell .input_prompt")?.innerText ?? ""),
        undefined,
        { timeout: 240_000 },
      );
      const seen = (await p.evaluate(() => (globalThis as any).__emtdProgress)) as { states: string[]; most: number };
      t.diagnostic(
        `${seen.states.length} states: first ${JSON.stringify(seen.states[0])}, last ${JSON.stringify(seen.states[seen.states.length - 1])}`,
      );
      assert.ok(seen.states.length >= 2, "the display changed while the cell ran");
      assert.equal(seen.most, 1, "one display, updated in place");
      assert.match(seen.states[0]!, /^mala × 4 chains: \d+\/20000 steps/);
      assert.match(
        seen.states[seen.states.length - 1]!,
        /20000\/20000 steps \(100 %\) · [\d.e+]+ steps\/s · done · R̂ \d\.\d{3} · bulk ESS \d+/,
      );
    } catch (error) {
      t.diagnostic(`browser console: ${nb.console.slice(-20).join("\n")}`);
      t.diagnostic(`cell: ${await p.evaluate(() => (globalThis as any).document.querySelector(".cell")?.innerText)}`);
      t.diagnostic(`seen: ${JSON.stringify(await p.evaluate(() => (globalThis as any).__emtdProgress))}`);
      throw error;
    } finally {
      await nb.close();
    }
  },
);
