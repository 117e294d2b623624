/**
 * The spin problems' one home (issue 22): the same numbers for the same keys as before the move, bit for bit
 * (test/fixtures/spin-golden.json, recorded on the code before it; see test/spin-golden.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { GOLDEN_FILE, spinGolden } from "./spin-golden";

test("spin problems, exact tables, Metropolis sweeps, annealing, escape, PIMC, §4.3–4.4 and the §3.2 audits give the recorded numbers", async () => {
  const recorded = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as Record<string, unknown>;
  const now = await spinGolden();
  assert.deepEqual(Object.keys(now), Object.keys(recorded));
  for (const name of Object.keys(recorded)) assert.deepEqual(now[name], recorded[name], `${name} changed`);
});
