/**
 * `emtd run CONFIG.json --out DIR`: a simulation described in a file (runs/schema), run so that it is never lost:
 * progress on stderr, atomic checkpoints, DIR/result.json only when complete, exact resume on rerun, Ctrl-C saves
 * and says how to resume.
 */
import fs from "node:fs";
import { RunInterrupted, CommandFailed, type Command } from "../../command/command";
import { runConfig } from "../../runs/run-config";
import { runConfigSchema } from "../../runs/schema";
import { progressReporter } from "../progress";
import { progressOption } from "../../command/options";

const summary =
  'Run a simulation described in a JSON config (a subcommand\'s options in camelCase plus "command") into --out DIR, with checkpoints; rerun to resume.';

const options: Command["options"] = {
  out: {
    kind: "string",
    placeholder: "dir",
    help: "output directory: config.json, checkpoint.json while running, result.json when complete",
  },
  schema: { kind: "flag", help: "print the JSON Schema of configs and exit" },
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
  let text = "";
  try {
    text = fs.readFileSync(file!, "utf8");
  } catch (error) {
    fail(`emtd run: CONFIG must be a readable JSON file (got ${JSON.stringify(file)}: ${(error as NodeJS.ErrnoException).code})`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    fail(`emtd run: CONFIG must be valid JSON (got ${JSON.stringify(file)}: ${(error as Error).message})`);
  }
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
 * `emtd run` over `commands`, the commands a config may name (the registry hands its table down).
 */
export function runCommand(commands: readonly Command[]): Command {
  return {
    name: "run",
    summary,
    options,
    positionals: 1,
    run: (values, fail, positionals) => runFromFile(commands, values, fail, positionals),
    render: (result) => render(commands, result),
    runnable: false,
    omitCommon: ["seed"],
  };
}
