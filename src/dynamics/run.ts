/**
 * {@link run}, the one entry point that runs a sampler: its sampler and options choose the front end of the one
 * loop (dynamics/loop) that runs it.
 * - one chain (gradient flow, ULA, MALA, Metropolis on a term): a trace every `recordEvery` steps, checkpoints,
 *   `onRecord` and `stopWhen` (this file);
 * - R chains side by side (ULA or MALA on a `ChainEnergy`): per-chain and pooled estimates (dynamics/chain-run);
 *   with `diagnostics: true`, R̂ and bulk and tail ESS of H and the mean fields; with `targetMcse`, sampling until
 *   the MCSE of ⟨H⟩ reaches it (dynamics/diagnosed);
 * - a sampler with its own front end ({@link OwnFrontEnd}: the Ising sampler, started from its lattice state "cold",
 *   "hot" or spins): what that front end returns.
 * It owns every intermediate tensor, so `tf.memory().numTensors` is the same before and after a run (plus the
 * returned `final`).
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key } from "../engine/random";
import { warnIfNotReady } from "../engine/backend";
import { ArgumentError, check, DivergenceError } from "../errors";
import { stepControl } from "./step-control";
import { consensusError } from "../field/field";
import type { Schedule } from "./schedules";
import {
  type BaseState,
  disposeState,
  type Integrator,
  type Sampler,
  type SamplerState,
  snapshotState,
  type StepInfo,
  takePosition,
} from "./types";
import { estimateMean } from "../stats/ess";
import { samplingWarnings } from "./warnings";
import { type LoopRecord, runLoop, ZERO_ACCEPTANCE_STEPS } from "./loop";
import type { ChainIntegrator } from "./types";
import { runChainsLoop, type RunChainsOptions } from "./chain-run";
import {
  chainsToPrecision,
  diagnosedChains,
  type DiagnosedChainsOptions,
  type PrecisionOptions,
  type PrecisionProgress,
} from "./diagnosed";
import type { RunCheckpoint, RunResult, TraceRecord } from "./run-result";

export type { ChainEstimate, RunCheckpoint, RunResult, TargetReport, TraceRecord } from "./run-result";

export interface RunOptions<I extends StepInfo = StepInfo> {
  /** Total steps, burn-in included. */
  steps: number;
  /** Steps discarded from the averages; the step size adapts during them when `adapt` is on. Default 0. */
  burnIn?: number;
  /** Record the trace every k steps (and at the last step). Default: about 1000 records. */
  recordEvery?: number;
  /** A schedule overriding the integrator's temperature step by step. */
  schedule?: Schedule;
  /**
   * Adapt the step size during burn-in toward the integrator's target acceptance (Robbins–Monro on log h); it is
   * frozen at the mean of its second half. Default false. Ignored by integrators without accept/reject.
   */
  adapt?: boolean | { target: number };
  /** Extra observables evaluated on the field at each record (numbers). */
  observe?: (position: tf.Tensor2D, step: number) => Record<string, number>;
  /** Called with each record (progress bars, live plots). */
  onRecord?: (record: TraceRecord) => void;
  /**
   * Called after each post-burn-in step with the draw index t − burnIn, the field (the run's: read it, never
   * dispose it), the step's info (for R chains a `ChainStepInfo`, per chain) and the step size it used;
   * dynamics/draws records the draws from it.
   */
  onDraw?: (draw: number, position: tf.Tensor2D, info: I, stepSize: number) => void;
  /**
   * Stop predicate, asked at each record (after `onRecord`): true ends the run after that step, so a study that
   * runs "until the consensus error falls below ε" need not step by hand. `steps` is then the cap.
   */
  stopWhen?: (record: TraceRecord) => boolean;
  /**
   * Stop with a NumericalError ("acceptance-collapse", carrying the partial run) when no proposal is accepted for
   * this many consecutive post-burn-in steps. Default {@link ZERO_ACCEPTANCE_STEPS}: a stuck chain's averages are
   * those of one state, never a result. `Infinity` turns it off (a frozen chain as the object of study); the result's
   * `warnings` then say that nothing was accepted. Runs under a schedule are exempt (freezing as T → 0 is physics).
   */
  stuckAfter?: number;
  /**
   * Without `adapt`: burn-in steps, from the first, during which an integrator with accept/reject ramps its step up
   * to the given one (Robbins–Monro on log h toward its target acceptance, capped at the given step; the rest of
   * the burn-in and every kept step use the given step). MALA started at a mode in high dimension accepts almost
   * nothing at a step that is fine at equilibrium (for a Gaussian mode of curvature a its cost at the mode is
   * h²a²T·ξ²/2, so the acceptance there decays like exp(−h²·Σa²/2) over the Hessian's eigenvalues; Christensen,
   * Roberts & Rosenthal 2005): the smaller warm-up steps leave the mode, still Metropolis-adjusted, so the warm-up
   * never diverges and a step that is too large for equilibrium still stops as stuck after burn-in. Default
   * ⌊burnIn/2⌋; ignored with `adapt` (the adaptation does the same) and by integrators without accept/reject.
   */
  warmup?: number;
  /** Continue from this checkpoint (a previous run's `checkpoint`) instead of `initial`: same numbers as never pausing. */
  resume?: RunCheckpoint;
  /**
   * Pause after this many steps in total (burn-in included; default `steps`): the result then carries a
   * `checkpoint` to pass back as `resume`, and its statistics are NaN (they are computed when the run completes).
   */
  until?: number;
  /**
   * Read H and the trace's consensus errors back from the device once per block of steps (dynamics/loop's deferred
   * reads) rather than at every step, for integrators without accept/reject (gradient flow, ULA); the numbers,
   * errors and checkpoints are the same. `onRecord` then sees a record when its block is read (at most
   * `DEFERRED_READ_BLOCK` steps late); `observe` and `stopWhen` still see each record at its step. Default: on the
   * webgpu backend, where each read waits for every queued kernel.
   */
  deferReads?: boolean;
  /**
   * R chains side by side (2 or more): also record the mean field of each channel after every kept step and report
   * the rank-normalised split-R̂ and bulk and tail ESS of H and of each (`diagnostics`, dynamics/diagnosed).
   */
  diagnostics?: boolean;
  /** With `diagnostics`: the mean fields of the first k channels (default every channel; 0: H only). */
  meanFieldChannels?: number;
  /**
   * R chains side by side (2 or more): continue every chain until the MCSE of ⟨H⟩ is at most this and its R̂ at most
   * `maxRhat`, or `maxSteps` steps were taken (`target` says which; dynamics/diagnosed).
   */
  targetMcse?: number;
  /** With `targetMcse`: the cap on the total steps, burn-in included (at least `steps`). */
  maxSteps?: number;
  /** With `targetMcse`: the R̂ of H must also be at most this (default 1.01). */
  maxRhat?: number;
  /** With `targetMcse`: called after each segment with the estimates so far. */
  onProgress?: (progress: PrecisionProgress) => void;
}

