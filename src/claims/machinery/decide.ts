/**
 * Decision rules: the only place where a verdict is named (VERDICTS.md §2). A claim measures numbers with their
 * uncertainty and hands them to one of these rules; the rule says whether the assertion is supported, refuted,
 * mixed or left inconclusive by the data, and maps that finding to a verdict by one table:
 *
 * | finding      | verdict      | must carry                                                              |
 * |--------------|--------------|-------------------------------------------------------------------------|
 * | supported    | holds        | the estimate and its interval (in the evidence)                         |
 * | refuted      | fails        | the estimate and its interval                                           |
 * | mixed        | mixed        | `parts`: each part of the conjunction with its own verdict              |
 * | inconclusive | inconclusive | `mde` and `margin` (and `runsToDecide` where the rule can plan it)      |
 * | undecidable  | untestable   | why, and what was measured beside it                                    |
 *
 * Every reading a rule returns is branded ({@link isDecided}); the registry refuses a reading that is not, so a
 * verdict typed into a claim file is an error, not a row of the table.
 */
import { scoreInterval, wilson } from "../../stats/binomial";
import { equivalenceTest, minimumDetectableEffect, normalCdf, twoProportionTest, type Estimate } from "../../stats/tests";
import { tInterval, tPValue } from "../../stats/inference";
import { num } from "../../format";
import { EmtdError } from "../../errors";
import type { Evidence, Reading } from "./types";
import { runsToBoundZero, tostP, zeroOfUpper } from "./runs-to-decide";
import { inconclusive, markFact, markOneWay, reading } from "./findings";

export { verdictOf, isDecided, isFact, FactPartError, markOneWay, markBuilt, isBuilt } from "./findings";
export { everyCase, conjunction, gridReading, GRID_AGREEMENT, type Case } from "./combine";

/** An estimate with an optional degrees-of-freedom count: t quantiles when `df` is finite (few points). */
export type TEstimate = Estimate & { df?: number };

/** A threshold test's inconclusive text: the threshold and the observed distance under their own names. */
const straddles = (threshold: number, distance: number, mde: number) =>
  `straddles the threshold ${num(threshold)}; observed distance ${num(distance)}; MDE ${num(mde)}`;

// Evidence with its interval, where the claim files have long imported it from.
export { rateEvidence, estimateEvidence } from "./evidence";

/**
 * A deterministic fact (an exact count, a value below a rounding tolerance, measured by the claim): supported when
 * `holds`, refuted otherwise. Use only as a claim's (or a cell's) whole reading, where the measured quantity has no
 * sampling error. Never a part of {@link conjunction} or {@link everyCase} (VERDICTS.md §2: a part is a measured
 * finding, never a parameter's value or an identity of algebra): they throw a {@link FactPartError}.
 */
export function fact(holds: boolean, text: string, evidence: Evidence[]): Reading {
  const out = reading({ kind: holds ? "supported" : "refuted", text }, evidence);
  markFact(out);
  return out;
}

/**
 * A deterministic number (an exact computation, no sampling error) as an estimate the measured rules read: its one
 * uncertainty is float32 rounding, `rounding` its typical size, taken as the SE. Decided by {@link difference} against a
 * tolerance set above rounding (the margin: a change below it is none), a change within the tolerance is no change
 * (TOST), one beyond it on the asserted side is shown, one on the other side is refuted, and one within rounding of
 * the tolerance is inconclusive: a measured finding that may be a cell or a part of a mixed grid, where {@link fact}
 * may not (issue 44: a variant that splits a grid of exact cells makes it a legitimate mixed).
 *
 * @example
 * ```ts
 * difference(exactEstimate(0, 4e-4), "negative", 1e-3, "the cost falls", []).verdict; // → "fails" (no change)
 * difference(exactEstimate(-600, 4e-4), "negative", 1e-3, "the cost falls", []).verdict; // → "holds"
 * ```
 */
