/**
 * Notebook 16's entries to the essay experiments (src/studies/ambient/*-design): each experiment at a claim's own
 * streams for a seed and replicate, through the claims' memo, so the notebook, the figures and the claim read one run.
 */
import type { AdversaryStrengthPoint } from "../../studies/ambient/byzantine";
import { byzantinePointsFrom } from "../../studies/ambient/byzantine-design";
import { scalePointsFrom, SCALE_DESIGN, sybilArmsFrom, type SybilArm } from "../../studies/ambient/adversary-design";
import type { ScalePoint } from "../../studies/ambient/ambient-experiments";
import { MODEL_CHOICE, MODEL_DECAY, type AmbientChoice } from "../../studies/ambient/essay-design";
import type { ExperimentStreams } from "../../studies/ambient/essay-plan";
import { finalityCurveFrom, type ClusteredFinalityCurve, type FinalityPlan } from "../../studies/ambient/finality-design";
import {
  doubleSpendFrom,
  persistenceCellFrom,
  type DoubleSpendCell,
  type PersistenceCellOverNetworks,
} from "../../studies/ambient/persistence-design";
import { memoised } from "./memo";
import { streamKey } from "./streams";

/**
 * Claim `id`'s streams at `seed` and `replicate`, the keys `ctx.key` gives its measure there (./streams streamKey):
 * what the essay experiments shared with notebook 16 draw when called with a seed and a replicate.
 */
export function claimStreams(id: string, seed: number, replicate: number): ExperimentStreams {
  return { runs: streamKey(id, "runs", seed, replicate), graph: streamKey(id, "graph", seed, replicate) };
}

/** e-finality-diffuses' curve at `temperature` from the claim's streams at `seed` and `replicate`. */
export function claimFinalityCurve(
  temperature: number,
  seed: number,
  replicate = 0,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
): ClusteredFinalityCurve & { plan: FinalityPlan } {
  return finalityCurveFrom(temperature, claimStreams("e-finality-diffuses", seed, replicate), decay, choice, memoised);
}

/** e-persistence's cell (T, γ, w) from the claim's streams at `seed` and `replicate`. */
export function claimPersistenceCell(
  temperature: number,
  decay: number,
  participation: number,
  seed: number,
  replicate = 0,
  choice: AmbientChoice = MODEL_CHOICE,
): PersistenceCellOverNetworks {
  return persistenceCellFrom(temperature, decay, participation, claimStreams("e-persistence", seed, replicate), choice, memoised);
}

/** e-double-spend's runs at `temperature` from the claim's streams at `seed` and `replicate`. */
export function claimDoubleSpend(
  temperature: number,
  seed: number,
  replicate = 0,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
): DoubleSpendCell {
  return doubleSpendFrom(temperature, claimStreams("e-double-spend", seed, replicate), decay, choice, memoised);
}

/** e-scale-thickens' points for one attacker from the claim's streams at `seed` and `replicate`. */
export function claimScalePoints(
  attacker: string,
  seed: number,
  replicate = 0,
  decay = MODEL_DECAY,
  temperature: number = SCALE_DESIGN.temperature,
  choice: AmbientChoice = MODEL_CHOICE,
): ScalePoint[] {
  return scalePointsFrom(attacker, claimStreams("e-scale-thickens", seed, replicate), decay, temperature, choice, memoised);
}

/** e-sybil's two arms (1 and 16 identities) for one cell from the claim's streams at `seed` and `replicate`. */
export function claimSybilArms(
  mode: "budget" | "free",
  temperature: number,
  seed: number,
  replicate = 0,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
): SybilArm[] {
  return sybilArmsFrom(mode, temperature, claimStreams("e-sybil", seed, replicate), decay, choice, memoised);
}

/** e-no-byzantine's runs at `temperature` (every size and strength ω) from the claim's streams at `seed` and `replicate`. */
export function claimByzantinePoints(
  temperature: number,
  seed: number,
  replicate = 0,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
): AdversaryStrengthPoint[] {
  return byzantinePointsFrom(temperature, claimStreams("e-no-byzantine", seed, replicate), decay, choice, memoised);
}
