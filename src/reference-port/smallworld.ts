/**
 * Watts–Strogatz neighbour lists for the reference runs: the library's one rewiring core (graph/direct,
 * networkx's semantics) packed as CSR, without a graphology graph (building one dominated a run at N = 1000).
 * test/integration/cli/reference.test.ts checks the edge set against the graphology form of graph/direct's wattsStrogatzGraph for the same stream.
 */
import { check } from "../errors";
import { graphFromEdgeList, wattsStrogatzEdges } from "../graph/direct";
import { adjacencyCsr } from "../graph/graph";

/** Neighbour lists in compressed-sparse-row form: the neighbours of i are col[rowPtr[i] .. rowPtr[i+1]). */
export interface Adjacency {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
}

/**
 * `nx.watts_strogatz_graph(n, k, p)` semantics: ring lattice (k/2 neighbours each side); for j = 1..k/2 and each
 * node u in order, with probability p replace edge (u, u+j) by (u, w), w uniform among nodes other than u and not
 * already joined to u (skipped when u is joined to everyone). Rows are sorted.
 * @example
 * ```ts
 * const a = wattsStrogatzAdjacency(20, 4, 0.1, uniformSource(key(1)));
 * a.rowPtr[a.n] / 2; // → 40 (n·k/2 edges: rewiring keeps the count)
 * ```
 */
export function wattsStrogatzAdjacency(n: number, k: number, p: number, rng: () => number): Adjacency {
  const where = "emtd/reference/ws";
  check.integer(where, "n", n, 3);
  check.integer(where, "k", k, 2, n - 1);
  check.probability(where, "p", p);
  const { src, dst } = wattsStrogatzEdges(n, k, p, rng);
  const { rowPtr, col } = adjacencyCsr(graphFromEdgeList(n, src, dst, null, `ws:${n}:${k}:${p}`));
  return { n, rowPtr, col };
}

/**
 * The neighbour lists of an {@link Adjacency} as subarrays of `col` (views, no copy).
 *
 * @example
 * ```ts
 * adjacencyLists(adjacencyOf(ringGraph(4, 2))).map((row) => Array.from(row)); // → [[1, 3], [0, 2], [1, 3], [0, 2]]
 * ```
 */
export function adjacencyLists(a: Adjacency): Int32Array[] {
  return Array.from({ length: a.n }, (_, i) => a.col.subarray(a.rowPtr[i]!, a.rowPtr[i + 1]!));
}

/**
 * Edges that are not edges of the ring lattice with k/2 neighbours per side (expected ≈ p·n·k/2 for Watts–Strogatz).
 *
 * @example
 * ```ts
 * rewiredEdgeCount(wattsStrogatzAdjacency(200, 4, 0.1, uniformSource(key(1))), 4); // → 36 (expected ≈ p·n·k/2 = 40)
 * ```
 */
export function rewiredEdgeCount(a: Adjacency, k: number): number {
  let count = 0;
  for (let i = 0; i < a.n; i++) {
    for (let e = a.rowPtr[i]!; e < a.rowPtr[i + 1]!; e++) {
      const j = a.col[e]!;
      if (j <= i) continue; // each undirected edge once
      const gap = Math.min(j - i, a.n - (j - i));
      if (gap > k / 2) count++;
    }
  }
  return count;
}
