/**
 * The types of the Ising sampler (ising-sampler.ts) and its run front end (ising-run.ts): the state, a sweep's info,
 * the per-step overrides, the sampler's face, and what a run takes and returns.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Key } from "../../engine/random";
import type { IsingSystem } from "./ising-system";
import type { BaseState, Sampler, StepInfo } from "../../dynamics/types";

/** The sampler's state: spins [N, R] float32 ±1 as its position, one column per replica (chain). */
export interface IsingState extends BaseState {
  readonly position: tf.Tensor2D;
}

/** A sweep's info: the pooled scalars of every step and the per-replica numbers (never carried forward). */
export interface SweepStatistics extends StepInfo {
  /** Σ_r H_r after the sweep. */
  energy: number;
  /** H per replica after the sweep, [R]. */
  energies: Float64Array;
  /** M = Σ_i s_i per replica after the sweep, [R]. */
  magnetization: Float64Array;
  /** Spins flipped per replica during the sweep, [R]. */
  flips: Float64Array;
  /** The same counts as `flips`: the proposals each chain accepted. */
  accepted: Float64Array;
  /** Flipped spins per spin over all replicas: Σ flips / (N R). */
  acceptance: number;
  /** Not computed (NaN): a sweep has no step size to adapt. */
  acceptanceProbability: number;
}

/** Per-step parameter changes (an annealing schedule, parallel tempering) without rebuilding the sampler. */
export interface IsingStepOverrides {
  /** One temperature for every replica, or one per replica (length R). */
  temperature?: number | readonly number[];
  /** Ignored: a sweep has no step size. */
  step?: number;
  /** Leave the sweep's counts on the device for the run loop to read with other sweeps' (StepOverrides `deferRead`). */
  deferRead?: boolean;
}

/**
 * The Ising sampler: the one face (dynamics/types) over R replicas, `chains` = R, with per-replica temperatures;
 * `runIsing` (ising-run) runs it from a lattice state ({@link IsingRunSettings}, {@link IsingRunResult}).
 */
export interface IsingSampler extends Sampler<IsingState, SweepStatistics> {
  readonly system: IsingSystem;
  /** Default temperature of each replica, length R (`temperature` is the first). */
  readonly temperatures: readonly number[];
  /** Replicas per temperature: columns k·replicas … (k + 1)·replicas − 1 share temperature k. */
  readonly replicas: number;
  /** "fused": the checkerboard kernel over all replicas; "tensor": colour masks over [N, R] (see ising-sampler.ts). */
  readonly path: "fused" | "tensor";
  /**
   * A state at `spins` [N, R] (copied), or "cold" all +1, or "hot" independent uniform ±1 drawn from `key`. Caller
   * owns it (see {@link disposeState}).
   */
  init(spins: tf.Tensor2D): IsingState;
  init(start: "cold" | "hot", key: Key): IsingState;
  /** One sweep of every replica; consumes `state` (its spins are disposed) and returns the next (caller owns) with its info. */
  step(state: IsingState, key: Key, overrides?: IsingStepOverrides): [IsingState, SweepStatistics];
  /**
   * Sweeps t = 0 … K − 1 under keys[t] and overrides[t] in one call, their counts left on the device (one pending read
   * for the K infos): the fused path where `EmtdIsingSteps` is registered (webgpu), with the numbers of `step` sweep by
   * sweep; null elsewhere, `state` unconsumed (the run loop then calls `step`).
   */
  steps(state: IsingState, keys: readonly Key[], overrides: readonly IsingStepOverrides[]): [IsingState, SweepStatistics[]] | null;
  /** Frees the sampler's constant tensors (colour masks, field). */
  dispose(): void;
}

export interface IsingSamplerOptions {
  /**
   * External field b_i per node (length N), adding −Σ_i b_i s_i to H: ΔH_i = 2 s_i (h_i + b_i). A large b at one
   * node pins it (an "injected" value). Default none. Forces the tensor path.
   */
  field?: ArrayLike<number>;
  /** "auto" (default): fused where it applies (even lattice, no field), else tensor. "tensor" forces the tensor path. */
  path?: "auto" | "fused" | "tensor";
  /** Independent replicas (chains) per temperature, side by side: R = replicas × temperatures. Default 1. */
  replicas?: number;
}

