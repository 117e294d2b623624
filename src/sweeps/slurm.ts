/**
 * The Slurm executor: the tasks without a result are submitted as ONE job array (`sbatch --array=LIST%M`), each
 * array element running a batch of tasks through `emtd sweep CONFIG --out DIR --task-index E` (the same entry point
 * the local executor uses); then it waits for the array to leave the queue and the caller merges the results.
 * The cluster is whatever `sbatch`/`squeue` on PATH talk to (SLURM_CONF and the usual Slurm variables apply).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { UsageError } from "../command/options";
import { writeFileAtomic } from "../files/atomic";
import { EMTD_BIN, type ExecutorOutcome } from "./local";
import type { SlurmOptions, SweepPlan } from "./plan";
import { readTaskResult } from "./results";
import { makeDirectory } from "../files/directory";

/** `[0, 1, 2, 5, 7, 8]` → `0-2,5,7-8` (Slurm's array index list). */
export function arrayRanges(indices: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    parts.push(i === j ? String(indices[i]) : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** The array elements (batches of `tasksPerElement` tasks in task order) that still hold a task without a result. */
export function pendingElements(plan: SweepPlan, dir: string, tasksPerElement: number): number[] {
  const elements = new Set<number>();
  for (const task of plan.tasks) if (!readTaskResult(dir, task)) elements.add(Math.floor(task.index / tasksPerElement));
  return [...elements].sort((a, b) => a - b);
}

/** Shell-quote one word for a batch script. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The batch script of the job array: `#SBATCH` lines from the options, then one `emtd sweep --task-index` call. */
export function batchScript(configFile: string, dir: string, elements: readonly number[], options: SlurmOptions): string {
  const per = options.tasksPerElement ?? 1;
  const lines = [
    "#!/bin/bash",
    "#SBATCH --job-name=emtd-sweep",
    `#SBATCH --array=${arrayRanges(elements)}${options.throttle ? `%${options.throttle}` : ""}`,
    `#SBATCH --output=${path.join(dir, "slurm", "%A_%a.out")}`,
    `#SBATCH --cpus-per-task=${options.cpusPerTask ?? 1}`,
    ...(options.partition ? [`#SBATCH --partition=${options.partition}`] : []),
    ...(options.time ? [`#SBATCH --time=${options.time}`] : []),
    ...(options.mem ? [`#SBATCH --mem=${options.mem}`] : []),
    "set -euo pipefail",
    `${[process.execPath, EMTD_BIN, "sweep", configFile, "--out", dir].map(quote).join(" ")} --task-index "$SLURM_ARRAY_TASK_ID" --tasks-per-element ${per} --json`,
    "",
  ];
  return lines.join("\n");
}

function slurmCommand(name: string, args: string[]): string {
  const result = spawnSync(name, args, { encoding: "utf8" });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new UsageError(
      `emtd sweep: --executor slurm needs Slurm's ${name} on PATH (install slurm-wlm, or run on the cluster's login node)`,
    );
  }
  if (result.status !== 0)
    throw new UsageError(`emtd sweep: ${name} ${args.join(" ")} failed: ${(result.stderr || result.stdout).trim().split("\n")[0]}`);
  return result.stdout;
}

export interface SlurmOutcome extends ExecutorOutcome {
  jobId: string | null;
  script: string | null;
}

/**
 * Submit the pending tasks as one job array and wait until it has left the queue (polling `squeue`), reporting the
 * tasks complete so far. Tasks still without a result afterwards are failures naming their element's log file.
 * Internal (needs `sbatch`/`squeue`); its public route is the command line:
 *
 * ```sh
 * npx emtd sweep sweep.json --out runs/sweep --executor slurm --throttle 8 --time 00:10:00
 * ```
 */
export async function runSlurm(
  plan: SweepPlan,
  dir: string,
  configFile: string,
  options: SlurmOptions & { pollSeconds?: number; onProgress?: (done: number, total: number) => void },
): Promise<SlurmOutcome> {
  const per = options.tasksPerElement ?? 1;
  const pending = plan.tasks.filter((task) => !readTaskResult(dir, task));
  const elements = pendingElements(plan, dir, per);
  if (elements.length === 0) return { ran: 0, failed: [], jobId: null, script: null };
  makeDirectory(path.join(dir, "slurm"));
  const script = path.join(dir, "slurm", "array.sbatch");
  writeFileAtomic(script, batchScript(path.resolve(configFile), path.resolve(dir), elements, options));
  const jobId = slurmCommand("sbatch", ["--parsable", script]).trim().split(";")[0]!;
  const count = () => pending.filter((task) => readTaskResult(dir, task)).length;
  options.onProgress?.(0, pending.length);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, (options.pollSeconds ?? 2) * 1000));
    options.onProgress?.(count(), pending.length);
    if (slurmCommand("squeue", ["-h", "-j", jobId, "-o", "%i"]).trim() === "") break;
  }
  const failed = pending
    .filter((task) => !readTaskResult(dir, task))
    .map((task) => ({
      id: task.id,
      index: task.index,
      message: `no result; see ${path.join(dir, "slurm", `${jobId}_${Math.floor(task.index / per)}.out`)}`,
    }));
  return { ran: pending.length - failed.length, failed, jobId, script };
}