export function exactEstimate(value: number, rounding: number): TEstimate {
  if (!(rounding > 0 && Number.isFinite(rounding)))
    throw new EmtdError(`emtd/claims/decide: exactEstimate's rounding must be a positive finite number (got ${rounding})`);
  return { value, se: rounding };
}

/**
 * Is an estimate beyond a threshold (value > threshold, "above"; value < threshold, "below")? Supported when the
 * whole 95 % interval (t on `df` when given) is on the asserted side, refuted when wholly on the other side,
 * inconclusive when it straddles the threshold (MDE against the distance to the threshold). No margin is fixed in
 * advance, so `n` (what the estimate was measured on: runs, or the sizes of a fit, named by `unit`) plans only
 * `runsAtObserved`: the `n` at which the distance seen would be decided (sign-off N6).
 */
export function beyond(
  estimate: TEstimate,
  threshold: number,
  direction: "above" | "below",
  text: string,
  evidence: Evidence[],
  n?: number,
  unit?: string,
): Reading {
  const df = estimate.df ?? Infinity;
  const [lo, hi] = tInterval(estimate, df);
  const asserted = direction === "above" ? lo > threshold : hi < threshold;
  const opposite = direction === "above" ? hi < threshold : lo > threshold;
  const p = estimate.se > 0 ? tPValue((estimate.value - threshold) / estimate.se, df) : 0;
  // An interval narrower than the digits shown is said as its half-width ("[36.9, 36.9] (t, 2 df)" said nothing: a
  // fit to closed-form values), and an exact value (SE 0) as exact.
  const tDf = Number.isFinite(df) ? `t, ${df} df` : "";
  const interval = !(estimate.se > 0)
    ? " (exact)"
    : num(lo) === num(hi)
      ? ` (95 % interval ±${num((hi - lo) / 2)}${tDf ? `, ${tDf}` : ""})`
      : ` [${num(lo)}, ${num(hi)}]${tDf ? ` (${tDf})` : ""}`;
  const where = `${num(estimate.value)}${interval} vs ${num(threshold)}`;
  if (asserted || opposite) return reading({ kind: asserted ? "supported" : "refuted", text: `${text} (${where})`, p }, evidence);
  const mde = minimumDetectableEffect(estimate.se);
  const gap = { value: estimate.value - threshold, se: estimate.se };
  const distance = Math.abs(gap.value);
  return inconclusive(`${text} (${where}: ${straddles(threshold, distance, mde)})`, evidence, mde, distance, n, p, gap, {
    unit,
    threshold,
  });
}

/**
 * Is a rate k/n beyond a threshold? Like {@link beyond}, with the Wilson 95 % interval (sensible at k = 0 or n); an
 * inconclusive one carries the runs at the rate seen (`runsAtObserved`), as no margin is fixed in advance.
 */
export function rateBeyond(
  k: number,
  n: number,
  threshold: number,
  direction: "above" | "below",
  text: string,
  evidence: Evidence[],
  designEffect = 1,
): Reading {
  // Runs that share networks (./clustered) count as n/deff independent runs: the interval, the test and the MDE.
  const effective = n / designEffect;
  const w = designEffect === 1 ? wilson(k, n) : { ...wilson(k, n), ...scoreInterval(k / n, effective) };
  const asserted = direction === "above" ? w.lower > threshold : w.upper < threshold;
  const opposite = direction === "above" ? w.upper < threshold : w.lower > threshold;
  const se = Math.sqrt(Math.max(threshold * (1 - threshold), 1e-12) / effective);
  const p = 2 * (1 - normalCdf(Math.abs(w.estimate - threshold) / se));
  const where = `${k}/${n} = ${num(w.estimate)} [${num(w.lower)}, ${num(w.upper)}]${clusterNote(designEffect)} vs ${num(threshold)}`;
  if (asserted || opposite) return reading({ kind: asserted ? "supported" : "refuted", text: `${text} (${where})`, p }, evidence);
  const mde = minimumDetectableEffect(se);
  const gap = { value: w.estimate - threshold, se };
  const distance = Math.abs(gap.value);
  return inconclusive(`${text} (${where}: ${straddles(threshold, distance, mde)})`, evidence, mde, distance, n, p, gap, { threshold });
}

