/** Every `emtd` subcommand, one line each (add yours here). */
import type { Command } from "../command/command";
import { sampleCommand } from "./commands/sample";
import { isingCommand } from "./commands/ising";
import { referenceCommand } from "./commands/reference";
import { hopfieldCommand } from "./commands/hopfield";
import { benchCommand } from "./commands/bench";
import { notebooksCommand } from "./commands/notebooks";
import { runCommandFor } from "./commands/run";
import { sweepCommandFor } from "./commands/sweep";
import { consensusCommand } from "./commands/consensus";
import { verdictsCommand } from "./commands/verdicts";
import { figuresCommand } from "./commands/figures";
import { bookCommand } from "./commands/book";

/** The commands that compute; `emtd run` and `emtd sweep` are handed these (a config names a runnable one). */
const computing: readonly Command[] = [
  sampleCommand,
  isingCommand,
  referenceCommand,
  consensusCommand,
  hopfieldCommand,
  benchCommand,
  notebooksCommand,
  verdictsCommand,
  figuresCommand,
  bookCommand,
];

/**
 * In the order `emtd --help` lists them: the computing ones, with `emtd run` and `emtd sweep` (handed those) after
 * `emtd notebooks`. A new computing command is added to `computing` only.
 */
export const commands: readonly Command[] = computing.flatMap((command) =>
  command === notebooksCommand ? [command, runCommandFor(computing), sweepCommandFor(computing)] : [command],
);
