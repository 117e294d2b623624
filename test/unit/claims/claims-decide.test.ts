/**
 * The decision rules and the tests they rest on, against hand-computed values: a verdict is a function of the
 * numbers and their uncertainty, and each rule can give each of its findings.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { equivalenceTest, minimumDetectableEffect, normalInterval, runsForPower, twoProportionTest } from "../../../src/stats/tests";
import {
  noFall,
  beyond,
  conjunction,
  everyCase,
  gridReading,
  isDecided,
  difference,
  estimatesEqual,
  fact,
  FactPartError,
  isFact,
  noViolation,
  rateBeyond,
  rates,
  ratesEqual,
  ratesRatioEqual,
  markOneWay,
  undecidable,
  verdictOf,
} from "../../../src/claims/machinery/decide";
import { ONE_WAY_MARK } from "../../../src/claims/machinery/combine";
import { measureContext } from "../../../src/claims/machinery/registry";
import { cellLabel, cellsOf, decidedBy, gridUnder, gridVerdict } from "../../../src/claims/machinery/grid";
import { runsText, runsToBoundZero } from "../../../src/claims/machinery/runs-to-decide";
import { holm, tInterval, tQuantile } from "../../../src/stats/inference";
import { powerLaw } from "../../../src/stats/regression";
import { fold } from "../../../src/engine/random";
import type { Cell, Reading, Verdict } from "../../../src/claims/machinery/types";

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

test("decision rules: every finding reachable, mapped by one table (five verdicts, no partly)", () => {
  assert.equal(verdictOf("supported"), "holds");
  assert.equal(verdictOf("refuted"), "fails");
  assert.equal(verdictOf("mixed"), "mixed");
  assert.equal(verdictOf("inconclusive"), "inconclusive");
  assert.equal(verdictOf("undecidable"), "untestable");
  assert.equal(beyond({ value: 1, se: 0.1 }, 0.5, "above", "x", []).verdict, "holds");
  assert.equal(beyond({ value: 0.2, se: 0.1 }, 0.5, "above", "x", []).verdict, "fails");
  const straddles = beyond({ value: 0.5, se: 0.1 }, 0.4, "above", "x", [], 20);
  assert.equal(straddles.verdict, "inconclusive");
  // MDE = (1.95996 + 0.84162)·0.1 = 0.28016 against the distance 0.1. No margin is fixed in advance, so no
  // runsToDecide (sign-off N6: it was 20·(0.28016/0.1)² = 157, the power against the distance seen); the runs at the
  // distance seen: 1.959964·SE < 0.1 at 20·(1.959964·0.1/0.1)² = 76.83 → 77.
  close(straddles.finding.mde!, 0.28016, 1e-4);
  // No margin around the threshold (fifth-edition referee): 0, and the distance under its own name.
  assert.equal(straddles.finding.margin, 0);
  close(straddles.finding.distance!, 0.1, 1e-12);
  assert.equal(straddles.finding.threshold, 0.4);
  assert.equal(straddles.finding.runsToDecide, undefined);
  assert.equal(straddles.finding.runsAtObserved, 77);
  assert.equal(straddles.finding.runsUnit, undefined);
  assert.equal(difference({ value: 0.3, se: 0.05 }, "positive", 0.05, "d", []).verdict, "holds"); // [0.202, 0.398] beyond +0.05
  assert.equal(difference({ value: -0.3, se: 0.1 }, "positive", 0.05, "d", []).verdict, "fails");
  assert.equal(difference({ value: 0.001, se: 0.01 }, "positive", 0.05, "d", []).verdict, "fails"); // negligible
  // Runs at the effect seen (the internal review's e-finality-diffuses point): 0.12 ± 0.03 against +0.1 from 44 runs
  // straddles; support needs 1.959964·SE < 0.02, i.e. 44·(1.959964·0.03/0.02)² = 44·8.6433 = 380.3 → 381 runs. The
  // plan is met (MDE 0.084 ≤ 0.1), so no planned count: 44·(2.801585·0.03/0.1)² = 31.08 → 32 would be fewer runs
  // than were made (the fourth review's e-finality-diffuses point).
  const seen = difference({ value: 0.12, se: 0.03 }, "positive", 0.1, "d", [], 44);
  assert.equal(seen.verdict, "inconclusive");
  assert.equal(seen.finding.runsAtObserved, 381);
  assert.equal(seen.finding.runsToDecide, undefined);
  // Inside the margin the effect seen would be decided by TOST: 0.05 ± 0.04 within ±0.1 at 100 runs,
  // 100·(1.644854·0.04/0.05)² = 100·1.731548 = 173.15 → 174.
  const inside = estimatesEqual({ value: 0.05, se: 0.04 }, 0.1, "e", [], 100);
  assert.equal(inside.verdict, "inconclusive");
  assert.equal(inside.finding.runsAtObserved, 174);
  // The total a user would launch reads the 95 % interval the rule decides on, 1.96 within the margin too (twenty-ninth
  // edition): 100·(1.959964·0.04/0.05)² = 245.86 → 246, one arm.
  assert.equal(inside.finding.totalRunsAtObserved, 246);
  assert.equal(seen.finding.totalRunsAtObserved, 381);
  assert.equal(straddles.finding.totalRunsAtObserved, 77);
  // On the margin itself no number of runs decides: the field is absent.
  assert.equal(difference({ value: 0.1, se: 0.03 }, "positive", 0.1, "d", [], 44).finding.runsAtObserved, undefined);
  const unclear = difference({ value: 0.05, se: 0.1 }, "positive", 0.05, "d", []);
  assert.equal(unclear.verdict, "inconclusive");
  assert.match(unclear.finding.text, /MDE 0\.28/);
  assert.equal(rates({ k: 16, n: 60 }, { k: 4, n: 60 }, "greater", 0.05, "r", []).verdict, "holds");
  assert.equal(rates({ k: 4, n: 60 }, { k: 16, n: 60 }, "greater", 0.05, "r", []).verdict, "fails");
  assert.equal(rates({ k: 500, n: 1000 }, { k: 505, n: 1000 }, "greater", 0.05, "r", []).verdict, "fails"); // within the margin
  const fewRates = rates({ k: 5, n: 20 }, { k: 3, n: 20 }, "greater", 0.05, "r", []);
  assert.equal(fewRates.verdict, "inconclusive");
  // Arms drawn from 200 runs (runs at risk at an age): runs to decide in those total runs, ten times the arm's count.
  const inTotal = rates({ k: 5, n: 20 }, { k: 3, n: 20 }, "greater", 0.05, "r", [], 200).finding;
  assert.equal(inTotal.runsToDecide, Math.ceil(200 * (fewRates.finding.mde! / 0.05) ** 2));
  assert.ok(inTotal.runsToDecide! > 9 * fewRates.finding.runsToDecide!, `${inTotal.runsToDecide} vs ${fewRates.finding.runsToDecide}`);
  assert.equal(ratesEqual({ k: 0, n: 165 }, { k: 0, n: 165 }, 0.1, "r", []).verdict, "holds"); // equivalent
  assert.equal(ratesEqual({ k: 60, n: 165 }, { k: 6, n: 165 }, 0.1, "r", []).verdict, "fails"); // [0.247, 0.405]: beyond 0.1
  const few = ratesEqual({ k: 3, n: 20 }, { k: 1, n: 20 }, 0.1, "r", []);
  assert.equal(few.verdict, "inconclusive"); // too few runs
  assert.ok(few.finding.mde! > 0.1 && few.finding.runsToDecide! > 20, JSON.stringify(few.finding));
  assert.equal(estimatesEqual({ value: 0.01, se: 0.01 }, 0.05, "e", []).verdict, "holds"); // equivalent
  assert.equal(estimatesEqual({ value: 0.2, se: 0.04 }, 0.05, "e", []).verdict, "fails"); // a difference
  assert.equal(estimatesEqual({ value: 0.02, se: 0.05 }, 0.05, "e", []).verdict, "inconclusive"); // too uncertain
  assert.equal(fact(true, "f", []).verdict, "holds");
  assert.equal(undecidable("no observable", []).verdict, "untestable");
});

test("beyond prints an interval narrower than its digits as a half-width, and an exact value as exact (review 3)", () => {
  // A fit to closed-form values: t₂ = 4.303, so the half-width is 4.303·1e-6 and "[36.9, 36.9]" would say nothing.
  assert.match(
    beyond({ value: 36.9123, se: 1e-6, df: 2 }, 2.3, "above", "x", []).finding.text,
    /^x \(36\.9 \(95 % interval ±4\.30e-6, t, 2 df\) vs 2\.3\)$/,
  );
  assert.equal(beyond({ value: 36.9, se: 0 }, 2.3, "above", "x", []).finding.text, "x (36.9 (exact) vs 2.3)");
  assert.match(beyond({ value: 1.01, se: 0.005, df: 2 }, 0, "above", "x", []).finding.text, /\[0\.988, 1\.03\] \(t, 2 df\)/);
});

test("t quantiles for few points: a slope from 4 sizes (2 df) is wider than the normal interval", () => {
  // 2.1 with se 0.04: the normal interval [2.022, 2.178] excludes 2; with t₂ = 4.303 it is [1.928, 2.272]
  assert.equal(beyond({ value: 2.1, se: 0.04 }, 2, "above", "slope", []).verdict, "holds");
  assert.equal(beyond({ value: 2.1, se: 0.04, df: 2 }, 2, "above", "slope", []).verdict, "inconclusive");
  close(tQuantile(0.975, 2), 4.302653, 1e-5);
  const [lo, hi] = tInterval({ value: 2, se: 0.1 }, 2);
  close(lo, 2 - 0.4302653, 1e-6);
  close(hi, 2 + 0.4302653, 1e-6);
});

test("everyCase: a universal claim with one refuted case fails; conjunction: some hold, some fail is mixed with parts", () => {
  // Measured parts (a fact() is refused as a part): 1 ± 0.1 above 0.5 (z = 5), 0.2 ± 0.1 below 0.5 (z = −3).
  const h = beyond({ value: 1, se: 0.1 }, 0.5, "above", "a", []);
  const f = beyond({ value: 0.2, se: 0.1 }, 0.5, "above", "b", []);
  const u = beyond({ value: 0.5, se: 0.1 }, 0.4, "above", "c", []);
  assert.equal(
    everyCase(
      [
        { statement: "N = 10", reading: h },
        { statement: "N = 10⁹", reading: f },
      ],
      "all N",
    ).verdict,
    "fails",
  );
  assert.equal(
    everyCase(
      [
        { statement: "1", reading: h },
        { statement: "2", reading: h },
      ],
      "all",
    ).verdict,
    "holds",
  );
  assert.equal(
    everyCase(
      [
        { statement: "1", reading: h },
        { statement: "2", reading: u },
      ],
      "all",
    ).verdict,
    "inconclusive",
  );
  const m = conjunction(
    [
      { statement: "A", reading: h },
      { statement: "B", reading: f },
    ],
    "A and B",
  );
  assert.equal(m.verdict, "mixed");
  assert.deepEqual(m.finding.parts, [
    { statement: "A", verdict: "holds" },
    { statement: "B", verdict: "fails" },
  ]);
  assert.equal(
    conjunction(
      [
        { statement: "A", reading: f },
        { statement: "B", reading: f },
      ],
      "A and B",
    ).verdict,
    "fails",
  );
  const i = conjunction(
    [
      { statement: "A", reading: h },
      { statement: "B", reading: u },
    ],
    "A and B",
  );
  assert.equal(i.verdict, "inconclusive");
  assert.ok(Number.isFinite(i.finding.mde) && Number.isFinite(i.finding.margin));
});

test("Holm across a claim's cases: a case significant alone but not after the correction becomes inconclusive", () => {
  assert.deepEqual(holm([0.01, 0.04, 0.03]), [true, false, false]);
  assert.deepEqual(holm([0.001, 0.01, 0.02]), [true, true, true]);
  // z = 2.2 (p = 0.0278) and z = 2.1 (p = 0.0357) hold alone; beside a case at p ≈ 0, Holm compares 0.0278 with
  // 0.05/2 = 0.025 and stops: both weak cases are inconclusive after the correction, the universal claim too.
  const weak = beyond({ value: 0.22, se: 0.1 }, 0, "above", "weak", []);
  const weaker = beyond({ value: 0.21, se: 0.1 }, 0, "above", "weaker", []);
  const strong = beyond({ value: 1, se: 0.1 }, 0, "above", "strong", []);
  assert.equal(weak.verdict, "holds");
  assert.equal(weaker.verdict, "holds");
  const three = everyCase(
    [
      { statement: "weak", reading: weak },
      { statement: "weaker", reading: weaker },
      { statement: "strong", reading: strong },
    ],
    "three cases",
  );
  assert.equal(three.verdict, "inconclusive");
  assert.deepEqual(three.finding.text.match(/not significant after Holm/g)?.length, 2);
});

test("powerLaw: an exact power law, its t interval and the prediction at 10⁹", () => {
  const fit = powerLaw([10, 100, 1000, 10000], [2, 200, 20000, 2000000]);
  close(fit.exponent, 2, 1e-12);
  assert.equal(fit.df, 2);
  close(fit.predict(1e9).value, 2e16, 2e16 * 1e-9);
  const noisy = powerLaw([10, 100, 1000, 10000], [1, 12, 95, 1100]);
  assert.ok(noisy.interval[0] < noisy.exponent && noisy.exponent < noisy.interval[1]);
  const p = noisy.predict(1e9);
  assert.ok(p.interval[0] < p.value && p.value < p.interval[1]);
});

test("grids: cells (headline first), labels, the parameter that decides, the grid's verdict at ≥ 90 %", () => {
  const grid = { h: { values: [0.1, 0.01], why: ["a", "b"] }, graph: { values: ["ring", "ws"], why: ["c", "d"] } };
  const cells = cellsOf(grid);
  assert.deepEqual(cells, [
    { h: 0.1, graph: "ring" },
    { h: 0.1, graph: "ws" },
    { h: 0.01, graph: "ring" },
    { h: 0.01, graph: "ws" },
  ]);
  assert.equal(cellLabel(cells[0]!), "h=0.1, graph=ring");
  assert.deepEqual(cellsOf({}), [{}]);
  const verdicts = ["fails", "fails", "holds", "holds"] as const;
  assert.equal(
    decidedBy(
      Object.keys(grid),
      cells.map((cell, i) => ({ cell, verdict: verdicts[i]! })),
    ),
    "h",
  );
  // Measured cells: a grid that comes out mixed refuses fact() cells (its cells are its parts).
  const h = beyond({ value: 1, se: 0.1 }, 0.5, "above", "a", []);
  const f = beyond({ value: 0.2, se: 0.1 }, 0.5, "above", "b", []);
  const split = gridReading(
    cells.map((c, i) => ({ label: cellLabel(c), reading: verdicts[i] === "holds" ? h : f })),
    "h",
  );
  assert.equal(split.verdict, "mixed");
  assert.match(split.finding.text, /decided by h/);
  const ten = Array.from({ length: 10 }, (_, i) => ({ label: String(i), reading: i === 0 ? f : h }));
  assert.equal(gridReading(ten, null).verdict, "holds"); // 9 of 10 = 90 %
  const eight = Array.from({ length: 10 }, (_, i) => ({ label: String(i), reading: i < 2 ? f : h }));
  assert.equal(gridReading(eight, null).verdict, "mixed"); // 8 of 10
  assert.ok(isDecided(split) && !isDecided({ verdict: "holds", finding: { kind: "supported", text: "typed" }, evidence: [] }));
});

test("measureContext: named streams, keyed by the claim; any other seed or replicate changes every stream", () => {
  const a = measureContext("p1.1-state-tensor", 0, 0).key("graph");
  assert.deepEqual(measureContext("p1.1-state-tensor", 0, 0).key("graph"), a);
  assert.notDeepEqual(measureContext("p1.1-state-tensor", 0, 0).key("field"), a);
  assert.notDeepEqual(measureContext("p1.2-interaction-energy", 0, 0).key("graph"), a);
  assert.deepEqual(measureContext("p1.1-state-tensor", 3, 0).key("graph"), fold(fold(a, 3), 0));
  assert.notDeepEqual(measureContext("p1.1-state-tensor", 0, 1).key("graph"), a);
  assert.notDeepEqual(measureContext("x", 1, 0).key("graph"), measureContext("x", 0, 1).key("graph"));
});

test("rateBeyond: decided by the Wilson interval, also at k = n and k = 0", () => {
  assert.equal(rateBeyond(16, 16, 0.5, "above", "x", []).verdict, "holds"); // Wilson [0.81, 1]
  assert.equal(rateBeyond(9, 16, 0.5, "above", "x", []).verdict, "inconclusive"); // [0.33, 0.77] straddles ½
  assert.equal(rateBeyond(1, 16, 0.5, "above", "x", []).verdict, "fails");
  assert.equal(rateBeyond(0, 400, 0.01, "below", "x", []).verdict, "holds"); // upper 0.0095
  assert.equal(rateBeyond(0, 100, 0.01, "below", "x", []).verdict, "inconclusive"); // upper 0.037: 100 runs cannot show < 1 %
});

test("margins both ways, difference: support needs the whole interval beyond +margin (hand-computed cases)", () => {
  // The referee's example, e-scale-thickens' share-1/64 cell: 0.114 [0.072, 0.156], margin 0.1. The 95 % half-width
  // 0.042 = 1.959964·se gives se = 0.021429; the interval excludes 0 but straddles +0.1, and the 90 % TOST interval
  // 0.114 ± 1.644854·0.021429 = [0.0788, 0.1492] is not inside ±0.1: inconclusive, MDE 2.801585·0.021429 = 0.0600.
  const share = difference({ value: 0.114, se: 0.042 / 1.959964 }, "positive", 0.1, "share-1/64 thickens", [], 100);
  assert.equal(share.verdict, "inconclusive");
  close(share.finding.mde!, 0.06004, 1e-4);
  assert.equal(share.finding.margin, 0.1);
  assert.match(share.finding.text, /straddles the margin ±0\.1/);
  // 0.3 ± 0.05: [0.3 − 0.098, 0.3 + 0.098] = [0.202, 0.398], wholly beyond +0.1: supported, p = 2(1 − Φ(0.2/0.05 = 4)).
  const clear = difference({ value: 0.3, se: 0.05 }, "positive", 0.1, "d", []);
  assert.equal(clear.verdict, "holds");
  close(clear.finding.p!, 6.334e-5, 1e-7);
  // 0.15 ± 0.02: lower end 0.15 − 0.0392 = 0.1108 > 0.1, supported; 0.15 ± 0.03: lower 0.0912, straddles: inconclusive.
  assert.equal(difference({ value: 0.15, se: 0.02 }, "positive", 0.1, "d", []).verdict, "holds");
  assert.equal(difference({ value: 0.15, se: 0.03 }, "positive", 0.1, "d", []).verdict, "inconclusive");
  // A significant but negligible rise: 0.02 ± 0.01 is [0.0004, 0.0396] (excludes 0) and its TOST interval
  // [0.0036, 0.0364] is inside ±0.1: refuted, "no meaningful rise" (the one-way rule called it supported).
  assert.equal(difference({ value: 0.02, se: 0.01 }, "positive", 0.1, "d", []).verdict, "fails");
  // The asserted side "negative": −0.3 ± 0.05 is [−0.398, −0.202], wholly below −0.1: supported; as "positive", refuted.
  assert.equal(difference({ value: -0.3, se: 0.05 }, "negative", 0.1, "d", []).verdict, "holds");
  assert.equal(difference({ value: -0.3, se: 0.05 }, "positive", 0.1, "d", []).verdict, "fails");
  // With 2 df the t interval 0.3 ± 4.302653·0.05 = [0.085, 0.515] straddles +0.1: inconclusive.
  assert.equal(difference({ value: 0.3, se: 0.05, df: 2 }, "positive", 0.1, "d", []).verdict, "inconclusive");
});

test("a threshold test's runs are at the distance seen, in the unit measured: a fit's sizes are not runs (sign-off N6)", () => {
  // p2.2-diffusion-messages' flow cell: exponent 1.4958 ± 0.107 (t, 3 df) on 5 sizes against 1.5. Its interval
  // straddles 1.5; the distance 0.0042 is what it saw, not a margin: 5·(1.959964·0.107/0.0042)² = 12466.6 → 12467 sizes.
  const fit = beyond({ value: 1.4958, se: 0.107, df: 3 }, 1.5, "below", "exponent", [], 5, "sizes");
  assert.equal(fit.verdict, "inconclusive");
  assert.equal(fit.finding.runsToDecide, undefined);
  assert.equal(fit.finding.runsAtObserved, 12467);
  assert.equal(fit.finding.runsUnit, "sizes");
  assert.equal(runsText(fit.finding), "12467 sizes would decide it at the effect seen");
  // Carried into a grid's finding with its unit: never "runs".
  const g = gridReading(
    [
      { label: "a", reading: beyond({ value: 1.1, se: 0.02 }, 1.5, "below", "a", []) },
      { label: "b", reading: fit },
    ],
    null,
  );
  assert.equal(g.verdict, "inconclusive");
  assert.equal(g.finding.runsUnit, "sizes");
  assert.match(g.finding.text, /least resolved: 12467 sizes would decide it at the effect seen/);
  assert.doesNotMatch(g.finding.text, /runs would decide/);
  // Cell a holds and b is undecided: the grid can no longer fail (VERDICTS.md §5), and says so; with a failing cell
  // beside it, it can never hold.
  assert.match(g.finding.text, /it can never fail: a holds/);
  const failing = gridReading(
    [
      { label: "T=0.05", reading: beyond({ value: 1.9, se: 0.02 }, 1.5, "below", "a", []) },
      { label: "T=0.5", reading: fit },
    ],
    null,
  );
  assert.equal(failing.verdict, "inconclusive");
  assert.match(failing.finding.text, /it can never hold: T=0\.05 fails/);
  // rateBeyond likewise: 93/100 against 0.95 straddles (Wilson [0.862, 0.966]); SE at the threshold √(0.95·0.05/100)
  // = 0.021794, distance 0.02: 100·(1.959964·0.021794/0.02)² = 456.2 → 457 runs at the rate seen.
  const rate = rateBeyond(93, 100, 0.95, "above", "r", []);
  assert.equal(rate.verdict, "inconclusive");
  assert.equal(rate.finding.runsToDecide, undefined);
  assert.equal(rate.finding.runsAtObserved, 457);
  assert.equal(runsText(rate.finding), "457 runs would decide it at the effect seen");
  // Every inconclusive finding says so in its own text (thirty-third-edition referee), with the multiple of the runs
  // measured where it passes a hundredfold: 1488 runs at 0.9496 against 0.95 need 1488·(1.959964·0.005650/0.000403)²
  // ≈ 1.12·10⁶, about 755 times those measured.
  assert.match(rate.finding.text, /\); 457 runs would decide it at the effect seen$/);
  const near = rateBeyond(1413, 1488, 0.95, "above", "r", []);
  assert.match(near.finding.text, /; (\d+) runs would decide it at the effect seen \((\d+) times the 1488 measured\)$/);
  const times = Number(/\((\d+) times/.exec(near.finding.text)![1]);
  assert.equal(times, Math.round(near.finding.runsAtObserved! / 1488));
  assert.ok(times > 100, near.finding.text);
  // Two arms: the runs in all against the runs measured in all (both arms, 2 × 1000).
  const pair = rates({ k: 300, n: 1000 }, { k: 200, n: 1000 }, "greater", 0.099, "r", []);
  assert.equal(pair.verdict, "inconclusive");
  const inAll = pair.finding.totalRunsAtObserved!;
  assert.match(
    pair.finding.text,
    new RegExp(`; ${inAll} runs in all would decide it .*\\(${Math.round(inAll / 2000)} times the 2000 measured\\)$`),
  );
  assert.match(
    beyond({ value: 1.5, se: 0.1 }, 1.5, "below", "x", [], 5, "sizes").finding.text,
    /; no number of runs decides it at the effect seen \(on the threshold\)$/,
  );
  // On the threshold itself nothing is carried.
  assert.equal(beyond({ value: 1.5, se: 0.1 }, 1.5, "below", "x", [], 5, "sizes").finding.runsAtObserved, undefined);
});

test("margins both ways, rates: support needs Newcombe's interval beyond the margin (hand-computed cases)", () => {
  // 60/100 vs 30/100: Wilson [0.5020, 0.6906] and [0.2189, 0.3958]; Newcombe lower 0.3 − √(0.0980² + 0.0958²)
  // = 0.1629 > 0.1: supported. "less" with the arms swapped: upper −0.1629 < −0.1, supported.
  assert.equal(rates({ k: 60, n: 100 }, { k: 30, n: 100 }, "greater", 0.1, "r", []).verdict, "holds");
  assert.equal(rates({ k: 30, n: 100 }, { k: 60, n: 100 }, "less", 0.1, "r", []).verdict, "holds");
  // 45/100 vs 30/100: z = 2.19, p = 0.0285 rejects equality, but Newcombe's interval [0.0159, 0.2768] straddles
  // +0.1: inconclusive with its MDE (the one-way rule called it supported).
  const straddles = rates({ k: 45, n: 100 }, { k: 30, n: 100 }, "greater", 0.1, "r", []);
  assert.equal(straddles.verdict, "inconclusive");
  assert.equal(straddles.finding.margin, 0.1);
  assert.ok(Number.isFinite(straddles.finding.mde) && straddles.finding.runsToDecide! > 100, JSON.stringify(straddles.finding));
  // 505/1000 vs 500/1000: Newcombe [−0.0388, 0.0487] inside ±0.1: refuted, no meaningful difference.
  assert.equal(rates({ k: 505, n: 1000 }, { k: 500, n: 1000 }, "greater", 0.1, "r", []).verdict, "fails");
});

test("margins both ways, equality rules: 'changed' needs the interval wholly beyond the margin (hand-computed)", () => {
  // 30/165 vs 6/165: difference 0.1455, Newcombe [0.0799, 0.2142]: it excludes 0 but straddles 0.1: inconclusive.
  assert.equal(ratesEqual({ k: 30, n: 165 }, { k: 6, n: 165 }, 0.1, "r", []).verdict, "inconclusive");
  // 60/165 vs 6/165: [0.2467, 0.4055], wholly beyond 0.1: refuted.
  assert.equal(ratesEqual({ k: 60, n: 165 }, { k: 6, n: 165 }, 0.1, "r", []).verdict, "fails");
  // 0.1 ± 0.03: [0.0412, 0.1588] excludes 0 but straddles 0.05: inconclusive; 0.2 ± 0.04: [0.1216, 0.2784], refuted.
  assert.equal(estimatesEqual({ value: 0.1, se: 0.03 }, 0.05, "e", []).verdict, "inconclusive");
  assert.equal(estimatesEqual({ value: 0.2, se: 0.04 }, 0.05, "e", []).verdict, "fails");
});

test("mixed means measured parts: a fact() is refused as a part of a conjunction or a list of cases", () => {
  const measured = beyond({ value: 1, se: 0.1 }, 0.5, "above", "measured", []);
  const typed = fact(true, "T = 0.5 > 0", []);
  for (const rule of [conjunction, everyCase])
    assert.throws(
      () =>
        rule(
          [
            { statement: "measured part", reading: measured },
            { statement: "T > 0", reading: typed },
          ],
          "planted",
        ),
      (e: Error) => e instanceof FactPartError && /"T > 0" is a fact\(\) reading/.test(e.message) && /"planted"/.test(e.message),
    );
  assert.ok(isFact(typed) && !isFact(measured));
  // A fact() stays usable as a cell's whole reading (a measured boolean with no sampling error).
  assert.equal(gridReading([{ label: "x", reading: typed }], null).verdict, "holds");
});

test("mixed means measured parts: a grid of fact() cells that comes out mixed is refused (internal review 3, defect 3)", () => {
  // The old p2.1-merkle-diffusion: copy cells fact(true), flow cells fact(false), a grid mixed by update.
  const cells = [
    { label: "update=copy, dimension=1", reading: fact(true, "every node-end on a root", []) },
    { label: "update=copy, dimension=8", reading: fact(true, "every node-end on a root", []) },
    { label: "update=flow, dimension=1", reading: fact(false, "no node on a root", []) },
    { label: "update=flow, dimension=8", reading: fact(false, "no node on a root", []) },
  ];
  assert.throws(
    () => gridReading(cells, "update"),
    (e: Error) =>
      e instanceof FactPartError && /the grid \(2 holds, 2 fails\)/.test(e.message) && /"update=flow, dimension=1"/.test(e.message),
  );
  // One fact() cell beside measured ones is enough to refuse a mixed grid.
  const measured = beyond({ value: 1, se: 0.1 }, 0.5, "above", "measured", []);
  assert.throws(() => gridReading([{ label: "a", reading: measured }, cells[2]!], null), FactPartError);
  // A grid of fact() cells that agrees is no list of parts: its verdict is the common one.
  assert.equal(gridReading(cells.slice(0, 2), null).verdict, "holds");
  // Measured cells that split stay mixed.
  const refuted = beyond({ value: 0.2, se: 0.1 }, 0.5, "above", "refuted", []);
  assert.equal(
    gridReading(
      [
        { label: "a", reading: measured },
        { label: "b", reading: refuted },
      ],
      null,
    ).verdict,
    "mixed",
  );
});

test("grids: inconclusive cells make the claim inconclusive there, not mixed; decidedBy needs holds on one side, fails on the other", () => {
  const h = beyond({ value: 1, se: 0.1 }, 0.5, "above", "h", []);
  const f = beyond({ value: 0.2, se: 0.1 }, 0.5, "above", "f", []);
  // 0.5 ± 0.1 vs 0.4: MDE 2.801585·0.1 = 0.2802 against the distance 0.1.
  const u = beyond({ value: 0.5, se: 0.1 }, 0.4, "above", "u", []);
  const cells = [
    { cell: { T: 1 }, reading: h },
    { cell: { T: 2 }, reading: u },
  ];
  const verdicts = cells.map((c) => ({ cell: c.cell, verdict: c.reading.verdict }));
  assert.equal(decidedBy(["T"], verdicts), null); // no cell fails: no parameter decides
  const g = gridReading(
    cells.map((c) => ({ label: cellLabel(c.cell), reading: c.reading })),
    "T",
  );
  assert.equal(g.verdict, "inconclusive");
  close(g.finding.mde!, 0.28016, 1e-4);
  assert.equal(g.finding.margin, 0);
  close(g.finding.distance!, 0.1, 1e-12);
  assert.doesNotMatch(g.finding.text, /decided by/);
  assert.match(g.finding.text, /T=2/);
  // Holding and failing cells on the two sides of T, one inconclusive beside the holding one: the inconclusive cell
  // makes the claim inconclusive there and places no side (VERDICTS.md §3; the thirty-fifth-edition referee), so T
  // decides: every decided T=1 cell holds and every T=2 cell fails.
  const three = [
    { cell: { T: 1, g: "a" }, reading: h },
    { cell: { T: 1, g: "b" }, reading: u },
    { cell: { T: 2, g: "a" }, reading: f },
    { cell: { T: 2, g: "b" }, reading: f },
  ];
  const by = decidedBy(
    ["g", "T"],
    three.map((c) => ({ cell: c.cell, verdict: c.reading.verdict })),
  );
  assert.equal(by, "T");
  const m = gridReading(
    three.map((c) => ({ label: cellLabel(c.cell), reading: c.reading })),
    by,
  );
  assert.equal(m.verdict, "mixed");
  assert.match(m.finding.text, /decided by T/);
  // The same cells with the inconclusive one failing instead: T=1 holds in 1 of 2 decided cells (under the 90 % a
  // side needs), so no parameter is named (the cells are listed instead).
  const impure = three.map((c, i) => ({ cell: c.cell, verdict: (i === 1 ? f : c.reading).verdict }));
  assert.equal(decidedBy(["g", "T"], impure), null);
  // A clean split on T (every T=1 cell holds, every T=2 cell fails): T decides, whatever the order of the cells.
  const clean = [
    { cell: { T: 2, g: "a" }, verdict: f.verdict },
    { cell: { T: 1, g: "a" }, verdict: h.verdict },
    { cell: { T: 1, g: "b" }, verdict: h.verdict },
    { cell: { T: 2, g: "b" }, verdict: f.verdict },
  ];
  assert.equal(decidedBy(["g", "T"], clean), "T");
  assert.equal(decidedBy(["g", "T"], clean.reverse()), "T");
  // A tie on one side (the review's p2.2-annealing: kernel=neighbour is 1 fails, 1 holds) names nothing, in either
  // order of the cells: the split is an interaction of kernel and end.
  const tie = [
    { cell: { kernel: "node0", end: "stop" }, verdict: h.verdict },
    { cell: { kernel: "node0", end: "horizon" }, verdict: h.verdict },
    { cell: { kernel: "neighbour", end: "stop" }, verdict: f.verdict },
    { cell: { kernel: "neighbour", end: "horizon" }, verdict: h.verdict },
  ];
  assert.equal(decidedBy(["kernel", "end"], tie), null);
  assert.equal(decidedBy(["kernel", "end"], [...tie].reverse()), null);
  // A nested parameter counts only the cells it applies to: kernel splits the copy cells, the flow cell has no kernel.
  const nested = cellsOf({
    update: { values: ["flow", "copy"], why: ["x", "y"] },
    kernel: { values: ["node0", "neighbour"], why: ["p", "q"], when: { update: ["copy"] } },
  });
  assert.deepEqual(nested, [{ update: "flow" }, { update: "copy", kernel: "node0" }, { update: "copy", kernel: "neighbour" }]);
  assert.equal(
    decidedBy(
      ["update", "kernel"],
      nested.map((cell, i) => ({ cell, verdict: [h, h, f][i]!.verdict })),
    ),
    "kernel",
  );
  assert.throws(
    () => cellsOf({ kernel: { values: ["node0"], why: ["p"], when: { update: ["copy"] } }, update: { values: ["copy"], why: ["y"] } }),
    /"update" must come first/,
  );
  // Inconclusive and failing cells only: no parameter is named, and the grid is inconclusive where undecided.
  const noHold = [
    { cell: { T: 1 }, reading: u },
    { cell: { T: 2 }, reading: f },
  ];
  assert.equal(
    decidedBy(
      ["T"],
      noHold.map((c) => ({ cell: c.cell, verdict: c.reading.verdict })),
    ),
    null,
  );
  assert.equal(
    gridReading(
      noHold.map((c) => ({ label: cellLabel(c.cell), reading: c.reading })),
      "T",
    ).verdict,
    "inconclusive",
  );
  // No holding and failing cells (holds beside untestable): the text names no parameter even when a caller passes one.
  const apart = gridReading(
    [
      { label: "T=1", reading: h },
      { label: "T=2", reading: undecidable("no observable", []) },
    ],
    "T",
  );
  assert.doesNotMatch(apart.finding.text, /decided by/);
  // Holding cells beside untestable ones hold (mixed means some hold and some fail; re-review R1), and the text says
  // where no observable decides.
  assert.equal(apart.verdict, "holds");
  assert.match(apart.finding.text, /untestable in 1 of 2 cells \(T=2: no observable\)/);
});

test("grids: untestable cells never make a grid mixed (re-review R1); the grid is read over its testable cells", () => {
  const h = beyond({ value: 1, se: 0.1 }, 0.5, "above", "h", []);
  const f = beyond({ value: 0.2, se: 0.1 }, 0.5, "above", "f", []);
  const x = undecidable("no observable", []);
  const read = (rs: Array<[string, typeof h]>) =>
    gridReading(
      rs.map(([label, reading]) => ({ label, reading })),
      null,
    );
  // 2 holds, 1 untestable (p2.2-crystallisation's shape): holds, untestable named; 8/9 would have been under 90 %.
  const crystal = read([
    ["kernel=node0", h],
    ["flow", h],
    ["kernel=neighbour", x],
  ]);
  assert.equal(crystal.verdict, "holds");
  assert.match(crystal.finding.text, /2 of 2 cells holds.*untestable in 1 of 3 cells \(kernel=neighbour: no observable\)/);
  // Each untestable cell with its own finding, not one fixed phrase (sign-off N4): a repair's precondition unmet is
  // said as such, beside a cell no observable decides.
  const own = read([
    ["family=complete", h],
    ["family=ws, F=3", undecidable("outside the repair's precondition (not (2F + 1)-robust): 0/60 routed beside", [])],
    ["family=ws, F=1", undecidable("no observable", [])],
  ]);
  assert.equal(own.verdict, "holds");
  assert.match(
    own.finding.text,
    /untestable in 2 of 3 cells \(family=ws, F=3: outside the repair's precondition \(not \(2F \+ 1\)-robust\): 0\/60 routed beside; family=ws, F=1: no observable\)/,
  );
  assert.doesNotMatch(own.finding.text, /no observable decides there/);
  // Failing beside untestable: fails. Holding, failing and untestable: mixed over the testable cells only.
  assert.equal(
    read([
      ["a", f],
      ["b", x],
    ]).verdict,
    "fails",
  );
  const split = read([
    ["a", h],
    ["b", f],
    ["c", x],
  ]);
  assert.equal(split.verdict, "mixed");
  assert.deepEqual(
    split.finding.parts!.map((q) => q.statement),
    ["a", "b"],
  );
  assert.match(split.finding.text, /untestable in 1 of 3 cells \(c: no observable\)/);
  // Every cell untestable: untestable. The evidence keeps every cell's, named by its cell.
  assert.equal(
    read([
      ["a", x],
      ["b", x],
    ]).verdict,
    "untestable",
  );
  const withEvidence = gridReading(
    [
      { label: "a", reading: beyond({ value: 1, se: 0.1 }, 0.5, "above", "h", [{ name: "m", value: 1 }]) },
      { label: "b", reading: undecidable("none", [{ name: "n", value: 2 }]) },
    ],
    null,
  );
  assert.deepEqual(
    withEvidence.evidence.map((e) => e.name),
    ["a: m", "b: n"],
  );
  assert.ok(isDecided(withEvidence));
});

test("grids and lists: an inconclusive reading carries its least resolved part's runs to decide (re-review R4)", () => {
  // 30/100 vs 20/100 asserted greater by 0.05: Newcombe's interval straddles +0.05, so inconclusive with runs.
  const straddle = rates({ k: 30, n: 100 }, { k: 20, n: 100 }, "greater", 0.05, "r", []);
  assert.equal(straddle.verdict, "inconclusive");
  const runs = straddle.finding.runsToDecide!;
  const atObserved = straddle.finding.runsAtObserved!;
  assert.ok(runs > 100 && atObserved > 100, `${runs}, ${atObserved}`);
  // Two arms: the totals count both, and the beyond-the-margin side already reads 1.96, so twice the one-arm count.
  const total = straddle.finding.totalRunsAtObserved!;
  assert.equal(straddle.finding.totalRunsToDecide, 2 * runs);
  assert.equal(total, 2 * atObserved);
  const h = beyond({ value: 1, se: 0.1 }, 0.5, "above", "h", []);
  const g = gridReading(
    [
      { label: "a", reading: h },
      { label: "b", reading: straddle },
    ],
    null,
  );
  assert.equal(g.verdict, "inconclusive");
  assert.equal(g.finding.runsToDecide, runs);
  assert.equal(g.finding.runsAtObserved, atObserved);
  assert.equal(g.finding.totalRunsToDecide, 2 * runs);
  assert.equal(g.finding.totalRunsAtObserved, total);
  assert.match(
    g.finding.text,
    new RegExp(`${2 * runs} runs in all would decide it \\(${runs} per arm\\); ${total} in all at the effect seen`),
  );
  // The same in a grid where every cell is inconclusive, and in a conjunction and a list of cases.
  const all = gridReading(
    [
      { label: "a", reading: straddle },
      { label: "b", reading: straddle },
    ],
    null,
  );
  assert.equal(all.finding.runsToDecide, runs);
  const cases = [
    { statement: "a", reading: h },
    { statement: "b", reading: straddle },
  ];
  assert.equal(conjunction(cases, "c").finding.runsToDecide, runs);
  assert.equal(everyCase(cases, "c").finding.runsToDecide, runs);
});

test("decidedBy: a nested parameter decides only when the cells outside it agree with one side (re-review R6)", () => {
  const nested: Array<{ cell: Cell; verdict: Verdict }> = [
    { cell: { update: "flow", family: "ring" }, verdict: "fails" as const },
    { cell: { update: "copy", family: "ring", kernel: "node0" }, verdict: "holds" as const },
    { cell: { update: "copy", family: "ring", kernel: "neighbour" }, verdict: "fails" as const },
  ];
  // The flow cell fails, as the neighbour side does: kernel decides.
  assert.equal(decidedBy(["update", "family", "kernel"], nested), "kernel");
  // Two flow cells that disagree (one holds, one fails): the cells outside kernel split, so kernel decides nothing.
  const outsideSplit: Array<{ cell: Cell; verdict: Verdict }> = [
    ...nested,
    { cell: { update: "flow", family: "torus" }, verdict: "holds" as const },
    { cell: { update: "copy", family: "torus", kernel: "node0" }, verdict: "holds" as const },
    { cell: { update: "copy", family: "torus", kernel: "neighbour" }, verdict: "fails" as const },
  ];
  assert.equal(decidedBy(["update", "family", "kernel"], outsideSplit), null);
  // Untestable cells are not counted: a side of holds and untestable cells is a clean holding side.
  assert.equal(
    decidedBy(
      ["T"],
      [
        { cell: { T: 1 }, verdict: "holds" },
        { cell: { T: 1 }, verdict: "untestable" },
        { cell: { T: 2 }, verdict: "fails" },
      ],
    ),
    "T",
  );
});

test("gridUnder: a variant that replaces a part drops the grid's choices inside it (re-review R3)", () => {
  const grid = {
    update: { values: ["flow", "copy"], why: ["x", "y"] },
    kernel: { values: ["node0", "neighbour"], why: ["p", "q"], when: { update: ["copy"] }, part: "kernel" as const },
    stage: { values: [1, 2], why: ["s", "t"], when: { kernel: ["node0"] } },
    T: { values: [1, 6], why: ["a", "b"] },
  };
  assert.equal(gridUnder(grid, []), grid);
  assert.deepEqual(Object.keys(gridUnder(grid, ["schedule"])), ["update", "kernel", "stage", "T"]);
  // The kernel goes, and `stage`, nested under it, with it: 2 × 2 cells, each once.
  const under = gridUnder(grid, ["kernel"]);
  assert.deepEqual(Object.keys(under), ["update", "T"]);
  assert.equal(cellsOf(under).length, 4);
  assert.equal(new Set(cellsOf(under).map(cellLabel)).size, 4);
});

test("gridUnder is a fixpoint: a nested parameter declared before its parent goes with it (sign-off N8)", () => {
  // `stage` names `kernel` and is declared first; one pass in key order would keep it after dropping `kernel`.
  const grid = {
    stage: { values: [1, 2], why: ["s", "t"], when: { kernel: ["node0"] } },
    deeper: { values: ["a", "b"], why: ["u", "v"], when: { stage: [1] } },
    update: { values: ["flow", "copy"], why: ["x", "y"] },
    kernel: { values: ["node0", "neighbour"], why: ["p", "q"], when: { update: ["copy"] }, part: "kernel" as const },
  };
  assert.deepEqual(Object.keys(gridUnder(grid, ["kernel"])), ["update"]);
  assert.deepEqual(Object.keys(gridUnder(grid, ["schedule"])), ["stage", "deeper", "update", "kernel"]);
});

test("noViolation: a safety property over trials; a counterexample refutes, support needs the trials (hand-computed)", () => {
  // 0/100: Wilson upper bound z²/(n + z²) = 3.8415/103.8415 = 0.0370 < 0.05: supported, p = 0.95¹⁰⁰ = 0.00592.
  const hundred = noViolation(0, 100, 0.05, "forgeries pass", []);
  assert.equal(hundred.verdict, "holds");
  close(hundred.finding.p!, 0.0059205, 1e-6);
  // 0/4: upper bound 3.8415/7.8415 = 0.4899: four clean runs do not show safety; 0/n falls below 0.05 once
  // n > z²·0.95/0.05 = 72.99, so 73 runs decide (0/73: 0.049992).
  const four = noViolation(0, 4, 0.05, "unsafe runs", []);
  assert.equal(four.verdict, "inconclusive");
  close(four.finding.mde!, 0.48989, 1e-4);
  assert.equal(four.finding.margin, 0.05);
  assert.equal(four.finding.runsToDecide, 73);
  assert.equal(runsToBoundZero(0.05), 73); // p3.1-finality-threshold's runs per case
  assert.equal(noViolation(0, 73, 0.05, "x", []).verdict, "holds");
  assert.equal(noViolation(0, 72, 0.05, "x", []).verdict, "inconclusive"); // 3.8415/75.8415 = 0.05065
  // One witnessed violation refutes, however many trials passed.
  assert.equal(noViolation(1, 400, 0.05, "forgeries pass", []).verdict, "fails");
  assert.equal(isFact(hundred), false);
});

test("gridVerdict is gridReading's verdict for every grid of up to four cells (each of the five verdicts in each cell)", () => {
  const made: Record<Verdict, () => Reading> = {
    holds: () => beyond({ value: 1, se: 0.01 }, 0, "above", "holds", []),
    fails: () => beyond({ value: -1, se: 0.01 }, 0, "above", "fails", []),
    inconclusive: () => beyond({ value: 0.001, se: 1 }, 0, "above", "straddles", []),
    untestable: () => undecidable("no observable", []),
    mixed: () =>
      conjunction(
        [
          { statement: "a", reading: made.holds() },
          { statement: "b", reading: made.fails() },
        ],
        "a and b",
      ),
  };
  const verdicts = Object.keys(made) as Verdict[];
  for (const v of verdicts) assert.equal(made[v]().verdict, v, `the planted ${v} reading`);
  let grids = 0;
  for (let n = 1; n <= 4; n++) {
    for (let code = 0; code < verdicts.length ** n; code++) {
      const cells = Array.from({ length: n }, (_, i) => verdicts[Math.floor(code / verdicts.length ** i) % verdicts.length]!);
      const read = gridReading(
        cells.map((v, i) => ({ label: `cell ${i}`, reading: made[v]() })),
        null,
      );
      assert.equal(gridVerdict(cells), read.verdict, cells.join(", "));
      grids++;
    }
  }
  assert.equal(grids, 5 + 25 + 125 + 625);
});

test("rates and ratesEqual plan their MDE at p = ½, never from an observed SE of 0 (sixth-edition referee)", () => {
  // 0/1 vs 0/2148: Newcombe's interval [−0.79, 0.0018] straddles −0.1; the observed SE is 0, the planned one
  // √(¼/1 + ¼/2148) = 0.50012, so MDE = 2.801585·0.50012 = 1.4011, far above the margin, with the runs that decide.
  const one = ratesEqual({ k: 0, n: 1 }, { k: 0, n: 2148 }, 0.1, "risk", []);
  assert.equal(one.verdict, "inconclusive");
  close(one.finding.mde!, 1.4011, 1e-3);
  assert.match(one.finding.text, /MDE 1\.4\d* at p = ½/);
  assert.ok(one.finding.runsToDecide! > 100, JSON.stringify(one.finding));
  // The same at a rate test: 0/15 vs 0/2206, "greater" (e-finality-diffuses' low-noise cell at seed 271828).
  const fifteen = rates({ k: 0, n: 15 }, { k: 0, n: 2206 }, "greater", 0.1, "risk", [], 2411);
  assert.equal(fifteen.verdict, "inconclusive");
  close(fifteen.finding.mde!, minimumDetectableEffect(Math.sqrt(0.25 / 15 + 0.25 / 2206)), 1e-12);
  assert.equal(fifteen.finding.runsToDecide, Math.ceil(2411 * (fifteen.finding.mde! / 0.1) ** 2));
});

test("an equivalence of two rates is never one way from where its arms landed; a directional test at a floor is, by the arm that rules it out", () => {
  // Both Wilson intervals inside [0, 0.1] (0/442: upper 0.0086) or inside [0.9, 1] (433/442: lower 0.961): either arm
  // could have landed elsewhere (thirty-fifth-edition referee: a thief at 2633/2672 who steals in another cell).
  const floor = ratesEqual({ k: 0, n: 442 }, { k: 0, n: 442 }, 0.1, "displaced", []);
  assert.equal(floor.verdict, "holds");
  assert.equal(floor.finding.oneWay, undefined);
  const ceiling = ratesEqual({ k: 440, n: 442 }, { k: 433, n: 442 }, 0.1, "displaced", []);
  assert.equal(ceiling.verdict, "holds");
  assert.equal(ceiling.finding.oneWay, undefined);
  const noFall = rates({ k: 0, n: 73 }, { k: 0, n: 2311 }, "greater", 0.1, "risk", []);
  assert.equal(noFall.verdict, "fails");
  assert.match(noFall.finding.oneWay!, /^the first arm's 95 % interval lies below 0\.1 \(0\/73\)/);
  // Informative cells are not: 123/442 vs 114/442, and 75/81 (Wilson lower 0.848 < 0.9) vs 559/635.
  assert.equal(ratesEqual({ k: 123, n: 442 }, { k: 114, n: 442 }, 0.1, "d", []).finding.oneWay, undefined);
  assert.equal(rates({ k: 75, n: 81 }, { k: 559, n: 635 }, "greater", 0.1, "r", []).finding.oneWay, undefined);
});

test("a directional rate test that one arm's level alone rules out is marked one way only, whichever way it comes out (twenty-fifth-edition referee)", () => {
  // p2.1-ising-thermal-noise's node0 cells: a quenched baseline of 14/526 split (Wilson upper 0.044) cannot fall by 0.1.
  const opposite = rates({ k: 14, n: 526 }, { k: 67, n: 526 }, "greater", 0.1, "split", []);
  assert.equal(opposite.verdict, "fails");
  assert.match(opposite.finding.oneWay!, /^the first arm's 95 % interval lies below 0\.1 \(14\/526\)/);
  // Undecided, too: it can only fail or stay inconclusive.
  const undecided = rates({ k: 1, n: 60 }, { k: 2, n: 20 }, "greater", 0.1, "split", []);
  assert.equal(undecided.verdict, "inconclusive");
  assert.match(undecided.finding.oneWay!, /first arm's 95 % interval lies below 0\.1/);
  // The other bounds: "less" needs the second arm above the margin, "greater" the second below 1 − margin.
  assert.match(
    rates({ k: 300, n: 526 }, { k: 14, n: 526 }, "less", 0.1, "x", []).finding.oneWay!,
    /^the second arm's 95 % interval lies below 0\.1/,
  );
  assert.match(
    rates({ k: 200, n: 526 }, { k: 520, n: 526 }, "greater", 0.1, "x", []).finding.oneWay!,
    /^the second arm's 95 % interval lies above 0\.9/,
  );
  // Both arms at the floor: the first arm rules it out, as alone; no bracket in either (./combine's mark is found again by one).
  assert.match(rates({ k: 14, n: 526 }, { k: 0, n: 526 }, "greater", 0.1, "x", []).finding.oneWay!, /^the first arm's 95 % interval/);
  assert.doesNotMatch(opposite.finding.oneWay!, /[[\]]/);
  // A test either outcome can reach is not marked, nor one that holds.
  assert.equal(rates({ k: 439, n: 526 }, { k: 382, n: 526 }, "greater", 0.1, "x", []).finding.oneWay, undefined);
  assert.equal(rates({ k: 439, n: 526 }, { k: 74, n: 526 }, "greater", 0.1, "x", []).finding.oneWay, undefined);
});

test("gridReading: a one-way cell decides like any other and says so, as a one-way part does (eleventh-edition referee)", () => {
  const holds = markOneWay(ratesEqual({ k: 0, n: 442 }, { k: 0, n: 442 }, 0.1, "floor", []), "both arms at the floor by design");
  const informative = ratesEqual({ k: 123, n: 442 }, { k: 114, n: 442 }, 0.1, "budget", []);
  const failing = ratesEqual({ k: 442, n: 442 }, { k: 114, n: 442 }, 0.1, "free", []);
  const cells = [
    { label: "budget, T=0.5", reading: informative },
    { label: "budget, T=0.05", reading: holds },
    { label: "free, T=0.5", reading: failing },
    { label: "free, T=0.05", reading: markOneWay(failing, "a claim's own one-way cell") },
  ];
  const g = gridReading(cells, "identities");
  assert.equal(g.verdict, "mixed");
  // Every cell is a part; the one-way ones carry their reason, as a conjunction's one-way parts do.
  assert.deepEqual(
    g.finding.parts!.map((p) => [p.statement, p.verdict, p.oneWay !== undefined]),
    [
      ["budget, T=0.5", "holds", false],
      ["budget, T=0.05", "holds", true],
      ["free, T=0.5", "fails", false],
      ["free, T=0.05", "fails", true],
    ],
  );
  assert.match(
    g.finding.text,
    /^the grid decides: 2 holds, 2 fails, decided by identities \[one way only: 2 of 4 cells: budget, T=0\.05: holds, both arms at the floor/,
  );
  assert.match(g.finding.text, /free, T=0\.05: fails, a claim's own one-way cell\]$/);
  // The mark is the one committed records are compared without (committed.ts unmarked): the same reading unmarked.
  assert.equal(g.finding.text.replace(ONE_WAY_MARK, ""), "the grid decides: 2 holds, 2 fails, decided by identities");
  // A one-way cell can make a grid hold: the rule is the same whatever the cell's arms show.
  assert.equal(gridReading([cells[0]!, cells[1]!], null).verdict, "holds");
  assert.throws(() => markOneWay(informative, " "), /markOneWay needs a reason/);
});

test("noFall: non-inferiority at one-sided α = 0.05 holds, a fall beyond the margin fails, the rest is undecided with its MDE", () => {
  // 1 − Φ((−0.01 + 0.1)/0.015) = 1 − Φ(6) ≈ 1e−9: flat, no dilution.
  assert.equal(noFall({ value: -0.01, se: 0.015 }, 0.1, "no fall", []).verdict, "holds");
  // [−0.339, −0.261] lies wholly below −0.1.
  assert.equal(noFall({ value: -0.3, se: 0.02 }, 0.1, "no fall", []).verdict, "fails");
  // p = 1 − Φ(1) = 0.16 and the interval [−0.119, −0.041] reaches above −0.1: undecided, MDE (1.96 + 0.84)·0.02 = 0.056.
  const open = noFall({ value: -0.08, se: 0.02 }, 0.1, "no fall", []);
  assert.equal(open.verdict, "inconclusive");
  assert.ok(Math.abs(open.finding.mde! - 0.056) < 1e-3, `${open.finding.mde}`);
  assert.equal(open.finding.margin, 0.1);
  // The one-sided boundary sits at z₀.₉₅ = 1.645 standard errors above −margin, not at 1.96.
  assert.equal(noFall({ value: -0.1 + 1.65 * 0.01, se: 0.01 }, 0.1, "no fall", []).verdict, "holds");
  assert.equal(noFall({ value: -0.1 + 1.64 * 0.01, se: 0.01 }, 0.1, "no fall", []).verdict, "inconclusive");
});

test("ratesRatioEqual: the 95 % interval of ln(a/b) against ln 1.25, each arm at its design effect; no events and ceilings one way", () => {
  // 540/2160 each: ln ratio 0, SE √(2·0.75/540) = 0.0527, interval ±0.103 inside ±0.223.
  assert.equal(ratesRatioEqual({ k: 540, n: 2160 }, { k: 540, n: 2160 }, 1.25, 0.1, "r", []).verdict, "holds");
  // At design effect 5 the SE is 0.118 and the interval ±0.231 straddles ln 1.25: undecided, with runs that decide.
  const wide = ratesRatioEqual({ k: 540, n: 2160, designEffect: 5 }, { k: 540, n: 2160, designEffect: 5 }, 1.25, 0.1, "r", []);
  assert.equal(wide.verdict, "inconclusive");
  assert.ok(wide.finding.totalRunsToDecide! > 2 * 2160, JSON.stringify(wide.finding));
  // 0.36 against 0.24: ln 1.5 = 0.405, SE 0.0478, interval [0.311, 0.499] beyond 0.223.
  const gain = ratesRatioEqual({ k: 778, n: 2160 }, { k: 518, n: 2160 }, 1.25, 0.1, "r", []);
  assert.equal(gain.verdict, "fails");
  assert.match(gain.finding.text, /ratio 1\.5\d* \[/);
  // A gain of 30 % on 0.24 (the thirtieth-edition referee's κ = 2 cell) is not shown within the margin at 2160 runs.
  assert.notEqual(ratesRatioEqual({ k: 674, n: 2160 }, { k: 518, n: 2160 }, 1.25, 0.1, "r", []).verdict, "holds");
  // Neither arm has an event: no ratio; read on the difference, two ways (either arm could have had events).
  const none = ratesRatioEqual({ k: 0, n: 2160 }, { k: 0, n: 2160 }, 1.25, 0.1, "r", []);
  assert.equal(none.verdict, "holds");
  assert.equal(none.finding.oneWay, undefined);
  // One arm at 0 takes Haldane's ½: 0/2160 against 2160/2160 fails.
  assert.equal(ratesRatioEqual({ k: 2160, n: 2160 }, { k: 0, n: 2160 }, 1.25, 0.1, "r", []).verdict, "fails");
  // Both arms above 0.8: no ratio beyond 0.8–1.25 can show, one way.
  const ceiling = ratesRatioEqual({ k: 2140, n: 2160 }, { k: 2135, n: 2160 }, 1.25, 0.1, "r", []);
  assert.equal(ceiling.verdict, "holds");
  assert.match(ceiling.finding.oneWay ?? "", /both arms above 0\.8/);
  assert.equal(ratesRatioEqual({ k: 540, n: 2160 }, { k: 540, n: 2160 }, 1.25, 0.1, "r", []).finding.oneWay, undefined);
});
