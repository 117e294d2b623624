/**
 * The common face of every integrator (BlackJAX's lesson): a factory closes over the energy and the parameters and
 * returns `{ init, step }`. `step(state, key, overrides)` returns the next state and an info record that is never
 * carried forward. Overrides (temperature, step size) let a schedule or an adapter change parameters per step
 * without rebuilding the integrator (JAX-MD's `kT` override).
 *
 * Ownership: `init` copies its input; `step` consumes the state it is given (its tensors may be reused or freed)
 * and returns a state the caller owns. {@link run} hides all of this; call {@link disposeState} when stepping by
 * hand.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";

export interface SamplerState {
  /** Ψ, [N, C]. */
  readonly position: tf.Tensor2D;
  /** H(Ψ). */
  readonly energy: number;
  /** ∇H(Ψ), cached by gradient-based integrators (null otherwise). */
  readonly gradient: tf.Tensor2D | null;
}

export interface StepInfo {
  /** H after the step. */
  energy: number;
  /** Fraction of proposals accepted in this step (1 for unadjusted integrators). */
  acceptance: number;
  /** Mean Metropolis acceptance probability min(1, α) of this step's proposals (1 when unadjusted). */
  acceptanceProbability: number;
}

export interface StepOverrides {
  temperature?: number;
  step?: number;
}

export interface Integrator {
  readonly name: string;
  /** Default temperature T (k_B = 1). */
  readonly temperature: number;
  /** Default step size (time step h, or proposal scale σ for random-walk Metropolis). */
  readonly stepSize: number;
  /** The acceptance rate step-size adaptation aims at, or null when the integrator does not accept/reject. */
  readonly targetAcceptance: number | null;
  init(position: tf.Tensor2D): SamplerState;
  step(state: SamplerState, key: Key, overrides?: StepOverrides): [SamplerState, StepInfo];
}

/**
 * Free a sampler state's tensors: its position [N, C] and, for gradient-based integrators, its cached gradient.
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
export function disposeState(state: SamplerState): void {
  state.position.dispose();
  state.gradient?.dispose();
}
