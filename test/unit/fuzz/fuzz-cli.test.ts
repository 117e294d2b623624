/**
 * Issue 38, part 4: the flags of every `emtd` command under property-based testing (test/fuzz/cli.ts), with a fixed
 * seed and a bounded number of cases; `npm run fuzz -- --suite cli --runs N --seed S` runs longer campaigns.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { commands } from "../../../src/cli/registry";
import { checkCli } from "../../fuzz/cli";
import { runInProcess } from "../../fuzz/harness";
import { problems } from "../../fuzz/invariants";

const SEED = 3838;

test(
  "every command's flags, hostile or not: exit 0, 1 or 2, one line of at most 300 characters, no stack trace, memory under 1 GiB",
  { timeout: 120_000 },
  async () => {
    await checkCli({ numRuns: 800, seed: SEED });
  },
);

test("every command's --help prints its options and exits 0", { timeout: 60_000 }, async () => {
  for (const command of commands) {
    const outcome = await runInProcess([command.name, "--help"]);
    assert.equal(outcome.code, 0, `${command.name}: ${outcome.stderr}`);
    assert.match(outcome.stdout, new RegExp(`^usage: emtd ${command.name}`));
    assert.deepEqual(problems(outcome), []);
  }
});