/** " (design effect 1.4)" where runs share networks (deff > 1), "" otherwise: the interval before it is at n/deff. */
function clusterNote(designEffect: number): string {
  return designEffect > 1 ? ` (design effect ${num(designEffect)})` : "";
}

/** Counts of one arm: k of n runs, and the design effect where its runs share networks (./stats/clustered; default 1). */
export interface ArmCounts {
  k: number;
  n: number;
  designEffect?: number;
}

/**
 * A safety property over `n` independent trials ("no forgery passes box C", "every node holds the finalised block"),
 * violated in `k` of them. Refuted when k > 0: a witnessed counterexample refutes a universal property exactly, with
 * no sampling error. Supported only when k = 0 and the Wilson 95 % upper bound of the violation rate, z²/(n + z²), is
 * below `tolerance` (p = (1 − tolerance)ⁿ, the chance of no violation were the rate at the tolerance). Inconclusive
 * when k = 0 but n trials cannot bound the rate below the tolerance: its MDE is that upper bound, its margin the
 * tolerance, and `runsToDecide` the trials at which 0/n's bound falls below it. Unlike {@link fact}, zero violations
 * in a handful of trials do not show safety.
 *
 * @example
 * ```ts
 * noViolation(0, 100, 0.05, "forgeries pass", []).verdict; // → "holds" (0/100: upper bound 0.037 < 0.05)
 * noViolation(0, 4, 0.05, "unsafe runs", []).verdict; // → "inconclusive" (upper bound 0.49; 73 runs decide)
 * noViolation(1, 400, 0.05, "forgeries pass", []).verdict; // → "fails" (one forgery passed)
 * ```
 */
export function noViolation(k: number, n: number, tolerance: number, text: string, evidence: Evidence[]): Reading {
  if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 1 && k >= 0 && k <= n))
    throw new EmtdError(`emtd/claims/decide: noViolation needs whole counts 0 ≤ k ≤ n, n ≥ 1 (got ${k}/${n})`);
  if (!(tolerance > 0 && tolerance < 1))
    throw new EmtdError(`emtd/claims/decide: noViolation's tolerance must lie in (0, 1) (got ${tolerance})`);
  if (k > 0) return reading({ kind: "refuted", text: `${text} (${k}/${n}: a witnessed counterexample)` }, evidence);
  const upper = zeroOfUpper(n);
  const where = `0/${n}, Wilson upper bound ${num(upper)} vs tolerance ${num(tolerance)}`;
  if (upper < tolerance) return reading({ kind: "supported", text: `${text} (${where})`, p: (1 - tolerance) ** n }, evidence);
  return reading(
    {
      kind: "inconclusive",
      text: `${text} (${where}: too few trials to bound the rate)`,
      mde: upper,
      margin: tolerance,
      runsToDecide: runsToBoundZero(tolerance),
    },
    evidence,
  );
}

/**
 * Does a difference (a − b, with its SE) exceed the margin on the asserted side ("a − b > 0 by a meaningful
 * amount")? The margin works both ways (VERDICTS.md §5). Supported only when the whole 95 % interval lies beyond
 * +`margin` (−`margin` for "negative"); refuted when it excludes 0 on the other side, or when TOST shows
 * |a − b| < `margin` (a negligible effect is no effect); inconclusive otherwise (an interval that straddles the
 * margin), with the MDE at power 0.8 against the margin.
 *
 * @example
 * ```ts
 * difference({ value: 0.114, se: 0.0214 }, "positive", 0.1, "share thickens", []).verdict; // → "inconclusive"
 * // 95 % interval [0.072, 0.156] straddles +0.1: a rise, not shown to be a meaningful one
 * ```
 */
