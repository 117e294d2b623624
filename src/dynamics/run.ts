/**
 * The run loop: steps an integrator from an initial field, drives the temperature from a schedule, adapts the
 * step size during burn-in when asked, and records a trace every `recordEvery` steps. It owns every intermediate
 * tensor, so `tf.memory().numTensors` is the same before and after a run (plus the returned `final`).
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, checkKey, fold } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { consensusError } from "../field/field";
import type { Schedule } from "./schedules";
import { disposeState, type Integrator, type SamplerState, type StepInfo } from "./types";
import { estimateMean } from "../analysis/stats";

export interface RunOptions {
  /** Total steps, burn-in included. */
  steps: number;
  /** Steps discarded from the averages; the step size adapts during them when `adapt` is on. Default 0. */
  burnIn?: number;
  /** The run's key: step t uses fold(key, t). */
  key: Key;
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
}

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
  steps: number;
  burnIn: number;
  seconds: number;
}

const WHERE = "emtd/dynamics/run";

/**
 * Run `integrator` from `initial` ([N, C]; any tfjs tensor of rank 2, e.g. `tf.zeros([n, 1])`, is accepted and
 * copied). Throws an ArgumentError when the key is missing or not a {@link Key}, or when `initial` is not 2-D.
 */
export function run(integrator: Integrator, initial: tf.Tensor, options: RunOptions): RunResult {
  if (options === undefined || options === null) throw new ArgumentError(WHERE, "options", "an object { steps, key: key(seed), … }", options);
  checkKey(WHERE, "key", options.key);
  if (!(initial instanceof tf.Tensor) || initial.rank !== 2) {
    throw new ArgumentError(WHERE, "initial", "a 2-D tensor [N, C] (e.g. tf.zeros([n, 1]))", initial instanceof tf.Tensor ? initial.shape : typeof initial);
  }
  const steps = check.integer(WHERE, "steps", options.steps, 1);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn ?? 0, 0, steps - 1);
  const recordEvery = check.integer(WHERE, "recordEvery", options.recordEvery ?? Math.max(1, Math.floor(steps / 1000)), 1);
  const target = targetAcceptance(integrator, options.adapt);
  const started = performance.now();

  // tidy: an init that throws (a bad energy) frees the copy it made.
  let state = tf.tidy(() => integrator.init(initial as tf.Tensor2D) as unknown as tf.TensorContainer) as unknown as SamplerState;
  let stepSize = integrator.stepSize;
  let logStep = Math.log(stepSize);
  let logStepSum = 0;
  let logStepCount = 0;
  const energies = new Float64Array(steps - burnIn);
  const trace: TraceRecord[] = [];
  let acceptedSinceRecord = 0;
  let stepsSinceRecord = 0;
  let acceptedAfterBurnIn = 0;
  try {
    for (let t = 0; t < steps; t++) {
      const temperature = options.schedule ? options.schedule.temperature(t) : integrator.temperature;
      let info: StepInfo;
      [state, info] = integrator.step(state, fold(options.key, t), { temperature, step: stepSize });
      options.schedule?.observe?.(t, info);
      if (target !== null && t < burnIn) {
        // Robbins–Monro: γ_t = (t + 10)^−0.6 satisfies Σγ = ∞, Σγ² < ∞.
        logStep += (info.acceptanceProbability - target) * (t + 10) ** -0.6;
        stepSize = Math.exp(logStep);
        if (t >= burnIn / 2) {
          logStepSum += logStep;
          logStepCount++;
        }
        if (t === burnIn - 1 && logStepCount > 0) stepSize = Math.exp(logStepSum / logStepCount);
      }
      if (t >= burnIn) {
        energies[t - burnIn] = info.energy;
        acceptedAfterBurnIn += info.acceptance;
      }
      acceptedSinceRecord += info.acceptance;
      stepsSinceRecord++;
      if ((t + 1) % recordEvery === 0 || t === steps - 1) {
        const error = consensusError(state.position);
        const record: TraceRecord = {
          step: t + 1,
          energy: info.energy,
          temperature,
          acceptance: acceptedSinceRecord / stepsSinceRecord,
          consensusError: error.dataSync()[0]!,
          stepSize,
          ...(options.observe ? options.observe(state.position, t + 1) : {}),
        };
        error.dispose();
        trace.push(record);
        options.onRecord?.(record);
        acceptedSinceRecord = 0;
        stepsSinceRecord = 0;
      }
    }
  } catch (error) {
    disposeState(state);
    throw error;
  }
  state.gradient?.dispose();
  const estimate = energies.length >= 4 ? estimateMean(energies) : { mean: Number.NaN, mcse: Number.NaN, ess: Number.NaN };
  return {
    final: state.position,
    trace,
    energies,
    meanEnergy: estimate.mean,
    energyMcse: estimate.mcse,
    energyEss: estimate.ess,
    acceptance: acceptedAfterBurnIn / (steps - burnIn),
    stepSize,
    steps,
    burnIn,
    seconds: (performance.now() - started) / 1000,
  };
}

function targetAcceptance(integrator: Integrator, adapt: RunOptions["adapt"]): number | null {
  if (!adapt || integrator.targetAcceptance === null) return null;
  if (adapt === true) return integrator.targetAcceptance;
  const target = adapt.target;
  if (!(target > 0 && target < 1)) throw new ArgumentError(WHERE, "adapt.target", "a number in (0, 1)", target);
  return target;
}
