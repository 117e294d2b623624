import { test } from "node:test";
import assert from "node:assert/strict";
import { claims } from "../src/claims/section4-rest";
import { VERDICTS } from "../src/claims/types";

/** The verdict each claim's measurement computes (fixed seeds), one test per claim. */
const expected: Record<string, string> = {
  "p4.2-metastable-risk": "holds",
  "p4.2-reheating-escapes": "fails",
  "p4.2-quantum-tunnelling": "untestable",
  "p4.3-landauer": "fails",
  "p4.3-energy-reduces-entropy": "fails",
  "p4.3-proof-of-physics": "fails",
  "p4.4-hebbian": "partly",
  "p4.4-neuromorphic-substrate": "untestable",
};

test("every §4.2–4.4 claim has a verdict test, a notebook and a quote", () => {
  assert.deepEqual(claims.map((c) => c.id).sort(), Object.keys(expected).sort());
  for (const c of claims) {
    assert.match(c.notebook, /^notebooks\/1[345]-.*\.ipynb$/);
    assert.ok(c.quote.length > 20 && c.source === "proposal" && ["4.2", "4.3", "4.4"].includes(c.section), c.id);
  }
});

for (const claim of claims) {
  test(`${claim.id}: ${expected[claim.id]}`, async () => {
    const m = await claim.measure();
    assert.ok(VERDICTS.includes(m.verdict));
    assert.equal(m.verdict, expected[claim.id], m.headline);
    assert.ok(m.evidence.length > 0 && m.evidence.every((e) => Number.isFinite(e.value)), claim.id);
    assert.ok(m.reason.length > 20);
  });
}

test("measurements are deterministic", async () => {
  const c = claims.find((x) => x.id === "p4.2-metastable-risk")!;
  assert.deepEqual(await c.measure(), await c.measure());
});
