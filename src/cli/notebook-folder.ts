/**
 * The folders `emtd notebooks` and `emtd book` share: the notebooks they read (--dir, narrowed by --only) and the
 * folder they write (--out), each checked before anything runs, with the command's name in every refusal.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import type { Command } from "../command/command";
import { listEntries } from "../command/options";
import { makeDirectory } from "../files/directory";
import { packageRoot } from "../package";

/**
 * --only and --dir, the options {@link selectNotebooks} reads: `verb` is what the command does to a notebook ("run",
 * "build"), `example` an --only value for its help.
 */
export function selectionOptions(verb: string, example: string): Command["options"] {
  return {
    only: {
      kind: "string",
      placeholder: "ids",
      help: `${verb} only the notebooks whose file name contains one of these comma-separated texts (e.g. ${example})`,
    },
    dir: { kind: "string", placeholder: "dir", help: "folder of the notebooks (default: the package's notebooks/)" },
  };
}

/** --cell-timeout: the seconds one cell of a notebook may run, for both commands. */
export const CELL_TIMEOUT_OPTION: Command["options"][string] = {
  kind: "number",
  min: 0,
  exclusiveMin: true,
  default: 600,
  help: "seconds a single cell may run",
};

/**
 * The .ipynb files of --dir (default: the package's notebooks/), sorted, narrowed by --only: comma-separated texts,
 * each of which must be in some notebook's file name (a mistyped one is refused, not dropped while the others run).
 * `only` is the list's entries (undefined without --only). `fail` is the command's: it throws.
 */
export function selectNotebooks(
  command: string,
  values: { dir?: unknown; only?: unknown },
  fail: (message: string) => never,
): { dir: string; names: string[]; only: string[] | undefined } {
  const dir = path.resolve((values.dir as string | undefined) ?? path.join(packageRoot(), "notebooks"));
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".ipynb"))
      .sort();
  } catch {
    return fail(`emtd ${command}: --dir must be a readable folder of .ipynb files (got ${JSON.stringify(dir)})`);
  }
  if (names.length === 0) fail(`emtd ${command}: --dir must be a folder with .ipynb notebooks (${dir} has none)`);
  const only = values.only as string | undefined;
  if (only === undefined) return { dir, names, only: undefined };
  const { entries, unknown } = listEntries(only, names, (entry, name) => name.includes(entry));
  if (entries.length === 0 || unknown !== null)
    fail(`emtd ${command}: --only must match one of the notebooks in ${dir} (got ${JSON.stringify(unknown ?? only)})`);
  return { dir, names: names.filter((n) => entries.some((w) => n.includes(w))), only: entries };
}

/** --out resolved and created (with its parents); a path that cannot be is refused with the system's code. */
export function outputFolder(command: string, out: string, fail: (message: string) => never): string {
  const resolved = path.resolve(out);
  try {
    makeDirectory(resolved);
  } catch (error) {
    fail(
      `emtd ${command}: --out must be a folder that can be created (got ${JSON.stringify(resolved)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return resolved;
}
