/**
 * What the essay's claim files share (essay-finality.ts, essay-value.ts, essay-adversaries.ts): the notebook, the
 * model in a sentence, the open choices every essay experiment has (T, γ, κ, k; their values and reasons are
 * studies/ambient/essay-design's) as grid parameters, the runs' plan over networks (studies/ambient/essay-plan,
 * re-exported), a cell's streams and choice, and the memo that lets claims reading one experiment share one run.
 *
 * The essay gives no equations. Its own mechanism is named in words ("local interactions resolve globally through
 * diffusion, decay, and replacement"; states that detach from participation dissolve; presence is load-bearing);
 * the ambient model (src/studies/ambient/simulate.ts) is that mechanism made concrete: participants coupled to their
 * neighbours (diffusion), a decay term toward neutral (decay), holding wells weighted by participation (presence),
 * thermal noise (ambient entropy). A verdict is about that model; where the model contains what a claim asserts,
 * the claim's `byConstruction` says so.
 */
import type { Proportion } from "../stats/binomial";
import type { ClusteredProportion } from "../stats/clustered";
import { rateEvidence, type TEstimate } from "./machinery/decide";
export { memoised } from "./machinery/memo";
export { claimStreams } from "./machinery/essay-runs";
import {
  COUPLING as AMBIENT_COUPLING,
  DECAY as AMBIENT_DECAY,
  DEGREE as AMBIENT_DEGREE,
  MODEL_CHOICE,
  NOISE,
  type AmbientChoice,
} from "../studies/ambient/essay-design";
export {
  ESSAY_MARGIN,
  MODEL_CHOICE,
  MODEL_DECAY,
  networkFrom,
  type AmbientChoice,
  choiceTag,
  constantsOf,
  gammaTag,
  stepAt,
} from "../studies/ambient/essay-design";
export {
  EXCEPTION,
  EXCEPTION_INDEPENDENT,
  EXCEPTION_RUNS,
  EXCEPTION_ZONE,
  PLANNING_ICC,
  RUNS_PER_NETWORK,
  networksOf,
  runsOverNetworks,
  type ExperimentStreams as ClaimStreams,
} from "../studies/ambient/essay-plan";
import type { ExperimentStreams } from "../studies/ambient/essay-plan";
import type { Evidence, GridParameter, MeasureContext } from "./machinery/types";

export const NOTEBOOK = "notebooks/16-finality-through-ambient-entropy.ipynb";

export const MODEL =
  "The ambient model (src/studies/ambient/simulate.ts), the essay's 'diffusion, decay, and " +
  "replacement' made concrete: Langevin dynamics of a value field ψ on Watts–Strogatz networks ws:N:k:0.1, " +
  "one drawn afresh for every block of 8 runs (a disjoint union of them simulated at once, each run " +
  "on its own noise stream; the scale and Byzantine experiments draw one per run), so a cell's runs sample " +
  "the family of networks, not one of " +
  "them, participation coupling κ, holding wells of depth b = 1 weighted by participation, decay " +
  "γ toward neutral, noise T, step h = 0.05 (0.05/κ above κ = 1, where the explicit step would " +
  "otherwise be unstable). The essay names none of these: b = 1 sets the units (the wells' minima at " +
  "ψ = ±1, energy in the holding depth), so T, γ and κ are read as T/b, γ/b and κ/b. The grid varies " +
  "T and γ; at the headline T = 0.5, γ = 0.1 it also varies κ/b ∈ {1, ½, 2} (coupling and holding " +
  "on one scale, holding ahead, coupling ahead) and, at κ = 1, the degree k ∈ {6, 4} (the model's " +
  "6, and the 4 of §3.3's graph); the network is the proposal's §3.3 family (Watts–Strogatz, rewiring " +
  "0.1, the only network either text names); h is a numerical step, not part of the mechanism";

/** A value beyond ½, the A/neutral boundary: a node "holds" A above it. */
export const MAJORITY = 0.5;

/** The grid every essay claim shares (studies/ambient/essay-design: the values and their reasons), as grid parameters. */
export const TEMPERATURE: GridParameter = NOISE;
export const DECAY: GridParameter = AMBIENT_DECAY;
export const COUPLING: GridParameter = AMBIENT_COUPLING;
export const DEGREE: GridParameter = AMBIENT_DEGREE;

/** The cell's κ and degree: its `kappa` and `degree`, or the model's where the cell has none. */
export function choiceAt(ctx: MeasureContext): AmbientChoice {
  const { kappa, degree } = ctx.cell;
  return {
    coupling: kappa === undefined ? MODEL_CHOICE.coupling : Number(kappa),
    degree: degree === undefined ? MODEL_CHOICE.degree : Number(degree),
  };
}

/** A grid value as a number. */
export const at = (ctx: MeasureContext, name: string): number => Number(ctx.cell[name]);

/** A rate as evidence, with its Wilson interval. */
export const ev = (name: string, p: Proportion): Evidence => rateEvidence(name, p.k, p.n);

/** The measured claim's streams (its runs and its network per size), from `ctx.key` (the claim's own streams at its seed and replicate). */
export const streamsOf = (ctx: MeasureContext): ExperimentStreams => ({ runs: ctx.key("runs"), graph: ctx.key("graph") });

/** A rate as evidence from runs drawn in blocks (../stats/clustered): its interval at the effective size. */
export const clusteredEv = (name: string, p: ClusteredProportion): Evidence => rateEvidence(name, p.k, p.n, p.designEffect);

/** The difference of two means with Welch's degrees of freedom. */
export function welch(a: { value: number; se: number }, na: number, b: { value: number; se: number }, nb: number): TEstimate {
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  const df = se > 0 ? se ** 4 / (a.se ** 4 / Math.max(na - 1, 1) + b.se ** 4 / Math.max(nb - 1, 1)) : Infinity;
  return { value: a.value - b.value, se, df: Number.isFinite(df) ? Math.max(1, Math.floor(df)) : Infinity };
}
