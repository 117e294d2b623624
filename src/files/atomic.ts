/**
 * Crash-safe file writes: a reader (or a rerun after SIGKILL) sees either the old file or the new one, never a
 * torn one. The text goes to a temporary file beside the target, is fsynced, renamed over the target (atomic on
 * POSIX within one file system), and the directory is fsynced so the rename itself survives a power cut.
 */
import fs from "node:fs";
import path from "node:path";

/**
 * Write `text` to `file` atomically (temp + fsync + rename + directory fsync).
 *
 * @example
 * ```ts
 * import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import * as path from "node:path";
 * const dir = mkdtempSync(path.join(tmpdir(), "emtd-atomic-"));
 * const file = path.join(dir, "checkpoint.json");
 * writeFileAtomic(file, JSON.stringify({ step: 1 }));
 * writeFileAtomic(file, JSON.stringify({ step: 2 })); // replaces the whole file or nothing
 * readFileSync(file, "utf8"); // → '{"step":2}'
 * readdirSync(dir); // → ["checkpoint.json"] (no temporary file left behind)
 * rmSync(dir, { recursive: true });
 * ```
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dirFd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}
