/**
 * A classic Notebook in headless Chromium for browser tests: Debian's `jupyter notebook` on a free loopback port with
 * the jupyter-js-widgets extension enabled in a temporary config (unless told not to), the emtd kernel installed in a
 * temporary prefix, the notebook in a folder outside the repository, playwright-core driving Chromium. `close` ends
 * all of it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { BrowserContext, Page } from "playwright-core";

const root = path.resolve(__dirname, "..", "..");
export const CHROMIUM = "/usr/bin/chromium";
const EXTENSION = "/usr/share/jupyter/nbextensions/jupyter-js-widgets/extension.js";

/** Why a classic-Notebook browser test cannot run here, or false. */
export function classicNotebookMissing(): string | false {
  if (spawnSync("jupyter", ["notebook", "--version"], { encoding: "utf8" }).status !== 0)
    return "Debian's jupyter-notebook is not installed";
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  return false;
}

/** Why a classic-Notebook widget test cannot run here, or false. */
export function classicWidgetsMissing(): string | false {
  const missing = classicNotebookMissing();
  if (missing) return missing;
  if (!existsSync(EXTENSION)) return "Debian's jupyter-nbextension-jupyter-js-widgets is not installed";
  return false;
}

/** A free loopback port for a server. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Wait (a minute at most) until `url` answers, failing with the server's log if it exits or never does. */
export async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`jupyter notebook exited: ${log().slice(-2000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jupyter notebook did not answer at ${url}: ${log().slice(-2000)}`);
}

/** Chromium's flags in every browser test: headless, no sandbox (root in a container), no GPU, nothing fetched on its own. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium (playwright-core) with its profile in the fresh folder `profile`. */
export async function launchChromium(
  profile: string,
  options: { viewport?: { width: number; height: number }; flags?: string[] } = {},
): Promise<BrowserContext> {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(options.flags ?? [])],
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
}

export interface JupyterServer {
  /** The server's URL, without a trailing slash. */
  base: string;
  /** What the server printed. */
  log(): string;
  /** End its sessions and kernels, then the server. */
  close(): Promise<void>;
}

/**
 * Debian's `jupyter notebook` on a free loopback port, without token or password, serving `notebooks`, with its config,
 * data and runtime folders in `work` and its kernels from `work`/prefix (where the tests install the emtd kernel);
 * `args` are more of its options. Resolves once it answers.
 */
export async function startJupyter(work: string, notebooks: string, args: string[] = []): Promise<JupyterServer> {
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
      ...args,
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
  const close = async () => {
    for (const kind of ["sessions", "kernels"]) {
      try {
        const items = (await (await fetch(`${base}/api/${kind}`)).json()) as Array<{ id: string }>;
        for (const item of items) await fetch(`${base}/api/${kind}/${item.id}`, { method: "DELETE" });
      } catch {
        // the server is already gone
      }
    }
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  };
  try {
    await waitForServer(`${base}/api/status`, server, () => log);
  } catch (error) {
    await close();
    throw error;
  }
  return { base, log: () => log, close };
}

export interface ClassicNotebook {
  page: Page;
  /** What the page printed on its console (and its uncaught errors). */
  console: string[];
  /** The notebook's URL. */
  url: string;
  close(): Promise<void>;
}

export interface ClassicNotebookOptions {
  /** A script the page runs before its own (playwright's `addInitScript`). */
  initScript?: string;
  /** Enable jupyter-js-widgets in this run's own nbconfig (default true; Debian also enables it in /etc/jupyter). */
  widgetsExtension?: boolean;
  /** The page's size (default 1100 × 1600). */
  viewport?: { width: number; height: number };
}

/**
 * Start the server with `cells` as `name.ipynb`, open Chromium on it. `setup` is the options, or (as the first callers
 * wrote it) just the init script.
 */
export async function openClassicNotebook(
  name: string,
  cells: string[],
  setup: string | ClassicNotebookOptions = {},
): Promise<ClassicNotebook> {
  const options: ClassicNotebookOptions = typeof setup === "string" ? { initScript: setup } : setup;
  const work = mkdtempSync(path.join(tmpdir(), "emtd-classic-"));
  const notebooks = path.join(work, "my-notebooks");
  mkdirSync(notebooks);
  if (options.widgetsExtension ?? true) {
    mkdirSync(path.join(work, "config", "nbconfig"), { recursive: true });
    writeFileSync(
      path.join(work, "config", "nbconfig", "notebook.json"),
      JSON.stringify({ load_extensions: { "jupyter-js-widgets/extension": true } }),
    );
  }
  const kernel = `emtd-${name}`;
  const install = spawnSync(
    process.execPath,
    [path.join(root, "kernel", "install.js"), "--prefix", path.join(work, "prefix"), "--name", kernel],
    {
      encoding: "utf8",
    },
  );
  if (install.status !== 0) throw new Error(`kernel install failed: ${install.stderr}`);
  writeFileSync(
    path.join(notebooks, `${name}.ipynb`),
    JSON.stringify({
      cells: cells.map((source) => ({ cell_type: "code", source, metadata: {}, execution_count: null, outputs: [] })),
      metadata: { kernelspec: { name: kernel, display_name: `EMTD (TypeScript), ${kernel}`, language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  let jupyter: JupyterServer | null = null;
  let browser: BrowserContext | null = null;
  const close = async () => {
    await browser?.close();
    await jupyter?.close();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    jupyter = await startJupyter(work, notebooks);
    const base = jupyter.base;
    browser = await launchChromium(path.join(work, "chromium-profile"), { viewport: options.viewport ?? { width: 1100, height: 1600 } });
    const page = await browser.newPage();
    const lines: string[] = [];
    page.on("console", (m) => lines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => lines.push(`pageerror: ${e.message}`));
    if (options.initScript) await page.addInitScript(options.initScript);
    const url = `${base}/notebooks/${name}.ipynb`;
    await page.goto(url, { waitUntil: "load" });
    return { page, console: lines, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