export function difference(
  diff: TEstimate,
  asserted: "positive" | "negative",
  margin: number,
  text: string,
  evidence: Evidence[],
  n?: number,
): Reading {
  const df = diff.df ?? Infinity;
  const [lo, hi] = tInterval(diff, df);
  const sign = asserted === "positive" ? 1 : -1;
  const shown = asserted === "positive" ? lo > margin : hi < -margin;
  const opposite = asserted === "positive" ? hi < 0 : lo > 0;
  const where = `difference ${num(diff.value)} [${num(lo)}, ${num(hi)}]`;
  if (shown) {
    const p = diff.se > 0 ? tPValue((diff.value - sign * margin) / diff.se, df) : 0;
    return reading({ kind: "supported", text: `${text} (${where}: beyond ${sign > 0 ? "+" : "−"}${num(margin)})`, p }, evidence);
  }
  const p = diff.se > 0 ? tPValue(diff.value / diff.se, df) : 0;
  if (opposite) return reading({ kind: "refuted", text: `${text} (${where}, the opposite sign)`, p }, evidence);
  const eq = equivalenceTest(diff, margin);
  if (eq.equivalent)
    return reading(
      { kind: "refuted", text: `${text} (${where}: within ±${num(margin)}, TOST p = ${num(eq.pValue)})`, p: eq.pValue },
      evidence,
    );
  const mde = minimumDetectableEffect(diff.se);
  return inconclusive(
    `${text} (${where}: straddles the margin ±${num(margin)}, neither shown nor excluded; MDE ${num(mde)} vs margin ${num(margin)})`,
    evidence,
    mde,
    margin,
    n,
    p,
    diff,
  );
}

/**
 * A difference the claim asserts does not fall by more than `margin` ("do not dilute": non-inferiority, the lower of
 * TOST's two one-sided tests at α = 0.05): supported when that test rejects a fall of `margin` or more, refuted when
 * the 95 % interval lies wholly below −`margin` (a fall beyond the margin shown, as {@link difference} shows a change),
 * inconclusive otherwise (MDE against the margin). A change within the margin either way is none, by the margin's reason.
 *
 * @example
 * ```ts
 * noFall({ value: -0.01, se: 0.015 }, 0.1, "no dilution", []).verdict; // → "holds": flat, [−0.04, 0.02]
 * noFall({ value: -0.3, se: 0.02 }, 0.1, "no dilution", []).verdict; // → "fails": a fall beyond −0.1
 * ```
 */
export function noFall(diff: TEstimate, margin: number, text: string, evidence: Evidence[], n?: number): Reading {
  const df = diff.df ?? Infinity;
  const [lo, hi] = tInterval(diff, df);
  const where = `difference ${num(diff.value)} [${num(lo)}, ${num(hi)}]`;
  const p = diff.se > 0 ? 1 - normalCdf((diff.value + margin) / diff.se) : diff.value > -margin ? 0 : 1;
  if (p < 0.05)
    return reading({ kind: "supported", text: `${text} (${where}: no fall beyond −${num(margin)}, p = ${num(p)})`, p }, evidence);
  if (hi < -margin) {
    const pFall = diff.se > 0 ? tPValue((diff.value + margin) / diff.se, df) : 0;
    return reading({ kind: "refuted", text: `${text} (${where}: a fall beyond −${num(margin)})`, p: pFall }, evidence);
  }
  const mde = minimumDetectableEffect(diff.se);
  return inconclusive(
    `${text} (${where}: reaches below −${num(margin)}, neither shown nor excluded; MDE ${num(mde)} vs margin ${num(margin)})`,
    evidence,
    mde,
    margin,
    n,
    p,
    diff,
  );
}

/**
 * The SE of a difference of two rates with p = ½ in both arms: the conservative variance an MDE is planned with
 * (VERDICTS.md §5). The observed SE is 0 when both arms are 0/n, which claimed a power no sample had (sixth-edition
 * referee: a cell with 1 run at risk was "inconclusive, MDE 0"; at p = ½ over 1 and 2148 runs it is 1.4).
 */
function plannedRatesSe(a: ArmCounts, b: ArmCounts): number {
  return Math.sqrt((0.25 * (a.designEffect ?? 1)) / a.n + (0.25 * (b.designEffect ?? 1)) / b.n);
}

