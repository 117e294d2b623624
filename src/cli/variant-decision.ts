/**
 * One decision of a variant in a worker process, shared by the two live faces of issue 73: `emtd verdicts --variant
 * FILE --watch` (./variant-watch) and the notebook's explorer (./variant-explore). A {@link Decision} forks
 * ./variant-watch-worker, which measures the claims it is sent with `compareVariant` and sends each row as it is
 * decided; {@link Decision.stop} ends it (SIGTERM, SIGKILL after half a second) and drops what it sends after. Rows
 * are cached by {@link cacheKey}: the bundled code, the parameters, the seed and the replicates.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import * as path from "node:path";
import { claimById } from "../claims/machinery/registry";
import { committedCosts } from "../claims/machinery/claim-tasks";
import type { VariantCode } from "./variant-file";
import type { WatchReply, WatchTask } from "./variant-watch-worker";

/** Milliseconds a cancelled worker has after SIGTERM before SIGKILL. */
export const KILL_AFTER_MS = 500;

/** The cache key of one claim (or `cost`) decided from `code` at these parameters, seed and replicates. */
export function cacheKey(code: VariantCode, params: readonly string[], seed: number, replicates: number, id: string): string {
  return createHash("sha256")
    .update(JSON.stringify([code.code, [...params].sort(), seed, replicates, id]))
    .digest("hex");
}

/** The grid cells a worker read from the measurement cache (../claims/machinery/cell-cache) and measured, and where it is. */
export const cellLine = (c: { read: number; measured: number; dir: string | null }) =>
  `cells: ${c.read} read from the measurement cache (${c.dir ?? "in memory"}), ${c.measured} measured`;

/** The affected claims of `ids` under `mechanism`, fastest first (the committed run's seconds; ties in registry order). */
export function affectedFastestFirst(ids: readonly string[], replaced: readonly string[]): string[] {
  const costs = committedCosts();
  const affected = ids.filter((id) => claimById(id).uses.some((p) => replaced.includes(p)));
  return affected.sort((a, b) => (costs[a] ?? Infinity) - (costs[b] ?? Infinity));
}

/** Every worker forked and not yet exited, in this process (the explorer's tests count them). */
const running = new Set<number>();

/** The process ids of the decision workers this process forked that have not exited. */
export function runningWorkers(): number[] {
  return [...running];
}

/** A worker measuring one decision, ended by {@link stop}. */
export class Decision {
  private readonly child: ChildProcess;
  readonly exited: Promise<void>;
  private stopped = false;

  constructor(task: WatchTask, onReply: (reply: WatchReply) => void) {
    this.child = fork(path.join(__dirname, "variant-watch-worker.js"), [], {
      serialization: "advanced",
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    const pid = this.child.pid;
    if (pid !== undefined) running.add(pid);
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    void this.exited.then(() => pid !== undefined && running.delete(pid));
    this.child.on("message", (reply: WatchReply) => {
      if (!this.stopped) onReply(reply);
    });
    this.child.on("exit", (code, signal) => {
      // A terminal's Ctrl-C reaches the worker too (one process group): the watch is stopping, nothing to report.
      if (!this.stopped && signal !== "SIGINT")
        onReply({ kind: "failed", message: `the watch's worker process exited (${signal ?? `status ${code}`})` });
      this.stopped = true;
    });
    this.child.send(task);
  }

  /** Ends the worker (its later messages dropped) and resolves once it has exited. */
  stop(): Promise<void> {
    if (this.stopped && this.child.exitCode !== null) return this.exited;
    this.stopped = true;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGTERM");
      const kill = setTimeout(() => this.child.kill("SIGKILL"), KILL_AFTER_MS);
      void this.exited.then(() => clearTimeout(kill));
    }
    return this.exited;
  }
}
