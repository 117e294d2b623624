/** One test per essay claim: its verdict, measured with fixed seeds (src/claims/essay.ts), and no tensor leaks. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../src/engine/backend";
import { claims } from "../src/claims/essay";
import { VERDICTS } from "../src/claims/types";

const expected: Record<string, string> = {
  "e-finality-diffuses": "partly",
  "e-detached-dissolve": "holds",
  "e-identity-participation": "holds",
  "e-not-stolen-hoarded": "holds",
  "e-value-circulates": "partly",
  "e-scale-thickens": "partly",
  "e-sybil": "partly",
  "e-persistence": "holds",
  "e-double-spend": "holds",
  "e-no-byzantine": "fails",
};

for (const claim of claims) {
  test(`${claim.id}: ${claim.short} → ${expected[claim.id]}`, async () => {
    await ready();
    const before = tf.memory().numTensors;
    const m = await claim.measure();
    assert.ok(VERDICTS.includes(m.verdict));
    assert.equal(m.verdict, expected[claim.id], `${m.headline} — ${m.reason}`);
    assert.ok(m.evidence.length > 0 && m.evidence.every((e) => Number.isFinite(e.value)), JSON.stringify(m.evidence));
    assert.equal(tf.memory().numTensors, before, "the experiments release their graphs' tensor caches");
  });
}

test("every essay claim has a unique e- id and names the essay's notebook", () => {
  assert.equal(new Set(claims.map((c) => c.id)).size, claims.length);
  for (const c of claims) {
    assert.match(c.id, /^e-/);
    assert.equal(c.notebook, "notebooks/16-finality-through-ambient-entropy.ipynb");
  }
});

// The essay is not in the repository; where a checkout sits beside the project's shared folder, quotes are checked.
const ROOT = path.resolve(__dirname, "../..");
const ESSAY = [path.resolve(ROOT, "../shared/paper"), path.resolve(ROOT, "../../shared/paper")]
  .map((dir) => path.join(dir, "finality-through-ambient-entropy.md"))
  .find((file) => fs.existsSync(file));
test("every quote is verbatim from the essay", { skip: ESSAY === undefined ? "essay not found beside the checkout" : false }, () => {
  const essay = fs.readFileSync(ESSAY!, "utf8").replace(/\s+/g, " ");
  for (const c of claims) assert.ok(essay.includes(c.quote), `quote of ${c.id} is verbatim`);
});
