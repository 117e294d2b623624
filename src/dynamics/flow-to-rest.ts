/**
 * Gradient flow run to a stated convergence criterion instead of a fixed step count (issue 51 item 4): a measurement
 * of where the flow "ends" is read at rest, ‖∇H(Ψ)‖ ≤ tolerance·‖∇H(Ψ₀)‖, so a difference between two flows is not a
 * transient of both. Near a minimum with curvature m, the energy still to lose is ≤ ‖∇H‖²/2m: the criterion bounds
 * how far the numbers read could still move.
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";
import { check, DivergenceError, NumericalError } from "../errors";
import { gradient, type Term } from "../hamiltonian/term";
import { gradientFlow } from "./gradient";
import { disposeState } from "./types";

const WHERE = "emtd/dynamics/flowToRest";

/** Where a flow came to rest: the field (caller disposes), the steps taken and the gradient norms. */
export interface Rest {
  final: tf.Tensor2D;
  steps: number;
  /** ‖∇H‖ at the start and at the end. */
  startGradient: number;
  endGradient: number;
}

function gradientNorm(energy: Term, psi: tf.Tensor2D, cached: tf.Tensor2D | null): number {
  return tf.tidy(() => Math.sqrt(tf.sum(tf.square(cached ?? gradient(energy, psi))).dataSync()[0]!));
}

/**
 * Explicit Euler on dΨ/dt = −∇H with step h from `start` (copied) until ‖∇H‖ ≤ `tolerance`·‖∇H(start)‖, checked
 * after every step; a start already at rest (∇H = 0) takes no step. More than `maxSteps` steps is a NumericalError
 * ("not-converged") naming the criterion and how far the flow got; a non-finite gradient a DivergenceError.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const start = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i]));
 * const rest = flowToRest(interaction(graph), start, { step: 0.05, tolerance: 1e-4, maxSteps: 5000 }, key(0));
 * rest.steps; // → 195 (‖∇H‖ from 28.3 to 0.0028)
 * tf.dispose([start, rest.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function flowToRest(energy: Term, start: tf.Tensor2D, options: { step: number; tolerance: number; maxSteps: number }, k: Key): Rest {
  const tolerance = check.positive(WHERE, "tolerance", options.tolerance);
  const maxSteps = check.integer(WHERE, "maxSteps", options.maxSteps, 1);
  const flow = gradientFlow(energy, { step: options.step });
  let state = flow.init(start);
  const startGradient = gradientNorm(energy, state.position, state.gradient);
  let norm = startGradient;
  let steps = 0;
  while (norm > tolerance * startGradient) {
    if (!Number.isFinite(norm)) {
      disposeState(state);
      throw new DivergenceError(`${WHERE}: ‖∇H‖ is ${norm} after ${steps} steps of h = ${options.step}: use a smaller step`, steps);
    }
    if (steps === maxSteps) {
      disposeState(state);
      throw new NumericalError(
        `${WHERE}: the flow did not come to rest (‖∇H‖ ≤ ${tolerance}·${startGradient.toPrecision(4)}) in ${maxSteps} steps of h = ${options.step}: ‖∇H‖ = ${norm.toPrecision(4)} then`,
        "not-converged",
        steps,
      );
    }
    [state] = flow.step(state, k);
    steps++;
    norm = gradientNorm(energy, state.position, state.gradient);
  }
  const final = state.position.clone();
  disposeState(state);
  return { final, steps, startGradient, endGradient: norm };
}
