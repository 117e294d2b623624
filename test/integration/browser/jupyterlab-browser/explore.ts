/**
 * The explorer (issue 73 items 1 and 5) in JupyterLab 4's own front-end code, on the page of test/jupyterlab.ts with a
 * real Jupyter server and the emtd kernel in headless Chromium: templates/variants/huber-family.ts over three claims
 * of a few seconds each (a coupling variant). Moving the weight slider from the keyboard refills the rows one by one
 * (timed on the page, one replicate, and reported, not bounded: a test times nothing; the worker's exit within a
 * second is the one bound, as in the --watch test); two moves in quick succession start one worker and show only the last value's
 * rows; a move during a measurement ends the old value's worker within a second (the kernel's worker processes
 * counted with ps) and shows none of its rows; returning to a value seen before shows its rows from the cache, no
 * worker started (the explorer's counters). A screenshot of the cell is written for docs/prototyping.md.
 */
import { TEST_DIR } from "../../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import type { Page } from "playwright-core";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { openJupyterLab, SERVER_FALLBACK, WIDGET_ERROR, type JupyterLabPage, type JupyterLabServer } from "../../../jupyterlab";

const root = path.resolve(TEST_DIR, "..", "..");
export const FAMILY = path.join(root, "templates", "variants", "huber-family.ts");
export const ONLY = ["p1.2-interaction-energy", "p2.1-merkle-diffusion", "p4.2-metastable-risk"];
/** Where the cell's screenshot goes (docs/images/explore-jupyterlab.png is a copy of one). */
export const EXPLORE_SCREENSHOT = path.join(tmpdir(), "emtd-explore-jupyterlab.png");

