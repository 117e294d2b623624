/**
 * The essay "Finality through ambient entropy", claim by claim, measured on the ambient model (src/ambient/).
 * Each verdict is computed from seeded experiments by the rule written next to it; the model is ours (the essay
 * gives no equations), stated in src/ambient/simulate.ts, so a verdict is about the mechanism as we modelled it.
 */
import type { Proportion } from "../stats/binomial";
import { clockFinalityRound, pipelineFinality } from "../ambient/finality";
import {
  detachmentExperiment,
  doubleSpendExperiment,
  finalityExperiment,
  persistenceDiagram,
  scaleExperiment,
  sybilExperiment,
  type DetachmentResult,
} from "../ambient/experiments";
import type { LegacyClaim, Evidence, LegacyMeasurement, Verdict } from "./types";
import { key } from "../engine/random";

const NOTEBOOK = "notebooks/16-finality-through-ambient-entropy.ipynb";
const fmt = (x: number, digits = 2) => x.toFixed(digits);
const proportion = (name: string, p: Proportion): Evidence => ({ name, value: p.estimate, uncertainty: p.standardError });
/** Two proportions differ when their Wilson 95 % bands are disjoint. */
const above = (a: Proportion, b: Proportion) => a.lower > b.upper;

// Two claims read the same detachment runs; measured once per process (deterministic, so caching changes nothing).
let detached: Promise<[DetachmentResult, DetachmentResult]> | null = null;
const detachment = () => (detached ??= Promise.resolve([detachmentExperiment(key(7)), detachmentExperiment(key(7), { decay: 0 })]));

async function finalityDiffuses(): Promise<LegacyMeasurement> {
  const curve = finalityExperiment(key(2026));
  const usable = curve.ages.map((_, i) => i).filter((i) => curve.atRisk[i]! >= 30);
  const graded = usable.filter((i) => curve.lower[i]! > 0 && curve.upper[i]! < 1).length;
  // Two-proportion z statistic of p_H at ages i and j (pooled binomial SE).
  const zBetween = (i: number, j: number) => {
    const [n1, n2] = [curve.atRisk[i]!, curve.atRisk[j]!];
    const pooled = (curve.displaced[i]! + curve.displaced[j]!) / (n1 + n2);
    return (curve.probability[i]! - curve.probability[j]!) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  };
  const first = usable[0]!;
  const middle = usable[Math.floor(usable.length / 2)]!;
  const last = usable[usable.length - 1]!;
  const zEarly = zBetween(first, last);
  const zLate = zBetween(middle, last);
  // Rule: graded (≥ 3 ages with the band strictly inside (0, 1)); "holds" when the risk is still falling over the
  // second half of the ages (z > 2), "partly" when it levels off at a floor, "fails" when it is a 0/1 step.
  const verdict: Verdict = graded >= 3 ? (zLate > 2 ? "holds" : "partly") : "fails";
  const se = (i: number) => Math.sqrt((curve.probability[i]! * (1 - curve.probability[i]!)) / curve.atRisk[i]!);
  // The §3.1 pipeline, run: it declares finality at its clock round whatever the network holds.
  const lossless = pipelineFinality(0, key(1));
  const lossy = pipelineFinality(0.9, key(1));
  const at = (i: number) => `${fmt(curve.probability[i]!)} at age ${curve.ages[i]}`;
  return {
    verdict,
    headline: `P(displaced within ${curve.horizon}) = ${at(first)} → ${at(middle)} → ${at(last)}; the §3.1 clock declares final at round ${lossless.round} whatever is held`,
    evidence: [
      { name: `P(displaced within H) at age ${curve.ages[first]}`, value: curve.probability[first]!, uncertainty: se(first) },
      { name: `P(displaced within H) at age ${curve.ages[middle]}`, value: curve.probability[middle]!, uncertainty: se(middle) },
      { name: `P(displaced within H) at age ${curve.ages[last]}`, value: curve.probability[last]!, uncertainty: se(last) },
      { name: "z, first vs last age (falls while the value spreads)", value: zEarly },
      { name: "z, middle vs last age (still falling?)", value: zLate },
      { name: "ages with 0 < P < 1 (95 % band)", value: graded, reference: usable.length },
      { name: "§3.1 pipeline: round declared final (no loss)", value: lossless.round, reference: clockFinalityRound(), unit: "rounds" },
      {
        name: "§3.1 pipeline: round declared final (90 % message loss)",
        value: lossy.round,
        reference: clockFinalityRound(),
        unit: "rounds",
      },
      {
        name: "§3.1 pipeline, 90 % loss: final block contains the transaction (1/0)",
        value: lossy.includesTransaction ? 1 : 0,
        reference: 1,
      },
      { name: "BFT commit (PBFT phases)", value: 3, unit: "rounds" },
    ],
    reason:
      verdict === "holds"
        ? "Finality is a graded condition that keeps strengthening: the displacement probability is strictly between 0 and 1 and still falls with the age of the value, where the clock and BFT baselines jump from 'not final' to 'final' by declaration."
        : verdict === "partly"
          ? `Finality is graded, never declared: the risk of displacement is strictly between 0 and 1 at every age and ${zEarly > 2 ? "falls while the value spreads" : "does not fall measurably while the value spreads"}, but then levels off at a floor (a constant hazard: escape over a fixed barrier is memoryless), so confidence stops accruing and never reaches the certainty a BFT commit declares. The §3.1 clock, for its part, declares finality at round ${lossless.round} even for a block that lacks the transaction.`
          : "The displacement probability is 0 or 1 at almost every age: a step, like the declared baselines.",
  };
}

