/**
 * The entropic penalty of Definition 1.2, λ Σ_i ∇²S_i, and a variant that does not vanish.
 *
 * Estimator of the local Shannon entropy S_i (the proposal does not define one). The state a node sees is the
 * empirical distribution over its closed neighbourhood N̄(i) = {i} ∪ N(i), weighted by J_ij (weight 1 for i).
 * Its maximum-entropy (Gaussian) estimate, channel by channel, is
 *
 *   S_i = Σ_c ½ ln(2πe (v_ic + ε)),   v_ic = Σ_{j∈N̄(i)} w_ij (Ψ_jc − m_ic)² / Σ_j w_ij,  m_ic the weighted mean,
 *
 * an upper bound on the differential entropy of any distribution with that variance: high where neighbours
 * disagree, → ½ ln(2πe ε) at local consensus. ε (default 1e-6) keeps it finite.
 *
 * On a graph the Laplace operator is ∇²f_i = Σ_j J_ij (f_j − f_i) = −(L f)_i, and 1ᵀL = 0, so
 * Σ_i ∇²S_i = −1ᵀ L S = 0 for every S: the penalty as written is identically zero (a discrete divergence theorem),
 * whatever estimator is chosen. It is implemented literally so that this can be measured.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import type { Graph } from "../graph/graph";
import { adjacencyProduct } from "../ops/adjacency";
import { edgeWeights, operators } from "../ops/tensors";
import { laplacianProduct } from "../ops/laplacian";
import { scatterRows, selectRows } from "../engine/sparse";
import { type Columns, checkColumns, select } from "./columns";
import type { Term } from "./term";

export interface EntropyOptions {
  /** Multiplier λ. Default 1. */
  lambda?: number;
  /** Variance floor ε of the estimator. Default 1e-6. */
  epsilon?: number;
  /** Channels the entropy is estimated from. Default: all. */
  columns?: Columns;
}

/**
 * S_i = Σ_c ½ ln(2πe(v_ic + ε)) for every node (module comment), in nats: [N] float32 from Ψ [N, C]. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [0], [0], [3]]);
 * const s = localShannonEntropy(psi, graph);
 * await s.data(); // → [1.766, −5.489, 1.766, 1.766]: node 1 sees only zeros, ½ ln(2πe·10⁻⁶)
 * tf.dispose([psi, s]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function localShannonEntropy(psi: tf.Tensor2D, graph: Graph, options: EntropyOptions = {}): tf.Tensor1D {
  const epsilon = check.positive("emtd/hamiltonian/entropy", "epsilon", options.epsilon ?? 1e-6);
  checkColumns("emtd/hamiltonian/entropy", psi, options.columns);
  return tf.tidy(() => {
    const x = select(psi, options.columns);
    const ops = operators(graph);
    const total = tf.add(ops.degree, 1); // Σ_j w_ij with w_ii = 1
    const mean = tf.div(tf.add(x, adjacencyProduct(x, graph)), total) as tf.Tensor2D;
    // Squared deviations summed edge by edge in both directions: stable where values are large and close.
    const j = edgeWeights(graph);
    const xs = selectRows(x, ops.src);
    const xd = selectRows(x, ops.dst);
    const toSrc = tf.mul(j, tf.square(tf.sub(xd, selectRows(mean, ops.src)))) as tf.Tensor2D;
    const toDst = tf.mul(j, tf.square(tf.sub(xs, selectRows(mean, ops.dst)))) as tf.Tensor2D;
    const spread = tf.addN([tf.square(tf.sub(x, mean)), scatterRows(toSrc, ops.src), scatterRows(toDst, ops.dst)]);
    const variance = tf.add(tf.div(spread, total), epsilon);
    const perChannel = tf.mul(0.5, tf.log(tf.mul(variance, 2 * Math.PI * Math.E)));
    return tf.sum(perChannel, 1) as tf.Tensor1D;
  });
}

/**
 * The term λ Σ_i ∇²S_i with ∇² = −L: the proposal's penalty exactly as written, identically zero up to rounding (module
 * comment). Its methods return tensors the caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [0], [0], [3]]);
 * energyValue(entropicPenalty(graph), psi); // → 0 (up to float32 rounding)
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function entropicPenalty(graph: Graph, options: EntropyOptions = {}): Term {
  const lambda = check.finite("emtd/hamiltonian/entropicPenalty", "lambda", options.lambda ?? 1);
  const name = `entropicPenalty(λ=${lambda})`;
  return {
    name,
    energy: (psi) =>
      tf.tidy(() => {
        const s = tf.reshape(localShannonEntropy(psi, graph, options), [graph.n, 1]) as tf.Tensor2D;
        const laplace = tf.neg(laplacianProduct(s, graph));
        return tf.mul(tf.sum(laplace), lambda) as tf.Scalar;
      }),
    toString: () => name,
  };
}

/**
 * The term λ Σ_i S_i, the variant that does not vanish: each node pays for the log-variance of its neighbourhood, so
 * unlike the quadratic coupling it is scale-free and saturates for outliers. Autodiff gradient; its methods return
 * tensors the caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [0], [0], [3]]);
 * energyValue(localEntropy(graph), psi); // → −0.192
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function localEntropy(graph: Graph, options: EntropyOptions = {}): Term {
  const lambda = check.finite("emtd/hamiltonian/localEntropy", "lambda", options.lambda ?? 1);
  const name = `localEntropy(λ=${lambda})`;
  return {
    name,
    energy: (psi) => tf.tidy(() => tf.mul(tf.sum(localShannonEntropy(psi, graph, options)), lambda) as tf.Scalar),
    toString: () => name,
  };
}
