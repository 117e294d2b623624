/**
 * {@link runChains}, the front end of the one run loop (dynamics/loop) for a sampler of the Langevin family, whatever
 * the number of chains R side by side (BlackJAX's and NumPyro's one loop; `run` calls it): the step-size rule,
 * the stuck and divergence checks, a trace and checkpoints for one field, and the estimates of ⟨H⟩, a chain's own
 * for one field and per chain and pooled for R ({@link chainSummary}, the one pooled estimate: the mean of the chain
 * means, MCSE √(Σ MCSE_r²)/R for independent chains, ESS Σ ESS_r).
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key } from "../engine/random";
import { warnIfNotReady } from "../engine/backend";
import { ArgumentError, check, DivergenceError } from "../errors";
import { consensusError } from "../field/field";
import { estimateMean } from "../stats/ess";
import { stackChains } from "../stats/diagnostics";
import {
  type BaseState,
  type ChainStepInfo,
  disposeState,
  type Sampler,
  type SamplerState,
  snapshotState,
  type StepInfo,
  takePosition,
} from "./types";
import { loopRecord, runLoop, ZERO_ACCEPTANCE_STEPS } from "./loop";
import { stepControl } from "./step-control";
import { samplingWarnings } from "./warnings";
import type { ChainEstimate, PartialRun, RunCheckpoint, RunOptions, RunResult, TraceRecord } from "./run-result";

const WHERE = "emtd/dynamics/run";

/** The options of R chains that the diagnostics' segments pass on (dynamics/diagnosed, `emtd sample --chains`). */
export type RunChainsOptions = Pick<
  RunOptions<ChainStepInfo>,
  "steps" | "burnIn" | "adapt" | "warmup" | "stuckAfter" | "onDraw" | "deferReads"
>;

