/**
 * The JSON Schema of an `emtd run` config, generated from the commands' option specs (so a config and the command
 * line accept exactly the same fields and ranges), and its validation with ajv. A config holds a subcommand's
 * options in camelCase (`--burn-in` → `burnIn`) plus `"command"` and `"checkpointEvery"`. The published copy is
 * schema/run-config.schema.json; a test checks it equals {@link runConfigSchema} of the registered commands.
 */
import type AjvClass from "ajv";
import type { ErrorObject } from "ajv";
import { describe, withCommon, type OptionSpec } from "../command/options";
import type { Command } from "../command/command";
import { echo } from "../format";

/** Options of the command line that are not part of a config (they shape output, not the simulation). */
const OUTPUT_ONLY = new Set(["json", "help", "no-timing", "progress"]);

/** Commands never run from a config: timings, documents, and the drivers themselves (not `verdicts`: a stability run's tasks). */
const NOT_RUNNABLE = new Set(["run", "sweep", "bench", "notebooks", "figures"]);

/**
 * `burn-in` → `burnIn`.
 *
 * @example
 * ```ts
 * camelCase("burn-in"); // → "burnIn"
 * ```
 */
export function camelCase(option: string): string {
  return option.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * `burnIn` → `burn-in`.
 *
 * @example
 * ```ts
 * kebabCase("burnIn"); // → "burn-in"
 * ```
 */
export function kebabCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Commands a config may name.
 *
 * @example
 * ```ts
 * runnableCommands(commands).map((c) => c.name); // → ["sample", "ising", "reference", "consensus", "hopfield", "verdicts"]
 * ```
 */
export function runnableCommands(commands: readonly Command[]): Command[] {
  return commands.filter((c) => c.runnable ?? !NOT_RUNNABLE.has(c.name));
}

/**
 * The options of `command` a config may set, by camelCase field name.
 *
 * @example
 * ```ts
 * const sample = commands.find((c) => c.name === "sample")!;
 * Object.keys(configFields(sample)).slice(0, 4); // → ["graph", "dim", "temperature", "integrator"]
 * ```
 */
export function configFields(command: Command): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = {};
  for (const [name, spec] of Object.entries(withCommon(command.options, command.omitCommon))) {
    if (!OUTPUT_ONLY.has(name) && !command.outputOnly?.includes(name)) out[camelCase(name)] = spec;
  }
  return out;
}

/** `checkpointEvery`: work units between checkpoints. */
export const CHECKPOINT_EVERY: OptionSpec = {
  kind: "int",
  min: 1,
  max: 1e9,
  help: "steps (sweeps, runs) between checkpoints; default: about 20 per run",
};

function specSchema(spec: OptionSpec): Record<string, unknown> {
  const base = { description: spec.help };
  switch (spec.kind) {
    case "int":
      return { ...base, type: "integer", minimum: spec.min, ...(spec.max === undefined ? {} : { maximum: spec.max }) };
    case "number":
      return {
        ...base,
        type: "number",
        ...(spec.min === undefined ? {} : spec.exclusiveMin ? { exclusiveMinimum: spec.min } : { minimum: spec.min }),
        ...(spec.max === undefined ? {} : { maximum: spec.max }),
      };
    case "choice":
      return { ...base, enum: [...spec.choices] };
    case "string":
      // A repeatable option (`--param a=1 --param b=2`) is the list of its values in a config.
      return spec.multiple ? { ...base, type: "array", items: { type: "string" } } : { ...base, type: "string" };
    case "flag":
      return { ...base, type: "boolean" };
  }
}

/**
 * The JSON Schema (draft-07) of a run config for these commands: `command` picks the branch; each branch lists the
 * command's fields with their types and ranges, and refuses unknown fields.
 *
 * @example
 * ```ts
 * const schema = runConfigSchema(commands);
 * [schema.title, (schema.allOf as unknown[]).length]; // → ["emtd run config", 6] (one branch per runnable command)
 * ```
 */
