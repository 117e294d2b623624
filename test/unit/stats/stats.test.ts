/** The statistics floor (src/stats): one median/quantile, checked against hand-computed order statistics. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mean, median, quantile, variance } from "../../../src/stats/summary";
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
