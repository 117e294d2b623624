/**
 * The energy of R independent chains in one tensor (an energy, so it lives beside the terms; the samplers of
 * dynamics/ step it). The field of chain r is the column block r of X [N, R·d] (columns
 * r·d … r·d + d − 1), so the fused kernels (the interaction's L·X and the noisy-descent proposal) advance every
 * chain in one call: the cost of a step is a fixed number of tensor ops whatever R is, which is what makes many
 * small chains cheap (per-op overhead dominates small problems).
 *
 * The energy must be a sum over chains, H(X) = Σ_r H(X_r), with the per-chain values available
 * ({@link ChainEnergy}); {@link interactionChains} gives it for the interaction term, where
 * H_r = J Σ_i x_{r,i}·(L x_r)_i = ½ Σ over block r of X ⊙ ∇H. A one-field term is the energy of R = 1 chain
 * ({@link chainsOf}): the samplers (dynamics/langevin) have one step for both.
 */
import * as tf from "@tensorflow/tfjs";
import { adjacencyProduct } from "../ops/adjacency";
import { interactionEnergyAndGradient } from "../ops/interaction";
import { chainSums, operators } from "../ops/tensors";
import { recogniseAs, recogniseInteraction } from "../ops/term-steps";
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import { checkScalarEnergy, energyAndGradient, gradient, type Term } from "./term";

const WHERE = "emtd/hamiltonian/chains";

/** A sum of R per-chain energies over X [N, R·d]. */
export interface ChainEnergy {
  readonly chains: number;
  readonly name: string;
  /** Per-chain energies [R] and ∇ Σ_r H(X_r) [N, R·d]. Caller disposes both. */
  evaluate(x: tf.Tensor2D): { energies: tf.Tensor1D; gradient: tf.Tensor2D };
  /** Per-chain energies [R] alone (after a fused step, whose next step needs no gradient). Default: `evaluate`'s. */
  energies?(x: tf.Tensor2D): tf.Tensor1D;
  /** ∇ Σ_r H(X_r) alone. Default: `evaluate`'s. */
  gradient?(x: tf.Tensor2D): tf.Tensor2D;
  /**
   * Per node and chain, the local energy e_{i,r} [N, R] whose change is ΔH_r when only node i of chain r moves (a
   * term's `localEnergy` per chain): what Metropolis' colour order needs.
   */
  localEnergies?(x: tf.Tensor2D): tf.Tensor2D;
}

/**
 * `energy` as the energy of chains: a {@link ChainEnergy} as it is, a one-field term as R = 1 chain (its H a [1]
 * tensor sharing the scalar's data, so that ops/ still finds the kernel's float64 value of it).
 */
export function chainsOf(energy: Term | ChainEnergy): ChainEnergy {
  if (isChainEnergy(energy)) return energy;
  const one = (e: tf.Scalar): tf.Tensor1D => {
    const v = tf.reshape(e, [1]) as tf.Tensor1D;
    e.dispose();
    return v;
  };
  const view: ChainEnergy = {
    chains: 1,
    name: energy.name,
    evaluate(x) {
      const { energy: e, gradient: g } = energyAndGradient(energy, x);
      return { energies: one(e), gradient: g };
    },
    energies: (x) => one(checkScalarEnergy(energy.name, energy.energy(x))),
    gradient: (x) => gradient(energy, x),
    ...(energy.localEnergy
      ? { localEnergies: (x: tf.Tensor2D) => tf.tidy(() => tf.reshape(energy.localEnergy!(x), [x.shape[0], 1]) as tf.Tensor2D) }
      : {}),
  };
  // ops/ steps the view with the kernels it has for the term.
  return recogniseAs(view, energy);
}

/** ∇ Σ_r H(X_r) at `x` alone: the energy's own where it has one, else `evaluate`'s. Caller disposes. */
export function gradientAt(energy: ChainEnergy, x: tf.Tensor2D): tf.Tensor2D {
  if (energy.gradient) return energy.gradient(x);
  const { energies, gradient } = energy.evaluate(x);
  energies.dispose();
  return gradient;
}

