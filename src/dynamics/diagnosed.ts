/**
 * Chains side by side with the multi-chain diagnostics ArviZ and PyMC users expect, and sampling to a target precision.
 *
 * `run(sampler, x0, { …, diagnostics: true }, key)` ({@link diagnosedChains}) runs the chains as without diagnostics
 * (same keys, same numbers) and records, beside H, the
 * mean field of each channel of each chain after every kept step (x̄_{r,k} = (1/N) Σ_i X[i, r·d + k], read by a
 * wrapper around the integrator's `step`, so the run loop is untouched); it then reports the rank-normalised split-R̂
 * and bulk and tail ESS of each (stats/diagnostics; Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021) and their
 * warnings (dynamics/warnings). Quantities are named `energy`, `meanField0`, `meanField1`, …
 *
 * `run(sampler, x0, { …, targetMcse, maxSteps }, key)` ({@link chainsToPrecision}) keeps sampling until the MCSE of ⟨H⟩ is at most a target and R̂ of H at most 1.01
 * (NetKet's `expect_to_precision`): after the first `steps` (burn-in included) it continues every chain from where
 * it stopped, at the step size the first segment ended with, in segments that grow geometrically toward the length
 * the current MCSE predicts (MCSE ∝ 1/√draws), until the target is met or `maxSteps` is reached; the estimates are
 * over every kept draw. Segment s ≥ 1 runs under split(key, s + 1)[s], distinct from every step key of the first.
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, split } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { diagnose, type ConvergenceDiagnostics, stackChains } from "../stats/diagnostics";
import type { ChainIntegrator, ChainStepInfo } from "./types";
import { chainsResult, runChains, type RunChainsOptions } from "./chain-run";
import type { PrecisionProgress, RunResult, TargetReport } from "./run-result";
import { convergenceWarnings, RHAT_WARNING } from "./warnings";

const WHERE = "emtd/dynamics/diagnosed";

export interface DiagnosedChainsOptions extends RunChainsOptions {
  /** Ask `run` for the diagnostics (R̂, bulk and tail ESS) of H and the mean fields; needs at least 2 chains. */
  diagnostics?: boolean;
  /** Record and diagnose the mean field of the first k channels (default: every channel; 0: H only). */
  meanFieldChannels?: number;
}

/**
 * The name of channel k's mean field in `diagnostics` and `draws`.
 *
 * @example
 * ```ts
 * meanFieldName(0); // → "meanField0"
 * ```
 */
export function meanFieldName(k: number): string {
  return `meanField${k}`;
}

/**
 * `integrator` with its step recording the per-chain, per-channel mean field [R·d] of each new state (first
 * `channels` channels of each chain); the recorded rows are one per step, in step order.
 */
