/** Every `emtd` subcommand, one line each (add yours here). */
import type { Command } from "./command";
import { sampleCommand } from "./commands/sample";
import { benchCommand } from "./commands/bench";

export const commands: readonly Command[] = [sampleCommand, benchCommand];
