/**
 * The essay's claims that something persists ("Nothing is sealed … And yet, something persists.", e-persistence) and
 * that conflicts resolve globally (e-double-spend), on the ambient model's networks. Split from ./essay-finality, whose
 * claim is that finality diffuses; the rule for symmetric contests stated there holds here.
 */
import {
  DOUBLE_SPEND_DURATION,
  DOUBLE_SPEND_INDEPENDENT,
  DOUBLE_SPEND_MDE,
  DOUBLE_SPEND_RUNS,
  doubleSpendFrom,
  type DoubleSpendCell,
  PERSISTENCE_DURATION,
  PERSISTENCE_RUNS,
  persistenceCellFrom,
  SPLIT_RARE,
  SPLIT_ZONE,
} from "../studies/ambient/persistence-design";
import { NODES } from "../studies/ambient/finality-design";
import { MAX_PILOTS, TWO_STAGE_WHY } from "../stats/two-stage";
import { conjunction, markBuilt, rateBeyond, rates } from "./machinery/decide";
import { CONTROL_MARGIN } from "./machinery/mechanism";
import { evidence, num } from "./machinery/evidence";
import {
  COUPLING,
  DECAY,
  DEGREE,
  choiceAt,
  EXCEPTION,
  EXCEPTION_INDEPENDENT,
  EXCEPTION_ZONE,
  MODEL,
  NOTEBOOK,
  TEMPERATURE,
  at,
  memoised,
  streamsOf,
  clusteredEv,
  PLANNING_ICC,
  RUNS_PER_NETWORK,
} from "./essay-common";
import type { Claim, MeasureContext, Measurement, Reading } from "./machinery/types";
import { planText } from "./essay-finality";

