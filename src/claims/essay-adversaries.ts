/**
 * The essay's claims about attackers, second edition: scale thickens the air, Sybils are no attack, and without
 * history there is no Byzantine problem. Each replicate draws its own networks from the claim's "graph" stream.
 */
import {
  SCALE_ATTACKERS,
  SCALE_DURATION,
  SCALE_SIZES,
  scalePointsFrom,
  scaleRuns,
  SYBIL_INDEPENDENT,
  SYBIL_PLANNING_RATE,
  SYBIL_RUNS,
  SYBILS,
  sybilArmsFrom,
} from "../studies/ambient/adversary-design";
import { powerLaw } from "../stats/regression";
import {
  armsTest,
  conjunction,
  difference,
  estimateEvidence,
  noFall,
  rateRatio,
  ratesRatioEqual,
  verdictOf,
  type ArmCounts,
} from "./machinery/decide";
import { BIOEQUIVALENCE_RATIO } from "../stats/equivalence";
import { evidence, num } from "./machinery/evidence";
import type { ClusteredProportion } from "../stats/clustered";
import { withBuiltCells } from "./machinery/built-cells";
import { REVIEW_FIFTEENTH, REVIEW_TWENTY_FIRST_GRID } from "./reviews";
import {
  COUPLING,
  DECAY,
  DEGREE,
  ESSAY_MARGIN,
  choiceAt,
  MODEL,
  NOTEBOOK,
  TEMPERATURE,
  at,
  ev,
  memoised,
  streamsOf,
  clusteredEv,
  PLANNING_ICC,
  RUNS_PER_NETWORK,
  welch,
} from "./essay-common";
import type { Claim, MeasureContext, Measurement, SizeTrend, Verdict } from "./machinery/types";

/** The attackers that grow with the network: every one of them has the same κ and degree axes. */
const GROWING = Object.keys(SCALE_ATTACKERS).filter((a) => SCALE_ATTACKERS[a]!.mode === "fraction");

/** An arm's counts at its design effect over the networks its runs were drawn on. */
const armCount = (p: ClusteredProportion): ArmCounts => ({ k: p.k, n: p.n, designEffect: p.designEffect });

// --- e-scale-thickens -------------------------------------------------------------------------------------------

