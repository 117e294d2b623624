/**
 * The measurement cache on disk (issue 49): a test and developer tool, so that one `npm test` measures each claim
 * once, whichever process asks first — a test file, notebook 00's live table or a notebook's claim cell (the kernels
 * inherit the environment). Users see the same numbers with or without it: an entry is a measurement this code made,
 * read back as it was written.
 *
 * When `EMTD_MEASURE_CACHE` names a directory, `measureClaims(ids, { cache: true })` reads each claim from there or
 * measures it and writes it. An entry is keyed by what determines a record: the code (a hash of the compiled
 * package, its version and its lockfile), the claim's id, the seed, the replicate, the mechanism (the proposal's or
 * a named repair's; a user's variant is never cached on disk) and whether the repairs were measured. Two processes
 * asking for one entry measure it once: the first takes a lock file (`O_EXCL`, naming its pid; a dead owner's lock is
 * taken over), the other measures its other claims first and then reads the entry. Each measurement made is one line
 * of `measured.log` in the directory: the counter the test runner reads to show that no entry was measured twice.
 */
import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { VERSION, packageRoot } from "../../package";
import { writeFileAtomic } from "../../files/atomic";
import { recordingMechanism, PROPOSAL } from "./mechanism";
import type { Mechanism, Part } from "./types";

/** The environment variable naming the cache directory. */
export const MEASURE_CACHE_ENV = "EMTD_MEASURE_CACHE";

/** The log of measurements made through the cache, one JSON line each, in the cache directory. */
export const MEASURED_LOG = "measured.log";

/** What a cache entry is keyed by (besides the code). */
export interface CacheKey {
  claim: string;
  seed: number;
  replicate: number;
  /** The mechanism's key (`proposal`, or a named repair's). */
  mechanism: string;
  repairs: boolean;
}

/** What an entry holds: a measured claim less its `claim` (which the registry supplies), as plain JSON. */
export interface CachedMeasurement {
  proposal: unknown;
  repairs: unknown;
  seconds: number;
  /** What was seen while it was measured, so the checks the measuring process made reach every reader. */
  audit: MeasurementAudit;
}

/** What the process that measured a claim for the cache saw. */
export interface MeasurementAudit {
  /** The mechanism parts the proposal's cells read (a recording mechanism's; the claims test checks `uses` with it). */
  partsRead?: Part[];
  /** Tensors alive after the measurement less those before (the claims test asserts 0). */
  tensorsLeaked: number;
}

/** The cache directory from the environment, or null (no disk cache). */
export function measureCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env[MEASURE_CACHE_ENV];
  return dir === undefined || dir === "" ? null : path.resolve(dir);
}

let code: string | null = null;

/**
 * The identity of the code that measures: sha256 over the package's code (every .js or .ts file under the directory
 * this module was loaded from, by path and content), the package version and package-lock.json where there is one.
 * Computed once per process (≈ 20 ms).
 */
export function codeHash(): string {
  if (code !== null) return code;
  const hash = createHash("sha256").update(`emtd ${VERSION}\n`);
  const compiled = path.resolve(__dirname, "..", "..");
  // The .js files under dist/src, or the .ts sources where the library runs from them (tsx).
  for (const file of filesUnder(compiled).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))) {
    hash.update(`${path.relative(compiled, file)}\n`);
    hash.update(fs.readFileSync(file));
  }
  const lock = path.join(packageRoot(), "package-lock.json");
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  code = hash.digest("hex");
  return code;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The entry's file name: a hash of the code and the key. */
