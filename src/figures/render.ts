/**
 * Static images of plotly figures through a real headless browser: Debian's chromium driven by playwright-core,
 * with plotly.js injected from the installed package (no network). Without a browser (or without
 * playwright-core) {@link openRenderer} returns the reason instead, and callers skip the images.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Figure } from "../viz/plotly";
import { plotlyScript } from "../viz/plotly";

export const CHROMIUM = process.env.EMTD_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Renderer {
  /** PNG bytes and SVG text of `figure` at `width`×`height` CSS pixels (`scale` multiplies the PNG's pixels). */
  render(
    figure: Figure,
    options?: { width?: number; height?: number; scale?: number; layout?: Record<string, unknown> },
  ): Promise<{ png: Buffer; svg: string }>;
  close(): Promise<void>;
}

/**
 * A renderer, or `{ reason }` saying in one line why images cannot be made here and how to fix it. Close it when
 * done (it holds a browser process and a temporary profile folder).
 *
 * @example
 * ```ts
 * import { openRenderer } from "emtd/figures";
 * const r = await openRenderer(); // starts chromium: seconds, not milliseconds
 * if ("reason" in r) {
 *   r.reason; // e.g. "no browser at /usr/bin/chromium: images skipped (install one with `apt-get install chromium`, or set EMTD_CHROMIUM)"
 * } else {
 *   const { png, svg } = await r.render(lineFigure([0, 1], { y: [0, 1] }), { width: 320, height: 240 });
 *   png.subarray(1, 4).toString(); // → "PNG" (the PNG signature)
 *   svg.slice(0, 4); // → "<svg"
 *   await r.close();
 * }
 * ```
 */
export async function openRenderer(): Promise<Renderer | { reason: string }> {
  if (!existsSync(CHROMIUM))
    return { reason: `no browser at ${CHROMIUM}: images skipped (install one with \`apt-get install chromium\`, or set EMTD_CHROMIUM)` };
  let chromium: typeof import("playwright-core").chromium;
  try {
    chromium = (await import("playwright-core")).chromium;
  } catch {
    return { reason: "playwright-core is not installed: images skipped (`npm install playwright-core`)" };
  }
  const profile = mkdtempSync(path.join(tmpdir(), "emtd-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  const page = await context.newPage();
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8">${plotlyScript()}</head><body><div id="plot"></div></body></html>`,
  );
  await page.waitForFunction("Boolean(window.Plotly)");
  return {
    async render(figure, options = {}) {
      const spec = figure.toJSON();
      Object.assign(spec.layout, options.layout ?? {});
      const height = options.height ?? (typeof spec.layout.height === "number" ? spec.layout.height : 420);
      const width = options.width ?? 760;
      const scale = options.scale ?? 1;
      const [pngUrl, svgUrl] = await page.evaluate(
        async ({ spec, width, height, scale }) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- plotly.js in the page, untyped on this side
          const P = (globalThis as unknown as { Plotly: any }).Plotly;
          const layout = { ...spec.layout, width, height };
          const gd = await P.newPlot("plot", spec.data, layout, { ...spec.config, responsive: false, staticPlot: true });
          const png = await P.toImage(gd, { format: "png", width, height, scale });
          const svg = await P.toImage(gd, { format: "svg", width, height });
          P.purge(gd);
          return [png, svg];
        },
        { spec, width, height, scale },
      );
      const png = Buffer.from(pngUrl.slice(pngUrl.indexOf(",") + 1), "base64");
      const svg = decodeURIComponent(svgUrl.slice(svgUrl.indexOf(",") + 1));
      return { png, svg };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
