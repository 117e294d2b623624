/**
 * Equilibrium checked before a chain's mean decides a cell (issue 51 item 2). Under the proposal's quadratic ℋ a
 * chain's law is Gaussian and the claims compare it with the exact value, which is itself the check; under a variant
 * that replaces the interaction or adds terms the law is the variant's own and may have wells a chain from the claim's
 * start never reaches (the a·ψ³ + b·ψ⁴). There a second chain runs from the variant's own minimiser (the
 * lowest end of descents from the claim's start and from consensus fields, {@link minimiserFrom}), on the other side
 * of the law from the disagreeing start, and the two chains' R̂ (rank-normalised split R̂, Vehtari et al. 2021) must
 * be at most {@link RHAT_LIMIT} and their means within {@link MEAN_GAP_LIMIT} of their MCSEs of each other: R̂ of two
 * long chains can pass at 1.05 while their means stand five standard errors apart (issue 51's cubic + quartic at
 * T = 0.01), a gap no chain of one law shows.
 */
import * as tf from "@tensorflow/tfjs";
import type { Term } from "../../hamiltonian/term";
import { descend } from "./assumptions";
import { mcseMean, rhat } from "../../stats/diagnostics";
import { mean } from "../../stats/summary";
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

/** Consensus fields c·1 the descents also start from, c in these multiples of the start's RMS (both signs). */
const CONSENSUS_STARTS = [-2, -1, -0.5, 0.5, 1, 2];

/**
 * The variant's minimiser: the lowest end of gradient descents with backtracking (./assumptions descend, robust where a
 * fixed step would diverge on a stiff variant) to their gradient-norm criterion, from `start` and from consensus
 * fields at ±½, ±1, ±2 times its RMS. One descent is not enough: from a disagreeing field the cubic + quartic
 * a·ψ³ + b·ψ⁴ of issue 51 stops at ψ ≈ 0, its degenerate inflection (∇ℋ ∝ ψ², below the criterion), with ℋ ≈ 0, while
 * its well ψ = −3a/4b holds ℋ = −0.0264 on ws(20). The start's own end is kept unless another is lower by more than
 * 10⁻⁶ of max(1, |ℋ|) (float32 rounding); on a convex ℋ every descent ends at its one minimum, within the descent's
 * gradient criterion of it. Caller disposes the field.
 */
export function minimiserFrom(energy: Term, start: tf.Tensor2D): tf.Tensor2D {
  const field = start.arraySync();
  const values = field.flat();
  const rms = Math.sqrt(values.reduce((s, x) => s + x * x, 0) / Math.max(1, values.length)) || 1;
  let best = descend(energy, field);
  for (const c of CONSENSUS_STARTS) {
    const end = descend(
      energy,
      field.map((row) => row.map(() => c * rms)),
    );
    const lower = Number.isFinite(best.energy) ? best.energy - 1e-6 * Math.max(1, Math.abs(best.energy)) : Number.POSITIVE_INFINITY;
    if (Number.isFinite(end.energy) && end.energy < lower) best = end;
  }
  return tf.tensor2d(best.field);
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