/** What a run recorded before it stopped on a numerical fault (carried by the error as `partial`). */
export interface PartialRun {
  /** Steps completed before the fault. */
  steps: number;
  trace: TraceRecord[];
  /** H after each post-burn-in step completed. */
  energies: Float64Array;
  stepSize: number;
  integrator: string;
}

const WHERE = "emtd/dynamics/run";

/**
 * A sampler whose runs need more than the generic estimates brings its own front end over the one loop, and `run`
 * hands it the run: the Ising sampler (ising/sampler), whose start is a lattice state and whose results are
 * per-temperature estimators with their own checkpoints. Call `run`, not `runFrom`.
 */
export interface OwnFrontEnd<Initial, Options, Result> {
  runFrom(initial: Initial, options: Options, key: Key): Result;
}

/**
 * Run `sampler` from `initial` for `options.steps` steps, step t with key fold(key, t) (module comment: the sampler
 * and options choose how).
 *
 * - One chain (an {@link Integrator}): `initial` [N, C], any rank-2 tensor (e.g. `tf.zeros([n, 1])`; copied); runs
 *   `options.steps` steps or until `options.stopWhen` says stop and records a trace (`onRecord` sees each record).
 * - R chains (a batched `ChainIntegrator`, e.g. `ula(interactionChains(graph, R), …)`): `initial` [N, R·d];
 *   `diagnostics: true` adds R̂ and ESS of H and the mean fields; `targetMcse` and `maxSteps` continue until the MCSE
 *   of ⟨H⟩ is at most the target (adds `target`).
 *
 * Both return the one {@link RunResult}: the draws by chain and draw, ⟨H⟩ with its MCSE and ESS pooled and per
 * chain, the diagnostics where asked; `toInferenceData` (dynamics/inference-data) writes it as ArviZ reads it.
 * - A sampler with its own front end ({@link OwnFrontEnd}, the Ising sampler): `initial` is its start ("cold", "hot"
 *   or spins [N, R]) and the result its own (`IsingRunResult`).
 *
 * Every intermediate tensor is disposed; the caller disposes `final`.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 2]);
 * const r = run(mala(interaction(graph), { step: 0.05, temperature: 1 }), x0, { steps: 200, burnIn: 50 }, key(1));
 * [r.meanEnergy, r.energyMcse]; // → [8.80, 0.50] (⟨H⟩ ± MCSE; exact (N − 1)·C·T/2 = 9)
 * r.acceptance; // → 0.84
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function run<Initial, Options, Result>(
  sampler: OwnFrontEnd<Initial, Options, Result>,
  initial: Initial,
  options: Options,
  key: Key,
): Result;
export function run<I extends StepInfo>(sampler: Sampler<BaseState, I>, initial: tf.Tensor, options: RunOptions<I>, key: Key): RunResult;
export function run(sampler: unknown, initial: unknown, options: unknown, key: Key): unknown {
  const o = options as RunOptions | undefined | null;
  if (typeof (sampler as Partial<OwnFrontEnd<unknown, unknown, unknown>>)?.runFrom === "function") {
    return (sampler as OwnFrontEnd<unknown, unknown, unknown>).runFrom(initial, options, key);
  }
  const chains = sampler as ChainIntegrator;
  if (o?.targetMcse !== undefined) return chainsToPrecision(chains, initial as tf.Tensor2D, o as PrecisionOptions, key);
  if (o?.diagnostics === true) return diagnosedChains(chains, initial as tf.Tensor2D, o as DiagnosedChainsOptions, key);
  if (chains?.batched === true || chains?.chains > 1) return runChainsLoop(chains, initial as tf.Tensor2D, o as RunChainsOptions, key);
  return runOneChain(sampler as Integrator, initial as tf.Tensor, options as RunOptions, key);
}

/** One chain with its trace, checkpoints, `onRecord` and `stopWhen` ({@link run}'s first case). */
function runOneChain(integrator: Integrator, initial: tf.Tensor, options: RunOptions, key: Key): RunResult {
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
  const steps = check.integer(WHERE, "steps", options.steps, 1);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn ?? 0, 0, steps - 1);
  const recordEvery = check.integer(WHERE, "recordEvery", options.recordEvery ?? Math.max(1, Math.floor(steps / 1000)), 1);
  const started = performance.now();
  const resume = options.resume;
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
    ? restoreRunState(resume)
    : (tf.tidy(() => integrator.init(initial as tf.Tensor2D) as unknown as tf.TensorContainer) as unknown as SamplerState);
  // H of the last step read (a deferred step's state leaves it to its info): a checkpoint keeps it.
  let lastEnergy = state.energies?.[0] ?? Number.NaN;
  if (!Number.isFinite(lastEnergy)) {
    disposeState(state);
    throw new ArgumentError(WHERE, "initial", "a field whose energy is finite (no NaN or ∞ entries)", `H = ${lastEnergy}`);
  }
  const energies = resume?.energies ?? new Float64Array(steps - burnIn);
  if (energies.length !== steps - burnIn)
    throw new ArgumentError(WHERE, "resume.energies.length", `steps − burnIn = ${steps - burnIn}`, energies.length);
  const trace: TraceRecord[] = resume?.trace ?? [];
  let acceptedSinceRecord = resume?.acceptedSinceRecord ?? 0;
  let stepsSinceRecord = resume?.stepsSinceRecord ?? 0;
  const record: LoopRecord = {
    series: { energy: [energies] },
    accepted: Float64Array.of(resume?.acceptedAfterBurnIn ?? 0),
    rejectedStreak: Float64Array.of(resume?.rejectedStreak ?? 0),
  };
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
  const afterStep = (t: number, s: SamplerState | null, info: StepInfo, temperature: number, captured: Float32Array | null): boolean => {
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
      afterStep,
      // A fused step reports its consensus error itself (in the same pass as the step): nothing to capture.
      capture: (t, s, info) => (recordsAt(t) && info.consensusError === undefined ? consensusError(s!.position) : null),
      // observe reads the field of the record's step, and stopWhen may end the run there.
      flushAfter: (t) => recordsAt(t) && (options.observe !== undefined || options.stopWhen !== undefined),
      ...(options.deferReads !== undefined ? { deferReads: options.deferReads } : {}),
      partial,
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
      energy: last.energies?.[0] ?? lastEnergy,
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

/** The integrator state saved in a checkpoint, as fresh tensors (the run owns them). */
function restoreRunState(checkpoint: RunCheckpoint): SamplerState {
  const { shape, data } = checkpoint.position;
  return {
    position: tf.tensor2d(data, shape),
    energies: Float64Array.of(checkpoint.energy),
    gradient: checkpoint.gradient ? tf.tensor2d(checkpoint.gradient, shape) : null,
  };
}
