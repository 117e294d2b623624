/**
 * The package itself: where its checkout (or installed copy) lies, and its version. Low in the house, so that
 * whoever records a version (runs, the CLI, figures) or reads a shipped file (notebooks, README, data) asks here.
 */
import fs from "node:fs";
import path from "node:path";

/** The nearest folder at or above `start` whose package.json is this package's (name "emtd"), with that file. */
function findRoot(start: string): { root: string; version: string } | null {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "emtd" && typeof pkg.version === "string") return { root: dir, version: pkg.version };
    } catch {
      // no package.json here: look one level up
    }
    if (path.dirname(dir) === dir) return null;
  }
}

// dist/src/package.js (built) and src/package.ts (run from source) lie two or one levels below the root.
const found = findRoot(__dirname);

/**
 * The checkout (or installed package) root: the folder of emtd's package.json.
 *
 * @example
 * ```ts
 * const fs = require("node:fs");
 * const path = require("node:path");
 * fs.existsSync(path.join(packageRoot(), "package.json")); // → true
 * ```
 */
export function packageRoot(): string {
  return found?.root ?? path.resolve(__dirname, "..", "..");
}

/** `emtd`'s version (package.json's, e.g. "0.2.0"), recorded in every JSON result and checkpoint; "unknown" if unreadable. */
export const VERSION: string = found?.version ?? "unknown";
