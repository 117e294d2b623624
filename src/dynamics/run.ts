/**
 * The run loop, one for every sampler ({@link runLoop}): it steps a sampler of any number of chains, drives the
 * temperature from a schedule, sets the step size during burn-in (dynamics/step-control), stops on divergence and
 * on a stuck chain, and keeps per-chain series after burn-in. {@link run} is its single-chain front end, with a
 * trace every `recordEvery` steps and checkpoints; `runChains` (dynamics/chains) and `runIsing` (ising/sampler)
 * are the others. It owns every intermediate tensor, so `tf.memory().numTensors` is the same before and after a
 * run (plus the returned `final`).
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key, fold } from "../engine/random";
import { warnIfNotReady } from "../engine/backend";
import { ArgumentError, check, DivergenceError, NumericalError } from "../errors";
import { stepControl, type StepControl } from "./step-control";
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
import { watchProgress } from "../progress";

export interface RunOptions {
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
   * dispose it), the step's info and the step size it used; dynamics/draws records the draws from it.
   */
  onDraw?: (draw: number, position: tf.Tensor2D, info: StepInfo, stepSize: number) => void;
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
}

/**
 * The complete state of a run between two steps: with it, `run` continues exactly as if it had never stopped (the
 * key of step t is fold(key, t), so no random stream position is needed). Plain numbers and typed arrays: see
 * runs/encode for a lossless JSON form. `energies` and `trace` are shared with the run that continues from it.
 */
