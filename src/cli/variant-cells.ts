/**
 * `emtd verdicts --variant FILE` over workers: before the comparison is measured in this process, forked workers
 * (./variant-cells-worker) measure the grid cells of the claims the variant touches into the disk cell cache
 * (../claims/machinery/cell-cache), the heaviest first, each worker taking the next cell as it finishes one; the
 * comparison then reads every cell it can from the cache. The numbers are the same as measured here (a cell is a pure
 * function of its key, and is read back as written); only the wall time changes. Without a disk cache (an empty
 * `EMTD_MEASURE_CACHE`) there is nowhere to share the cells, and nothing is forked.
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import { claimById } from "../claims/machinery/registry";
import { gridOf } from "../claims/machinery/measure";
import { cellLabel, cellsOf } from "../claims/machinery/grid";
import { mechanismOf } from "../claims/machinery/mechanism";
import { committedCosts } from "../claims/machinery/claim-tasks";
import { cellCacheDirectory } from "../claims/machinery/cell-cache";
import type { Cell, Mechanism, Variant } from "../claims/machinery/types";
import type { VariantCode } from "./variant-file";
import type { CellsReply, CellsTask } from "./variant-cells-worker";
import { affectedFastestFirst } from "./variant-decision";

interface CellTask {
  id: string;
  replicate: number;
  cell: Cell;
  /** The committed run's seconds of the claim per replicate, shared by its cells: the order, heaviest first. */
  cost: number;
}

/** The cells of the claims `ids` under `mechanism` over `replicates`, heaviest first (ties in registry order). */
export function variantCells(ids: readonly string[], mechanism: Mechanism, replicates: number): CellTask[] {
  const costs = committedCosts();
  const tasks: CellTask[] = [];
  for (const id of ids) {
    const cells = cellsOf(gridOf(claimById(id), mechanism));
    const cost = (costs[id] ?? 0) / Math.max(cells.length, 1);
    for (let replicate = 0; replicate < replicates; replicate++) for (const cell of cells) tasks.push({ id, replicate, cell, cost });
  }
  return tasks.sort((a, b) => b.cost - a.cost);
}

/**
 * The committed run's seconds below which the cells are measured here rather than spread: a worker takes a second or
 * two to start (the engine, the variant's code), which a few cheap claims do not repay.
 */
export const PREFETCH_SECONDS = 10;

/** What the workers did: cells measured and read from the cache, over all of them. */
export interface PrefetchCounts {
  workers: number;
  measured: number;
  read: number;
}

/**
 * Measures `tasks` into the disk cell cache in `workers` forked processes (at most one per task), each building the
 * variant from `code` and `params`; resolves when every cell is done. A worker that cannot build the variant ends
 * the prefetch for itself only: the command measures what is left. Nothing is forked without a disk cache, with one
 * worker, or where the tasks' committed seconds are below {@link PREFETCH_SECONDS}.
 */
export async function prefetchCells(
  code: VariantCode,
  params: readonly string[],
  seed: number,
  tasks: readonly CellTask[],
  workers: number,
  onCell?: (done: number, total: number, task: CellTask) => void,
): Promise<PrefetchCounts> {
  const counts: PrefetchCounts = { workers: 0, measured: 0, read: 0 };
  const seconds = tasks.reduce((a, t) => a + t.cost, 0);
  if (cellCacheDirectory() === null || workers < 2 || seconds < PREFETCH_SECONDS) return counts;
  let next = 0;
  let done = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const child = fork(path.join(__dirname, "variant-cells-worker.js"), [], {
        serialization: "advanced",
        stdio: ["ignore", "ignore", "inherit", "ipc"],
      });
      let last = { measured: 0, read: 0 };
      let current: CellTask | null = null;
      child.on("message", (reply: CellsReply) => {
        if (current) onCell?.(++done, tasks.length, current);
        if (reply.kind === "failed" || next >= tasks.length) {
          current = null;
          child.send({ kind: "end" } satisfies CellsTask);
          if (reply.kind === "next") last = reply;
          return;
        }
        last = reply;
        current = tasks[next++]!;
        child.send({ kind: "cell", id: current.id, replicate: current.replicate, cell: current.cell } satisfies CellsTask);
      });
      child.once("exit", () => {
        counts.measured += last.measured;
        counts.read += last.read;
        resolve();
      });
      child.once("error", () => resolve()); // a worker that could not start: the command measures its share
      child.send({ kind: "variant", code, params: [...params], seed } satisfies CellsTask);
    });
  counts.workers = Math.min(workers, tasks.length);
  await Promise.all(Array.from({ length: counts.workers }, one));
  return counts;
}

/**
 * The cells of the claims among `ids` that `variant` touches, measured over `workers` processes into the disk cell
 * cache ({@link prefetchCells}), with a progress line per cell on stderr unless `quiet`.
 */
export function prefetchVariantCells(
  variant: Variant,
  code: VariantCode,
  params: readonly string[],
  o: { ids: readonly string[]; seed: number; replicates: number; workers: number; quiet: boolean },
): Promise<PrefetchCounts> {
  const mechanism = mechanismOf(variant);
  const affected = affectedFastestFirst(o.ids, mechanism.replaced);
  const report = (done: number, total: number, t: CellTask) =>
    process.stderr.write(`[${done}/${total}] cells in ${o.workers} workers: ${t.id} ${cellLabel(t.cell)}\n`);
  return prefetchCells(code, params, o.seed, variantCells(affected, mechanism, o.replicates), o.workers, o.quiet ? undefined : report);
}

/** What the workers did, in words. */
export const prefetchedText = (p: PrefetchCounts): string =>
  `${p.workers} workers first measured ${p.measured} cells (${p.read} read from the cache)`;
