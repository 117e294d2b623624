/**
 * JupyterLab 4's notebook front end in headless Chromium for browser tests, built from its own npm packages:
 * test/integration/browser/jupyterlab/page.mjs (`@jupyterlab/services`, `@jupyterlab/outputarea`,
 * `@jupyterlab/rendermime`, `@jupyter-widgets/jupyterlab-manager` 5's KernelWidgetManager and WidgetRenderer, controls
 * 5, base 6) bundled by esbuild once per lockfile (test/jupyterlab-bundle.ts), served on a loopback port beside a real
 * Jupyter server (Debian's `jupyter notebook`, its REST API and kernel websockets only, the emtd kernel installed in a
 * temporary prefix, started by test/classic-notebook.ts's startJupyter). `startJupyterLab` starts that server once for
 * all the tests; `openJupyterLab` opens a page, with a kernel of its own, on it. The `reopen` entry builds
 * jupyterlab/reopen.mjs instead: a saved notebook reopened through the widget manager plugin (issue 45 item 4).
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { classicNotebookMissing, type JupyterServer, launchChromium, startJupyter } from "./classic-notebook";
import { cachedLabPage, LAB_CACHE, type LabPageOptions } from "./jupyterlab-bundle";

export type { LabEntry, LabPageOptions } from "./jupyterlab-bundle";

const root = path.resolve(__dirname, "..", "..");

/** Console lines that are widget errors (what ipywidgets' manager and renderer print when a model fails). */
export const WIDGET_ERROR =
  /Wrong widget protocol version|Exception opening new comm|widget model not found|Could not create|Error displaying widget|Could not instantiate|Class .* not found|Cannot find (model|view) module/i;
/**
 * The one error line the page shows that is not the kernel's: `@jupyterlab/services` first offers the kernel websocket
 * subprotocol (`v1.kernel.websocket.jupyter.org`), which Debian's notebook 6 server does not speak, then reconnects
 * without it, as JupyterLab does against such a server.
 */
export const SERVER_FALLBACK = /Sec-WebSocket-Protocol/;

// A run that records every 80 ms (the cell yields between records, as a long asynchronous run does), then flushes.
export const LIVE_PLOT = [
  'import { livePlot } from "emtd/display";',
  'const plot = livePlot(40, { keys: ["energy"], intervalMs: 0 });',
  // The page first runs the plotly.js that livePlot embeds (once per session): a busy second or so.
  "await new Promise((r) => setTimeout(r, 1500));",
  "for (let step = 1; step <= 40; step++) {",
  "  plot({ step, energy: 10 / step, temperature: 1, acceptance: 1, consensusError: 0, stepSize: 0.1 });",
  "  await new Promise((r) => setTimeout(r, 80));",
  "}",
  "plot.flush();",
  "40",
].join("\n");

/** In the page: the number of points of the line cell `i` shows, each time it changes (a drawn plotly graph or an SVG frame). */
export const watchLine = (i: number) => {
  const w = globalThis as any;
  w.__emtdLine = [] as number[];
  setInterval(() => {
    const cell = w.document.querySelector(`.lab-cell[data-index="${i}"]`);
    if (!cell) return;
    const gd = cell.querySelector(".js-plotly-plot");
    // An SVG frame: JupyterLab's renderer shows it as an <img> of the SVG (a data URL), classic Notebook inline.
    const img = cell.querySelector('img[src^="data:image/svg+xml"]');
    const svgText = img
      ? decodeURIComponent(img.src.slice(img.src.indexOf(",") + 1))
      : (cell.querySelector("svg[data-emtd-points]")?.outerHTML ?? "");
    const frame = /data-emtd-points="(\d+)"/.exec(svgText);
    const points = gd?.data?.[0]?.x?.length ?? (frame ? Number(frame[1]) : null);
    const seen = w.__emtdLine;
    if (points !== null && seen[seen.length - 1] !== points) seen.push(points);
  }, 20);
};

/** Why the JupyterLab browser tests cannot run here, or false. */
export function jupyterLabMissing(): string | false {
  const missing = classicNotebookMissing();
  if (missing) return missing;
  for (const pkg of ["esbuild", "@jupyter-widgets/jupyterlab-manager/package.json", "@jupyterlab/outputarea", "@jupyterlab/services"]) {
    try {
      require.resolve(pkg, { paths: [root] });
    } catch {
      return `${pkg} is not installed (npm install: a devDependency)`;
    }
  }
  return false;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".gif": "image/gif",
};

/** Serve the files under `dir` on a loopback port (a folder's URL serves its index.html). */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let name = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    if (name === "" || name.endsWith("/")) name += "index.html";
    const file = path.join(dir, name);
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

/** The one Jupyter server the JupyterLab browser tests share, with the emtd kernel and the pages' own server. */
export interface JupyterLabServer {
  /** The Jupyter server's URL, without a trailing slash. */
  base: string;
  /** The installed kernel's name: each page starts its own kernel of it. */
  kernel: string;
  /** The server's notebook folder (what its contents API serves). */
  notebooks: string;
  /** The origin that serves the bundled pages (the Jupyter server lets it in). */
  pageOrigin: string;
  /** A temporary folder of this server's, removed by `close`. */
  work: string;
  /** What the Jupyter server printed. */
  log(): string;
  close(): Promise<void>;
}

