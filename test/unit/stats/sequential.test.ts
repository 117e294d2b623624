/**
 * Tests on runs decided by the group-sequential design (src/stats/sequential; its boundaries are tested in
 * group-sequential.test.ts): its operating characteristics by simulation at a fixed seed, with the same check
 * rejecting repeated testing at the fixed design's critical value, and its decisions on runs as they accrue.
 *
 * Simulation sizes: each check draws R = 10 000 cells of the design's maximum runs twice (at the margin, at the planned
 * effect), under a second of CPU. The type I error is held to α + 3·√(α(1 − α)/R) = 0.0297 at α = 0.025 (SE 0.0016):
 * the designs below measure 0.018 to 0.027, and repeated testing at z₀.₉₇₅ at four looks 0.039 to 0.072 (gsDesign's
 * exact value for a normal statistic is 0.063), 6 to 27 SE above the bound. The power is compared with the fixed
 * design's on the same runs: their paired difference has an SE of 0.0005 to 0.002, so 0.02 − 3 SE still separates
 * a loss of 0.02 from chance. The designs lose −0.002 to 0.020: the normal statistics about 0.01 (the integration's
 * 0.008 for the efficacy boundary alone), the rate against ½ the most, 0.016 to 0.020 over seeds 72, 1, 2 and 400 to
 * 500 runs, as its Z moves in steps of 0.1 and b₄ = 2.014 can fall one step above 1.96 (at 401 runs the fixed design
 * loses 0.008 to the sequential one instead).
 *
 * Two arms (a run is a pair of 0/1 outcomes, p_a − p_b against a margin, or within ±margin), at the pooled variance:
 * type I error 0.023, 0.022, 0.021 (and a false refutation 0.021, 0.026, 0.026), power 0.804, 0.805, 0.784 against
 * the fixed design's 0.809, 0.819, 0.796; the fixed critical value at every look 0.059, 0.060, 0.041. A limit, measured
 * (not a test): with 40 to 60 runs per arm at rates near 0.05, a false refutation at the margin is 0.033 to 0.035 at
 * either variance, above the bound: the normal approximation, not the variance, so a cell wired to this design needs
 * arms away from a floor or more runs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  type RunOutcome,
  type SequentialDesign,
  checkOperatingCharacteristics,
  decideSequentially,
  sequentialDesign,
} from "../../../src/stats/sequential";
import { normalQuantile } from "../../../src/stats/tests";
import { key } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";

/** The fixed critical value at every look, and no futility stop before the last: repeated testing, the naive design. */
function naive(d: SequentialDesign): SequentialDesign {
  const z = normalQuantile(1 - d.boundaries.alpha);
  const last = d.runsAt.length - 1;
  return {
    ...d,
    boundaries: {
      ...d.boundaries,
      efficacy: d.boundaries.efficacy.map(() => z),
      futility: d.boundaries.futility.map((a, k) => (k < last ? -Infinity : a)),
    },
  };
}

const normal = (u: () => number) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

/** The rate at which the fixed design's statistic (at the larger of the two variances) has drift η at n runs. */
function rateEffect(margin: number, drift: number, n: number): number {
  let p = margin;
  for (let i = 0; i < 100; i++) p = margin + drift * Math.sqrt(Math.max(p * (1 - p), margin * (1 - margin)) / n);
  return p;
}

/** A run of two arms: arm a's outcome at rate `pa`, arm b's at `pb`. */
const pair =
  (pa: number, pb: number) =>
  (u: () => number): RunOutcome => [u() < pa ? 1 : 0, u() < pb ? 1 : 0];

/** Arm a's rate at which the pooled Z of p_a − p_b against `margin` (arm b at `pb`, n runs per arm) has drift η. */
function pairEffect(margin: number, pb: number, drift: number, n: number): number {
  let pa = pb + margin;
  for (let i = 0; i < 100; i++) {
    const p = (pa + pb) / 2;
    pa = pb + margin + drift * Math.sqrt(Math.max(2 * p * (1 - p), Math.abs(margin) * (1 - Math.abs(margin))) / n);
  }
  return pa;
}

const R = 10_000;

