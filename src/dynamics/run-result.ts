/**
 * The one result of `run` for the Langevin family (gradient flow, ULA, MALA, Metropolis; one field or R chains side by
 * side, with or without diagnostics or a target precision): the final field, the kept draws by chain and draw (ArviZ's
 * layout: `toInferenceData` writes them), the estimates pooled and per chain, the diagnostics where several chains
 * ran, and the trace of a one-field run. The Ising sampler's front end returns its own (spin/ising).
 */
import type * as tf from "@tensorflow/tfjs";
import type { ConvergenceDiagnostics } from "../stats/diagnostics";
import type { Schedule } from "./schedules";
import type { StepInfo } from "./types";

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

/** One chain's estimates of ⟨H⟩ over its kept draws. */
export interface ChainEstimate {
  meanEnergy: number;
  energyMcse: number;
  energyEss: number;
  /** Accepted fraction after burn-in. */
  acceptance: number;
}

/** How a run to a target precision (`targetMcse`) ended. */
export interface TargetReport {
  /** The target MCSE of ⟨H⟩. */
  mcse: number;
  maxRhat: number;
  /** Whether both the MCSE and the R̂ of H ended at most their targets. */
  reached: boolean;
  /**
   * The MCSE of ⟨H⟩ reached: the larger of the pooled per-chain estimate (`energyMcse`) and the multi-chain one
   * (`diagnostics.energy.mcse`, which grows when the chains disagree), so both printed errors are within target.
   */
  achievedMcse: number;
  achievedRhat: number;
  /** Steps taken, burn-in included. */
  steps: number;
  maxSteps: number;
  /** Segments run (1 when the first `steps` sufficed). */
  segments: number;
}

/** What `run` returns for a sampler of the Langevin family (module comment). */
export interface RunResult {
  /** The field after the last step: [N, C] for one field, [N, R·d] for R chains side by side. Caller disposes. */
  final: tf.Tensor2D;
  /** Chains side by side in the field (1 for a one-field sampler). */
  chains: number;
  /**
   * ⟨H⟩ over the kept (post-burn-in) draws with its Monte-Carlo standard error and effective sample size: a chain's
   * own for one chain; over R chains the mean of the chain means, MCSE √(Σ MCSE_r²)/R (independent chains), ESS Σ ESS_r.
   */
  meanEnergy: number;
  energyMcse: number;
  energyEss: number;
  /** Fraction of accepted proposals over the kept steps (the mean over chains). */
  acceptance: number;
  /** Each chain's own estimates (one entry for one chain). */
  perChain: ChainEstimate[];
  /**
   * The kept draws by quantity, chain and draw (ArviZ's (chain, draw)): `energy` always, `draws.energy[r][t]` = H of
   * chain r after kept step t; the mean field of each channel (`meanField0`, …) where recorded (`diagnostics`).
   */
  draws: { energy: Float64Array[]; [quantity: string]: Float64Array[] };
  /** H after every kept step, chain after chain (ArviZ's stacked sample; one chain's draws for one chain). */
  energies: Float64Array;
  /** Per quantity of `draws`: R̂, bulk and tail ESS, the mean of all draws and its MCSE (`diagnostics`, `targetMcse`). */
  diagnostics?: Record<string, ConvergenceDiagnostics>;
  /** How a run to a target precision ended (`targetMcse`). */
  target?: TargetReport;
  /** A record every `recordEvery` steps (a one-field run's; empty for chains side by side). */
  trace: TraceRecord[];
  /** Step size used after burn-in. */
  stepSize: number;
  /** Steps taken, burn-in included: `options.steps`, fewer when `stopWhen` ended the run, more to reach `targetMcse`. */
  steps: number;
  /** True when `stopWhen` ended the run before `options.steps`. */
  stopped: boolean;
  burnIn: number;
  seconds: number;
  /** Set when the run paused at `until` < `steps`: pass it back as `resume`. */
  checkpoint?: RunCheckpoint;
  /**
   * Why the estimates may not be trusted as printed (dynamics/warnings): ESS < 100, acceptance outside the
   * integrator's band, burn-in shorter than the autocorrelation time, nothing accepted; for chains per chain, and the
   * convergence warnings (R̂ > 1.01, fewer than 4 chains) with diagnostics. Empty for a healthy run (and a paused one).
   */
  warnings: string[];
}

/** The options of `run` for a sampler of the Langevin family, one field or R chains (dynamics/run). */
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
   * dispose it), the step's info (for R chains a `ChainStepInfo`, per chain), the step size it used, and ∇H at the
   * field where the sampler's state holds it (a gradient sampler's next drift; null where none is held, as after a
   * fused step: read it, never dispose it); dynamics/draws records the draws from it.
   */
  onDraw?: (draw: number, position: tf.Tensor2D, info: I, stepSize: number, gradient: tf.Tensor2D | null) => void;
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

/** A run to a target precision after each segment (RunOptions `onProgress`). */
export interface PrecisionProgress {
  /** Steps taken so far, burn-in included. */
  steps: number;
  maxSteps: number;
  meanEnergy: number;
  /** The MCSE compared with the target (see {@link TargetReport}). */
  mcse: number;
  rhat: number;
  /** Steps the next segment will take (0 when done). */
  next: number;
}
