/**
 * One `emtd run` per output directory: two runs writing one checkpoint would interleave their states. The lock is
 * a file created exclusively (O_EXCL) holding the owner's pid and host; a lock whose process is gone on this host
 * (a SIGKILLed run) is stale and taken over, so resuming after a crash needs no manual step.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const LOCK_FILE = "run.lock";

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** Why a lock could not be taken: the owner that holds it. */
export class DirectoryLocked extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `emtd run: --out ${dir} is in use by another emtd run (pid ${owner.pid} on ${owner.host}, started ${owner.started}); ` +
        `wait for it or use another --out (delete ${path.join(dir, LOCK_FILE)} if no such run exists)`,
    );
  }
}

/** Is `owner` still running? Only decidable on this host; a lock from another host counts as held. */
function alive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.host === "string" ? owner : null;
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

/**
 * Take the lock of `dir` (which must exist) for this process; returns the function that releases it. Throws
 * {@link DirectoryLocked} while a live process holds it.
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import * as path from "node:path";
 * const dir = mkdtempSync(path.join(tmpdir(), "emtd-lock-"));
 * const release = lockDirectory(dir);
 * try {
 *   lockDirectory(dir);
 * } catch (error) {
 *   (error as Error).message.startsWith(`emtd run: --out ${dir} is in use by another emtd run`); // → true
 * }
 * release();
 * lockDirectory(dir)(); // free again: taken and released
 * rmSync(dir, { recursive: true });
 * ```
 */
export function lockDirectory(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      try {
        fs.writeSync(fd, JSON.stringify(me) + "\n");
      } finally {
        fs.closeSync(fd);
      }
      return () => {
        const owner = readOwner(file);
        if (owner && owner.pid === me.pid && owner.host === me.host) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(file);
      if (owner && alive(owner)) throw new DirectoryLocked(dir, owner);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new DirectoryLocked(dir, readOwner(file) ?? { pid: -1, host: "?", started: "?" });
}
