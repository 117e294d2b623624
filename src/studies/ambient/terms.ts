/**
 * The essay's mechanism as Hamiltonian terms on a field Ψ [N, R]. Every term is separable over channels, so the R
 * channels are R independent runs of the same network (a batch), each a scalar value per node:
 * +1 = the injected value A, −1 = a competing value B, 0 = the neutral state (nothing held).
 *
 * - {@link decay}: γ/2 Σ_i ‖ψ_i − ψ₀‖², pulls every held value toward the neutral state at rate γ (the "air").
 *   Gradient γ(ψ − ψ₀): without anything else a held value decays as e^{−γt}.
 * - {@link participationCoupling}: κ Σ_⟨ij⟩ w_i w_j ‖ψ_i − ψ_j‖², interaction between participants only: a node is
 *   pulled toward its participating neighbours' values (decay toward the ambient field), weighted by presence.
 * - {@link holding}: Σ_i w_i (b/4) Σ_c (ψ_ic² − 1)², the ability to hold a value (two wells at ±1), proportional to
 *   participation. With decay, a uniform held value exists iff w·b > γ, at ψ*² = 1 − γ/(w b): the value persists
 *   only while participation sustains it (our modelling choice; the essay gives no mechanism).
 * - {@link pull}: Σ_i s_i ‖ψ_i − v‖², an external source of strength s_i at node i holding v: the coupling to an
 *   adversary's identities (which never update) attached to node i.
 *
 * Weights w are per node, in [0, 1] (participation); each factory takes them as a Float32Array it copies.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../../errors";
import type { Graph } from "../../graph/graph";
import { adjacencyProduct } from "../../ops/adjacency";
import type { Term } from "../../hamiltonian/term";

const WHERE = "emtd/ambient";

/** A validated copy of per-node weights; terms make their [N, 1] tensor per call inside tidy, so none outlives it. */
function checkWeights(where: string, argument: string, weights: ArrayLike<number>, n: number): Float32Array {
  if (weights.length !== n) throw new ArgumentError(where, argument, `${n} numbers (one per node)`, weights.length);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(Number.isFinite(w) && w >= 0)) throw new ArgumentError(where, `${argument}[${i}]`, "a finite number ≥ 0", w);
  }
  return Float32Array.from(weights);
}

const column = (values: Float32Array): tf.Tensor2D => tf.tensor2d(values, [values.length, 1]);

function checkRows(where: string, psi: tf.Tensor2D, n: number): void {
  if (psi.rank !== 2 || psi.shape[0] !== n)
    throw new ArgumentError(where, "field", `a 2-D tensor with ${n} rows (one per node)`, psi.shape);
}

/**
 * A term that is the sum of its local energies, H = Σ_i e_i (decay, holding, pull), with its analytic gradient; each
 * of energy and gradient runs inside tidy.
 */
function separable(name: string, local: (psi: tf.Tensor2D) => tf.Tensor1D, gradient: (psi: tf.Tensor2D) => tf.Tensor2D): Term {
  return {
    name,
    energy: (psi) => tf.tidy(() => tf.sum(local(psi)) as tf.Scalar),
    gradient: (psi) => tf.tidy(() => gradient(psi)),
    localEnergy: local,
    toString: () => name,
  };
}

/**
 * Decay toward the neutral state: γ/2 Σ_i ‖ψ_i − ψ₀‖²; ∇ = γ(ψ − ψ₀); e_i = γ/2 ‖ψ_i − ψ₀‖².
 *
 * @example
 * ```ts
 * const air = decay(0.1);                   // every held value relaxes to 0 at rate 0.1 per unit time
 * ```
 */
export function decay(rate: number, options: { neutral?: number } = {}): Term {
  const where = `${WHERE}/decay`;
  const gamma = check.nonNegative(where, "rate", rate);
  const neutral = check.finite(where, "neutral", options.neutral ?? 0);
  const name = `decay(γ=${gamma})`;
  const local = (psi: tf.Tensor2D) => tf.tidy(() => tf.mul(tf.sum(tf.square(tf.sub(psi, neutral)), 1), gamma / 2) as tf.Tensor1D);
  return separable(name, local, (psi) => tf.mul(tf.sub(psi, neutral), gamma) as tf.Tensor2D);
}

/**
 * κ Σ_⟨ij⟩ w_i w_j ‖ψ_i − ψ_j‖² (each undirected edge once). With u = w∘ψ and d^w = A·w:
 * H = κ Σ_i (w_i d^w_i ‖ψ_i‖² − u_i·(A u)_i),  ∇H = 2κ w∘(d^w∘ψ − A u). Weights [N]; field [N, R].
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const term = participationCoupling(graph, [1, 1, 0.5, 0]); // node 3 does not participate
 * const psi = tf.tensor2d([[1], [0], [0], [1]]);
 * const e = term.energy(psi);
 * e.dataSync()[0]; // → 1 (only edge 0–1 counts: w₀w₁‖ψ₀ − ψ₁‖²; edges to node 3 have weight 0)
 * tf.dispose([psi, e]);
 * releaseGraph(graph);
 * ```
 */
