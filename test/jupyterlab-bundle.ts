/**
 * The JupyterLab test pages (test/integration/browser/jupyterlab/*.mjs) bundled by esbuild once, not once per test:
 * each bundle lives in node_modules/.cache/emtd-jupyterlab/<entry>-<hash>/, the hash over package-lock.json (the
 * packages bundled), the pages' sources, this module's own code (esbuild's options) and the options, so a later run or
 * another test process reuses it and any change to what goes in makes a new one. A bundle is built in a temporary
 * folder beside its place and renamed into it: a reader never sees half a bundle, and of two processes that race, the
 * second to finish keeps the first's.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const PAGES = path.join(root, "test", "integration", "browser", "jupyterlab");
/** Where the bundles are kept (what the page server serves). */
export const LAB_CACHE = path.join(root, "node_modules", ".cache", "emtd-jupyterlab");
/** The virtual module the page imports for a plotly mime extension (none, or jupyterlab-plotly's). */
const PLOTLY_MODULE = "emtd-lab-plotly-extension";

/** The pages: `page` runs cells (page.mjs), `reopen` opens a saved notebook as JupyterLab's notebook widget plugin does (reopen.mjs). */
export type LabEntry = "page" | "reopen";

export interface LabPageOptions {
  /** The module that exports jupyterlab-plotly's mime extension, which the page adds to its rendermime. */
  plotlyRenderer?: string;
  entry?: LabEntry;
}

export interface LabBundle {
  dir: string;
  /** Seconds esbuild took (0 when the bundle came from the cache). */
  seconds: number;
  /** Whether an earlier build (this run's or a past one's) made it. */
  cached: boolean;
}

/** The bundle's folder name: its entry and the sha256 of everything it is built from. */
export function labBundleName(options: LabPageOptions = {}): string {
  const hash = createHash("sha256");
  const add = (label: string, data: string | Buffer) => hash.update(`${label} ${data.length}\n`).update(data);
  add("package-lock.json", readFileSync(path.join(root, "package-lock.json")));
  for (const name of readdirSync(PAGES)
    .filter((n) => n.endsWith(".mjs"))
    .sort())
    add(name, readFileSync(path.join(PAGES, name)));
  add("builder", readFileSync(__filename));
  add("options", JSON.stringify({ entry: options.entry ?? "page", plotlyRenderer: options.plotlyRenderer ?? null }));
  return `${options.entry ?? "page"}${options.plotlyRenderer ? "-plotly" : ""}-${hash.digest("hex").slice(0, 20)}`;
}

/** The page's bundle from the cache, built (and kept) first if it is not there. */
export async function cachedLabPage(options: LabPageOptions = {}): Promise<LabBundle> {
  const dir = path.join(LAB_CACHE, labBundleName(options));
  // index.html is written last, so a folder without it is a broken copy (not one being written: those have temporary names).
  if (existsSync(path.join(dir, "index.html"))) return { dir, seconds: 0, cached: true };
  mkdirSync(LAB_CACHE, { recursive: true });
  const temp = mkdtempSync(path.join(LAB_CACHE, `.${path.basename(dir)}.tmp-`));
  try {
    const built = await buildLabPage(temp, options);
    if (existsSync(dir) && !existsSync(path.join(dir, "index.html"))) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(temp, dir);
    } catch (error) {
      // Another process put a whole bundle there first: keep it.
      if (!["EEXIST", "ENOTEMPTY"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    }
    return { dir, seconds: built.seconds, cached: false };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Bundle the page into `dir` (index.html, lab.js, lab.css and the assets they name); with `plotlyRenderer`, the
 * module that exports jupyterlab-plotly's mime extension is what the page adds to its rendermime.
 */
export async function buildLabPage(dir: string, options: LabPageOptions = {}): Promise<{ dir: string; seconds: number }> {
  const esbuild = require(require.resolve("esbuild", { paths: [root] })) as typeof import("esbuild");
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: { lab: path.join(PAGES, `${options.entry ?? "page"}.mjs`) },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome110",
    outdir: dir,
    absWorkingDir: root,
    nodePaths: [path.join(root, "node_modules")],
    logLevel: "error",
    minify: false,
    sourcemap: false,
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".svg": "file", ".png": "file", ".gif": "file" },
    plugins: [
      {
        name: "emtd-lab-plotly",
        setup(build) {
          build.onResolve({ filter: new RegExp(`^${PLOTLY_MODULE}$`) }, () =>
            options.plotlyRenderer ? { path: options.plotlyRenderer } : { path: PLOTLY_MODULE, namespace: "emtd-empty" },
          );
          build.onLoad({ filter: /.*/, namespace: "emtd-empty" }, () => ({ contents: "export default null;", loader: "js" }));
          // jupyterlab-plotly's renderer loads plotly.js from `plotly.js/dist/plotly`: here the project's own plotly.js
          // (plotly.js-dist-min, what the kernel embeds), as the full plotly.js package is not installed.
          build.onResolve({ filter: /^plotly\.js\/dist\/plotly$/ }, () => ({
            path: require.resolve("plotly.js-dist-min", { paths: [root] }),
          }));
        },
      },
    ],
  });
  const html =
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>emtd in JupyterLab 4\'s output code</title>' +
    '<link rel="icon" href="data:,">' +
    '<link rel="stylesheet" href="lab.css"></head><body class="jp-ThemedContainer"><div id="cells"></div>' +
    '<script src="lab.js"></script></body></html>';
  writeFileSync(path.join(dir, "index.html"), html);
  return { dir, seconds: (Date.now() - started) / 1000 };
}