const cases: {
  name: string;
  design: SequentialDesign;
  atMargin: (u: () => number) => RunOutcome;
  atEffect: (u: () => number) => RunOutcome;
}[] = (() => {
  const rate = sequentialDesign({ kind: "rate", margin: 0.1 }, 400);
  const p1 = rateEffect(0.1, rate.boundaries.drift, 400);
  const half = sequentialDesign({ kind: "rate", margin: 0.5 }, 400);
  const h1 = rateEffect(0.5, half.boundaries.drift, 400);
  const mean = sequentialDesign({ kind: "mean", margin: 0.2 }, 200);
  const m1 = 0.2 + mean.boundaries.drift / Math.sqrt(200);
  // Equivalence within ±0.25 of sd-1 runs, planned as the claims plan one (claims/machinery/runs-to-decide equivalenceRuns):
  // power 0.9 per side, 0.25·√n = z₀.₉₇₅ + z₀.₉ at n = 169, so TOST's power is 0.8. (At 0.8 per side, n = 126, TOST's
  // power is 0.6 and the efficacy boundary alone costs 0.026 of it: measured, and said in docs/verdicts.md.)
  const eq = sequentialDesign({ kind: "equivalence", margin: 0.25 }, 169, { power: 0.9 });
  // Two arms (a run is a pair): a difference of rates beyond +0.1 (0.4 against 0.3 on the margin), and beyond −0.1
  // ("below", 0.2 against 0.3), 400 and 200 runs per arm; rates equal within ±0.1 at ½, planned as an equivalence at
  // power 0.9 per side: 0.1·√n = (z₀.₉₇₅ + z₀.₉)·√(2·¼) at n = 526. The effect: the rate whose pooled Z has the drift.
  const diff = sequentialDesign({ kind: "difference", margin: 0.1 }, 400);
  const d1 = pairEffect(0.1, 0.3, diff.boundaries.drift, 400);
  const below = sequentialDesign({ kind: "difference", margin: -0.1, direction: "below" }, 200);
  const b1 = pairEffect(-0.1, 0.3, -below.boundaries.drift, 200);
  const equal = sequentialDesign({ kind: "equal-rates", margin: 0.1 }, 526, { power: 0.9 });
  return [
    { name: "a difference of rates against +0.1", design: diff, atMargin: pair(0.4, 0.3), atEffect: pair(d1, 0.3) },
    { name: "a difference of rates against −0.1, below", design: below, atMargin: pair(0.2, 0.3), atEffect: pair(b1, 0.3) },
    { name: "two rates equal within ±0.1", design: equal, atMargin: pair(0.55, 0.45), atEffect: pair(0.5, 0.5) },
    { name: "a rate against 0.1", design: rate, atMargin: (u) => (u() < 0.1 ? 1 : 0), atEffect: (u) => (u() < p1 ? 1 : 0) },
    { name: "a rate against ½", design: half, atMargin: (u) => (u() < 0.5 ? 1 : 0), atEffect: (u) => (u() < h1 ? 1 : 0) },
    { name: "a mean against 0.2", design: mean, atMargin: (u) => 0.2 + normal(u), atEffect: (u) => m1 + normal(u) },
    { name: "an equivalence within ±0.25", design: eq, atMargin: (u) => 0.25 + normal(u), atEffect: (u) => normal(u) },
  ];
})();

for (const c of cases) {
  test(`${c.name}: type I error ≤ α and power ≥ the fixed design's − 0.02, by simulation at seed 72`, () => {
    const oc = checkOperatingCharacteristics(c.design, c.atMargin, c.atEffect, R, key(72));
    assert.ok(oc.passes, oc.failures.join("; "));
    assert.ok(oc.meanRuns.atMargin < c.design.maxRuns && oc.meanRuns.atEffect < c.design.maxRuns, "it stops early on average");
  });

  test(`${c.name}: the same check rejects the fixed critical value at every look`, () => {
    const oc = checkOperatingCharacteristics(naive(c.design), c.atMargin, c.atEffect, R, key(72));
    assert.equal(oc.passes, false);
    assert.match(oc.failures.join("; "), /type I error/);
  });

  // As the claims' cells decide (src/claims/machinery/sequential-cell): a stop against the claim is a refutation at Z ≤ −b_k.
  test(`${c.name}, stopping against only where refuted: type I error and false refutation ≤ α, power as above`, () => {
    const oc = checkOperatingCharacteristics(c.design, c.atMargin, c.atEffect, R, key(72), { refute: true });
    assert.ok(oc.passes, oc.failures.join("; "));
    assert.ok(oc.refuted !== undefined && oc.refuted.rate <= oc.refuted.bound);
    const fixed = checkOperatingCharacteristics(naive(c.design), c.atMargin, c.atEffect, R, key(72), { refute: true });
    assert.match(fixed.failures.join("; "), /type I error/);
  });
}

test("a cell far from its margin stops at the first look, for or against; one near it goes on", () => {
  const d = sequentialDesign({ kind: "rate", margin: 0.1 }, 400);
  assert.deepEqual(d.runsAt, [100, 200, 300, 400]);
  const none = decideSequentially(d, new Array<number>(400).fill(0));
  assert.equal(none.decision, "against");
  assert.equal(none.look, 1);
  assert.equal(none.runs, 100);
  const all = decideSequentially(d, new Array<number>(400).fill(1));
  assert.deepEqual([all.decision, all.look, all.runs], ["for", 1, 100]);
  // 12 % against 0.1 throughout: not decided at 400 runs; the runs at the effect seen would decide it.
  const near = Array.from({ length: 400 }, (_, i) => (i % 25 < 3 ? 1 : 0));
  const out = decideSequentially(d, near);
  assert.equal(out.decision, "undecided");
  assert.equal(out.look, 4);
  assert.equal(out.runs, 400);
  assert.ok(out.runsToDecide! > 400, `runs to decide ${out.runsToDecide}`);
});

