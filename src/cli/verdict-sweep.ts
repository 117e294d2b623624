/**
 * A stability run on the sweep engine (issue 20): one task per claim × replicate, each an `emtd run` of the config
 * `{ command: "verdicts", only: ID, replicate: r, seed: S }` in DIR/tasks/<id>/ (content-addressed, so a rerun with
 * the same DIR skips finished tasks), run by the sweep engine's executors: worker processes on the local cores, or
 * one Slurm job array. Each task's result.json is what `emtd verdicts --only ID --replicate r --seed S --json` prints.
 */
import path from "node:path";
import { CommandFailed, type Command } from "../command/command";
import { writeFileAtomic } from "../files/atomic";
import { runLocal } from "../sweeps/local";
import { planSweep, type SweepPlan } from "../sweeps/plan";
import { readTaskResult } from "../sweeps/results";
import { runSlurm } from "../sweeps/slurm";
import { codeIdentity } from "../claims/machinery/provenance";
import type { VerdictRecord } from "../claims/machinery/verdict-record";

/** Slurm's default MaxArraySize is 1001: at most this many array elements per job array. */
const MAX_ARRAY_ELEMENTS = 1000;

/**
 * Tasks per worker process on the local executor: starting a process (Node, tfjs, the registry) costs about as much
 * CPU as a typical claim, so a process runs a batch of consecutive tasks — at most one replicate of the claims, and
 * small enough that each worker gets about four batches to balance the load.
 *
 * @example
 * ```ts
 * localBatch(980, 49, 2); // → 49: one replicate per process, 20 processes
 * localBatch(6, 2, 2); // → 1
 * ```
 */
export function localBatch(tasks: number, claims: number, workers: number): number {
  return Math.max(1, Math.min(claims, Math.floor(tasks / (4 * workers))));
}

export interface ReplicateSweepOptions {
  /** Claim ids, in registry order. */
  ids: readonly string[];
  /**
   * Each task gives its record its claim's fingerprint (`emtd verdicts --fingerprint`), in a process of its own: the
   * coverage a fingerprint reads counts what ran from the process's start.
   */
  fingerprint?: boolean;
  /** The first replicate of this sweep (default 0): a stability run may measure replicate 0 apart. */
  first?: number;
  seed: number;
  replicates: number;
  /** The sweep directory (DIR/verdicts-sweep.json, DIR/tasks/<id>/). */
  dir: string;
  executor: "local" | "slurm";
  /** Local executor: processes at once. */
  workers: number;
  /** The `verdicts` command (its options validate the task configs). */
  command: Command;
  onProgress?: (done: number, total: number) => void;
}

export interface ReplicateSweep {
  /** `rounds[r][i]`: the record of claim `ids[i]` in replicate r. */
  rounds: VerdictRecord[][];
  /** Seconds per claim, summed over its replicates (as each task measured it). */
  seconds: Record<string, number>;
  /** The tfjs backends the tasks ran on. */
  backends: string[];
  tasks: number;
  /** Tasks computed by this call (the others were complete in DIR already). */
  ran: number;
  /** The Slurm job id, when one was submitted. */
  jobId: string | null;
}

/**
 * The sweep config of a stability run: replicates outermost, claims fastest (replicate 0 of every claim first).
 *
 * @example
 * ```ts
 * replicateSweepConfig(["p1.2-entropic-penalty"], 0, 2).sweep; // → { replicate: [0, 1], only: ["p1.2-entropic-penalty"] }
 * ```
 */
export function replicateSweepConfig(
  ids: readonly string[],
  seed: number,
  replicates: number,
  first = 0,
): Record<string, unknown> & { sweep: object } {
  return {
    command: "verdicts",
    seed,
    quiet: true,
    sweep: { replicate: Array.from({ length: replicates - first }, (_, r) => first + r), only: [...ids] },
  };
}

