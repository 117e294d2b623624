/** Every `emtd` subcommand, one line each (add yours here). */
import type { Command } from "./command";
import { sampleCommand } from "./commands/sample";
import { notebooksCommand } from "./commands/notebooks";

export const commands: readonly Command[] = [sampleCommand, notebooksCommand];
