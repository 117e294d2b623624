/**
 * The shape of an `emtd` subcommand: its options, a runner returning the JSON result, and a human rendering; and
 * what a resumable command is given between segments. Below both the CLI (which lists and parses commands) and
 * runs/ and sweeps/ (which run the commands they are handed from a config), so neither imports the other's table.
 */
import type { HelpUsage, OptionSpecs, Parsed } from "./options";

export interface Command {
  name: string;
  summary: string;
  options: OptionSpecs;
  /** Positional arguments accepted (e.g. `emtd run CONFIG.json`). Default 0. */
  positionals?: number;
  /** The --help usage line after `emtd NAME` when it is more than `[options]`, and what each positional argument is. */
  usage?: HelpUsage;
  run(values: Parsed, fail: (message: string) => never, positionals: string[]): Promise<Record<string, unknown>>;
  /** Human-readable rendering of the result (without --json). */
  render(result: Record<string, unknown>): string;
  /**
   * The same computation as `run`, in segments that hand their state to `session` (for `emtd run`: checkpoints,
   * progress, Ctrl-C). Must return exactly what `run` returns for the same values, however often it was resumed.
   */
  resumable?(values: Parsed, fail: (message: string) => never, session: RunSession): Promise<Record<string, unknown>>;
  /** Common options (args.commonOptions) this command does not take, so they are refused rather than ignored. */
  omitCommon?: readonly string[];
  /** Options that shape output, not the simulation, left out of `emtd run` configs (as --json and --progress are). */
  outputOnly?: readonly string[];
  /** False to keep the command out of `emtd run` configs (benchmarks, notebooks). Default: true. */
  runnable?: boolean;
}

/** What `emtd run` gives a resumable command: the saved state, and a call between segments. */
export interface RunSession {
  /** The state passed to the last saved `segment`, or null on a fresh start. */
  readonly checkpoint: unknown;
  /** The run's directory (`emtd run --out DIR`), where a command may write files beside result.json. */
  readonly outDir?: string;
  /** Units of work (steps, sweeps, runs) between saved checkpoints. */
  readonly checkpointEvery: number;
  /**
   * Call after each segment with the work done so far, the total, and the state to resume from (JSON values; use
   * runs/encode for typed arrays). Saves the state atomically when a checkpoint is due, reports progress, yields to
   * the event loop, and rejects with {@link RunInterrupted} (after saving) once the user pressed Ctrl-C.
   */
  segment(done: number, total: number, state: () => unknown): Promise<void>;
  /**
   * Call before a long computation that cannot be checkpointed: Ctrl-C then ends the process at once (nothing is
   * lost that a rerun would not redo; files are written atomically) instead of waiting for a segment that never comes.
   */
  uncheckpointed?(): void;
}

/**
 * Ctrl-C during `emtd run`: the state at `done` was saved; rerunning the same command resumes from it.
 *
 * @example
 * ```ts
 * const e = new RunInterrupted(40, 100);
 * console.log(e.message); // → interrupted at 40 of 100
 * ```
 */
export class RunInterrupted extends Error {
  override name = "RunInterrupted";
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`interrupted at ${done} of ${total}`);
  }
}

/**
 * A command that ran but whose outcome is a failure (e.g. a notebook cell failed): `main` prints the message as one
 * line on stderr (and `result` as the JSON object with --json) and exits 1.
 *
 * @example
 * ```ts
 * const e = new CommandFailed("notebook 04-ricci-flow failed at cell 3", { ok: false });
 * console.log(e.exitCode, e.result); // → 1 { ok: false }
 * ```
 */
export class CommandFailed extends Error {
  override name = "CommandFailed";
  constructor(
    message: string,
    readonly result?: Record<string, unknown>,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
