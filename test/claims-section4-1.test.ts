/** §4.1 claims: their verdicts at seed 0 from what the measurement means, determinism, and seed sensitivity. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { claims, scaleClass, SCALE_INVARIANT_SLOPE } from "../src/claims/section4-1";
import { measureContext } from "../src/claims/registry";
import type { Measurement } from "../src/claims/types";

// Expected [literal, strongest], from what each experiment means:
// - self-healing: the quadratic pull grows with distance, and any positive coupling has the corrupted value as its
//   only fixed point, so both couplings carry the honest nodes out of their range: fails, fails.
// - antifragility: unbiased noise passed on by a linear filter adds spread: fails, fails.
// - routes-around-damage: crash survivors stay connected (agree: holds); corrupted stubborn nodes capture
//   averaging, so crash-and-corruption is mixed: partly.
// - scale-invariance: K_N is flat but ring (N²), torus (N) and Watts–Strogatz (λ₂ falls) grow: partly; WS alone: fails.
const expected: Record<string, [string, string]> = {
  "p4.1-self-healing": ["fails", "fails"],
  "p4.1-antifragility": ["fails", "fails"],
  "p4.1-routes-around-damage": ["holds", "partly"],
  "p4.1-scale-invariance": ["partly", "fails"],
};

const verdicts = (m: Measurement) => [m.readings.literal.verdict, m.readings.strongest.verdict];
const numbers = (m: Measurement) => [...m.readings.literal.evidence, ...m.readings.strongest.evidence].map((e) => e.value);

test("every §4.1 claim has a unique id, a quote from the proposal, a notebook and a filled rubric", () => {
  assert.deepEqual(claims.map((c) => c.id).sort(), Object.keys(expected).sort());
  for (const c of claims) {
    assert.equal(c.source, "proposal");
    assert.equal(c.section, "4.1");
    assert.ok(c.quote.length > 20 && c.notebook.startsWith("notebooks/"));
    for (const text of [c.model, c.readings.literal, c.readings.strongest, c.decision.rule, c.decision.threshold, c.decision.why])
      assert.ok(text.trim().length > 0, `${c.id}: rubric field filled`);
  }
});

for (const c of claims) {
  test(`${c.id}: verdicts ${expected[c.id]!.join(" / ")} at seed 0, deterministic, finite evidence`, async () => {
    const m = await c.measure(measureContext(0, 0));
    assert.deepEqual(verdicts(m), expected[c.id], `${m.headline} — ${m.readings.strongest.finding}`);
    assert.ok(numbers(m).every((x) => Number.isFinite(x)));
    assert.deepEqual(await c.measure(measureContext(0, 0)), m);
  });
}

test("p4.1-self-healing is stochastic: another seed gives other evidence numbers", async () => {
  const c = claims.find((x) => x.id === "p4.1-self-healing")!;
  const a = await c.measure(measureContext(0, 0));
  const b = await c.measure(measureContext(1, 0));
  assert.notDeepEqual(numbers(a), numbers(b));
  assert.deepEqual(verdicts(a), verdicts(b), "the verdict is stable across seeds");
});

test("p4.1-scale-invariance reports the verdict at each N of its grid", async () => {
  const c = claims.find((x) => x.id === "p4.1-scale-invariance")!;
  const m = await c.measure(measureContext(0, 0));
  assert.deepEqual(
    m.bySize?.map((p) => p.n),
    c.sizes?.slice(1),
  );
});

test("scaleClass: flat, grows or borderline by two standard errors around SCALE_INVARIANT_SLOPE", () => {
  const s = SCALE_INVARIANT_SLOPE;
  assert.equal(scaleClass({ slope: 0, slopeSe: 0.01 }), "flat");
  assert.equal(scaleClass({ slope: 2, slopeSe: 0.01 }), "grows");
  assert.equal(scaleClass({ slope: s, slopeSe: 0.01 }), "borderline");
  assert.equal(scaleClass({ slope: s - 0.03, slopeSe: 0.01 }), "flat");
  assert.equal(scaleClass({ slope: s - 0.01, slopeSe: 0.01 }), "borderline");
  assert.equal(scaleClass({ slope: s + 0.03, slopeSe: 0.01 }), "grows");
});
