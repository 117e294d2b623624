/**
 * The local executor: one worker process per core (each with its own tfjs backend), each running one task at a time
 * through `emtd sweep CONFIG --out DIR --task-index I` — the same entry point a Slurm array element runs — so the
 * result of a task does not depend on the executor.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { SweepPlan } from "./plan";
import { readTaskResult } from "./results";
import { watchProgress } from "../progress";

export interface TaskFailure {
  id: string;
  index: number;
  message: string;
}

export interface ExecutorOutcome {
  ran: number;
  failed: TaskFailure[];
}

/** The `emtd` executable of this package. */
export const EMTD_BIN = path.resolve(__dirname, "..", "..", "..", "bin", "emtd.js");

/**
 * Run array element `element` (tasks element·B … element·B + B − 1) in a fresh `emtd sweep … --task-index` process;
 * resolves with its failure message, or null.
 */
function runChild(configFile: string, dir: string, element: number, tasksPerElement: number, threads: number): Promise<string | null> {
  return new Promise((resolve) => {
    const args = [
      EMTD_BIN,
      "sweep",
      configFile,
      "--out",
      dir,
      "--task-index",
      String(element),
      "--tasks-per-element",
      String(tasksPerElement),
    ];
    const child = spawn(process.execPath, [...args, "--json"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, EMTD_THREADS: process.env.EMTD_THREADS ?? String(threads) },
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error) => resolve(error.message));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(null);
      const last = stderr.trim().split("\n").pop() ?? "";
      resolve(last || `exited with ${signal ?? `status ${code}`}`);
    });
  });
}

/**
 * Run every task that has no result yet on `workers` processes at once, in task order; `onProgress(done, total)`
 * after each process. Each process runs one array element: `tasksPerElement` consecutive tasks (default 1; more
 * spares the start of a process per task when tasks are short), skipping those already complete. Failures do not
 * stop the others: they are returned, one message per task without a result.
 * Internal (spawns `emtd sweep --task-index` workers); its public route is the command line:
 *
 * ```sh
 * npx emtd sweep sweep.json --out runs/sweep --executor local --workers 2   # then runs/sweep/results.csv
 * ```
 */
export async function runLocal(
  plan: SweepPlan,
  dir: string,
  configFile: string,
  options: { workers: number; tasksPerElement?: number; onProgress?: (done: number, total: number) => void },
): Promise<ExecutorOutcome> {
  const per = options.tasksPerElement ?? 1;
  const pending = plan.tasks.filter((task) => !readTaskResult(dir, task));
  const elements = [...new Set(pending.map((task) => Math.floor(task.index / per)))].sort((a, b) => a - b);
  const failed: TaskFailure[] = [];
  let next = 0;
  let done = 0;
  let ran = 0;
  options.onProgress?.(0, pending.length);
  const progress = watchProgress({ label: "sweep tasks", total: pending.length });
  const processes = Math.max(1, Math.min(options.workers, elements.length));
  // The cores shared out between the processes (each process's kernels split their rows over its share), unless
  // EMTD_THREADS says otherwise: more threads than cores in all would only contend.
  const threads = Math.max(1, Math.floor(availableParallelism() / processes));
  const worker = async () => {
    while (next < elements.length) {
      const element = elements[next++]!;
      const failure = await runChild(configFile, dir, element, per, threads);
      for (const task of pending.filter((t) => Math.floor(t.index / per) === element)) {
        if (readTaskResult(dir, task)) ran++;
        else failed.push({ id: task.id, index: task.index, message: failure ?? "no result written" });
        done++;
      }
      options.onProgress?.(done, pending.length);
      progress?.(done);
    }
  };
  await Promise.all(Array.from({ length: processes }, worker)).finally(() => progress?.end());
  failed.sort((a, b) => a.index - b.index);
  return { ran, failed };
}
