/**
 * The equivalence plan (stats/equivalence): its runs per arm give the power it states, measured by simulating the
 * decision the claims make on them (Newcombe's 95 % interval of the difference within ±margin).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { BIOEQUIVALENCE_RATIO, equivalenceRuns, ratioEquivalenceRuns } from "../../../src/stats/equivalence";
import { twoProportionTest } from "../../../src/stats/tests";
import { ArgumentError } from "../../../src/errors";

/** The share of `sims` pairs of arms (rates `p` and `p − difference`, `n` runs each) whose interval lies within ±margin. */
function equivalencePower(n: number, p: number, difference: number, margin: number, sims: number, seed: string): number {
  const u = seedrandom(seed);
  const binomial = (q: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (u() < q) k++;
    return k;
  };
  let shown = 0;
  for (let s = 0; s < sims; s++) {
    const [lo, hi] = twoProportionTest(binomial(p), n, binomial(p - difference), n).interval;
    if (lo > -margin && hi < margin) shown++;
  }
  return shown / sims;
}

test("equivalenceRuns: 2102 runs per arm show ±0.1 with power ≥ 0.9 at a true difference of 0.05; the 526 planned for 0 do not", () => {
  const sims = 2000;
  const n = equivalenceRuns(0.5, 0.1, 0.05);
  assert.equal(n, 2102);
  assert.equal(equivalenceRuns(0.5, 0.1), 526);
  const se = Math.sqrt((0.9 * 0.1) / sims);
  const power = equivalencePower(n, 0.5, 0.05, 0.1, sims, "equivalence-plan");
  assert.ok(power >= 0.9 - 3 * se, `power ${power} at n = ${n} (planned 0.9, Monte-Carlo SE ${se.toFixed(4)})`);
  // The plan for a difference of 0 is short of it: the check can fail.
  const short = equivalencePower(526, 0.5, 0.05, 0.1, sims, "equivalence-plan-short");
  assert.ok(short < 0.9 - 3 * se, `power ${short} at n = 526`);
});

test("equivalenceRuns: a true difference at or beyond the margin is an ArgumentError naming it", () => {
  assert.throws(() => equivalenceRuns(0.5, 0.1, 0.1), ArgumentError);
  assert.throws(() => equivalenceRuns(0.5, 0.1, -0.2), /trueDifference/);
});

/** The share of `sims` pairs of arms at one rate `p`, `n` runs each, whose 95 % interval of ln(a/b) lies within ±ln ratio. */
function ratioPower(n: number, p: number, ratio: number, sims: number, seed: string): number {
  const u = seedrandom(seed);
  const rate = () => {
    let k = 0;
    for (let i = 0; i < n; i++) if (u() < p) k++;
    return k / n;
  };
  let shown = 0;
  for (let s = 0; s < sims; s++) {
    const [a, b] = [rate(), rate()];
    const se = Math.sqrt((1 - a) / (n * a) + (1 - b) / (n * b));
    if (Math.abs(Math.log(a / b)) + 1.96 * se < Math.log(ratio)) shown++;
  }
  return shown / sims;
}

test("ratioEquivalenceRuns: 1267 runs per arm at p = 0.25 show a true ratio of 1 within 0.80–1.25 with power ≥ 0.8; 900 do not", () => {
  const sims = 2000;
  const n = ratioEquivalenceRuns(0.25, BIOEQUIVALENCE_RATIO);
  assert.equal(n, 1267);
  const se = Math.sqrt((0.8 * 0.2) / sims);
  const power = ratioPower(n, 0.25, BIOEQUIVALENCE_RATIO, sims, "ratio-plan");
  assert.ok(power >= 0.8 - 3 * se, `power ${power} at n = ${n} (planned 0.8, Monte-Carlo SE ${se.toFixed(4)})`);
  const short = ratioPower(900, 0.25, BIOEQUIVALENCE_RATIO, sims, "ratio-plan-short");
  assert.ok(short < 0.8 - 3 * se, `power ${short} at n = 900`);
});

test("ratioEquivalenceRuns: a rate outside (0, 1) or a ratio ≤ 1 is an ArgumentError naming it", () => {
  assert.throws(() => ratioEquivalenceRuns(0, 1.25), /p must be a rate in \(0, 1\)/);
  assert.throws(() => ratioEquivalenceRuns(0.3, 0.8), /ratio must be above 1/);
});