const persistence: Claim = {
  id: "e-persistence",
  source: "essay",
  section: "in-the-air",
  quote: "Nothing is sealed. Nothing is archived. Nothing is defended forever. And yet, something persists.",
  short: "something persists",
  notebook: NOTEBOOK,
  model:
    `${MODEL}; N = ${NODES}, every node holding A at the start with uniform participation w; nothing ` +
    `is recorded or sealed, every value decays; ${PERSISTENCE_RUNS} runs of ${PERSISTENCE_DURATION} time ` +
    `units per cell, ${RUNS_PER_NETWORK} on each of ${PERSISTENCE_RUNS / RUNS_PER_NETWORK} networks.`,
  reading: {
    statement:
      "With nothing recorded and every value decaying, a value held by the participants " +
      "persists: the field still holds it at the end of the run, never having lost " +
      "it, as the rule (losing it is the exception, rarer than one run in twenty).",
    mechanism: "essay",
  },
  decision: {
    rule:
      `rateBeyond (Wilson at the effective runs n/deff, the design effect of ${RUNS_PER_NETWORK} ` +
      `runs per network measured over the cell's networks): the share of runs ` +
      `in which the network holds A at every record up to the end, above ${1 - EXCEPTION}`,
    threshold: `${1 - EXCEPTION}: the value lost in fewer than one run in twenty`,
    why:
      `'Something persists' is asserted as what happens, not as what may, so a loss is the exception, ` +
      `read at the level its sibling essay claim reads 'resolve' (e-double-spend: a split in fewer ` +
      `than one run in twenty) and §2 and §3 read 'locks into', 'propagates' and 'divergence → 0' ` +
      `(eighth-edition referee: more often than not, ½, had no text or standard behind it); a run that ` +
      `loses the value once has not kept it (nothing is archived to restore it). The runs are planned ` +
      `before the run as e-double-spend's: a loss rate ${num(EXCEPTION_ZONE)} from the line either ` +
      `way is decided with power 0.8 at the variance of the zone's far edge, ${EXCEPTION_INDEPENDENT} ` +
      `independent runs, planned over networks (${RUNS_PER_NETWORK} runs on each, design effect 1 + ` +
      `${RUNS_PER_NETWORK - 1}ρ at ρ = ${PLANNING_ICC}): ${PERSISTENCE_RUNS} runs on ` +
      `${PERSISTENCE_RUNS / RUNS_PER_NETWORK} networks per cell; each cell is read at its own measured design effect.`,
  },
  grid: {
    T: TEMPERATURE,
    gamma: DECAY,
    w: {
      values: [1, 0.5],
      why: [
        "every node participates fully: the field the essay describes",
        "half participation: presence at half weight against the same decay (w·b = 0.5 still above either γ)",
      ],
    },
    kappa: COUPLING,
    degree: DEGREE,
  },
  repairs: [],
  byConstruction:
    "In the uniform field a held value exists iff participation beats decay, w·b > γ " +
    "(ψ*² = 1 − γ/(w b)): every cell of the grid is above that line, so persistence " +
    "without noise is the model's mean-field algebra; what noise T does to it is measured.",
  review:
    "Review (design point): 'every essay claim runs on one fixed graph'. Fixed: each replicate draws " +
    "its own ws:64:6:0.1; T, γ and w are grid parameters with reasons (the first edition's 16-cell " +
    "diagram at T = 0.1 with the extra condition 'every persisting cell lies above w·b = γ', not " +
    "in the quote, is gone). Eighth-edition referee: 'pseudo-replication: each replicate draws one " +
    "network per size, and all runs of a cell share it, so the intervals and power plans cover run-to-run " +
    "noise only, not the variation between networks (e-double-spend's k = 4 cell split 8, 83 " +
    "and 70 of 872 runs at three seeds)'. Fixed: every block of 8 runs has its own network (simulated " +
    "at once as a disjoint union) and the rate is read at its design effect over the cell's networks. " +
    "And 'e-persistence runs an unplanned 40 runs per cell (MDE 0.22, two unstable inconclusive " +
    'cells); "persists" is read at ½ with no text or standard behind it\'. Fixed: the loss is read ' +
    "at the essay's exception level (fewer than one run in twenty, as e-double-spend's split and the " +
    "siblings' 0.95/0.05), with that level's plan (872 independent runs, 1488 over networks of 8).",
  uses: [],
  reference: { kind: "threshold", text: "½: the network holding A at every record, more often than not" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const temperature = at(ctx, "T"),
      decay = at(ctx, "gamma"),
      w = at(ctx, "w");
    const cell = persistenceCellFrom(temperature, decay, w, streamsOf(ctx), choiceAt(ctx), memoised);
    const c = cell!;
    const result = rateBeyond(
      c.persisting.k,
      c.persisting.n,
      1 - EXCEPTION,
      "above",
      `runs holding A throughout (γ = ${decay}, w = ${w}, T = ${temperature})`,
      [
        clusteredEv("runs holding A throughout", c.persisting),
        evidence(`design effect over the ${c.persisting.networks} networks (${RUNS_PER_NETWORK} runs each)`, c.persisting.designEffect),
        evidence("mean time until the value is lost (censored at the end)", c.persistence, {
          reference: PERSISTENCE_DURATION,
          unit: "time",
        }),
      ],
      c.persisting.designEffect,
    );
    return {
      result,
      headline:
        `the value persists in ${c.persisting.k}/${c.persisting.n} runs for ${PERSISTENCE_DURATION} ` +
        `time units (γ = ${decay}, w = ${w}, T = ${temperature}); mean time held ${num(c.persistence)}`,
      reason:
        result.finding.kind === "supported"
          ? "With decay everywhere and no record kept, the value persists because " +
            "participation keeps re-making it: the holding wells weighted by " +
            "presence outpull the decay, and the coupling pulls stray nodes back."
          : result.finding.kind === "refuted"
            ? "Here participation does not outpull decay and noise together: the value is " +
              "lost in more than the exceptional run, and nothing is archived to restore it."
            : "Whether losing the value is the exception here is not resolved at this number of runs.",
    };
  },
};