async function detachedDissolve(): Promise<LegacyMeasurement> {
  const [d, zero] = await detachment();
  const rateOk = Math.abs(d.measuredRate - d.decay) / d.decay < 0.2;
  const dissolves = d.holdsBefore.lower > 0.8 && d.holdsAfter.upper < 0.2;
  const verdict: Verdict = dissolves && rateOk ? "holds" : dissolves || rateOk ? "partly" : "fails";
  return {
    verdict,
    headline: `detached node holds its value in ${fmt(d.holdsBefore.estimate)} of runs before, ${fmt(d.holdsAfter.estimate)} after; decay rate ${fmt(d.measuredRate, 3)} vs γ = ${d.decay}; at γ = 0 it keeps it in ${fmt(zero.holdsAfter.estimate)}`,
    evidence: [
      proportion("holds A while participating", d.holdsBefore),
      proportion(`holds A ${d.times[d.times.length - 1]! - d.detachAt} after detaching`, d.holdsAfter),
      { name: "decay rate of its value", value: d.measuredRate, reference: d.decay, unit: "1/time" },
      proportion("same, γ = 0: holds A after detaching", zero.holdsAfter),
    ],
    reason:
      "A node that stops participating loses the coupling and the holding wells that refreshed its value, which then relaxes to neutral at the decay rate γ. This is the model's decay assumption made visible: at γ = 0 a detached node keeps its value (the essay asserts the decay; it does not derive it).",
  };
}

async function identityParticipation(): Promise<LegacyMeasurement> {
  const [d] = await detachment();
  const finalWeight = d.nodeWeight[d.nodeWeight.length - 1]!;
  const verdict: Verdict = finalWeight < 0.01 && d.holdsAfter.upper < 0.2 && d.networkHolds.lower > 0.9 ? "holds" : "fails";
  return {
    verdict,
    headline: `influence weight 1 → ${finalWeight.toExponential(1)} after detaching; its held value gone in ${fmt(1 - d.holdsAfter.estimate)} of runs; the network unaffected (${fmt(d.networkHolds.estimate)})`,
    evidence: [
      { name: "influence weight at the end", value: finalWeight, reference: 0 },
      proportion("detached node still holds A", d.holdsAfter),
      proportion("rest of the network holds A", d.networkHolds),
    ],
    reason:
      "An identity is its participation weight: when it stops participating the weight fades (rate λ = 2 here, our choice), its coupling to others vanishes with it, and nothing of it remains in the field; the network's value does not depend on it.",
  };
}

async function notStolenOrHoarded(): Promise<LegacyMeasurement> {
  const [d] = await detachment();
  const notHoarded = d.holdsAfter.upper < 0.2;
  const notCarried = d.networkHolds.lower > 0.9;
  const verdict: Verdict = notHoarded && notCarried ? "holds" : notHoarded || notCarried ? "partly" : "fails";
  return {
    verdict,
    headline: `a node that leaves keeps the value in ${fmt(d.holdsAfter.estimate)} of runs; the field keeps it in ${fmt(d.networkHolds.estimate)}`,
    evidence: [
      proportion("leaver still holds the value (hoarding)", d.holdsAfter),
      proportion("field still holds the value (not carried away)", d.networkHolds),
    ],
    reason:
      "The value is a property of the participating field, not of any node: a node that leaves with it cannot keep it (it decays at γ) and cannot take it away (the others still hold it). Within the model this follows from γ > 0 and from every node holding a copy.",
  };
}

