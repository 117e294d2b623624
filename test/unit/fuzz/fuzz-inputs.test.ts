/**
 * Issue 38, parts 1 and 4: the input files of `emtd` under property-based testing, with a fixed seed and a bounded
 * number of cases each: run and sweep configs, graph files in all four formats, variant files, notebooks with their
 * parameters, and the bounded reader they all go through. `npm run fuzz -- --suite NAME --runs N --seed S` runs
 * longer campaigns (test/fuzz/campaign.ts).
 */
import { test } from "node:test";
import { checkConfigs } from "../../fuzz/configs";
import { checkGraphFiles } from "../../fuzz/graph-files";
import { checkNotebooks } from "../../fuzz/notebooks";
import { checkReader } from "../../fuzz/reader";
import { checkVariants } from "../../fuzz/variants";

const SEED = 3838;
const LIMIT = { timeout: 120_000 };

test(
  "the bounded reader: the whole file within the budget and the line cap, or one refusal line; devices and FIFOs only when asked",
  LIMIT,
  () => {
    checkReader({ numRuns: 500, seed: SEED });
  },
);

test("emtd run and emtd sweep on any config file: exit 0, 1 or 2 with one line", LIMIT, async () => {
  await checkConfigs({ numRuns: 300, seed: SEED });
});

test(
  "--graph file:PATH in every format, cut, changed, empty, past the limits or not a file: exit 0, 1 or 2 with one line",
  LIMIT,
  async () => {
    await checkGraphFiles({ numRuns: 500, seed: SEED });
  },
);

test("--variant FILE of any content and kind: loaded, or refused with one line and exit 2", LIMIT, async () => {
  await checkVariants({ numRuns: 300, seed: SEED });
});

test("emtd notebooks on any notebook files with any --param: exit 0, 1 or 2 with one line, no kernel started", LIMIT, async () => {
  await checkNotebooks({ numRuns: 300, seed: SEED });
});
