/**
 * What a cell's progress display leaves behind (issue 51: notebook 00's verdict table sat under "ula: 5500/9000 steps
 * (61 %) · stopped after 5500 steps", the last chain of the last claim it measured, which read as a run cut short).
 * The kernel's watcher (viz/progress-display.ts) is driven here through a stand-in publisher, as the kernel installs
 * it: a run its stop rule ends is done, not cut short; a loop that ran inside another leaves nothing; a loop described
 * with `leave: false` leaves nothing, and headless nothing is drawn at all; `showVerdicts` (notebook 00's last cell)
 * leaves no display; an error still reads as one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { run, type RunOptions } from "../../../src/dynamics/run";
import { mala } from "../../../src/dynamics/gradient";
import { interaction } from "../../../src/hamiltonian/interaction";
import { graphs } from "../../../src/graph/generators";
import { key } from "../../../src/engine/random";
import { ready } from "../../../src/engine/backend";
import { KERNEL_PUBLISHER } from "../../../src/viz/display";
import { KERNEL_COMMS } from "../../../src/viz/kernel-comms";
import { progressDisplays } from "../../../src/viz/progress-display";
import { PROGRESS_WATCHER, watchProgress } from "../../../src/progress";
import { showVerdicts } from "../../../src/claims/machinery/display";

interface Published {
  type: string;
  text: string;
  html: string;
}

let cells = 0;

/** Runs `body` in a stand-in kernel cell with the kernel's watcher installed; returns what the cell published. */
async function inCell(finalOnly: boolean, body: () => Promise<void> | void): Promise<Published[]> {
  const published: Published[] = [];
  const g = globalThis as Record<symbol, unknown>;
  g[KERNEL_PUBLISHER] = (type: string, content: { data?: Record<string, unknown> }) =>
    void published.push({ type, text: String(content.data?.["text/plain"] ?? ""), html: String(content.data?.["text/html"] ?? "") });
  const cell = `cell-${++cells}`;
  g[KERNEL_COMMS] = { parent: () => ({ msg_id: cell }) };
  // intervalMs 0: every report is drawn live, so the last draw is what the front end keeps.
  g[PROGRESS_WATCHER] = progressDisplays({ finalOnly, intervalMs: 0 });
  try {
    await body();
  } finally {
    delete g[KERNEL_PUBLISHER];
    delete g[KERNEL_COMMS];
    delete g[PROGRESS_WATCHER];
  }
  return published;
}

/** A MALA run on a 32-node ring; with `stopAt`, its stopWhen ends it at that step. */
function sample(steps: number, stopAt?: number): void {
  const graph = graphs.ring(32, 2);
  const options: RunOptions = { steps, burnIn: 0, recordEvery: 10 };
  if (stopAt !== undefined) options.stopWhen = (record) => record.step >= stopAt;
  const r = run(mala(interaction(graph), { step: 0.1, temperature: 1 }), tf.zeros([32, 1]), options, key(1));
  r.final.dispose();
}

const last = (published: Published[]) => published[published.length - 1]!;

test("a run its stop rule ends is done (a full bar), not 'stopped after', headless and live", async () => {
  await ready({ backend: "wasm" });
  for (const finalOnly of [true, false]) {
    const published = await inCell(finalOnly, () => sample(400, 100));
    assert.ok(published.length >= 1, "the run's end is shown");
    const end = last(published);
    assert.match(end.text, /^mala: \d+ steps · [\d.e+]+ steps\/s · done at its stop rule \(at most 400\)$/);
    assert.doesNotMatch(end.text, /stopped after/);
    const bar = /<progress value="(\d+)" max="(\d+)"/.exec(end.html);
    assert.ok(bar && bar[1] === bar[2], `a full bar: ${end.html}`);
  }
});

test("a run that took every step is done; one broken off says so", async () => {
  await ready({ backend: "wasm" });
  const done = await inCell(true, () => sample(200));
  assert.equal(done.length, 1, "headless: one draw, the end");
  assert.match(last(done).text, /^mala: 200\/200 steps \(100 %\) · .* · done$/);
  const broken = await inCell(true, () => {
    const watch = watchProgress({ label: "loop", total: 10 })!;
    watch(4);
    watch.end("failed");
  });
  assert.match(last(broken).text, /^loop: 4\/10 steps \(40 %\) · .* · broken off after 4 steps \(an error or an interrupt\)$/);
});

test("a loop inside another leaves nothing: the outer loop's end alone stays", async () => {
  await ready({ backend: "wasm" });
  for (const finalOnly of [true, false]) {
    const published = await inCell(finalOnly, () => {
      const outer = watchProgress({ label: "outer", total: 2, unit: "tasks" })!;
      sample(100, 50);
      outer(1);
      sample(100);
      outer(2);
      outer.end();
    });
    const end = last(published);
    assert.match(end.text, /^outer: 2\/2 tasks \(100 %\) · .* · done$/);
    assert.equal(end.html.match(/<progress/g)?.length, 1, "one bar: the inner runs' lines are gone");
  }
});

test("leave: false leaves nothing: live, the display is emptied; headless, nothing is drawn", async () => {
  await ready({ backend: "wasm" });
  const body = () => {
    const outer = watchProgress({ label: "measuring claims", total: 2, unit: "claims", leave: false })!;
    sample(100, 30);
    outer(1);
    sample(100, 60);
    outer(2);
    outer.end("completed");
  };
  const live = await inCell(false, body);
  assert.ok(live.length > 1, "live, the display was drawn while the loops ran");
  assert.deepEqual([last(live).type, last(live).text, last(live).html], ["update_display_data", "", ""]);
  assert.deepEqual(await inCell(true, body), [], "headless: no display at all");
});

test("showVerdicts (notebook 00's last cell, every notebook's verdict cell) leaves no progress display", async () => {
  await ready({ backend: "wasm" });
  // p1.3-free-energy-argmin runs 16 Langevin loops, two in each cell whose cost term confines ℋ (about 11 s), unless a cache has it.
  const ids = ["p1.3-free-energy-argmin"];
  let rows = 0;
  const headless = await inCell(true, async () => void (rows = (await showVerdicts(ids)).rows.length));
  assert.equal(rows, 1);
  assert.deepEqual(headless, [], "headless: nothing drawn");
  const live = await inCell(false, async () => void (await showVerdicts(ids)));
  assert.ok(
    live.some((p) => p.text.startsWith("measuring claims: 0/1 claims")),
    "live, a line for the claims while they are measured",
  );
  assert.deepEqual([last(live).text, last(live).html], ["", ""], "and nothing left once the table is ready");
});
