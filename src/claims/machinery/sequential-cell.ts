/**
 * Cells that stop when they are decided (issue 72 item 3; docs/verdicts.md "Cells that stop when they are decided"):
 * a cell whose decision is a test on runs measures its runs look by look and stops at the first look that decides it.
 * Its planned sample stays the maximum, so a cell that reaches the last look measured exactly the fixed design's runs,
 * the same runs: run i is drawn from its own key (the claim's stream folded with i), never from how many runs are
 * measured, and `measure(from, to)` is asked for runs [from, to) in order.
 *
 * Two rules. A rate against a threshold (./decide `rateBeyond`) is decided by the group-sequential design of
 * ../stats/sequential (four looks, Lan–DeMets O'Brien–Fleming spending at the cell's one-sided α = 0.025, a 95 %
 * interval clearing the threshold), stopping against the claim only where the claim is refuted at the mirrored
 * boundary; the label is the fixed rule's on the runs used. A safety property (./decide `noViolation`) stops at the
 * first look with a witnessed counterexample, a refutation exact at any look; zero violations decide only at the plan.
 */
import {
  type RunTest,
  type SequentialDesign,
  type SequentialOutcome,
  decideSequentially,
  MIN_LOOKS,
  sequentialDesign,
  twoArmStatistic,
} from "../../stats/sequential";
import { minimumDetectableEffect, normalCdf } from "../../stats/tests";
import { EmtdError } from "../../errors";
import { noViolation, rateBeyond, rates } from "./decide";
import { inconclusive } from "./findings";
import type { Evidence, Reading, SequentialStop } from "./types";

const WHERE = "emtd/claims/sequential-cell";

/** One test on runs decided look by look: its reading, the runs measured, and where it stopped. */
export interface LookedTest<R> {
  reading: Reading;
  /** The runs measured, in run order (the first `stop.runs` of the plan). */
  runs: R[];
  stop: TestStop;
}

/** One test's stop, as a cell's record lists it. */
export type TestStop = SequentialStop["tests"][number];

/** What a test on runs reads: the plan, the runs in order, and the reading's text and evidence over the runs used. */
export interface LookedRuns<R> {
  /** What is tested, in a few words (the stop's `statement`). */
  statement: string;
  /** The planned runs: the maximum. */
  maxRuns: number;
  /** Runs [from, to), each from its own key. */
  measure: (from: number, to: number) => R[];
  /** The rule's text and evidence over the runs used, with `k` of `n` counted. */
  describe: (k: number, n: number, runs: readonly R[]) => { text: string; evidence: Evidence[] };
}

/** Designs by test and plan: the boundaries' integration costs milliseconds, and a cell's plan repeats. */
const designs = new Map<string, SequentialDesign>();
function plannedDesign(test: RunTest, maxRuns: number): SequentialDesign {
  const id = JSON.stringify([test, maxRuns]);
  let d = designs.get(id);
  if (d === undefined) designs.set(id, (d = sequentialDesign(test, maxRuns)));
  return d;
}

/** The runs at each look: K = {@link MIN_LOOKS} equally spaced counts, the last the plan (../stats/sequential's). */
export function looksOf(maxRuns: number): number[] {
  return Array.from({ length: MIN_LOOKS }, (_, k) => Math.round((maxRuns * (k + 1)) / MIN_LOOKS));
}

/** " (stopped at look 2 of 4: 500 of 1000 planned runs)" where a test stopped before its plan, "" otherwise. */
function stopNote(stop: TestStop): string {
  return stop.runs < stop.maxRuns ? ` (stopped at look ${stop.look} of ${MIN_LOOKS}: ${stop.runs} of ${stop.maxRuns} planned runs)` : "";
}

/**
 * A rate of runs beyond `threshold` (`counts(run)`: the run is one of the k), decided look by look: for the claim
 * at the first look whose Z ≥ the efficacy bound b_k, against it where Z ≤ the futility bound and ≤ −b_k (refuted at
 * the cell's α, spent the same way), else on to the next look. The reading is `rateBeyond` on the runs used, whose
 * Wilson interval then clears the threshold the same way (its score statistic is at least as far out as the design's
 * Z, which reads the larger of the threshold's and the estimate's variance); at the plan, an interval that clears the
 * threshold by less than the last bound b_K is inconclusive (the α the earlier looks spent).
 * For example, 0 of 400 planned runs split against "below 0.1": 0/100 is 3.33 SE from 0.1, short of b₁ = 4.33; 0/200
 * is 4.71, past b₂ = 2.96, so the cell holds at look 2 with 200 runs (test/unit/claims/sequential-cell.test.ts).
 */
