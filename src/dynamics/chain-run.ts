/**
 * The run of R chains side by side, a front end of the one run loop (`runLoop`) that `run` takes for a batched
 * sampler: step-size adaptation on the pooled acceptance, and per-chain and pooled estimates of ⟨H⟩
 * ({@link chainSummary}, the one pooled estimate: the mean of the chain means, MCSE √(Σ MCSE_r²)/R for independent
 * chains, ESS Σ ESS_r).
 */
import type * as tf from "@tensorflow/tfjs";
import { type Key, checkKey } from "../engine/random";
import { check } from "../errors";
import { estimateMean } from "../stats/ess";
import { stackChains } from "../stats/diagnostics";
import type { ChainIntegrator, ChainStepInfo } from "./types";
import { loopRecord, runLoop, ZERO_ACCEPTANCE_STEPS } from "./loop";
import { stepControl } from "./step-control";
import { takePosition } from "./types";
import { samplingWarnings } from "./warnings";
import type { ChainEstimate, RunResult } from "./run-result";

// The name the chains run has always given in its errors.
const WHERE = "emtd/dynamics/chains";

/** The options of a run of R chains side by side (`run` with a batched sampler). */
export interface RunChainsOptions {
  steps: number;
  burnIn?: number;
  adapt?: boolean;
  warmup?: number;
  stuckAfter?: number;
  /** After each post-burn-in step (as `run`'s `onDraw`): draw index, X [N, R·d] (read only), info, step size. */
  onDraw?: (draw: number, position: tf.Tensor2D, info: ChainStepInfo, stepSize: number) => void;
  /** As `run`'s `deferReads`: ULA's per-chain energies read once per block of steps. Default: on the webgpu backend. */
  deferReads?: boolean;
}

/**
 * Per-chain and pooled estimates of ⟨H⟩ from whole chains, and their sampling warnings: chain r's mean, MCSE and
 * ESS of `energies[r]` (NaN under 4 draws) and its acceptance `accepted[r]` / draws; pooled, the mean of the chain
 * means, MCSE √(Σ MCSE_r²)/R (independent chains), ESS Σ ESS_r and the mean acceptance. Warnings per chain: its own
 * ESS (per-chain ESS < 100, as ArviZ), its acceptance, the burn-in against its τ; each said once.
 */
export function chainSummary(
  integrator: string,
  energies: Float64Array[],
  accepted: ArrayLike<number>,
  burnIn: number,
): { perChain: ChainEstimate[]; pooled: ChainEstimate; warnings: string[] } {
  const R = energies.length;
  const kept = energies[0]!.length;
  const perChain = energies.map((series, r) => {
    const e = series.length >= 4 ? estimateMean(series) : { mean: Number.NaN, mcse: Number.NaN, ess: Number.NaN };
    return { meanEnergy: e.mean, energyMcse: e.mcse, energyEss: e.ess, acceptance: accepted[r]! / kept };
  });
  const pooled: ChainEstimate = {
    meanEnergy: perChain.reduce((s, c) => s + c.meanEnergy, 0) / R,
    energyMcse: Math.sqrt(perChain.reduce((s, c) => s + c.energyMcse ** 2, 0)) / R,
    energyEss: perChain.reduce((s, c) => s + c.energyEss, 0),
    acceptance: perChain.reduce((s, c) => s + c.acceptance, 0) / R,
  };
  const warnings = [
    ...new Set(
      perChain.flatMap((c, r) => samplingWarnings({ integrator, ess: c.energyEss, kept, acceptance: c.acceptance, burnIn, chain: r })),
    ),
  ];
  return { perChain, pooled, warnings };
}

/**
 * Run R chains from `initial` ([N, R·d]); step t uses fold(key, t); during burn-in (with `adapt`) the step size
 * follows Robbins–Monro on log h toward the target acceptance, using the mean acceptance probability over chains,
 * frozen at the mean of its second half (as the one-chain run). Leaves no tensors but `final`. `run` calls it for a
 * batched sampler.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const chains = ula(interactionChains(graph, 8), { step: 0.05, temperature: 1 }); // 8 chains, d = 1
 * const x0 = tf.zeros([graph.n, 8]) as tf.Tensor2D;
 * const r = run(chains, x0, { steps: 200, burnIn: 50 }, key(1)); // a batched sampler: this front end
 * [r.meanEnergy, r.energyMcse]; // → [4.96, 0.17] (pooled; exact for ULA at h = 0.05: ulaStationaryEnergy(…) = 5.09)
 * r.draws.energy[0].length; // → 150 (chain 0's H after each post-burn-in step)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function runChainsLoop(integrator: ChainIntegrator, initial: tf.Tensor2D, options: RunChainsOptions, key: Key): RunResult {
  checkKey(WHERE, "key", key);
  const steps = check.integer(WHERE, "steps", options.steps, 1);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn ?? 0, 0, steps - 1);
  const R = integrator.chains;
  // As the one-chain run: one step-size rule (adaptation or the warm-up ramp), and a stuck chain is an error.
  const control = stepControl(WHERE, {
    step: integrator.stepSize,
    integratorTarget: integrator.targetAcceptance,
    burnIn,
    adapt: options.adapt ?? false,
    warmup: options.warmup,
  });
  const stuckAfter =
    options.stuckAfter === Number.POSITIVE_INFINITY
      ? null
      : check.integer(WHERE, "stuckAfter", options.stuckAfter ?? ZERO_ACCEPTANCE_STEPS, 1);
  const started = performance.now();
  const kept = steps - burnIn;
  const record = loopRecord(R, kept);
  const energies = record.series.energy!;
  const { state } = runLoop(
    integrator,
    integrator.init(initial),
    {
      where: WHERE,
      steps,
      burnIn,
      first: 0,
      until: steps,
      control,
      stuckAfter,
      record,
      ...(options.onDraw ? { onDraw: options.onDraw } : {}),
      ...(options.deferReads !== undefined ? { deferReads: options.deferReads } : {}),
      partial: (done) => partialChains(energies, done - burnIn, control.stepSize, integrator.name, done),
    },
    key,
  );
  const final = takePosition(state);
  return chainsResult(integrator.name, energies, record.accepted, {
    final,
    stepSize: control.stepSize,
    steps,
    burnIn,
    seconds: (performance.now() - started) / 1000,
  });
}

/**
 * The one run result of R whole chains from their kept energies and accepted counts: the estimates pooled and per
 * chain ({@link chainSummary}), the draws by chain, and the sampling warnings.
 */
export function chainsResult(
  integrator: string,
  energies: Float64Array[],
  accepted: ArrayLike<number>,
  rest: Pick<RunResult, "final" | "stepSize" | "steps" | "burnIn" | "seconds">,
): RunResult {
  const { perChain, pooled, warnings } = chainSummary(integrator, energies, accepted, rest.burnIn);
  return {
    ...rest,
    chains: energies.length,
    ...pooled,
    perChain,
    draws: { energy: energies },
    energies: stackChains(energies),
    trace: [],
    stopped: false,
    warnings,
  };
}

/** What a chains run recorded before a fault: each chain's post-burn-in energies so far. */
function partialChains(energies: Float64Array[], kept: number, stepSize: number, integrator: string, steps: number) {
  return { steps, energies: energies.map((e) => e.slice(0, Math.max(0, kept))), stepSize, integrator, trace: [] };
}
