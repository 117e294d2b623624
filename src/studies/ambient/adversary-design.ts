/**
 * e-scale-thickens' and e-sybil's experiments on the ambient model (moved from their claims' record,
 * claims/essay-adversaries, so that the claims, notebook 16's figures and the notebook take them from here): the
 * sizes, runs and attackers of the scale experiment, the planned runs and identities of the Sybil arms, and each
 * cell's runs from the experiment's two streams.
 */
import { ArgumentError } from "../../errors";
import { clusteredProportion, type ClusteredProportion } from "../../stats/clustered";
import { BIOEQUIVALENCE_RATIO, ratioEquivalenceRuns } from "../../stats/equivalence";
import { scaleExperiment, sybilOverNetworks, type ScalePoint, type SybilPoint } from "./ambient-experiments";
import { choiceTag, constantsOf, gammaTag, MODEL_CHOICE, MODEL_DECAY, networkFrom, type AmbientChoice } from "./essay-design";
import { networksOf, RUNS_PER_NETWORK, runEveryTime, runsOverNetworks, type ExperimentStreams, type Memo } from "./essay-plan";

// --- e-scale-thickens ---

/**
 * Nearly four decades of N up to 10⁵, multiples of 16 so that the growing attacker's N/16 identities are exact (1, 10,
 * 100, 1000, 6250): the ambient model's SIMD step (ops/ambient-step.ts: typed arrays, no worker threads, whose
 * stall above ~28 000 nodes stopped the former tensor path at 1.6·10⁴) runs 10⁵ nodes × 2 runs in seconds.
 */
export const SCALE_SIZES = [16, 160, 1600, 16_000, 100_000] as const;
/** Runs per size: the held share is a mean over N nodes, so large networks need few runs for the same SE. */
export const scaleRuns = (n: number) => (n <= 160 ? 100 : n <= 1600 ? 12 : n <= 16_000 ? 4 : 2);
export const SCALE_DURATION = 20;
/** The design of e-scale-thickens' runs (per attacker): the claim and notebook 16 run it. */
export const SCALE_DESIGN = { sizes: SCALE_SIZES, runs: scaleRuns, duration: SCALE_DURATION, temperature: 0.5 } as const;

export const SCALE_ATTACKERS: Record<string, { mode: "budget" | "fraction"; weightEach: number; label: string }> = {
  fixed: { mode: "budget", weightEach: 0.5, label: "one identity of weight ½ whatever N" },
  "share-1/32": { mode: "fraction", weightEach: 0.5, label: "N/16 identities of weight ½ (1/32 of the participation)" },
  "share-1/64": { mode: "fraction", weightEach: 0.25, label: "N/16 identities of weight ¼ (1/64 of the participation)" },
};

/**
 * e-scale-thickens' experiment for one attacker of {@link SCALE_ATTACKERS}, from the streams `runs` and `graph` (its
 * network per size): the claim's, run once for the claim, its figure and notebook 16 through the `memo` they pass.
 */
export function scalePointsFrom(
  attacker: string,
  streams: ExperimentStreams,
  decay = MODEL_DECAY,
  temperature: number = SCALE_DESIGN.temperature,
  choice: AmbientChoice = MODEL_CHOICE,
  memo: Memo = runEveryTime,
): ScalePoint[] {
  const { runs, graph } = streams;
  const a = SCALE_ATTACKERS[attacker];
  if (!a)
    throw new ArgumentError("emtd/studies/scalePointsFrom", "attacker", `one of ${Object.keys(SCALE_ATTACKERS).join(", ")}`, attacker);
  // The headline temperature keeps its memo tag (and notebook 16's cached runs); another T is named in it.
  const tTag = temperature === SCALE_DESIGN.temperature ? "" : ` T=${temperature}`;
  return memo(`e-scale-thickens ${attacker}${gammaTag(decay)}${tTag}${choiceTag(choice)}`, [runs, graph], () =>
    scaleExperiment(a.mode, runs, {
      ...SCALE_DESIGN,
      ...constantsOf(choice),
      temperature,
      sizes: [...SCALE_DESIGN.sizes],
      weightEach: a.weightEach,
      decay,
      network: networkFrom(graph, choice.degree),
      runsPerNetwork: 1,
    }),
  );
}

// --- e-sybil ---

/**
 * The displacement rate of one identity seen at N = 64, T = 0.5 (0.25 – 0.34 over seeds): the planning rate, the low
 * end, since a ratio's variance grows as the rate falls.
 */
export const SYBIL_PLANNING_RATE = 0.25;
/**
 * Runs per arm: equivalence within the bioequivalence ratio 0.80–1.25 decided with power 0.8 at a true ratio of 1
 * ({@link ratioEquivalenceRuns}: 1267 independent runs; thirtieth-edition referee: the absolute ±0.1 had no standard),
 * drawn {@link RUNS_PER_NETWORK} to a network and so planned over networks: times the design effect at the pilot's
 * ICC ({@link runsOverNetworks}).
 */
export const SYBIL_INDEPENDENT = ratioEquivalenceRuns(SYBIL_PLANNING_RATE, BIOEQUIVALENCE_RATIO);
export const SYBIL_RUNS = runsOverNetworks(SYBIL_INDEPENDENT);
export const SYBILS = 16;
/** The design of e-sybil's runs (per cell, with the cell's mode and T): the claim, its figure and notebook 16 run it. */
export const SYBIL_DESIGN = { identities: [1, SYBILS], runs: SYBIL_RUNS, nodes: 64 } as const;

/** One arm of e-sybil pooled over its networks: its displacement rate clustered by network. */
export interface SybilArm extends SybilPoint {
  displaced: ClusteredProportion;
}

/**
 * e-sybil's two arms (1 and 16 identities) for one cell, from the experiment's streams, {@link RUNS_PER_NETWORK} runs to a
 * network (both arms on the same networks): shared by the claim, its figure and notebook 16 through `memo`.
 */
export function sybilArmsFrom(
  mode: "budget" | "free",
  temperature: number,
  streams: ExperimentStreams,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
  memo: Memo = runEveryTime,
): SybilArm[] {
  const tag = `e-sybil ${mode} T=${temperature}${gammaTag(decay)}${choiceTag(choice)} runs=${SYBIL_RUNS}/${RUNS_PER_NETWORK}`;
  return memo(tag, [streams.runs, streams.graph], () => {
    const blocks = sybilOverNetworks(mode, streams.runs, {
      ...SYBIL_DESIGN,
      runs: RUNS_PER_NETWORK,
      networks: networksOf(SYBIL_RUNS),
      ...constantsOf(choice),
      identities: [...SYBIL_DESIGN.identities],
      temperature,
      decay,
      network: networkFrom(streams.graph, choice.degree),
    });
    return SYBIL_DESIGN.identities.map((_, arm) => ({
      ...blocks[0]![arm]!,
      displaced: clusteredProportion(blocks.map((b) => ({ k: b[arm]!.displaced.k, n: b[arm]!.displaced.n }))),
    }));
  });
}