/** How `runIsing` runs an Ising sampler (its start, "cold", "hot" or spins [N, R], is `runIsing`'s `initial`). */
export interface IsingRunSettings {
  /** Total sweeps, burn-in included. */
  steps: number;
  /** Sweeps discarded before averaging. Default steps/10. */
  burnIn?: number;
  /** Continue from a previous run's `checkpoint` (same sampler and settings): the same numbers as never pausing. */
  resume?: IsingCheckpoint;
  /** Pause after this many sweeps in total (default `steps`); the result then carries `checkpoint` and no results. */
  until?: number;
  /**
   * Read the sweeps' counts (H, M, flips) back once per block of sweeps rather than every sweep (dynamics/loop's
   * deferred reads); the same numbers. Default: on the webgpu backend, where each read waits for every queued kernel.
   */
  deferReads?: boolean;
}

/** The options of `emtd ising` in one record: the sampler's (`isingSampler`) and the run's (`runIsing`). */
export interface IsingRunOptions {
  /** One temperature or several (each gets `replicas` chains). */
  temperature: number | readonly number[];
  /** Independent chains per temperature. Default 1. */
  replicas?: number;
  /** Total sweeps, burn-in included. */
  sweeps: number;
  /** Sweeps discarded before averaging. Default sweeps/10. */
  burnIn?: number;
  /** "cold" (all +1, default: fast equilibration below T_c, no domain walls to anneal) or "hot" (random). */
  start?: "cold" | "hot";
  /** Continue from a previous call's `checkpoint` (same options): the same numbers as never pausing. */
  resume?: IsingCheckpoint;
  /** Pause after this many sweeps in total (default `sweeps`); the result then carries `checkpoint` and no results. */
  until?: number;
  /** External field b_i per node (see {@link IsingSamplerOptions}). */
  field?: ArrayLike<number>;
  /** Which sampler path (see {@link IsingSamplerOptions}); default "auto". */
  path?: "auto" | "fused" | "tensor";
}

/** A mean with its Monte-Carlo standard error and effective sample size. */
export interface Estimate {
  value: number;
  mcse: number;
  ess: number;
}

export interface IsingTemperatureResult {
  temperature: number;
  energyPerSpin: Estimate;
  absMagnetization: Estimate;
  magnetizationSquared: Estimate;
  /** C/N = N(⟨e²⟩ − ⟨e⟩²)/T². */
  specificHeat: Estimate;
  /** χ' = N(⟨m²⟩ − ⟨|m|⟩²)/T. */
  susceptibility: Estimate;
  /** Accepted flips per spin per sweep after burn-in. */
  acceptance: number;
  /** Per post-burn-in sweep, averaged over this temperature's chains. */
  series: { energyPerSpin: Float64Array; absMagnetization: Float64Array };
  /** Signed magnetisation per spin of each of this temperature's chains after the last sweep. */
  finalMagnetization: number[];
  /** ESS < 100 or burn-in shorter than τ, for e and |m| (dynamics/warnings; the acceptance is set by T: no band). */
  warnings: string[];
}

export interface IsingRunResult {
  system: string;
  /** The sampler path that ran: "fused" (checkerboard kernel) or "tensor". */
  path: "fused" | "tensor";
  n: number;
  sweeps: number;
  burnIn: number;
  replicas: number;
  results: IsingTemperatureResult[];
  seconds: number;
  /** Set when the run paused at `until` < `sweeps`: pass it back as `resume`. */
  checkpoint?: IsingCheckpoint;
}

/**
 * The state of an Ising run between sweeps (sweep t uses fold(key, t), so no random stream position is needed):
 * the spins [N, R] row-major, the per-chain post-burn-in series (length sweeps − burnIn, filled up to
 * sweep − burnIn), accepted flips and the last magnetisation per chain.
 */
export interface IsingCheckpoint {
  sweep: number;
  spins: Float32Array;
  energy: Float64Array[];
  magnetization: Float64Array[];
  flips: Float64Array;
  lastMagnetization: Float64Array;
}
