/**
 * The graph G = (V, E) of the proposal, packed once into flat typed arrays (graphology's lesson for iterative
 * physics): nodes are indexed 0..n-1 in the graphology graph's insertion order, each undirected edge is stored once
 * with `src < dst`, and its coupling J_ij is the edge attribute `weight` (default 1).
 */
import type { AbstractGraph } from "graphology-types";
import { edgesToCsr, type GraphStructure } from "../engine/edges";
import { ArgumentError } from "../errors";

export interface Graph {
  /** Number of nodes. */
  readonly n: number;
  /** Number of undirected edges, each counted once. */
  readonly edgeCount: number;
  /** Edge endpoints, `src[e] < dst[e]`. */
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Coupling J_ij per edge (float64 here; tensors are float32). */
  readonly weight: Float64Array;
  /** True when every J_ij equals 1: lets the hot path skip the per-edge multiply. */
  readonly unitWeights: boolean;
  /** Weighted degree Σ_j J_ij. */
  readonly degree: Float64Array;
  /** Node keys of the source graphology graph, in index order. */
  readonly keys: readonly string[];
  /** A short description, e.g. `ring:200:10` or `graphology(34 nodes)`. */
  readonly label: string;
  /** The graphology graph it was built from (read-only by convention). */
  readonly graphology: AbstractGraph;
  /**
   * The rule its edges follow, when there is one (ring lattices: `ringGraph`). Such a graph holds no index arrays:
   * `src`, `dst`, `weight`, `degree`, `keys` and `graphology` are built on first read (a ResourceError when they
   * cannot fit), and the Langevin kernel steps it by a stencil without them.
   */
  readonly structure?: GraphStructure;
}

const WHERE = "emtd/graph";

/**
 * Pack any graphology graph. Self-loops are rejected (they add nothing to ‖T_i − T_j‖²); in a multigraph or a
 * directed graph, parallel/opposite edges between the same pair are merged by summing their weights.
 *
 * @example
 * ```ts
 * import { UndirectedGraph } from "graphology";
 * const g = new UndirectedGraph();
 * g.mergeEdge("a", "b", { weight: 2 }); // J_ab = 2
 * g.mergeEdge("b", "c"); // J_bc = 1 (the default)
 * const packed = fromGraphology(g);
 * [packed.n, packed.edgeCount]; // → [3, 2]
 * packed.keys; // → ["a", "b", "c"] (node i is the i-th inserted key)
 * packed.degree; // → Float64Array [2, 3, 1] (Σ_j J_ij)
 * ```
 */
export function fromGraphology(g: AbstractGraph, options: { weightAttribute?: string; label?: string } = {}): Graph {
  const attr = options.weightAttribute ?? "weight";
  const keys = g.nodes();
  const indexOf = new Map<string, number>();
  keys.forEach((k, i) => indexOf.set(k, i));
  const merged = new Map<number, number>();
  const n = keys.length;
  g.forEachEdge((edge, attributes, source, target) => {
    const a = indexOf.get(source)!;
    const b = indexOf.get(target)!;
    if (a === b) throw new ArgumentError(WHERE, "graph", "free of self-loops", `self-loop on node ${source}`);
    const w = attributes[attr] === undefined ? 1 : Number(attributes[attr]);
    if (!Number.isFinite(w) || w < 0) {
      throw new ArgumentError(WHERE, `edge ${edge} attribute ${attr}`, "a finite number ≥ 0", attributes[attr]);
    }
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const id = lo * n + hi;
    merged.set(id, (merged.get(id) ?? 0) + w);
  });
  const ids = [...merged.keys()].sort((x, y) => x - y);
  const src = new Int32Array(ids.length);
  const dst = new Int32Array(ids.length);
  const weight = new Float64Array(ids.length);
  ids.forEach((id, e) => {
    src[e] = Math.floor(id / n);
    dst[e] = id % n;
    weight[e] = merged.get(id)!;
  });
  return fromEdges(n, src, dst, weight, options.label ?? `graphology(${n} nodes)`, g, keys);
}

/**
 * Build from parallel edge arrays (already deduplicated, src < dst, sorted by (src, dst)) and the graphology graph
 * they came from; degrees and `unitWeights` are computed here. Use {@link graphFromEdgeList} for raw edge lists.
 *
 * @example
 * ```ts
 * import { UndirectedGraph } from "graphology";
 * const g = new UndirectedGraph();
 * g.mergeEdge("0", "1", { weight: 2 });
 * g.mergeEdge("1", "2");
 * const packed = fromEdges(3, Int32Array.of(0, 1), Int32Array.of(1, 2), Float64Array.of(2, 1), "path:3", g);
 * [packed.degree, packed.unitWeights]; // → [Float64Array [2, 3, 1], false]
 * ```
 */
