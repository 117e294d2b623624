/**
 * The library's one least-squares line (src/stats/regression): exact lines, the weighted fit against the unweighted
 * one on repeated points, the standard errors against the normal equations solved another way, and the 95 % interval's
 * coverage measured on simulated data with a tolerance from the binomial standard error.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lineFit, powerLaw } from "../../../src/stats/regression";
import { key, uniformSource } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";

test("lineFit: an exact line is recovered with zero residual; powerLaw recovers y = 3x² with ln 3 as intercept", () => {
  const f = lineFit([0, 1, 2, 3], [1, 3, 5, 7]);
  assert.equal(f.slope, 2);
  assert.equal(f.intercept, 1);
  assert.equal(f.residualSd, 0);
  assert.equal(f.df, 2);
  const p = powerLaw([1, 2, 4, 8], [3, 12, 48, 192]);
  assert.ok(Math.abs(p.exponent - 2) < 1e-14 && Math.abs(p.intercept - Math.log(3)) < 1e-14);
  assert.ok(Math.abs(p.predict(16).value - 768) < 1e-9);
});

test("lineFit: the slope's SE equals s·√[(XᵀX)⁻¹]₂₂ from the 2×2 normal equations, and the t interval uses n − 2", () => {
  const x = [1, 2, 4, 7, 9];
  const y = [2.1, 2.9, 5.2, 7.8, 10.4];
  const f = lineFit(x, y);
  const n = x.length;
  const Sx = x.reduce((a, b) => a + b, 0);
  const Sxx = x.reduce((a, b) => a + b * b, 0);
  const Sy = y.reduce((a, b) => a + b, 0);
  const Sxy = x.reduce((a, b, i) => a + b * y[i]!, 0);
  const det = n * Sxx - Sx * Sx;
  const slope = (n * Sxy - Sx * Sy) / det;
  const intercept = (Sxx * Sy - Sx * Sxy) / det;
  const rss = x.reduce((a, b, i) => a + (y[i]! - intercept - slope * b) ** 2, 0);
  const se = Math.sqrt((rss / (n - 2)) * (n / det));
  assert.ok(Math.abs(f.slope - slope) < 1e-12 && Math.abs(f.intercept - intercept) < 1e-12);
  assert.ok(Math.abs(f.se - se) < 1e-12, `${f.se} vs ${se}`);
  // t(0.975, 3) = 3.182446305284263 (R: qt(0.975, 3)).
  assert.ok(Math.abs(f.interval[1] - f.slope - 3.182446305284263 * f.se) < 1e-9);
});

test("lineFit: integer weights give the unweighted fit of the points repeated that many times; the SE is √(1/Σw(x − x̄)²)", () => {
  const x = [0, 1, 2, 3];
  const y = [0.5, 1.7, 2.2, 3.9];
  const w = [1, 3, 2, 4];
  const weighted = lineFit(x, y, { weights: w });
  const rx = x.flatMap((v, i) => Array<number>(w[i]!).fill(v));
  const ry = y.flatMap((v, i) => Array<number>(w[i]!).fill(v));
  const repeated = lineFit(rx, ry);
  assert.ok(Math.abs(weighted.slope - repeated.slope) < 1e-12);
  assert.ok(Math.abs(weighted.intercept - repeated.intercept) < 1e-12);
  const W = 10;
  const mx = (0 * 1 + 1 * 3 + 2 * 2 + 3 * 4) / W;
  const sxx = w.reduce((a, wi, i) => a + wi * (x[i]! - mx) ** 2, 0);
  assert.ok(Math.abs(weighted.se - Math.sqrt(1 / sxx)) < 1e-15);
  assert.equal(weighted.df, Infinity);
  // Two points suffice when the variances are known.
  assert.ok(Math.abs(lineFit([0, 1], [1, 3], { weights: [4, 4] }).se - Math.SQRT1_2) < 1e-15);
});

test("lineFit: the 95 % interval covers the true slope at its level, unweighted and weighted (2000 data sets each)", () => {
  const u = uniformSource(key(20261126));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const x = [0, 1, 2, 3, 4, 5];
  const sigma = [0.2, 0.5, 0.3, 1, 0.4, 0.8];
  const sets = 2000;
  let coveredPlain = 0;
  let coveredWeighted = 0;
  for (let s = 0; s < sets; s++) {
    const yPlain = x.map((v) => 1 + 0.5 * v + 0.3 * gauss());
    const yHetero = x.map((v, i) => 1 + 0.5 * v + sigma[i]! * gauss());
    const p = lineFit(x, yPlain);
    const w = lineFit(x, yHetero, { weights: sigma.map((v) => 1 / v ** 2) });
    if (p.interval[0] <= 0.5 && 0.5 <= p.interval[1]) coveredPlain++;
    if (w.interval[0] <= 0.5 && 0.5 <= w.interval[1]) coveredWeighted++;
  }
  // Binomial SE of a 0.95 share over 2000 sets: √(0.95·0.05/2000) = 0.0049; four of them either side.
  const tolerance = 4 * Math.sqrt((0.95 * 0.05) / sets);
  for (const [name, covered] of [
    ["unweighted", coveredPlain],
    ["weighted", coveredWeighted],
  ] as const)
    assert.ok(Math.abs(covered / sets - 0.95) < tolerance, `${name}: ${covered}/${sets} covered`);
});

test("lineFit and powerLaw: too few points, unequal lengths, bad weights, one x and non-positive values are ArgumentErrors", () => {
  assert.throws(
    () => lineFit([1, 2], [1, 2]),
    (e: unknown) => e instanceof ArgumentError && /at least 3/.test(e.message),
  );
  assert.throws(() => lineFit([1, 2, 3], [1, 2]), ArgumentError);
  assert.throws(() => lineFit([1, 2, 3], [1, 2, 3], { weights: [1, 0, 1] }), /positive finite inverse variances/);
  assert.throws(() => lineFit([2, 2, 2], [1, 2, 3]), /two distinct values/);
  assert.throws(() => lineFit([1, 2, Number.NaN], [1, 2, 3]), /finite x and y/);
  assert.throws(() => powerLaw([1, 2, 3], [1, 0, 3]), /positive N and y/);
});