const scaleThickensCells: Claim = {
  id: "e-scale-thickens",
  source: "essay",
  section: "in-the-air",
  quote: "Additional participants do not dilute security; they thicken the air.",
  short: "scale thickens the air",
  notebook: NOTEBOOK,
  model:
    `${MODEL}, γ and T the grid's (${DECAY.values.join(" or ")}; ${TEMPERATURE.values.join(" or ")}); ` +
    `N = ${SCALE_SIZES.join(", ")} (${SCALE_SIZES.map(scaleRuns).join(", ")} ` +
    `runs), ${SCALE_DURATION} time units, the network starting from A; an attacker ` +
    `pushing B through identities attached to 3 nodes each; security = the share of honest ` +
    `nodes holding A averaged over the run (1 at the start: how far and how fast the attacker ` +
    `pushes it down), with P(displaced) (the majority lost at some record) beside it.`,
  reading: {
    statement:
      "Two clauses, each a part of every cell: adding participants does not dilute security (the share of honest " +
      "nodes that keep the value through the attack does not fall by more than the margin from the smallest N to the " +
      "largest), and it thickens the air (that share rises by more than the margin).",
    mechanism: "essay",
  },
  decision: {
    rule:
      `conjunction of two parts on one difference (Welch t), the held share averaged over the run at N = ` +
      `${SCALE_SIZES[SCALE_SIZES.length - 1]} minus that at N = ${SCALE_SIZES[0]}: "do not dilute", noFall ` +
      `(non-inferiority, TOST's lower test: holds when a fall of ${ESSAY_MARGIN} or more is rejected, fails when the ` +
      `interval lies below −${ESSAY_MARGIN}); "thicken", difference: holds when the interval lies above ` +
      `+${ESSAY_MARGIN}, fails on the opposite sign or TOST within ±${ESSAY_MARGIN} (Holm over the two)`,
    threshold: `α = 0.05; a change within ±${ESSAY_MARGIN} (one node in ten) is none`,
    why:
      "'Do not dilute security; they thicken the air' asserts two things: security does not fall as participants " +
      "are added, and it grows. A flat share keeps the first and not the second, so each is its own part (twenty-" +
      "second-edition referee). The held share averaged over the run is security as the field sees it: continuous, " +
      "1 at the start, so neither an attacker that wins every run (P(displaced) = 1 at both ends, the first " +
      "edition's ceiling) nor one that never wins saturates it — it still shows how far and how fast the value is " +
      "pushed down. Compared across three decades; a change of less than one node in ten is none either way.",
  },
  grid: {
    attacker: {
      values: Object.keys(SCALE_ATTACKERS),
      why: [
        "the same attacker as participants are added (one identity, ω = ½): 'additional participants' are honest ones",
        "an attacker that grows with the network, keeping 1/32 of the participation weight: participants join both sides alike",
        "the same growing attacker at half the weight per identity (1/64 of the participation): whether scale helps against a weaker share",
      ],
    },
    T: TEMPERATURE,
    gamma: DECAY,
    // κ and the degree are crossed into every growing attacker's headline cell alike (twenty-second-edition referee: one
    // side of the split only made the grid lopsided); the fixed attacker's cells are by construction, evidence.
    kappa: { ...COUPLING, when: { ...COUPLING.when, attacker: GROWING } },
    degree: DEGREE,
  },
  sizes: SCALE_SIZES,
  repairs: [],
  byConstruction:
    "Against a fixed attacker our model dilutes by construction: its pull is on 3 nodes whatever N, so " +
    "the share it can hold is at most a few nodes out of N. Against an attacker that grows with N, " +
    "nothing is built in: measured. The fixed-attacker cells are measured and shown (the plain reading: the " +
    "additional participants are honest ones), but set aside as evidence by the one by-construction test " +
    "(VERDICTS.md §3: a cell our model decides counts toward no 90 %); the growing attackers' cells decide.",
  review:
    "Review 2: 'e-scale-thickens stops at N = 1.6·10⁴ because that runs in a second or two' and 'the " +
    "share-1/64 cell is called holds at 0.114 [0.072, 0.156] although its own rule calls a change within " +
    "±0.1 none'. Fixed: the scale experiment runs on the ambient model's structured fast path (typed " +
    "arrays, no per-node objects, no worker threads: the tensor path's worker stall above ~28 000 nodes " +
    "is gone) to N = 10⁵ (16 … 10⁵, nearly four decades); support now needs the whole interval beyond " +
    "the margin (decide.ts, margins both ways), so a change whose interval reaches into ±0.1 is " +
    "inconclusive, not holds. Review 1: 'N = 16–128 for a claim about scale; the fixed-fraction arm is 60/60 " +
    "vs 60/60 (equivalence at a ceiling)'. Fixed then: each replicate drawing its own network per " +
    "size; the decision reads the held share averaged over the run (continuous, 1 at the start) instead " +
    "of the saturated displacement rate, and the attacker is a grid parameter (fixed; a growing share " +
    "at two weights). No power law is extrapolated to 10⁹: the held share levels off at the thermal-noise " +
    "floor (about 0.89 of the nodes hold A at T = 0.5 without any attacker) from N ≈ 10², so the " +
    "measured plateau is the prediction and a power law would not describe it. Fourth-edition referee: 'γ " +
    "is fixed at 0.1, although the essay module declares the decay an open choice and e-persistence " +
    "shows it deciding outcomes (T = 0.5, w = 1: 39/40 persist at γ = 0.1, 7/40 at 0.3)'. Fixed: γ is a " +
    "grid parameter (DECAY: 0.1 and 0.3, each with its reason), the same runs' keys at each γ. Sixth-edition " +
    "referee: 'the key number is the fixed-attacker cell, which holds by construction'. Fixed: " +
    "the fixed-attacker cells are set aside as evidence (Finding setAside), so the verdict, its parts, " +
    "decidedBy and the key number come from the growing attackers. And 'e-scale-thickens holds T = 0.5 " +
    "while every sibling essay claim grids T ∈ {0.5, 0.05}': T is a grid parameter (TEMPERATURE, the " +
    "siblings' values and reasons). Eighth-edition referee: 'pseudo-replication: each replicate draws " +
    "one network per size, and all runs of a cell share it, so the intervals and power plans cover " +
    "run-to-run noise only, not the variation between networks (e-double-spend's k = 4 cell split 8, 83 and " +
    "70 of 872 runs at three seeds)'. Fixed: every run has its own network (on the structured fast path " +
    "a network costs little beside a run), so the runs at each size are independent draws from the " +
    "family and Welch's t reads them as such. Ninth-edition referee: 'the fixed-attacker cells are set " +
    'aside, but their reason ("additional participants" are honest ones) is the plain reading of the ' +
    "sentence; the rubric keeps only designed landscapes out of deciding cells, and by-construction " +
    "outcomes are declared, not removed'. Fixed: the fixed-attacker cells decide, each saying in its " +
    "headline that it is by construction in our model (byConstruction); only a one-way cell is set aside. " +
    "VERDICTS.md §3's amended rule (issue 74): a cell that holds only by construction is evidence, so the " +
    "fixed-attacker holds are marked (built-cells) and the growing attackers' cells decide (label expected mixed)." +
    REVIEW_TWENTY_FIRST_GRID +
    ' Twenty-second-edition referee (2026-11-30): \'the sentence has two clauses, "do not dilute" and "thicken"; ' +
    "the reading folds them into one test, so a flat share counts as fails … κ and the degree are crossed into the " +
    "share-1/32 attacker only'. Fixed: each cell is the conjunction of the two clauses on its one difference (noFall " +
    "for no dilution, difference for thickening), so a flat share is mixed in that cell; κ and the degree are crossed " +
    "into both growing attackers' headline cells.",
  uses: [],
  reference: { kind: "baseline", text: "the held share at N = 16 (a change within ±0.1 is none)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const attacker = SCALE_ATTACKERS[String(ctx.cell.attacker)]!;
    const temperature = at(ctx, "T");
    const points = scalePointsFrom(String(ctx.cell.attacker), streamsOf(ctx), at(ctx, "gamma"), temperature, choiceAt(ctx), memoised);
    const small = points[0]!,
      large = points[points.length - 1]!;
    const diff = welch(large.heldOverTime, large.displaced.n, small.heldOverTime, small.displaced.n);
    const what = `held share over the run at N = ${large.n} minus at N = ${small.n} (${attacker.label})`;
    const evidenceOf = [
      estimateEvidence(`held share over the run, N = ${large.n} minus N = ${small.n}`, diff, { reference: 0 }),
      ...points.map((p) =>
        estimateEvidence(`held share over the run, N = ${p.n} (${p.identities} identit${p.identities === 1 ? "y" : "ies"})`, {
          value: p.heldOverTime.value,
          se: p.heldOverTime.se,
          df: p.displaced.n - 1,
        }),
      ),
      ...points.map((p) =>
        estimateEvidence(`held share at the end, N = ${p.n}`, { value: p.heldAtEnd.value, se: p.heldAtEnd.se, df: p.displaced.n - 1 }),
      ),
      ...points.map((p) => ev(`P(displaced), N = ${p.n}`, p.displaced)),
    ];
    // The sentence's two clauses, each a part on the one difference: no fall beyond the margin, and a rise beyond it.
    const read = conjunction(
      [
        {
          statement: "do not dilute security",
          reading: noFall(diff, ESSAY_MARGIN, "the held share's change", evidenceOf, small.displaced.n),
        },
        {
          statement: "they thicken the air",
          reading: difference(diff, "positive", ESSAY_MARGIN, "the held share's change", [], small.displaced.n),
        },
      ],
      what,
    );
    // A fixed attacker is diluted by our model's construction: said in the headline here, and marked built in by the
    // claim's wrapper, so its cells are evidence, not counted (VERDICTS.md §1, §6; the one by-construction test).
    const result = read;
    const built =
      String(ctx.cell.attacker) === "fixed" ? " (by construction in this cell: a fixed attacker pulls on 3 nodes whatever N)" : "";
    // The trend of the held share against N (a power law on log–log axes, t on its df): the cell's own sizes. Not
    // extrapolated: the essay names no size, and the share levels off at the noise floor (review row above).
    const fit = powerLaw(
      points.map((p) => p.n),
      points.map((p) => Math.max(p.heldOverTime.value, 1e-6)),
    );
    const sizes: SizeTrend = {
      quantity: `held share over the run (${attacker.label})`,
      values: points.map((p) => ({ n: p.n, value: p.heldOverTime.value })),
      trend: { exponent: fit.exponent, interval: fit.interval, df: fit.df },
    };
    return {
      sizes,
      result,
      headline:
        `held share over the run N = ${points.map((p) => `${p.n}: ${num(p.heldOverTime.value)}`).join(", ")}; ` +
        `P(displaced) ${points.map((p) => `${p.displaced.k}/${p.displaced.n}`).join(", ")} ` +
        `(${attacker.label}; T = ${temperature}, γ = ${at(ctx, "gamma")})${built}`,
      reason:
        attacker.mode === "budget"
          ? "More participants dilute a fixed attacker: its pull stays on a few nodes while the field around " +
            "them grows, and the value's barrier grows with N: against a fixed budget the air does thicken."
          : result.finding.kind === "supported"
            ? "Against a growing attacker too weak to hold its targets alone, a larger field " +
              "is harder to tip: the held value is metastable and its barrier grows with N."
            : result.verdict === verdictOf("mixed")
              ? "An attacker that grows with the network keeps its pull per node: the share it leaves the honest " +
                "nodes is the same at every size, so more participants neither dilute security nor thicken the air."
              : "An attacker that grows with the network keeps its pull per node: strong enough to tip " +
                "its targets, it displaces the value at every size, and more participants do not help.",
    };
  },
};

