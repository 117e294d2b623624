/**
 * Runs memoised by what they read (issue 72 item 4): a cell's runs are a pure function of their stream, their design,
 * the mechanism's parts they build and the temperatures their schedule gives, so a repair that changes none of
 * these reads the runs another cell made at the same grid point instead of making them again. The symmetric kernel
 * on a flow cell (which proposes nothing) and the logarithmic repairs on a convex flow (d* = 0, where they keep the
 * text's ×0.95 under another name) are such repairs: their flow cells read the proposal's runs and write their own
 * records from them, names included, so each record is the one measuring it gives.
 */
import { createHash } from "node:crypto";
import type { Schedule } from "../../dynamics/schedules";
import type { Key } from "../../engine/random";
import type { Mechanism, Part } from "./types";

/** Steps past a run's cap whose temperatures are read too: a loop may ask a batch ahead (dynamics/loop). */
const LOOKAHEAD = 64;

/** Entries kept in this process; the oldest go first (a long notebook session stays bounded). */
const KEPT = 64;

const ids = new WeakMap<object, number>();
let nextId = 0;

/** A part's identity in this process: one number per function or object, the value itself for a name. */
function identity(value: unknown): string {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return JSON.stringify(value);
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return `#${id}`;
}

/**
 * What runs building `parts` of `mechanism` under `schedule` for up to `cap` steps read of them: each part's identity
 * (reading it, as the runs do), whether the mechanism replaced it, the schedule's horizon and its temperature at every
 * step to the cap. Null for a schedule with state (`observe`: re-heating), whose temperatures depend on the run.
 */
export function readsOf(
  mechanism: Mechanism,
  parts: readonly Part[],
  schedule: Schedule & { horizon?: number },
  cap: number,
): string | null {
  if (schedule.observe !== undefined) return null;
  const temperatures = new Float64Array(cap + LOOKAHEAD);
  for (let t = 0; t < temperatures.length; t++) temperatures[t] = schedule.temperature(t);
  const trace = createHash("sha256").update(new Uint8Array(temperatures.buffer)).digest("hex");
  const read = parts.map((p) => `${p}=${identity(mechanism[p])}${mechanism.replaced.includes(p) ? "*" : ""}`);
  return JSON.stringify([read, schedule.horizon ?? null, trace]);
}

const memo = new Map<string, Promise<unknown>>();
/** Runs made synchronously ({@link memoRunsNow}): a cell decided look by look asks for them inside its looks. */
const kept = new Map<string, unknown>();

/** Runs made and runs read through {@link memoRuns} in this process (a test reads them). */
export const runsMemoCounts = { made: 0, read: 0 };

/** Forgets every memoised run (a test measures the same runs afresh to compare them bit for bit). */
export function forgetRuns(): void {
  memo.clear();
  kept.clear();
}

/**
 * `compute()` once per `what` (the runs' function and design), stream `key` and `reads` ({@link readsOf}); null
 * reads compute every time. A run that throws is not kept.
 */
export function memoRuns<T>(what: string, key: Key, reads: string | null, compute: () => Promise<T>): Promise<T> {
  if (reads === null) return compute();
  const id = `${what}|${key[0]}.${key[1]}|${reads}`;
  let hit = memo.get(id) as Promise<T> | undefined;
  if (hit !== undefined) runsMemoCounts.read++;
  else {
    runsMemoCounts.made++;
    hit = compute();
    memo.set(id, hit);
    hit.catch(() => memo.delete(id));
    if (memo.size > KEPT) memo.delete(memo.keys().next().value!);
  }
  return hit;
}

/**
 * {@link memoRuns} for runs made synchronously (a look of a cell decided look by look, ./sequential-cell, asks for its
 * runs inside the design's loop): `compute()` once per `what`, `key` and `reads`; null reads compute every time.
 */
export function memoRunsNow<T>(what: string, key: Key, reads: string | null, compute: () => T): T {
  if (reads === null) return compute();
  const id = `${what}|${key[0]}.${key[1]}|${reads}`;
  if (kept.has(id)) {
    runsMemoCounts.read++;
    return kept.get(id) as T;
  }
  runsMemoCounts.made++;
  const value = compute();
  kept.set(id, value);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return value;
}
