/**
 * The one result of `run` for the Langevin family (gradient flow, ULA, MALA, Metropolis; one field or R chains side by
 * side, with or without diagnostics or a target precision): the final field, the kept draws by chain and draw (ArviZ's
 * layout: `toInferenceData` writes them), the estimates pooled and per chain, the diagnostics where several chains
 * ran, and the trace of a one-field run. The Ising sampler's front end returns its own (spin/ising).
 */
import type * as tf from "@tensorflow/tfjs";
import type { ConvergenceDiagnostics } from "../stats/diagnostics";

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
