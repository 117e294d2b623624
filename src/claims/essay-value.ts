/**
 * The essay's claims about what detachment does to a state, a value and an identity ("States that detach from
 * participation dissolve", "cannot be stolen or hoarded", "Value exists only while it circulates", "Identity exists
 * only while it participates"), second edition. All four read one experiment, the detachment runs (node 0 of a
 * network holding A stops participating), shared within a replicate and cell.
 */
import { detachmentExperiment, type DetachmentResult } from "../studies/ambient/ambient-experiments";
import { normalQuantile } from "../stats/tests";
import { beyond, conjunction, estimateEvidence, rateBeyond, type TEstimate } from "./decide";
import { evidence, num } from "./evidence";
import {
  COUPLING,
  DECAY,
  DEGREE,
  MAJORITY,
  MODEL,
  NOTEBOOK,
  TEMPERATURE,
  at,
  choiceAt,
  choiceTag,
  constantsOf,
  ev,
  memoised,
  networkFrom,
  sharedStream,
} from "./essay-common";
import type { Claim, Evidence, Grid, MeasureContext, Measurement } from "./types";

const NODES = 64;
const DETACH_AT = 5;
const DURATION = 40;

/**
 * Runs in a cell: enough that the test of the detached node's mean value against ½ has power 0.99 when the value
 * has dissolved (a grid verdict needs all four cells to agree, so each must be near certain). Once detached the node
 * is an Ornstein–Uhlenbeck process with stationary spread √(T/γ); a dissolved mean sits within 0.05 of 0, so
 * (z₀.₉₇₅ + z₀.₉₉)·√(T/γ)/√n must stay below 0.45. At least 50 runs (the rates read beside it).
 */
export function detachmentRuns(temperature: number, decay: number): number {
  const z = normalQuantile(0.975) + normalQuantile(0.99);
  return Math.max(50, Math.ceil(((z * Math.sqrt(temperature / decay)) / 0.45) ** 2));
}

/** The grid of the four detachment claims: the same cells, so they share one run per cell and replicate. */
const GRID: Grid = { T: TEMPERATURE, gamma: DECAY, kappa: COUPLING, degree: DEGREE };

/** The detachment runs of this replicate and cell, shared by the four claims (one stream for them all). */
function detached(ctx: MeasureContext): { d: DetachmentResult; runs: number; temperature: number; decay: number } {
  const temperature = at(ctx, "T"),
    decay = at(ctx, "gamma"),
    choice = choiceAt(ctx);
  const runs = detachmentRuns(temperature, decay);
  const graph = sharedStream(ctx, "detachment/graph"),
    dynamics = sharedStream(ctx, "detachment/runs");
  const d = memoised(`detachment T=${temperature} γ=${decay} runs=${runs}${choiceTag(choice)}`, [graph, dynamics], () =>
    detachmentExperiment(dynamics, {
      ...constantsOf(choice),
      runs,
      temperature,
      decay,
      nodes: NODES,
      duration: DURATION,
      network: networkFrom(graph, choice.degree),
    }),
  );
  return { d, runs, temperature, decay };
}

const est = (v: { value: number; se: number }, runs: number): TEstimate => ({ value: v.value, se: v.se, df: runs - 1 });

/** The detached node's value at the end is below ½ (the A/neutral boundary): it has dissolved. */
function dissolved(d: DetachmentResult, runs: number, text: string) {
  return beyond(
    est(d.valueAfter, runs),
    MAJORITY,
    "below",
    text,
    [
      estimateEvidence(
        `value of the detached node ${DURATION - DETACH_AT} time units after it detached (mean over runs)`,
        est(d.valueAfter, runs),
        {
          reference: MAJORITY,
        },
      ),
      ev("runs in which the detached node still holds A (ψ > ½)", d.holdsAfter),
      ...rateOf(d),
    ],
    runs,
  );
}

/** While participating the node holds the value: its mean value beyond ½. */
function heldWhileParticipating(d: DetachmentResult, runs: number, text: string) {
  return beyond(
    est(d.valueBefore, runs),
    MAJORITY,
    "above",
    text,
    [
      estimateEvidence("value of the node just before it detached (mean over runs)", est(d.valueBefore, runs), { reference: MAJORITY }),
      ev("runs in which it holds A (ψ > ½) while participating", d.holdsBefore),
    ],
    runs,
  );
}

/** The fitted decay rate of the detached node's mean value, where the fit has points (it is noisy at T = 0.5). */
function rateOf(d: DetachmentResult): Evidence[] {
  return Number.isFinite(d.measuredRate)
    ? [evidence("decay rate of its mean value once detached (log-linear fit)", d.measuredRate, { reference: d.decay, unit: "1/time" })]
    : [];
}

const MODEL_DETACH = `${MODEL}; N = ${NODES}; node 0 stops participating at t = ${DETACH_AT} (its activity drops to 0, its influence weight fades at λ = 2, its coupling and holding wells with it) and is observed until t = ${DURATION}; runs per cell planned from the noise (detachmentRuns, power 0.99: 454 at T = 0.5, γ = 0.1; 152 at γ = 0.3; 50 at T = 0.05).`;