function taskRecord(
  plan: SweepPlan,
  dir: string,
  index: number,
  commit: string | null,
): { record: VerdictRecord; seconds: number; backend: string } {
  const task = plan.tasks[index]!;
  const result = readTaskResult(dir, task) as {
    claims?: VerdictRecord[];
    timing?: { seconds?: number };
    provenance?: { backend?: string; commit?: string | null };
  } | null;
  const record = result?.claims?.[0];
  if (!result || !record || record.id !== task.point.only)
    throw new CommandFailed(
      `emtd verdicts: task ${task.id} (${String(task.point.only)}, replicate ${String(task.point.replicate)}) has no verdict record in ${dir}; rerun to retry it`,
    );
  // Task ids depend on claim, replicate and seed, not on the code: a result of other code must not be mixed in.
  const measuredBy = result.provenance?.commit ?? null;
  if (measuredBy !== commit)
    throw new CommandFailed(
      `emtd verdicts: task ${task.id} in ${dir} was measured by commit ${String(measuredBy)}, this code is commit ${String(commit)}: use a fresh --out`,
    );
  return { record, seconds: result.timing?.seconds ?? 0, backend: result.provenance?.backend ?? "unknown" };
}

/**
 * Runs (or resumes) a stability run in `dir` on the chosen executor and returns every replicate's records. Throws a
 * {@link CommandFailed} naming the first failed task when any failed (a rerun with the same `dir` retries only those).
 * Internal (spawns `emtd sweep --task-index` workers or submits a Slurm array); its public route is the command line:
 *
 * ```sh
 * npx emtd verdicts --replicates 20 --out runs/verdicts --workers 2
 * npx emtd verdicts --replicates 20 --out /shared/verdicts --executor slurm
 * ```
 */
export async function runReplicateSweep(options: ReplicateSweepOptions): Promise<ReplicateSweep> {
  const first = options.first ?? 0;
  const config = {
    ...replicateSweepConfig(options.ids, options.seed, options.replicates, first),
    ...(options.fingerprint ? { fingerprint: true } : {}),
  };
  const file = path.join(options.dir, "verdicts-sweep.json");
  writeFileAtomic(file, JSON.stringify(config, null, 2) + "\n");
  const plan = planSweep(config, [options.command], file);
  const outcome =
    options.executor === "local"
      ? {
          ...(await runLocal(plan, options.dir, file, {
            workers: options.workers,
            tasksPerElement: options.fingerprint ? 1 : localBatch(plan.tasks.length, options.ids.length, options.workers),
            onProgress: options.onProgress,
          })),
          jobId: null,
        }
      : await runSlurm(plan, options.dir, file, {
          // A fingerprinted task needs a process of its own; more than MAX_ARRAY_ELEMENTS of them is not a case we meet.
          tasksPerElement: options.fingerprint ? 1 : Math.ceil(plan.tasks.length / MAX_ARRAY_ELEMENTS),
          onProgress: options.onProgress,
        });
  if (outcome.failed.length > 0) {
    const first = outcome.failed[0]!;
    const task = plan.tasks[first.index]!;
    throw new CommandFailed(
      `emtd verdicts: ${outcome.failed.length} of ${plan.tasks.length} tasks failed (${String(task.point.only)}, replicate ${String(task.point.replicate)}: ${first.message}); rerun with --out ${options.dir} to retry them`,
    );
  }
  const n = options.ids.length;
  const { commit } = codeIdentity();
  const rounds: VerdictRecord[][] = [];
  const seconds: Record<string, number> = {};
  const backends = new Set<string>();
  for (let r = first; r < options.replicates; r++) {
    const round: VerdictRecord[] = [];
    for (let i = 0; i < n; i++) {
      const { record, seconds: s, backend } = taskRecord(plan, options.dir, (r - first) * n + i, commit);
      round.push(record);
      seconds[record.id] = (seconds[record.id] ?? 0) + s;
      backends.add(backend);
    }
    rounds.push(round);
  }
  return { rounds, seconds, backends: [...backends].sort(), tasks: plan.tasks.length, ran: outcome.ran, jobId: outcome.jobId };
}
