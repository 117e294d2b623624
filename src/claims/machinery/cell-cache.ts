/**
 * The measurement cache of grid cells (issue 72 item 4): a variant's cells, so that deciding the same variant again,
 * or going back to a parameter value already seen, costs a read; and the proposal's cells that a variant keeps
 * (they read no part it replaces), read by every later variant. A cell is keyed by what decides it: the code (the
 * package's, ./measure-cache codeHash), the backend, the claim, the seed, the replicate, the cell and the source of
 * its mechanism: `proposal`, a named repair, or a user's variant by its bundled code and parameters (named by the
 * caller: a mechanism made from an object in a notebook has no source, and its cells are kept in this process only).
 *
 * On disk in `EMTD_MEASURE_CACHE` where it names a folder (an empty value turns the disk off), else in the user's
 * cache folder (`$XDG_CACHE_HOME/emtd/measure`, `~/.cache/emtd/measure`), under `cells/`. A change to the package's
 * code or lockfile changes every key, so nothing measured by other code is read; the folder may be deleted at any time.
 */
import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeFileAtomic } from "../../files/atomic";
import { MEASURE_CACHE_ENV, codeHash } from "./measure-cache";
import { isDecided, isFact, markDecided, markFact } from "./findings";
import { PROPOSAL } from "./mechanism";
import type { Cell, Measurement, Mechanism } from "./types";

/** Where a cell lies: the claim, its seeds, its grid point and the source of the mechanism it was measured under. */
export interface CellKey {
  claim: string;
  seed: number;
  replicate: number;
  cell: Cell;
  /** `proposal`, `repair NAME`, or a variant's source (its bundled code and parameters, hashed). */
  source: string;
  /** A source no other process has (a mechanism made here from an object): kept in this process only. */
  local?: boolean;
}

/**
 * The folder of the cell cache: `EMTD_MEASURE_CACHE` where set (none where empty: `EMTD_MEASURE_CACHE=`), else the
 * user's cache folder, `$XDG_CACHE_HOME/emtd/measure` (`~/.cache/emtd/measure` without it).
 */
export function cellCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env[MEASURE_CACHE_ENV];
  if (given !== undefined) return given === "" ? null : path.resolve(given);
  const home = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
  return path.join(home, "emtd", "measure");
}

// Non-finite numbers survive the round trip (JSON would make them null), as in ./measure-cache's entries.
const replacer = (_k: string, v: unknown): unknown => (typeof v === "number" && !Number.isFinite(v) ? { $number: String(v) } : v);
const reviver = (_k: string, v: unknown): unknown =>
  v !== null && typeof v === "object" && typeof (v as { $number?: unknown }).$number === "string" && Object.keys(v).length === 1
    ? Number((v as { $number: string }).$number)
    : v;

/** Cells read and measured through one {@link CellCache}. */
export interface CellCounts {
  read: number;
  measured: number;
}

/**
 * Cells measured, by {@link CellKey}: in this process, and on disk where a folder is given. A cell is returned as
 * its entry reads back (written, then parsed), so a measurement looks the same to the process that made it as to
 * one that reads it.
 */
export class CellCache {
  private readonly memory = new Map<string, string>();
  private source: string | null = null;
  readonly counts: CellCounts = { read: 0, measured: 0 };
  private writable = true;

  constructor(readonly dir: string | null = cellCacheDirectory()) {}

  /**
   * Makes this the cache of `mechanism`'s cells (a variant's, as `compareVariant` measures it) and of the proposal's
   * cells it keeps; `source` names what the variant was made from ({@link variantSource}), so its cells go to disk.
   * Without one they are kept in this process only (a variant made from an object in a notebook).
   */
  adopt(mechanism: Mechanism, source?: string): void {
    this.source = source ?? null;
    adopted.set(mechanism, this);
  }

  /** The source of the cells measured under `mechanism` (its own or the proposal's), and whether it is this process's. */
  sourceOf(mechanism: Mechanism): { source: string; local: boolean } {
    if (mechanism === PROPOSAL) return { source: "proposal", local: false };
    return this.source !== null ? { source: this.source, local: false } : { source: mechanism.key, local: true };
  }

  private file(name: string): string {
    return path.join(this.dir!, "cells", `${name}.json`);
  }

  /** The cell's measurement, or null where none was made (counted as read when found). */
  read(key: CellKey): Measurement | null {
    const name = entryName(key);
    let text = this.memory.get(name);
    if (text === undefined && this.dir !== null && !key.local) {
      try {
        text = fs.readFileSync(this.file(name), "utf8");
        this.memory.set(name, text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    if (text === undefined) return null;
    let m: Measurement;
    try {
      m = decode(text);
    } catch {
      return null; // an entry cut short (a full disk): measured again, and written whole
    }
    this.counts.read++;
    return m;
  }

  /** Keeps the cell's measurement (counted as measured) and returns it as it reads back. */
  write(key: CellKey, m: Measurement): Measurement {
    const name = entryName(key);
    // A reading's brands (made by a rule, a typed fact: ./findings) are kept beside it, so the registry's checks of
    // the cell read back see what they saw when it was measured.
    const text = JSON.stringify({ m, decided: isDecided(m.result), fact: isFact(m.result) }, replacer);
    this.memory.set(name, text);
    if (this.dir !== null && this.writable && !key.local)
      try {
        fs.mkdirSync(path.dirname(this.file(name)), { recursive: true });
        writeFileAtomic(this.file(name), text);
      } catch {
        // A folder that cannot be written (read-only, full) caches in this process only: the cell was measured.
        this.writable = false;
      }
    this.counts.measured++;
    return decode(text);
  }
}

/** A cell's entry read back: the measurement, its reading branded as it was when written. */
function decode(text: string): Measurement {
  const entry = JSON.parse(text, reviver) as { m: Measurement; decided: boolean; fact: boolean };
  if (entry.decided) markDecided(entry.m.result);
  if (entry.fact) markFact(entry.m.result);
  return entry.m;
}

const adopted = new WeakMap<Mechanism, CellCache>();

/** One cell's place in its mechanism's cache: the measurement found there (or null), and how to keep one measured. */
export interface CellSlot {
  read: Measurement | null;
  /** Keeps the measurement made and returns it as it reads back. */
  write(m: Measurement): Measurement;
}

/**
 * The slot of claim `claim`'s `cell` measured under `under` (the mechanism's own, or the proposal's for a cell it keeps)
 * in the cache `mechanism` was adopted by ({@link CellCache.adopt}); null where it was adopted by none (the
 * registry's own runs: the proposal, the repairs).
 */
export function cellSlot(
  mechanism: Mechanism,
  claim: string,
  seed: number,
  replicate: number,
  cell: Cell,
  under: Mechanism,
): CellSlot | null {
  const cache = adopted.get(mechanism);
  if (!cache) return null;
  const key: CellKey = { claim, seed, replicate, cell, ...cache.sourceOf(under) };
  return { read: cache.read(key), write: (m) => cache.write(key, m) };
}

/** The entry's name: a hash of the code, the backend (cpu and wasm may differ in the last bits) and the key. */
function entryName(key: CellKey): string {
  const text = JSON.stringify([codeHash(), tf.getBackend(), key.claim, key.seed, key.replicate, key.cell, key.source]);
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/**
 * A variant's source as the cache keys it: its bundled code and its parameters (`name=value`, in any order: the
 * same set is the same source).
 */
export function variantSource(code: string, params: readonly string[]): string {
  return `variant ${createHash("sha256")
    .update(JSON.stringify([code, [...params].sort()]))
    .digest("hex")}`;
}
