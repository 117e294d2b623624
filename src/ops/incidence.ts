/**
 * The signed incidence pair of a graph: edge differences B·X (Y_e = X_src − X_dst, [E, C]) and the transpose Bᵀ·Y
 * (each edge's row scattered back to both endpoints with signs, [N, C]), each the other's gradient. The front ends
 * pick the fused kernels `EmtdEdgeDifferences` / `EmtdIncidenceTranspose` (engine/kernels/configs/incidence-kernel) where they are
 * registered, the composite references (sparseSegmentSum) elsewhere.
 */
import * as tf from "@tensorflow/tfjs";
import { scatterRows, selectRows } from "../engine/sparse";
import { canFuseIncidence, fusedEdgeDifferences, fusedIncidenceTranspose } from "../engine/kernels/configs/incidence-kernel";
import { ArgumentError } from "../errors";
import type { Graph } from "../graph/graph";
import { checkField, operators } from "./tensors";

/**
 * X[src_e] − X[dst_e] for every undirected edge e, [E, C], with a linear gradient (the incidence transpose).
 * Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // edges (src, dst): (0,1), (0,3), (1,2), (2,3)
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const d = edgeDifferences(x, graph); // [graph.edgeCount, C] = [4, 1]
 * await d.data(); // → [-1, -3, -1, -1] (x_src − x_dst per edge)
 * const back = incidenceTranspose(d, graph); // Bᵀ·(B·x) = L·x
 * await back.data(); // → [-4, 0, 0, 4]
 * tf.dispose([x, d, back]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function edgeDifferences(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/edgeDifferences", x, graph);
  if (graph.edgeCount === 0) return tf.zeros([0, x.shape[1]]);
  if (canFuseIncidence(x)) return fusedEdgeDifferences(x, graph);
  return edgeDifferencesReference(x, graph);
}

/**
 * The composite reference of {@link edgeDifferences} on sparseSegmentSum: X[src_e] − X[dst_e], [E, C]. Caller
 * disposes.
 *
 * @example
 * ```ts
 * import { edgeDifferencesReference } from "emtd/ops";
 * const graph = ringGraph(4, 2); // edges (src, dst): (0,1), (0,3), (1,2), (2,3)
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const d = edgeDifferencesReference(x, graph);
 * await d.data(); // → [-1, -3, -1, -1] (as edgeDifferences(x, graph))
 * tf.dispose([x, d]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function edgeDifferencesReference(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/edgeDifferences", x, graph);
  if (graph.edgeCount === 0) return tf.zeros([0, x.shape[1]]);
  const ops = operators(graph);
  return tf.tidy(() => tf.sub(selectRows(x, ops.src), selectRows(x, ops.dst)) as tf.Tensor2D);
}

/**
 * Σ over edges e of Y[e] scattered back to both endpoints with signs (+ at src, − at dst): the incidence transpose
 * Bᵀ·Y, [N, C] from Y [E, C]. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // edges (src, dst): (0,1), (0,3), (1,2), (2,3)
 * const y = tf.tensor2d([[1], [0], [0], [0]]); // one unit on edge (0, 1)
 * const bty = incidenceTranspose(y, graph);
 * await bty.data(); // → [1, -1, 0, 0]
 * tf.dispose([y, bty]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function incidenceTranspose(y: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  if (y.rank !== 2 || y.shape[0] !== graph.edgeCount) {
    throw new ArgumentError("emtd/graph/incidenceTranspose", "y", `a 2-D tensor with ${graph.edgeCount} rows (one per edge)`, y.shape);
  }
  if (graph.edgeCount > 0 && canFuseIncidence(y)) return fusedIncidenceTranspose(y, graph);
  return incidenceTransposeReference(y, graph);
}

/**
 * The composite reference of {@link incidenceTranspose} on sparseSegmentSum: Bᵀ·Y, [N, C] from Y [E, C]. Caller
 * disposes.
 *
 * @example
 * ```ts
 * import { incidenceTransposeReference } from "emtd/ops";
 * const graph = ringGraph(4, 2);
 * const y = tf.tensor2d([[1], [0], [0], [0]]); // one unit on edge (0, 1)
 * const bty = incidenceTransposeReference(y, graph);
 * await bty.data(); // → [1, -1, 0, 0] (as incidenceTranspose(y, graph))
 * tf.dispose([y, bty]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function incidenceTransposeReference(y: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  if (graph.edgeCount === 0) return tf.zeros([graph.n, y.shape[1]]);
  const ops = operators(graph);
  return tf.tidy(() => tf.sub(scatterRows(y, ops.src), scatterRows(y, ops.dst)) as tf.Tensor2D);
}
