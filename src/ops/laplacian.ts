/**
 * The weighted Laplacian product L·X, L = D − A with A_ij = J_ij and D = diag(Σ_j J_ij), for a field X [N, C]:
 * Σ_⟨ij⟩ J_ij ‖X_i − X_j‖² = tr(Xᵀ L X). The front end picks the fused kernel `EmtdLaplacianProduct`
 * (engine/kernels/configs/laplacian-kernel) where it is registered, the composite reference (sparseSegmentSum) elsewhere.
 */
import * as tf from "@tensorflow/tfjs";
import { canFuseLaplacian, fusedLaplacianProduct } from "../engine/kernels/configs/laplacian-kernel";
import type { Graph } from "../graph/graph";
import { adjacencyRaw } from "./adjacency";
import { checkField, operators } from "./tensors";

/**
 * L·X = D·X − A·X, [N, C]; L is symmetric, so the gradient is L·dY. Dispatches to the fused kernel
 * `EmtdLaplacianProduct` when it is registered for the active backend and X is float32, else to
 * {@link laplacianProductReference}. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const x = tf.tensor2d([[0, 1], [1, 1], [2, 1], [3, 1]]); // [graph.n, 2]
 * const lx = laplacianProduct(x, graph);
 * await lx.array(); // → [[-4, 0], [0, 0], [0, 0], [4, 0]] (a constant channel is in L's kernel)
 * tf.dispose([x, lx]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function laplacianProduct(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/laplacianProduct", x, graph);
  if (canFuseLaplacian(x)) return fusedLaplacianProduct(x, graph);
  return laplacianProductReference(x, graph);
}

/**
 * The composite reference of L·X on sparseSegmentSum, [N, C], differentiable (gradient L·dY): what
 * {@link laplacianProduct} computes where no fused kernel is registered. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const lx = laplacianProductReference(x, graph);
 * await lx.data(); // → [-4, 0, 0, 4] (as laplacianProduct(x, graph))
 * tf.dispose([x, lx]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function laplacianProductReference(x: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  checkField("emtd/graph/laplacianProductReference", x, graph);
  const ops = operators(graph);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.tidy(() => {
      const input = args[0] as tf.Tensor2D;
      return tf.sub(tf.mul(input, ops.degree), adjacencyRaw(input, graph, ops)) as tf.Tensor2D;
    }),
    gradFunc: (dy: tf.Tensor) => laplacianProductReference(dy as tf.Tensor2D, graph),
  }));
  return f(x) as tf.Tensor2D;
}