/** The kernel's worker processes now (its children running variant-watch-worker.js). */
export function workersOf(pid: number): number[] {
  const ps = spawnSync("ps", ["-o", "pid=,stat=,args=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .filter((line) => line.includes("variant-watch-worker.js") && !/^\s*\d+\s+Z/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** In the page: every different state of the explorer in the element `selector` (its rows' states, its status line), timed. */
export const watchExplorer = (selector: string) => {
  const w = globalThis as any;
  w.__explore = [] as Array<{ t: number; rows: string[]; status: string }>;
  let last = "";
  setInterval(() => {
    const cell = w.document.querySelector(selector);
    if (!cell) return;
    const rows = [...cell.querySelectorAll("tr[data-claim]")].map((r: any) => `${r.dataset.claim}=${r.dataset.state}`);
    const status = cell.querySelector(".emtd-explore-status")?.innerText ?? "";
    const key = `${rows.join(" ")}|${status}`;
    if (key !== last) w.__explore.push({ t: w.performance.now(), rows, status });
    last = key;
  }, 10);
};

export type Seen = { t: number; rows: string[]; status: string };
export const decided = (s: Seen) => s.rows.filter((r) => /=(decided|not comparable|error)$/.test(r)).length;
const seen = (page: Page) => page.evaluate(() => (globalThis as any).__explore) as Promise<Seen[]>;

/** Waits until the explorer shows `weight` decided (every row and the "decided" line), and returns what was seen. */
export async function until(page: Page, weight: string, after: number, ms = 120_000): Promise<Seen[]> {
  const end = Date.now() + ms;
  for (;;) {
    const states = (await seen(page)).filter((s) => s.t >= after);
    const last = states.at(-1);
    if (
      last &&
      last.status.includes(`w = ${weight}:`) &&
      /decided in|read from the cache, 0 to measure/.test(last.status) &&
      decided(last) === ONLY.length
    )
      return states;
    if (Date.now() > end) assert.fail(`waited ${ms} ms for w = ${weight}; last seen ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The explorer's counters, read in the kernel. */
async function counters(lab: JupyterLabPage): Promise<{ workers: number; measured: number; fromCache: number; cancelled: number }> {
  const r = await lab.run("JSON.stringify({ workers: x.workers, measured: x.measured, fromCache: x.fromCache, cancelled: x.cancelled })");
  assert.equal(r.status, "ok", r.evalue);
  const outputs = (await lab.page.evaluate((n) => (globalThis as any).lab.outputs(n), r.index)) as Array<{ data?: Record<string, string> }>;
  const text = outputs.find((o) => o.data?.["text/plain"])!.data!["text/plain"]!;
  return JSON.parse(text.slice(1, -1)) as never;
}

/** The test, on the shared server (jupyterlab-browser.test.ts). */
export function exploreTests(server: () => JupyterLabServer, skip: string | false): void {
  test(
    "explore in JupyterLab 4: rows fill in one by one after a slider moves, two quick moves show only the last value, a move mid-measurement leaves no worker for the old value, a value seen before comes from the cache",
    { skip, timeout: 480_000 },
    async (t) => {
      const lab = await openJupyterLab(server());
      const p = lab.page;
      try {
        const pid = await lab.run("process.pid");
        assert.equal(pid.status, "ok", pid.evalue);
        const kernelPid = Number(
          ((await p.evaluate((n) => (globalThis as any).lab.outputs(n), pid.index)) as Array<{ data?: Record<string, string> }>).find(
            (o) => o.data?.["text/plain"],
          )!.data!["text/plain"],
        );
        await p.evaluate(watchExplorer, `.lab-cell[data-index="${pid.index + 1}"]`);
        const made = await lab.run(
          `import { explore } from "emtd/variants";\nconst x = explore(${JSON.stringify(FAMILY)}, { only: ${JSON.stringify(ONLY)} });\nx`,
          120_000,
        );
        assert.equal(made.status, "ok", made.evalue);
        const cell = lab.cell(made.index);
        const weight = cell.locator(".widget-slider").nth(1);
        await weight.waitFor({ timeout: 30_000 });
        await until(p, "0", 0);

        // 1. The weight moved 0 → 0.05: the rows fill in one by one, each timed from the key press.
        const press = async (key: string, times = 1) => {
          await weight.locator(".noUi-handle").focus();
          const at = (await p.evaluate(() => (globalThis as any).performance.now())) as number;
          for (let i = 0; i < times; i++) await p.keyboard.press(key);
          return at;
        };
        const t1 = await press("ArrowRight");
        const filled = await until(p, "0.05", t1);
        const ofValue = filled.filter((s) => s.status.includes("w = 0.05:"));
        const firstRow = ofValue.find((s) => decided(s) >= 1)!;
        const counts = [...new Set(ofValue.map(decided))];
        const times = counts.filter((n) => n > 0).map((n) => (ofValue.find((s) => decided(s) === n)!.t - t1) / 1000);
        t.diagnostic(
          `w 0 → 0.05: first decided row ${((firstRow.t - t1) / 1000).toFixed(2)} s, rows at ${times.map((s) => s.toFixed(2)).join(", ")} s`,
        );
        assert.deepEqual(
          counts.filter((n) => n > 0),
          [1, 2, 3],
          "the rows were decided one by one",
        );
        // Timed, not bounded: the house's tests time nothing (docs/testing.md); docs/prototyping.md quotes these.
        assert.deepEqual(workersOf(kernelPid), [], "no worker left once the value is decided");

        // 2. Two moves in quick succession (0.05 → 0.1 → 0.15): one worker, only 0.15's rows ever shown.
        const before = await counters(lab);
        const t2 = await press("ArrowRight", 2);
        const quick = await until(p, "0.15", t2);
        assert.ok(!quick.some((s) => s.status.includes("w = 0.1:")), "nothing of w = 0.1 shown");
        const afterQuick = await counters(lab);
        assert.equal(afterQuick.workers - before.workers, 1, "one worker for the two moves");

        // 3. Moved during a measurement (0.15 → 0.2, then 0.25 once 0.2's worker runs): the old worker ends within a
        //    second, and no row of 0.2 is decided on the page.
        const t3 = await press("ArrowRight");
        const end3 = Date.now() + 30_000;
        while (workersOf(kernelPid).length === 0 && Date.now() < end3) await new Promise((r) => setTimeout(r, 10));
        const stale = workersOf(kernelPid);
        assert.equal(stale.length, 1, "one worker measures w = 0.2");
        await press("ArrowRight");
        const moved = Date.now();
        while (workersOf(kernelPid).includes(stale[0]!) && Date.now() - moved < 5000) await new Promise((r) => setTimeout(r, 10));
        const gone = Date.now() - moved;
        t.diagnostic(`the w = 0.2 worker exited ${gone} ms after the slider moved on`);
        assert.ok(gone <= 1000, `the old worker exited ${gone} ms after the move (≤ 1 s)`);
        const mid = await until(p, "0.25", t3);
        assert.ok(!mid.some((s) => s.status.includes("w = 0.2:") && decided(s) === ONLY.length), "w = 0.2 was never shown decided");
        assert.deepEqual(workersOf(kernelPid), [], "no worker left for any value");
        assert.ok((await counters(lab)).cancelled >= 1);

        // 4. Back to 0.05 (four steps left in one breath): every row from the cache at once, no worker started.
        const cached = await counters(lab);
        const t4 = await press("ArrowLeft", 4);
        const back = await until(p, "0.05", t4, 10_000);
        const shown = back.find((s) => s.status.includes("w = 0.05:") && decided(s) === ONLY.length)!;
        t.diagnostic(`back to w = 0.05: every row shown ${((shown.t - t4) / 1000).toFixed(2)} s after the key presses`);
        const afterBack = await counters(lab);
        assert.equal(afterBack.workers, cached.workers, "no worker for a value decided before");
        assert.equal(afterBack.measured, cached.measured);
        assert.equal(afterBack.fromCache - cached.fromCache, ONLY.length);
        assert.match(shown.status, /3 read from the cache, 0 to measure/);

        await cell.screenshot({ path: EXPLORE_SCREENSHOT });
        t.diagnostic(`screenshot: ${EXPLORE_SCREENSHOT}`);
        const errors = lab.console.filter((l) => /^(error|pageerror)/.test(l) && !SERVER_FALLBACK.test(l));
        assert.deepEqual(
          lab.console.filter((l) => WIDGET_ERROR.test(l)),
          [],
          "no widget protocol or model error",
        );
        assert.deepEqual(errors, [], "no error on the console");
      } catch (error) {
        t.diagnostic(`browser console: ${lab.console.slice(-30).join("\n")}`);
        throw error;
      } finally {
        await lab.close();
      }
    },
  );
}
