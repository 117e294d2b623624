/**
 * The run loop, one for every sampler ({@link runLoop}): it steps a sampler of any number of chains, drives the
 * temperature from a schedule, sets the step size during burn-in (dynamics/step-control), stops on divergence and
 * on a stuck chain, and keeps per-chain series after burn-in. Its front ends are `run`'s one for any number of chains
 * (dynamics/chain-run) and the Ising sampler's own (ising/sampler); a new sampler whose results need more than theirs
 * writes another.
 *
 * Deferred reads (LoopOptions `deferReads`, on by default on the webgpu backend, where every read is a synchronous
 * round trip that waits for every queued kernel): a sampler whose next step needs none of this step's numbers (ULA,
 * gradient flow; the Ising sweep, which accepts on the device) leaves them there (StepInfo `pending`: H, and the
 * sweep's M and flips), the loop keeps stepping, and reads the pending numbers of a block of steps in one read at a
 * flush point, then does each step's bookkeeping in step order as if it had read them one by one: the same numbers,
 * errors (the first non-finite step named) and partial results. A sampler with `steps` (the fused GPU steps) takes
 * the steps between two flush points in one call: K is chosen by the loop's record and flush points and its block.
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, fold } from "../engine/random";
import { DivergenceError, NumericalError } from "../errors";
import type { StepControl } from "./step-control";
import type { Schedule } from "./schedules";
import { type BaseState, disposeState, type Sampler, type SamplerState, type StepInfo } from "./types";
import { watchProgress, type LoopEnd } from "../progress";

/**
 * Consecutive post-burn-in steps with no accepted proposal after which `emtd sample` stops a run (RunOptions
 * `stuckAfter`): the chain is stuck, so its averages would be those of one state. At an acceptance rate a, such a streak has probability (1 − a)^200, below
 * 10⁻⁹ for a ≥ 0.1.
 */
export const ZERO_ACCEPTANCE_STEPS = 200;

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
  onDraw?: (draw: number, position: tf.Tensor2D, info: I, stepSize: number, gradient: tf.Tensor2D | null) => void;
  /**
   * After each step's bookkeeping (traces, observables); returning true ends the run after that step. `state` is
   * step t's state, or null when deferred reads did the bookkeeping after later steps were taken (then `captured`
   * holds what `capture` took from it); it is never null where `flushAfter(t)` is true.
   */
  afterStep?: (t: number, state: S | null, info: I, temperature: number, captured: Float32Array | null) => boolean;
  /**
   * Right after step t: a tensor whose values `afterStep(t)` needs (a trace record's consensus error), or null. The
   * loop reads it with the step's numbers, disposes it and passes its values. `state` is step t's live state, or
   * null for a step taken by the sampler's `steps` (several in one call), whose info carries what a capture would
   * give (`consensusError`).
   */
  capture?: (t: number, state: S | null, info: I) => tf.Tensor | null;
  /** With deferred reads: true where `afterStep(t)` needs step t's state or may end the run (the block ends there). */
  flushAfter?: (t: number) => boolean;
  /**
   * Read the steps' numbers in blocks (module comment) where the sampler can leave them on the device (its step
   * size never adapts, `targetAcceptance` null, so no step waits on an earlier one's numbers). Default: on the
   * webgpu backend. The numbers are the same either way.
   */
  deferReads?: boolean;
  /** What was recorded when a fault stops the run after `done` steps (the error's `partial`). */
  partial: (done: number) => unknown;
}

/**
 * The most steps whose numbers deferred reads keep on the device before reading them: 64 keeps a block's pending
 * tensors (a few scalars or [R] vectors each) small and the numbers at most 64 steps late for progress and `onRecord`,
 * while a read per 64 steps is already rare beside the kernels of each step.
 */
export const DEFERRED_READ_BLOCK = 64;

/** A step taken whose bookkeeping waits for its numbers (deferred reads). */
interface Taken<I> {
  t: number;
  info: I;
  temperature: number;
  stepSize: number;
  captured: tf.Tensor | null;
}

