/**
 * Paths that are not small regular files, for the reader suites: a FIFO nobody writes to (reading it would wait
 * forever), a directory, a link to /dev/zero (no end), /dev/null (empty), a file that does not exist.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import * as path from "node:path";

/** A named pipe at `file` (coreutils' mkfifo: Node has no call for it). */
export function mkfifoSync(file: string): void {
  execFileSync("mkfifo", [file]);
}

export const SPECIAL_KINDS = ["fifo", "directory", "zero-link", "/dev/zero", "/dev/null", "/dev/urandom", "missing"] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];

/** A path of `kind` under `dir` (named `name`), created when it must exist. */
export function specialPath(dir: string, name: string, kind: SpecialKind): string {
  const file = path.join(dir, name);
  if (kind === "fifo") mkfifoSync(file);
  else if (kind === "directory") mkdirSync(file);
  else if (kind === "zero-link") symlinkSync("/dev/zero", file);
  else if (kind !== "missing") return kind;
  return file;
}