export function participationCoupling(graph: Graph, weights: ArrayLike<number>, coupling = 1): Term {
  const where = `${WHERE}/participationCoupling`;
  const kappa = check.nonNegative(where, "coupling", coupling);
  const weightValues = checkWeights(where, "weights", weights, graph.n);
  const dwValues = new Float32Array(graph.n); // d^w = A·w, once, in float64 over the edge list
  for (let e = 0; e < graph.edgeCount; e++) {
    const i = graph.src[e]!;
    const j = graph.dst[e]!;
    dwValues[i]! += graph.weight[e]! * weightValues[j]!;
    dwValues[j]! += graph.weight[e]! * weightValues[i]!;
  }
  const name = `participationCoupling(${graph.label}, κ=${kappa})`;
  const local = (psi: tf.Tensor2D) =>
    tf.tidy(() => {
      checkRows(where, psi, graph.n);
      const w = column(weightValues);
      const dw = column(dwValues);
      // e_i = Σ_j A_ij w_i w_j ‖ψ_i − ψ_j‖² = w_i (d^w_i ‖ψ_i‖² − 2 ψ_i·(A u)_i + (A (w‖ψ‖²))_i)
      const sq = tf.sum(tf.square(psi), 1, true) as tf.Tensor2D;
      const au = adjacencyProduct(tf.mul(w, psi) as tf.Tensor2D, graph);
      const e = tf.add(
        tf.sub(tf.mul(dw, sq), tf.mul(2, tf.sum(tf.mul(psi, au), 1, true))),
        adjacencyProduct(tf.mul(w, sq) as tf.Tensor2D, graph),
      );
      return tf.reshape(tf.mul(tf.mul(w, e), kappa), [graph.n]) as tf.Tensor1D;
    });
  return {
    name,
    energy: (psi) =>
      tf.tidy(() => {
        checkRows(where, psi, graph.n);
        const w = column(weightValues);
        const wdw = tf.mul(w, column(dwValues));
        const u = tf.mul(w, psi) as tf.Tensor2D;
        const h = tf.sub(tf.sum(tf.mul(wdw, tf.square(psi))), tf.sum(tf.mul(u, adjacencyProduct(u, graph))));
        return tf.mul(h, kappa) as tf.Scalar;
      }),
    gradient: (psi) =>
      tf.tidy(() => {
        checkRows(where, psi, graph.n);
        const w = column(weightValues);
        const dw = column(dwValues);
        const u = tf.mul(w, psi) as tf.Tensor2D;
        return tf.mul(tf.mul(w, tf.sub(tf.mul(dw, psi), adjacencyProduct(u, graph))), 2 * kappa) as tf.Tensor2D;
      }),
    localEnergy: local,
    toString: () => name,
  };
}

/**
 * Σ_i w_i (b/4) Σ_c (ψ_ic² − 1)²; ∇ = w b ψ(ψ² − 1). Weights [N]; field [N, R].
 *
 * @example
 * ```ts
 * const term = holding([1, 1, 0.5]);
 * const psi = tf.tensor2d([[1], [0], [0]]);
 * const e = term.energy(psi);
 * e.dataSync()[0]; // → 0.375 (= (1 + 0.5)/4: the nodes at 0 sit on the barrier, node 0 in its well)
 * tf.dispose([psi, e]);
 * ```
 */
export function holding(weights: ArrayLike<number>, depth = 1): Term {
  const where = `${WHERE}/holding`;
  const b = check.nonNegative(where, "depth", depth);
  const weightValues = checkWeights(where, "weights", weights, weights.length);
  const n = weights.length;
  const column_ = () => column(weightValues);
  const name = `holding(b=${b})`;
  const local = (psi: tf.Tensor2D) =>
    tf.tidy(() => {
      checkRows(where, psi, n);
      const well = tf.sum(tf.square(tf.sub(tf.square(psi), 1)), 1, true);
      return tf.reshape(tf.mul(tf.mul(column_(), well), b / 4), [n]) as tf.Tensor1D;
    });
  return separable(name, local, (psi) => {
    checkRows(where, psi, n);
    return tf.mul(tf.mul(column_(), tf.mul(psi, tf.sub(tf.square(psi), 1))), b) as tf.Tensor2D;
  });
}

/**
 * Σ_i s_i ‖ψ_i − v‖²; ∇ = 2 s (ψ − v). Strengths [N] (zero where nothing pulls).
 *
 * @example
 * ```ts
 * const term = pull([0, 2, 0], -1); // node 1 pulled toward B = −1 with strength 2
 * const psi = tf.tensor2d([[1], [1], [1]]);
 * const [e, g] = [term.energy(psi), term.gradient(psi)];
 * [e.dataSync()[0], Array.from(g.dataSync())]; // → [8, [0, 8, 0]]
 * tf.dispose([psi, e, g]);
 * ```
 */
export function pull(strengths: ArrayLike<number>, value: number): Term {
  const where = `${WHERE}/pull`;
  check.finite(where, "value", value);
  const strengthValues = checkWeights(where, "strengths", strengths, strengths.length);
  const n = strengths.length;
  const name = `pull(v=${value})`;
  const local = (psi: tf.Tensor2D) =>
    tf.tidy(() => {
      checkRows(where, psi, n);
      return tf.reshape(tf.mul(column(strengthValues), tf.sum(tf.square(tf.sub(psi, value)), 1, true)), [n]) as tf.Tensor1D;
    });
  return separable(name, local, (psi) => {
    checkRows(where, psi, n);
    return tf.mul(tf.mul(column(strengthValues), tf.sub(psi, value)), 2) as tf.Tensor2D;
  });
}