// --- e-sybil ----------------------------------------------------------------------------------------------------

/** The bioequivalence limits as the rows print them. */
const RATIO_LIMITS = `${num(1 / BIOEQUIVALENCE_RATIO)}–${num(BIOEQUIVALENCE_RATIO)}`;

/**
 * What a cell's headline says of its two arms (`many` identities against `one`) beside its verdict: no event in either,
 * a gain or a fall from splitting where the ratio's whole 95 % interval lies on one side of 1 (thirty-fourth-edition
 * referee: budget κ = 2's 1.25 [1.13, 1.38] read inconclusive on the margin, its gain unsaid), a significant difference
 * the margin reads as none (sixteenth-edition referee), or a hold within the margin; `side` the gain or fall said.
 */
export function splittingText(many: ArmCounts, one: ArmCounts, verdict: Verdict): { text: string; side: "gain" | "fall" | null } {
  if (many.k === 0 && one.k === 0)
    return { text: `; no displacement in either arm (no ratio: read on the difference within ±${ESSAY_MARGIN}, one way)`, side: null };
  const refuted = verdict === verdictOf("refuted");
  const t = armsTest(many, one);
  const [lo, hi] = t.interval;
  const difference = `${num(t.difference)} [${num(lo)}, ${num(hi)}]`;
  const r = rateRatio(many, one);
  const side = refuted ? null : r.lo > 1 ? "gain" : r.hi < 1 ? "fall" : null;
  if (side !== null)
    return {
      text:
        `; a ${side} from splitting, the ratio's interval ${side === "gain" ? "above" : "below"} 1: ${num(r.ratio)} [${num(r.lo)}, ` +
        `${num(r.hi)}] (difference ${difference}, p = ${num(t.pValue)}), not shown beyond the ratio ${RATIO_LIMITS}`,
      side,
    };
  if (!refuted && (lo > 0 || hi < 0))
    return {
      text: `; a significant ${t.difference > 0 ? "gain" : "fall"} of ${difference}, p = ${num(t.pValue)}, not shown beyond the ratio ${RATIO_LIMITS}`,
      side,
    };
  return { text: verdict === verdictOf("supported") ? `; a hold within the ratio ${RATIO_LIMITS}` : "", side };
}

