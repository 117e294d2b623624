/**
 * The batched names of the previous release, kept for one release (CHANGELOG): one `ula` and one `mala` now take a
 * `ChainEnergy` as they take a term, and one `run` runs every sampler. Each alias calls its replacement with the
 * same arguments, so it gives the same numbers at the same key. The chain energy and its types live in
 * dynamics/batched; this path still offers them, so that imports of it keep working. Removed, with this file, in
 * the next release.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";
import type { ChainEnergy, ChainIntegrator, ChainState } from "./batched";
import type { ChainsRunResult, RunChainsOptions } from "./chain-run";
import type { DiagnosedChainsOptions, DiagnosedChainsResult, PrecisionOptions, TargetReport } from "./diagnosed";
import { type GradientOptions, mala, ula } from "./gradient";
import { run } from "./run";
import { disposeState } from "./types";

/**
 * Free a chain state's tensors.
 *
 * @deprecated Use {@link disposeState}, which frees the state of any sampler.
 */
export const disposeChainState: (state: ChainState) => void = disposeState;

/**
 * Unadjusted Langevin for R chains.
 *
 * @deprecated Use {@link ula}, which takes a `ChainEnergy` as it takes a term: `ula(interactionChains(graph, R), options)`.
 */
export function ulaChains(energy: ChainEnergy, options: GradientOptions): ChainIntegrator {
  return ula(energy, options);
}

/**
 * Metropolis-adjusted Langevin for R chains.
 *
 * @deprecated Use {@link mala}, which takes a `ChainEnergy` as it takes a term: `mala(interactionChains(graph, R), options)`.
 */
export function malaChains(energy: ChainEnergy, options: GradientOptions): ChainIntegrator {
  return mala(energy, options);
}

/** `integrator` as a batched sampler for `run` (a face written by hand for R = 1 may not say so). */
function batched(integrator: ChainIntegrator): ChainIntegrator {
  return integrator.batched === true ? integrator : { ...integrator, batched: true };
}

/**
 * Run R chains side by side with per-chain and pooled estimates.
 *
 * @deprecated Use {@link run}, which runs a batched sampler so: `run(ula(interactionChains(graph, R), …), x0, options, key)`.
 */
export function runChains(integrator: ChainIntegrator, initial: tf.Tensor2D, options: RunChainsOptions, key: Key): ChainsRunResult {
  return run(batched(integrator), initial, { ...options, diagnostics: false, targetMcse: undefined } as RunChainsOptions, key);
}

/**
 * R chains with R̂ and bulk and tail ESS of H and the mean fields.
 *
 * @deprecated Use {@link run} with `diagnostics: true`.
 */
export function runChainsDiagnosed(
  integrator: ChainIntegrator,
  initial: tf.Tensor2D,
  options: DiagnosedChainsOptions,
  key: Key,
): DiagnosedChainsResult {
  return run(
    integrator,
    initial,
    { ...options, diagnostics: true, targetMcse: undefined } as DiagnosedChainsOptions & { diagnostics: true },
    key,
  );
}

/**
 * R chains sampled until the MCSE of ⟨H⟩ reaches a target.
 *
 * @deprecated Use {@link run} with `targetMcse` and `maxSteps`.
 */
export function runChainsToPrecision(
  integrator: ChainIntegrator,
  initial: tf.Tensor2D,
  options: PrecisionOptions,
  key: Key,
): DiagnosedChainsResult & { target: TargetReport } {
  return run(integrator, initial, options, key);
}

export { type ChainEnergy, type ChainIntegrator, type ChainState, type ChainStepInfo, interactionChains } from "./batched";
export type { ChainEstimate, ChainsRunResult } from "./chain-run";
