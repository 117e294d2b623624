/**
 * Widgets in a real browser: Debian's classic `jupyter notebook` with its jupyter-js-widgets extension (ipywidgets 6,
 * protocol 1) enabled in a temporary Jupyter config, the emtd kernel installed in a temporary prefix, a notebook in a
 * folder outside the repository, headless Chromium driven by playwright-core. Moving a slider from the keyboard
 * changes the number the kernel's observer prints, and moving interact's slider redraws its figure.
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
const EXTENSION = "/usr/share/jupyter/nbextensions/jupyter-js-widgets/extension.js";
const hasNotebook = spawnSync("jupyter", ["notebook", "--version"], { encoding: "utf8" }).status === 0;
const skip = !hasNotebook
  ? "Debian's jupyter-notebook is not installed"
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} is not installed`
    : !existsSync(EXTENSION)
      ? "Debian's jupyter-nbextension-jupyter-js-widgets is not installed"
      : false;
/** Where the screenshot goes (what a person sees after the slider moved). */
export const SCREENSHOT = path.join(tmpdir(), "emtd-widgets-browser.png");

const CELLS = [
  [
    'import { slider, interact } from "emtd/widgets";',
    'import { lineFigure } from "emtd/display";',
    'const k = slider({ min: 0, max: 10, step: 1, value: 3, description: "k" });',
    "k.observe(({ new: v }) => console.log(`kernel sees k = ${v}`));",
    "k",
  ].join("\n"),
  [
    "interact(",
    "  ({ n }) => lineFigure([0, 1, 2, 3], { y: [0, n, 2 * n, 3 * n] }, { title: `slope ${n}` }),",
    "  { n: [1, 9, 1] },",
    ")",
  ].join("\n"),
];

test(
  "classic Notebook with jupyter-js-widgets in Chromium: a slider moved from the keyboard reaches the kernel; interact redraws its figure",
  { skip, timeout: 150_000 },
  async (t) => {
    const work = mkdtempSync(path.join(tmpdir(), "emtd-widgets-browser-"));
    const notebooks = path.join(work, "my-notebooks");
    mkdirSync(notebooks);
    // The extension enabled in this run's own config (Debian also enables it system-wide in /etc/jupyter).
    mkdirSync(path.join(work, "config", "nbconfig"), { recursive: true });
    writeFileSync(
      path.join(work, "config", "nbconfig", "notebook.json"),
      JSON.stringify({ load_extensions: { "jupyter-js-widgets/extension": true } }),
    );
    const name = "emtd-widgets";
    const install = spawnSync(
      process.execPath,
      [path.join(root, "kernel", "install.js"), "--prefix", path.join(work, "prefix"), "--name", name],
      {
        encoding: "utf8",
      },
    );
    assert.equal(install.status, 0, install.stderr);
    writeFileSync(
      path.join(notebooks, "widgets.ipynb"),
      JSON.stringify({
        cells: CELLS.map((source) => ({ cell_type: "code", source, metadata: {}, execution_count: null, outputs: [] })),
        metadata: { kernelspec: { name, display_name: "EMTD (TypeScript), emtd-widgets", language: "typescript" } },
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
    const consoleLines: string[] = [];
    let page: import("playwright-core").Page | null = null;
    try {
      await waitForServer(`${base}/api/status`, server, () => log);
      browser = await chromium.launchPersistentContext(path.join(work, "chromium-profile"), {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
        viewport: { width: 1100, height: 1400 },
      });
      page = await browser.newPage();
      const p = page;
      p.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      p.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
      await p.goto(`${base}/notebooks/widgets.ipynb`, { waitUntil: "load" });
      // The widget manager's version handshake with the kernel: then widgets are made in its shape (protocol 1).
      const handshake = async () => {
        for (let i = 0; i < 300; i++) {
          if (consoleLines.some((l) => /Widget backend and frontend versions are compatible/.test(l))) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`no widget version handshake: ${consoleLines.slice(-10).join(" | ")}`);
      };
      await handshake();
      const cell = (i: number) => p.locator(".cell").nth(i);
      const run = async (i: number) => {
        await cell(i).locator(".CodeMirror").click();
        await p.keyboard.press("Shift+Enter");
        await p.waitForFunction(
          (n) => /In\s*\[\d+\]/.test((globalThis as any).document.querySelectorAll(".cell")[n].querySelector(".input_prompt").innerText),
          i,
          { timeout: 60_000 },
        );
      };

      await run(0);
      const handle = cell(0).locator(".widget-area .ui-slider-handle");
      await handle.waitFor({ timeout: 20_000 });
      assert.equal((await cell(0).locator(".widget-area .widget-readout").innerText()).trim(), "3");
      // Move it from the keyboard as a person would: focus the handle, press → twice.
      await handle.focus();
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("ArrowRight");
      await p.waitForFunction(
        () =>
          /kernel sees k = 5/.test(
            (globalThis as any).document.querySelectorAll(".cell")[0].querySelector(".output_wrapper")?.innerText ?? "",
          ),
        undefined,
        { timeout: 20_000 },
      );
      const printed = (await cell(0).locator(".output_wrapper").innerText()).trim();
      t.diagnostic(`printed under the slider: ${JSON.stringify(printed)}`);
      assert.match(printed, /kernel sees k = 5$/, "the kernel's observer printed the moved value last");

      await run(1);
      const title = () =>
        p.evaluate(() => (globalThis as any).document.querySelectorAll(".cell")[1].querySelector(".gtitle")?.textContent ?? null);
      await p.waitForFunction(
        () => (globalThis as any).document.querySelectorAll(".cell")[1].querySelector(".widget-area .main-svg") !== null,
        undefined,
        {
          timeout: 30_000,
        },
      );
      assert.equal(await title(), "slope 5", "interact drew its figure for the slider's middle value");
      const nHandle = cell(1).locator(".widget-area .ui-slider-handle");
      await nHandle.focus();
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("ArrowRight");
      await p.waitForFunction(
        () => (globalThis as any).document.querySelectorAll(".cell")[1].querySelector(".gtitle")?.textContent === "slope 8",
        undefined,
        {
          timeout: 30_000,
        },
      );
      assert.equal(await cell(1).locator(".widget-area .js-plotly-plot").count(), 1, "the figure was replaced, not added to");
      await p.screenshot({ path: SCREENSHOT, fullPage: true });
      t.diagnostic(`screenshot: ${SCREENSHOT}`);
    } catch (error) {
      t.diagnostic(`browser console: ${consoleLines.slice(-20).join("\n")}`);
      if (page) {
        t.diagnostic(
          `cells: ${JSON.stringify(await page.evaluate(() => [...(globalThis as any).document.querySelectorAll(".cell")].map((c: any) => c.innerText)))}`,
        );
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
      }
      throw error;
    } finally {
      await browser?.close();
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
