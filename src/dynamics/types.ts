/**
 * The one face of every sampler in the library (BlackJAX's `SamplingAlgorithm`): a factory closes over the energy
 * and the parameters and returns `{ init, step }`. `init(position)` makes a state; `step(state, key, overrides)`
 * returns the next state and an info record that is never carried forward. Overrides (temperature, step size) let
 * a schedule or an adapter change parameters per step without rebuilding the sampler (JAX-MD's `kT` override).
 *
 * Chains side by side are a dimension of the state, not a second face: a sampler of R chains (`chains: R`) holds them
 * side by side in its position ([N, R·C], chain r in columns r·C … r·C + C − 1; the Ising spins [N, R]) and reports
 * per-chain numbers in its info (`energies`, `accepted`, [R]). Each sampler's state is its own record (what it
 * caches: ∇H for the gradient integrators, per-chain energies for R chains); all of them have a `position`.
 *
 * Ownership: `init` copies its input; `step` consumes the state it is given (its tensors may be reused or freed)
 * and returns a state the caller owns. {@link run} hides all of this; call {@link disposeState} when stepping by
 * hand.
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";

/** What every sampler's state has: the chains' positions, [N, R·C] (R = 1 for one chain). */
export interface BaseState {
  readonly position: tf.Tensor2D;
}

/**
 * The state of the field samplers (gradient flow, ULA, MALA, Metropolis), one chain or R side by side: the chains'
 * fields, H per chain as the host holds it, and the cached gradient. Every value is complete when `step` returns:
 * where a step left H on the device (a deferred or fused step), `energies` is null and its info's `pending` read
 * gives them; nothing is filled in later.
 */
export interface SamplerState extends BaseState {
  /** X, [N, R·C] (chain r in columns r·C … r·C + C − 1; R = 1 for one field). */
  readonly position: tf.Tensor2D;
  /** H(X_r) per chain, [R], as float64 numbers (where the energy keeps float64 values on large fields, those); null where unread. */
  readonly energies: Float64Array | null;
  /** ∇ Σ_r H(X_r), cached by the gradient samplers where a step formed it (null otherwise: made when needed). */
  readonly gradient: tf.Tensor2D | null;
}

/**
 * What every step reports. The scalars pool the chains; a sampler of R > 1 chains adds per-chain arrays, which the
 * run loop reads (without them, the scalars are the one chain's).
 */
export interface StepInfo {
  /** H after the step (summed over chains). */
  energy: number;
  /** Fraction of proposals accepted in this step (1 for unadjusted integrators). */
  acceptance: number;
  /** Mean Metropolis acceptance probability min(1, α) of this step's proposals (1 when unadjusted; NaN when not computed). */
  acceptanceProbability: number;
  /** Per chain, H after the step, [R]. */
  energies?: ArrayLike<number>;
  /** Per chain, the proposals accepted in this step, [R] (0 or 1 for one proposal per chain; flipped spins of a sweep). */
  accepted?: ArrayLike<number>;
  /**
   * Set when the step was asked to defer its read (StepOverrides `deferRead`) and did: H is still on the device, this
   * info's `energy` (`energies`) are NaN, and `pending.read` gives the step's complete info once the run loop has read
   * the numbers (with other steps', in one read). The steps of one `steps` call share one `values` tensor.
   */
  pending?: PendingRead;
  /**
   * The field's consensus error after the step, where the sampler forms it itself (the fused GPU steps, in the same
   * pass as the step; NaN until read): the trace takes it rather than computing its own.
   */
  consensusError?: number;
  /** Per column of the position, its mean over nodes after the step, where the sampler forms it (as `consensusError`). */
  columnMeans?: Float64Array;
}

/** The info of the gradient samplers' steps (one field or R chains): the pooled scalars and the per-chain arrays, [R]. */
export interface ChainStepInfo extends StepInfo {
  /** H per chain after the step. */
  energies: Float64Array;
  /** 1 where the chain's proposal was accepted (all 1 for an unadjusted step). */
  accepted: Float64Array;
  /** min(1, α) per chain (1 when unadjusted); their mean is `acceptanceProbability`. */
  acceptanceProbabilities: Float64Array;
}

/** The info of a step from its per-chain numbers (the pooled scalars as the run loop reads them: sums in chain order). */
export function chainInfo(energies: Float64Array, accepted: Float64Array, acceptanceProbabilities: Float64Array): ChainStepInfo {
  const R = energies.length;
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  return {
    energy: sum(energies),
    acceptance: sum(accepted) / R,
    acceptanceProbability: sum(acceptanceProbabilities) / R,
    energies,
    accepted,
    acceptanceProbabilities,
  };
}

