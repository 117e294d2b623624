/**
 * `runConfig`: run a simulation described by a config (see runs/schema) into a directory, so that no run is lost.
 * State is checkpointed atomically to DIR/checkpoint.json; DIR/result.json (the subcommand's `--json` object) is
 * written only when the run is complete. Rerunning with the same config resumes from the last checkpoint and ends
 * with exactly the numbers of an uninterrupted run (the commands checkpoint their full state); rerunning a
 * complete run returns its result without computing. A different config in the same DIR is refused.
 */
import fs from "node:fs";
import path from "node:path";
import { parseOptions, UsageError } from "../command/options";
import { CommandFailed, RunInterrupted, type Command, type RunSession } from "../command/command";
import { writeFileAtomic } from "../files/atomic";
import { DirectoryLocked, lockDirectory } from "./lock";
import { numberReplacer, numberReviver } from "./encode";
import { configFields, kebabCase, validateRunConfig } from "./schema";
import { VERSION } from "../package";
import { makeDirectory } from "../files/directory";
import { readBounded } from "../files/bounded";

export interface RunProgress {
  command: string;
  done: number;
  total: number;
}

export interface RunConfigOptions {
  /** Called after each segment (about every quarter second) with the work done. */
  onProgress?: (progress: RunProgress) => void;
  /** Abort = Ctrl-C: the state is saved at the end of the current segment and the call rejects with RunInterrupted. */
  signal?: AbortSignal;
  /** Keep the `timing` object in the result (default true). */
  timing?: boolean;
  /** Called when the command cannot checkpoint (Ctrl-C should then stop the process at once). */
  onUncheckpointed?: () => void;
  /** Name of the config in messages (default "config"). */
  file?: string;
  /** Commands a config may name (the CLI hands down its table: `import { commands } from "emtd/cli"`). */
  commands: readonly Command[];
  /** One-line notices (a corrupt checkpoint set aside); default: written to stderr. */
  onNotice?: (line: string) => void;
}

export interface RunConfigResult {
  /** The subcommand's JSON result, as written to DIR/result.json. */
  result: Record<string, unknown>;
  /** Work units already done when this call started (null: a fresh start). */
  resumedFrom: number | null;
  /** True when DIR/result.json already existed for this config (nothing was computed). */
  alreadyComplete: boolean;
}

const CHECKPOINT_FORMAT = "emtd-checkpoint/1";

interface CheckpointFile {
  format: string;
  version: string;
  config: Record<string, unknown>;
  done: number;
  total: number;
  state: unknown;
}

/** The fields that decide the numbers (everything but checkpointEvery), keys sorted: equal configs, equal text. */
function identity(config: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(config).sort()) if (k !== "checkpointEvery") out[k] = config[k];
  return JSON.stringify(out);
}

/**
 * The command-line values a config stands for (defaults filled, ranges checked by the same parser).
 *
 * @example
 * ```ts
 * const sample = commands.find((c) => c.name === "sample")!;
 * const values = configValues({ command: "sample", graph: "ring:10:2", steps: 500 }, sample);
 * [values.graph, values.steps, values.temperature, values.integrator]; // → ["ring:10:2", 500, 1, "mala"] (defaults filled)
 * ```
 */
export function configValues(config: Record<string, unknown>, command: Command) {
  const argv: string[] = [];
  const fields = configFields(command);
  for (const [field, value] of Object.entries(config)) {
    if (field === "command" || field === "checkpointEvery" || !(field in fields)) continue;
    const option = kebabCase(field);
    if (typeof value === "boolean") {
      if (value) argv.push(`--${option}`);
    } else if (Array.isArray(value)) for (const item of value) argv.push(`--${option}=${String(item)}`);
    else argv.push(`--${option}=${String(value)}`);
  }
  return parseOptions(command.name, argv, command.options).values;
}

function readJson(file: string): unknown {
  // A checkpoint is the run's own file, but --out may hold anything: a FIFO there must not hang the run.
  return JSON.parse(readBounded(file, "state", { where: "emtd run", argument: "--out" }), numberReviver);
}

/**
 * Read a JSON file this module wrote, or null when it is absent. One that does not parse (torn by a writer older
 * than the atomic one, or edited by hand) is renamed to `NAME.corrupt-<n>` (first free n) so that the run can go on,
 * and `notice` says so: the rerun is never poisoned by a file the user must find and delete.
 */
function readOrSetAside(file: string, what: string, instead: string, notice: (line: string) => void): unknown {
  if (!fs.existsSync(file)) return null;
  try {
    return readJson(file);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    let n = 1;
    while (fs.existsSync(`${file}.corrupt-${n}`)) n++;
    const aside = `${file}.corrupt-${n}`;
    fs.renameSync(file, aside);
    notice(`emtd run: ${file} does not parse (${error.message}); set aside as ${path.basename(aside)}; ${what} ${instead}`);
    return null;
  }
}

/**
 * Run `config` into `outDir` (created if needed), resuming from its checkpoint when there is one.
 *
 * @example
 * ```ts
 * import { commands } from "emtd/cli";
 * const { result } = await runConfig({ command: "sample", graph: "ring:100:4", steps: 5000, seed: 1 }, "out/a", { commands });
 * ```
 */
