/**
 * Live progress in notebooks (issue 37): on a real emtd kernel, `run` called in a cell on one chain and on 4 chains draw one
 * display and update it in place (`update_display_data` under its display id) with the steps done, the rate and the
 * time left, and for 4 chains the running R̂ and bulk ESS; a headless run (`executeNotebook`, as `emtd notebooks`)
 * draws only the final state, and keeps the widgets' state in the notebook's metadata. Outside a kernel nobody
 * watches: a run reports nothing.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { KernelClient, type Published } from "../../../src/jupyter/client";
import { kernelSpec } from "../../../src/jupyter/spec";
import { executeNotebook } from "../../../src/jupyter/notebook";
import { WIDGET_STATE_MIME } from "../../../src/jupyter/widget-state";
import { watchProgress } from "../../../src/progress";

const RUN = [
  'import { ready, graphs, interaction, mala, run, key, tf } from "emtd";',
  'import { interactionChains } from "emtd/dynamics";',
  "await ready();",
  "const graph = graphs.ring(64, 2);",
  "const x0 = tf.zeros([64, 1]);",
  "const r = run(mala(interaction(graph), { step: 0.1, temperature: 1 }), x0, { steps: 4000, burnIn: 500 }, key(1));",
  "const x4 = tf.zeros([64, 4]) as tf.Tensor2D;",
  "const c = run(mala(interactionChains(graph, 4), { step: 0.1, temperature: 1 }), x4, { steps: 3000, burnIn: 500 }, key(2));",
  "tf.dispose([x0, r.final, x4, c.final]);",
  "[r.steps, c.steps]",
].join("\n");

const displays = (published: Published[]) => published.filter((p) => p.msg_type === "display_data" || p.msg_type === "update_display_data");

test("outside a kernel nobody watches a loop", () => {
  assert.equal(watchProgress({ label: "loop", total: 10 }), null);
});

test(
  "run on one chain and on R chains in a cell updates one display in place: steps, rate, time left, R̂ and bulk ESS for chains",
  { timeout: 180_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), "emtd-progress-"));
    const kernel = await KernelClient.start(kernelSpec(), { cwd: dir });
    try {
      const result = await kernel.execute(RUN, 150_000);
      assert.equal(result.status, "ok", JSON.stringify(result.published.filter((p) => p.msg_type === "error" || p.msg_type === "stream")));
      const shown = displays(result.published);
      const first = shown[0]!;
      assert.equal(first.msg_type, "display_data", "the display is made once");
      const id = first.content.transient?.display_id as string;
      assert.match(id, /^emtd-/);
      assert.ok(
        shown.slice(1).every((p) => p.msg_type === "update_display_data" && p.content.transient?.display_id === id),
        "every later draw updates it",
      );
      const texts = shown.map((p) => String(p.content.data["text/plain"]));
      t.diagnostic(`${shown.length} draws; first ${JSON.stringify(texts[0])}; last ${JSON.stringify(texts[texts.length - 1])}`);
      assert.ok(new Set(texts).size >= 2, "the display changed while the run went on");
      assert.match(
        texts.find((x) => /^mala:/.test(x)) ?? "",
        /^mala: \d+\/4000 steps \(\d+ %\) · [\d.e+]+ steps\/s · (\d+ s left|starting|done)/,
      );
      const last = texts[texts.length - 1]!;
      assert.match(last, /^mala × 4 chains: 3000\/3000 steps \(100 %\) · [\d.e+]+ steps\/s · done · R̂ (\d\.\d{3}) · bulk ESS \d+$/);
      const rhat = Number(/R̂ (\d\.\d{3})/.exec(last)![1]);
      assert.ok(rhat > 0.99 && rhat < 1.1, `running R̂ of mixed chains near 1 (${rhat})`);
      assert.equal(
        String(shown[shown.length - 1]!.content.data["text/html"]).match(/<progress/g)?.length,
        1,
        "one bar: the finished run gave its line to the next",
      );
    } finally {
      await kernel.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test("a headless run (executeNotebook) keeps one final progress display and the widgets' state", { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-progress-nb-"));
  try {
    const file = path.join(dir, "live.ipynb");
    const cells = [RUN, 'import { slider } from "emtd/widgets";\nslider({ min: 0, max: 4, step: 1, value: 2, description: "k" })'];
    writeFileSync(
      file,
      JSON.stringify({
        cells: cells.map((source) => ({ cell_type: "code", source, metadata: {}, execution_count: null, outputs: [] })),
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const executed = await executeNotebook(file, { cellTimeoutMs: 150_000 });
    assert.equal(executed.failure, null);
    const outputs = (executed.notebook.cells[0] as { outputs: Array<{ output_type: string; data?: Record<string, unknown> }> }).outputs;
    const progress = outputs.filter((o) => o.output_type === "display_data");
    assert.equal(progress.length, 1, "one progress display");
    assert.match(String(progress[0]!.data!["text/plain"]), /^mala × 4 chains: 3000\/3000 steps \(100 %\).* done · R̂/);
    const saved = (
      executed.notebook.metadata.widgets as Record<
        string,
        { state: Record<string, { model_name: string; state: Record<string, unknown> }> }
      >
    )[WIDGET_STATE_MIME]!;
    const sliders = Object.values(saved.state).filter((m) => m.model_name === "IntSliderModel");
    assert.equal(sliders.length, 1);
    assert.equal(sliders[0]!.state.value, 2);
    assert.equal(sliders[0]!.state.description, "k");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
