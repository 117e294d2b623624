/**
 * The `emtd` command. Contract (DESIGN.md): every subcommand takes --seed, --json and --help; with --json it prints
 * one JSON object on stdout and nothing else there; bad input prints one line on stderr naming the argument and
 * the accepted range, and exits 2 with no stack trace.
 */
import { EmtdError } from "../errors";
import { helpText, type OptionSpecs, parseOptions, type Parsed, UsageError } from "./args";
import { sampleCommand, sampleOptions, sampleSummary } from "./sample";

interface Command {
  summary: string;
  options: OptionSpecs;
  run(values: Parsed, fail: (message: string) => never): Promise<Record<string, unknown>>;
  /** Human-readable rendering of the result (without --json). */
  render(result: Record<string, unknown>): string;
}

const commands: Record<string, Command> = {
  sample: {
    summary: sampleSummary,
    options: sampleOptions,
    run: sampleCommand,
    render: (r) => {
      const ref = r.reference as Record<string, number>;
      const lines = [
        `${r.integrator} on ${r.graph} (${r.nodes} nodes, ${r.edges} edges), d=${r.dim}, T=${r.temperature}, ${r.backend}`,
        `⟨H⟩ = ${fmt(r.meanEnergy)} ± ${fmt(r.energyMcse)} (MCSE, ESS ${fmt(r.energyEss, 0)}) after ${r.burnIn} of ${r.steps} steps`,
        `acceptance ${fmt(r.acceptance, 3)}, step ${fmt(r.step, 6)}${r.adapted ? " (adapted during burn-in)" : ""}, ${fmt(r.seconds, 1)} s`,
      ];
      if (ref.equipartition !== undefined) lines.push(`exact equipartition (N−1)·d·T/2 = ${fmt(ref.equipartition)}`);
      if (ref.ulaExact !== undefined) lines.push(`exact ULA stationary ⟨H⟩ at this step = ${fmt(ref.ulaExact)}`);
      return lines.join("\n");
    },
  },
};

function fmt(value: unknown, digits = 2): string {
  return typeof value === "number" ? value.toFixed(digits) : String(value);
}

function usage(): string {
  const names = Object.keys(commands);
  return [
    "usage: emtd <command> [options]",
    "",
    "commands:",
    ...names.map((n) => `  ${n.padEnd(12)}${commands[n]!.summary}`),
    "",
    "Every command takes --seed, --json and --help.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`emtd: command must be one of ${Object.keys(commands).join(", ")} (got ${JSON.stringify(name)})\n`);
    return 2;
  }
  const fail = (message: string): never => {
    throw new UsageError(message);
  };
  try {
    const { values } = parseOptions(name, rest, command.options);
    if (values.help) {
      process.stdout.write(helpText(name, command.summary, command.options) + "\n");
      return 0;
    }
    const result = await command.run(values, fail);
    process.stdout.write((values.json ? JSON.stringify(result) : command.render(result)) + "\n");
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof EmtdError) {
      process.stderr.write(`${error.message.split("\n")[0]}\n`);
      return 2;
    }
    process.stderr.write(`emtd ${name}: internal error: ${(error as Error).message}\n`);
    if (process.env.EMTD_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}
