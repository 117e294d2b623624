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
 * writeFileAtomic("out/checkpoint.json", JSON.stringify(state));
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
