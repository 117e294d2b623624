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
import { edgeDifferences } from "../ops/incidence";
import { edgeWeights, operators } from "../ops/tensors";
import { scatterRows } from "../engine/sparse";
import { type Columns, checkColumns, select } from "./columns";
import type { Term } from "./term";

export interface HuberOptions {
  /** Threshold δ between the quadratic and the linear regime. Default 1. */
  delta?: number;
  coupling?: number;
  columns?: Columns;
}

/**
 * The term Σ_⟨ij⟩ J·J_ij ρ_δ(‖Ψ_i − Ψ_j‖) with ρ_δ(r) = r² for r ≤ δ and 2δr − δ² beyond (C¹, equal to the interaction
 * near 0), over Ψ [N, C]; autodiff gradient. Its methods return tensors the caller disposes.
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
  const name = `huberCoupling(δ=${delta})`;
  const perEdge = (psi: tf.Tensor2D) =>
    tf.tidy(() => {
      checkColumns(where, psi, options.columns);
      const r2 = tf.sum(tf.square(edgeDifferences(select(psi, options.columns), graph)), 1, true);
      // ρ_δ(r) = r² − relu(r − δ)²: one branch-free expression, so autodiff needs no gradient through a
      // comparison; sqrt(r² + tiny) keeps d r/d r² finite at r = 0 (where relu' = 0 anyway).
      const r = tf.sqrt(tf.add(r2, 1e-30));
      const rho = tf.sub(r2, tf.square(tf.relu(tf.sub(r, delta))));
      return tf.mul(tf.mul(rho, edgeWeights(graph)), coupling) as tf.Tensor2D;
    });
  return {
    name,
    energy: (psi) => tf.tidy(() => tf.sum(perEdge(psi)) as tf.Scalar),
    localEnergy: (psi) =>
      tf.tidy(() => {
        const e = perEdge(psi);
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