/** An arm's Wilson 95 % interval at its effective size n/deff. */
const armInterval = (a: ArmCounts) => ((a.designEffect ?? 1) === 1 ? wilson(a.k, a.n) : scoreInterval(a.k / a.n, a.n / a.designEffect!));

/** An arm as the text shows it: "k/n", with its design effect where its runs share networks. */
const armText = (a: ArmCounts) =>
  `${a.k}/${a.n}${a.designEffect !== undefined && a.designEffect > 1 ? ` (design effect ${num(a.designEffect)})` : ""}`;

/** The two-proportion test of two arms, each at its design effect. */
/** The difference of two arms' rates, each at its design effect: the test `difference` and `ratesEqual` read. */
export const armsTest = (a: ArmCounts, b: ArmCounts) =>
  twoProportionTest(a.k, a.n, b.k, b.n, 0.95, [a.designEffect ?? 1, b.designEffect ?? 1]);

/**
 * Where one arm's Wilson 95 % interval alone rules out a difference beyond the margin in the asserted direction
 * (a − b > margin needs a > margin and b < 1 − margin; a − b < −margin needs b > margin and a < 1 − margin), the
 * cell can only fail or stay undecided, whatever the other arm shows: its reason, or undefined (twenty-fifth-edition
 * referee: a baseline of 14/526 split cannot fall by 0.1, yet only the cells whose two arms both sat at the floor were
 * marked). The reason holds no square bracket: ./combine's mark is found again by one.
 */
function outOfReach(a: ArmCounts, b: ArmCounts, asserted: "greater" | "less", margin: number): string | undefined {
  const [wa, wb] = [armInterval(a), armInterval(b)];
  const bound = (which: "first" | "second", arm: ArmCounts, side: "below" | "above") =>
    `the ${which} arm's 95 % interval lies ${side} ${num(side === "below" ? margin : 1 - margin)} (${armText(arm)}): ` +
    `no difference beyond ${asserted === "greater" ? "+" : "−"}${num(margin)} can show, so the cell can only fail or stay undecided`;
  if (asserted === "greater") {
    if (wa.upper < margin) return bound("first", a, "below");
    if (wb.lower > 1 - margin) return bound("second", b, "above");
  } else {
    if (wb.upper < margin) return bound("second", b, "below");
    if (wa.lower > 1 - margin) return bound("first", a, "above");
  }
  return undefined;
}

/**
 * Two rates, the claim asserting rate a > rate b ("greater") or a < b ("less") by a meaningful amount. The margin
 * works both ways (VERDICTS.md §5): supported only when Newcombe's 95 % interval of a − b lies beyond +`margin`
 * (below −`margin` for "less"); refuted when the two-proportion z-test rejects equality at α = 0.05 in the other
 * direction, or when the interval lies within ±`margin`; inconclusive otherwise (an interval that straddles the
 * margin), with the MDE and the runs per arm that would decide, or in `runs` (total runs) where the arms are
 * subsets of the runs a user launches (runs at risk at an age): VERDICTS.md §5 states them in the unit launched. The
 * MDE is planned at p = ½ (a conservative variance, never an observed SE that is 0 at k = 0). A cell that is not
 * supported is marked one way only (Finding `oneWay`) where one arm alone rules support out (`outOfReach`).
 */