test("a callback measures batch by batch and is not called after the test stops", () => {
  const d = sequentialDesign({ kind: "mean", margin: 0 }, 40);
  const asked: [number, number][] = [];
  const out = decideSequentially(d, (look, runs) => {
    asked.push([look, runs]);
    return Array.from({ length: runs }, (_, i) => 5 + (i % 2));
  });
  assert.deepEqual(asked, [[1, 10]]);
  assert.deepEqual([out.decision, out.look, out.runs], ["for", 1, 10]);
});

test("an equivalence stops both ways: inside the margin for it, well outside against it", () => {
  const d = sequentialDesign({ kind: "equivalence", margin: 0.5 }, 200);
  const inside = decideSequentially(
    d,
    Array.from({ length: 200 }, (_, i) => (i % 2 ? 0.1 : -0.1)),
  );
  assert.deepEqual([inside.decision, inside.look], ["for", 1]);
  const outside = decideSequentially(
    d,
    Array.from({ length: 200 }, (_, i) => 2 + (i % 2 ? 0.1 : -0.1)),
  );
  assert.deepEqual([outside.decision, outside.look], ["against", 1]);
});

test("one key, the same characteristics twice; another key, other draws", () => {
  const d = sequentialDesign({ kind: "mean", margin: 0 }, 40);
  const atEffect = (u: () => number) => normal(u) + d.boundaries.drift / Math.sqrt(40);
  const once = checkOperatingCharacteristics(d, normal, atEffect, 200, key(5));
  assert.deepEqual(checkOperatingCharacteristics(d, normal, atEffect, 200, key(5)), once);
  assert.notDeepEqual(checkOperatingCharacteristics(d, normal, atEffect, 200, key(6)), once);
});

test("bad input is an ArgumentError naming the argument and its range", () => {
  const named = (name: string) => (e: unknown) => e instanceof ArgumentError && e.argument === name;
  assert.throws(() => sequentialDesign({ kind: "rate", margin: 1.2 }, 400), named("test.margin"));
  assert.throws(() => sequentialDesign({ kind: "mean", margin: 0 }, 400, { looks: 3 }), named("looks"));
  assert.throws(() => sequentialDesign({ kind: "mean", margin: 0 }, 6), named("maxRuns"));
  const d = sequentialDesign({ kind: "rate", margin: 0.1 }, 400);
  assert.throws(() => decideSequentially(d, [0, 1, 2]), named("outcomes"));
  assert.throws(() => decideSequentially(d, () => [1]), named("measure"));
});

test("two arms: the pooled variance, never below the unpooled one, keeps the level with more room (seed 72)", () => {
  // At 0.2 against 0.05 with 40 runs per arm, and 0.4 against 0.3 with 400: the unpooled variance, read from arms'
  // own rates, is the smaller one where an arm's runs are few or its rate low, and its type I error is the larger.
  for (const [margin, pb, n] of [
    [0.15, 0.05, 40],
    [0.1, 0.3, 400],
  ] as const) {
    const oc = (variance: "pooled" | "unpooled") => {
      const d = sequentialDesign({ kind: "difference", margin, variance }, n);
      return checkOperatingCharacteristics(d, pair(pb + margin, pb), pair(pb + margin, pb), R, key(72));
    };
    const [pooled, unpooled] = [oc("pooled"), oc("unpooled")];
    assert.ok(pooled.typeOne.rate <= unpooled.typeOne.rate, `${pooled.typeOne.rate} > ${unpooled.typeOne.rate}`);
    assert.ok(pooled.typeOne.rate <= pooled.typeOne.bound);
  }
});

test("two arms decide pair by pair: far from the margin at the first look, a refutation where Z passes −b_k; an equivalence", () => {
  const d = sequentialDesign({ kind: "difference", margin: 0.1 }, 400);
  const apart = decideSequentially(
    d,
    Array.from({ length: 400 }, (): RunOutcome => [1, 0]),
  );
  assert.deepEqual([apart.decision, apart.look, apart.runs], ["for", 1, 100]);
  // Equal halves: Z = −0.1/√(2·¼/n), −1.41 at 100 pairs and −2.45 at 300, past −b₃ = −2.36: refuted at look 3.
  const same = decideSequentially(
    d,
    Array.from({ length: 400 }, (_, i): RunOutcome => [i % 2, i % 2]),
    { refute: true },
  );
  assert.deepEqual([same.decision, same.look], ["against", 3]);
  const e = sequentialDesign({ kind: "equal-rates", margin: 0.2 }, 400);
  const equal = decideSequentially(
    e,
    Array.from({ length: 400 }, (_, i): RunOutcome => [i % 2, (i + 1) % 2]),
  );
  // Both arms at ½: each side's Z = 0.2/√(2·¼/n), 2.83 at 100 pairs and 4.0 at 200, past b₂ = 2.96: equal at look 2.
  assert.deepEqual([equal.decision, equal.look], ["for", 2]);
  const named = (name: string) => (err: unknown) => err instanceof ArgumentError && err.argument === name;
  assert.throws(() => decideSequentially(d, new Array<number>(400).fill(1)), named("outcomes"));
  assert.throws(() => sequentialDesign({ kind: "difference", margin: 1 }, 400), named("test.margin"));
  assert.throws(() => sequentialDesign({ kind: "equal-rates", margin: 0.1, variance: "both" as "pooled" }, 400), named("test.variance"));
});
