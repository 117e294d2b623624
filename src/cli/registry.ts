/** Every `emtd` subcommand, one line each (add yours here). */
import type { Command } from "./command";
import { sampleCommand } from "./commands/sample";
import { isingCommand } from "./commands/ising";
import { referenceCommand } from "./commands/reference";
import { benchCommand } from "./commands/bench";
import { notebooksCommand } from "./commands/notebooks";
import { verdictsCommand } from "./commands/verdicts";
import { figuresCommand } from "./commands/figures";

export const commands: readonly Command[] = [sampleCommand, isingCommand, referenceCommand, benchCommand, notebooksCommand, verdictsCommand, figuresCommand];
