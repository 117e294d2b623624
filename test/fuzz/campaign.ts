/**
 * `npm run fuzz -- [--runs N] [--seed S] [--suite NAME[,NAME…]] [--path P]`: the property suites of issue 38 for
 * longer campaigns than `npm test` runs. Prints the seed first (a random one unless given), then each suite's result;
 * a failure prints fast-check's report (seed, path, the shrunk counterexample) and the broken invariant, with the
 * command that replays it; the exit status is 1 when any suite failed.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { checkCli } from "./cli";
import { checkConfigs } from "./configs";
import { checkGraphFiles } from "./graph-files";
import type { Runs } from "./invariants";
import { checkKernel } from "./kernel";
import { PYTHON } from "./kernel-harness";
import { checkNotebooks } from "./notebooks";
import { checkReader } from "./reader";
import { checkVariants } from "./variants";

const SUITES: Record<string, (runs: Runs) => unknown> = {
  reader: (runs) => checkReader(runs),
  cli: (runs) => checkCli(runs),
  configs: (runs) => checkConfigs(runs),
  graphs: (runs) => checkGraphFiles(runs),
  variants: (runs) => checkVariants(runs),
  notebooks: (runs) => checkNotebooks(runs),
  kernel: (runs) => checkKernel({ ...runs, numRuns: Math.max(1, Math.round(runs.numRuns / 10)) }),
};

function usage(message: string): never {
  process.stderr.write(
    `npm run fuzz: ${message}\nusage: npm run fuzz -- [--runs N] [--seed S] [--suite ${Object.keys(SUITES).join(",")}] [--path P]\n`,
  );
  process.exit(2);
}

async function campaign(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      options: { runs: { type: "string" }, seed: { type: "string" }, suite: { type: "string" }, path: { type: "string" } },
    }).values as never;
  } catch (error) {
    return usage((error as Error).message);
  }
  const numRuns = values.runs === undefined ? 1000 : Number(values.runs);
  if (!Number.isSafeInteger(numRuns) || numRuns < 1) usage(`--runs must be an integer ≥ 1 (got ${values.runs})`);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isSafeInteger(seed)) usage(`--seed must be an integer (got ${values.seed})`);
  const names = values.suite === undefined ? Object.keys(SUITES) : values.suite.split(",");
  for (const name of names) if (!(name in SUITES)) usage(`--suite must be among ${Object.keys(SUITES).join(", ")} (got ${name})`);
  process.stdout.write(`fuzz: seed ${seed}, ${numRuns} runs per suite (kernel: a tenth, each a batch of messages)\n`);
  let failed = 0;
  for (const name of names) {
    if (name === "kernel" && spawnSync(PYTHON, ["-c", "import jupyter_client"]).status !== 0) {
      process.stdout.write(`${name}: skipped (${PYTHON} has no jupyter_client: apt-get install python3-jupyter-client)\n`);
      continue;
    }
    const started = performance.now();
    try {
      await SUITES[name]!({ numRuns, seed, ...(values.path === undefined ? {} : { path: values.path }) });
      process.stdout.write(`${name}: ok (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    } catch (error) {
      failed++;
      const report = (error as Error).message;
      const cause = ((error as Error).cause as Error | undefined)?.message;
      process.stdout.write(`${name}: FAILED\n${report}\n${cause ? `broken: ${cause}\n` : ""}`);
      const path = /path: "([^"]*)"/.exec(report)?.[1];
      process.stdout.write(`replay: npm run fuzz -- --suite ${name} --runs ${numRuns} --seed ${seed}${path ? ` --path ${path}` : ""}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

void campaign().then((code) => process.exit(code));