const doubleSpend: Claim = {
  id: "e-double-spend",
  source: "essay",
  section: "in-the-air",
  quote: "It allows local interactions to resolve globally through diffusion, decay, and replacement.",
  short: "conflicts resolve locally",
  notebook: NOTEBOOK,
  model:
    `${MODEL}, γ the grid's (${DECAY.values.join(" or ")}); N = ${NODES}; A (+1) injected at node ` +
    `0 and B (−1) at node 32, every other node neutral, no adversary; ${DOUBLE_SPEND_RUNS} runs of ` +
    `${DOUBLE_SPEND_DURATION} time units, ${RUNS_PER_NETWORK} on each of ${DOUBLE_SPEND_RUNS / RUNS_PER_NETWORK} ` +
    `networks per cell as its pilot, then the runs its plan sets (at most ${MAX_PILOTS} ` +
    `pilots, ${MAX_PILOTS * DOUBLE_SPEND_RUNS} runs; the plan in the decision); resolved = one ` +
    `value held (|ψ| > ½) by more than half of the nodes and the other by fewer than one in twenty.`,
  reading: {
    statement:
      "Two conflicting values injected at two nodes are resolved globally through diffusion and decay: " +
      "one replaces the other across the network, an unresolved (split) network is the exception, and each " +
      "clause is a cause: with nothing decaying the same networks and draws split more often (a part: the decay " +
      "the sentence names, in the one form the essay's 'fades into it' gives it, state unreinforced fading toward " +
      "neutral, −γψ) and with no link coupling two nodes every run splits (by our model's definition of resolved: " +
      "evidence, not a part). " +
      "Which value wins is a coin flip of a symmetric contest and is not evidence either way.",
    mechanism: "essay",
  },
  decision: {
    rule:
      `rateBeyond (Wilson at the effective runs n/deff, the design effect of ${RUNS_PER_NETWORK} runs per ` +
      `network measured over the cell's networks): the share of runs still split at the horizon below 0.05; and ` +
      `each mechanism clause (rates, Newcombe at each arm's design effect): the same networks and draws split more ` +
      `often with it off (κ = 0, γ = 0) by more than ${CONTROL_MARGIN}; the cell is their conjunction`,
    threshold: `${SPLIT_RARE}`,
    why:
      `The sentence describes what the dynamics do, not what they may do ('coherence emerges without ` +
      `announcement'): a split is the exception at the usual 5 % level. Resolution is replacement (the ` +
      `competing value held by fewer than one node in twenty), not a 90 % agreement, which thermal noise ` +
      `alone misses at T = 0.5. The runs are planned before the run: a split rate ${num(SPLIT_ZONE)} from ` +
      `the line either way (half the threshold: 2.5 % is the exception, 7.5 % is not) is decided with power ` +
      `0.8 at the conservative variance of the zone's far edge, hence ${DOUBLE_SPEND_INDEPENDENT} ` +
      `independent runs per cell (MDE at the threshold ${num(DOUBLE_SPEND_MDE)}); runs on one network are ` +
      `not independent, so the plan is over networks: ${RUNS_PER_NETWORK} runs on each network, ` +
      `${DOUBLE_SPEND_INDEPENDENT} × the design effect 1 + ${RUNS_PER_NETWORK - 1}ρ at the pilot's intraclass ` +
      `correlation ρ = ${PLANNING_ICC} = ${DOUBLE_SPEND_RUNS} runs on ${DOUBLE_SPEND_RUNS / RUNS_PER_NETWORK} ` +
      `networks; that is every cell's pilot. ${TWO_STAGE_WHY} Here the boundary is the line ${SPLIT_RARE}, ` +
      `the plan at least the zone's ${DOUBLE_SPEND_INDEPENDENT} independent runs, turned into runs ` +
      `at the pilot's measured design effect; every cell is decided at its own effective runs, and a rate ` +
      `the maximum cannot resolve stays inconclusive, with the runs that would decide at the rate seen. The ` +
      `sentence credits its mechanism ("through diffusion, decay, and replacement"), so each cause is a part ` +
      `(VERDICTS.md §1), measured as every such clause is: the same networks and draws with it switched off, at the ` +
      `one margin of those controls (${CONTROL_MARGIN}). Replacement is the outcome itself. The decay part is counted: ` +
      `the sentence credits decay with the resolution (VERDICTS.md §1: a reading that keeps the outcome and drops the ` +
      `clause that says why is not faithful), the same ambient model decides the outcome, and its γ = 0 control can ` +
      `come out either way (a decay that softens weakly held nodes could speed the coarsening), so no definition of ` +
      `ours fixes it; the detachment claims are untestable on another ground, an outcome our decay makes certain for ` +
      `every γ > 0 and a sentence that restates its terms. The no-link control splits by our definition of resolved ` +
      `whatever the dynamics do: evidence, not a part.`,
  },
  grid: { T: TEMPERATURE, gamma: DECAY, kappa: COUPLING, degree: DEGREE },
  repairs: [],
  byConstruction:
    "That one value replaces the other, rather than the two coexisting, is built into the " +
    "ambient model: two holding wells at ±ψ* and a ferromagnetic coupling κ over a small-world " +
    "graph of diameter ≈ 3 leave only the two consensus states stable (a boundary between camps " +
    "costs coupling energy and nothing holds it in place, no node being pinned), so with " +
    "noise a split coarsens into one camp as an Ising domain wall does. What is measured is how " +
    "often noise and decay leave a split at the horizon, not whether replacement is possible.",
  review:
    "Review: 'runs at T = 0.05 while every other essay claim uses T = 0.5 (no reason given); at T = 0.5, " +
    "146/300 runs end split'. Fixed: T is a grid parameter (0.5 first, as every essay experiment; 0.05). " +
    "The 146/300 was the old criterion (one value held by ≥ 90 % of the nodes), which thermal noise " +
    "alone misses at T = 0.5 (a settled field keeps about one node in nine inside (−½, ½)); re-run on the " +
    "old network and key, the same 146/300 'split' runs hold the losing value at fewer than 5 % of the " +
    "nodes in every one of the 300 (0 split by replacement). Resolution is now replacement (the loser held " +
    "by fewer than one node in twenty), stated in the model. Each replicate draws its own network. " +
    "Fourth-edition referee: 'γ is fixed at 0.1, although the essay module declares the decay an open choice " +
    "and e-persistence shows it deciding outcomes (T = 0.5, w = 1: 39/40 persist at γ = 0.1, 7/40 at " +
    "0.3)'. Fixed: γ is a grid parameter (DECAY: 0.1 and 0.3, each with its reason), the same runs' keys at " +
    "each γ. Sixth-edition referee: 'decided on an unplanned sample: the label is inconclusive only because " +
    "the T = 0.5, γ = 0.3 cell sits near the threshold (stable 18/20), and it fails at both of my " +
    "seeds (18/200); plan the sample at a conservative variance and fill byConstruction'. Fixed: the runs " +
    "per cell are planned before the run (872: a split rate 0.025 from the line decided with power 0.8 at " +
    "the variance of 7.5 %), and byConstruction says what the model builds in (only the two consensus " +
    "states are stable). Eighth-edition referee: 'pseudo-replication: each replicate draws one network per " +
    "size, and all runs of a cell share it, so the intervals and power plans cover run-to-run noise only, " +
    "not the variation between networks (e-double-spend's k = 4 cell split 8, 83 and 70 of 872 runs at " +
    "three seeds)'. Fixed: every block of 8 runs has its own network (186 networks per cell, simulated " +
    "at once as a disjoint union), the split rate is read at its design effect measured over them (Wilson " +
    "at the effective runs n/deff), and the plan is over networks (872 independent runs × the design " +
    "effect 1.7 at the pilot's ICC, rounded up: 1488 runs). Eleventh-edition referee: 'the label is not one " +
    "of the five verdicts: the γ = 0.3 cell sits on the 0.05 line (16 fails, 4 inconclusive); the plan " +
    "resolves only rates at least 0.025 from the line, so the label flips between mixed and inconclusive " +
    "with the seed'. Fixed: that cell is planned for the distance it sits from the line " +
    "(DOUBLE_SPEND_PLANNED_FOR_DISTANCE: a rate 0.015 above it at power 0.95, from the tenth edition's run: 6104 runs on " +
    "763 networks); the other cells keep the zone's plan. Twelfth-edition referee: 'same pattern: only " +
    "the γ = 0.3 cell is re-planned (6104 runs; the other cells get 1488)'. Fixed: one rule for every cell " +
    "of this claim and e-finality-diffuses (stats/two-stage, said in decision.why with its cost in error " +
    "rate): the zone's 1488 runs are each cell's pilot, and the runs are re-planned from the pilot's distance " +
    "to the line at power 0.9 (the variance bounded by the pilot's interval), at least the zone's 872 " +
    "independent runs at the pilot's design effect and at most four pilots (5952), drawn exactly; a " +
    "cell the maximum cuts says so. Seed 0 before → after: T = 0.5, γ = 0.3: 419/6104 = 0.069 [0.063, 0.075], " +
    "fails → 232/3264 = 0.071 [0.063, 0.081], fails; k = 4: 47/1488 = 0.032 [0.023, 0.043] → 53/1616 " +
    "= 0.033 [0.024, 0.044], holds; the other five cells unchanged at their pilot's 1488 (holds); label " +
    "mixed → mixed, and over replicates 0–4 mixed 5/5 (20/20 before), every cell as at seed 0 in 5 of 5. " +
    "Twenty-first-edition referee (2026-11-30): 'the sentence gives a mechanism, \"through diffusion, decay, and " +
    "replacement\", and the reading drops it; my γ = 0 control splits 0/1488 and resolves as fast'. Fixed: each " +
    "cause is a part (mechanismOff), the same networks and draws with it switched off (κ = 0: no links; γ = 0: no " +
    "decay) at the controls' one margin (CONTROL_MARGIN); replacement is the outcome itself. At seed 0, replicate 0, " +
    "with no links every run splits (1488/1488), which our model's definition of resolved makes certain (by " +
    "construction, evidence; internal review), and with no decay 0 to 24 of 1488 do, no more than with it, so " +
    "decay's part fails in every cell: the six cells whose outcome holds are mixed, T = 0.5, γ = 0.3 fails, and " +
    "with no holding cell the label is fails (mixed → fails). Twenty-sixth-edition referee (2026-11-30): 'the decay " +
    'tested is our model\'s −γψ; essay-common says "the essay names none of these", and e-detached-dissolve, ' +
    "e-identity-participation and e-value-circulates set outcomes decided by our decay aside as by construction; " +
    "here the same decay failing to matter is counted against the essay; under one standard the decay part is " +
    "evidence'. Fixed: the decay part is marked by construction (DECAY_BUILT), shown and set aside, as the no-link " +
    "part is; the one by-construction test names it (machinery/findings BY_CONSTRUCTION_TEST). Thirty-fourth-edition " +
    "referee (2026-12-02): 'the decay part fails in all 7 cells but is set aside as our form, while the same ambient " +
    "model decides the outcome, which is counted … either count the decay clause (fails) or declare the claim " +
    "untestable, as the detachment claims'. Counted (decision.why): the one by-construction test sets aside what a " +
    "definition of our model fixes whatever the dynamics do, and the γ = 0 control is a measurement that could have " +
    "gone either way; the detachment claims' outcomes are fixed for every γ > 0 and their sentences are definitions. " +
    "With no decay no more runs split than with it, so every cell's decay part fails and no cell holds.",
  uses: [],
  reference: { kind: "threshold", text: "0.05 of the runs still split at the horizon" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const temperature = at(ctx, "T");
    const d = doubleSpendFrom(temperature, streamsOf(ctx), at(ctx, "gamma"), choiceAt(ctx), memoised);
    const outcome = rateBeyond(
      d.split.k,
      d.runs,
      SPLIT_RARE,
      "below",
      `runs split at t = ${DOUBLE_SPEND_DURATION} (T = ` +
        `${temperature})${
          d.plan.capped
            ? ` (its pilot planned ${planText(d.plan.needed)} ` +
              `runs, cut at ${MAX_PILOTS} pilots: ` +
              `underpowered unless its interval decides)`
            : ""
        }`,
      [
        evidence("runs drawn: the pilot, then the plan from it (stats/two-stage)", d.runs, { reference: DOUBLE_SPEND_RUNS }),
        clusteredEv("network split at the horizon", d.split),
        evidence("design effect of the split rate (runs sharing a network)", d.split.designEffect),
        clusteredEv("A (node 0) wins — a coin flip, not evidence", d.aWins),
        clusteredEv("B (node 32) wins — a coin flip, not evidence", d.bWins),
        evidence("time until one value replaced the other", d.resolutionTime, { uncertainty: d.resolutionTimeSe, unit: "time" }),
      ],
      d.split.designEffect,
    );
    const off = mechanismOff(ctx, d);
    const result = conjunction(
      [
        { statement: "one value replaces the other, a split the exception", reading: outcome },
        ...off.map((o) => ({ statement: `the resolution is through ${o.clause}`, reading: o.reading })),
      ],
      `resolved globally through diffusion, decay and replacement (T = ${temperature}, γ = ${at(ctx, "gamma")})`,
    );
    return {
      result,
      headline:
        `split ${d.split.k}/${d.runs} [${num(d.split.lower)}, ${num(d.split.upper)}] over ` +
        `${d.split.networks} networks (design effect ${num(d.split.designEffect)}); A wins ${num(d.aWins.estimate)}, ` +
        `B ${num(d.bWins.estimate)} (a coin flip); resolved in ${num(d.resolutionTime)} ` +
        `± ${num(d.resolutionTimeSe)} time units (T = ${temperature}, γ = ${at(ctx, "gamma")}); ` +
        off.map((o) => `${o.clause} off: split ${o.cell.split.k}/${o.cell.runs}`).join(", "),
      reason:
        "Two conflicting values injected at different nodes are resolved by the dynamics alone: one takes " +
        "over the network and the other disappears. Which one is a coin flip (symmetric injections win about " +
        "equally often), so it is not evidence: the field picks a value, not the first or the valid one." +
        decayWithout(off),
    };
  },
};

