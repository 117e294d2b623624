/**
 * `explore` (issue 73 item 1) outside a kernel: the explorer's rows are `compareVariant`'s for the same family, values,
 * seed and replicates; two values set in quick succession show only the last one's rows; a value moved during a
 * measurement leaves no worker for the old value (counted) and no stale row; a value decided before comes back from
 * the cache without a worker. The family is templates/variants/huber-family.ts, on p1.2-interaction-energy (≈ 2 s).
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { explore, type Explorer } from "../../../src/explore/explorer";
import { runningWorkers } from "../../../src/cli/variant-decision";
import { loadVariantFile } from "../../../src/cli/variant-file";
import { compareVariant } from "../../../src/claims/machinery/compare";
import { ready } from "../../../src/engine/backend";
import { ArgumentError } from "../../../src/errors";

const root = path.resolve(TEST_DIR, "..", "..");
const template = path.join(root, "templates", "variants", "huber-family.ts");
const only = ["p1.2-interaction-energy"];
const work = mkdtempSync(path.join(tmpdir(), "emtd-explore-"));
const explorers: Explorer[] = [];
after(async () => {
  await Promise.all(explorers.map((x) => x.stop()));
  rmSync(work, { recursive: true, force: true });
});

/** The template's family, its worker busy for 20 s at weight 0.9 (in the worker only: argv names it). */
const SLOW_FAMILY = `import { huberCoupling } from "emtd";
import { variantFamily } from "emtd/variants";
declare const process: { argv: string[] };

export default variantFamily({
  name: "Huber coupling, slow at w = 0.9",
  parameters: { delta: { min: 0.1, max: 2, step: 0.1, default: 0.5 }, weight: { min: 0, max: 1, step: 0.05, default: 0 } },
  variant: ({ delta, weight }) => {
    if (weight === 0.9 && String(process.argv[1]).endsWith("variant-watch-worker.js")) {
      const end = Date.now() + 20_000;
      while (Date.now() < end);
    }
    return { name: \`Huber δ = \${delta}, w = \${weight}\`, interaction: (graph, { coupling }) => huberCoupling(graph, { delta, coupling: coupling * (1 + weight) }) };
  },
});
`;

/** A row without what a clock measured (seconds per replicate): the rest is compared exactly. */
const untimed = (row: unknown) =>
  JSON.parse(JSON.stringify(row, (k, v) => (k === "secondsPerReplicate" ? null : (v as unknown)))) as unknown;

test("the explorer's rows are compareVariant's for the same variant, values, seed and replicates", async () => {
  await ready();
  const x = explore(template, { only, values: { delta: 0.8, weight: 0.25 } });
  explorers.push(x);
  await x.settled();
  assert.deepEqual(x.values(), { delta: 0.8, weight: 0.25 });
  const fail = (message: string): never => assert.fail(message);
  const variant = loadVariantFile(template, fail, "emtd verdicts: --variant", ["delta=0.8", "weight=0.25"]);
  const direct = await compareVariant(variant, { only, seed: 0, replicates: 1 });
  assert.deepEqual(
    x.rows().map((r) => untimed(r.row)),
    direct.claims.map(untimed),
  );
  assert.equal(x.rows()[0]!.state, direct.claims[0]!.variant?.reference.kind === "not-comparable" ? "not comparable" : "decided");
  assert.ok(x.stepCost(), "a coupling's step cost is measured beside the proposal's");
  // The table is elements: one row per claim, its state and both verdicts in cells.
  assert.match(x.table.value, /<tr data-claim="p1\.2-interaction-energy" data-state="(decided|not comparable)">/);
  assert.match(x.status.value, /step cost: .*variant .* ms \/ proposal .* ms/);
  assert.equal(x.measured, 1);
  assert.equal(x.workers, 1);
});

test("values set in quick succession show only the last one's rows; a value moved mid-measurement leaves no worker for it; a value seen before comes from the cache", async () => {
  // At weight 0.9 the worker is busy for 20 s before it measures (as a long claim is); the explorer's process is not.
  const slow = path.join(work, "slow-family.ts");
  writeFileSync(slow, SLOW_FAMILY);
  const x = explore(slow, { only });
  explorers.push(x);
  await x.settled();
  const first = x.rows().map((r) => untimed(r.row));
  assert.equal(x.workers, 1);

  // Two values in one breath: one worker, for the last.
  x.controls.weight!.value = 0.5;
  x.controls.weight!.value = 0.3;
  await x.settled();
  assert.equal(x.workers, 2);
  assert.ok(x.rows().every((r) => r.row !== null && !r.cached));
  assert.equal(x.values().weight, 0.3);

  // Moved during a measurement: the old value's worker is gone within a second, none of its rows shown.
  x.controls.weight!.value = 0.9;
  const deadline = Date.now() + 30_000;
  while (runningWorkers().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const stale = runningWorkers();
  assert.equal(stale.length, 1, "one worker measures weight 0.9");
  await new Promise((r) => setTimeout(r, 300));
  x.controls.weight!.value = 0.2;
  const moved = Date.now();
  while (runningWorkers().includes(stale[0]!) && Date.now() - moved < 5000) await new Promise((r) => setTimeout(r, 10));
  const gone = Date.now() - moved;
  assert.ok(gone <= 1000, `the old worker exited ${gone} ms after the move (≤ 1000 ms)`);
  assert.ok(
    x.rows().every((r) => r.row === null),
    "no row shown until weight 0.2's are decided (none of 0.9's)",
  );
  await x.settled();
  assert.equal(x.cancelled, 1);
  assert.deepEqual(runningWorkers(), []);
  assert.equal(x.values().weight, 0.2);

  // Back to the first value: read from the cache, no worker started, the same rows.
  const { workers, measured } = x;
  x.controls.weight!.value = 0;
  await x.settled();
  assert.equal(x.workers, workers, "no worker for a value decided before");
  assert.equal(x.measured, measured);
  assert.ok(x.rows().every((r) => r.cached));
  assert.deepEqual(
    x.rows().map((r) => untimed(r.row)),
    first,
  );
});

test("a file that exports one variant, or a first value out of range, is refused naming the argument", () => {
  const one = path.join(root, "templates", "variants", "huber.ts");
  assert.throws(
    () => explore(one),
    (e: unknown) => e instanceof ArgumentError && /must be a file exporting a variant family .*, not one variant/.test(e.message),
  );
  assert.throws(
    () => explore(template, { values: { delta: 9 } }),
    (e: unknown) => e instanceof ArgumentError && /options\.values\.delta must be a number in \[0\.1, 2\] \(got 9\)/.test(e.message),
  );
});
