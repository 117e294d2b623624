/**
 * `emtd/figures`: the canonical figures behind `emtd figures` — their registry (one file per notebook), the writer of
 * PNG/SVG (headless Chromium), offline HTML, CSV and manifest.json, and the gallery (docs/figures.md).
 */
export * from "./types";
export * from "./registry";
export * from "./export";
export * from "./render";
export * from "./gallery";
