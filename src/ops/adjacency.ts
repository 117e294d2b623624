/**
 * The adjacency product A·X, A_ij = J_ij, for a field X [N, C]: linear in the graph size, with the linear gradient
 * A·dY (A is symmetric). Composite only (sparseSegmentSum): no fused kernel is needed where it is used.
 */
import * as tf from "@tensorflow/tfjs";
import { segmentSum } from "../engine/sparse";
import type { Graph } from "../graph/graph";
import { checkField, type GraphOperators, operators } from "./tensors";

/** A·X without the custom gradient, on the graph's cached tensors (for the composites of ops/). Caller disposes. */
export function adjacencyRaw(x: tf.Tensor2D, graph: Graph, ops: GraphOperators): tf.Tensor2D {
  if (graph.edgeCount === 0) return tf.zerosLike(x);
  if (!ops.adjacencyWeight) return segmentSum(x, ops.adjacencyCol, ops.adjacencyRow, ops.adjacencyTail);
  return tf.tidy(() => {
    const weighted = tf.mul(tf.sparse.sparseSegmentSum(x, ops.adjacencyCol, ops.adjacencyIds!), ops.adjacencyWeight!);
    return segmentSum(weighted as tf.Tensor2D, ops.adjacencyIds!, ops.adjacencyRow, ops.adjacencyTail);
  });
}

/**
 * A·X, [N, C]; A is symmetric, so the gradient is A·dY. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const ones = tf.ones([graph.n, 1]) as tf.Tensor2D;
 * const ax = adjacencyProduct(ones, graph); // A·1: the weighted degrees
 * await ax.data(); // → [2, 2, 2, 2]
 * tf.dispose([ones, ax]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function adjacencyProduct(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/adjacencyProduct", x, graph);
  const ops = operators(graph);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: adjacencyRaw(args[0] as tf.Tensor2D, graph, ops),
    gradFunc: (dy: tf.Tensor) => adjacencyProduct(dy as tf.Tensor2D, graph),
  }));
  return f(x) as tf.Tensor2D;
}
