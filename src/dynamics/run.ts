/**
 * {@link run}, the one entry point that runs a sampler: one front end (dynamics/chain-run) over the one loop
 * (dynamics/loop) for any number of chains, as BlackJAX and NumPyro run one loop whatever the number of chains.
 * - gradient flow, ULA, MALA, Metropolis on one field (a term) or on R chains side by side (a `ChainEnergy`): the
 *   estimates of ⟨H⟩, a chain's own for one field (with its trace, checkpoints, `onRecord` and `stopWhen`), per chain
 *   and pooled for R;
 * - with `diagnostics: true` (R ≥ 2), R̂ and bulk and tail ESS of H and the mean fields; with `targetMcse`, sampling
 *   until the MCSE of ⟨H⟩ reaches it (dynamics/diagnosed, over the same front end);
 * The Ising lattice sampler has its own front end, `runIsing` (spin/ising/ising-run).
 * It owns every intermediate tensor, so `tf.memory().numTensors` is the same before and after a run (plus the
 * returned `final`).
 */
import type * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";
import type { BaseState, Sampler, StepInfo } from "./types";
import { runChains } from "./chain-run";
import { chainsToPrecision, diagnosedChains, type DiagnosedChainsOptions, type PrecisionOptions } from "./diagnosed";
import type { RunOptions, RunResult } from "./run-result";
import { ArgumentError } from "../errors";

const WHERE = "emtd/run";

export type { ChainEstimate, PartialRun, RunCheckpoint, RunOptions, RunResult, TargetReport, TraceRecord } from "./run-result";

/**
 * Run `sampler` from `initial` for `options.steps` steps, step t with key fold(key, t) (module comment: the sampler
 * and options choose how).
 *
 * - A sampler of the Langevin family (R = `sampler.chains` chains side by side, one field being R = 1; e.g.
 *   `mala(interaction(graph), …)` or `ula(interactionChains(graph, R), …)`): `initial` [N, R·d], any rank-2 tensor
 *   (copied); returns the one {@link RunResult}: the draws by chain and draw, ⟨H⟩ with its MCSE and ESS pooled and
 *   per chain, a trace for one field (`onRecord` sees each record, `stopWhen` may end the run), the diagnostics
 *   where asked (`diagnostics: true`; `targetMcse` and `maxSteps` continue until the MCSE of ⟨H⟩ is at most the
 *   target and add `target`); `toInferenceData` (dynamics/inference-data) writes it as ArviZ reads it, for any R.
 *
 * The Ising lattice sampler is not a field's: its start is a lattice state and its result per-temperature estimators,
 * so it has its own front end, `runIsing` (emtd/ising); `run` refuses it by name.
 *
 * Every intermediate tensor is disposed; the caller disposes `final`.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 2]);
 * const r = run(mala(interaction(graph), { step: 0.05, temperature: 1 }), x0, { steps: 200, burnIn: 50 }, key(1));
 * [r.meanEnergy, r.energyMcse]; // → [11.41, 1.76] (⟨H⟩ ± MCSE; exact (N − 1)·C·T/2 = 9)
 * r.acceptance; // → 0.82
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function run<I extends StepInfo>(sampler: Sampler<BaseState, I>, initial: tf.Tensor, options: RunOptions<I>, key: Key): RunResult {
  // The Ising sampler's lattice (its `system`) marks it: its runs have their own front end, not this one.
  if (sampler !== null && typeof sampler === "object" && "system" in sampler && "temperatures" in sampler)
    throw new ArgumentError(WHERE, "sampler", "a sampler of fields (the Ising lattice sampler runs through runIsing)", sampler.name);
  const o = options as RunOptions;
  const langevin = sampler as Sampler<BaseState, StepInfo>;
  // The diagnostics record more over the same front end (dynamics/diagnosed); they need R ≥ 2 and say so.
  if (o?.targetMcse !== undefined) return chainsToPrecision(langevin as never, initial as tf.Tensor2D, o as PrecisionOptions, key);
  if (o?.diagnostics === true) return diagnosedChains(langevin as never, initial as tf.Tensor2D, o as DiagnosedChainsOptions, key);
  return runChains(langevin, initial as tf.Tensor, o, key);
}