/** What the decay part found, in words: where it fails, the resolution is the coupling's, not the decay's. */
function decayWithout(off: ReturnType<typeof mechanismOff>): string {
  const decay = off.find((o) => o.clause === "decay");
  if (decay === undefined || decay.reading.finding.kind !== "refuted") return "";
  return (
    ` With nothing decaying the same networks and draws split ${decay.cell.split.k} of ${decay.cell.runs} times, no more ` +
    "often: the coupling resolves the conflict, and the decay the sentence credits is not a cause of it."
  );
}

/**
 * Why e-double-spend's diffusion part is by construction: with κ = 0 the 64 nodes relax into their wells each on its
 * own, and "resolved" (one value held by more than half of them, the other by fewer than one in twenty) then has
 * probability about 10⁻¹⁵, so the control splits in every run and the part could fail only were the measured runs
 * split nine times in ten. It is evidence that the coupling carries the resolution, not a cause measured.
 */
const NO_LINKS_BUILT =
  "with no link (κ = 0) every node settles into a well on its own, and one value held by more than half of the " +
  "64 nodes with the other below one in twenty has probability ≈ 1e-15: the control splits in every run by our " +
  "model's definition of resolved, so this part can only hold (evidence, not a part)";

/**
 * e-double-spend's mechanism clauses, "through diffusion, decay": each against the same networks and streams with it
 * switched off (VERDICTS.md §1: a clause that credits a cause is measured), the links' coupling (κ = 0: no value
 * travels; by construction, {@link NO_LINKS_BUILT}: shown, marked and set aside) and the decay (γ = 0: the same
 * networks and draws; counted, a control that could come out either way: thirty-fourth-edition referee). The clause holds when
 * its control splits more often by more than {@link CONTROL_MARGIN}, the one margin of every such control (1488 runs
 * an arm, the least a cell draws, resolve it: MDE 0.051 at p = ½); replacement is the outcome itself (resolved = the
 * loser held by fewer than one node in twenty). Each control draws its own plan from its pilot (stats/two-stage), its
 * first runs on the measured cell's streams.
 */
