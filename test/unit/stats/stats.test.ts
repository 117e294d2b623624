/** The statistics floor (src/stats): one median/quantile, checked against hand-computed order statistics. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mean, median, medianInterval, quantile, variance } from "../../../src/stats/summary";
import { ArgumentError } from "../../../src/errors";

test("median takes the middle value, or the mean of the two middle values, of an unsorted sample", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([3, 1, 2, 10]), 2.5);
  assert.equal(median(Float64Array.of(7)), 7);
  const input = [4, 2, 9];
  median(input);
  assert.deepEqual(input, [4, 2, 9], "the sample is not sorted in place");
});

test("quantile interpolates between order statistics at (n − 1)·p (numpy's default)", () => {
  const x = [10, 40, 20, 30, 50];
  assert.equal(quantile(x, 0), 10);
  assert.equal(quantile(x, 1), 50);
  assert.equal(quantile(x, 0.5), median(x));
  assert.equal(quantile(x, 0.25), 20);
  // (n − 1)·p = 4·0.1 = 0.4: 10 + 0.4·(20 − 10).
  assert.ok(Math.abs(quantile(x, 0.1) - 14) < 1e-12);
  // Even n: (n − 1)·p = 3·0.5 = 1.5 → midway between the 2nd and 3rd values, as the median.
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([8], 0.3), 8);
});

test("mean and unbiased variance of a small sample", () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  assert.ok(Math.abs(variance([1, 2, 3, 4]) - 5 / 3) < 1e-12);
});

test("an empty sample or a probability outside [0, 1] is an ArgumentError naming the argument", () => {
  assert.throws(
    () => median([]),
    (e: unknown) => e instanceof ArgumentError && /values/.test(e.message),
  );
  assert.throws(
    () => quantile([1, 2], 1.5),
    (e: unknown) => e instanceof ArgumentError && /\[0, 1\]/.test(e.message),
  );
  assert.throws(() => quantile([1, 2], Number.NaN), ArgumentError);
});

test("medianInterval: the order statistics of a distribution-free interval, and its coverage measured on exponential samples", () => {
  assert.deepEqual(medianInterval([5, 1, 9, 3, 7, 2, 8, 4, 6]), { interval: [2, 8], coverage: 1 - 2 * (10 / 512) });
  assert.deepEqual(medianInterval([3, 1, 2, 6, 5, 4]).interval, [1, 6]); // n = 6: the smallest sample that reaches 95 %
  assert.throws(
    () => medianInterval([1, 2, 3, 4, 5]),
    (e) => e instanceof ArgumentError && /at least 6 values/.test(e.message),
  );
  // Coverage: 4000 samples of 9 exponential draws (median ln 2) from a fixed LCG; the share of intervals holding ln 2
  // is the stated coverage within 4 binomial standard errors.
  let state = 12345;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const samples = 4000;
  let held = 0;
  for (let i = 0; i < samples; i++) {
    const { interval } = medianInterval(Array.from({ length: 9 }, () => -Math.log(uniform())));
    if (interval[0] <= Math.LN2 && Math.LN2 <= interval[1]) held++;
  }
  const coverage = 1 - 2 * (10 / 512);
  const se = Math.sqrt((coverage * (1 - coverage)) / samples);
  assert.ok(Math.abs(held / samples - coverage) < 4 * se, `${held}/${samples} vs ${coverage}`);
});