const sybil: Claim = {
  id: "e-sybil",
  source: "essay",
  section: "in-the-air",
  quote: "Sybil behavior ceases to be an attack because presence is load-bearing.",
  short: "Sybils are not an attack",
  notebook: NOTEBOOK,
  model:
    `${MODEL}, γ the grid's (${DECAY.values.join(" or ")}); N = 64 (the network ` +
    `starting from A); one attacker pushing B as 1 or ${SYBILS} identities on 3 nodes ` +
    `each; ${SYBIL_RUNS} runs of 20 time units per arm, ${RUNS_PER_NETWORK} on each ` +
    `of ${SYBIL_RUNS / RUNS_PER_NETWORK} networks (both arms on the same networks).`,
  reading: {
    statement:
      "Splitting an attacker into many identities gains it nothing, because influence " +
      "comes from presence: 16 identities displace the field's value as often as one.",
    mechanism: "essay",
  },
  decision: {
    rule:
      `ratesRatioEqual: P(displaced, ${SYBILS} identities) / P(displaced, 1 identity) within ${RATIO_LIMITS} ` +
      `(the 95 % interval of the log ratio, delta method, each arm at its design effect over the cell's networks); ` +
      `refuted only when that interval lies wholly beyond ${RATIO_LIMITS} (a gain larger than the margin is shown); ` +
      `a cell where neither arm displaces has no ratio and is read on the difference within ±${ESSAY_MARGIN}, one way; ` +
      `every cell decides, a one-way one (both arms at a floor, or both above ${num(1 / BIOEQUIVALENCE_RATIO)}) ` +
      `saying so, the free identities' premise (each its own weight) said in the headline`,
    threshold:
      `the ratio within ${RATIO_LIMITS}, the average-bioequivalence limits (FDA 2001, EMA 2010; the one relative ` +
      `margin of the claims, as in p4.3-energy-reduces-entropy), α = 0.05, ${SYBIL_RUNS} runs per arm on ` +
      `${SYBIL_RUNS / RUNS_PER_NETWORK} networks`,
    why:
      `'Ceases to be an attack' asserts no gain from splitting: an equivalence, decided by an equivalence ` +
      `test. The essay gives no margin, and a displacement rate has none of its own, so the margin is a standard's: ` +
      `a gain is read relative to the one-identity rate (an attacker that displaces 25 % more often by splitting ` +
      `has gained by it, whatever the base rate), within the bioequivalence ratio ${RATIO_LIMITS}. It replaced the ` +
      `house's absolute ±${ESSAY_MARGIN} (thirtieth-edition referee: no standard behind it, and on a base rate near ` +
      `0.24 it let a 30–45 % rise read as no gain). The runs are planned so that a true ratio of 1 is shown within ` +
      `it with power 0.8 at the low end of the one-identity rate, ${SYBIL_PLANNING_RATE} (a ratio's variance grows ` +
      `as the rate falls): ${SYBIL_INDEPENDENT} independent runs per arm. Runs on one network are not independent, ` +
      `so the plan is over networks: ${RUNS_PER_NETWORK} runs on each, ${SYBIL_INDEPENDENT} × the design effect 1 + ` +
      `${RUNS_PER_NETWORK - 1}ρ at the pilot's intraclass correlation ρ = ${PLANNING_ICC} = ${SYBIL_RUNS} runs on ` +
      `${SYBIL_RUNS / RUNS_PER_NETWORK} networks; each arm is read at its own measured design effect. Where neither ` +
      `arm displaces there is no ratio to read, and the attack fails with or without splitting: those cells are read ` +
      `on the difference, one way. The causal ` +
      `clause, 'because presence is load-bearing', is not a part of its own (twenty-sixth-edition referee): its ` +
      `control, identities whose influence is not bound to a share of the attacker's presence, is the grid's other ` +
      `threat model, free identities each with its own weight, and that is measured and counted as its own cells, ` +
      `side by side with the budget cells on the same networks; a part would count the same runs twice.`,
  },
  grid: {
    identities: {
      values: ["budget", "free"],
      why: [
        "presence costs: the attacker's participation ½ is shared by its identities (ω " +
          "= ½/s each) — the essay's 'presence is load-bearing' with presence a resource",
        "identities are free: each brings its own weight ½ (the usual Sybil threat model, Douceur 2002) — the essay does not say presence cannot be multiplied",
      ],
    },
    T: TEMPERATURE,
    gamma: DECAY,
    kappa: COUPLING,
    degree: DEGREE,
  },
  repairs: [],
  byConstruction:
    "With a shared budget the identities' total weight is fixed (only how it is spread changes); with free " +
    "identities it grows with their number. Both are threat models the grid chooses between (the essay says " +
    "neither), premises of a cell, not its outcome: what splitting does to displacement is measured in both and " +
    "counted. By the one by-construction test no cell is our model's: the free identities' gain is the " +
    "essay's presence-weighting at work (were influence not carried by presence, more identities would not " +
    "pull harder).",
  review:
    "Review: 'equivalence within ±0.1 cannot be reached at 60 runs per arm (MDE 0.22–0.24) and inconclusive " +
    "shows as partly; pooling three seeds shows +0.10 (p = 0.033)'. Fixed: the runs are planned for " +
    "the equivalence (442 per arm: MDE ≈ 0.086 < 0.1 at 80 % power), each replicate draws its own " +
    "network, and 'free identities' is a grid value rather than a reading. The pooled +0.10 of 3 × 60 runs " +
    "does not recur at the planned runs: 332/1326 (16 identities) vs 327/1326 (1) on the old fixed graph " +
    "over three keys, and 1164/4420 vs 1115/4420 (+0.011) over ten replicates with their own graphs at " +
    "seed 1234, where the budget cell holds in 7, is inconclusive in 2 and is refuted once by chance " +
    "(+0.057, p = 0.044: a test at α = 0.05 refutes a true equivalence one time in twenty). An inconclusive " +
    "finding now says so, with runsToDecide. Fourth-edition referee: 'γ is fixed at 0.1, although the " +
    "essay module declares the decay an open choice and e-persistence shows it deciding outcomes (T = 0.5, " +
    "w = 1: 39/40 persist at γ = 0.1, 7/40 at 0.3)'. Fixed: γ is a grid parameter (DECAY: 0.1 and 0.3, " +
    "each with its reason), the same runs' keys at each γ. Sixth-edition referee: 'four of its five " +
    "holding cells can only hold: equivalence at a floor (0/442 vs 0/442) or a ceiling (440/442 vs 433/442); " +
    "\"5 of 8 parts hold\" overstates the finding'. Fixed: ratesEqual marks a cell whose two arms' " +
    "intervals both lie within the margin of 0 or of 1 as one-way (Finding setAside), and the grid, its " +
    "parts and decidedBy are read on the other cells. Eighth-edition referee: 'the set-aside is applied at " +
    "discretion: e-scale-thickens sets aside its fixed-attacker holds as built into our model, while " +
    "e-sybil keeps free-identity fails that its own byConstruction calls built in; one rule: set aside only " +
    "one-way cells and outcomes built in by our model'. Fixed: the free-identity cells are set aside " +
    "by that rule (findings setAside), so the budget cells decide. Eighth-edition referee: 'pseudo-replication: " +
    "each replicate draws one network per size, and all runs of a cell share it, so the intervals " +
    "and power plans cover run-to-run noise only, not the variation between networks (e-double-spend's " +
    "k = 4 cell split 8, 83 and 70 of 872 runs at three seeds)'. Fixed: every block of 8 runs has its " +
    "own network (94 networks per cell, both arms on each, simulated at once as a disjoint union), each " +
    "arm is read at its design effect over the networks (Newcombe with each Wilson at its effective size), " +
    "and the plan is over networks (442 independent runs per arm × 1.7: 752). Ninth-edition referee: " +
    "'the free-identity cells are set aside as built in by our model, yet that value's own reason calls " +
    "it the usual Sybil threat model (Douceur 2002), the plain reading of Sybil behaviour; the rubric " +
    "keeps only designed landscapes out of deciding cells (by-construction outcomes are declared), and the " +
    "free γ = 0.3 cell holds'. Fixed: every cell decides but a one-way one (both arms at a floor or a " +
    "ceiling, set aside by ratesEqual itself), the free cells saying in their headline that their gain " +
    "is built in by our model; each cell's finding carries the difference with its Newcombe interval and " +
    "p, so a budget cell's gain (+0.05 to +0.07 at seed 0) shows beside the ±0.1 margin that calls it " +
    "none. Eleventh-edition referee: 'whole one-way cells are removed from the grid (4 holds in e-sybil) " +
    "while one-way parts decide their cells in five other claims: the rubric asks a one-way outcome to " +
    "say so, not to leave the tally'. Fixed: one rule for cells and parts (findings markOneWay): the one-way " +
    "budget cells decide, marked in the record (oneWay), in the grid's text and in the grid column. " +
    "Fourteenth-edition and outside referees (2026-11-28): 'the ±0.1 absolute margin is a house convention " +
    "(essay-common.ts:31); a gain of +0.048 [0.003, 0.093] (p = 0.038) reads as holds'. Answered: the " +
    "essay and the standards give no margin for a displacement rate, so the decision now states the label " +
    "as conditional on the house margin (threshold and why), with what a smaller one would change; the " +
    "label and numbers are unchanged (mixed; decidedBy as the amended grid rule names it)." +
    REVIEW_FIFTEENTH +
    " Sixteenth-edition referee (2026-11-29): 'a significant Sybil gain reads as no gain: at κ = 2 … +0.065 " +
    "[0.020, 0.110] (seed 0) … each with p ≤ 0.03 … the margin of ±0.1 has no reason from the text or a " +
    "standard'. Said in the cell's headline wherever the 95 % interval of the difference excludes 0 and the " +
    "verdict is not fails: the gain, its interval and p, and that the house margin does not count it. " +
    "Thirtieth-edition referee (2026-12-01): 'an unsupported absolute margin (±0.1 on a rate of about 0.24) turns a " +
    'reproducible, significant gain into "no attack": budget κ = 2: +0.037, +0.076, +0.081 at three seeds; the ' +
    "project's own relative standard (0.80–1.25) would fail this cell'. Fixed: the margin is that standard, the " +
    "bioequivalence ratio 0.80–1.25 (ratesRatioEqual), and the runs are re-planned for it (" +
    `${SYBIL_RUNS} per arm); cells where neither arm displaces have no ratio and keep the difference, one way. ` +
    "Thirty-fourth-edition referee: 'budget κ = 2 shows a Sybil gain (ratio 1.25 [1.13, 1.38], its lower end above 1 at " +
    "every seed tried) yet reads inconclusive'. The reading is the rubric's (the interval straddles 1.25) and stays; the " +
    "cell's headline now says the gain wherever the ratio's interval lies above 1 (splittingText).",
  uses: [],
  reference: { kind: "control", text: `P(displaced) with one identity (the ratio within ${RATIO_LIMITS})` },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const mode = String(ctx.cell.identities) as "budget" | "free";
    const temperature = at(ctx, "T");
    const [one, many] = sybilArmsFrom(mode, temperature, streamsOf(ctx), at(ctx, "gamma"), choiceAt(ctx), memoised);
    const read = ratesRatioEqual(
      armCount(many!.displaced),
      armCount(one!.displaced),
      BIOEQUIVALENCE_RATIO,
      ESSAY_MARGIN,
      `${SYBILS} vs 1 identities (${mode}, T = ${temperature})`,
      [
        clusteredEv(`displaced, ${SYBILS} identities of weight ${num(many!.weightEach)}`, many!.displaced),
        clusteredEv(`displaced, 1 identity of weight ${num(one!.weightEach)}`, one!.displaced),
        evidence(`networks the runs were drawn on (${RUNS_PER_NETWORK} runs each, both arms on each)`, one!.displaced.networks),
      ],
    );
    // Free identities are the usual Sybil threat model (the grid value's reason): they decide, their premise said in
    // the headline; a one-way cell decides too, marked by the rule (eleventh-edition referee).
    const result = read;
    const built = mode === "free" ? " (free identities: each brings its own weight ½, so the total grows with their number)" : "";
    const { text: insideMargin, side } = splittingText(armCount(many!.displaced), armCount(one!.displaced), result.verdict);
    return {
      result,
      headline:
        `P(displaced) 1 → ${SYBILS} identities (${mode}, T = ${temperature}, γ = ${at(ctx, "gamma")}): ` +
        `${num(one!.displaced.estimate)} → ${num(many!.displaced.estimate)} (${SYBIL_RUNS} runs each)${built}${insideMargin}`,
      reason:
        mode === "budget"
          ? "When presence costs participation, splitting a fixed budget over more identities adds no pull: the same weight spread over more nodes." +
            (side === "gain" ? " Here it adds some: the ratio's interval lies above 1." : "")
          : "When identities are free each adds its own weight and the attack grows with " +
            "their number: 'presence is load-bearing' protects only if presence is scarce.",
    };
  },
};

/** e-scale-thickens with VERDICTS.md §3's amended rule: a fixed attacker is diluted by our model (byConstruction). */
const scaleThickens: Claim = withBuiltCells(scaleThickensCells, (ctx) =>
  ctx.cell.attacker === "fixed" ? "a fixed attacker's pull is on 3 nodes whatever N: diluted by our model (byConstruction)" : null,
);

export const claims: Claim[] = [scaleThickens, sybil];
