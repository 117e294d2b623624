/**
 * `emtd sweep CONFIG.json --out DIR [--executor local|slurm] [--workers K]`: the Cartesian product of a run config's
 * `"sweep": { field: [values…] }` (last field fastest), each task an `emtd run` in DIR/tasks/<id>/ (id = content
 * address of its config), merged into DIR/results.csv. Reruns skip finished tasks and resume interrupted ones.
 */
import os from "node:os";
import { CommandFailed, type Command } from "../../command/command";
import { planSweep, type SlurmOptions, type SweepPlan } from "../../sweeps/plan";
import { elementTasks, runTasks } from "../../sweeps/tasks";
import { runLocal } from "../../sweeps/local";
import { runSlurm } from "../../sweeps/slurm";
import { mergeResults } from "../../sweeps/results";
import { progressReporter } from "../progress";
import { readBounded } from "../../files/bounded";
import { makeDirectory } from "../../files/directory";

const summary =
  'Run the Cartesian product of a config\'s "sweep" values (each task an `emtd run`) on the local cores or a Slurm job array; merge DIR/results.csv.';

const options: Command["options"] = {
  out: { kind: "string", placeholder: "dir", help: "sweep directory: tasks/<id>/ per task, results.csv merged" },
  executor: {
    kind: "choice",
    choices: ["local", "slurm"],
    default: "local",
    help: "where tasks run: worker processes here, or one Slurm job array",
  },
  workers: { kind: "int", min: 1, max: 1024, help: "local: processes at once (default: one per core)" },
  "task-index": {
    kind: "int",
    min: 0,
    max: 1e6,
    help: "run only array element I (tasks I·B … I·B+B−1) here; what each Slurm array element calls",
  },
  "tasks-per-element": {
    kind: "int",
    min: 1,
    max: 1e6,
    help: "tasks B per array element (default: the config's slurm.tasksPerElement, else 1)",
  },
  partition: { kind: "string", placeholder: "name", help: "slurm: partition (overrides the config's slurm.partition)" },
  time: { kind: "string", placeholder: "hh:mm:ss", help: "slurm: time limit per array element" },
  mem: { kind: "string", placeholder: "size", help: "slurm: memory per array element, e.g. 2G" },
  throttle: { kind: "int", min: 1, max: 1e6, help: "slurm: array elements running at once (the %M of --array)" },
};

function readConfig(file: string | undefined, fail: (message: string) => never): unknown {
  if (file === undefined) fail("emtd sweep: CONFIG must be the path of a JSON sweep config (got nothing; see emtd sweep --help)");
  // Within a byte budget; a device or FIFO is refused (files/bounded).
  const text = readBounded(file!, "config", { where: "emtd sweep", argument: "CONFIG" });
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`emtd sweep: CONFIG must be valid JSON (got ${JSON.stringify(file)}: ${(error as Error).message})`);
  }
}

function slurmOptions(plan: SweepPlan, values: Parameters<Command["run"]>[0]): SlurmOptions {
  const out: SlurmOptions = { ...plan.slurm };
  for (const name of ["partition", "time", "mem"] as const) if (values[name] !== undefined) out[name] = values[name] as string;
  if (values.throttle !== undefined) out.throttle = values.throttle as number;
  if (values["tasks-per-element"] !== undefined) out.tasksPerElement = values["tasks-per-element"] as number;
  return out;
}

async function sweep(
  commands: readonly Command[],
  values: Parameters<Command["run"]>[0],
  fail: (message: string) => never,
  positionals: string[],
): Promise<Record<string, unknown>> {
  const file = positionals[0];
  const plan = planSweep(readConfig(file, fail), commands, file);
  const out = values.out as string | undefined;
  if (out === undefined || out === "") fail(`emtd sweep: --out must be a directory path (got ${JSON.stringify(out ?? null)})`);
  try {
    makeDirectory(out!);
  } catch (error) {
    fail(
      `emtd sweep: --out must be a directory that can be created (got ${JSON.stringify(out)}: ${(error as NodeJS.ErrnoException).code})`,
    );
  }
  const dir = out!;
  const slurm = slurmOptions(plan, values);
  const per = slurm.tasksPerElement ?? 1;

  if (values["task-index"] !== undefined) {
    // One array element (or one local worker): its batch of tasks, in this process.
    const element = values["task-index"] as number;
    const indices = elementTasks(plan, element, per);
    if (indices.length === 0)
      fail(
        `emtd sweep: --task-index must be an integer in [0, ${Math.ceil(plan.tasks.length / per) - 1}] for ${plan.tasks.length} tasks of ${per} per element (got ${element})`,
      );
    const outcome = await runTasks(plan, dir, indices, { commands });
    return {
      taskIndex: element,
      tasks: indices.length,
      ran: outcome.ran.length,
      skipped: outcome.skipped.length,
      ids: indices.map((i) => plan.tasks[i]!.id),
    };
  }

  const report = progressReporter("sweep", { enabled: Boolean(values.progress) || (!values.json && process.stderr.isTTY === true) });
  const pendingBefore = plan.tasks.length - mergeResults(dir, plan).rows;
  const executor = values.executor as "local" | "slurm";
  const workers = (values.workers as number | undefined) ?? os.availableParallelism();
  const outcome =
    executor === "local"
      ? { ...(await runLocal(plan, dir, file!, { workers, onProgress: (d, t) => report(d, t, "tasks") })), jobId: null }
      : await runSlurm(plan, dir, file!, { ...slurm, onProgress: (d, t) => report(d, t, "tasks") });
  report.end();
  const merged = mergeResults(dir, plan);
  const result: Record<string, unknown> = {
    tasks: plan.tasks.length,
    ran: outcome.ran,
    skipped: plan.tasks.length - pendingBefore,
    failed: outcome.failed.length,
    executor,
    ...(executor === "local" ? { workers } : { jobId: outcome.jobId }),
    fields: plan.fields,
    results: merged.file,
    rows: merged.rows,
  };
  if (outcome.failed.length > 0) {
    const first = outcome.failed[0]!;
    throw new CommandFailed(
      `emtd sweep: ${outcome.failed.length} of ${plan.tasks.length} tasks failed (task ${first.index} ${first.id}: ${first.message}); rerun to retry them`,
      { ...result, failures: outcome.failed },
    );
  }
  return result;
}

function render(result: Record<string, unknown>): string {
  if ("taskIndex" in result)
    return `element ${String(result.taskIndex)}: ${String(result.ran)} ran, ${String(result.skipped)} already complete`;
  const where = result.executor === "slurm" ? `Slurm job ${String(result.jobId ?? "—")}` : `${String(result.workers)} local workers`;
  return `${String(result.tasks)} tasks: ${String(result.ran)} ran, ${String(result.skipped)} already complete (${where}) → ${String(result.results)} (${String(result.rows)} rows)`;
}

/**
 * The `emtd sweep` command for `commands`, the commands a task's config may name (the registry hands its table down).
 */
export function sweepCommandFor(commands: readonly Command[]): Command {
  return {
    name: "sweep",
    summary,
    options,
    positionals: 1,
    run: (values, fail, positionals) => sweep(commands, values, fail, positionals),
    render,
    runnable: false,
  };
}
