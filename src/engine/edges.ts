/**
 * The packed edge list that the engine's kernels read: the only thing the engine knows about a graph. Declared
 * here, below `graph/`, so the kernels never import the graph layer; `Graph` (graph/graph) satisfies it as is.
 */

/**
 * An undirected graph on nodes 0..n-1 as parallel edge arrays, each edge once with `src[e] < dst[e]`, sorted by
 * (src, dst), its coupling J_e in `weight`, and the weighted degree Σ_j J_ij per node.
 */
export interface PackedEdges {
  /** Number of nodes. */
  readonly n: number;
  /** Number of undirected edges, each counted once. */
  readonly edgeCount: number;
  /** Edge endpoints, `src[e] < dst[e]`, sorted by (src, dst). */
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Coupling J_e per edge. */
  readonly weight: ArrayLike<number>;
  /** True when every J_e equals 1 (the kernels skip the multiply). */
  readonly unitWeights: boolean;
  /** Σ_j J_ij per node. */
  readonly degree: ArrayLike<number>;
}
