/**
 * Equilibrium checked before a chain's mean decides a cell (issue 51 item 2). Under the proposal's quadratic ℋ a
 * chain's law is Gaussian and the claims compare it with the exact value, which is itself the check; under a variant
 * that replaces the interaction or adds terms the law is the variant's own and may have wells a chain from the claim's
 * start never reaches (the a·ψ³ + b·ψ⁴). There a second chain runs from the variant's own minimiser (a
 * gradient descent from the claim's start, ../assumptions descend), on the other side of the law from the disagreeing start, and the
 * two chains' R̂ (rank-normalised split R̂, Vehtari et al. 2021) must be at most {@link RHAT_LIMIT} and their means
 * within {@link MEAN_GAP_LIMIT} of their MCSEs of each other: R̂ of two long chains can pass at 1.05 while their means
 * stand five standard errors apart (issue 51's cubic + quartic at T = 0.01), a gap no chain of one law shows.
 */
import * as tf from "@tensorflow/tfjs";
import type { Term } from "../hamiltonian/term";
import { descend } from "./assumptions";
import { mcseMean, rhat } from "../stats/diagnostics";
import { mean } from "../stats/summary";
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

/**
 * The largest gap between two chains' means, in units of its standard error √(MCSE_a² + MCSE_b²), that chains of one
 * law show: for chains of one law the gap is about a standard normal, beyond 4 once in 16 000 pairs, so a larger one
 * says the chains sit in different parts of the law (one has not reached it), whatever R̂ says.
 */
export const MEAN_GAP_LIMIT = 4;

/** R̂ of two chains' draws, the longer cut to the shorter's length (sequential stopping ends chains apart). */
export function twoChainRhat(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  return rhat([Array.from(a).slice(0, n), Array.from(b).slice(0, n)]);
}

/** Two chains' agreement: their R̂, the gap of their means in its standard errors, and whether both are within limits. */
export interface TwoChains {
  rhat: number;
  /** (mean_a − mean_b) / √(MCSE_a² + MCSE_b²), each chain's whole draws. */
  meanGap: number;
  agree: boolean;
  /** Why they disagree, in words, or null. */
  why: string | null;
}

/** {@link twoChainRhat} and the gap of the two chains' means (module comment): chains agree when both pass. */
export function twoChains(a: ArrayLike<number>, b: ArrayLike<number>): TwoChains {
  const r = twoChainRhat(a, b);
  const [x, y] = [Float64Array.from(a), Float64Array.from(b)];
  const gap = (mean(x) - mean(y)) / Math.hypot(mcseMean([x]), mcseMean([y]));
  const why = !(r <= RHAT_LIMIT)
    ? `R̂ = ${r.toPrecision(4)} > ${RHAT_LIMIT}`
    : !(Math.abs(gap) <= MEAN_GAP_LIMIT)
      ? `their means are ${Math.abs(gap).toPrecision(3)} standard errors apart (> ${MEAN_GAP_LIMIT}; R̂ = ${r.toPrecision(4)})`
      : null;
  return { rhat: r, meanGap: gap, agree: why === null, why };
}
