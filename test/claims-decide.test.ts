/**
 * The decision rules and the tests they rest on, against hand-computed values: a verdict is a function of the
 * numbers and their uncertainty, and each rule can give each of its findings.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { equivalenceTest, minimumDetectableEffect, normalInterval, runsForPower, twoProportionTest } from "../src/stats/tests";
import {
  allOf,
  beyond,
  difference,
  estimatesEqual,
  fact,
  rateBeyond,
  rates,
  ratesEqual,
  undecidable,
  verdictOf,
} from "../src/claims/decide";
import { measureContext } from "../src/claims/registry";
import { fold, key } from "../src/engine/random";

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("normalInterval: value ± 1.959964·se", () => {
  const [lo, hi] = normalInterval({ value: 1, se: 0.1 });
  close(lo, 1 - 0.1959964, 1e-6);
  close(hi, 1 + 0.1959964, 1e-6);
});

test("twoProportionTest: 16/60 vs 4/60 by hand (pooled z, Newcombe interval)", () => {
  const t = twoProportionTest(16, 60, 4, 60);
  // pooled p = 20/120 = 1/6; se = sqrt(1/6 · 5/6 · 2/60) = 0.0680414; z = 0.2 / 0.0680414 = 2.939388
  close(t.difference, 0.2, 1e-12);
  close(t.z, 2.939388, 1e-5);
  close(t.pValue, 0.0032894, 1e-5);
  assert.ok(t.interval[0] > 0.05 && t.interval[0] < 0.2 && t.interval[1] > 0.2 && t.interval[1] < 0.4, String(t.interval));
  const same = twoProportionTest(0, 10, 0, 10);
  assert.equal(same.z, 0);
  assert.equal(same.pValue, 1);
});

test("equivalenceTest: TOST inside and outside the margin; se = 0 decided by |value|", () => {
  assert.equal(equivalenceTest({ value: 0.01, se: 0.01 }, 0.05).equivalent, true);
  assert.equal(equivalenceTest({ value: 0.01, se: 0.05 }, 0.05).equivalent, false);
  assert.equal(equivalenceTest({ value: 0.06, se: 0 }, 0.05).equivalent, false);
  // one-sided p-values: Φ((0.01 − 0.05)/0.01) = Φ(−4) = 3.17e−5 for the upper side
  close(equivalenceTest({ value: 0.01, se: 0.01 }, 0.05).pValue, 3.167e-5, 1e-7);
});

test("minimumDetectableEffect and runsForPower: the textbook numbers", () => {
  close(minimumDetectableEffect(1), 1.959964 + 0.841621, 1e-5);
  // p̄ = 0.17: (1.959964·√(2·0.17·0.83) + 0.841621·√(0.27·0.73 + 0.07·0.93))² / 0.2² = 1.47214² / 0.04 = 54.18 → 55
  assert.equal(runsForPower(0.27, 0.07), 55);
});

test("decision rules: every finding reachable, mapped by one table", () => {
  assert.equal(verdictOf("supported"), "holds");
  assert.equal(verdictOf("refuted"), "fails");
  assert.equal(verdictOf("mixed"), "partly");
  assert.equal(verdictOf("inconclusive"), "partly");
  assert.equal(verdictOf("undecidable"), "untestable");
  assert.equal(beyond({ value: 1, se: 0.1 }, 0.5, "above", "x", []).verdict, "holds");
  assert.equal(beyond({ value: 0.2, se: 0.1 }, 0.5, "above", "x", []).verdict, "fails");
  assert.equal(beyond({ value: 0.5, se: 0.1 }, 0.5, "above", "x", []).verdict, "partly");
  assert.equal(difference({ value: 0.3, se: 0.1 }, "positive", 0.05, "d", []).verdict, "holds");
  assert.equal(difference({ value: -0.3, se: 0.1 }, "positive", 0.05, "d", []).verdict, "fails");
  assert.equal(difference({ value: 0.001, se: 0.01 }, "positive", 0.05, "d", []).verdict, "fails"); // negligible
  const unclear = difference({ value: 0.05, se: 0.1 }, "positive", 0.05, "d", []);
  assert.equal(unclear.verdict, "partly");
  assert.match(unclear.finding, /^inconclusive: .*minimum detectable effect 0\.28/);
  assert.equal(rates({ k: 16, n: 60 }, { k: 4, n: 60 }, "greater", 0.05, "r", []).verdict, "holds");
  assert.equal(rates({ k: 4, n: 60 }, { k: 16, n: 60 }, "greater", 0.05, "r", []).verdict, "fails");
  assert.equal(rates({ k: 500, n: 1000 }, { k: 505, n: 1000 }, "greater", 0.05, "r", []).verdict, "fails"); // within the margin
  assert.equal(rates({ k: 5, n: 20 }, { k: 3, n: 20 }, "greater", 0.05, "r", []).verdict, "partly");
  assert.equal(ratesEqual({ k: 0, n: 165 }, { k: 0, n: 165 }, 0.1, "r", []).verdict, "holds"); // equivalent
  assert.equal(ratesEqual({ k: 30, n: 165 }, { k: 6, n: 165 }, 0.1, "r", []).verdict, "fails"); // an effect
  assert.equal(ratesEqual({ k: 3, n: 20 }, { k: 1, n: 20 }, 0.1, "r", []).verdict, "partly"); // too few runs
  assert.equal(estimatesEqual({ value: 0.01, se: 0.01 }, 0.05, "e", []).verdict, "holds"); // equivalent
  assert.equal(estimatesEqual({ value: 0.2, se: 0.04 }, 0.05, "e", []).verdict, "fails"); // a difference
  assert.equal(estimatesEqual({ value: 0.02, se: 0.05 }, 0.05, "e", []).verdict, "partly"); // too uncertain
  assert.equal(fact(true, "f", []).verdict, "holds");
  assert.equal(undecidable("no observable", []).verdict, "untestable");
  const h = fact(true, "a", []);
  const f = fact(false, "b", []);
  assert.equal(allOf([h, h], "both").verdict, "holds");
  assert.equal(allOf([f, f], "both").verdict, "fails");
  assert.equal(allOf([h, f], "both").verdict, "partly");
});

test("measureContext: seed 0, replicate 0 keeps key(s); any other seed or replicate changes every stream", () => {
  assert.deepEqual(measureContext(0, 0).key(41), key(41));
  assert.deepEqual(measureContext(3, 0).key(41), fold(fold(key(41), 3), 0));
  assert.notDeepEqual(measureContext(0, 1).key(41), key(41));
  assert.notDeepEqual(measureContext(1, 0).key(41), measureContext(0, 1).key(41));
});

test("estimatesEqual: equivalent holds, a shown difference fails, too uncertain is partly (as on claims-b)", () => {
  assert.equal(estimatesEqual({ value: 0.01, se: 0.01 }, 0.05, "e", []).verdict, "holds"); // equivalent
  assert.equal(estimatesEqual({ value: 0.2, se: 0.04 }, 0.05, "e", []).verdict, "fails"); // a difference
  assert.equal(estimatesEqual({ value: 0.02, se: 0.05 }, 0.05, "e", []).verdict, "partly"); // too uncertain
});

test("rateBeyond: decided by the Wilson interval, also at k = n and k = 0", () => {
  assert.equal(rateBeyond(16, 16, 0.5, "above", "x", []).verdict, "holds"); // Wilson [0.81, 1]
  assert.equal(rateBeyond(9, 16, 0.5, "above", "x", []).verdict, "partly"); // [0.33, 0.77] straddles ½
  assert.equal(rateBeyond(1, 16, 0.5, "above", "x", []).verdict, "fails");
  assert.equal(rateBeyond(0, 400, 0.01, "below", "x", []).verdict, "holds"); // upper 0.0095
  assert.equal(rateBeyond(0, 100, 0.01, "below", "x", []).verdict, "partly"); // upper 0.037: 100 runs cannot show < 1 %
});
