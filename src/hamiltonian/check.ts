/**
 * Gradient checking for user-written terms: the gradient a term will be driven by (its analytic gradient, or
 * autodiff) against central finite differences of its energy along random directions v:
 *
 *   D_v = (H(Ψ + εv) − H(Ψ − εv)) / 2ε   vs   ⟨∇H(Ψ), v⟩,
 *   relative error |D_v − ⟨∇H, v⟩| / max(|D_v|, |⟨∇H, v⟩|, ‖∇H‖/10)
 *
 * Directional differences cost two energy evaluations each (not 2·N·C), and a wrong gradient shows in almost every
 * direction. Energies are float32, so the truncation error O(ε²) and the rounding error O(|H|·10⁻⁷/ε) bound what a
 * correct gradient can reach: about 10⁻³ at the default ε; a wrong gradient (a missing factor, a sign) gives O(1).
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, checkKey, normal, split } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { checkScalarEnergy, energyAndGradient, type Term } from "./term";

export interface GradientCheckOptions {
  /** Number of random directions. Default 8. */
  directions?: number;
  /** Finite-difference step ε, relative to the field's RMS (absolute when the field is zero). Default 1e-2. */
  epsilon?: number;
}

export interface GradientCheck {
  /** max over directions of the relative error. */
  maxRelativeError: number;
  /** Per direction: the finite difference D_v and the gradient's ⟨∇H, v⟩. */
  finiteDifference: number[];
  analytic: number[];
  /** The absolute ε used. */
  epsilon: number;
  /**
   * Whether the energy and the gradient are finite at consensus (every node the field's mean row: all differences
   * zero), where autodiff of a norm or a square root at 0 gives NaN. When false, `maxRelativeError` is Infinity.
   */
  finiteAtConsensus: boolean;
}

const WHERE = "emtd/hamiltonian/checkGradient";

/**
 * Compare a term's gradient with finite differences of its energy at `psi` ([N, C]), along directions drawn from
 * `key` (required: the check is reproducible), and check that energy and gradient are finite at consensus too (every
 * node at the field's mean: a norm's autodiff is NaN there, and a random probe never lands on it). Disposes
 * everything it makes.
 *
 * @example
 * ```ts
 * const quartic = defineTerm({ name: "quartic", energy: (psi) => tf.sum(tf.pow(psi, 4)) });
 * const psi = normal(key(0), [10, 2]);
 * checkGradient(quartic, psi, key(1)).maxRelativeError; // → 5.4e-4 (autodiff gradient: agrees)
 * const wrong = defineTerm({ name: "wrong", energy: (p) => tf.sum(tf.pow(p, 4)), gradient: (p) => tf.mul(8, tf.pow(p, 3)) }); // 2× too big
 * checkGradient(wrong, psi, key(1)).maxRelativeError; // → 0.5
 * psi.dispose();
 * ```
 */
export function checkGradient(term: Term, psi: tf.Tensor, key: Key, options: GradientCheckOptions = {}): GradientCheck {
  if (!(psi instanceof tf.Tensor) || psi.rank !== 2)
    throw new ArgumentError(WHERE, "psi", "a 2-D tensor [N, C]", psi instanceof tf.Tensor ? psi.shape : typeof psi);
  checkKey(WHERE, "key", key);
  const directions = check.integer(WHERE, "directions", options.directions ?? 8, 1, 1000);
  const relative = check.positive(WHERE, "epsilon", options.epsilon ?? 1e-2);
  const x = psi as tf.Tensor2D;
  const rms = tf.tidy(() => Math.sqrt(tf.mean(tf.square(x)).dataSync()[0]!));
  const epsilon = relative * (rms > 0 ? rms : 1);
  const { energy, gradient } = energyAndGradient(term, x);
  checkScalarEnergy(term.name, energy).dispose();
  const finiteDifference: number[] = [];
  const analytic: number[] = [];
  let maxRelativeError = 0;
  try {
    split(key, directions).forEach((k) => {
      const [fd, an, scale] = tf.tidy(() => {
        const v = normal(k, x.shape) as tf.Tensor2D;
        const up = checkScalarEnergy(term.name, term.energy(tf.add(x, tf.mul(v, epsilon)) as tf.Tensor2D));
        const down = checkScalarEnergy(term.name, term.energy(tf.sub(x, tf.mul(v, epsilon)) as tf.Tensor2D));
        const d = tf.div(tf.sub(up, down), 2 * epsilon);
        // A floor for the denominator: a tenth of ‖∇H‖, the typical size of ⟨∇H, v⟩ for v ~ N(0, I). Without it a
        // direction nearly orthogonal to ∇H turns the fixed float32 rounding into a large relative error.
        const floor = tf.mul(tf.sqrt(tf.sum(tf.square(gradient))), 0.1);
        return [d, tf.sum(tf.mul(gradient, v)), floor].map((t) => t.dataSync()[0]!) as [number, number, number];
      });
      finiteDifference.push(fd);
      analytic.push(an);
      const error = Math.abs(fd - an) / Math.max(Math.abs(fd), Math.abs(an), scale, 1e-12);
      maxRelativeError = Math.max(maxRelativeError, Number.isNaN(error) ? Infinity : error);
    });
  } finally {
    gradient.dispose();
  }
  const finiteAtConsensus = finiteAt(term, tf.tidy(() => tf.mul(tf.onesLike(x), tf.mean(x, 0, true))) as tf.Tensor2D);
  return { maxRelativeError: finiteAtConsensus ? maxRelativeError : Infinity, finiteDifference, analytic, epsilon, finiteAtConsensus };
}

/** True when the term's energy and gradient at `psi` are finite; disposes `psi`. */
function finiteAt(term: Term, psi: tf.Tensor2D): boolean {
  try {
    const { energy, gradient } = energyAndGradient(term, psi);
    const finite = tf.tidy(() => tf.all(tf.isFinite(tf.concat([tf.reshape(energy, [1]), tf.reshape(gradient, [-1])]))).dataSync()[0] === 1);
    tf.dispose([energy, gradient]);
    return finite;
  } finally {
    psi.dispose();
  }
}
