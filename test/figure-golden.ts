/**
 * The data of the figures whose experiments moved into shared functions (issue 22: one experiment function called by
 * claim, figure and notebook), recorded at seed 0 before the move in test/fixtures/figure-golden.json;
 * test/integration/browser/figures.test.ts asserts that each figure still builds to the same JSON, bit for bit (a SHA-256 of the
 * canonical JSON of its `{ figure, rows }`; JSON numbers print the shortest round-trip form, so equal digests mean
 * equal numbers). Regenerate (only on purpose): `node dist/test/figure-golden.js --write`.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { selectFigures } from "../src/figures/registry";
import { canonicalJson } from "../src/files/json";

export const FIGURE_GOLDEN_FILE = path.resolve(__dirname, "..", "..", "test", "fixtures", "figure-golden.json");

/** The figures recorded: those built from an experiment that a claim (and a notebook) share. */
export const GOLDEN_FIGURES = [
  "ising-quench",
  "pipeline-rounds",
  "landauer-ladder",
  "split-brain-arrhenius",
  "consensus-time-vs-n",
] as const;

/** SHA-256 of the canonical JSON of each figure built at `seed`, by id. */
export async function figureDigests(seed = 0): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const spec of selectFigures([...GOLDEN_FIGURES])) {
    const built = await spec.build(seed);
    out[spec.id] = createHash("sha256").update(canonicalJson(built)).digest("hex");
  }
  return out;
}

if (require.main === module && process.argv.includes("--write")) {
  void figureDigests().then((digests) => {
    writeFileSync(FIGURE_GOLDEN_FILE, `${JSON.stringify(digests, null, 2)}\n`);
    console.log(`wrote ${FIGURE_GOLDEN_FILE}`);
  });
}
