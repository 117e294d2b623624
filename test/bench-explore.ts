/**
 * Times the explorer (issue 73) where users meet it: JupyterLab 4's own front-end code in headless Chromium, a real
 * Jupyter server and the emtd kernel (test/jupyterlab.ts's harness), `explore` on a coupling-variant family over every
 * claim it touches (templates/variants/huber-family.ts, no `only`), one replicate. Round r moves one slider r + 1 steps
 * from the keyboard (δ, the coupling's: a coupling variant; or w, the added on-site term's weight) to a value not seen
 * before and reports, from the key press, when each row is decided (the first, and the last), then moves it back and
 * reports when every row is shown again (from the cache, no worker). A benchmark, not a test:
 * `npm run build && node dist/test/bench-explore.js [--slider delta|weight] [--rounds R] [--json]`; quote it with the
 * machine's load (printed).
 */
import { TEST_DIR } from "./support/dirs";
import { loadavg } from "node:os";
import * as path from "node:path";
import { openJupyterLab, startJupyterLab } from "./jupyterlab";
import { decided, type Seen, watchExplorer } from "./integration/browser/jupyterlab-browser/explore";

const FAMILY = path.resolve(TEST_DIR, "..", "..", "templates", "variants", "huber-family.ts");

interface Round {
  value: string;
  rows: number;
  /** Seconds from the key press to each count of decided rows (1, 2, …, rows). */
  decidedAt: number[];
  /** Seconds from the key press back to the earlier value until every row is shown. */
  returnSeconds: number;
  load: number[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--rounds");
  const rounds = at >= 0 ? Number(args[at + 1]) : 1;
  if (!(Number.isInteger(rounds) && rounds >= 1)) {
    console.error(`bench-explore: --rounds must be an integer ≥ 1 (got ${JSON.stringify(args[at + 1])})`);
    process.exit(2);
  }
  const s = args.indexOf("--slider");
  const slider = s >= 0 ? args[s + 1] : "delta";
  if (slider !== "delta" && slider !== "weight") {
    console.error(`bench-explore: --slider must be delta or weight (got ${JSON.stringify(slider)})`);
    process.exit(2);
  }
  // The family's defaults (δ 0.5, w 0) and steps (0.1, 0.05); the status line names the value as "δ = v," or "w = v:".
  const [start, step, label] = slider === "delta" ? [0.5, 0.1, (v: string) => `δ = ${v},`] : [0, 0.05, (v: string) => `w = ${v}:`];
  const server = await startJupyterLab("emtd-bench");
  const lab = await openJupyterLab(server);
  const out: Round[] = [];
  try {
    const p = lab.page;
    const probe = await lab.run("1");
    await p.evaluate(watchExplorer, `.lab-cell[data-index="${probe.index + 1}"]`);
    const made = await lab.run(`import { explore } from "emtd/variants";\nconst x = explore(${JSON.stringify(FAMILY)});\nx`, 600_000);
    if (made.status !== "ok") throw new Error(`explore failed: ${made.evalue}`);
    const weight = lab
      .cell(made.index)
      .locator(".widget-slider")
      .nth(slider === "delta" ? 0 : 1);
    await weight.waitFor({ timeout: 60_000 });
    const seen = () => p.evaluate(() => (globalThis as any).__explore) as Promise<Seen[]>;
    const now = () => p.evaluate(() => (globalThis as any).performance.now()) as Promise<number>;
    /** Waits until `value` is shown decided (the status line says so) and returns its states after `after`. */
    const until = async (value: string, after: number): Promise<Seen[]> => {
      for (const end = Date.now() + 600_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
        const states = (await seen()).filter((s) => s.t >= after && s.status.includes(label(value)));
        const last = states.at(-1);
        if (last && /decided in|to measure/.test(last.status) && decided(last) === last.rows.length && last.rows.length > 0) return states;
      }
      throw new Error(`${label(value)} was not decided within 10 minutes`);
    };
    const first = String(start);
    await until(first, 0);
    const press = async (key: string, times: number) => {
      await weight.locator(".noUi-handle").focus();
      const t = await now();
      for (let i = 0; i < times; i++) await p.keyboard.press(key);
      return t;
    };
    for (let r = 0; r < rounds; r++) {
      // Round r moves the slider r + 1 steps (a value not seen before), then back to the first (seen: from the cache).
      const value = String(Math.round(100 * (start + step * (r + 1))) / 100);
      const load = loadavg().map((l) => Number(l.toFixed(2)));
      const t1 = await press("ArrowRight", r + 1);
      const states = await until(value, t1);
      const rows = states.at(-1)!.rows.length;
      const decidedAt = Array.from({ length: rows }, (_, k) => (states.find((s) => decided(s) >= k + 1)!.t - t1) / 1000);
      const t2 = await press("ArrowLeft", r + 1);
      const back = await until(first, t2);
      out.push({ value, rows, decidedAt, returnSeconds: (back.at(-1)!.t - t2) / 1000, load });
    }
  } finally {
    await lab.close();
    await server.close();
  }
  if (args.includes("--json")) console.log(JSON.stringify({ family: FAMILY, slider, rounds: out }, null, 2));
  else
    for (const r of out)
      console.log(
        `${slider} ${start} → ${r.value}: ${r.rows} rows; first decided ${r.decidedAt[0]!.toFixed(2)} s, last ${r.decidedAt.at(-1)!.toFixed(2)} s ` +
          `(rows at ${r.decidedAt.map((s) => s.toFixed(1)).join(", ")} s); back to ${start}: every row in ${r.returnSeconds.toFixed(2)} s; ` +
          `load average ${r.load.join(" ")}`,
      );
}

main().catch((error) => {
  console.error(`bench-explore: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