export function runConfigSchema(commands: readonly Command[]): Record<string, unknown> {
  const runnable = runnableCommands(commands);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://emtd.invalid/schema/run-config.schema.json",
    title: "emtd run config",
    description: "A simulation for `emtd run CONFIG.json --out DIR`: a subcommand's options in camelCase plus command and checkpointEvery.",
    type: "object",
    required: ["command"],
    properties: { command: { enum: runnable.map((c) => c.name) } },
    allOf: runnable.map((c) => ({
      if: { required: ["command"], properties: { command: { const: c.name } } },
      then: {
        properties: {
          command: { const: c.name },
          checkpointEvery: specSchema(CHECKPOINT_EVERY),
          ...Object.fromEntries(Object.entries(configFields(c)).map(([field, spec]) => [field, specSchema(spec)])),
        },
        additionalProperties: false,
      },
    })),
  };
}

const compiled = new WeakMap<readonly Command[], ReturnType<AjvClass["compile"]>>();

/**
 * A config that breaks the schema: the message names the file, the JSON path, the accepted range and the value.
 *
 * @example
 * ```ts
 * try {
 *   validateRunConfig({ command: "sample", steps: -1 }, commands, "a.json");
 * } catch (e) {
 *   e instanceof ConfigError; // → true
 * }
 * ```
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Validate a parsed config against {@link runConfigSchema}; throws a {@link ConfigError} with one line naming the
 * JSON path (`/temperature`), what it must be and what it is.
 *
 * @example
 * ```ts
 * validateRunConfig({ command: "sample", steps: 10 }, commands); // → { command: "sample", steps: 10 }
 * try {
 *   validateRunConfig({ command: "sample", steps: -1 }, commands, "a.json");
 * } catch (e) {
 *   (e as Error).message; // → "emtd run: a.json: /steps must be an integer in [4, 1000000000] (got -1)"
 * }
 * ```
 */
export function validateRunConfig(config: unknown, commands: readonly Command[], file = "config"): Record<string, unknown> {
  let validate = compiled.get(commands);
  if (!validate) {
    // Loaded on first use: ajv is a large share of the command line's start-up, and only configs need it.
    const Ajv = (require("ajv") as { default: typeof AjvClass }).default;
    validate = new Ajv({ strict: false, allErrors: true }).compile(runConfigSchema(commands));
    compiled.set(commands, validate);
  }
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new ConfigError(`emtd run: ${file}: the config must be a JSON object (got ${echo(config)})`);
  }
  if (validate(config)) return config as Record<string, unknown>;
  throw new ConfigError(`emtd run: ${file}: ${explain(validate.errors ?? [], config as Record<string, unknown>, commands)}`);
}

function explain(errors: ErrorObject[], config: Record<string, unknown>, commands: readonly Command[]): string {
  // ajv also reports the enclosing "if/then" failure; the first specific error is the one to show.
  const e = errors.find((x) => x.keyword === "required") ?? errors.find((x) => x.keyword !== "if") ?? errors[0]!;
  const runnable = runnableCommands(commands);
  if (e.keyword === "required") return `missing field "command" (one of ${runnable.map((c) => c.name).join(", ")})`;
  const field = e.instancePath.replace(/^\//, "").split("/")[0]!;
  const value = config[field];
  const command = runnable.find((c) => c.name === config.command);
  if (e.keyword === "additionalProperties") {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    const accepted = command ? ["checkpointEvery", ...Object.keys(configFields(command))].join(", ") : "";
    return `/${extra} is not a field of a "${String(config.command)}" config (accepted: ${accepted})`;
  }
  if (field === "command") return `/command must be one of ${runnable.map((c) => c.name).join(", ")} (got ${echo(value)})`;
  const spec = field === "checkpointEvery" ? CHECKPOINT_EVERY : command ? configFields(command)[field] : undefined;
  const accepted = spec
    ? spec.kind === "string"
      ? "a string"
      : spec.kind === "flag"
        ? "true or false"
        : describe(spec)
    : (e.message ?? "valid");
  return `/${field} must be ${accepted} (got ${echo(value)})`;
}
