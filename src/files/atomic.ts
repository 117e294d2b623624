/**
 * Crash-safe file writes: a reader (or a rerun after SIGKILL or a full disk) sees either the old file or the new
 * one, never a torn one. The bytes go to a temporary file beside the target, are written until every byte is down
 * (`write` may write fewer than asked: a full disk does so before it fails), fsynced, renamed over the target
 * (atomic on POSIX within one file system), and the directory is fsynced so the rename itself survives a power cut.
 * On any failure the temporary is removed and the target is left as it was. Every file the project writes goes
 * through {@link writeFileAtomic}.
 */
import fs from "node:fs";
import path from "node:path";
import { StorageError } from "../errors";
import { makeDirectory } from "./directory";

/** The file-system calls {@link writeFileAtomic} makes; tests pass one that fails on purpose (e.g. a short write). */
export interface AtomicFs {
  openSync(file: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
}

export interface WriteFileAtomicOptions {
  /** The file system (default node:fs). */
  fs?: AtomicFs;
  /** File mode of a new file (default 0o666 before umask). */
  mode?: number;
}

/** The error codes that mean "this file system cannot take the bytes": reported as a {@link StorageError}. */
const NO_ROOM = new Set(["ENOSPC", "EDQUOT", "EROFS"]);

/**
 * Write `data` (text as UTF-8, or bytes) to `file` atomically: temporary file + write every byte + fsync + rename
 * + directory fsync. A full or read-only file system throws a {@link StorageError} naming the directory and the
 * bytes needed; the previous `file` is unchanged and no temporary is left behind.
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
export function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): void {
  const io = options.fs ?? fs;
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const failed = (error: unknown): never => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && NO_ROOM.has(code)) throw new StorageError(file, dir, code, bytes.length);
    throw error;
  };
  let fd: number;
  try {
    fd = io.openSync(tmp, "w", options.mode);
  } catch (error) {
    return failed(error);
  }
  let open = true;
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const n = io.writeSync(fd, bytes, offset, bytes.length - offset);
      // write(2) returns 0 only when nothing more fits: call it a full disk rather than loop forever.
      if (!(n > 0)) throw Object.assign(new Error(`wrote 0 of ${bytes.length - offset} bytes`), { code: "ENOSPC" });
      offset += n;
    }
    io.fsyncSync(fd);
    open = false;
    io.closeSync(fd);
    io.renameSync(tmp, file);
  } catch (error) {
    if (open) {
      try {
        io.closeSync(fd);
      } catch {
        // already failing; the close error adds nothing
      }
    }
    try {
      io.unlinkSync(tmp);
    } catch {
      // the temporary may not exist (rename done) or the file system may refuse: nothing more to do
    }
    return failed(error);
  }
  try {
    const dirFd = io.openSync(dir, "r");
    try {
      io.fsyncSync(dirFd);
    } finally {
      io.closeSync(dirFd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}

/**
 * Write a directory of files (`files`: paths relative to `dir`, "/"-separated → bytes) as a whole: each file is
 * written and fsynced into a temporary directory beside `dir`, which is then renamed to `dir` (an existing `dir` is
 * first renamed aside and removed after). A reader sees the old tree, the new one, or (for the instant between the
 * two renames) none, never a part of one; on any failure the temporary is removed and `dir` is left as it was.
 * A full or read-only file system throws a {@link StorageError}.
 *
 * @example
 * ```ts
 * import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import * as path from "node:path";
 * const dir = mkdtempSync(path.join(tmpdir(), "emtd-tree-"));
 * writeTreeAtomic(path.join(dir, "store"), new Map([["a/b.json", Buffer.from("{}")]]));
 * readFileSync(path.join(dir, "store", "a", "b.json"), "utf8"); // → "{}"
 * readdirSync(dir); // → ["store"] (no temporary left behind)
 * rmSync(dir, { recursive: true });
 * ```
 */
export function writeTreeAtomic(dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  const parent = path.dirname(dir);
  const tmp = path.join(parent, `.${path.basename(dir)}.${process.pid}.tmp`);
  const aside = path.join(parent, `.${path.basename(dir)}.${process.pid}.old`);
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    makeDirectory(tmp);
    for (const [relative, bytes] of files) {
      if (path.isAbsolute(relative) || relative.split("/").includes(".."))
        throw new Error(`emtd/files/atomic: a tree's file must be a relative path inside it (got ${JSON.stringify(relative)})`);
      const file = path.join(tmp, ...relative.split("/"));
      makeDirectory(path.dirname(file));
      writeFileAtomic(file, bytes);
    }
    const existed = fs.existsSync(dir);
    if (existed) fs.renameSync(dir, aside);
    try {
      fs.renameSync(tmp, dir);
    } catch (error) {
      if (existed) fs.renameSync(aside, dir);
      throw error;
    }
    if (existed) fs.rmSync(aside, { recursive: true, force: true });
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && NO_ROOM.has(code)) {
      let bytes = 0;
      for (const b of files.values()) bytes += b.length;
      throw new StorageError(dir, parent, code, bytes);
    }
    throw error;
  }
  try {
    const dirFd = fs.openSync(parent, "r");
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}
