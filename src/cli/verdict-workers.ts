/**
 * A one-replicate `emtd verdicts` on every core: worker processes (./verdict-worker, one tfjs backend each) measure
 * the claims, heaviest first (claims/machinery/claim-tasks, by the committed run's seconds per claim), each taking the next task
 * when it is done. Every claim is measured from its own seeded streams, so its record is the one a serial run in one
 * process gives, byte for byte; the records come back in the order of the ids.
 */
import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import { SHARED_RUNS } from "../claims/machinery/registry";
import { type VerdictRecord } from "../claims/machinery/verdict-record";
import { EmtdError } from "../errors";
import { claimTasks, committedCosts, type ClaimTask } from "../claims/machinery/claim-tasks";
import type { WorkerReply, WorkerTask } from "./verdict-worker";

export interface WorkersOptions {
  seed: number;
  replicate: number;
  /** Processes at once (at most one per task). */
  workers: number;
  /** Seconds per claim to schedule by; default the committed run's (`timing.claims`), none when it cannot be read. */
  costs?: Readonly<Record<string, number>>;
  /** Called as each claim is handed to a process: its place in that order, the count, its id. */
  onStart?: (index: number, total: number, id: string) => void;
}

export interface WorkersRun {
  /** Per id, in the order given: the record and the seconds its process took to measure it. */
  measured: Array<{ record: VerdictRecord; seconds: number }>;
  /** The tfjs backends the processes ran on (sorted, each once). */
  backends: string[];
}

/** One worker process and its one request in flight. */
class WorkerProcess {
  private readonly child: ChildProcess;
  private pending: ((reply: WorkerReply) => void) | null = null;
  private exited: WorkerReply | null = null;
  readonly ready: Promise<WorkerReply>;

  constructor(threads: number) {
    this.child = fork(path.join(__dirname, "verdict-worker.js"), [], {
      serialization: "advanced", // structured clone: a record's numbers (−0, ±Infinity, NaN) as measured
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // The cores shared out between the processes, as the sweep's local executor does: more threads than cores
      // in all would only contend.
      env: { ...process.env, EMTD_THREADS: process.env.EMTD_THREADS ?? String(threads) },
    });
    this.ready = this.next();
    this.child.on("message", (reply: WorkerReply) => this.settle(reply));
    this.child.on("error", (error) => this.settle({ kind: "failed", message: error.message, emtd: false }));
    this.child.on("exit", (code, signal) => {
      this.exited = { kind: "failed", message: `a verdicts worker process exited (${signal ?? `status ${code}`})`, emtd: false };
      this.settle(this.exited);
    });
  }

  private next(): Promise<WorkerReply> {
    return new Promise((resolve) => (this.pending = resolve));
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending;
    this.pending = null;
    pending?.(reply);
  }

  measure(task: WorkerTask): Promise<WorkerReply> {
    if (this.exited) return Promise.resolve(this.exited);
    const reply = this.next();
    this.child.send(task);
    return reply;
  }

  /** Disconnects (the worker then exits) and resolves when it has exited, so no process outlives the run. */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    if (this.child.connected) this.child.disconnect();
    return gone;
  }
}

/**
 * Measures the claims `ids` (one replicate) on `workers` processes and returns their records in the order of `ids`.
 * A claim that throws stops the handing out of tasks; once the running ones are done, the error of the first such
 * claim in `ids` is thrown (an {@link EmtdError} where the claim threw one), as a serial run would have thrown it.
 * Internal (forks ./verdict-worker); its public route is the command line: `npx emtd verdicts --workers 2`.
 */
export async function measureInWorkers(ids: readonly string[], options: WorkersOptions): Promise<WorkersRun> {
  const tasks = claimTasks(ids, options.costs ?? committedCosts(), SHARED_RUNS);
  const processes = Math.max(1, Math.min(options.workers, tasks.length));
  const threads = Math.max(1, Math.floor(availableParallelism() / processes));
  const workers = Array.from({ length: processes }, () => new WorkerProcess(threads));
  const results = new Map<string, { record: VerdictRecord; seconds: number }>();
  const failures = new Map<string, { message: string; emtd: boolean }>();
  const backends = new Set<string>();
  let next = 0;
  let started = 0;
  const take = (): ClaimTask | undefined => (failures.size > 0 ? undefined : tasks[next++]);
  const drive = async (worker: WorkerProcess) => {
    const hello = await worker.ready;
    if (hello.kind !== "ready") {
      // No backend in this process (it exited or failed to start): the run cannot be the serial run's.
      failures.set(ids[0]!, { message: hello.kind === "failed" ? hello.message : "a verdicts worker did not start", emtd: false });
      return;
    }
    backends.add(hello.backend);
    for (let task = take(); task !== undefined; task = take()) {
      for (const id of task.ids) options.onStart?.(started++, ids.length, id);
      const reply = await worker.measure({ ids: task.ids, seed: options.seed, replicate: options.replicate });
      if (reply.kind === "measured") reply.results.forEach((r) => results.set(r.record.id, r));
      else if (reply.kind === "failed") for (const id of task.ids) failures.set(id, reply);
    }
  };
  try {
    await Promise.all(workers.map(drive));
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
  const failed = ids.find((id) => failures.has(id));
  if (failed !== undefined) {
    const { message, emtd } = failures.get(failed)!;
    throw emtd ? new EmtdError(message) : new Error(message);
  }
  return { measured: ids.map((id) => results.get(id)!), backends: [...backends].sort() };
}
