/**
 * The computational-cost term μ ∫ρ(x) dx of Definition 1.2. On a graph the integral is a sum over nodes,
 * μ Σ_i ρ_i(Ψ). The proposal does not say how ρ depends on Ψ, so the density is a parameter:
 *
 * - `constantDensity` (default): ρ_i = 1, the literal reading of "a density of computation per node". The term is
 *   then μN, a constant: it shifts H and cannot change any dynamics (its gradient is zero).
 * - `massDensity`: ρ_i = ‖Ψ_i‖², "data as mass" (§2.1). This confines the field around 0 and so competes with
 *   consensus on any value other than 0.
 * - any function (psi) → [N] written in tfjs ops (differentiated by autodiff).
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { type Columns, checkColumns, select } from "./columns";
import type { Term } from "./term";

export type Density = (psi: tf.Tensor2D) => tf.Tensor1D;

/**
 * ρ_i = 1 for every node, [N] float32 (the default density: the cost term is then the constant μN). Caller disposes.
 *
 * @example
 * ```ts
 * const psi = tf.zeros([3, 2]) as tf.Tensor2D;
 * const rho = constantDensity(psi);
 * await rho.data(); // → [1, 1, 1]
 * tf.dispose([psi, rho]);
 * ```
 */
export const constantDensity: Density = (psi) => tf.ones([psi.shape[0]]);
/**
 * ρ_i = ‖Ψ_i‖², [N] float32 ("data as mass", §2.1). Caller disposes.
 *
 * @example
 * ```ts
 * const psi = tf.tensor2d([[1, 2], [0, 3]]);
 * const rho = massDensity(psi);
 * await rho.data(); // → [5, 9]
 * tf.dispose([psi, rho]);
 * ```
 */
export const massDensity: Density = (psi) => tf.tidy(() => tf.sum(tf.square(psi), 1) as tf.Tensor1D);

export interface CostOptions {
  /** Multiplier μ. Default 1. */
  mu?: number;
  /** ρ_i(Ψ). Default {@link constantDensity}. */
  density?: Density;
  /** Channels the density sees. Default: all. */
  columns?: Columns;
}

/**
 * The term μ Σ_i ρ_i(Ψ) (Definition 1.2's μ∫ρ(x)dx on a graph), with local energies μρ_i; ρ defaults to
 * {@link constantDensity}. Its methods return tensors the caller disposes.
 *
 * @example
 * ```ts
 * const psi = tf.tensor2d([[1, 2], [0, 3]]);
 * energyValue(computationalCost({ mu: 2 }), psi); // → 4 (μN: a constant)
 * energyValue(computationalCost({ mu: 2, density: massDensity }), psi); // → 28
 * psi.dispose();
 * ```
 */
export function computationalCost(options: CostOptions = {}): Term {
  const mu = check.finite("emtd/hamiltonian/computationalCost", "mu", options.mu ?? 1);
  const density = options.density ?? constantDensity;
  const label = density === constantDensity ? "ρ=1" : density === massDensity ? "ρ=‖ψ‖²" : "ρ=custom";
  const name = `computationalCost(μ=${mu}, ${label})`;
  const local = (psi: tf.Tensor2D) =>
    tf.tidy(() => {
      checkColumns("emtd/hamiltonian/computationalCost", psi, options.columns);
      return tf.mul(density(select(psi, options.columns)), mu) as tf.Tensor1D;
    });
  return {
    name,
    energy: (psi) => tf.tidy(() => tf.sum(local(psi)) as tf.Scalar),
    localEnergy: local,
    toString: () => name,
  };
}