async function valueCirculates(): Promise<LegacyMeasurement> {
  const [d, zero] = await detachment();
  const rateOk = Math.abs(d.measuredRate - d.decay) / d.decay < 0.2;
  const verdict: Verdict = rateOk && zero.holdsAfter.estimate > 0.5 ? "partly" : rateOk ? "holds" : "fails";
  return {
    verdict,
    headline: `a value out of circulation decays at ${fmt(d.measuredRate, 3)} (γ = ${d.decay}); without decay it stays (held in ${fmt(zero.holdsAfter.estimate)} of runs)`,
    evidence: [
      { name: "decay rate out of circulation", value: d.measuredRate, reference: d.decay, unit: "1/time" },
      { name: "same at γ = 0", value: zero.measuredRate, reference: 0, unit: "1/time" },
      proportion("γ = 0: value still held out of circulation", zero.holdsAfter),
    ],
    reason:
      "Out of circulation a value decays exactly at the rate of the decay term, so 'value exists only while it circulates' holds when γ > 0 and fails at γ = 0: it is a property of the assumed decay, not a consequence of ambient computation in general.",
  };
}

async function scaleThickens(): Promise<LegacyMeasurement> {
  const fraction = scaleExperiment("fraction", key(11));
  const budget = scaleExperiment("budget", key(11));
  const falls = (points: typeof fraction) => above(points[0]!.displaced, points[points.length - 1]!.displaced);
  const f = falls(fraction);
  const b = falls(budget);
  const verdict: Verdict = f && b ? "holds" : f || b ? "partly" : "fails";
  const first = fraction[0]!;
  const last = fraction[fraction.length - 1]!;
  return {
    verdict,
    headline: `P(displaced) N=${first.n}→${last.n}: fixed fraction ${fmt(first.displaced.estimate)} → ${fmt(last.displaced.estimate)}; fixed budget ${fmt(budget[0]!.displaced.estimate)} → ${fmt(budget[budget.length - 1]!.displaced.estimate)}`,
    evidence: [
      ...fraction.map((p) => proportion(`fixed fraction (N/16 identities), N = ${p.n}`, p.displaced)),
      ...budget.map((p) => proportion(`fixed budget (1 identity), N = ${p.n}`, p.displaced)),
    ],
    reason:
      "More participants dilute a fixed attacker (its pull is spread over a growing field whose barrier grows with N), so against a fixed budget the air does thicken; an adversary that grows with the network keeps its pull per node and displaces the value at every size.",
  };
}

async function sybil(): Promise<LegacyMeasurement> {
  const budget = sybilExperiment("budget", key(13));
  const free = sybilExperiment("free", key(13));
  const budgetGrows = above(budget[budget.length - 1]!.displaced, budget[0]!.displaced);
  const freeGrows = above(free[free.length - 1]!.displaced, free[0]!.displaced);
  const verdict: Verdict = !budgetGrows && !freeGrows ? "holds" : !budgetGrows ? "partly" : "fails";
  return {
    verdict,
    headline: `P(displaced) 1 → ${budget[budget.length - 1]!.identities} identities: budgeted ${fmt(budget[0]!.displaced.estimate)} → ${fmt(budget[budget.length - 1]!.displaced.estimate)}; free ${fmt(free[0]!.displaced.estimate)} → ${fmt(free[free.length - 1]!.displaced.estimate)}`,
    evidence: [
      ...budget.map((p) => proportion(`budget ½ split over ${p.identities}`, p.displaced)),
      ...free.map((p) => proportion(`${p.identities} free identities (½ each)`, p.displaced)),
    ],
    reason:
      "When presence costs participation, splitting a fixed budget over more identities does not add pull, so Sybils gain nothing; when identities are free, each adds its own weight and the attack grows with their number. 'Presence is load-bearing' protects only if presence is scarce.",
  };
}

async function persistence(): Promise<LegacyMeasurement> {
  const cells = persistenceDiagram(key(17));
  const persisting = cells.filter((c) => c.decay > 0 && c.persisting.lower > 0.8);
  const contradicting = persisting.filter((c) => !c.aboveCritical);
  const verdict: Verdict = persisting.length > 0 && contradicting.length === 0 ? "holds" : persisting.length > 0 ? "partly" : "fails";
  const dissolving = cells.filter((c) => c.persisting.upper < 0.2).length;
  return {
    verdict,
    headline: `${persisting.length} of ${cells.length} (γ, w) cells persist for the whole run, ${dissolving} dissolve; every persisting cell has w·b > γ`,
    evidence: [
      { name: "cells persisting (γ > 0)", value: persisting.length, reference: cells.length },
      { name: "cells dissolving", value: dissolving, reference: cells.length },
      { name: "persisting cells below the critical line w·b = γ", value: contradicting.length, reference: 0 },
    ],
    reason:
      "With decay everywhere and no record kept, a value persists where participation sustains it: above the line w·b = γ of the uniform field (noise moves the observed boundary further up), and dissolves below it.",
  };
}

