/**
 * The files of a sweep directory: DIR/tasks/<id>/ is the `emtd run` directory of one task (config.json,
 * checkpoint.json while it runs, result.json when complete); DIR/results.csv merges the complete results, one row
 * per task in task order: the swept fields, then every numeric top-level field of the results, each column named
 * exactly as the field, numbers as the shortest text that reads back to the same double.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { writeFileAtomic } from "../files/atomic";
import type { SweepPlan, SweepTask } from "./plan";

/**
 * The `emtd run` directory of a task: DIR/tasks/<task id>.
 *
 * @example
 * ```ts
 * taskDirectory("out", { index: 0, id: "0123456789abcdef", point: {}, config: {} }); // → 'out/tasks/0123456789abcdef'
 * ```
 */
export function taskDirectory(dir: string, task: SweepTask): string {
  return path.join(dir, "tasks", task.id);
}

/**
 * A task's complete result (DIR/tasks/<id>/result.json, parsed), or null while it has none.
 *
 * @example
 * ```ts
 * readTaskResult("/nonexistent", { index: 0, id: "0123456789abcdef", point: {}, config: {} }); // → null
 * ```
 */
export function readTaskResult(dir: string, task: SweepTask): Record<string, unknown> | null {
  const file = path.join(taskDirectory(dir, task), "result.json");
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** Shortest round-trip text of a number (JavaScript's own `String` gives it); other cells as text. */
function cell(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * The CSV text of a sweep's complete results. Columns: the swept fields, then the numeric top-level fields of the
 * results in order of first appearance (a result field that is also swept appears once, as the swept column).
 * @example
 * ```ts
 * const tasks = [0, 1].map((i) => ({ index: i, id: `t${i}`, point: { seed: i }, config: {} }));
 * const plan = { fields: ["seed"], slurm: {}, tasks };
 * resultsCsv(plan, [{ meanEnergy: 1.5, label: "x" }, null]); // → 'seed,meanEnergy\n0,1.5\n' (task 1 has no result yet)
 * ```
 */
export function resultsCsv(plan: SweepPlan, results: ReadonlyArray<Record<string, unknown> | null>): string {
  const columns = [...plan.fields];
  for (const result of results) {
    if (!result) continue;
    for (const [field, value] of Object.entries(result)) if (typeof value === "number" && !columns.includes(field)) columns.push(field);
  }
  const rows = plan.tasks.flatMap((task, i) => {
    const result = results[i];
    if (!result) return [];
    return [columns.map((c) => cell(c in task.point ? task.point[c] : (result[c] ?? "")))];
  });
  return stringify([columns, ...rows]);
}

/**
 * Merge the complete results into DIR/results.csv (atomically); returns the number of rows and the missing tasks.
 * @example
 * ```ts
 * import * as fs from "node:fs";
 * import * as os from "node:os";
 * import * as path from "node:path";
 * const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-"));
 * const tasks = [0, 1].map((i) => ({ index: i, id: `t${i}`, point: { seed: i }, config: {} }));
 * const plan = { fields: ["seed"], slurm: {}, tasks };
 * fs.mkdirSync(taskDirectory(dir, plan.tasks[0]), { recursive: true });
 * fs.writeFileSync(path.join(taskDirectory(dir, plan.tasks[0]), "result.json"), JSON.stringify({ meanEnergy: 1.5 }));
 * const { rows, missing } = mergeResults(dir, plan);
 * [rows, missing.map((t) => t.id)]; // → [1, ['t1']]
 * readSweep(dir); // → [{ seed: 0, meanEnergy: 1.5 }]
 * fs.rmSync(dir, { recursive: true });
 * ```
 */
export function mergeResults(dir: string, plan: SweepPlan): { rows: number; missing: SweepTask[]; file: string } {
  const results = plan.tasks.map((task) => readTaskResult(dir, task));
  const file = path.join(dir, "results.csv");
  writeFileAtomic(file, resultsCsv(plan, results));
  return { rows: results.filter(Boolean).length, missing: plan.tasks.filter((_, i) => !results[i]), file };
}

/**
 * Read a merged sweep (DIR/results.csv) back as rows of numbers and strings (for a notebook figure or
 * `emtd figures`): each row maps a column name to its value, numbers parsed; [] when there is no results.csv yet.
 *
 * @example
 * ```ts
 * // After `emtd sweep config.json --out out/sweep`: rows.map((r) => r.temperature), rows.map((r) => r.meanEnergy).
 * readSweep("/nonexistent"); // → []
 * ```
 */
export function readSweep(dir: string): Array<Record<string, number | string>> {
  const file = path.join(dir, "results.csv");
  if (!fs.existsSync(file)) return [];
  const [header, ...lines] = parse(fs.readFileSync(file, "utf8")) as string[][];
  if (!header) return [];
  return lines.map((line) => Object.fromEntries(header.map((c, i) => [c, numberOrText(line[i] ?? "")])));
}

function numberOrText(text: string): number | string {
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) ? value : text;
}
