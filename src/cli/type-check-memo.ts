/**
 * A TypeScript variant file's type check that passed, remembered (issue 72: deciding a variant again should cost a
 * read). The check (./variant-file `variantTypeError`: ≈ 2.4 s, most of it TypeScript reading the library's and
 * tfjs's declarations) is a pure function of the files it reads and of the package. A pass is kept in the cell cache's
 * folder (`types/`, one entry per variant file and package) as the hashes of the files the check read outside
 * node_modules and the package's declarations: the variant and every file it imports by relative path, type-only
 * imports included. It stands while every one of them reads the same. A failure is never kept, so its message is
 * always the checker's own; with no cache folder (`EMTD_MEASURE_CACHE=`) every check runs.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../files/atomic";
import { cellCacheDirectory } from "../claims/machinery/cell-cache";
import { codeHash } from "../claims/machinery/measure-cache";

/** The checked files' hashes by absolute path. */
type Pass = Record<string, string>;

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

let declarations: string | null = null;

/** The package's identity as a checker sees it: its code (measure-cache `codeHash`) and its declaration files. */
function packageTypes(): string {
  if (declarations !== null) return declarations;
  const dir = path.resolve(__dirname, ".."); // dist/src (or src, run from the sources: codeHash covers the .ts)
  const hash = createHash("sha256").update(codeHash());
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".d.ts")).sort();
  for (const file of files) hash.update(`${file}\n`).update(fs.readFileSync(path.join(dir, file)));
  declarations = hash.digest("hex");
  return declarations;
}

function entryFile(file: string): string | null {
  const dir = cellCacheDirectory();
  return dir === null ? null : path.join(dir, "types", `${sha(JSON.stringify([path.resolve(file), packageTypes()]))}.json`);
}

function hashOf(file: string): string | null {
  try {
    return sha(fs.readFileSync(file));
  } catch {
    return null; // gone since the check: the pass no longer stands
  }
}

/** True when `file`'s check passed before on the same files and package (module comment). */
export function passedBefore(file: string): boolean {
  const entry = entryFile(file);
  if (entry === null) return false;
  let pass: Pass;
  try {
    pass = JSON.parse(fs.readFileSync(entry, "utf8")) as Pass;
  } catch {
    return false; // none, or cut short
  }
  const files = Object.keys(pass);
  return files.includes(path.resolve(file)) && files.every((f) => hashOf(f) === pass[f]);
}

/**
 * Keeps `file`'s passing check: its `source` as checked, and the other files it `read` (absolute paths) as they read
 * now.
 */
export function rememberPass(file: string, source: string, read: readonly string[]): void {
  const entry = entryFile(file);
  if (entry === null) return;
  const own = path.resolve(file);
  const pass: Pass = { [own]: sha(source) };
  for (const f of new Set(read)) {
    if (f === own) continue;
    const h = hashOf(f);
    if (h === null) return;
    pass[f] = h;
  }
  try {
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    writeFileAtomic(entry, JSON.stringify(pass));
  } catch {
    // A folder that cannot be written: the next check runs again.
  }
}
