/**
 * The interaction energy of Definition 1.2:
 *
 *   H_int(Ψ) = J Σ_⟨ij⟩ J_ij ‖Ψ_i − Ψ_j‖²  (each undirected edge once)  = J tr(Ψᵀ L Ψ),   ∇H_int = 2 J L Ψ
 *
 * with L the weighted graph Laplacian. Its Hessian is 2J L, so the Boltzmann law at temperature T is a Gaussian
 * on the complement of the consensus direction, and ⟨H_int⟩ = (N − 1)·C·T/2 on a connected graph (equipartition).
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import { adjacencyProduct } from "../ops/adjacency";
import { edgeDifferences } from "../ops/incidence";
import { edgeWeights, operators } from "../ops/tensors";
import { interactionEnergy, interactionEnergyAndGradient } from "../ops/interaction";
import { type Columns, checkColumns, embed, select } from "./columns";
import type { Term } from "./term";
import { recogniseInteraction } from "../ops/term-steps";

export interface InteractionOptions {
  /** Global coupling J multiplying every edge weight J_ij (the graph's `weight` attribute). Default 1. */
  coupling?: number;
  /** Channels the term acts on, [start, end). Default: all. */
  columns?: Columns;
}

const WHERE = "emtd/hamiltonian/interaction";

/** Plain JavaScript can pass a spec string or anything else: name what was expected rather than fail on a field. */
function checkGraph(graph: unknown): void {
  const g = graph as Partial<Graph> | null;
  if (typeof graph !== "object" || g === null || typeof g.n !== "number" || !("src" in g)) {
    const hint = typeof graph === "string" ? `; for a spec string use graphFromSpec(${JSON.stringify(graph)}, key)` : "";
    throw new ArgumentError(
      WHERE,
      "graph",
      `a Graph (graphs.*, graphFromSpec(spec, key))${hint}`,
      typeof graph === "string" ? graph : typeof graph,
    );
  }
}

/**
 * H_int(Ψ) = Σ_⟨ij⟩ J·J_ij ‖Ψ_i − Ψ_j‖² over Ψ [N, C] (Definition 1.2's coupling term, energies in units of J), with the
 * analytic gradient 2J(LΨ) and local energies e_i = Σ_j J·J_ij ‖Ψ_i − Ψ_j‖². Its methods return tensors the caller
 * disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const H = interaction(graph); // J = 1 on every edge
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(H, psi); // → 12 (1 + 1 + 1 + 3²)
 * const e = H.localEnergy!(psi);
 * await e.data(); // → [10, 2, 2, 10]
 * tf.dispose([psi, e]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function interaction(graph: Graph, options: InteractionOptions = {}): Term {
  checkGraph(graph);
  const coupling = check.finite(WHERE, "coupling", options.coupling ?? 1);
  const columns = options.columns;
  const name = `interaction(${graph.label}${coupling === 1 ? "" : `, J=${coupling}`})`;
  const energyAndGradient = (psi: tf.Tensor2D) =>
    tf.tidy(() => {
      checkColumns(WHERE, psi, columns);
      checkRows(psi, graph);
      // One fused pass over the graph for both (engine/kernels/configs/interaction-kernel), the composite where unregistered.
      const { energy, gradient } = interactionEnergyAndGradient(select(psi, columns), graph, coupling);
      return { energy, gradient: embed(gradient, psi, columns) };
    });
  const term: Term = {
    name,
    energy: (psi) =>
      tf.tidy(() => {
        checkColumns(WHERE, psi, columns);
        checkRows(psi, graph);
        return interactionEnergy(select(psi, columns), graph, coupling);
      }),
    energyAndGradient,
    localEnergy: (psi) =>
      tf.tidy(() => {
        checkColumns(WHERE, psi, columns);
        const x = select(psi, columns);
        // e_i = deg_i ‖x_i‖² − 2 x_i·(A x)_i + (A ‖x‖²)_i
        const sq = tf.sum(tf.square(x), 1, true) as tf.Tensor2D;
        const deg = operators(graph).degree;
        const e = tf.add(
          tf.sub(tf.mul(deg, sq), tf.mul(2, tf.sum(tf.mul(x, adjacencyProduct(x, graph)), 1, true))),
          adjacencyProduct(sq, graph),
        );
        return tf.mul(tf.reshape(e, [graph.n]), coupling) as tf.Tensor1D;
      }),
    toString: () => name,
  };
  // On all its columns, the samplers' steps of this energy take ops/' fused kernels (ops/term-steps: the drift 2hJ·LΨ
  // inside the Langevin step on large fields, the multi-step and MALA kernels on webgpu); on a subset, their own.
  if (columns !== undefined) return term;
  return recogniseInteraction(term, { graph, coupling, chains: 1, checkField: (psi) => checkRows(psi, graph) });
}

/** The fused kernel reads rows by graph index: a field with another row count must not reach it. */
function checkRows(psi: tf.Tensor2D, graph: Graph): void {
  if (psi.shape[0] !== graph.n) {
    throw new ArgumentError(WHERE, "field", `a tensor with ${graph.n} rows, one per node of ${graph.label}`, psi.shape);
  }
}

/**
 * The same energy written as a plain sum over edge differences, differentiated by autodiff: the reference the
 * analytic form is tested against, and a template for user-written pair terms.
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(interactionReference(graph), psi); // → 12
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function interactionReference(graph: Graph, options: InteractionOptions = {}): Term {
  const coupling = options.coupling ?? 1;
  const columns = options.columns;
  const name = `interactionReference(${graph.label})`;
  return {
    name,
    energy: (psi) =>
      tf.tidy(() => {
        const diff = edgeDifferences(select(psi, columns), graph);
        return tf.mul(tf.sum(tf.mul(edgeWeights(graph), tf.sum(tf.square(diff), 1, true))), coupling) as tf.Scalar;
      }),
    toString: () => name,
  };
}
