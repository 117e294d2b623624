/**
 * The `emtd` command. Contract (DESIGN.md): every subcommand takes --seed, --json and --help; with --json it prints
 * one JSON object on stdout and nothing else there; bad input prints one line on stderr naming the argument and
 * the accepted range, and exits 2 with no stack trace.
 */
import { ArgumentError, EmtdError, StorageError } from "../errors";
import { didYouMean, helpText, parseOptions, UsageError } from "../command/options";
import { commands } from "./registry";
import { CommandFailed } from "../command/command";
import { ConfigError } from "../runs/schema";
import { VERSION } from "../package";
import { echo, oneLine } from "../format";

/**
 * The one place an error becomes what the user reads: one line, at most format.LINE_MAX characters, controls
 * escaped and long values cut (issue 38). Every error path of `main` writes through it.
 */
function printError(message: string): void {
  process.stderr.write(`${oneLine(message)}\n`);
}

function usage(): string {
  return [
    "usage: emtd <command> [options]",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(12)}${c.summary}`),
    "",
    "Every command takes --seed, --json and --help (-h); `emtd help COMMAND` shows a command's options;",
    "`emtd --version` prints the version.",
  ].join("\n");
}

/**
 * The `emtd` command: runs the subcommand named by `argv[0]` with the rest as its options and returns the exit
 * code (0 success, 1 a {@link CommandFailed} outcome, 2 bad input with one line on stderr). Writes to stdout/stderr.
 *
 * @example
 * ```ts
 * const code = await main(["--version"]); // prints 0.2.0
 * console.log(code); // → 0
 * ```
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const names = commands.map((c) => c.name);
  if (name === "--version" || name === "-V") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === "help" && rest[0] !== undefined) {
    const command = commands.find((c) => c.name === rest[0]);
    if (!command) {
      printError(
        `emtd help: command must be one of ${commands.map((c) => c.name).join(", ")} (got ${echo(rest[0])})${didYouMean(rest[0], names)}`,
      );
      return 2;
    }
    process.stdout.write(helpText(command.name, command.summary, command.options, command.omitCommon, command.usage) + "\n");
    return 0;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? process.stderr : process.stdout).write(usage() + "\n");
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    printError(`emtd: command must be one of ${names.join(", ")} (got ${echo(name)})${didYouMean(name, names)}`);
    return 2;
  }
  const fail = (message: string): never => {
    throw new UsageError(message);
  };
  try {
    const { values, positionals } = parseOptions(name, rest, command.options, command.positionals ?? 0, command.omitCommon);
    if (values.help) {
      process.stdout.write(helpText(name, command.summary, command.options, command.omitCommon, command.usage) + "\n");
      return 0;
    }
    const result = await command.run(values, fail, positionals);
    if (values["no-timing"]) delete result.timing;
    if (!("version" in result) && !("$schema" in result)) result.version = VERSION;
    process.stdout.write((values.json ? JSON.stringify(result) : command.render(result)) + "\n");
    return 0;
  } catch (error) {
    return reportError(error, name, rest);
  }
}

/**
 * Print what went wrong with `emtd NAME ARGV` and return its exit code: a {@link CommandFailed} outcome (its code,
 * its JSON result with --json), bad input or a full disk (2), anything else an internal error (1). Every case one
 * line through {@link printError}. Not exported by the package; the property tests call it for inputs that are
 * loaded outside a command's run (variant files).
 */
export function reportError(error: unknown, name: string, argv: readonly string[]): number {
  if (error instanceof CommandFailed) {
    if (parsedJson(argv) && error.result) process.stdout.write(JSON.stringify(error.result) + "\n");
    printError(error.message);
    return error.exitCode;
  }
  if (error instanceof StorageError) {
    // A full or read-only disk is the machine's state, not bad input, but the user fixes it the same way: exit 2.
    printError(`emtd ${name}: ${error.message}`);
    return 2;
  }
  if (error instanceof EmtdError) {
    printError(namingTheOption(error, name, argv));
    return 2;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    printError(error.message);
    return 2;
  }
  printError(`emtd ${name}: internal error: ${(error as Error)?.message ?? String(error)}`);
  if (process.env.EMTD_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  return 1;
}

/** The options typed in `argv` with their values as typed (`--graph ring:10`, `--graph=ring:10`); flags have "". */
function typedOptions(argv: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--") || arg === "--") continue;
    const eq = arg.indexOf("=");
    if (eq >= 0) out.push([arg.slice(2, eq), arg.slice(eq + 1)]);
    else out.push([arg.slice(2), argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--") ? argv[i + 1]! : ""]);
  }
  return out;
}

/**
 * The library's message for bad input, said of the option the user typed (issue 44): a library error names its
 * own argument (`emtd/graph: graph must be one of … (got "ring:10")`); the user typed `--graph`. The option is the
 * one the error's argument names, or the one whose value the error quotes, or the one named in the error's module
 * path (`emtd/graph/ring: k must be …` is about the value of --graph); a message that already names an option, or
 * an error no typed option explains (an environment variable), is kept as it is.
 */
function namingTheOption(error: EmtdError, name: string, argv: readonly string[]): string {
  const typed = typedOptions(argv);
  if (typed.some(([option]) => error.message.includes(`--${option}`))) return error.message;
  if (error instanceof ArgumentError) {
    const got = error.got === undefined ? "" : ` (got ${echo(error.got)})`;
    const byName = typed.find(([option]) => option === error.argument);
    // Only a quoted text is matched with a value: a number could be any option's.
    const byValue = typeof error.got === "string" ? typed.find(([, value]) => value !== "" && value === error.got) : undefined;
    const own = byName ?? byValue;
    if (own) return `emtd ${name}: --${own[0]} must be ${error.accepted}${got || ` (got ${echo(own[1])})`}`;
    const inPath = typed.find(([option, value]) => value !== "" && error.where.split("/").includes(option));
    if (inPath) return `emtd ${name}: --${inPath[0]} ${echo(inPath[1])}: ${error.argument} must be ${error.accepted}${got}`;
  }
  return error.message;
}

function parsedJson(argv: readonly string[]): boolean {
  return argv.includes("--json");
}