export function rates(
  a: ArmCounts,
  b: ArmCounts,
  asserted: "greater" | "less",
  margin: number,
  text: string,
  evidence: Evidence[],
  runs?: number,
): Reading {
  const t = armsTest(a, b);
  const sign = asserted === "greater" ? 1 : -1;
  const [lo, hi] = t.interval;
  const where = `${armText(a)} vs ${armText(b)}: difference ${num(t.difference)} [${num(lo)}, ${num(hi)}], p = ${num(t.pValue)}`;
  if (asserted === "greater" ? lo > margin : hi < -margin) {
    const p = t.se > 0 ? 2 * (1 - normalCdf(Math.abs(t.difference - sign * margin) / t.se)) : 0;
    return reading({ kind: "supported", text: `${text} (${where}: beyond ${sign > 0 ? "+" : "−"}${num(margin)})`, p }, evidence);
  }
  // Not supported: one way only where an arm's level alone rules support out.
  const reach = outOfReach(a, b, asserted, margin);
  const marked = (r: Reading, why = reach) => (why === undefined ? r : markOneWay(r, why));
  if (t.pValue < 0.05 && sign * t.difference < 0)
    return marked(reading({ kind: "refuted", text: `${text} (${where}, the opposite direction)`, p: t.pValue }, evidence));
  if (lo > -margin && hi < margin) {
    const f = { kind: "refuted" as const, text: `${text} (${where}: within ±${num(margin)})`, p: tostP(t.difference, t.se, margin) };
    return marked(reading(f, evidence));
  }
  const mde = minimumDetectableEffect(plannedRatesSe(a, b));
  return marked(
    inconclusive(
      `${text} (${where}: straddles the margin ±${num(margin)}; MDE ${num(mde)} at p = ½ vs margin ${num(margin)})`,
      evidence,
      mde,
      margin,
      runs ?? Math.min(a.n, b.n),
      t.pValue,
      { value: t.difference, se: t.se },
      undefined,
      2,
    ),
  );
}

/**
 * Two rates the claim asserts are the same. The margin works both ways (VERDICTS.md §5): supported when Newcombe's
 * 95 % interval of a − b lies within ±`margin`, refuted when it lies wholly beyond the margin (a change larger than
 * the margin is shown), inconclusive when it straddles ±`margin` (MDE at p = ½ against the margin, runs per arm that
 * would decide). Never marked one way from its arms: a treatment arm that lands at a floor or a ceiling beside its
 * control could have landed elsewhere (thirty-fifth-edition referee: e-not-stolen-hoarded's 2633/2672 with a thief
 * against 2672/2672 without, where a thief steals in 1965/2672 of another cell's runs); where the design fixes the
 * outcome, the claim says so (`byConstruction`).
 */
export function ratesEqual(a: ArmCounts, b: ArmCounts, margin: number, text: string, evidence: Evidence[]): Reading {
  const t = armsTest(a, b);
  const [lo, hi] = t.interval;
  const where = `${armText(a)} vs ${armText(b)}: difference ${num(t.difference)} [${num(lo)}, ${num(hi)}], p = ${num(t.pValue)}`;
  if (lo > -margin && hi < margin) {
    const f = { kind: "supported" as const, text: `${text} (${where}: within ±${num(margin)})`, p: tostP(t.difference, t.se, margin) };
    return reading(f, evidence);
  }
  if (lo > margin || hi < -margin)
    return reading({ kind: "refuted", text: `${text} (${where}: the rates differ by more than ±${num(margin)})`, p: t.pValue }, evidence);
  const mde = minimumDetectableEffect(plannedRatesSe(a, b));
  return inconclusive(
    `${text} (${where}: straddles the margin ±${num(margin)}; MDE ${num(mde)} at p = ½ vs margin ${num(margin)})`,
    evidence,
    mde,
    margin,
    Math.min(a.n, b.n),
    t.pValue,
    { value: t.difference, se: t.se },
    undefined,
    2,
  );
}

/** An arm's rate for a ratio: k/n, with Haldane's ½ added to each outcome where the arm sits at 0 or n. */
const ratioRate = (a: ArmCounts) => (a.k === 0 || a.k === a.n ? (a.k + 0.5) / (a.n + 1) : a.k / a.n);

/** Var(ln rate) of an arm at its effective size n/deff (delta method): deff·(1 − p)/(n·p). */
const logRateVariance = (a: ArmCounts, p = ratioRate(a)) => ((a.designEffect ?? 1) * (1 - p)) / (a.n * p);

/**
 * ln(a/b) with its SE by the delta method, each arm at its effective size, and the ratio's 95 % interval (`lo`, `hi`:
 * the ratio itself); what {@link ratesRatioEqual} decides on, for a headline to say where the ratio lies.
 */
