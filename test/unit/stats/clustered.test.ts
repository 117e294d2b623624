/**
 * Rates over runs that share networks (src/stats/clustered): the design effect and ICC against hand-computed cases,
 * and the interval's coverage measured on a cluster sample with a known rate and a known intraclass correlation,
 * beside the plain Wilson interval that treats every run as independent (and must miss).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { clusteredMean, clusteredProportion, designEffectOf, intraclassCorrelation, type Block } from "../../../src/stats/clustered";
import { wilson } from "../../../src/stats/binomial";
import { twoProportionTest } from "../../../src/stats/tests";
import { key, fold, uniformSource } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";

test("design effect and ICC: all-or-none networks are worth one run each; equal blocks are below chance", () => {
  const allOrNone: Block[] = [
    { k: 8, n: 8 },
    { k: 0, n: 8 },
    { k: 8, n: 8 },
    { k: 0, n: 8 },
  ];
  const p = clusteredProportion(allOrNone);
  // Residuals k_b − p̂n_b = ±4: robust variance (4/3)·64/32² = 1/12 against the binomial ¼/32: deff = 32/3.
  assert.equal(p.k, 16);
  assert.equal(p.n, 32);
  assert.ok(Math.abs(p.designEffect - 32 / 3) < 1e-12, String(p.designEffect));
  assert.ok(Math.abs(p.effectiveRuns - 3) < 1e-12);
  assert.equal(p.networks, 4);
  assert.ok(Math.abs(intraclassCorrelation(allOrNone) - 1) < 1e-12);
  const even = [4, 4, 4, 4].map((k) => ({ k, n: 8 }));
  // MSB = 0, MSW = 16/28: ρ = −(4/7)/(7·4/7) = −1/7; the design effect is floored at 1.
  assert.ok(Math.abs(intraclassCorrelation(even) + 1 / 7) < 1e-12);
  assert.equal(clusteredProportion(even).designEffect, 1);
  // At the floor the robust variance is 0 and says nothing: deff 1, Wilson's interval at n.
  const none = clusteredProportion([0, 0, 0].map((k) => ({ k, n: 10 })));
  assert.equal(none.designEffect, 1);
  assert.ok(Math.abs(none.upper - wilson(0, 30).upper) < 1e-12);
  assert.ok(Math.abs(designEffectOf(8, 0.1) - 1.7) < 1e-12);
  assert.equal(designEffectOf(8, -0.2), 1);
  assert.throws(() => clusteredProportion([{ k: 1, n: 2 }]), ArgumentError);
  assert.throws(
    () =>
      clusteredProportion([
        { k: 3, n: 2 },
        { k: 0, n: 2 },
      ]),
    ArgumentError,
  );
});

test("clustered mean: the ratio estimator and its between-network SE on B − 1 df", () => {
  const m = clusteredMean([
    { sum: 10, count: 5 },
    { sum: 4, count: 4 },
    { sum: 9, count: 3 },
  ]);
  // ȳ = 23/12; residuals 10 − 5ȳ, 4 − 4ȳ, 9 − 3ȳ; SE = √(3/2 · Σ r²)/12.
  const y = 23 / 12;
  const se = Math.sqrt(1.5 * ((10 - 5 * y) ** 2 + (4 - 4 * y) ** 2 + (9 - 3 * y) ** 2)) / 12;
  assert.ok(Math.abs(m.value - y) < 1e-12);
  assert.ok(Math.abs(m.se - se) < 1e-12);
  assert.equal(m.df, 2);
});

test("two proportions at design effects 1 are the plain test; at deff d every variance is d times larger", () => {
  const plain = twoProportionTest(16, 60, 4, 60);
  const same = twoProportionTest(16, 60, 4, 60, 0.95, [1, 1]);
  assert.deepEqual(same, plain);
  const clustered = twoProportionTest(16, 60, 4, 60, 0.95, [2, 2]);
  assert.ok(Math.abs(clustered.se - plain.se * Math.SQRT2) < 1e-12);
  assert.ok(Math.abs(clustered.z - plain.z / Math.SQRT2) < 1e-12);
  assert.ok(clustered.interval[0] < plain.interval[0] && clustered.interval[1] > plain.interval[1]);
  assert.throws(() => twoProportionTest(1, 2, 1, 2, 0.95, [0.5, 1]), ArgumentError);
});

/**
 * A cluster sample with a known law: each of B networks draws its own rate from Beta(a, b) (mean μ = a/(a + b), ICC
 * ρ = 1/(a + b + 1)), then m runs at that rate. 400 samples; the 95 % interval's coverage has SE √(0.95·0.05/400) =
 * 0.011, so a correct interval covers μ in at least 0.95 − 3·0.011 = 0.917 of them.
 */
test("coverage: Wilson at n/deff covers a clustered rate at its level; plain Wilson over the runs does not", () => {
  const random = uniformSource(fold(key(2026), 11));
  // Beta(a, b) with integer a, b as the a-th order statistic of a + b − 1 uniforms.
  const beta = (a: number, b: number) => {
    const u = Array.from({ length: a + b - 1 }, () => random()).sort((x, y) => x - y);
    return u[a - 1]!;
  };
  const [a, b] = [2, 8]; // μ = 0.2, ρ = 1/11 ≈ 0.09 (the pilot's largest ICC was 0.08)
  const mu = a / (a + b);
  const [networks, perNetwork, samples] = [60, 8, 400];
  let clusteredCovers = 0;
  let plainCovers = 0;
  for (let s = 0; s < samples; s++) {
    const blocks = Array.from({ length: networks }, () => {
      const rate = beta(a, b);
      let k = 0;
      for (let r = 0; r < perNetwork; r++) if (random() < rate) k++;
      return { k, n: perNetwork };
    });
    const c = clusteredProportion(blocks);
    const w = wilson(c.k, c.n);
    if (c.lower <= mu && mu <= c.upper) clusteredCovers++;
    if (w.lower <= mu && mu <= w.upper) plainCovers++;
  }
  const floor = 0.95 - 3 * Math.sqrt((0.95 * 0.05) / samples);
  assert.ok(clusteredCovers / samples >= floor, `clustered coverage ${clusteredCovers}/${samples} below ${floor}`);
  // The design effect is 1 + 7/11 ≈ 1.64: the plain interval is √1.64 ≈ 1.28 times too narrow, covering about 0.88.
  assert.ok(plainCovers / samples < floor, `plain Wilson covered ${plainCovers}/${samples}: the test cannot tell the two apart`);
});