export function entryName(key: CacheKey): string {
  // The backend too: cpu and wasm may differ in the last bits.
  const text = JSON.stringify([codeHash(), tf.getBackend(), key.claim, key.seed, key.replicate, key.mechanism, key.repairs]);
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

// Non-finite numbers survive the round trip (JSON would make them null).
const replacer = (_k: string, v: unknown): unknown => (typeof v === "number" && !Number.isFinite(v) ? { $number: String(v) } : v);
const reviver = (_k: string, v: unknown): unknown =>
  v !== null && typeof v === "object" && typeof (v as { $number?: unknown }).$number === "string" && Object.keys(v).length === 1
    ? Number((v as { $number: string }).$number)
    : v;

/** The entry's text (what is written) and back. */
export const encodeEntry = (m: CachedMeasurement): string => JSON.stringify(m, replacer);
export const decodeEntry = (text: string): CachedMeasurement => JSON.parse(text, reviver) as CachedMeasurement;

/** One cache directory: read, lock, write and count its entries. */
export class MeasureCache {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private file(key: CacheKey, suffix: string): string {
    return path.join(this.dir, `${entryName(key)}${suffix}`);
  }

  /** The entry, or null when it is not there yet. */
  read(key: CacheKey): CachedMeasurement | null {
    try {
      return decodeEntry(fs.readFileSync(this.file(key, ".json"), "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  /**
   * Takes the entry's lock: true when this process now owns it (and must measure and {@link write}), false when a
   * live process owns it. A lock whose owner has died is taken over.
   */
  lock(key: CacheKey): boolean {
    return takeLock(this.file(key, ".lock"));
  }

  /** True while another live process holds the entry's lock. */
  lockedElsewhere(key: CacheKey): boolean {
    const owner = Number(readOr(this.file(key, ".lock"), ""));
    return owner > 0 && owner !== process.pid && alive(owner);
  }

  /** Writes the entry (atomically) and counts the measurement in the log. */
  write(key: CacheKey, m: CachedMeasurement): void {
    writeFileAtomic(this.file(key, ".json"), encodeEntry(m));
    fs.appendFileSync(
      path.join(this.dir, MEASURED_LOG),
      JSON.stringify({
        ...key,
        code: codeHash(),
        backend: tf.getBackend(),
        pid: process.pid,
        by: process.argv.slice(1, 3).join(" "),
        seconds: m.seconds,
      }) + "\n",
    );
  }

  /** Releases the entry's lock (after a failed measurement, so another process may try). */
  unlock(key: CacheKey): void {
    releaseLock(this.file(key, ".lock"));
  }
}

/**
 * Takes a lock file: true when this process now owns it, false when a live process owns it. A lock whose owner has
 * died is taken over.
 */
function takeLock(file: string): boolean {
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number(readOr(file, ""));
    if (owner === process.pid) return true;
    if (owner > 0 && alive(owner)) return false;
    // Created but not yet written (O_EXCL creates the file before the pid is in it): its owner is alive and about
    // to write, unless it died in between, which an old empty lock says.
    if (!(owner > 0) && youngerThan(file, HALF_WRITTEN_MS)) return false;
    fs.rmSync(file, { force: true }); // a dead owner's lock
  }
}

/** Releases a lock file this process owns. */
function releaseLock(file: string): void {
  if (Number(readOr(file, "")) === process.pid) fs.rmSync(file, { force: true });
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}

/** How long an empty lock file is taken for one being written (longer: its writer died between create and write). */
const HALF_WRITTEN_MS = 10_000;

function youngerThan(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < ms;
  } catch {
    return false; // gone: the next try creates it
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One line of the counter: a key measured more than once in the directory's log, with how often. */
export interface RepeatedMeasurement {
  key: CacheKey;
  times: number;
  /** Who measured it each time: the backend and the process's script. */
  by: string[];
}

/**
 * The keys the log of `dir` counts more than once for the same code: what the test runner reports (an empty list
 * is the promise that every claim was measured at most once per seed, replicate and mechanism).
 */
export function repeatedMeasurements(dir: string): { measured: number; repeated: RepeatedMeasurement[] } {
  const log = readOr(path.join(dir, MEASURED_LOG), "");
  const counts = new Map<string, RepeatedMeasurement>();
  let measured = 0;
  for (const line of log.split("\n").filter((l) => l.trim() !== "")) {
    const {
      code: c,
      claim,
      seed,
      replicate,
      mechanism,
      repairs,
      backend,
      by,
    } = JSON.parse(line) as CacheKey & {
      code: string;
      backend?: string;
      by?: string;
    };
    const id = JSON.stringify([c, claim, seed, replicate, mechanism, repairs]);
    const entry = counts.get(id) ?? { key: { claim, seed, replicate, mechanism, repairs }, times: 0, by: [] };
    entry.times++;
    entry.by.push(`${backend ?? "?"}: ${by ?? "?"}`);
    measured++;
    counts.set(id, entry);
  }
  return { measured, repeated: [...counts.values()].filter((c) => c.times > 1) };
}

/** Each measurement the log of `dir` counts, with its seconds and who made it, the longest first (the runner's account). */
export function measurementTimes(dir: string): Array<{ claim: string; mechanism: string; seconds: number; by: string }> {
  return readOr(path.join(dir, MEASURED_LOG), "")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as CacheKey & { seconds?: number; by?: string })
    .map((e) => ({ claim: e.claim, mechanism: e.mechanism, seconds: e.seconds ?? Number.NaN, by: e.by ?? "?" }))
    .sort((a, b) => (b.seconds || 0) - (a.seconds || 0));
}

/** The disk cache named by the environment, or null. */
export function diskCache(): MeasureCache | null {
  const dir = measureCacheDirectory();
  return dir === null ? null : new MeasureCache(dir);
}

/** What a measurement hands the cache (a measured claim has these and more). */
export interface Measured {
  proposal: unknown;
  repairs: unknown;
  seconds: number;
}

/**
 * The entry of `key`, read, or measured by `measure` and written when no other process holds its lock; when one does,
 * null (`wait` false) or the entry once that process has written it (`wait` true; if it dies first, this one measures).
 * The entry is returned as read back, so a measurement looks the same to the process that made it.
 */
export async function readOrMeasure(
  disk: MeasureCache,
  key: CacheKey,
  proposal: boolean,
  wait: boolean,
  measure: (recording?: Mechanism) => Promise<Measured>,
): Promise<CachedMeasurement | null> {
  for (;;) {
    const entry = disk.read(key);
    if (entry) return entry;
    if (disk.lock(key)) {
      // The owner may have written the entry and let go between the read and the lock.
      const written = disk.read(key);
      if (written) {
        disk.unlock(key);
        return written;
      }
      return measureIntoCache(disk, key, proposal, measure);
    }
    if (!wait) return null;
    await pause(250);
  }
}

/**
 * Measures a claim for the disk cache and writes the entry. Under the proposal's mechanism it is measured through a
 * recording mechanism (the same parts, so the same numbers): the entry keeps the parts it read, for the test of
 * `uses`, and the tensors it left. The lock is released whatever happens.
 */
async function measureIntoCache(
  disk: MeasureCache,
  key: CacheKey,
  proposal: boolean,
  measure: (recording?: Mechanism) => Promise<Measured>,
): Promise<CachedMeasurement> {
  try {
    const recorder = proposal ? recordingMechanism(PROPOSAL) : null;
    const before = tf.memory().numTensors;
    const m = await measure(recorder?.mechanism);
    const audit: MeasurementAudit = {
      ...(recorder ? { partsRead: [...recorder.read].sort() } : {}),
      tensorsLeaked: tf.memory().numTensors - before,
    };
    const entry: CachedMeasurement = { proposal: m.proposal, repairs: m.repairs, seconds: m.seconds, audit };
    disk.write(key, entry);
    return decodeEntry(encodeEntry(entry));
  } finally {
    disk.unlock(key);
  }
}

/** Waits `ms` milliseconds. */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The folder of the disk cache that holds experiments (see {@link cachedExperiment}). */
export const EXPERIMENTS = "experiments";

/** The log of experiments computed through the cache, one JSON line each: `what`, its entry and who computed it. */
export const EXPERIMENTS_LOG = "experiments.log";

/** Blocks the thread `ms` milliseconds (an experiment is computed synchronously, so its waiters wait so too). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * `compute()`, or its result read from the disk cache where `EMTD_MEASURE_CACHE` names one: an experiment that a
 * claim and a notebook's figure both read (e.g. notebook 16 draws the curves its essay claims decide on), so that one
 * test run computes it once whichever process asks first. `what` names the experiment and its settings, `streams` are
 * its random keys; the entry is keyed by them, the code and the backend, like a measurement. The first process to ask
 * takes the entry's lock and computes it; one that asks meanwhile waits for the entry (without the lock, notebook
 * 16's figures and the process measuring the same essay claims computed the same minutes of runs side by side). A
 * result is written only where it survives the round trip through the entry's JSON unchanged (typed arrays do not:
 * each process computes those itself). Each computation made is one line of {@link EXPERIMENTS_LOG}.
 */
export function cachedExperiment<T>(what: string, streams: ReadonlyArray<readonly [number, number]>, compute: () => T): T {
  const dir = measureCacheDirectory();
  if (dir === null) return compute();
  const id = JSON.stringify([codeHash(), tf.getBackend(), what, streams]);
  const name = createHash("sha256").update(id).digest("hex").slice(0, 32);
  const file = path.join(dir, EXPERIMENTS, `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    const read = readExperiment<T>(file);
    if (read.found) return read.value;
    if (takeLock(`${file}.lock`)) break;
    sleepSync(250);
  }
  try {
    const written = readExperiment<T>(file); // its owner may have written it and let go between the read and the lock
    if (written.found) return written.value;
    const started = performance.now();
    const value = compute();
    const text = JSON.stringify(value, replacer);
    if (text !== undefined && isDeepStrictEqual(JSON.parse(text, reviver), value)) writeFileAtomic(file, text);
    const seconds = (performance.now() - started) / 1000;
    const line = { what, entry: name, seconds, pid: process.pid, by: process.argv.slice(1, 3).join(" ") };
    fs.appendFileSync(path.join(dir, EXPERIMENTS_LOG), JSON.stringify(line) + "\n");
    return value;
  } finally {
    releaseLock(`${file}.lock`);
  }
}

function readExperiment<T>(file: string): { found: true; value: T } | { found: false } {
  try {
    return { found: true, value: JSON.parse(fs.readFileSync(file, "utf8"), reviver) as T };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return { found: false };
  }
}

/**
 * The experiments the log of `dir` counts more than once (by entry), with the seconds each took: what the test
 * runner reports beside the measurements. An experiment whose result JSON cannot carry is computed by each process
 * that asks, so a repeat is shown, not failed.
 */
export function repeatedExperiments(dir: string): {
  computed: number;
  seconds: number;
  repeated: Array<{ what: string; times: number; seconds: number }>;
} {
  const log = readOr(path.join(dir, EXPERIMENTS_LOG), "");
  const byEntry = new Map<string, { what: string; times: number; seconds: number }>();
  let computed = 0;
  let seconds = 0;
  for (const line of log.split("\n").filter((l) => l.trim() !== "")) {
    const e = JSON.parse(line) as { what: string; entry: string; seconds: number };
    const entry = byEntry.get(e.entry) ?? { what: e.what, times: 0, seconds: 0 };
    entry.times++;
    entry.seconds += e.seconds;
    computed++;
    seconds += e.seconds;
    byEntry.set(e.entry, entry);
  }
  return { computed, seconds, repeated: [...byEntry.values()].filter((e) => e.times > 1) };
}