function mechanismOff(ctx: MeasureContext, on: DoubleSpendCell): Array<{ clause: string; cell: DoubleSpendCell; reading: Reading }> {
  const temperature = at(ctx, "T"),
    decay = at(ctx, "gamma"),
    choice = choiceAt(ctx);
  const controls = [
    {
      clause: "diffusion",
      what: "no link couples two nodes (κ = 0)",
      cell: doubleSpendFrom(temperature, streamsOf(ctx), decay, { ...choice, coupling: 0 }, memoised),
      built: NO_LINKS_BUILT,
    },
    {
      clause: "decay",
      what: "nothing decays (γ = 0)",
      cell: doubleSpendFrom(temperature, streamsOf(ctx), 0, choice, memoised),
      built: undefined,
    },
  ];
  const arm = (c: DoubleSpendCell) => ({ k: c.split.k, n: c.runs, designEffect: c.split.designEffect });
  return controls.map(({ clause, what, cell, built }) => {
    const reading = rates(
      arm(cell),
      arm(on),
      "greater",
      CONTROL_MARGIN,
      `${clause}: runs split at t = ${DOUBLE_SPEND_DURATION} with ${what} vs the model's, on the same networks and streams`,
      [clusteredEv(`network split at the horizon when ${what}`, cell.split)],
    );
    return { clause, cell, reading: built === undefined ? reading : markBuilt(reading, built) };
  });
}

export const claims: Claim[] = [persistence, doubleSpend];
