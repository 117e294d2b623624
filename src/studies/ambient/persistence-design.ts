/**
 * e-persistence's and e-double-spend's experiments on the ambient model (moved from their claims' record,
 * claims/essay-persistence, so that the claims, notebook 16's figures and the notebook take them from here): their
 * constants, the double spend's two-stage plan from its pilot (stats/two-stage), and each cell's runs from the
 * experiment's two streams, pooled over their networks.
 */
import { fold } from "../../engine/random";
import { minimumDetectableEffect } from "../../stats/tests";
import { clusteredMean, clusteredProportion, type ClusteredProportion } from "../../stats/clustered";
import type { Proportion } from "../../stats/binomial";
import {
  boundedVariance,
  drawInBatches,
  MAX_PILOTS,
  REPLAN_POWER,
  runsForDistance,
  twoStageRuns,
  type TwoStagePlan,
} from "../../stats/two-stage";
import { persistenceOverNetworks, type PersistenceCell } from "./ambient-experiments";
import { doubleSpendOverNetworks, type DoubleSpendResult } from "./double-spend";
import { choiceTag, constantsOf, gammaTag, MODEL_CHOICE, MODEL_DECAY, networkFrom, type AmbientChoice } from "./essay-design";
import {
  EXCEPTION,
  EXCEPTION_INDEPENDENT,
  EXCEPTION_RUNS,
  EXCEPTION_ZONE,
  networksOf,
  RUNS_PER_NETWORK,
  runEveryTime,
  type ExperimentStreams,
  type Memo,
} from "./essay-plan";
import { NODES } from "./finality-design";

/**
 * Runs per persistence cell: the essay's plan for a rate read at its exception level (./essay-plan
 * {@link EXCEPTION_RUNS}: 872 independent runs, 1488 over networks of 8). The first editions' 40 were not planned
 * (eighth-edition referee: two cells inconclusive at MDE 0.22, unstable over replicates).
 */
export const PERSISTENCE_RUNS = EXCEPTION_RUNS;
export const PERSISTENCE_DURATION = 40;
/** The design of e-persistence's runs (per cell, with the cell's T, γ and w): the claim and notebook 16 run it. */
export const PERSISTENCE_DESIGN = { nodes: NODES, runs: PERSISTENCE_RUNS, duration: PERSISTENCE_DURATION } as const;

/** e-persistence's cell pooled over its networks: the persisting rate clustered by network. */
export interface PersistenceCellOverNetworks extends PersistenceCell {
  persisting: ClusteredProportion;
}

/**
 * e-persistence's cell (T, γ, w) from the experiment's streams, {@link RUNS_PER_NETWORK} runs to a network: shared
 * by the claim and notebook 16 through the `memo` they pass.
 */
export function persistenceCellFrom(
  temperature: number,
  decay: number,
  participation: number,
  streams: ExperimentStreams,
  choice: AmbientChoice = MODEL_CHOICE,
  memo: Memo = runEveryTime,
): PersistenceCellOverNetworks {
  return memo(
    `e-persistence T=${temperature} γ=${decay} w=${participation}${choiceTag(choice)} runs=${PERSISTENCE_RUNS}/${RUNS_PER_NETWORK}`,
    [streams.runs, streams.graph],
    () => {
      const blocks = persistenceOverNetworks(streams.runs, {
        ...PERSISTENCE_DESIGN,
        runs: RUNS_PER_NETWORK,
        networks: networksOf(PERSISTENCE_RUNS),
        decays: [decay],
        participations: [participation],
        ...constantsOf(choice),
        temperature,
        network: networkFrom(streams.graph, choice.degree),
      }).map((cells) => cells[0]!);
      return {
        ...blocks[0]!,
        persistence: clusteredMean(blocks.map((c) => ({ sum: c.persistence * RUNS_PER_NETWORK, count: RUNS_PER_NETWORK }))).value,
        persisting: clusteredProportion(blocks.map((c) => ({ k: c.persisting.k, n: c.persisting.n }))),
      };
    },
  );
}

