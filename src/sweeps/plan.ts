/**
 * A sweep: a run config (see runs/schema) plus `"sweep": { field: [values…], … }`. Its tasks are the Cartesian
 * product of the listed values, in this order: fields in the order they are written, the LAST field varying fastest
 * (as nested loops with the first field outermost, or Python's itertools.product). Each task is one `emtd run` config
 * with a stable, content-addressed id, so a task's directory does not depend on its position in the sweep.
 */
import { canonicalJson } from "../files/json";
import { createHash } from "node:crypto";
import type { Command } from "../command/command";
import { ConfigError, configFields, validateRunConfig } from "../runs/schema";
import { echo } from "../format";

/** Options of the Slurm executor that may be written in a sweep config's `"slurm"` object. */
export interface SlurmOptions {
  partition?: string;
  /** Wall-clock limit per array element, Slurm syntax (e.g. "00:30:00"). */
  time?: string;
  /** Memory per array element, Slurm syntax (e.g. "2G"). */
  mem?: string;
  /** At most this many array elements run at once (the `%M` of `--array`). */
  throttle?: number;
  /** Tasks run one after another by each array element. Default 1. */
  tasksPerElement?: number;
  /** CPUs per array element. Default 1. */
  cpusPerTask?: number;
}

export interface SweepTask {
  /** Position in the sweep's task order. */
  index: number;
  /** Content address: the first 16 hex digits of SHA-256 of the task config's canonical JSON (checkpointEvery left out). */
  id: string;
  /** The swept fields' values of this task, in sweep order. */
  point: Record<string, unknown>;
  /** The complete `emtd run` config of this task. */
  config: Record<string, unknown>;
}

export interface SweepPlan {
  /** The swept fields, in the order written. */
  fields: string[];
  tasks: SweepTask[];
  /** The config's `"slurm"` object, validated. */
  slurm: SlurmOptions;
}

const SLURM_FIELDS: Record<keyof SlurmOptions, "string" | "int"> = {
  partition: "string",
  time: "string",
  mem: "string",
  throttle: "int",
  tasksPerElement: "int",
  cpusPerTask: "int",
};

/**
 * The content address of a run config: the first 16 hex digits of SHA-256 of its {@link canonicalJson}, with
 * `checkpointEvery` left out (it changes no number).
 *
 * @example
 * ```ts
 * taskId({ command: "sample", seed: 1 }) === taskId({ seed: 1, command: "sample", checkpointEvery: 10 }); // → true
 * ```
 */
export function taskId(config: Record<string, unknown>): string {
  const { checkpointEvery: _ignored, ...identity } = config;
  return createHash("sha256").update(canonicalJson(identity)).digest("hex").slice(0, 16);
}

/**
 * Expand a sweep config into its tasks (Cartesian product, last field fastest), validating the sweep and every task
 * against the run-config schema. Errors are {@link ConfigError}s naming the JSON path (e.g. `/sweep/temperature/2`).
 * @example
 * ```ts
 * import { commands } from "emtd/cli";
 * const config = { command: "sample", graph: "ring:24:4", steps: 100, sweep: { temperature: [0.5, 2], seed: [3, 4, 5] } };
 * const plan = planSweep(config, commands);
 * // The last field varies fastest.
 * plan.tasks.map((t) => `${t.point.temperature}/${t.point.seed}`); // → ['0.5/3', '0.5/4', '0.5/5', '2/3', '2/4', '2/5']
 * ```
 */
export function planSweep(config: unknown, commands: readonly Command[], file = "config"): SweepPlan {
  const where = `emtd sweep: ${file}`;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new ConfigError(`${where}: the config must be a JSON object (got ${echo(config)})`);
  }
  const { sweep, slurm, ...base } = config as Record<string, unknown>;
  if (sweep === null || typeof sweep !== "object" || Array.isArray(sweep) || Object.keys(sweep).length === 0) {
    throw new ConfigError(
      `${where}: /sweep must be an object mapping config fields to non-empty arrays of values (got ${echo(sweep ?? null)})`,
    );
  }
  const command = commands.find((c) => c.name === base.command);
  const fields = Object.keys(sweep);
  const values = sweep as Record<string, unknown>;
  for (const field of fields) {
    const list = values[field];
    if (!Array.isArray(list) || list.length === 0)
      throw new ConfigError(`${where}: /sweep/${field} must be a non-empty array of values (got ${echo(list)})`);
    if (field === "command") throw new ConfigError(`${where}: /sweep/command cannot be swept (one command per sweep)`);
    if (command && !(field in configFields(command)) && field !== "checkpointEvery") {
      throw new ConfigError(
        `${where}: /sweep/${field} is not a field of a "${command.name}" config (accepted: ${Object.keys(configFields(command)).join(", ")})`,
      );
    }
    const duplicate = list.findIndex((v, i) => list.findIndex((w) => canonicalJson(w) === canonicalJson(v)) !== i);
    if (duplicate >= 0)
      throw new ConfigError(
        `${where}: /sweep/${field}/${duplicate} repeats an earlier value (${echo(list[duplicate])}): each task must be distinct`,
      );
  }
  const slurmOptions = validateSlurm(slurm, where);

  const sizes = fields.map((f) => (values[f] as unknown[]).length);
  const count = sizes.reduce((a, b) => a * b, 1);
  if (count > 1_000_000) throw new ConfigError(`${where}: /sweep must expand to at most 1000000 tasks (got ${count})`);
  const tasks: SweepTask[] = [];
  for (let index = 0; index < count; index++) {
    const point: Record<string, unknown> = {};
    let rest = index;
    for (let f = fields.length - 1; f >= 0; f--) {
      point[fields[f]!] = (values[fields[f]!] as unknown[])[rest % sizes[f]!];
      rest = Math.floor(rest / sizes[f]!);
    }
    const ordered = Object.fromEntries(fields.map((f) => [f, point[f]]));
    const taskConfig = { ...base, ...ordered };
    try {
      validateRunConfig(taskConfig, commands, file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const message = error.message;
      // Name the sweep entry that produced the bad value, not just the task's field.
      const field = fields.find((f) => message.includes(`/${f} `));
      const at =
        field === undefined
          ? ""
          : ` (from /sweep/${field}/${(values[field] as unknown[]).findIndex((v) => canonicalJson(v) === canonicalJson(point[field]))})`;
      throw new ConfigError(`${message.replace(/^emtd run/, "emtd sweep")}${at}`);
    }
    tasks.push({ index, id: taskId(taskConfig), point: ordered, config: taskConfig });
  }
  return { fields, tasks, slurm: slurmOptions };
}

function validateSlurm(slurm: unknown, where: string): SlurmOptions {
  if (slurm === undefined) return {};
  if (slurm === null || typeof slurm !== "object" || Array.isArray(slurm))
    throw new ConfigError(`${where}: /slurm must be an object (got ${echo(slurm)})`);
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(slurm)) {
    const kind = SLURM_FIELDS[field as keyof SlurmOptions];
    if (kind === undefined)
      throw new ConfigError(`${where}: /slurm/${field} is not a Slurm option (accepted: ${Object.keys(SLURM_FIELDS).join(", ")})`);
    const ok =
      kind === "int" ? Number.isInteger(value) && (value as number) >= 1 : typeof value === "string" && value !== "" && !/\s/.test(value);
    if (!ok)
      throw new ConfigError(
        `${where}: /slurm/${field} must be ${kind === "int" ? "an integer ≥ 1" : "a non-empty string without spaces"} (got ${echo(value)})`,
      );
    out[field] = value;
  }
  return out as SlurmOptions;
}
