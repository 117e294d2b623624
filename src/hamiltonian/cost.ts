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

export const constantDensity: Density = (psi) => tf.ones([psi.shape[0]]);
export const massDensity: Density = (psi) => tf.sum(tf.square(psi), 1) as tf.Tensor1D;

export interface CostOptions {
  /** Multiplier μ. Default 1. */
  mu?: number;
  /** ρ_i(Ψ). Default {@link constantDensity}. */
  density?: Density;
  /** Channels the density sees. Default: all. */
  columns?: Columns;
}

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