/**
 * Run `integrator` (R = `integrator.chains` chains side by side, one field being R = 1) from `initial` ([N, R·d],
 * copied) for `options.steps` steps, step t with key fold(key, t): `run`'s front end for any R. During burn-in the
 * step size adapts (with `adapt`) or ramps up (`warmup`) on the mean acceptance probability over chains; a stuck
 * chain or a non-finite one is an error carrying what was recorded. One field also keeps a trace (a record every
 * `recordEvery` steps: `observe`, `onRecord`, `stopWhen`) and can pause (`until`) and resume from a checkpoint; R
 * chains report per-chain and pooled estimates ({@link chainSummary}). Leaves no tensors but `final`.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const chains = ula(interactionChains(graph, 8), { step: 0.05, temperature: 1 }); // 8 chains, d = 1
 * const x0 = tf.zeros([graph.n, 8]) as tf.Tensor2D;
 * const r = run(chains, x0, { steps: 200, burnIn: 50 }, key(1)); // run calls runChains
 * [r.meanEnergy, r.energyMcse]; // → [5.18, 0.17] (pooled; exact for ULA at h = 0.05: ulaStationaryEnergy(…) = 5.09)
 * r.draws.energy[0].length; // → 150 (chain 0's H after each post-burn-in step)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function runChains<I extends StepInfo>(
  integrator: Sampler<BaseState, I>,
  initial: tf.Tensor,
  options: RunOptions<I>,
  key: Key,
): RunResult {
  if (options === undefined || options === null) throw new ArgumentError(WHERE, "options", "an object { steps, … }", options);
  const runKey = checkKey(WHERE, "key", key);
  warnIfNotReady(WHERE);
  if (!(initial instanceof tf.Tensor) || initial.rank !== 2) {
    throw new ArgumentError(
      WHERE,
      "initial",
      "a 2-D tensor [N, C] (e.g. tf.zeros([n, 1]))",
      initial instanceof tf.Tensor ? initial.shape : typeof initial,
    );
  }
  const R = integrator.chains;
  const steps = check.integer(WHERE, "steps", options.steps, 1);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn ?? 0, 0, steps - 1);
  const recordEvery = check.integer(WHERE, "recordEvery", options.recordEvery ?? Math.max(1, Math.floor(steps / 1000)), 1);
  const started = performance.now();
  const resume = options.resume;
  // A checkpoint holds one field's numbers (runs/encode): R chains run whole.
  if (R > 1 && (resume !== undefined || options.until !== undefined))
    throw new ArgumentError(WHERE, resume !== undefined ? "resume" : "until", "absent for R chains (a checkpoint holds one field)", R);
  // R chains keep their series, not a trace: a callback on the trace would never be called, so it is refused.
  const traceHook = (["observe", "onRecord", "stopWhen"] as const).find((name) => options[name] !== undefined);
  if (R > 1 && traceHook !== undefined)
    throw new ArgumentError(WHERE, traceHook, "absent for R chains (they keep per-chain series, not a trace)", R);
  const first = resume ? check.integer(WHERE, "resume.step", resume.step, 0, steps) : 0;
  const until = check.integer(WHERE, "until", options.until ?? steps, first, steps);
  const stuckAfter =
    options.stuckAfter === Number.POSITIVE_INFINITY
      ? null
      : check.integer(WHERE, "stuckAfter", options.stuckAfter ?? ZERO_ACCEPTANCE_STEPS, 1);
  const control = stepControl(
    WHERE,
    { step: integrator.stepSize, integratorTarget: integrator.targetAcceptance, burnIn, adapt: options.adapt, warmup: options.warmup },
    resume,
  );

  // tidy: an init that throws (a bad energy) frees the copy it made.
  const state = resume
    ? (restoreRunState(resume) as unknown as BaseState)
    : (tf.tidy(() => integrator.init(initial as tf.Tensor2D) as unknown as tf.TensorContainer) as unknown as BaseState);
  // H at the start where the sampler evaluates it there (a term's field; R chains start lazily, dynamics/langevin
  // `Start`, their first step finding a non-finite one). H of the last step read: a checkpoint keeps it.
  const startEnergies = Array.from((state as Partial<SamplerState>).energies ?? []);
  let lastEnergy = startEnergies[0] ?? Number.NaN;
  const infinite = startEnergies.findIndex((e) => !Number.isFinite(e));
  if (infinite >= 0) {
    disposeState(state);
    throw new ArgumentError(
      WHERE,
      "initial",
      "a field whose energy is finite (no NaN or ∞ entries)",
      R > 1 ? `H of chain ${infinite} = ${startEnergies[infinite]}` : `H = ${startEnergies[infinite]}`,
    );
  }
  const record = loopRecord(R, steps - burnIn);
  const energies = resume?.energies ?? record.series.energy![0]!;
  if (energies.length !== steps - burnIn)
    throw new ArgumentError(WHERE, "resume.energies.length", `steps − burnIn = ${steps - burnIn}`, energies.length);
  record.series.energy![0] = energies;
  record.accepted[0] = resume?.acceptedAfterBurnIn ?? 0;
  record.rejectedStreak[0] = resume?.rejectedStreak ?? 0;
  const trace: TraceRecord[] = resume?.trace ?? [];
  let acceptedSinceRecord = resume?.acceptedSinceRecord ?? 0;
  let stepsSinceRecord = resume?.stepsSinceRecord ?? 0;
  const partial = (done: number): PartialRun => ({
    steps: done,
    trace,
    energies: energies.slice(0, Math.max(0, done - burnIn)),
    stepSize: control.stepSize,
    integrator: integrator.name,
  });
  // The trace: a record every `recordEvery` steps and at the last; a non-finite field is a divergence. Its
  // consensus error is computed at the step (`capture`), or by the fused step itself, and read with the step's H.
  const recordsAt = (t: number) => (t + 1) % recordEvery === 0 || t === steps - 1;
  const afterStep = (t: number, s: BaseState | null, info: I, temperature: number, captured: Float32Array | null): boolean => {
    lastEnergy = info.energy;
    acceptedSinceRecord += info.acceptance;
    stepsSinceRecord++;
    if (!recordsAt(t)) return false;
    const entry: TraceRecord = {
      step: t + 1,
      energy: info.energy,
      temperature,
      acceptance: acceptedSinceRecord / stepsSinceRecord,
      consensusError: info.consensusError ?? captured![0]!,
      stepSize: control.stepSize,
      // `flushAfter` makes s the live state here.
      ...(options.observe ? options.observe(s!.position, t + 1) : {}),
    };
    if (!Number.isFinite(entry.consensusError)) {
      throw new DivergenceError(
        `${WHERE}: ${integrator.name} produced a non-finite field at step ${t + 1} (consensus error ${entry.consensusError}) with step size ${control.stepSize}; use a smaller step`,
        t + 1,
        partial(t + 1),
      );
    }
    trace.push(entry);
    options.onRecord?.(entry);
    acceptedSinceRecord = 0;
    stepsSinceRecord = 0;
    return options.stopWhen?.(entry) ?? false;
  };
  // One field keeps a trace (its consensus error, its observables); R chains side by side keep their series only.
  const traced = R === 1;
  const { state: last, taken } = runLoop(
    integrator,
    state,
    {
      where: WHERE,
      steps,
      burnIn,
      first,
      until,
      control,
      ...(options.schedule ? { schedule: options.schedule } : {}),
      stuckAfter,
      record,
      ...(options.onDraw ? { onDraw: options.onDraw } : {}),
      ...(traced
        ? {
            afterStep,
            // A fused step reports its consensus error itself (in the same pass as the step): nothing to capture.
            capture: (t: number, s: BaseState | null, info: I) =>
              recordsAt(t) && info.consensusError === undefined ? consensusError(s!.position) : null,
            // observe reads the field of the record's step, and stopWhen may end the run there.
            flushAfter: (t: number) => recordsAt(t) && (options.observe !== undefined || options.stopWhen !== undefined),
          }
        : {}),
      ...(options.deferReads !== undefined ? { deferReads: options.deferReads } : {}),
      partial: traced
        ? partial
        : (done: number) => partialChains(record.series.energy!, done - burnIn, control.stepSize, integrator.name, done),
    },
    runKey,
  );
  const acceptedAfterBurnIn = record.accepted[0]!;
  if (until < steps && taken === until) {
    const snapshot = snapshotState(last);
    const position = snapshot.position as { shape: [number, number]; data: Float32Array };
    const checkpoint: RunCheckpoint = {
      step: until,
      position,
      energy: (last as Partial<SamplerState>).energies?.[0] ?? lastEnergy,
      gradient: (snapshot.gradient as { data: Float32Array } | null)?.data ?? null,
      ...control.state(),
      energies,
      trace,
      acceptedSinceRecord,
      stepsSinceRecord,
      acceptedAfterBurnIn,
      rejectedStreak: record.rejectedStreak[0]!,
    };
    const nan = Number.NaN;
    return {
      final: takePosition(last),
      chains: 1,
      perChain: [{ meanEnergy: nan, energyMcse: nan, energyEss: nan, acceptance: nan }],
      draws: { energy: [energies] },
      trace,
      energies,
      meanEnergy: nan,
      energyMcse: nan,
      energyEss: nan,
      acceptance: nan,
      stepSize: control.stepSize,
      steps,
      stopped: false,
      burnIn,
      seconds: (performance.now() - started) / 1000,
      checkpoint,
      warnings: [],
    };
  }
  const final = takePosition(last);
  if (!traced) {
    return chainsResult(integrator.name, record.series.energy!, record.accepted, {
      final,
      stepSize: control.stepSize,
      steps,
      burnIn,
      seconds: (performance.now() - started) / 1000,
    });
  }
  const kept = energies.subarray(0, Math.max(0, taken - burnIn));
  const estimate = kept.length >= 4 ? estimateMean(kept) : { mean: Number.NaN, mcse: Number.NaN, ess: Number.NaN };
  const acceptance = kept.length > 0 ? acceptedAfterBurnIn / kept.length : Number.NaN;
  // Under a schedule the chain is not at one law: its ESS, acceptance and burn-in are not those of a sampler.
  const warnings = options.schedule
    ? []
    : samplingWarnings({ integrator: integrator.name, ess: estimate.ess, kept: kept.length, acceptance, burnIn });
  return {
    final,
    chains: 1,
    perChain: [{ meanEnergy: estimate.mean, energyMcse: estimate.mcse, energyEss: estimate.ess, acceptance }],
    draws: { energy: [kept] },
    trace,
    energies: kept,
    meanEnergy: estimate.mean,
    energyMcse: estimate.mcse,
    energyEss: estimate.ess,
    acceptance,
    stepSize: control.stepSize,
    steps: taken,
    stopped: taken < steps,
    burnIn,
    seconds: (performance.now() - started) / 1000,
    warnings,
  };
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

/** The integrator state saved in a checkpoint, as fresh tensors (the run owns them). */
function restoreRunState(checkpoint: RunCheckpoint): SamplerState {
  const { shape, data } = checkpoint.position;
  return {
    position: tf.tensor2d(data, shape),
    energies: Float64Array.of(checkpoint.energy),
    gradient: checkpoint.gradient ? tf.tensor2d(checkpoint.gradient, shape) : null,
  };
}
