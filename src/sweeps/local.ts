/**
 * The local executor: one worker process per core (each with its own tfjs backend), each running one task at a time
 * through `emtd sweep CONFIG --out DIR --task-index I` — the same entry point a Slurm array element runs — so the
 * result of a task does not depend on the executor.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import type { SweepPlan, SweepTask } from "./plan";
import { readTaskResult } from "./results";

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

/** Run one task in a fresh `emtd sweep … --task-index` process; resolves with its failure message, or null. */
function runChild(configFile: string, dir: string, task: SweepTask): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [EMTD_BIN, "sweep", configFile, "--out", dir, "--task-index", String(task.index), "--json"], {
      stdio: ["ignore", "ignore", "pipe"],
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
 * after each task. Failures do not stop the others: they are returned, one message per task.
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
  options: { workers: number; onProgress?: (done: number, total: number) => void },
): Promise<ExecutorOutcome> {
  const pending = plan.tasks.filter((task) => !readTaskResult(dir, task));
  const failed: TaskFailure[] = [];
  let next = 0;
  let done = 0;
  let ran = 0;
  options.onProgress?.(0, pending.length);
  const worker = async () => {
    while (next < pending.length) {
      const task = pending[next++]!;
      const failure = await runChild(configFile, dir, task);
      if (failure === null) ran++;
      else failed.push({ id: task.id, index: task.index, message: failure });
      options.onProgress?.(++done, pending.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, pending.length)) }, worker));
  failed.sort((a, b) => a.index - b.index);
  return { ran, failed };
}