export function rateRatio(a: ArmCounts, b: ArmCounts): { value: number; se: number; ratio: number; lo: number; hi: number } {
  const [pa, pb] = [ratioRate(a), ratioRate(b)];
  const value = Math.log(pa / pb);
  const se = Math.sqrt(logRateVariance(a, pa) + logRateVariance(b, pb));
  return { value, se, ratio: Math.exp(value), lo: Math.exp(value - 1.96 * se), hi: Math.exp(value + 1.96 * se) };
}

/**
 * Two rates the claim asserts are the same within a relative margin: a/b within 1/`ratio` to `ratio` (ln(a/b) within
 * ±ln `ratio`; the bioequivalence 0.80–1.25 at `ratio` = 1.25). ln(a/b) by the delta method, each arm at its
 * effective size. The margin works both ways (VERDICTS.md §5): supported when the 95 % interval of ln(a/b) lies
 * within ±ln ratio, refuted when it lies wholly beyond, inconclusive when it straddles (MDE at the pooled rate, runs
 * per arm that would decide). No ratio is estimable where neither arm has an event: such a cell is read on the
 * difference at `floorMargin` by {@link ratesEqual}. Where both arms' Wilson intervals lie
 * above 1/ratio, no ratio beyond the margin can show either way: marked one way.
 */
export function ratesRatioEqual(
  a: ArmCounts,
  b: ArmCounts,
  ratio: number,
  floorMargin: number,
  text: string,
  evidence: Evidence[],
): Reading {
  if (a.k === 0 && b.k === 0) return ratesEqual(a, b, floorMargin, `${text}, no event in either arm (no ratio)`, evidence);
  const { value, se } = rateRatio(a, b);
  const margin = Math.log(ratio);
  const [lo, hi] = [value - 1.96 * se, value + 1.96 * se];
  const p = 2 * (1 - normalCdf(Math.abs(value) / se));
  const where = `${armText(a)} vs ${armText(b)}: ratio ${num(Math.exp(value))} [${num(Math.exp(lo))}, ${num(Math.exp(hi))}], p = ${num(p)}`;
  const limits = `${num(1 / ratio)}–${num(ratio)}`;
  if (lo > -margin && hi < margin) {
    const f = { kind: "supported" as const, text: `${text} (${where}: within ${limits})`, p: tostP(value, se, margin) };
    const ceiling = armInterval(a).lower > 1 / ratio && armInterval(b).lower > 1 / ratio;
    const why = `both arms above ${num(1 / ratio)} (${a.k}/${a.n} and ${b.k}/${b.n}): no ratio beyond ${limits} can show, so the cell comes out one way`;
    return reading(ceiling ? { ...f, oneWay: why } : f, evidence);
  }
  if (lo > margin || hi < -margin)
    return reading({ kind: "refuted", text: `${text} (${where}: the rates differ by more than ${limits})`, p }, evidence);
  const pooled = (a.k + b.k + 1) / (a.n + b.n + 2);
  const mde = minimumDetectableEffect(Math.sqrt(logRateVariance(a, pooled) + logRateVariance(b, pooled)));
  return inconclusive(
    `${text} (${where}: straddles ${limits}; MDE ${num(mde)} in ln ratio at the pooled rate vs margin ln ${num(ratio)} = ${num(margin)})`,
    evidence,
    mde,
    margin,
    Math.min(a.n, b.n),
    p,
    { value, se },
    undefined,
    2,
  );
}

/**
 * Two estimates the claim asserts are the same (a − b, with its SE). The margin works both ways (VERDICTS.md §5):
 * supported when TOST shows |a − b| < `margin`; refuted when the 95 % interval of a − b lies wholly beyond ±`margin`;
 * inconclusive when it straddles the margin (MDE against the margin).
 */