const BY_DECAY =
  "Once a node's weight has faded, its coupling and holding wells (both proportional to participation) are gone and the decay term −γψ is the only force on it: its mean relaxes as e^{−γt} toward neutral by construction, so at any γ > 0 and a window of several 1/γ the detached value dissolves in the model. Without decay (γ = 0, the ablation; not the essay's mechanism, which names decay) its mean would stay where it was and only the noise would spread it.";

const REVIEW_DETACH =
  "Review: 'every essay claim runs on one fixed graph (EXPERIMENT_NETWORK = key(1))' and 'the γ = 0 strongest readings are stricter than the quote'. Fixed: every replicate draws its own ws:64:6:0.1 (the four detachment claims share it, and the runs, within a replicate and cell); γ = 0 is no longer a reading — the essay names decay as its mechanism — but the ablation argued in byConstruction; γ ∈ {0.1, 0.3} and T ∈ {0.5, 0.05} are the grid, and 'dissolved' is read on the node's mean value (at T = 0.5 thermal noise alone puts a dissolved node above ½ in four runs in ten, so the old ψ > ½ count could not tell).";

const detachedDissolve: Claim = {
  id: "e-detached-dissolve",
  source: "essay",
  section: "in-the-air",
  quote: "States that detach from participation dissolve.",
  short: "detached states dissolve",
  notebook: NOTEBOOK,
  model: MODEL_DETACH,
  reading: {
    statement: "A node that stops participating loses the value it held: its state relaxes to neutral (below the A/neutral boundary ½).",
    mechanism: "essay",
  },
  decision: {
    rule: "beyond (t, runs − 1 df): the detached node's value at the end, mean over runs, below ½",
    threshold: "½, the boundary between holding A (ψ > ½) and the neutral state",
    why: "A state has dissolved when it no longer holds the value: its mean has fallen below the boundary of holding A. The mean, not the share of runs above ½, because at T = 0.5 noise alone puts a neutral node above ½ in about four runs in ten.",
  },
  grid: GRID,
  repairs: [],
  byConstruction: BY_DECAY,
  review: REVIEW_DETACH,
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const { d, runs, decay, temperature } = detached(ctx);
    const result = dissolved(d, runs, `detached node's value at the end (γ = ${decay}, T = ${temperature})`);
    return {
      result,
      headline: `a detached node's value ${num(d.valueBefore.value)} → ${num(d.valueAfter.value)} ± ${num(d.valueAfter.se)} (γ = ${decay}, T = ${temperature}, ${runs} runs)`,
      reason:
        "A node that stops participating loses the coupling and the holding wells that refreshed its value, which then relaxes to neutral at the decay rate γ: the essay's decay at work, as the model builds it.",
    };
  },
};

const identityParticipation: Claim = {
  id: "e-identity-participation",
  source: "essay",
  section: "in-the-air",
  quote: "Identity exists only while it participates.",
  short: "identity only while participating",
  notebook: NOTEBOOK,
  model: MODEL_DETACH,
  reading: {
    statement:
      "An identity (a node's influence weight and the state it holds) exists while it participates and not after: participating, it holds the value; once it stops, its weight fades to nothing and its state dissolves.",
    mechanism: "essay",
  },
  decision: {
    rule: "conjunction (Holm): beyond (t): the node's value before detaching above ½; beyond (t): its value at the end below ½ (its influence weight at the end is shown beside: its fading is the model's definition, byConstruction, not a part)",
    threshold: "½ for the value (the A/neutral boundary); 1 % of a participant's weight",
    why: "'Exists only while' is both directions: present while participating, gone after. A weight below 1 % of a participant's pulls its neighbours less than the noise moves them; a value below ½ is no longer A.",
  },
  grid: GRID,
  repairs: [],
  byConstruction: `The model defines an identity's influence as a weight relaxing toward its activity (w ← a + (w − a)e^{−λh}, λ = 2), so a node that stops participating fades by construction (the weight part is algebra). ${BY_DECAY}`,
  review: `${REVIEW_DETACH} Review 2 (rubric: a mixed or conjunctive finding's parts are measured, never fact() of an identity of algebra): its 'weight fades' part was fact(w < 0.01) of the weight's own definition. Fixed: the weight is evidence beside the verdict (byConstruction says why), the conjunction's parts are the two measured tests.`,
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const { d, runs, decay, temperature } = detached(ctx);
    const finalWeight = d.nodeWeight[d.nodeWeight.length - 1]!;
    const result = conjunction(
      [
        { statement: "participating, it holds the value", reading: heldWhileParticipating(d, runs, "node's value before it detaches") },
        { statement: "detached, its state dissolves", reading: dissolved(d, runs, "detached node's value at the end") },
      ],
      `γ = ${decay}, T = ${temperature}`,
    );
    // The weight's fading is algebra (w relaxes toward the activity 0): evidence beside the verdict, not a part of it.
    result.evidence.push(evidence("influence weight at the end (the model's definition)", finalWeight, { reference: 0 }));
    return {
      result,
      headline: `influence weight 1 → ${num(finalWeight)}; its value ${num(d.valueBefore.value)} → ${num(d.valueAfter.value)} ± ${num(d.valueAfter.se)} (γ = ${decay}, T = ${temperature})`,
      reason:
        "An identity is its participation weight: when it stops participating the weight fades (the model's definition), its coupling to others vanishes with it, and the value it held decays to neutral (the essay's decay). Within the model this is the definition of the weight and the decay at work.",
    };
  },
};

