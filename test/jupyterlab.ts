/**
 * JupyterLab 4's notebook front end in headless Chromium for browser tests, built from its own npm packages:
 * test/integration/browser/jupyterlab/page.mjs (`@jupyterlab/services`, `@jupyterlab/outputarea`,
 * `@jupyterlab/rendermime`, `@jupyter-widgets/jupyterlab-manager` 5's KernelWidgetManager and WidgetRenderer, controls
 * 5, base 6) bundled by esbuild once per lockfile (test/jupyterlab-bundle.ts), served on a loopback port beside a real
 * Jupyter server (Debian's `jupyter notebook`, its REST API and kernel websockets only, the emtd kernel installed in a
 * temporary prefix, started by test/classic-notebook.ts's startJupyter). `close` ends all of it. The `reopen` entry
 * builds jupyterlab/reopen.mjs instead: a saved notebook reopened through the widget manager plugin (issue 45 item 4).
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { classicNotebookMissing, type JupyterServer, launchChromium, startJupyter } from "./classic-notebook";
import { cachedLabPage, type LabPageOptions } from "./jupyterlab-bundle";

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

/** Serve the files of `dir` on a loopback port. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(dir, name);
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` };
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
  close(): Promise<void>;
}

/** Start the Jupyter server with the emtd kernel and open the JupyterLab page on it in Chromium. */
export async function openJupyterLab(name: string, options: LabPageOptions = {}): Promise<JupyterLabPage> {
  const work = mkdtempSync(path.join(tmpdir(), "emtd-lab-"));
  const notebooks = path.join(work, "my-notebooks");
  mkdirSync(notebooks);
  const kernel = `emtd-${name}`;
  const install = spawnSync(
    process.execPath,
    [path.join(root, "kernel", "install.js"), "--prefix", path.join(work, "prefix"), "--name", kernel],
    { encoding: "utf8" },
  );
  if (install.status !== 0) throw new Error(`kernel install failed: ${install.stderr}`);
  const bundle = await cachedLabPage(options);
  const pageSite = await serve(bundle.dir);
  const pageOrigin = pageSite.url.replace(/\/$/, "");
  let jupyter: JupyterServer | null = null;
  let browser: BrowserContext | null = null;
  const close = async () => {
    await browser?.close();
    await jupyter?.close();
    pageSite.server.closeAllConnections();
    await new Promise((r) => pageSite.server.close(r));
    rmSync(work, { recursive: true, force: true });
  };
  try {
    // The page is served from its own loopback origin: the server lets it in (REST and websockets).
    jupyter = await startJupyter(work, notebooks, [`--NotebookApp.allow_origin=${pageOrigin}`, "--NotebookApp.disable_check_xsrf=True"]);
    const base = jupyter.base;
    browser = await launchChromium(path.join(work, "chromium-profile"), { viewport: { width: 1100, height: 1400 } });
    const page = await browser.newPage();
    const lines: string[] = [];
    page.on("console", (m) => lines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => lines.push(`pageerror: ${e.message}`));
    await page.goto(pageSite.url, { waitUntil: "load" });
    await page.evaluate(({ baseUrl, kernel }) => (globalThis as any).lab.start({ baseUrl, kernel }), { baseUrl: `${base}/`, kernel });
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
      notebooks,
      close,
    };
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}\n--- jupyter log ---\n${jupyter?.log().slice(-3000) ?? ""}`, { cause: error });
  }
}