function recordingMeanField(integrator: ChainIntegrator, channels: number | undefined) {
  // A row per step: the means read, or formed by a fused step itself (its info's, or its pending read's).
  const rows: Float32Array[] = [];
  let width = 0;
  const steps = integrator.steps;
  // A fused step's means are float64 there, kept in float32 as the read ones are.
  const row = (info: ChainStepInfo) => Float32Array.from(info.columnMeans!);
  /** `info` whose row is `rows[at]`: filled now, or when its pending read is read (a new info, the old one unchanged). */
  const recorded = (info: ChainStepInfo, at: number): ChainStepInfo => {
    const pending = info.pending;
    if (!pending) {
      rows[at] = row(info);
      return info;
    }
    return {
      ...info,
      pending: {
        values: pending.values,
        read(values) {
          const done = pending.read(values) as ChainStepInfo;
          rows[at] = row(done);
          return done;
        },
      },
    };
  };
  const wrapped: ChainIntegrator = {
    ...faceOf(integrator, integrator.stepSize),
    ...(steps === undefined
      ? {}
      : {
          steps(state, keys, overrides) {
            const taken = steps(state, keys, overrides);
            if (taken === null) return null;
            width = taken[0].position.shape[1];
            return [taken[0], taken[1].map((info) => recorded(info, rows.push(new Float32Array(width)) - 1))];
          },
        }),
    step(state, key, overrides) {
      const [next, info] = integrator.step(state, key, overrides);
      const [n, columns] = next.position.shape;
      width = columns;
      if (info.columnMeans !== undefined) return [next, recorded(info, rows.push(new Float32Array(columns)) - 1)];
      const means = tf.tidy(() => tf.div(tf.matMul(tf.ones([1, n]), next.position), n));
      const pending = info.pending;
      if (!pending) {
        rows.push(means.dataSync() as Float32Array);
        means.dispose();
        return [next, info];
      }
      // A deferred step (dynamics/loop): the means ride in its pending read, their row set when it is read.
      const at = rows.push(new Float32Array(columns)) - 1;
      const size = pending.values.size;
      const values = tf.tidy(() => tf.concat([tf.reshape(pending.values, [-1]), tf.reshape(means, [-1])]));
      tf.dispose([pending.values, means]);
      const read = (all: Float32Array | Int32Array) => {
        rows[at] = Float32Array.from(all.subarray(size));
        return pending.read(all.subarray(0, size));
      };
      return [next, { ...info, pending: { values, read } }];
    },
  };
  /** Per recorded channel k, per chain r, the last `kept` rows' x̄_{r,k}. */
  function series(kept: number): Float64Array[][] {
    const R = integrator.chains;
    const d = width / R;
    const k = Math.min(d, channels ?? d);
    const from = rows.length - kept;
    const kept32 = rows.slice(from);
    const row = (i: number): Float32Array => kept32[i]!;
    return Array.from({ length: k }, (_, channel) =>
      Array.from({ length: R }, (_, r) => {
        const out = new Float64Array(kept);
        for (let i = 0; i < kept; i++) out[i] = row(i)[r * d + channel]!;
        return out;
      }),
    );
  }
  return { integrator: wrapped, series };
}

/** The integrator's face with another default step size (its methods called on the integrator itself). */
function faceOf(integrator: ChainIntegrator, stepSize: number): ChainIntegrator {
  return {
    name: integrator.name,
    chains: integrator.chains,
    temperature: integrator.temperature,
    stepSize,
    targetAcceptance: integrator.targetAcceptance,
    init: (position) => integrator.init(position),
    step: (state, key, overrides) => integrator.step(state, key, overrides),
    ...(integrator.steps === undefined ? {} : { steps: (state, keys, overrides) => integrator.steps!(state, keys, overrides) }),
  };
}

/** R̂ and the ESS need several chains and at least 4 kept draws in each (else their error would name the draws, not the option). */
function checkChains(integrator: ChainIntegrator, options: { steps: number; burnIn?: number }): void {
  if (integrator.chains < 2) throw new ArgumentError(WHERE, "integrator.chains", "at least 2 (R̂ compares chains)", integrator.chains);
  const burnIn = options?.burnIn ?? 0;
  if (Number.isInteger(options?.steps) && Number.isInteger(burnIn) && options.steps - burnIn < 4)
    throw new ArgumentError(WHERE, "steps", `at least burnIn + 4 = ${burnIn + 4} (R̂ and ESS need 4 kept draws per chain)`, options.steps);
}

/** One segment of chains, with its per-chain mean fields. */
function segment(integrator: ChainIntegrator, initial: tf.Tensor2D, options: DiagnosedChainsOptions, key: Key) {
  const recorder = recordingMeanField(integrator, options.meanFieldChannels);
  const result = runChains(recorder.integrator, initial, options, key);
  return { result, meanField: recorder.series(result.steps - result.burnIn) };
}

function diagnosticsOf(draws: Record<string, Float64Array[]>): Record<string, ConvergenceDiagnostics> {
  return Object.fromEntries(Object.entries(draws).map(([name, chains]) => [name, diagnose(chains)]));
}

