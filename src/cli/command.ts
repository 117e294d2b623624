/** The shape of an `emtd` subcommand: its options, a runner returning the JSON result, and a human rendering. */
import type { OptionSpecs, Parsed } from "./args";

export interface Command {
  name: string;
  summary: string;
  options: OptionSpecs;
  /** Positional arguments accepted (e.g. `emtd run CONFIG.json`). Default 0. */
  positionals?: number;
  run(values: Parsed, fail: (message: string) => never, positionals: string[]): Promise<Record<string, unknown>>;
  /** Human-readable rendering of the result (without --json). */
  render(result: Record<string, unknown>): string;
}

/**
 * A command that ran but whose outcome is a failure (e.g. a notebook cell failed): `main` prints the message as one
 * line on stderr (and `result` as the JSON object with --json) and exits 1.
 */
export class CommandFailed extends Error {
  override name = "CommandFailed";
  constructor(message: string, readonly result?: Record<string, unknown>) {
    super(message);
  }
}