export function estimatesEqual(diff: TEstimate, margin: number, text: string, evidence: Evidence[], n?: number): Reading {
  const df = diff.df ?? Infinity;
  const [lo, hi] = tInterval(diff, df);
  const eq = equivalenceTest(diff, margin);
  const where = `difference ${num(diff.value)} [${num(lo)}, ${num(hi)}]`;
  if (eq.equivalent)
    return reading(
      { kind: "supported", text: `${text} (${where}: within ±${num(margin)}, TOST p = ${num(eq.pValue)})`, p: eq.pValue },
      evidence,
    );
  if (lo > margin || hi < -margin)
    return reading(
      {
        kind: "refuted",
        text: `${text} (${where}: the values differ by more than ±${num(margin)})`,
        p: diff.se > 0 ? tPValue((Math.abs(diff.value) - margin) / diff.se, df) : 0,
      },
      evidence,
    );
  const mde = minimumDetectableEffect(diff.se);
  return inconclusive(
    `${text} (${where}: straddles the margin ±${num(margin)}, neither shown nor excluded; MDE ${num(mde)} vs margin ${num(margin)})`,
    evidence,
    mde,
    margin,
    n,
    undefined,
    diff,
  );
}

/**
 * {@link estimatesEqual} for a difference known only within bounds, each end estimated with its own error (a
 * quantity whose divisor is bracketed, not measured: the bits a decision removes where its runs end split). Shown
 * equal only when the whole bracket is: the lower end's TOST bound above −margin and the upper end's below +margin,
 * p the larger of the two one-sided p values; refuted only when the whole bracket lies beyond one side; otherwise
 * inconclusive, the bracket's width (which no run count narrows) said beside the MDE. Where the ends coincide it is
 * {@link estimatesEqual}, word for word.
 */
export function boundsEqual(lower: TEstimate, upper: TEstimate, margin: number, text: string, evidence: Evidence[], n?: number): Reading {
  if (lower.value === upper.value && lower.se === upper.se) return estimatesEqual(lower, margin, text, evidence, n);
  const df = Math.min(lower.df ?? Infinity, upper.df ?? Infinity);
  const [lo] = tInterval(lower, df);
  const [, hi] = tInterval(upper, df);
  const where = `difference between ${num(lower.value)} and ${num(upper.value)} (bounds), [${num(lo)}, ${num(hi)}]`;
  const p = Math.max(equivalenceTest(lower, margin).pValue, equivalenceTest(upper, margin).pValue);
  if (equivalenceTest(lower, margin).interval[0] > -margin && equivalenceTest(upper, margin).interval[1] < margin)
    return reading({ kind: "supported", text: `${text} (${where}: within ±${num(margin)}, TOST p = ${num(p)})`, p }, evidence);
  if (lo > margin || hi < -margin) {
    const near = lo > margin ? lower : upper;
    return reading(
      {
        kind: "refuted",
        text: `${text} (${where}: the values differ by more than ±${num(margin)})`,
        p: near.se > 0 ? tPValue((Math.abs(near.value) - margin) / near.se, df) : 0,
      },
      evidence,
    );
  }
  const mde = minimumDetectableEffect(Math.max(lower.se, upper.se));
  return inconclusive(
    `${text} (${where}: straddles the margin ±${num(margin)}, neither shown nor excluded; the bounds are ` +
      `${num(upper.value - lower.value)} apart, a width no run count narrows; MDE ${num(mde)} vs margin ${num(margin)})`,
    evidence,
    mde,
    margin,
  );
}

/**
 * A cell whose chains did not reach one law (issue 51 item 2): chains from overdispersed starts disagree (R̂ above
 * its limit, or their means apart: ./equilibrium twoChains), so their mean decides nothing, whatever its interval says. Inconclusive with why; its MDE is the
 * estimate's and its margin the rule's, and no count of runs is carried (longer chains, not more of them, would
 * decide).
 */
export function chainsDisagree(text: string, evidence: Evidence[], estimate: { se: number; margin: number }): Reading {
  return inconclusive(text, evidence, minimumDetectableEffect(estimate.se), estimate.margin);
}

/** No observable decides the assertion: the reason is the finding. The evidence is what was measured beside it. */
export function undecidable(reason: string, evidence: Evidence[]): Reading {
  return reading({ kind: "undecidable", text: reason }, evidence);
}