async function doubleSpend(): Promise<LegacyMeasurement> {
  const d = doubleSpendExperiment(key(19));
  const verdict: Verdict = d.split.upper < 0.1 ? "holds" : d.split.estimate < 0.5 ? "partly" : "fails";
  return {
    verdict,
    headline: `A wins ${fmt(d.aWins.estimate)} ± ${fmt(d.aWins.standardError)}, B ${fmt(d.bWins.estimate)}, split ${fmt(d.split.estimate)}; resolved in ${fmt(d.resolutionTime, 1)} ± ${fmt(d.resolutionTimeSe, 1)} time units`,
    evidence: [
      proportion("A (node 0) wins", d.aWins),
      proportion("B (node 32) wins", d.bWins),
      proportion("network split at the horizon", d.split),
      { name: "time to 90 % agreement", value: d.resolutionTime, uncertainty: d.resolutionTimeSe, unit: "time" },
    ],
    reason:
      "Two conflicting values injected at different nodes are resolved by the dynamics alone: one takes over the network and the other disappears. Which one is a coin flip (symmetric injections win about equally often): the field picks a value, not the first or the valid one.",
  };
}

async function noByzantine(): Promise<LegacyMeasurement> {
  // Our reading: without history, does a Byzantine participant still displace the network's value?
  const [withAdversary] = scaleExperiment("budget", key(11), { sizes: [64] });
  const [without] = sybilExperiment("budget", key(13), { identities: [0] });
  const problem = above(withAdversary!.displaced, without!.displaced);
  const verdict: Verdict = problem ? "fails" : "holds";
  return {
    verdict,
    headline: `with no history at all, one adversary identity displaces the value in ${fmt(withAdversary!.displaced.estimate)} of runs vs ${fmt(without!.displaced.estimate)} without`,
    evidence: [
      proportion("displaced, one adversary identity (ω = ½)", withAdversary!.displaced),
      proportion("displaced, no adversary", without!.displaced),
    ],
    reason:
      "The thesis is historical and cannot be tested as stated; we test its consequence: the ambient model has no log, no replay and no order, yet an identity that pushes a competing value still displaces the held value. The adversary problem does not disappear with history; it becomes a problem of pull against participation.",
  };
}

export const claims: LegacyClaim[] = [
  {
    id: "e-finality-diffuses",
    source: "essay",
    section: "in-the-air",
    quote: "Finality is not locked. It diffuses.",
    short: "finality is graded, not declared",
    notebook: NOTEBOOK,
    measure: finalityDiffuses,
  },
  {
    id: "e-detached-dissolve",
    source: "essay",
    section: "in-the-air",
    quote: "States that detach from participation dissolve.",
    short: "detached states dissolve",
    notebook: NOTEBOOK,
    measure: detachedDissolve,
  },
  {
    id: "e-identity-participation",
    source: "essay",
    section: "in-the-air",
    quote: "Identity exists only while it participates.",
    short: "identity only while participating",
    notebook: NOTEBOOK,
    measure: identityParticipation,
  },
  {
    id: "e-not-stolen-hoarded",
    source: "essay",
    section: "in-the-air",
    quote: "This kind of finality cannot be stolen or hoarded. It cannot be carried away from the field that sustains it.",
    short: "cannot be stolen or hoarded",
    notebook: NOTEBOOK,
    measure: notStolenOrHoarded,
  },
  {
    id: "e-value-circulates",
    source: "essay",
    section: "in-the-air",
    quote: "Value exists only while it circulates.",
    short: "value only while circulating",
    notebook: NOTEBOOK,
    measure: valueCirculates,
  },
  {
    id: "e-scale-thickens",
    source: "essay",
    section: "in-the-air",
    quote: "Additional participants do not dilute security; they thicken the air.",
    short: "scale thickens the air",
    notebook: NOTEBOOK,
    measure: scaleThickens,
  },
  {
    id: "e-sybil",
    source: "essay",
    section: "in-the-air",
    quote: "Sybil behavior ceases to be an attack because presence is load-bearing.",
    short: "Sybils are not an attack",
    notebook: NOTEBOOK,
    measure: sybil,
  },
  {
    id: "e-persistence",
    source: "essay",
    section: "in-the-air",
    quote: "Nothing is sealed. Nothing is archived. Nothing is defended forever. And yet, something persists.",
    short: "something persists",
    notebook: NOTEBOOK,
    measure: persistence,
  },
  {
    id: "e-double-spend",
    source: "essay",
    section: "in-the-air",
    quote: "It allows local interactions to resolve globally through diffusion, decay, and replacement.",
    short: "conflicts resolve locally",
    notebook: NOTEBOOK,
    measure: doubleSpend,
  },
  {
    id: "e-no-byzantine",
    source: "essay",
    section: "fall-of-byzantium",
    quote: "The Byzantine problem exists only because we insisted that computation be historical.",
    short: "no history, no Byzantine problem",
    notebook: NOTEBOOK,
    measure: noByzantine,
  },
];

/** Claims by id, for notebooks. */
export const essayClaims: Record<string, LegacyClaim> = Object.fromEntries(claims.map((c) => [c.id, c]));
