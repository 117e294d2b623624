/**
 * nbconvert's HTML as the docs tell a user to make it: `jupyter nbconvert --to html NOTEBOOK.ipynb` with the
 * `--HTMLExporter.widget_renderer_url=…` flag that README.md (or the docs/ page it moved to) gives, run from the clone
 * (the flag names `$PWD`).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TEST_DIR } from "./dirs";

const ROOT = path.resolve(TEST_DIR, "../..");

/** `jupyter nbconvert`, else nbconvert as a Python module (Debian's python3-nbconvert ships no `jupyter-nbconvert`). */
export function findNbconvert(): string[] | null {
  for (const command of [
    ["jupyter", "nbconvert"],
    ["/usr/bin/python3", "-m", "nbconvert"],
    ["python3", "-m", "nbconvert"],
  ]) {
    const probe = spawnSync(command[0]!, [...command.slice(1), "--version"], { encoding: "utf8" });
    if (probe.status === 0) return command;
  }
  return null;
}

/**
 * The widget renderer flag as README.md and docs/*.md write it (every copy the same), with `$PWD` the clone's
 * folder: `--HTMLExporter.widget_renderer_url=file:///…/node_modules/emtd/kernel/widget-renderer.js`.
 */
export function widgetRendererFlag(): string {
  const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => path.join("docs", f))].filter((f) => f.endsWith(".md"));
  const flags = new Set<string>();
  for (const page of pages)
    for (const m of fs.readFileSync(path.join(ROOT, page), "utf8").matchAll(/--HTMLExporter\.widget_renderer_url=([^\s`]+)/g))
      flags.add(m[0]);
  assert.equal(flags.size, 1, `README.md and docs/ give one widget renderer flag (found: ${[...flags].join(", ") || "none"})`);
  return [...flags][0]!.replace("$PWD", ROOT);
}
