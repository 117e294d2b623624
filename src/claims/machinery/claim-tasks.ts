/**
 * The order in which claims are measured where processes share the work: heaviest first (longest-processing-time
 * scheduling: each idle process takes the next, so the long claims start at once and the short ones fill the gaps at
 * the end), by a static cost per claim, the committed run's seconds. A one-replicate `emtd verdicts` hands its worker
 * processes tasks in this order (cli/verdict-workers), and processes sharing a disk cache measure in it (./measure
 * measureClaims: the test suite's files and notebook kernels), so that none waits at the end for a long claim another
 * started last. Claims that share a run in one process (registry SHARED_RUNS) travel as one task, so the run is made once.
 */
import * as fs from "node:fs";
import { committedRunFile } from "./committed-path";

/** A worker process's unit of work: claims measured in one process, in the order given. */
export interface ClaimTask {
  ids: string[];
  /** The estimated cost: the claims' costs summed. */
  cost: number;
}

/**
 * The tasks of `ids`, heaviest first (ties in the order of `ids`). A claim without a cost gets the median of the
 * known ones (1 when none is known); a shared list's chosen members form one task, in the order of `ids`. With
 * costs { a: 1, b: 9, c: 2, d: 0.1 } and c, d sharing a run, ids a, b, c, d give the tasks [b] (9), [c, d] (2.1), [a] (1).
 */
export function claimTasks(
  ids: readonly string[],
  costs: Readonly<Record<string, number>>,
  shared: ReadonlyArray<readonly string[]> = [],
): ClaimTask[] {
  const known = ids.map((id) => costs[id]).filter((c): c is number => typeof c === "number" && Number.isFinite(c) && c >= 0);
  const sorted = known.sort((a, b) => a - b);
  const fallback = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : 1;
  const costOf = (id: string) => {
    const c = costs[id];
    return typeof c === "number" && Number.isFinite(c) && c >= 0 ? c : fallback;
  };
  const groupOf = new Map<string, number>();
  shared.forEach((list, g) => list.forEach((id) => groupOf.set(id, g)));
  const tasks: ClaimTask[] = [];
  const taskOfGroup = new Map<number, ClaimTask>();
  for (const id of ids) {
    const g = groupOf.get(id);
    const existing = g === undefined ? undefined : taskOfGroup.get(g);
    if (existing) {
      existing.ids.push(id);
      existing.cost += costOf(id);
      continue;
    }
    const task = { ids: [id], cost: costOf(id) };
    tasks.push(task);
    if (g !== undefined) taskOfGroup.set(g, task);
  }
  // Array.prototype.sort is stable: equal costs keep the order of `ids`.
  return tasks.sort((a, b) => b.cost - a.cost);
}

/**
 * The committed run's seconds per claim (its `timing.claims`), or none where it has no timing or cannot be read: a
 * cost only orders the work, so a missing or broken file orders it as given (./committed reports the file's faults).
 */
export function committedCosts(): Record<string, number> {
  try {
    const run = JSON.parse(fs.readFileSync(committedRunFile(), "utf8")) as { timing?: { claims?: Record<string, number> } };
    return run.timing?.claims ?? {};
  } catch {
    return {};
  }
}