/**
 * Install the emtd kernel in a temporary prefix, serve the page bundles (test/jupyterlab-bundle.ts's cache) on a
 * loopback port and start a Jupyter server that lets that origin in (REST and websockets): once for all the
 * JupyterLab browser tests of a run, each of which then opens its own page and kernel (openJupyterLab).
 */
export async function startJupyterLab(kernel = "emtd-lab"): Promise<JupyterLabServer> {
  const work = mkdtempSync(path.join(tmpdir(), "emtd-lab-"));
  const notebooks = path.join(work, "my-notebooks");
  mkdirSync(notebooks);
  mkdirSync(LAB_CACHE, { recursive: true });
  let jupyter: JupyterServer | null = null;
  let pages: Awaited<ReturnType<typeof serve>> | null = null;
  const close = async () => {
    await jupyter?.close();
    pages?.server.closeAllConnections();
    await new Promise((r) => (pages ? pages.server.close(r) : r(null)));
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const install = spawnSync(
      process.execPath,
      [path.join(root, "kernel", "install.js"), "--prefix", path.join(work, "prefix"), "--name", kernel],
      { encoding: "utf8" },
    );
    if (install.status !== 0) throw new Error(`kernel install failed: ${install.stderr}`);
    pages = await serve(LAB_CACHE);
    jupyter = await startJupyter(work, notebooks, [`--NotebookApp.allow_origin=${pages.url}`, "--NotebookApp.disable_check_xsrf=True"]);
    const log = jupyter.log;
    return { base: jupyter.base, kernel, notebooks, pageOrigin: pages.url, work, log, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface JupyterLabPage {
  page: Page;
  /** What the page printed on its console (and its uncaught errors). */
  console: string[];
  /** Run a cell (trusted unless told); resolves when the kernel has answered it. */
  run(
    code: string,
    timeoutMs?: number,
    options?: { trusted?: boolean },
  ): Promise<{ index: number; status: string; ename?: string; evalue?: string }>;
  /** The output node of cell `i`. */
  cell(i: number): ReturnType<Page["locator"]>;
  /** Seconds esbuild took to bundle the page (0 when it came from the cache). */
  bundleSeconds: number;
  /** Whether the page's bundle came from the cache. */
  bundleCached: boolean;
  /** The server's notebook folder (what its contents API serves). */
  notebooks: string;
  /** Close the browser and shut down the kernels the page started. */
  close(): Promise<void>;
}

/** The ids of the server's running kernels. */
async function kernelIds(base: string): Promise<string[]> {
  return ((await (await fetch(`${base}/api/kernels`)).json()) as Array<{ id: string }>).map((k) => k.id);
}

/**
 * Open the JupyterLab page (bundled once, test/jupyterlab-bundle.ts) on `server` in a fresh Chromium and start it, which
 * starts a kernel of its own. The tests run one at a time, so the kernels that appear until `close` are this page's.
 */
export async function openJupyterLab(server: JupyterLabServer, options: LabPageOptions = {}): Promise<JupyterLabPage> {
  const bundle = await cachedLabPage(options);
  const before = new Set(await kernelIds(server.base));
  const profile = mkdtempSync(path.join(server.work, "chromium-"));
  let browser: BrowserContext | null = null;
  const close = async () => {
    await browser?.close();
    try {
      for (const id of (await kernelIds(server.base)).filter((k) => !before.has(k))) {
        await fetch(`${server.base}/api/kernels/${id}`, { method: "DELETE" });
      }
    } catch {
      // the server is gone (the suite's after hook says so)
    }
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    browser = await launchChromium(profile, { viewport: { width: 1100, height: 1400 } });
    const page = await browser.newPage();
    const lines: string[] = [];
    page.on("console", (m) => lines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => lines.push(`pageerror: ${e.message}`));
    await page.goto(`${server.pageOrigin}/${path.basename(bundle.dir)}/`, { waitUntil: "load" });
    await page.evaluate(({ baseUrl, kernel }) => (globalThis as any).lab.start({ baseUrl, kernel }), {
      baseUrl: `${server.base}/`,
      kernel: server.kernel,
    });
    const run = async (code: string, timeoutMs = 120_000, options: { trusted?: boolean } = {}) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        return (await Promise.race([
          page.evaluate(([c, trusted]) => (globalThis as any).lab.run(c, trusted), [code, options.trusted ?? true] as const),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the cell did not finish in ${timeoutMs} ms: ${code}`)), timeoutMs);
          }),
        ])) as { index: number; status: string; ename?: string; evalue?: string };
      } finally {
        clearTimeout(timer);
      }
    };
    return {
      page,
      console: lines,
      run,
      cell: (i: number) => page.locator(`.lab-cell[data-index="${i}"]`),
      bundleSeconds: bundle.seconds,
      bundleCached: bundle.cached,
      notebooks: server.notebooks,
      close,
    };
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}\n--- jupyter log ---\n${server.log().slice(-3000)}`, { cause: error });
  }
}
