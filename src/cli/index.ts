/** `emtd/cli`: the `emtd` command as a library — its subcommands (name, options, run) and its entry point. */
export { commands } from "./registry";
export { main } from "./main";
export { type Command, type RunSession, CommandFailed, RunInterrupted } from "../command/command";
export { progressReporter, type ProgressReporter } from "./progress";
export { replicateSweepConfig, localBatch } from "./verdict-sweep";
