/**
 * The group-sequential boundaries (src/stats/group-sequential): the spending function as defined, the efficacy boundary
 * against published values, the recursive integration against gsDesign's published crossing probabilities, and each
 * look spending exactly its share at the margin (efficacy) and at the planned drift (futility).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { crossingProbabilities, obfBoundaries, obfSpending } from "../../../src/stats/group-sequential";
import { normalCdf, normalQuantile } from "../../../src/stats/tests";
import { ArgumentError } from "../../../src/errors";

const FOUR = [0.25, 0.5, 0.75, 1];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const Z975 = normalQuantile(0.975);

test("the spending function is Lan–DeMets' O'Brien–Fleming type, 2 − 2Φ(z₁₋α/₂/√t), spending α in all at t = 1", () => {
  assert.equal(obfSpending(0.025, 0), 0);
  assert.equal(obfSpending(0.025, 1), 0.025);
  for (const t of [0.1, 0.25, 0.5, 0.9])
    assert.ok(Math.abs(obfSpending(0.025, t) - (2 - 2 * normalCdf(normalQuantile(0.9875) / Math.sqrt(t)))) < 1e-15);
  assert.ok(obfSpending(0.025, 0.25) < 1e-5, "almost nothing at a quarter of the information");
});

test("the efficacy boundary matches published values: one-sided α = 0.05, four equally spaced looks", () => {
  // PharmCat/SeqBounds.jl, README.md: bounds([0.25, 0.5, 0.75, 1.0], 0.05; h = 0.05), O'Brien–Fleming spending
  // 2(1 − Φ(z₁₋α/₂/√t)): Z = 3.74955, 2.53993, 2.01604, 1.72014. Their grid (h = 0.05, "0.025 for better
  // precision") holds the fourth decimal, so the tolerance is 1e-4.
  const b = obfBoundaries(FOUR, 0.05, 0.2);
  const published = [3.74955, 2.53993, 2.01604, 1.72014];
  for (const [k, z] of published.entries()) assert.ok(Math.abs(b.efficacy[k]! - z) < 1e-4, `look ${k + 1}: ${b.efficacy[k]} vs ${z}`);
});

test("the integration matches gsDesign's published crossing probabilities of repeated testing at z₀.₉₇₅", () => {
  // keaven/gsDesign, tests/testthat/test-outputs.R, "test.Deming.gsProb" (after Armitage, McPherson & Rowe 1969):
  // the type I error of testing at qnorm(0.975) at k equally spaced looks, to 3 decimals.
  for (const [k, published] of [
    [2, 0.042],
    [4, 0.063],
    [10, 0.097],
    [20, 0.124],
  ] as const) {
    const t = Array.from({ length: k }, (_, i) => (i + 1) / k);
    const c = crossingProbabilities(
      t,
      t.map(() => -Infinity),
      t.map(() => Z975),
      0,
    );
    assert.equal(Math.round(sum(c.upper) * 1000) / 1000, published, `k = ${k}`);
  }
});

test("each look spends exactly its share: α(t_k) − α(t_{k−1}) at the margin, β_f(t_k) − β_f(t_{k−1}) at the planned drift", () => {
  for (const t of [FOUR, [0.2, 0.45, 0.7, 0.85, 1]]) {
    const b = obfBoundaries(t, 0.025, 0.2);
    const atMargin = crossingProbabilities(
      t,
      t.map(() => -Infinity),
      b.efficacy,
      0,
    );
    const atEffect = crossingProbabilities(t, b.futility, b.efficacy, b.drift);
    for (let k = 0; k < t.length; k++) {
      const before = k === 0 ? 0 : t[k - 1]!;
      assert.ok(Math.abs(atMargin.upper[k]! - (obfSpending(0.025, t[k]!) - obfSpending(0.025, before))) < 1e-9);
      assert.ok(Math.abs(atEffect.lower[k]! - (obfSpending(b.futilityBeta, t[k]!) - obfSpending(b.futilityBeta, before))) < 1e-9);
    }
    // The futility boundary is non-binding: with it honoured the type I error is below α, never above.
    assert.ok(sum(crossingProbabilities(t, b.futility, b.efficacy, 0).upper) < 0.025);
    // The same arguments, the same numbers bit for bit.
    assert.deepEqual(obfBoundaries(t, 0.025, 0.2), b);
  }
});

test("bad fractions or error rates are an ArgumentError naming the argument and its range", () => {
  const named = (name: string) => (e: unknown) => e instanceof ArgumentError && e.argument === name;
  assert.throws(() => obfBoundaries([0.5, 0.4, 1], 0.025, 0.2), named("fractions"));
  assert.throws(() => obfBoundaries([0.25, 0.5, 0.9], 0.025, 0.2), named("fractions"));
  assert.throws(() => obfBoundaries(FOUR, 0.5, 0.2), named("alpha"));
  assert.throws(() => obfBoundaries(FOUR, 0.025, 0.2, 0.3), named("futilityBeta"));
  assert.throws(() => crossingProbabilities(FOUR, [0], [1], 0), named("lower, upper"));
});
