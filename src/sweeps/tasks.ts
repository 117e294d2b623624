/**
 * Running the tasks of a sweep in this process: each task is `runConfig` of its config into its own directory, so a
 * task run by a sweep gives exactly the result of `emtd run` on the same config, resumes from its checkpoint, and is
 * skipped when already complete.
 */
import type { Command } from "../command/command";
import { runConfig } from "../runs/run-config";
import type { SweepPlan } from "./plan";
import { readTaskResult, taskDirectory } from "./results";

export interface TaskBatchOutcome {
  /** Task ids computed (or completed from a checkpoint) by this call. */
  ran: string[];
  /** Task ids already complete. */
  skipped: string[];
}

/** The task indices one array element (or local worker) runs: element `e` of size `size` holds [e·size, (e+1)·size). */
export function elementTasks(plan: SweepPlan, element: number, size: number): number[] {
  const first = element * size;
  return plan.tasks.slice(first, first + size).map((t) => t.index);
}

/**
 * Run the given tasks one after another; a complete task is skipped, an interrupted one resumes. `commands`: those
 * a task's config may name (as for {@link runConfig}).
 */
export async function runTasks(
  plan: SweepPlan,
  dir: string,
  indices: readonly number[],
  options: { commands: readonly Command[]; onTask?: (id: string) => void },
): Promise<TaskBatchOutcome> {
  const outcome: TaskBatchOutcome = { ran: [], skipped: [] };
  for (const index of indices) {
    const task = plan.tasks[index]!;
    if (readTaskResult(dir, task)) {
      outcome.skipped.push(task.id);
      continue;
    }
    options.onTask?.(task.id);
    await runConfig(task.config, taskDirectory(dir, task), { commands: options.commands, file: `task ${task.id}` });
    outcome.ran.push(task.id);
  }
  return outcome;
}