/** "Resolution is the rule": fewer than one run in twenty ends split (the essay's exception level, ./essay-plan). */
export const SPLIT_RARE = EXCEPTION;
export const SPLIT_ZONE = EXCEPTION_ZONE;
export const DOUBLE_SPEND_INDEPENDENT = EXCEPTION_INDEPENDENT;
export const DOUBLE_SPEND_RUNS = EXCEPTION_RUNS;
/** The MDE at 80 % power of a rate at the threshold over the plan's 872 independent runs: 2.8·√(0.05·0.95/872) ≈ 0.021. */
export const DOUBLE_SPEND_MDE = minimumDetectableEffect(Math.sqrt((SPLIT_RARE * (1 - SPLIT_RARE)) / DOUBLE_SPEND_INDEPENDENT));
export const DOUBLE_SPEND_DURATION = 30;
/** The design of e-double-spend's runs (per cell, with the cell's T): the claim and notebook 16 run it. */
export const DOUBLE_SPEND_DESIGN = { nodes: NODES, runs: DOUBLE_SPEND_RUNS, duration: DOUBLE_SPEND_DURATION } as const;

/** e-double-spend's runs of one cell, pooled over their networks: the split rate and the winners clustered by network. */
export interface DoubleSpendCell extends DoubleSpendResult {
  aWins: ClusteredProportion;
  bWins: ClusteredProportion;
  split: ClusteredProportion;
  /** The cell's plan from its pilot (stats/two-stage). */
  plan: TwoStagePlan;
}

/**
 * e-double-spend's plan from its pilot's split rate (stats/two-stage): the effective runs that decide the rate's distance
 * from the line with power 0.9 (its variance bounded by the pilot's interval), at least the zone's 872, in runs at
 * the pilot's measured design effect; the pilot is the zone's own plan, {@link DOUBLE_SPEND_RUNS}.
 */
export function doubleSpendPlan(pilot: ClusteredProportion): TwoStagePlan {
  const distance = Math.abs(pilot.k / pilot.n - SPLIT_RARE);
  const needed = Math.max(runsForDistance(boundedVariance(pilot.k / pilot.n, pilot.effectiveRuns), distance), DOUBLE_SPEND_INDEPENDENT);
  return twoStageRuns(needed * pilot.designEffect, DOUBLE_SPEND_RUNS, RUNS_PER_NETWORK);
}

/**
 * e-double-spend's runs at `temperature` from the experiment's streams, {@link RUNS_PER_NETWORK} to a network: shared
 * by the claim and notebook 16 through the `memo` they pass. Two stages (stats/two-stage): the pilot, {@link DOUBLE_SPEND_RUNS} runs from the
 * runs stream on networks 0–185 of the graph stream, then the rest of {@link doubleSpendPlan}'s runs in batches of at
 * most as many (batch b from fold(runs, b), on networks from b·186 on).
 */
export function doubleSpendFrom(
  temperature: number,
  streams: ExperimentStreams,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
  memo: Memo = runEveryTime,
): DoubleSpendCell {
  const tag =
    `e-double-spend T=${temperature}${gammaTag(decay)}${choiceTag(choice)} two-stage ` +
    `power=${REPLAN_POWER} max=${MAX_PILOTS} runs=${DOUBLE_SPEND_RUNS}/${RUNS_PER_NETWORK}`;
  return memo(tag, [streams.runs, streams.graph], () => {
    const network = networkFrom(streams.graph, choice.degree);
    const perBatch = networksOf(DOUBLE_SPEND_RUNS);
    const batch = (b: number, runs: number) =>
      doubleSpendOverNetworks(b === 0 ? streams.runs : fold(streams.runs, b), {
        ...DOUBLE_SPEND_DESIGN,
        runs: RUNS_PER_NETWORK,
        networks: networksOf(runs),
        ...constantsOf(choice),
        temperature,
        decay,
        network: (n, c = 0) => network(n, b * perBatch + c),
      });
    const splitOf = (blocks: DoubleSpendResult[]) => clusteredProportion(blocks.map((d) => ({ k: d.split.k, n: d.runs })));
    const pilot = batch(0, DOUBLE_SPEND_RUNS);
    const plan = doubleSpendPlan(splitOf(pilot));
    const blocks = [...pilot, ...drawInBatches(plan.runs - DOUBLE_SPEND_RUNS, DOUBLE_SPEND_RUNS, 1, batch)];
    const of = (pick: (d: DoubleSpendResult) => Proportion) => clusteredProportion(blocks.map((d) => ({ k: pick(d).k, n: d.runs })));
    const time = clusteredMean(blocks.map((d) => ({ sum: d.resolutionTime * d.resolved, count: d.resolved })));
    return {
      runs: plan.runs,
      plan,
      aWins: of((d) => d.aWins),
      bWins: of((d) => d.bWins),
      split: splitOf(blocks),
      resolutionTime: time.value,
      resolutionTimeSe: time.se,
      resolved: blocks.reduce((a, d) => a + d.resolved, 0),
      finalMean: blocks.flatMap((d) => d.finalMean),
    };
  });
}
