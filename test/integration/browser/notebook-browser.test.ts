/**
 * The emtd kernel in a real Notebook in a real browser: Debian's classic `jupyter notebook` started on a free
 * loopback port, driven by playwright-core in headless Chromium. The notebook lives in a temporary folder outside
 * the repository and imports the library by name. Checked as a person would see it: a drawn figure, `Out[n]:`
 * for an expression, an error shown as an error (name, message, the cell's line, no evaluator frames), the next
 * cell running after it, and the interrupt button stopping an endless loop with the kernel usable after.
 */
import { TEST_DIR } from "../../support/dirs";
import { freePort, waitForServer } from "../../classic-notebook";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const root = path.resolve(TEST_DIR, "..", "..");
const CHROMIUM = "/usr/bin/chromium";
const hasNotebook = spawnSync("jupyter", ["notebook", "--version"], { encoding: "utf8" }).status === 0;
const skip = !hasNotebook ? "Debian's jupyter-notebook is not installed" : !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed` : false;
/** Where the screenshot goes (look at it: it is what a person sees). */
export const SCREENSHOT = path.join(tmpdir(), "emtd-notebook-browser.png");

const CELLS = [
  'import { display, lineFigure } from "emtd/display";\ndisplay(lineFigure([1, 2, 3], { y: [1, 4, 9] }, { title: "squares" }));',
  "6 * 7",
  'const a = 1;\nfunction boom(): never {\n  throw new RangeError("out of range");\n}\nboom();',
  '"after the error"',
  "let spins = 0;\nwhile (true) spins++;",
  '"still alive"',
];

test(
  "a notebook outside the repository, in classic Notebook in Chromium: figure, Out[n], errors, interrupt",
  { skip, timeout: 170_000 },
  async (t) => {
    const work = mkdtempSync(path.join(tmpdir(), "emtd-browser-"));
    const notebooks = path.join(work, "my-notebooks");
    mkdirSync(notebooks);
    const name = "emtd-browser";
    const install = spawnSync(
      process.execPath,
      [path.join(root, "kernel", "install.js"), "--prefix", path.join(work, "prefix"), "--name", name],
      { encoding: "utf8" },
    );
    assert.equal(install.status, 0, install.stderr);
    writeFileSync(
      path.join(notebooks, "mine.ipynb"),
      JSON.stringify({
        cells: CELLS.map((source) => ({ cell_type: "code", source, metadata: {}, execution_count: null, outputs: [] })),
        metadata: { kernelspec: { name, display_name: "EMTD (TypeScript), emtd-browser", language: "typescript" } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const port = await freePort();
    let log = "";
    const server = spawn(
      "jupyter",
      [
        "notebook",
        "--no-browser",
        `--port=${port}`,
        "--ip=127.0.0.1",
        "--NotebookApp.token=",
        "--NotebookApp.password=",
        `--notebook-dir=${notebooks}`,
        "--NotebookApp.open_browser=False",
        ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
      ],
      {
        cwd: notebooks,
        env: {
          ...process.env,
          JUPYTER_PATH: path.join(work, "prefix", "share", "jupyter"),
          JUPYTER_CONFIG_DIR: path.join(work, "config"),
          JUPYTER_DATA_DIR: path.join(work, "data"),
          JUPYTER_RUNTIME_DIR: path.join(work, "runtime"),
          IPYTHONDIR: path.join(work, "ipython"),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stdout!.on("data", (d) => (log += d));
    server.stderr!.on("data", (d) => (log += d));
    const base = `http://127.0.0.1:${port}`;
    const { chromium } = await import("playwright-core");
    let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
    try {
      await waitForServer(`${base}/api/status`, server, () => log);
      browser = await chromium.launchPersistentContext(path.join(work, "chromium-profile"), {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
        viewport: { width: 1200, height: 1700 },
      });
      const page = await browser.newPage();
      await page.goto(`${base}/notebooks/mine.ipynb`, { waitUntil: "load" });
      // The page's own objects (typed loosely: the test is compiled without the DOM library).
      await page.waitForFunction(() => (globalThis as any).Jupyter?.notebook?.kernel?.is_connected?.() === true, undefined, {
        timeout: 60_000,
      });
      const cell = (i: number) => page.locator(".cell").nth(i);
      /** Run cell i from the keyboard (Shift+Enter) and wait until its prompt shows a count. */
      const run = async (i: number, wait = true) => {
        await cell(i).locator(".CodeMirror").click();
        await page.keyboard.press("Shift+Enter");
        if (wait)
          await page.waitForFunction(
            (n) => /In\s*\[\d+\]/.test((globalThis as any).document.querySelectorAll(".cell")[n].querySelector(".input_prompt").innerText),
            i,
            { timeout: 90_000 },
          );
      };

      await run(0);
      await page.waitForFunction(
        () => (globalThis as any).document.querySelectorAll(".cell")[0].querySelectorAll(".main-svg").length > 0,
        undefined,
        { timeout: 30_000 },
      );
      assert.ok((await cell(0).locator(".trace").count()) > 0, "the figure is drawn with its trace");

      await run(1);
      assert.match((await cell(1).locator(".output_prompt").innerText()).replace(/\s/g, ""), /^Out\[2\]:$/);
      assert.equal((await cell(1).locator(".output_result").innerText()).trim(), "42");

      await run(2);
      const error = (await cell(2).locator(".output_error").innerText()).trim();
      t.diagnostic(`error as shown:\n${error}`);
      assert.match(error, /^RangeError: out of range/);
      assert.match(error, /at boom \(cell 3, line 3:\d+\)/);
      assert.match(error, /cell 3, line 5:\d+/);
      for (const machinery of ["evalmachine", "node:vm", "sigintHandlersWrap", "tslab", "node:internal"])
        assert.ok(!error.includes(machinery), `the traceback shows ${machinery}`);

      await run(3);
      assert.equal((await cell(3).locator(".output_result").innerText()).trim(), "'after the error'", "the cell after an error runs");

      await run(4, false);
      await page.waitForFunction(
        () => /In\s*\[\*\]/.test((globalThis as any).document.querySelectorAll(".cell")[4].querySelector(".input_prompt").innerText),
        undefined,
        { timeout: 30_000 },
      );
      await new Promise((r) => setTimeout(r, 1500));
      await page.locator('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]').click();
      await page.waitForFunction(
        () => /In\s*\[\d+\]/.test((globalThis as any).document.querySelectorAll(".cell")[4].querySelector(".input_prompt").innerText),
        undefined,
        { timeout: 30_000 },
      );
      assert.match((await cell(4).locator(".output_error").innerText()).trim(), /^Interrupted/);

      await run(5);
      assert.equal(
        (await cell(5).locator(".output_result").innerText()).trim(),
        "'still alive'",
        "the kernel is usable after the interrupt",
      );
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      t.diagnostic(`screenshot: ${SCREENSHOT}`);
    } finally {
      await browser?.close();
      // Shut the kernels down through the server, then the server itself.
      try {
        const sessions = (await (await fetch(`${base}/api/sessions`)).json()) as Array<{ id: string }>;
        for (const s of sessions) await fetch(`${base}/api/sessions/${s.id}`, { method: "DELETE" });
      } catch {
        // the server is already gone
      }
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
      rmSync(work, { recursive: true, force: true });
    }
  },
);