export function rateBeyondByLooks<R>(
  test: LookedRuns<R>,
  counts: (run: R) => boolean,
  threshold: number,
  direction: "above" | "below",
): LookedTest<R> {
  if (!(threshold > 0 && threshold < 1)) return outsideRates(test, counts, threshold, direction);
  const design = plannedDesign({ kind: "rate", margin: threshold, direction }, test.maxRuns);
  const runs: R[] = [];
  const out = decideSequentially(
    design,
    (_look, batch) => {
      const more = test.measure(runs.length, runs.length + batch);
      runs.push(...more);
      return more.map((r) => (counts(r) ? 1 : 0));
    },
    { refute: true },
  );
  const k = runs.filter(counts).length;
  const stop = stopOf(test.statement, test.maxRuns, out);
  const { text, evidence } = test.describe(k, runs.length, runs);
  const fixed = rateBeyond(k, runs.length, threshold, direction, `${text}${stopNote(stop)}`, evidence);
  const expected = out.decision === "for" ? "holds" : out.decision === "against" ? "fails" : undefined;
  if (expected !== undefined && fixed.verdict !== expected)
    throw new EmtdError(
      `${WHERE}: the design stopped ${out.decision} the claim at look ${out.look} where rateBeyond reads ${fixed.verdict}`,
    );
  if (expected !== undefined || fixed.verdict === "inconclusive") return { reading: fixed, runs, stop };
  // At the plan between the design's last bounds, where the fixed rule's 1.96 would decide: undecided, as the design is.
  const n = runs.length;
  const se = Math.sqrt((threshold * (1 - threshold)) / n);
  const gap = { value: k / n - threshold, se };
  const last = design.boundaries.efficacy[MIN_LOOKS - 1]!.toFixed(3);
  // The design's Z (stats/sequential: at the larger of the threshold's and the estimate's variance), which the last
  // bound reads; a Wilson interval at that bound would refute at the margin more often than α (docs/verdicts.md).
  const designSe = Math.sqrt(Math.max(threshold * (1 - threshold), (k / n) * (1 - k / n)) / n);
  const z = Math.abs(k / n - threshold) / designSe;
  const why =
    `${text}: ${k}/${n} clears ${threshold} at 95 % but its design Z, ${z.toFixed(2)}, ` +
    `is short of the last bound ${last} (the α its earlier looks spent)`;
  const p = 2 * (1 - normalCdf(Math.abs(gap.value) / se));
  const reading = inconclusive(why, evidence, minimumDetectableEffect(se), Math.abs(gap.value), n, p, undefined, { threshold });
  // The runs that would decide at the effect seen are the design's (its last bound, not 1.96): n·(b_K/Z)².
  if (out.runsToDecide !== undefined)
    Object.assign(reading.finding, { runsAtObserved: out.runsToDecide, totalRunsAtObserved: out.runsToDecide });
  return { reading, runs, stop };
}

/**
 * A threshold outside (0, 1) (a floor less a margin below 0, say), where no rate can fall on its other side: the
 * rule's reading is the same whatever the runs show, so it is read at the first look; the design, whose margin must
 * be a rate, is not built; a reading the first look leaves undecided is read again at the plan, as the fixed design.
 */
function outsideRates<R>(test: LookedRuns<R>, counts: (run: R) => boolean, threshold: number, direction: "above" | "below"): LookedTest<R> {
  const at = looksOf(test.maxRuns);
  const runs: R[] = [];
  for (const n of [at[0]!, test.maxRuns]) {
    runs.push(...test.measure(runs.length, n));
    const k = runs.filter(counts).length;
    const { text, evidence } = test.describe(k, n, runs);
    const decided = rateBeyond(k, n, threshold, direction, text, evidence).verdict;
    const decision = decided === "holds" ? "for" : decided === "fails" ? "against" : "undecided";
    if (decision === "undecided" && n < test.maxRuns) continue;
    const stop = { statement: test.statement, look: n === test.maxRuns ? MIN_LOOKS : 1, runs: n, maxRuns: test.maxRuns, decision } as const;
    return { reading: rateBeyond(k, n, threshold, direction, `${text}${stopNote(stop)}`, evidence), runs, stop };
  }
  throw new EmtdError(`${WHERE}: unreachable`);
}

/**
 * Two arms' rates on paired runs (`arms(run)`: whether the run counts in arm a and in arm b), the claim asserting
 * rate a > rate b ("greater") or a < b ("less") by more than `margin`: `rates`' rule, decided look by look. The design is
 * ../stats/sequential's two-arm difference at the pooled variance, against ±`margin` (its planned sample the maximum,
 * four looks, O'Brien–Fleming spending at one-sided α = 0.025). At look k it stops for the claim where Z_k ≥ b_k and
 * against it where Z_k ≤ −b_k (and ≤ the futility bound), each only where `rates` on the runs used reads the same
 * (holds, fails): a crossing the fixed rule does not share goes on to the next look, so neither error rate rises
 * above the design's. At the plan, a `rates` decision the design's Z does not carry past b_K is inconclusive, as in
 * {@link rateBeyondByLooks}. `design` replaces the planned one (a test's naive boundaries).
 */
