/**
 * Equilibrium checked before a chain's mean decides a cell (issue 51 item 2). Under the proposal's quadratic ℋ a
 * chain's law is Gaussian and the claims compare it with the exact value, which is itself the check; under a variant
 * that replaces the interaction or adds terms the law is the variant's own and may have wells a chain from the claim's
 * start never reaches (the issue's a·ψ³ + b·ψ⁴). There a second chain runs from the variant's own minimiser (a
 * gradient descent from the claim's start, ../assumptions descend), on the other side of the law from the disagreeing start, and the
 * two chains' R̂ (rank-normalised split R̂, Vehtari et al. 2021) must be at most {@link RHAT_LIMIT}.
 */
import * as tf from "@tensorflow/tfjs";
import type { Term } from "../hamiltonian/term";
import { descend } from "./assumptions";
import { rhat } from "../stats/diagnostics";
import type { Mechanism } from "./types";

/**
 * Chains agree when R̂ ≤ 1.1 (Gelman et al., Bayesian Data Analysis, 3rd ed., §11.4). Vehtari et al. (2021) ask 1.01
 * of four chains with a bulk ESS above 400; two chains of a claim's length are noisier: two chains that agree, on a
 * healthy on-site quartic at T = 0.01, gave 1.0125, while chains in different wells give R̂ far above 1.1.
 */
export const RHAT_LIMIT = 1.1;

/** The mechanism's ℋ is a variant's own (its interaction replaced or terms added), not the proposal's quadratic. */
export function ownLaw(mechanism: Mechanism): boolean {
  return mechanism.replaced.includes("interaction") || mechanism.replaced.includes("terms");
}

/**
 * The variant's minimiser reached from `start`: a gradient descent with backtracking (./assumptions descend, robust
 * where a fixed step would diverge on a stiff variant) to its gradient-norm criterion. Caller disposes the field.
 */
export function minimiserFrom(energy: Term, start: tf.Tensor2D): tf.Tensor2D {
  return tf.tensor2d(descend(energy, start.arraySync()).field);
}

/** R̂ of two chains' draws, the longer cut to the shorter's length (sequential stopping ends chains apart). */
export function twoChainRhat(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  return rhat([Array.from(a).slice(0, n), Array.from(b).slice(0, n)]);
}