export interface RunCheckpoint {
  /** Steps completed. */
  step: number;
  /** Ψ, row-major [N, C]. */
  position: { shape: [number, number]; data: Float32Array };
  energy: number;
  /** ∇H(Ψ) for gradient integrators, else null. */
  gradient: Float32Array | null;
  stepSize: number;
  /** Step-size adaptation: log h, and the running sum/count of its second half. */
  logStep: number;
  logStepSum: number;
  logStepCount: number;
  /** H after each post-burn-in step; length steps − burnIn, filled up to step − burnIn. */
  energies: Float64Array;
  trace: TraceRecord[];
  acceptedSinceRecord: number;
  stepsSinceRecord: number;
  acceptedAfterBurnIn: number;
  /** Consecutive post-burn-in steps with nothing accepted (acceptance-collapse detection). */
  rejectedStreak?: number;
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

/**
 * Consecutive post-burn-in steps with no accepted proposal after which `emtd sample` stops a run (RunOptions
 * `stuckAfter`): the chain is stuck, so its averages would be those of one state. At an acceptance rate a, such a streak has probability (1 − a)^200, below
 * 10⁻⁹ for a ≥ 0.1.
 */
export const ZERO_ACCEPTANCE_STEPS = 200;

export interface TraceRecord {
  step: number;
  energy: number;
  temperature: number;
  /** Mean acceptance over the steps since the previous record. */
  acceptance: number;
  consensusError: number;
  stepSize: number;
  [observable: string]: number;
}

export interface RunResult {
  /** Ψ after the last step. Caller disposes. */
  final: tf.Tensor2D;
  /** One record every `recordEvery` steps. */
  trace: TraceRecord[];
  /** H after every post-burn-in step. */
  energies: Float64Array;
  /** ⟨H⟩ over post-burn-in steps, with its Monte-Carlo standard error and effective sample size. */
  meanEnergy: number;
  energyMcse: number;
  energyEss: number;
  /** Fraction of accepted proposals over post-burn-in steps. */
  acceptance: number;
  /** Step size used after burn-in. */
  stepSize: number;
  /** Steps taken: `options.steps`, or fewer when `stopWhen` ended the run. */
  steps: number;
  /** True when `stopWhen` ended the run before `options.steps`. */
  stopped: boolean;
  burnIn: number;
  seconds: number;
  /** Set when the run paused at `until` < `steps`: pass it back as `resume`. */
  checkpoint?: RunCheckpoint;
  /**
   * Why the estimates may not be trusted as printed (dynamics/warnings): ESS < 100, acceptance outside the
   * integrator's band, burn-in shorter than the autocorrelation time, nothing accepted. Empty for a healthy run
   * (and for a paused one).
   */
  warnings: string[];
}

const WHERE = "emtd/dynamics/run";

/** What the loop keeps between steps, per chain, after burn-in (a checkpoint saves it; a resumed run passes it back). */
export interface LoopRecord {
  /** Per kept quantity, per chain: its value after each post-burn-in step (length steps − burnIn, filled up to step − burnIn). */
  series: Record<string, Float64Array[]>;
  /** Per chain: proposals accepted after burn-in (the sum of the steps' `accepted`, of `acceptance` for one chain without it). */
  accepted: Float64Array;
  /** Per chain: consecutive post-burn-in steps with nothing accepted (acceptance-collapse detection). */
  rejectedStreak: Float64Array;
}

/** A fresh {@link LoopRecord} of `chains` chains keeping the quantities `names` over `kept` steps. */
export function loopRecord(chains: number, kept: number, names: readonly string[] = ["energy"]): LoopRecord {
  return {
    series: Object.fromEntries(names.map((name) => [name, Array.from({ length: chains }, () => new Float64Array(kept))])),
    accepted: new Float64Array(chains),
    rejectedStreak: new Float64Array(chains),
  };
}

export interface LoopOptions<S extends BaseState, I extends StepInfo> {
  /** The caller named in errors. */
  where: string;
  steps: number;
  burnIn: number;
  /** Steps already done (0, or a resumed run's) and the step to pause at (`steps` to complete). */
  first: number;
  until: number;
  control: StepControl;
  /** Overrides the sampler's temperature step by step; exempts the run from the stuck rule. */
  schedule?: Schedule;
  /** Consecutive post-burn-in steps with nothing accepted that stop the run; null never. */
  stuckAfter: number | null;
  /** Filled in place. */
  record: LoopRecord;
  /** Per kept quantity of `record.series`, its value for chain r after a step. Default: `{ energy }`, the chain's H. */
  keep?: Record<string, (info: I, chain: number) => number>;
  /** After each post-burn-in step: the draw index t − burnIn, the field (read it, never dispose it), info, step size. */
  onDraw?: (draw: number, position: tf.Tensor2D, info: I, stepSize: number) => void;
  /** After each step's bookkeeping (traces, observables); returning true ends the run after that step. */
  afterStep?: (t: number, state: S, info: I, temperature: number) => boolean;
  /** What was recorded when a fault stops the run after `done` steps (the error's `partial`). */
  partial: (done: number) => unknown;
}

/**
 * The one run loop of the library (`run`, `runChains`, `runIsing` and the commands built on them): steps `sampler`
 * from `state` over steps first … until − 1, step t with key fold(key, t), the temperature from the schedule and
 * the step size from `control`. Per chain it stops on a non-finite energy (DivergenceError) and, after burn-in,
 * keeps the `keep` quantities, sums the accepted proposals and stops a chain that accepts nothing for `stuckAfter`
 * steps (NumericalError "acceptance-collapse"); samplers without accept/reject and scheduled runs are exempt.
 * Owns `state`: on a fault it is disposed; otherwise the last state is returned to the caller with the steps taken.
 */
export function runLoop<S extends BaseState, I extends StepInfo>(
  sampler: Sampler<S, I>,
  state: S,
  options: LoopOptions<S, I>,
  key: Key,
): { state: S; taken: number } {
  const { where, burnIn, control, schedule, stuckAfter, record } = options;
  const R = sampler.chains;
  const keep = options.keep ? Object.entries(options.keep).map(([name, value]) => [record.series[name]!, value] as const) : null;
  const energySeries = keep ? null : record.series.energy!;
  const counts = sampler.targetAcceptance !== null && !schedule;
  let taken = options.first;
  // A live display in a notebook (progress.ts); null elsewhere.
  const progress = watchProgress({
    label: R > 1 ? `${sampler.name} × ${R} chains` : sampler.name,
    total: options.steps,
    chains: R,
    burnIn,
    first: options.first,
  });
  try {
    for (let t = options.first; t < options.until; t++) {
      const temperature = schedule ? schedule.temperature(t) : sampler.temperature;
      const h = control.stepSize;
      let info: I;
      [state, info] = sampler.step(state, fold(key, t), schedule ? { temperature, step: h } : { step: h });
      schedule?.observe?.(t, info);
      const energies = info.energies ?? [info.energy];
      const accepted = info.accepted ?? [info.acceptance];
      for (let r = 0; r < R; r++) {
        if (!Number.isFinite(energies[r])) {
          throw new DivergenceError(
            `${where}: ${sampler.name}${R > 1 ? ` chain ${r}` : ""} diverged at step ${t + 1} (H = ${energies[r]}) with step size ${h}: the step is above the stable bound (h < 1/λ_max for ULA and gradient flow on H = Σ‖x_i − x_j‖²); use a smaller step`,
            t + 1,
            options.partial(t),
          );
        }
      }
      control.observe(t, info.acceptanceProbability);
      if (t >= burnIn) {
        const i = t - burnIn;
        if (keep) for (const [series, value] of keep) for (let r = 0; r < R; r++) series[r]![i] = value(info, r);
        else for (let r = 0; r < R; r++) energySeries![r]![i] = energies[r]!;
        for (let r = 0; r < R; r++) {
          record.accepted[r]! += accepted[r]!;
          // Under a schedule, freezing as T → 0 is the physics being studied, not a fault.
          const streak = (record.rejectedStreak[r] = accepted[r] === 0 && counts ? record.rejectedStreak[r]! + 1 : 0);
          if (stuckAfter !== null && streak >= stuckAfter) {
            throw new NumericalError(
              `${where}: ${sampler.name}${R > 1 ? ` chain ${r}` : ""} accepted nothing in ${streak} steps after burn-in (to step ${t + 1}) with step size ${control.stepSize}: the chain is stuck; use a smaller step, or let it adapt (adapt: true) with a longer burn-in`,
              "acceptance-collapse",
              t + 1,
              options.partial(t + 1),
            );
          }
        }
        options.onDraw?.(i, state.position, info, h);
      }
      taken = t + 1;
      progress?.(taken, energies);
      if (options.afterStep?.(t, state, info, temperature)) break;
    }
  } catch (error) {
    disposeState(state);
    throw error;
  } finally {
    progress?.end();
  }
  return { state, taken };
}

/**
 * Step `integrator` from `initial` ([N, C], any rank-2 tensor, e.g. `tf.zeros([n, 1])`; copied) for `options.steps` steps (or until `options.stopWhen` says
 * stop), step t with key fold(key, t), and record a trace. Every intermediate tensor is disposed; the
 * caller disposes `final`.
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
export function run(integrator: Integrator, initial: tf.Tensor, options: RunOptions, key: Key): RunResult {
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
  if (!Number.isFinite(state.energy)) {
    disposeState(state);
    throw new ArgumentError(WHERE, "initial", "a field whose energy is finite (no NaN or ∞ entries)", `H = ${state.energy}`);
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
  // The trace: a record every `recordEvery` steps and at the last; a non-finite field is a divergence.
  const afterStep = (t: number, s: SamplerState, info: StepInfo, temperature: number): boolean => {
    acceptedSinceRecord += info.acceptance;
    stepsSinceRecord++;
    if ((t + 1) % recordEvery !== 0 && t !== steps - 1) return false;
    const error = consensusError(s.position);
    const entry: TraceRecord = {
      step: t + 1,
      energy: info.energy,
      temperature,
      acceptance: acceptedSinceRecord / stepsSinceRecord,
      consensusError: error.dataSync()[0]!,
      stepSize: control.stepSize,
      ...(options.observe ? options.observe(s.position, t + 1) : {}),
    };
    error.dispose();
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
      energy: last.energy,
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
    energy: checkpoint.energy,
    gradient: checkpoint.gradient ? tf.tensor2d(checkpoint.gradient, shape) : null,
  };
}