const notStolenOrHoarded: Claim = {
  id: "e-not-stolen-hoarded",
  source: "essay",
  section: "in-the-air",
  quote: "This kind of finality cannot be stolen or hoarded. It cannot be carried away from the field that sustains it.",
  short: "cannot be stolen or hoarded",
  notebook: NOTEBOOK,
  model: MODEL_DETACH,
  reading: {
    statement:
      "A node that leaves the field can neither keep the value (its copy dissolves: not hoarded) nor take it away (the field still holds it: not stolen, not carried away).",
    mechanism: "essay",
  },
  decision: {
    rule: "conjunction (Holm): beyond (t): the leaver's value at the end, mean over runs, below ½; rateBeyond (Wilson): the share of runs in which the rest of the network still holds A above ½",
    threshold: "½: the A/neutral boundary for the leaver's value; more often than not for the field",
    why: "Hoarding means the leaver still holds the value; carrying it away (or stealing it by leaving) means the field no longer does more often than not.",
  },
  grid: GRID,
  repairs: [],
  byConstruction: `${BY_DECAY} That the field keeps the value is not built in: every remaining node holds its own copy, sustained by participation against the same decay and noise.`,
  review: REVIEW_DETACH,
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const { d, runs, decay, temperature } = detached(ctx);
    const result = conjunction(
      [
        { statement: "not hoarded: the leaver's copy dissolves", reading: dissolved(d, runs, "leaver's value at the end") },
        {
          statement: "not carried away: the field still holds the value",
          reading: rateBeyond(
            d.networkHolds.k,
            d.networkHolds.n,
            MAJORITY,
            "above",
            "runs in which the rest of the network holds A at the end",
            [ev("runs in which the rest of the network holds A at the end", d.networkHolds)],
          ),
        },
      ],
      `γ = ${decay}, T = ${temperature}`,
    );
    return {
      result,
      headline: `the leaver's value ${num(d.valueBefore.value)} → ${num(d.valueAfter.value)} ± ${num(d.valueAfter.se)}; the field keeps A in ${d.networkHolds.k}/${d.networkHolds.n} runs (γ = ${decay}, T = ${temperature})`,
      reason:
        "The value is a property of the participating field: a node that leaves cannot take it away (the others still hold it) and cannot keep it either, because out of the field only the decay acts on its copy.",
    };
  },
};

const valueCirculates: Claim = {
  id: "e-value-circulates",
  source: "essay",
  section: "in-the-air",
  quote: "Value exists only while it circulates.",
  short: "value only while circulating",
  notebook: NOTEBOOK,
  model: MODEL_DETACH,
  reading: {
    statement:
      "A value held by a node exists while the node takes part in the field's exchange (circulation) and is lost once it is taken out of it.",
    mechanism: "essay",
  },
  decision: {
    rule: "conjunction (Holm): beyond (t): the node's value while circulating above ½; beyond (t): its value out of circulation, at the end, below ½",
    threshold: "½, the A/neutral boundary",
    why: "'Exists only while' is both directions: the value is there while it circulates and gone after.",
  },
  grid: GRID,
  repairs: [],
  byConstruction: BY_DECAY,
  review: REVIEW_DETACH,
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const { d, runs, decay, temperature } = detached(ctx);
    const result = conjunction(
      [
        { statement: "circulating, the value exists", reading: heldWhileParticipating(d, runs, "node's value while it circulates") },
        { statement: "out of circulation, it is lost", reading: dissolved(d, runs, "node's value out of circulation, at the end") },
      ],
      `γ = ${decay}, T = ${temperature}`,
    );
    return {
      result,
      headline: `a value out of circulation: ${num(d.valueBefore.value)} → ${num(d.valueAfter.value)} ± ${num(d.valueAfter.se)}; fitted decay rate ${num(d.measuredRate)} vs γ = ${decay} (T = ${temperature})`,
      reason:
        "Out of circulation a value decays at the rate of the decay term (the fitted rate matches γ at low noise): it exists only while the field's exchange refreshes it, as the essay's decay makes it.",
    };
  },
};

export const claims: Claim[] = [detachedDissolve, identityParticipation, notStolenOrHoarded, valueCirculates];
