/**
 * Quarto's "freeze" for the book: a notebook's executed copy is kept under the book's folder, keyed by a content
 * hash of the notebook file, its parameters and the library (the package version and a digest of the compiled
 * library code), so a rebuild re-executes only notebooks whose hash changed. Only successful runs are kept.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { Notebook } from "../jupyter/notebook";
import { VERSION } from "../package";
import { writeFileAtomic } from "../files/atomic";

/** What is kept of one execution. */
export interface FrozenRun {
  hash: string;
  notebook: Notebook;
  seconds: number;
  cellSeconds: Record<number, number>;
  /** ISO time the notebook was executed. */
  executedAt: string;
}

let cachedLibrary: string | null = null;

/**
 * The library's identity for the freeze: `VERSION+digest`, the digest over every compiled module of the library
 * (this file's package tree), so that a code change re-executes the notebooks and a rebuild of the same code does not.
 */
export function libraryVersion(): string {
  if (cachedLibrary) return cachedLibrary;
  const root = path.resolve(__dirname, "..");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(js|ts)$/.test(name) && !name.endsWith(".d.ts") && !name.endsWith(".map")) files.push(file);
    }
  };
  walk(root);
  const hash = createHash("sha256");
  for (const file of files) hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  cachedLibrary = `${VERSION}+${hash.digest("hex").slice(0, 16)}`;
  return cachedLibrary;
}

/** The freeze key of a notebook file run with `parameters` on the library `library`. */
export function freezeHash(file: string, parameters: Record<string, unknown>, library: string = libraryVersion()): string {
  return createHash("sha256")
    .update(readFileSync(file))
    .update("\0")
    .update(JSON.stringify(parameters))
    .update("\0")
    .update(library)
    .digest("hex");
}

const frozenFile = (freezeDir: string, name: string) => path.join(freezeDir, `${name.replace(/\.ipynb$/, "")}.json`);

/** The kept run of notebook `name` when its hash is `hash`, else null. */
export function thaw(freezeDir: string, name: string, hash: string): FrozenRun | null {
  const file = frozenFile(freezeDir, name);
  if (!existsSync(file)) return null;
  try {
    const run = JSON.parse(readFileSync(file, "utf8")) as FrozenRun;
    return run.hash === hash ? run : null;
  } catch {
    return null; // a damaged entry is re-executed
  }
}

/** Keep a successful run of notebook `name`. */
export function freeze(freezeDir: string, name: string, run: FrozenRun): void {
  writeFileAtomic(frozenFile(freezeDir, name), JSON.stringify(run) + "\n");
}
