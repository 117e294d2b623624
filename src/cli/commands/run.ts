/**
 * `emtd run CONFIG.json --out DIR`: a simulation described in a file (runs/schema), run so that it is never lost:
 * progress on stderr, atomic checkpoints, DIR/result.json only when complete, exact resume on rerun, Ctrl-C saves
 * and says how to resume.
 */
import { RunInterrupted, CommandFailed, type Command } from "../../command/command";
import { runConfig } from "../../runs/run-config";
import { runConfigSchema } from "../../runs/schema";
import { progressReporter } from "../progress";
import { progressOption } from "../../command/options";
import { readBounded } from "../../files/bounded";

const summary =
  'Run a simulation described in a JSON config (a subcommand\'s options in camelCase plus "command") into --out DIR, with checkpoints; rerun to resume.';

const options: Command["options"] = {
  out: {
    kind: "string",
    placeholder: "dir",
    help: "output directory: config.json, checkpoint.json while running, result.json when complete",
  },
  schema: { kind: "flag", help: "print the JSON Schema of configs and exit" },
  // No default: only a seed given on the command line overrides the config's (the common --seed defaults to 0).
  seed: { kind: "int", min: 0, max: Number.MAX_SAFE_INTEGER, help: 'random seed, overriding the config\'s "seed" (integer ≥ 0)' },
  progress: progressOption,
};

async function runFromFile(
  commands: readonly Command[],
  values: Parameters<Command["run"]>[0],
  fail: (message: string) => never,
  positionals: string[],
): Promise<Record<string, unknown>> {
  if (values.schema) return runConfigSchema(commands);
  const file = positionals[0];
  if (file === undefined) fail("emtd run: CONFIG must be the path of a JSON config file (got nothing; see emtd run --help)");
  const out = values.out as string | undefined;
  if (out === undefined || out === "") fail(`emtd run: --out must be a directory path (got ${JSON.stringify(out ?? null)})`);
  // Within a byte budget; a device or FIFO is refused (files/bounded).
  const text = readBounded(file!, "config", { where: "emtd run", argument: "CONFIG" });
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    fail(`emtd run: CONFIG must be valid JSON (got ${JSON.stringify(file)}: ${(error as Error).message})`);
  }
  // --seed overrides the config's seed; the seed is part of the run's identity, so another seed needs another --out.
  if (values.seed !== undefined && config !== null && typeof config === "object" && !Array.isArray(config))
    config = { ...(config as Record<string, unknown>), seed: values.seed };
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: stop now
    process.stderr.write("\nemtd run: stopping at the end of this segment (Ctrl-C again to abort without saving)…\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  const report = progressReporter("run", { enabled: Boolean(values.progress) || (!values.json && process.stderr.isTTY === true) });
  try {
    const { result, resumedFrom, alreadyComplete } = await runConfig(config, out!, {
      commands,
      file: file!,
      signal: controller.signal,
      timing: !values["no-timing"],
      onProgress: (p) => report(p.done, p.total, p.command),
      // Nothing to save between segments: let Ctrl-C end the process as usual (a rerun starts over).
      onUncheckpointed: () => process.off("SIGINT", onSigint),
    });
    report.end();
    if (!values.json) {
      const note = alreadyComplete ? "already complete" : resumedFrom === null ? "complete" : `resumed at ${resumedFrom}, complete`;
      process.stderr.write(`emtd run: ${note}: ${out}/result.json\n`);
    }
    return result;
  } catch (error) {
    report.end();
    if (error instanceof RunInterrupted) {
      throw new CommandFailed(
        `emtd run: interrupted at ${error.done} of ${error.total}; checkpoint saved in ${out}/checkpoint.json; resume with: emtd run ${file} --out ${out}`,
        undefined,
        130,
      );
    }
    throw error;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

function render(commands: readonly Command[], result: Record<string, unknown>): string {
  if ("$schema" in result) return JSON.stringify(result, null, 2);
  const command = commands.find((c) => c.name === result.command);
  return command ? command.render(result) : JSON.stringify(result);
}

/**
 * The `emtd run` command for `commands`, the commands a config may name (the registry hands its table down): a
 * factory, unlike the constant `xCommand` of a computing subcommand, because the table it runs over is handed in.
 */
export function runCommandFor(commands: readonly Command[]): Command {
  return {
    name: "run",
    summary,
    options,
    positionals: 1,
    usage: {
      line: "CONFIG.json --out DIR [options]",
      arguments: {
        "CONFIG.json": 'path of the JSON config, e.g. {"command": "sample", "graph": "ring:100:4", "steps": 5000} (schema: --schema)',
      },
    },
    run: (values, fail, positionals) => runFromFile(commands, values, fail, positionals),
    render: (result) => render(commands, result),
    runnable: false,
  };
}