/**
 * The one run loop of the library (under `run` and the commands built on it): steps `sampler`
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
  // Consumers that need each step's numbers before the next step: no deferral where they apply. (`keep` reads the
  // info at the step's bookkeeping, after its numbers are read.)
  const defer = (options.deferReads ?? tf.getBackend() === "webgpu") && sampler.targetAcceptance === null && !schedule?.observe;
  const deferredUntil = options.onDraw ? Math.min(burnIn, options.until) : options.until;
  // Several steps per call where deferred and the sampler can (module comment).
  const multi = defer && sampler.steps !== undefined;
  let taken = options.first;
  let pending: Taken<I>[] = [];
  // A live display in a notebook (progress.ts); null elsewhere.
  const progress = watchProgress({
    label: R > 1 ? `${sampler.name} × ${R} chains` : sampler.name,
    total: options.steps,
    chains: R,
    burnIn,
    first: options.first,
  });

  /** Step t's bookkeeping, its numbers read; true when `afterStep` ends the run. */
  const bookkeeping = (step: Taken<I>, live: S | null, captured: Float32Array | null): boolean => {
    const { t, info, temperature, stepSize: h } = step;
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
      // onDraw ends deferral at burn-in, so here the step is the live one.
      if (options.onDraw) options.onDraw(i, live!.position, info, h, (live as Partial<SamplerState>).gradient ?? null);
    }
    taken = t + 1;
    progress?.(taken, energies);
    return options.afterStep?.(t, live, info, temperature, captured) ?? false;
  };

  /** The tensors the taken steps wait on, each once (the steps of one `steps` call share their pending read). */
  const waiting = (steps: Taken<I>[]): tf.Tensor[] => [
    ...new Set(steps.flatMap((s) => [s.info.pending?.values ?? null, s.captured].filter((x): x is tf.Tensor => x !== null))),
  ];

  /** Read the pending steps' numbers in one read and do their bookkeeping in order; `live` is the last one's state. */
  const flush = (live: S | null): boolean => {
    const steps = pending;
    pending = [];
    const tensors = waiting(steps);
    // One read per dtype (float32 energies and consensus errors; int32 counts, which a float32 read would round).
    const values = new Map<tf.DataType, { data: Float32Array | Int32Array; at: number }>();
    try {
      for (const dtype of new Set(tensors.map((x) => x.dtype))) {
        const group = tensors.filter((x) => x.dtype === dtype);
        const all = group.length === 1 ? group[0]! : tf.tidy(() => tf.concat(group.map((x) => tf.reshape(x, [-1]))));
        values.set(dtype, { data: (all.dataSync() as Float32Array | Int32Array).slice(), at: 0 });
        if (group.length > 1) all.dispose();
      }
    } finally {
      tf.dispose(tensors);
    }
    const take = (x: tf.Tensor) => {
      const read = values.get(x.dtype)!;
      return read.data.subarray(read.at, (read.at += x.size));
    };
    // Each tensor's values, in the order `waiting` listed them (the order of the one read).
    const valuesOf = new Map(tensors.map((x) => [x, take(x)] as const));
    const read = steps.map((s) => {
      const shared = s.info.pending;
      // The step's complete info, from its pending read where it left one.
      if (shared) s.info = shared.read(valuesOf.get(shared.values)!) as I;
      return s.captured ? (valuesOf.get(s.captured)! as Float32Array) : null;
    });
    for (let k = 0; k < steps.length; k++) {
      if (bookkeeping(steps[k]!, k === steps.length - 1 ? live : null, read[k]!)) return true;
    }
    return false;
  };

  /**
   * Steps t … t + K − 1 by the sampler's `steps`, K up to the next flush point (the block, a step after which
   * `flushAfter` reads, the end of the deferred steps); false, nothing taken, where K < 2 or the sampler cannot.
   */
  const several = (t: number): boolean => {
    const end = Math.min(options.until, deferredUntil);
    let K = 1;
    while (t + K < end && pending.length + K < DEFERRED_READ_BLOCK && !options.flushAfter?.(t + K - 1)) K++;
    if (K < 2) return false;
    const h = control.stepSize;
    const temperatures = Array.from({ length: K }, (_, k) => (schedule ? schedule.temperature(t + k) : sampler.temperature));
    const overrides = temperatures.map((temperature) => ({ ...(schedule ? { temperature } : {}), step: h, deferRead: true }));
    let taken: [S, I[]] | null;
    try {
      taken = sampler.steps!(
        state,
        temperatures.map((_, k) => fold(key, t + k)),
        overrides,
      );
    } catch (error) {
      // A fault of an earlier, unread step (a divergence) is the one to report.
      flush(null);
      throw error;
    }
    if (taken === null) return false;
    state = taken[0];
    taken[1].forEach((info, k) => {
      const captured = options.capture?.(t + k, null, info) ?? null;
      pending.push({ t: t + k, info, temperature: temperatures[k]!, stepSize: h, captured });
    });
    return true;
  };

  // How the loop ended, for the progress display: its stop rule (afterStep), a pause at `until`, every step, or a fault.
  let ended: LoopEnd | null = null;
  try {
    for (let t = options.first; t < options.until; t++) {
      if (multi && t < deferredUntil && several(t)) {
        t = pending[pending.length - 1]!.t;
        if (t === options.until - 1 || pending.length >= DEFERRED_READ_BLOCK || options.flushAfter?.(t) || t === deferredUntil - 1) {
          if (flush(state)) {
            ended = "stopped";
            break;
          }
        }
        continue;
      }
      const temperature = schedule ? schedule.temperature(t) : sampler.temperature;
      const h = control.stepSize;
      const deferRead = defer && t < deferredUntil;
      const overrides = { ...(schedule ? { temperature } : {}), step: h, ...(deferRead ? { deferRead } : {}) };
      let info: I;
      try {
        [state, info] = sampler.step(state, fold(key, t), overrides);
      } catch (error) {
        // A fault of an earlier, unread step (a divergence) is the one to report.
        flush(null);
        throw error;
      }
      pending.push({ t, info, temperature, stepSize: h, captured: options.capture?.(t, state, info) ?? null });
      const last = t === options.until - 1;
      const full = pending.length >= DEFERRED_READ_BLOCK;
      if (!info.pending || last || full || options.flushAfter?.(t)) {
        if (flush(state)) {
          ended = "stopped";
          break;
        }
      }
    }
    ended = taken >= options.steps ? "completed" : (ended ?? "paused");
  } catch (error) {
    ended = "failed";
    tf.dispose(waiting(pending));
    disposeState(state);
    throw error;
  } finally {
    progress?.end(ended ?? "failed");
  }
  return { state, taken };
}
