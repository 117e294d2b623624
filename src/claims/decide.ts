/**
 * Decision rules: the only place where a verdict is named. A claim file measures numbers with their uncertainty and
 * hands them to one of these rules; the rule says whether the claim's assertion is supported, refuted, mixed or
 * left inconclusive by the data, and maps that finding to a verdict by one table ({@link verdictOf}):
 *
 * | finding      | verdict | meaning                                                                       |
 * |--------------|---------|-------------------------------------------------------------------------------|
 * | supported    | holds   | the asserted effect is shown beyond the uncertainty (or exactly, for a fact) |
 * | refuted      | fails   | the opposite is shown, or the effect is shown negligible (equivalence test)  |
 * | mixed        | partly  | one part supported, another refuted                                           |
 * | inconclusive | partly  | neither shown at this power: the finding states the minimum detectable effect |
 * | undecidable  | untestable | no observable decides the assertion (the reason is stated)                 |
 *
 * Every rule returns a {@link Reading}: its verdict, the finding in words with the numbers, and the evidence read.
 */
import { wilson } from "../stats/binomial";
import { equivalenceTest, minimumDetectableEffect, normalInterval, twoProportionTest, type Estimate } from "../stats/tests";
import { num } from "../format";
import type { Evidence, Reading, Verdict } from "./types";

export type Finding = "supported" | "refuted" | "mixed" | "inconclusive" | "undecidable";

const VERDICT_OF: Record<Finding, Verdict> = {
  supported: "holds",
  refuted: "fails",
  mixed: "partly",
  inconclusive: "partly",
  undecidable: "untestable",
};

/** The verdict a finding maps to (the table in the module comment). */
export function verdictOf(finding: Finding): Verdict {
  return VERDICT_OF[finding];
}

function reading(finding: Finding, text: string, evidence: Evidence[]): Reading {
  return { verdict: verdictOf(finding), finding: `${finding}: ${text}`, evidence };
}

/** A rate k/n as evidence, with its Wilson 95 % interval and binomial SE. */
export function rateEvidence(name: string, k: number, n: number): Evidence {
  const w = wilson(k, n);
  return { name, value: w.estimate, uncertainty: w.standardError, interval: [w.lower, w.upper] };
}

/** An estimate as evidence, with its normal 95 % interval. */
export function estimateEvidence(name: string, estimate: Estimate, extra: { reference?: number; unit?: string } = {}): Evidence {
  const out: Evidence = { name, value: estimate.value, uncertainty: estimate.se, interval: normalInterval(estimate) };
  if (extra.reference !== undefined) out.reference = extra.reference;
  if (extra.unit !== undefined) out.unit = extra.unit;
  return out;
}

/**
 * A deterministic fact (an identity, an exact count, a value below a rounding tolerance): supported when `holds`,
 * refuted otherwise. Use only where the measured quantity has no sampling error.
 */
export function fact(holds: boolean, text: string, evidence: Evidence[]): Reading {
  return reading(holds ? "supported" : "refuted", text, evidence);
}

/**
 * Is an estimate beyond a threshold? The claim asserts value > threshold (`direction` "above") or value < threshold
 * ("below"). Supported when the whole 95 % interval is on the asserted side, refuted when it is wholly on the other
 * side, inconclusive when the interval straddles the threshold.
 */
export function beyond(estimate: Estimate, threshold: number, direction: "above" | "below", text: string, evidence: Evidence[]): Reading {
  const [lo, hi] = normalInterval(estimate);
  const asserted = direction === "above" ? lo > threshold : hi < threshold;
  const opposite = direction === "above" ? hi < threshold : lo > threshold;
  const where = `${num(estimate.value)} [${num(lo)}, ${num(hi)}] vs ${num(threshold)}`;
  return reading(asserted ? "supported" : opposite ? "refuted" : "inconclusive", `${text} (${where})`, evidence);
}

/**
 * Is a rate k/n beyond a threshold? Like {@link beyond}, with the Wilson 95 % interval in place of the normal one
 * (it stays sensible at k = 0 or n, where the binomial standard error is 0): supported when the interval lies wholly
 * on the asserted side, refuted when wholly on the other, inconclusive when it straddles the threshold.
 */
export function rateBeyond(
  k: number,
  n: number,
  threshold: number,
  direction: "above" | "below",
  text: string,
  evidence: Evidence[],
): Reading {
  const w = wilson(k, n);
  const asserted = direction === "above" ? w.lower > threshold : w.upper < threshold;
  const opposite = direction === "above" ? w.upper < threshold : w.lower > threshold;
  const where = `${k}/${n} = ${num(w.estimate)} [${num(w.lower)}, ${num(w.upper)}] vs ${num(threshold)}`;
  return reading(asserted ? "supported" : opposite ? "refuted" : "inconclusive", `${text} (${where})`, evidence);
}

/**
 * Does a difference (a − b, with its SE) have the asserted sign? Supported when its 95 % interval excludes 0 on the
 * asserted side; refuted when it excludes 0 on the other side, or when the equivalence test shows |a − b| < `margin`
 * (a negligible effect is no effect); inconclusive otherwise, with the minimum detectable effect at power 0.8.
 */