/**
 * A step's numbers left on the device, read explicitly: the run loop reads `values` (any shape, read flat) together
 * with other steps' in one read, disposes it, and asks `read` for the step's complete info. Nothing the step returned
 * is changed by it.
 */
export interface PendingRead {
  readonly values: tf.Tensor;
  /** The step's complete info from `values` read, flat, in their dtype (float32, or int32 for counts). */
  read(values: Float32Array | Int32Array): StepInfo;
}

export interface StepOverrides {
  temperature?: number;
  step?: number;
  /**
   * Leave the step's H on the device where the sampler can (StepInfo `pending`) rather than read it now: the run
   * loop's deferred reads (dynamics/loop). A sampler that must read to step (accept/reject on the host) ignores it.
   */
  deferRead?: boolean;
}

/** The face: `init(position) → state`, `step(state, key, overrides) → [state, info]` (module comment). */
export interface Sampler<S extends BaseState = SamplerState, I extends StepInfo = StepInfo> {
  readonly name: string;
  /** Chains R side by side in the state (1 for a single chain): all `run` needs to know of them. */
  readonly chains: number;
  /** Default temperature T (k_B = 1). */
  readonly temperature: number;
  /** Default step size (time step h, or proposal scale σ for random-walk Metropolis; NaN where there is none). */
  readonly stepSize: number;
  /** The acceptance rate step-size adaptation aims at, or null when the sampler does not accept/reject or adapt. */
  readonly targetAcceptance: number | null;
  /** A state at `position` (copied). */
  init(position: tf.Tensor2D): S;
  /** One step; consumes `state` and returns the next (caller owns) with its info. */
  step(state: S, key: Key, overrides?: StepOverrides): [S, I];
  /**
   * Several steps in one call where the sampler can take them without reading anything between them (the fused GPU
   * steps): step k under keys[k] and overrides[k], each step's numbers left on the device (its info's `pending`, one
   * for the call); the same numbers as `step` one by one. Returns null, leaving `state` unconsumed, where it cannot
   * (the run loop then calls `step`). Optional.
   */
  steps?(state: S, keys: readonly Key[], overrides: readonly StepOverrides[]): [S, I[]] | null;
}

/** A field sampler: the face with the {@link SamplerState} of gradient flow, ULA, MALA and Metropolis. */
export type Integrator = Sampler<SamplerState, StepInfo>;

/** A gradient sampler (ULA, MALA, gradient flow, or one of your own), whose info has per-chain arrays. */
export type ChainIntegrator = Sampler<SamplerState, ChainStepInfo>;

/**
 * Free a sampler state's tensors, whatever the sampler: its position and what it caches (∇H, per-chain energies).
 * Every `step` consumes the state it is given; the caller disposes the last one (or `run` does, returning `final`).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 1]) as tf.Tensor2D;
 * const state = ula(interaction(graph), { step: 0.05 }).init(x0); // copies x0; caches ∇H
 * state.gradient!.shape; // → [10, 1]
 * disposeState(state);
 * x0.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function disposeState(state: BaseState): void {
  for (const value of Object.values(state)) if (value instanceof tf.Tensor) value.dispose();
}

/** Free a state's tensors but its position, and return the position (the caller owns it): a run's `final`. */
export function takePosition(state: BaseState): tf.Tensor2D {
  for (const value of Object.values(state)) if (value instanceof tf.Tensor && value !== state.position) value.dispose();
  return state.position;
}

/** A state's tensors as row-major float32 data with their shapes, and its numbers (a checkpoint's plain form). */
export type StateSnapshot = Record<string, number | null | Float64Array | { shape: number[]; data: Float32Array }>;

/** The plain form of `state` (tensors read back; the state is unchanged). */
export function snapshotState(state: BaseState): StateSnapshot {
  const out: StateSnapshot = {};
  for (const [name, value] of Object.entries(state)) {
    if (value instanceof tf.Tensor) out[name] = { shape: value.shape.slice(), data: (value.dataSync() as Float32Array).slice() };
    else if (value instanceof Float64Array) out[name] = value.slice();
    else if (value === null || typeof value === "number") out[name] = value;
  }
  return out;
}

/** Inverse of {@link snapshotState}: fresh tensors (the caller owns them). */
export function restoreState<S extends BaseState>(snapshot: StateSnapshot): S {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(snapshot)) {
    out[name] =
      value === null || typeof value === "number"
        ? value
        : value instanceof Float64Array
          ? value.slice()
          : tf.tensor(value.data, value.shape);
  }
  return out as unknown as S;
}