export async function runConfig(config: unknown, outDir: string, options: RunConfigOptions): Promise<RunConfigResult> {
  const commands = options.commands;
  const file = options.file ?? "config";
  const valid = validateRunConfig(config, commands, file);
  const command = commands.find((c) => c.name === valid.command)!;
  const values = configValues(valid, command);

  try {
    makeDirectory(outDir);
  } catch (error) {
    throw new UsageError(
      `emtd run: --out must be a directory that can be created (got ${JSON.stringify(outDir)}: ${(error as NodeJS.ErrnoException).code})`,
    );
  }
  let release: () => void;
  try {
    release = lockDirectory(outDir);
  } catch (error) {
    if (error instanceof DirectoryLocked) throw new UsageError(error.message);
    throw error;
  }
  try {
    return await runLocked(valid, command, values, outDir, options);
  } finally {
    release();
  }
}

/** {@link runConfig} once `outDir` exists and this process holds its lock. */
async function runLocked(
  valid: Record<string, unknown>,
  command: Command,
  values: ReturnType<typeof configValues>,
  outDir: string,
  options: RunConfigOptions,
): Promise<RunConfigResult> {
  const fail = (message: string): never => {
    throw new UsageError(message);
  };
  const resultFile = path.join(outDir, "result.json");
  const checkpointFile = path.join(outDir, "checkpoint.json");
  const configFile = path.join(outDir, "config.json");
  const id = identity(valid);
  const notice = options.onNotice ?? ((line: string) => void process.stderr.write(line + "\n"));
  const differs = (other: unknown, what: string) =>
    new UsageError(
      `emtd run: --out ${outDir} holds ${what} of a different config (${identity(other as Record<string, unknown>)}); use another --out or delete it`,
    );

  const previous = readOrSetAside(configFile, "the config", "is rewritten from this one", notice);
  const done = readOrSetAside(resultFile, "the run", "is computed again", notice) as Record<string, unknown> | null;
  if (done !== null) {
    if (previous === null || identity(previous as Record<string, unknown>) !== id) throw differs(previous ?? {}, "a result");
    if (options.timing === false) delete done.timing;
    return { result: done, resumedFrom: null, alreadyComplete: true };
  }
  const saved = readOrSetAside(checkpointFile, "the run", "starts from the beginning", notice) as CheckpointFile | null;
  if (saved !== null) {
    if (saved.format !== CHECKPOINT_FORMAT)
      throw new UsageError(`emtd run: ${checkpointFile} must be an ${CHECKPOINT_FORMAT} checkpoint (got ${JSON.stringify(saved.format)})`);
    if (identity(saved.config) !== id) throw differs(saved.config, "a checkpoint");
    if (saved.version !== VERSION) {
      throw new UsageError(
        `emtd run: ${checkpointFile} was written by emtd ${saved.version}, this is ${VERSION}: resuming could change the numbers; delete it to start over`,
      );
    }
  }
  writeFileAtomic(configFile, JSON.stringify(valid, null, 2) + "\n");

  const every = typeof valid.checkpointEvery === "number" ? valid.checkpointEvery : null;
  let lastSaved = saved?.done ?? 0;
  const save = (done: number, total: number, state: unknown) => {
    const body: CheckpointFile = { format: CHECKPOINT_FORMAT, version: VERSION, config: valid, done, total, state };
    writeFileAtomic(checkpointFile, JSON.stringify(body, numberReplacer));
    lastSaved = done;
  };
  const session: RunSession = {
    uncheckpointed: () => options.onUncheckpointed?.(),
    checkpoint: saved?.state ?? null,
    outDir,
    checkpointEvery: every ?? 0,
    async segment(done, total, state) {
      const k = every ?? Math.max(1, Math.ceil(total / 20));
      if (done < total && Math.floor(done / k) > Math.floor(lastSaved / k)) save(done, total, state());
      options.onProgress?.({ command: command.name, done, total });
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) {
        if (done !== lastSaved && done < total) save(done, total, state());
        throw new RunInterrupted(done, total);
      }
    },
  };
  let result: Record<string, unknown>;
  try {
    if (!command.resumable) options.onUncheckpointed?.();
    result = command.resumable ? await command.resumable(values, fail, session) : await command.run(values, fail, []);
  } catch (error) {
    // A numerical fault: what was recorded up to it is kept beside the checkpoint.
    if (error instanceof CommandFailed && error.result)
      writeFileAtomic(
        path.join(outDir, "failure.json"),
        JSON.stringify({ message: error.message, ...error.result }, numberReplacer) + "\n",
      );
    throw error;
  }
  if (!("version" in result)) result.version = VERSION;
  if (options.timing === false) delete result.timing;
  writeFileAtomic(resultFile, JSON.stringify(result) + "\n");
  fs.rmSync(checkpointFile, { force: true });
  return { result, resumedFrom: saved ? saved.done : null, alreadyComplete: false };
}