function drawsOf(energies: Float64Array[], meanField: Float64Array[][]): RunResult["draws"] {
  return { energy: energies, ...Object.fromEntries(meanField.map((chains, k) => [meanFieldName(k), chains])) };
}

/**
 * The chains run (same arguments, same numbers) plus `diagnostics`, and `draws` of the mean field of each
 * channel beside H, and the convergence warnings appended to `warnings` (R̂ > 1.01, bulk or tail ESS < 100 per chain, fewer
 * than 4 chains): what `run` does with `diagnostics: true`. Needs at least 2 chains. Leaves no tensors but `final`.
 *
 * @example
 * ```ts
 * const graph = ringGraph(20, 4);
 * const chains = mala(interactionChains(graph, 4), { step: 0.05 }); // 4 chains, d = 1
 * const x0 = tf.zeros([graph.n, 4]) as tf.Tensor2D;
 * const r = run(chains, x0, { steps: 2000, burnIn: 200, diagnostics: true }, key(1));
 * r.diagnostics!.energy; // → { rhat: 1.0078, essBulk: 896.3, essTail: 1285.3, mean: 9.41, mcse: 0.097 } (exact ⟨H⟩ = (N − 1)·d·T/2 = 9.5)
 * r.diagnostics!.meanField0.rhat > 1.01; // → true: H ignores a common shift, so the mean field only diffuses
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function diagnosedChains(integrator: ChainIntegrator, initial: tf.Tensor2D, options: DiagnosedChainsOptions, key: Key): RunResult {
  checkChains(integrator, options);
  const { result, meanField } = segment(integrator, initial, options, key);
  return runChainsDiagnosedFrom(result, meanField, integrator.chains);
}

export interface PrecisionOptions extends DiagnosedChainsOptions {
  /** Stop once the MCSE of ⟨H⟩ is at most this (> 0). */
  targetMcse: number;
  /** Cap on the total steps, burn-in included (at least `steps`). */
  maxSteps: number;
  /** The R̂ of H must also be at most this (default {@link RHAT_WARNING} = 1.01). */
  maxRhat?: number;
  /** Called after each segment with the estimates so far. */
  onProgress?: (progress: PrecisionProgress) => void;
}

export type { PrecisionProgress, TargetReport };

function achieved(result: RunResult): { mcse: number; rhat: number } {
  const e = result.diagnostics!.energy!;
  return { mcse: Math.max(result.energyMcse, e.mcse), rhat: e.rhat };
}

/**
 * {@link diagnosedChains} continued until the MCSE of ⟨H⟩ is at most `targetMcse` and its R̂ at most `maxRhat`
 * (module comment), or `maxSteps` steps have been taken; `target` says which, and a run that stops at the cap says so
 * in `warnings`. The first segment is exactly {@link diagnosedChains} with `steps`; `steps` in the result is the
 * total taken: what `run` does with `targetMcse`. Leaves no tensors but `final`.
 *
 * @example
 * ```ts
 * const graph = ringGraph(20, 4);
 * const chains = mala(interactionChains(graph, 4), { step: 0.05 });
 * const x0 = tf.zeros([graph.n, 4]) as tf.Tensor2D;
 * const r = run(chains, x0, { steps: 1000, burnIn: 200, targetMcse: 0.08, maxSteps: 8000 }, key(1));
 * r.target; // → { mcse: 0.08, reached: true, achievedMcse: 0.076, achievedRhat: 1.0010, steps: 2610, segments: 3, … }
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph);
 * ```
 */
