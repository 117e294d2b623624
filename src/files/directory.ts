/**
 * Making a folder and its parents without the hang of Node's own: `fs.mkdirSync(dir, { recursive: true })` (and
 * `fs.promises.mkdir`) never return for a path under /proc or /sys on Node 20 (measured: `emtd sample --out /proc/x`
 * ran until killed), because the pseudo file system answers ENOENT for a level that is then retried. Here each
 * missing level is made once, so such a path fails at once with ENOENT, as a user's typo should (issue 38).
 */
import fs from "node:fs";
import * as path from "node:path";

/**
 * Create `dir` and any missing parents (like `mkdir -p`); nothing when it exists. Throws the file system's error
 * (`code` ENOENT, EACCES, ENOTDIR when a level is a file, …) as `fs.mkdirSync` does.
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * makeDirectory("/tmp/emtd-example/a/b"); // creates a and b
 * makeDirectory("/proc/x"); // throws ENOENT at once
 * ```
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    let stats: fs.Stats | undefined;
    try {
      stats = fs.statSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (stats) {
      if (!stats.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: "ENOTDIR", path: at });
      break;
    }
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // made meanwhile by another process
    }
  }
}
