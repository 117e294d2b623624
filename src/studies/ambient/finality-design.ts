/**
 * e-finality-diffuses' experiment on the ambient model (moved from its claim's record, claims/essay-finality, so that
 * the claim, notebook 16's figure and the notebook take it from here): its constants (nodes, ages, horizon, runs), its
 * power plan written before the run, the two-stage plan of a cell from its pilot (stats/two-stage), and the curve of
 * a cell from the experiment's two streams.
 */
import { fold } from "../../engine/random";
import { normalQuantile } from "../../stats/tests";
import { clusteredProportion } from "../../stats/clustered";
import {
  boundedVariance,
  drawInBatches,
  marginDistance,
  MAX_PILOTS,
  REPLAN_POWER,
  runsForDistance,
  twoStageRuns,
  type TwoStagePlan,
} from "../../stats/two-stage";
import { pooledCurves, type FinalityCurve } from "./finality";
import { finalityOverNetworks } from "./ambient-experiments";
import { choiceTag, constantsOf, ESSAY_MARGIN, gammaTag, MODEL_CHOICE, MODEL_DECAY, networkFrom, type AmbientChoice } from "./essay-design";
import { networksOf, RUNS_PER_NETWORK, runEveryTime, type ExperimentStreams, type Memo } from "./essay-plan";

export const NODES = 64;

/** The ages compared, fixed before the run: the value just held (age 2) and long held (age 30, near the run's end). */
export const YOUNG_AGE = 2;
export const OLD_AGE = 30;
/**
 * The power plan (VERDICTS.md §5), written before the run: the fall young − old is read against the margin ±0.1, so
 * its SE must be below 0.1/2.8 (MDE at 80 % power, α = 0.05, below the margin). The risk is planned at p = ½, the
 * conservative variance the rubric asks for where a rate is unknown (the third edition planned at the pilot's pooled
 * 0.15 while the young arm ran at 0.25–0.30, so its MDE stayed above the margin). With about six times as many runs
 * at risk at age 30 as at age 2 (the second edition's seed-0 run at T = 0.5, 600 runs: 57 at risk at age 2, 349 at
 * age 30), that needs {@link youngAtRiskNeeded} = 229 runs at risk at age 2.
 */
export const PLANNING_RISK = 0.5;
export const OLD_PER_YOUNG = 6;
/** The share of runs at risk (holding the value) at age 2 in the pilot: 57 of 600. */
export const PLANNING_AT_RISK_SHARE = 57 / 600;

/**
 * Runs at risk at the young age for a fall of `distance` to be decided with `power` (0.8 unless given) at α = 0.05,
 * given `ratio` as many at the old age: the MDE at that power equals `distance`.
 */
export function youngAtRiskNeeded(risk: number, distance: number, ratio: number, power = 0.8): number {
  const z = normalQuantile(0.975) + normalQuantile(power);
  return Math.ceil((z * z * risk * (1 - risk) * (1 + 1 / ratio)) / (distance * distance));
}

/** Runs at risk at age 2 the margin's plan needs (229): every cell's lower bound (stats/two-stage). */
export const YOUNG_AT_RISK_PLANNED = youngAtRiskNeeded(PLANNING_RISK, ESSAY_MARGIN, OLD_PER_YOUNG);

/**
 * Runs of the finality experiment per batch, from the power plan (2411), in whole networks of
 * {@link RUNS_PER_NETWORK} (2416 on 302 networks): every cell's pilot. Not scaled by a design effect: a network's 8
 * runs hold about 0.8 runs at risk at age 2 between them (9.5 % of runs), so the at-risk arm is nearly a network per
 * run; the plan counts effective runs at risk (n/deff, the design effect measured over the pilot's networks).
 */
export const FINALITY_RUNS = Math.ceil(Math.ceil(YOUNG_AT_RISK_PLANNED / PLANNING_AT_RISK_SHARE) / RUNS_PER_NETWORK) * RUNS_PER_NETWORK;
/** The horizon H of p_H(a) and the run's length. */
export const HORIZON = 10;
export const FINALITY_DURATION = 40;

/** The design of e-finality-diffuses' runs (per cell, with the cell's T): the claim, its figure and notebook 16 run it. */
export const FINALITY_DESIGN = { nodes: NODES, runs: FINALITY_RUNS, duration: FINALITY_DURATION, horizon: HORIZON } as const;

/** The most batches of {@link FINALITY_RUNS} a cell draws: {@link MAX_PILOTS} pilots (9664 runs; stats/two-stage). */
export const FINALITY_MAX_BATCHES = MAX_PILOTS;

/** A finality cell's plan from its pilot (stats/two-stage): effective runs at risk at age 2, and the runs drawn for them. */
export interface FinalityPlan extends TwoStagePlan {
  /** Effective runs at risk at age 2 the pilot's distance asks for, at least the margin's 229 (Infinity at 0). */
  youngAtRisk: number;
}

/** A finality curve pooled over networks: per age, the design effect of the displaced-at-risk rate and its clustered band. */
export interface ClusteredFinalityCurve extends FinalityCurve {
  /** Runs drawn, and the networks they were drawn on. */
  runs: number;
  networks: number;
  /** Per age: the design effect of displaced/at risk over the networks (1 where no spread is measurable). */
  designEffect: number[];
}

