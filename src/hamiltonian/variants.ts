/**
 * Named variants for prototyping, beside the proposal's terms.
 *
 * - {@link huberCoupling}: quadratic for small disagreements, linear for large ones, so one far-off (e.g.
 *   Byzantine) neighbour exerts a bounded pull; its minimisers are robust averages rather than means.
 * - {@link anchor}: a pinning field s Σ_{i∈A} ‖Ψ_i − v‖², the natural way to "inject" a value at some nodes and keep
 *   it there (the §3.3 code instead overwrites node 0's state).
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import { edgeDifferences, incidenceTranspose } from "../ops/incidence";
import { checkField, edgeWeights, operators } from "../ops/tensors";
import { fusedHuberEnergyAndGradient } from "../ops/huber-coupling";
import { scatterRows } from "../engine/sparse";
import { type Columns, checkColumns, embed, select } from "./columns";
import type { Term } from "./term";

export interface HuberOptions {
  /** Threshold δ between the quadratic and the linear regime. Default 1. */
  delta?: number;
  coupling?: number;
  columns?: Columns;
}

/**
 * The term Σ_⟨ij⟩ J·J_ij ρ_δ(‖Ψ_i − Ψ_j‖) with ρ_δ(r) = r² for r ≤ δ and 2δr − δ² beyond (C¹, equal to the interaction
 * near 0), over Ψ [N, C], with its gradient in closed form. Its methods return tensors the caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(huberCoupling(graph, { delta: 1 }), psi); // → 8 (1 + 1 + 1 + (2·3 − 1))
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function huberCoupling(graph: Graph, options: HuberOptions = {}): Term {
  const where = "emtd/hamiltonian/huberCoupling";
  const delta = check.positive(where, "delta", options.delta ?? 1);
  const coupling = check.finite(where, "coupling", options.coupling ?? 1);
  const columns = options.columns;
  const name = `huberCoupling(δ=${delta})`;
  // d_e = Ψ_src − Ψ_dst, r_e = ‖d_e‖ (sqrt(r² + tiny): finite at r = 0) and each edge's weight J·J_ij.
  const edges = (psi: tf.Tensor2D) => {
    checkColumns(where, psi, columns);
    const d = edgeDifferences(select(psi, columns), graph);
    const r2 = tf.sum(tf.square(d), 1, true);
    return { d, r2, r: tf.sqrt(tf.add(r2, 1e-30)), weight: tf.mul(edgeWeights(graph), coupling) };
  };
  // ρ_δ(r) = r² − relu(r − δ)²: one branch-free expression (autodiff of it, as a user's copy would take, agrees).
  const perEdge = ({ r2, r, weight }: ReturnType<typeof edges>) =>
    tf.mul(tf.sub(r2, tf.square(tf.relu(tf.sub(r, delta)))), weight) as tf.Tensor2D;
  // ∇ρ_δ(‖d‖) = 2·min(1, δ/r)·d on the edge's source, its negative on its destination: Bᵀ of the edges' forces. In
  // closed form, so a variant's sampler runs without autodiff's backward pass (p1.3-langevin under Huber ≈ half the time).
  const gradientOf = (psi: tf.Tensor2D, e: ReturnType<typeof edges>) =>
    embed(
      incidenceTranspose(tf.mul(e.d, tf.mul(tf.minimum(1, tf.div(delta, e.r)), tf.mul(e.weight, 2))) as tf.Tensor2D, graph),
      psi,
      columns,
    );
  // A small field on all its columns: the same numbers from one fused kernel (ops/huber-coupling), where the
  // composite's 25 ops cost a sampler's step on a small graph (p1.3-langevin under a Huber variant). Checked as the
  // composite checks the field; null where the composite runs.
  const fused = (psi: tf.Tensor2D) => {
    if (columns) return null;
    checkColumns(where, psi, columns);
    checkField("emtd/graph/edgeDifferences", psi, graph);
    return fusedHuberEnergyAndGradient(psi, graph, delta, coupling);
  };
  return {
    name,
    energy: (psi) => tf.tidy(() => tf.sum(perEdge(edges(psi))) as tf.Scalar),
    gradient: (psi) => {
      const both = fused(psi);
      if (both === null) return tf.tidy(() => gradientOf(psi, edges(psi)));
      both.energy.dispose();
      return both.gradient;
    },
    energyAndGradient: (psi) =>
      fused(psi) ??
      tf.tidy(() => {
        const e = edges(psi);
        return { energy: tf.sum(perEdge(e)) as tf.Scalar, gradient: gradientOf(psi, e) };
      }),
    localEnergy: (psi) =>
      tf.tidy(() => {
        const e = perEdge(edges(psi));
        const ops = operators(graph);
        return tf.reshape(tf.add(scatterRows(e, ops.src), scatterRows(e, ops.dst)), [graph.n]) as tf.Tensor1D;
      }),
    toString: () => name,
  };
}

export interface AnchorOptions {
  /** Anchored node indices. */
  nodes: readonly number[];
  /** Target value per channel (length = number of selected channels) or a scalar for all. */
  value: number | readonly number[];
  /** Strength s. Default 1. */
  strength?: number;
  columns?: Columns;
}

/**
 * The pinning term s Σ_{i∈A} ‖Ψ_i − v‖² over the anchored nodes A (v a scalar or one value per selected channel), with
 * local energies. Its methods return tensors the caller disposes.
 *
 * @example
 * ```ts
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(anchor(4, { nodes: [0, 3], value: 1, strength: 2 }), psi); // → 10 (2·(1 + 4))
 * psi.dispose();
 * ```
 */
export function anchor(nodeCount: number, options: AnchorOptions): Term {
  const where = "emtd/hamiltonian/anchor";
  const strength = check.finite(where, "strength", options.strength ?? 1);
  const mask = new Float32Array(nodeCount);
  for (const i of options.nodes) {
    check.integer(where, "nodes[]", i, 0, nodeCount - 1);
    mask[i] = 1;
  }
  const name = `anchor(${options.nodes.length} nodes, s=${strength})`;
  const local = (psi: tf.Tensor2D) =>
    tf.tidy(() => {
      checkColumns(where, psi, options.columns);
      const x = select(psi, options.columns);
      const value =
        typeof options.value === "number" ? tf.scalar(options.value) : tf.tensor2d([...options.value], [1, options.value.length]);
      if (typeof options.value !== "number" && options.value.length !== x.shape[1]) {
        throw new ArgumentError(where, "value", `a number or ${x.shape[1]} numbers (one per channel)`, options.value);
      }
      const d2 = tf.sum(tf.square(tf.sub(x, value)), 1);
      return tf.mul(tf.mul(d2, tf.tensor1d(mask)), strength) as tf.Tensor1D;
    });
  return {
    name,
    energy: (psi) => tf.tidy(() => tf.sum(local(psi)) as tf.Scalar),
    localEnergy: local,
    toString: () => name,
  };
}