/** H per chain at `x` alone, [R]: the energy's own where it has one, else `evaluate`'s. Caller disposes. */
export function energiesAt(energy: ChainEnergy, x: tf.Tensor2D): tf.Tensor1D {
  if (energy.energies) return energy.energies(x);
  const { energies, gradient } = energy.evaluate(x);
  gradient.dispose();
  return energies;
}

/**
 * Whether `energy` is a {@link ChainEnergy} (per-chain energies of R chains side by side) rather than a one-field
 * term: how `ula` and `mala` choose their state.
 */
export function isChainEnergy(energy: object): energy is ChainEnergy {
  const e = energy as Partial<ChainEnergy>;
  return typeof e.evaluate === "function" && typeof e.chains === "number";
}

/**
 * The interaction H = J Σ_⟨ij⟩ ‖x_i − x_j‖² of R chains on `graph`: one fused L·X pass for all of them.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const energy = interactionChains(graph, 4); // 4 chains of d = 2 channels: X is [10, 4 · 2]
 * const x = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i, 0, 0, 0, 1, 1, 0, i])); // chain r in columns 2r, 2r + 1
 * const { energies, gradient } = energy.evaluate(x); // energies [R], gradient [N, R·d]; caller disposes both
 * await energies.data(); // → [90, 0, 0, 90] (nine steps of 1 and the wrap-around 9²; constant chains cost 0)
 * tf.dispose([x, energies, gradient]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function interactionChains(graph: Graph, chains: number, options: { coupling?: number } = {}): ChainEnergy {
  const R = check.integer(WHERE, "chains", chains, 1, 1 << 16);
  const coupling = check.finite(WHERE, "coupling", options.coupling ?? 1);
  const checkField = (x: tf.Tensor2D) => {
    if (x.rank !== 2 || x.shape[0] !== graph.n || x.shape[1] % R !== 0) {
      throw new ArgumentError(WHERE, "x", `a tensor of shape [${graph.n}, ${R}·d]`, x.shape);
    }
  };
  const energy: ChainEnergy = {
    chains: R,
    name: `interaction(${graph.label}) × ${R} chains`,
    evaluate(x) {
      checkField(x);
      return tf.tidy(() => {
        const { energy, gradient } = interactionEnergyAndGradient(x, graph, coupling);
        energy.dispose();
        // H_r = ½ Σ_block x ⊙ ∇H (H is quadratic: x·∇H = 2H), as the kernel computes the total.
        return { energies: tf.mul(chainSums(tf.mul(x, gradient) as tf.Tensor2D, R), 0.5) as tf.Tensor1D, gradient };
      });
    },
    // e_{i,r} = J (deg_i ‖x_{i,r}‖² − 2 x_{i,r}·(A x)_{i,r} + (A ‖x_r‖²)_i), the one-field term's local energy per chain.
    localEnergies(x) {
      checkField(x);
      return tf.tidy(() => {
        const [n, width] = x.shape;
        const blocks = (t: tf.Tensor) => tf.reshape(t, [n, R, width / R]);
        const sq = tf.sum(tf.square(blocks(x)), 2) as tf.Tensor2D;
        const cross = tf.sum(tf.mul(blocks(x), blocks(adjacencyProduct(x, graph))), 2);
        const e = tf.add(tf.sub(tf.mul(operators(graph).degree, sq), tf.mul(2, cross)), adjacencyProduct(sq, graph));
        return tf.mul(e, coupling) as tf.Tensor2D;
      });
    },
  };
  // The samplers' steps of it take ops/' fused kernels (ops/term-steps: the multi-step ULA and MALA on webgpu, and
  // its per-chain energies in float64 on large fields).
  return recogniseInteraction(energy, { graph, coupling, chains: R, checkField });
}