export function fromEdges(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array,
  label: string,
  graphology: AbstractGraph,
  keys: readonly string[] = Array.from({ length: n }, (_, i) => String(i)),
): Graph {
  const { degree, unitWeights } = weightedDegree(n, src, dst, weight);
  return { n, edgeCount: src.length, src, dst, weight, unitWeights, degree, keys, label, graphology };
}

/** Σ_j J_ij per node, and whether every J_ij is 1 (the hot paths skip the multiply then). */
export function weightedDegree(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array,
): { degree: Float64Array; unitWeights: boolean } {
  const degree = new Float64Array(n);
  let unitWeights = true;
  for (let e = 0; e < src.length; e++) {
    degree[src[e]!]! += weight[e]!;
    degree[dst[e]!]! += weight[e]!;
    if (weight[e] !== 1) unitWeights = false;
  }
  return { degree, unitWeights };
}

/** Compressed sparse rows of the symmetric adjacency: both directions of every edge, rows sorted. */
export interface Csr {
  readonly rowPtr: Int32Array; // n + 1
  readonly col: Int32Array; // 2E
  readonly row: Int32Array; // 2E, the row of each entry (sorted)
  readonly value: Float64Array; // 2E
}

/**
 * The symmetric adjacency of `graph` in float64 CSR, with each entry's row (built by the engine's one CSR builder):
 * rowPtr [n + 1], col, row and value [2E], columns ascending within a row.
 *
 * @example
 * ```ts
 * const { rowPtr, col, row, value } = adjacencyCsr(ringGraph(4, 2)); // the cycle 0–1–2–3–0
 * rowPtr; // → Int32Array [0, 2, 4, 6, 8]
 * col; // → Int32Array [1, 3, 0, 2, 1, 3, 0, 2]
 * row; // → Int32Array [0, 0, 1, 1, 2, 2, 3, 3]
 * value; // → Float64Array [1, 1, 1, 1, 1, 1, 1, 1]
 * ```
 */
export function adjacencyCsr(graph: Graph): Csr {
  const { rowPtr, col, weight } = edgesToCsr(
    graph,
    (length) => new Int32Array(length),
    (length) => new Float64Array(length),
  );
  const row = new Int32Array(col.length);
  for (let i = 0; i < graph.n; i++) row.fill(i, rowPtr[i]!, rowPtr[i + 1]!);
  return { rowPtr, col, row, value: weight! };
}

/**
 * Neighbour lists (unweighted), handy for sequential algorithms: entry i lists i's neighbours, ascending.
 *
 * @example
 * ```ts
 * neighbours(ringGraph(6, 2)).map((a) => Array.from(a)); // → [[1, 5], [0, 2], [1, 3], [2, 4], [3, 5], [0, 4]]
 * ```
 */
export function neighbours(graph: Graph): Int32Array[] {
  const csr = adjacencyCsr(graph);
  return Array.from({ length: graph.n }, (_, i) => csr.col.subarray(csr.rowPtr[i]!, csr.rowPtr[i + 1]!));
}

/**
 * Number of connected components (union–find; an isolated node is a component).
 *
 * @example
 * ```ts
 * componentCount(graphFromEdgeList(4, Int32Array.of(0, 2), Int32Array.of(1, 3), null, "two pairs")); // → 2
 * ```
 */
export function componentCount(graph: Graph): number {
  if (graph.structure?.kind === "ring") return 1; // i joined to i ± 1: one cycle through every node (no edge arrays read)
  if (graph.structure?.kind === "torus") return 1; // every lattice row and column a cycle: connected (no arrays read)
  const parent = Int32Array.from({ length: graph.n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  let components = graph.n;
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = find(graph.src[e]!);
    const b = find(graph.dst[e]!);
    if (a !== b) {
      parent[a] = b;
      components--;
    }
  }
  return components;
}

/**
 * True when the graph has one connected component (consensus on it can reach every node).
 *
 * @example
 * ```ts
 * isConnected(ringGraph(6, 2)); // → true
 * isConnected(graphFromEdgeList(4, Int32Array.of(0, 2), Int32Array.of(1, 3), null, "two pairs")); // → false
 * ```
 */
export function isConnected(graph: Graph): boolean {
  return graph.n > 0 && componentCount(graph) === 1;
}