/** The block curves of one cell pooled: counts summed, each age's band Wilson at its effective runs at risk. */
function clusteredCurve(blocks: readonly FinalityCurve[], perNetwork: number): ClusteredFinalityCurve {
  const pooled = pooledCurves(
    blocks,
    blocks.map(() => perNetwork),
  );
  const rates = pooled.ages.map((_, k) => clusteredProportion(blocks.map((c) => ({ k: c.displaced[k]!, n: c.atRisk[k]! }))));
  return {
    ...pooled,
    lower: rates.map((r) => r.lower),
    upper: rates.map((r) => r.upper),
    runs: blocks.length * perNetwork,
    networks: blocks.length,
    designEffect: rates.map((r) => r.designEffect),
  };
}

/**
 * The plan of a finality cell from its pilot curve (stats/two-stage): the effective runs at risk at age 2 that decide its
 * fall's distance from the margin with power 0.9 (each arm's variance bounded by its pilot interval, the old arm at
 * the pilot's ratio of effective runs), at least the margin's 229, turned into runs at the pilot's effective yield.
 * A pilot with no run at risk at a compared age cannot be planned (its test is undefined): it stays at its pilot.
 */
export function finalityPlan(pilot: ClusteredFinalityCurve, young: number, old: number): FinalityPlan {
  const effective = (i: number) => pilot.atRisk[i]! / pilot.designEffect[i]!;
  const [ey, eo] = [effective(young), effective(old)];
  if (!(ey > 0 && eo > 0)) return { youngAtRisk: YOUNG_AT_RISK_PLANNED, needed: pilot.runs, runs: pilot.runs, capped: false };
  const risk = (i: number) => pilot.displaced[i]! / pilot.atRisk[i]!;
  const variance = boundedVariance(risk(young), ey) + (boundedVariance(risk(old), eo) * ey) / eo;
  const needed = runsForDistance(variance, marginDistance(risk(young) - risk(old), ESSAY_MARGIN));
  const youngAtRisk = Math.max(needed, YOUNG_AT_RISK_PLANNED);
  return { youngAtRisk, ...twoStageRuns((youngAtRisk * pilot.runs) / ey, pilot.runs, RUNS_PER_NETWORK) };
}

/**
 * e-finality-diffuses' curve at `temperature` from the experiment's streams: the claim's, shared by the claim, its
 * figure and notebook 16 through the `memo` they pass (claims/machinery/memo `memoised`).
 * Two stages (stats/two-stage): batch 0, {@link FINALITY_RUNS} runs, is the pilot; {@link finalityPlan} sets the runs
 * from it, and the rest are drawn in batches of at most {@link FINALITY_RUNS}, {@link RUNS_PER_NETWORK} to a network
 * (batch b's streams folded with b, its networks from b·302 on in the graph stream), all of them, unless a
 * batch adds none at risk at age 2 (the value is never held there: that stop reads runs at risk, not displacements).
 */
export function finalityCurveFrom(
  temperature: number,
  streams: ExperimentStreams,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
  memo: Memo = runEveryTime,
): ClusteredFinalityCurve & { plan: FinalityPlan } {
  const tag =
    `e-finality-diffuses T=${temperature}${gammaTag(decay)}${choiceTag(choice)} two-stage ` +
    `power=${REPLAN_POWER} max=${MAX_PILOTS} runs=${FINALITY_RUNS}/${RUNS_PER_NETWORK}`;
  return memo(tag, [streams.runs, streams.graph], () => {
    const network = networkFrom(streams.graph, choice.degree);
    const perBatch = networksOf(FINALITY_RUNS);
    // Batch b: its runs from fold(runs, b), on networks b·B … of the claim's graph stream (B networks a full batch).
    const batch = (b: number, runs: number) =>
      finalityOverNetworks(fold(streams.runs, b), {
        ...FINALITY_DESIGN,
        runs: RUNS_PER_NETWORK,
        networks: networksOf(runs),
        ...constantsOf(choice),
        temperature,
        decay,
        network: (n, c = 0) => network(n, b * perBatch + c),
      });
    const pilot = batch(0, FINALITY_RUNS);
    const young = pilot[0]!.ages.findIndex((x) => Math.abs(x - YOUNG_AGE) < 1e-9);
    const old = pilot[0]!.ages.findIndex((x) => Math.abs(x - OLD_AGE) < 1e-9);
    const plan = finalityPlan(clusteredCurve(pilot, RUNS_PER_NETWORK), young, old);
    const heldYoung = (blocks: FinalityCurve[]) => blocks.some((c) => c.atRisk[young]! > 0);
    const rest = drawInBatches(plan.runs - FINALITY_RUNS, FINALITY_RUNS, 1, batch, heldYoung);
    return { ...clusteredCurve([...pilot, ...rest], RUNS_PER_NETWORK), plan };
  });
}

/** The ages compared, fixed before the run. */
export const FINALITY_AGES = { young: YOUNG_AGE, old: OLD_AGE } as const;
