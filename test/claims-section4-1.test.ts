import { test } from "node:test";
import assert from "node:assert/strict";
import { claims, scaleClass, SCALE_INVARIANT_SLOPE } from "../src/claims/section4-1";
import { VERDICTS } from "../src/claims/types";

const expected: Record<string, string> = {
  "p4.1-self-healing": "fails",
  "p4.1-antifragility": "fails",
  "p4.1-routes-around-damage": "partly",
  "p4.1-scale-invariance": "partly",
};

test("every §4.1 claim has a unique id, a quote from the proposal and a notebook", () => {
  assert.deepEqual(claims.map((c) => c.id).sort(), Object.keys(expected).sort());
  for (const c of claims) {
    assert.equal(c.source, "proposal");
    assert.equal(c.section, "4.1");
    assert.ok(c.quote.length > 20 && c.notebook.startsWith("notebooks/"));
  }
});

for (const c of claims) {
  test(`${c.id}: verdict ${expected[c.id]}, computed from its evidence, deterministic`, async () => {
    const m = await c.measure();
    assert.ok(VERDICTS.includes(m.verdict));
    assert.equal(m.verdict, expected[c.id], `${m.headline} — ${m.reason}`);
    assert.ok(m.evidence.length > 0 && m.evidence.every((e) => Number.isFinite(e.value)));
    assert.deepEqual((await c.measure()).evidence, m.evidence);
  });
}

test("scaleClass: flat, grows or borderline by two standard errors around SCALE_INVARIANT_SLOPE", () => {
  const s = SCALE_INVARIANT_SLOPE;
  assert.equal(scaleClass({ slope: 0, slopeSe: 0.01 }), "flat");
  assert.equal(scaleClass({ slope: 2, slopeSe: 0.01 }), "grows");
  assert.equal(scaleClass({ slope: s, slopeSe: 0.01 }), "borderline");
  assert.equal(scaleClass({ slope: s - 0.03, slopeSe: 0.01 }), "flat");
  assert.equal(scaleClass({ slope: s - 0.01, slopeSe: 0.01 }), "borderline");
  assert.equal(scaleClass({ slope: s + 0.03, slopeSe: 0.01 }), "grows");
});