export function chainsToPrecision(
  integrator: ChainIntegrator,
  initial: tf.Tensor2D,
  options: PrecisionOptions,
  key: Key,
): RunResult & { target: TargetReport } {
  checkChains(integrator, options);
  const targetMcse = check.positive(WHERE, "targetMcse", options.targetMcse);
  const maxRhat = check.positive(WHERE, "maxRhat", options.maxRhat ?? RHAT_WARNING);
  const steps = check.integer(WHERE, "steps", options.steps, 1);
  const maxSteps = check.integer(WHERE, "maxSteps", options.maxSteps, steps);
  const burnIn = options.burnIn ?? 0;
  const R = integrator.chains;

  const first = segment(integrator, initial, options, key);
  const energies: Float64Array[][] = first.result.draws.energy.map((e) => [e]);
  const meanField: Float64Array[][][] = first.meanField.map((chains) => chains.map((c) => [c]));
  const accepted = first.result.perChain.map((c) => Math.round(c.acceptance * (steps - burnIn)));
  let final = first.result.final;
  let seconds = first.result.seconds;
  let taken = steps;
  let segments = 1;
  let result = runChainsDiagnosedFrom(first.result, first.meanField, R);
  // Later segments continue each chain at the step the first one ended with, without burn-in or adaptation.
  const continued = faceOf(integrator, first.result.stepSize);
  for (;;) {
    const now = achieved(result);
    const done = now.mcse <= targetMcse && now.rhat <= maxRhat;
    const kept = taken - burnIn;
    // Toward the draws the MCSE predicts (∝ 1/√draws), growing by at least 25 % and at most doubling per segment.
    const growth = Math.min(2, Math.max(1.25, 1.1 * (now.mcse / targetMcse) ** 2));
    const next = done ? 0 : Math.min(maxSteps - taken, Math.ceil(kept * (growth - 1)));
    options.onProgress?.({ steps: taken, maxSteps, meanEnergy: result.meanEnergy, mcse: now.mcse, rhat: now.rhat, next });
    if (next <= 0) break;
    const part = segment(
      continued,
      final,
      { steps: next, burnIn: 0, adapt: false, stuckAfter: options.stuckAfter, meanFieldChannels: options.meanFieldChannels },
      split(key, segments + 1)[segments]!,
    );
    final.dispose();
    final = part.result.final;
    seconds += part.result.seconds;
    taken += next;
    segments++;
    part.result.draws.energy.forEach((e, r) => energies[r]!.push(e));
    part.meanField.forEach((chains, k) => chains.forEach((c, r) => meanField[k]![r]!.push(c)));
    part.result.perChain.forEach((c, r) => (accepted[r]! += Math.round(c.acceptance * next)));
    result = runChainsDiagnosedFrom(
      chainsResult(integrator.name, energies.map(stackChains), accepted, {
        final,
        stepSize: first.result.stepSize,
        steps: taken,
        burnIn,
        seconds,
      }),
      meanField.map((chains) => chains.map(stackChains)),
      R,
    );
  }
  const now = achieved(result);
  const reached = now.mcse <= targetMcse && now.rhat <= maxRhat;
  const warnings = [...result.warnings];
  if (!reached) {
    warnings.push(
      `the target was not reached within maxSteps = ${maxSteps} steps: MCSE of ⟨H⟩ ${now.mcse.toPrecision(3)} (target ${targetMcse}), R̂ ${now.rhat.toFixed(3)} (target ≤ ${maxRhat}); raise the step cap or the target`,
    );
  }
  return {
    ...result,
    seconds,
    warnings,
    target: {
      mcse: targetMcse,
      maxRhat,
      reached,
      achievedMcse: now.mcse,
      achievedRhat: now.rhat,
      steps: taken,
      maxSteps,
      segments,
    },
  };
}

/** A chains result with its diagnostics, the mean fields' draws and the convergence warnings. */
function runChainsDiagnosedFrom(result: RunResult, meanField: Float64Array[][], chains: number): RunResult {
  const draws = drawsOf(result.draws.energy, meanField);
  const diagnostics = diagnosticsOf(draws);
  return { ...result, diagnostics, draws, warnings: [...result.warnings, ...convergenceWarnings(chains, diagnostics)] };
}