export function ratesByLooks<R>(
  test: LookedRuns<R>,
  arms: (run: R) => readonly [boolean, boolean],
  asserted: "greater" | "less",
  margin: number,
  design: SequentialDesign = plannedDesign(
    { kind: "difference", margin: asserted === "greater" ? margin : -margin, direction: asserted === "greater" ? "above" : "below" },
    test.maxRuns,
  ),
): LookedTest<R> {
  const { efficacy, futility } = design.boundaries;
  const runs: R[] = [];
  let ka = 0;
  let kb = 0;
  const readAt = (note: string) => {
    const { text, evidence } = test.describe(ka, runs.length, runs);
    return rates({ k: ka, n: runs.length }, { k: kb, n: runs.length }, asserted, margin, `${text}${note}`, evidence);
  };
  let z = 0;
  for (let look = 0; look < design.runsAt.length; look++) {
    for (const run of test.measure(runs.length, design.runsAt[look]!)) {
      const [a, b] = arms(run);
      ka += a ? 1 : 0;
      kb += b ? 1 : 0;
      runs.push(run);
    }
    z = twoArmStatistic(design.test, ka, kb, runs.length).z;
    const bound = efficacy[look]!;
    const decision = z >= bound ? "for" : z <= Math.min(futility[look]!, -bound) ? "against" : undefined;
    if (decision === undefined) continue;
    const stop = { statement: test.statement, look: look + 1, runs: runs.length, maxRuns: test.maxRuns, decision } as const;
    const reading = readAt(stopNote(stop));
    if (reading.verdict === (decision === "for" ? "holds" : "fails")) return { reading, runs, stop };
  }
  const n = runs.length;
  const stop = { statement: test.statement, look: design.runsAt.length, runs: n, maxRuns: test.maxRuns, decision: "undecided" } as const;
  const fixed = readAt("");
  if (fixed.verdict === "inconclusive" || fixed.verdict === "untestable") return { reading: fixed, runs, stop };
  // The fixed rule decides at 1.96 where the design's Z stops short of its last bound: undecided, as the design is.
  const last = efficacy[efficacy.length - 1]!;
  const { text, evidence } = test.describe(ka, n, runs);
  const gap = { value: (ka - kb) / n, se: twoArmStatistic(design.test, ka, kb, n).se };
  const why =
    `${text}: ${ka}/${n} vs ${kb}/${n} ${fixed.verdict === "holds" ? "clears" : "falls short of"} ` +
    `${asserted === "greater" ? "+" : "−"}${margin} at 95 % but its design Z, ${z.toFixed(2)}, is short of ` +
    `${fixed.verdict === "holds" ? "" : "−"}the last bound ${last.toFixed(3)} (the α its earlier looks spent)`;
  const reading = inconclusive(why, evidence, minimumDetectableEffect(Math.sqrt(0.5 / n)), margin, n, fixed.finding.p, gap, undefined, 2);
  // The design decides on its own last bound, so the runs at the effect seen are counted at it: n·(b_K/Z)² per arm.
  if (z !== 0) {
    const perArm = Math.ceil(test.maxRuns * (last / z) ** 2);
    Object.assign(reading.finding, { runsAtObserved: perArm, totalRunsAtObserved: 2 * perArm });
  }
  return { reading, runs, stop };
}

/**
 * A safety property over runs (`violates(run)`: a counterexample), decided look by look at the runs of
 * {@link looksOf}: refuted at the first look with a violation (a witnessed counterexample refutes exactly, whatever
 * the look: no α is spent), otherwise on to the plan, where `noViolation` reads 0 of all the runs. The reading is
 * `noViolation` on the runs used.
 */
export function noViolationByLooks<R>(test: LookedRuns<R>, violates: (run: R) => boolean, tolerance: number): LookedTest<R> {
  const runs: R[] = [];
  const at = looksOf(test.maxRuns);
  let look = 0;
  let k = 0;
  while (look < at.length && (look === 0 || k === 0)) {
    const more = test.measure(runs.length, at[look]!);
    runs.push(...more);
    k += more.filter(violates).length;
    look++;
  }
  const decision = k > 0 ? "against" : "undecided";
  const stop = { statement: test.statement, look, runs: runs.length, maxRuns: test.maxRuns, decision } as const;
  const { text, evidence } = test.describe(k, runs.length, runs);
  const reading = noViolation(k, runs.length, tolerance, `${text}${stopNote(stop)}`, evidence);
  return { reading, runs, stop: { ...stop, decision: reading.verdict === "holds" ? "for" : decision } };
}

function stopOf(statement: string, maxRuns: number, out: SequentialOutcome): TestStop {
  return { statement, look: out.look, runs: out.runs, maxRuns, decision: out.decision };
}

/** A cell's record of its tests' stops (Measurement `sequential`). */
export function cellStop(tests: ReadonlyArray<{ stop: TestStop }>): SequentialStop {
  if (tests.length === 0) throw new EmtdError(`${WHERE}: cellStop needs the cell's tests (got none)`);
  return {
    looks: MIN_LOOKS,
    look: Math.max(...tests.map((t) => t.stop.look)),
    runs: tests.reduce((s, t) => s + t.stop.runs, 0),
    maxRuns: tests.reduce((s, t) => s + t.stop.maxRuns, 0),
    tests: tests.map((t) => ({ ...t.stop })),
  };
}
