/**
 * Progress of long loops for whoever watches: the run loop (dynamics/run.ts: `run`, the Ising
 * sweeps), sweeps' task loop and everything built on them report steps done here. Nobody watches in plain Node,
 * the CLI (which draws its own line, cli/progress.ts) or tests, and then a report costs one null check. The emtd
 * Jupyter kernel installs a watcher under {@link PROGRESS_WATCHER} that draws one live display per cell
 * (viz/progress-display.ts). A process-wide symbol, so a library loaded twice (the checkout and a notebook's
 * node_modules) reports to the same watcher.
 */

/** Where the kernel puts its watcher factory (a symbol from the global registry: shared across copies). */
export const PROGRESS_WATCHER: unique symbol = Symbol.for("emtd.progress.watcher") as never;

/**
 * How a loop ended: it took every step of its `total` ("completed"), its own stop rule ended it sooner ("stopped":
 * finished, not cut short, e.g. `run`'s `stopWhen`), it paused to be resumed (`run`'s `until`: "paused"), or an error
 * or an interrupt broke it off ("failed").
 */
export type LoopEnd = "completed" | "stopped" | "paused" | "failed";

/** One loop's reports. */
export interface ProgressWatch {
  /** `done` steps of the loop's `total`; `values`: per chain, the watched quantity after this step (H). */
  (done: number, values?: ArrayLike<number>): void;
  /** The loop ended, and how; without `how`, "completed" when every step was done, else "failed". */
  end(how?: LoopEnd): void;
}

/** What a loop tells its watcher at the start. */
export interface LoopDescription {
  /** What runs, in a few words ("mala", "mala × 4 chains", "sweep tasks"). */
  label: string;
  total: number;
  /** Chains run side by side (default 1); with 2 or more a watcher may show running R̂ and ESS. */
  chains?: number;
  /** Steps before the first kept draw (default 0). */
  burnIn?: number;
  /** Steps already done when the loop starts (a resumed run). */
  first?: number;
  /** What one unit of `total` is, plural (default "steps"; "claims" for compareVariant's outer loop). */
  unit?: string;
  /**
   * Whether its final state stays shown once every loop of the cell has ended (default true; tqdm's `leave`). A loop
   * that ran inside another never stays: only the outermost loops' ends are left.
   */
  leave?: boolean;
}

/** What the kernel installs: a watch for each loop that starts, or null to leave it unwatched. */
export type ProgressWatcher = (loop: LoopDescription) => ProgressWatch | null;

/**
 * A watch for a loop, or null when nobody watches (then the loop reports nothing).
 *
 * @example
 * ```ts
 * const watch = watchProgress({ label: "my loop", total: 100 });
 * watch; // → null (plain Node: nobody watches; in a notebook cell, a live display)
 * for (let t = 0; t < 100; t++) watch?.(t + 1);
 * watch?.end();
 * ```
 */
export function watchProgress(loop: LoopDescription): ProgressWatch | null {
  const watcher = (globalThis as Record<symbol, unknown>)[PROGRESS_WATCHER];
  return typeof watcher === "function" ? (watcher as ProgressWatcher)(loop) : null;
}
