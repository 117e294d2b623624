/**
 * A claim's fingerprint (issue 49): the source files its measurement runs, each with a hash of its text, so that
 * `npm run readme` measures again only the claims whose code changed since the committed run, and a test can say,
 * cheaply, that the committed run is the code's.
 *
 * The files are found by running the measurement, not by reading imports: V8's precise coverage lists the package's
 * files whose functions ran while the claim was measured (replicate 0, every cell and repair, and its record made),
 * in a process of its own that started coverage just before, so the lazy set-up a first measurement does (kernels
 * registered, WebAssembly compiled, threads started) is counted for every claim. Binary coverage, not call counts: it
 * lets V8 optimise as usual (call counts made one claim 11× slower). To those files are added the files each imports
 * directly (a constant read from a module runs none of its functions), the import closure of every worker a ran file
 * starts (its code runs in another thread), and package-lock.json (the dependencies' code). A claim is measured again
 * when any of these files changed or was removed, or when the run's seed or replicates differ from the committed run's.
 *
 * A TypeScript file is hashed as the code that runs: esbuild's transform of it with comments, types and layout taken
 * out, so that a corrected doc comment or a reformatted line does not cost a re-measure of every claim that covers it.
 */
import { createHash } from "node:crypto";
import { transformSync } from "esbuild";
import * as fs from "node:fs";
import * as inspector from "node:inspector";
import * as path from "node:path";
import { packageRoot } from "../../package";

/** A claim's fingerprint as the committed run keeps it. */
export interface Fingerprint {
  /** sha256 over `files` (path and hash, in path order). */
  sha256: string;
  /** Every file the fingerprint covers, relative to the package root, with the first 16 hex digits of the sha256 of its code ({@link codeOf}). */
  files: Record<string, string>;
}

/** The lockfile stands for the dependencies' code. */
const LOCKFILE = "package-lock.json";

/** What {@link startCoverage} returns: the package's source files whose code ran since it started. */
export interface Coverage {
  /** The files that ran, sorted; stops the coverage. */
  ran(): Promise<string[]>;
}

/** The measuring tool itself is no claim's code. */
const SELF = "src/claims/machinery/fingerprint.ts";

/**
 * Starts V8's precise binary coverage in this process (a function that ran is reported once it ran, optimised or not).
 * Call it once per process, just before the one claim it fingerprints.
 */
export async function startCoverage(root: string = packageRoot()): Promise<Coverage> {
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post("Profiler.enable");
  await post("Profiler.startPreciseCoverage", { callCount: false, detailed: false });
  await post("Profiler.takePreciseCoverage"); // what ran while the modules loaded is not the claim's
  type Script = { url: string; functions: Array<{ ranges: Array<{ count: number }> }> };
  return {
    async ran() {
      const { result } = await post<{ result: Script[] }>("Profiler.takePreciseCoverage");
      await post("Profiler.stopPreciseCoverage");
      session.disconnect();
      const ran = result.filter((s) => s.functions.some((f) => f.ranges[0]!.count > 0)).map((s) => sourceOf(s.url, root));
      return [...new Set(ran.filter((f): f is string => f !== null && f !== SELF))].sort();
    },
  };
}

/** The package source file (src/…/x.ts, relative to `root`) of a script URL, or null for any other script. */
export function sourceOf(url: string, root: string): string | null {
  if (!url.startsWith("file://")) return null;
  const rel = path.relative(root, decodeURIComponent(new URL(url).pathname));
  const compiled = /^dist\/(src\/.*)\.js$/.exec(rel);
  if (compiled) return `${compiled[1]}.ts`;
  return /^src\/.*\.ts$/.test(rel) ? rel : null;
}

const IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
const WORKER = /new Worker\(\s*join\(\s*__dirname\s*,\s*["']([^"']+)\.js["']\s*\)/g;

/** The package files a source file imports by a relative path (resolved to .ts files that exist). */
function importsOf(file: string, root: string): string[] {
  const text = readOrNull(path.join(root, file));
  if (text === null) return [];
  const out: string[] = [];
  for (const [, spec] of text.matchAll(IMPORT)) {
    const base = path.join(path.dirname(file), spec!.replace(/\.js$/, ""));
    for (const candidate of [`${base}.ts`, path.join(base, "index.ts")])
      if (fs.existsSync(path.join(root, candidate))) {
        out.push(candidate);
        break;
      }
  }
  return out;
}

/** The worker entry files (siblings, as .ts) a source file starts. */
function workersOf(file: string, root: string): string[] {
  const text = readOrNull(path.join(root, file)) ?? "";
  return [...text.matchAll(WORKER)].map(([, name]) => path.join(path.dirname(file), `${name}.ts`));
}

/** Every file `start` imports, transitively (itself included). */
function closureOf(start: string, root: string): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let f = queue.pop(); f !== undefined; f = queue.pop())
    for (const next of importsOf(f, root))
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  return [...seen];
}

/**
 * The files a fingerprint covers, from the files that ran: those, the files they import directly (with the import
 * closure of each WebAssembly text, `*-wat.ts`: its string is assembled at load from other texts, such as the one
 * Philox round, whose functions then never run), the import closure of every worker they start, and the lockfile.
 * Sorted.
 */
export function coveredFiles(ran: readonly string[], root: string = packageRoot()): string[] {
  const out = new Set<string>([LOCKFILE]);
  for (const f of ran) {
    out.add(f);
    for (const i of importsOf(f, root)) for (const c of i.endsWith("-wat.ts") ? closureOf(i, root) : [i]) out.add(c);
    for (const w of workersOf(f, root)) for (const c of closureOf(w, root)) out.add(c);
  }
  return [...out].sort();
}

/** The fingerprint of these files as they are now (a missing file hashes as "missing"). */
export function fingerprintOf(files: readonly string[], root: string = packageRoot()): Fingerprint {
  const hashes: Record<string, string> = {};
  for (const f of [...files].sort()) {
    const bytes = readBytesOrNull(path.join(root, f));
    hashes[f] = bytes === null ? "missing" : codeHashOf(f, bytes);
  }
  const sha256 = createHash("sha256")
    .update(
      Object.entries(hashes)
        .map(([f, h]) => `${f} ${h}\n`)
        .join(""),
    )
    .digest("hex");
  return { sha256, files: hashes };
}

/**
 * Why a committed fingerprint is no longer the code's, or null when it still is: the files whose text changed (or
 * that are gone), named.
 * `changedSince(readCommittedRun()!.claims[0]!.fingerprint)` is null while that claim's files are as committed.
 */
export function changedSince(committed: Fingerprint | undefined, root: string = packageRoot()): string | null {
  if (!committed) return "the committed run has no fingerprint for it";
  const now = fingerprintOf(Object.keys(committed.files), root);
  if (now.sha256 === committed.sha256) return null;
  const changed = Object.keys(committed.files).filter((f) => now.files[f] !== committed.files[f]);
  const shown = changed.slice(0, 4).join(", ");
  return `${changed.length === 1 ? "its file" : `${changed.length} of its files`} changed: ${shown}${changed.length > 4 ? ", …" : ""}`;
}

// A run checks dozens of claims that share most of their files: each text is transformed once per process.
const codeHashes = new Map<string, string>();

/** The first 16 hex digits of the sha256 of a file's code ({@link codeOf}). */
function codeHashOf(file: string, bytes: Buffer): string {
  const key = `${file}\0${createHash("sha256").update(bytes).digest("hex")}`;
  let hash = codeHashes.get(key);
  if (hash === undefined) {
    hash = createHash("sha256").update(codeOf(file, bytes)).digest("hex").slice(0, 16);
    codeHashes.set(key, hash);
  }
  return hash;
}

/**
 * What of a file's text the fingerprint hashes: a TypeScript file's code without comments, types or layout (esbuild,
 * whitespace minified; identifiers kept, so a renamed variable still counts); any other file's bytes as they are.
 */
export function codeOf(file: string, bytes: Buffer): Buffer | string {
  if (!file.endsWith(".ts")) return bytes;
  try {
    return transformSync(bytes.toString("utf8"), { loader: "ts", minifyWhitespace: true, legalComments: "none", sourcefile: file }).code;
  } catch {
    return bytes; // a file esbuild cannot read is hashed whole: any change to it still counts
  }
}

function readOrNull(file: string): string | null {
  const bytes = readBytesOrNull(file);
  return bytes === null ? null : bytes.toString("utf8");
}

function readBytesOrNull(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}