export function difference(diff: Estimate, asserted: "positive" | "negative", margin: number, text: string, evidence: Evidence[]): Reading {
  const [lo, hi] = normalInterval(diff);
  const shown = asserted === "positive" ? lo > 0 : hi < 0;
  const opposite = asserted === "positive" ? hi < 0 : lo > 0;
  const eq = equivalenceTest(diff, margin);
  const where = `difference ${num(diff.value)} [${num(lo)}, ${num(hi)}]`;
  if (shown) return reading("supported", `${text} (${where})`, evidence);
  if (opposite) return reading("refuted", `${text} (${where}, the opposite sign)`, evidence);
  if (eq.equivalent)
    return reading("refuted", `${text} (${where}: within the margin ±${num(margin)}, TOST p = ${num(eq.pValue)})`, evidence);
  const mde = minimumDetectableEffect(diff.se);
  return reading(
    "inconclusive",
    `${text} (${where}: neither shown nor excluded; minimum detectable effect ${num(mde)} at power 0.8)`,
    evidence,
  );
}

/**
 * Two rates compared by the two-proportion z-test: the claim asserts rate a > rate b ("greater") or a < b ("less").
 * Supported when the test rejects equality at α = 0.05 in the asserted direction; refuted when it rejects in the
 * other, or when Newcombe's interval of a − b lies within ±`margin`; inconclusive otherwise.
 */
export function rates(
  a: { k: number; n: number },
  b: { k: number; n: number },
  asserted: "greater" | "less",
  margin: number,
  text: string,
  evidence: Evidence[],
): Reading {
  const t = twoProportionTest(a.k, a.n, b.k, b.n);
  const sign = asserted === "greater" ? 1 : -1;
  const where = `${a.k}/${a.n} vs ${b.k}/${b.n}: difference ${num(t.difference)} [${num(t.interval[0])}, ${num(t.interval[1])}], p = ${num(t.pValue)}`;
  if (t.pValue < 0.05 && sign * t.difference > 0) return reading("supported", `${text} (${where})`, evidence);
  if (t.pValue < 0.05 && sign * t.difference < 0) return reading("refuted", `${text} (${where}, the opposite direction)`, evidence);
  if (t.interval[0] > -margin && t.interval[1] < margin)
    return reading("refuted", `${text} (${where}: within the margin ±${num(margin)})`, evidence);
  const mde = minimumDetectableEffect(t.se);
  return reading("inconclusive", `${text} (${where}; minimum detectable difference ${num(mde)} at power 0.8)`, evidence);
}

/**
 * Two rates the claim asserts are the same (an effect that should be absent): supported when Newcombe's interval of
 * a − b lies within ±`margin` (equivalence), refuted when the two-proportion test rejects equality at α = 0.05 with
 * the interval reaching beyond the margin, inconclusive otherwise, with the minimum detectable difference.
 */
export function ratesEqual(
  a: { k: number; n: number },
  b: { k: number; n: number },
  margin: number,
  text: string,
  evidence: Evidence[],
): Reading {
  const t = twoProportionTest(a.k, a.n, b.k, b.n);
  const where = `${a.k}/${a.n} vs ${b.k}/${b.n}: difference ${num(t.difference)} [${num(t.interval[0])}, ${num(t.interval[1])}], p = ${num(t.pValue)}`;
  if (t.interval[0] > -margin && t.interval[1] < margin)
    return reading("supported", `${text} (${where}: within the margin ±${num(margin)})`, evidence);
  if (t.pValue < 0.05) return reading("refuted", `${text} (${where}: the rates differ)`, evidence);
  const mde = minimumDetectableEffect(t.se);
  return reading("inconclusive", `${text} (${where}; minimum detectable difference ${num(mde)} at power 0.8)`, evidence);
}

/**
 * Two estimates the claim asserts are the same (a − b, with its SE): supported when the TOST equivalence test shows
 * |a − b| < `margin`; refuted when the 95 % interval of a − b excludes 0 (a difference shown); inconclusive
 * otherwise, with the minimum detectable effect.
 */
export function estimatesEqual(diff: Estimate, margin: number, text: string, evidence: Evidence[]): Reading {
  const [lo, hi] = normalInterval(diff);
  const eq = equivalenceTest(diff, margin);
  const where = `difference ${num(diff.value)} [${num(lo)}, ${num(hi)}]`;
  if (eq.equivalent)
    return reading("supported", `${text} (${where}: within the margin ±${num(margin)}, TOST p = ${num(eq.pValue)})`, evidence);
  if (lo > 0 || hi < 0) return reading("refuted", `${text} (${where}: the values differ)`, evidence);
  const mde = minimumDetectableEffect(diff.se);
  return reading(
    "inconclusive",
    `${text} (${where}: neither shown nor excluded; minimum detectable effect ${num(mde)} at power 0.8)`,
    evidence,
  );
}

/**
 * Several parts of one claim, each decided by its own rule: supported when every part is, refuted when every part
 * is, undecidable when every part is, mixed otherwise.
 */
export function allOf(parts: readonly Reading[], text: string): Reading {
  const verdicts = new Set(parts.map((p) => p.verdict));
  const only = verdicts.size === 1 ? [...verdicts][0] : undefined;
  const finding: Finding =
    only === verdictOf("supported")
      ? "supported"
      : only === verdictOf("refuted")
        ? "refuted"
        : only === verdictOf("undecidable")
          ? "undecidable"
          : "mixed";
  return reading(
    finding,
    `${text}: ${parts.map((p) => p.finding).join("; ")}`,
    parts.flatMap((p) => p.evidence),
  );
}

/** No observable decides the assertion: the reason is the finding. The evidence is what was measured beside it. */
export function undecidable(reason: string, evidence: Evidence[]): Reading {
  return reading("undecidable", reason, evidence);
}
