/**
 * The packed edge list that the engine's kernels read: the only thing the engine knows about a graph. Declared
 * here, below `graph/`, so the kernels never import the graph layer; `Graph` (graph/graph) satisfies it as is.
 */

/**
 * A graph whose edges follow from a rule, so that a kernel can run without index arrays: the ring lattice
 * ring:n:2h, node i joined to i ± 1 … i ± h (mod n), every J = 1. A graph that carries one builds its edge arrays
 * only when something reads them (graph/direct).
 */
export interface RingStructure {
  readonly kind: "ring";
  /** h = k/2: neighbours on each side. */
  readonly halfWidth: number;
}

/**
 * The periodic square lattice torus:L (graph/direct.torusGraph): node i = r·L + c joined to r·L + (c ± 1 mod L) and
 * (r ± 1 mod L)·L + c, every J = 1, degree 4 (L ≥ 3, so the four neighbours are distinct).
 */
export interface TorusStructure {
  readonly kind: "torus";
  /** L: the lattice's side (N = L²). */
  readonly side: number;
}

/** The structures the kernels know: the ring lattice and the periodic square lattice. */
export type GraphStructure = RingStructure | TorusStructure;

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
  /** Present when the edges follow a rule ({@link GraphStructure}): the arrays above are then built on first read. */
  readonly structure?: GraphStructure;
}

/** A symmetric adjacency in compressed sparse rows: row i's entries are [rowPtr[i], rowPtr[i+1]), entries in edge order (columns ascending for PackedEdges). */
export interface CsrArrays<W extends Float32Array | Float64Array> {
  readonly rowPtr: Int32Array; // n + 1
  readonly col: Int32Array; // 2E
  /** J per entry, or null when the caller asked for none. */
  readonly weight: W | null;
}

/** What {@link edgesToCsr} reads of an edge list: any undirected edges in any order ({@link PackedEdges} is one). */
export interface EdgeList {
  readonly n: number;
  readonly edgeCount: number;
  readonly src: ArrayLike<number>;
  readonly dst: ArrayLike<number>;
  /** J_e per edge (read only when weights are asked for). */
  readonly weight: ArrayLike<number>;
}

/**
 * The one CSR builder of the library: both directions of every edge of `edges`, rows in node order, and within a row
 * the entries in the order of the edges that touch it (edge e puts dst[e] into src[e]'s row, then src[e] into
 * dst[e]'s). For {@link PackedEdges} (src < dst, sorted by (src, dst)) that is columns ascending: a row's lower
 * neighbours come from earlier edges than its upper ones. Every sum over a row runs in this order, so it is part of the
 * numbers (test/unit/engine/csr.test.ts holds it to each construction it replaced). O(N + E). `int` and `float`
 * allocate the arrays (the kernels pass SharedArrayBuffer-backed ones); `float` null leaves the weights out.
 *
 * @example
 * ```ts
 * // The package exports it through adjacencyCsr(graph) = edgesToCsr(graph, Int32Array, Float64Array) plus each entry's row.
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const { rowPtr, col, value } = adjacencyCsr(graph);
 * rowPtr; // → Int32Array [0, 2, 4, 6, 8]
 * col; // → Int32Array [1, 3, 0, 2, 1, 3, 0, 2] (row 0: neighbours 1 and 3, ascending)
 * value; // → Float64Array [1, 1, 1, 1, 1, 1, 1, 1] (J per entry)
 * ```
 */
export function edgesToCsr<W extends Float32Array | Float64Array>(
  edges: EdgeList,
  int: (length: number) => Int32Array,
  float: ((length: number) => W) | null,
): CsrArrays<W> {
  const { n, src, dst, weight, edgeCount: E } = edges;
  const rowPtr = int(n + 1);
  for (let e = 0; e < E; e++) {
    rowPtr[src[e]! + 1]!++;
    rowPtr[dst[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const col = int(2 * E);
  const w = float ? float(2 * E) : null;
  const cursor = rowPtr.slice(0, n);
  for (let e = 0; e < E; e++) {
    const i = src[e]!,
      j = dst[e]!;
    const at = cursor[i]!++;
    col[at] = j;
    if (w) w[at] = weight[e]!;
    const back = cursor[j]!++;
    col[back] = i;
    if (w) w[back] = weight[e]!;
  }
  return { rowPtr, col, weight: w };
}

/** {@link edgesToCsr} in plain Int32Array and Float64Array, the weights included (the samplers' and studies' rows). */
export function symmetricCsr(edges: EdgeList): { rowPtr: Int32Array; col: Int32Array; weight: Float64Array } {
  const { rowPtr, col, weight } = edgesToCsr(
    edges,
    (length) => new Int32Array(length),
    (length) => new Float64Array(length),
  );
  return { rowPtr, col, weight: weight! };
}
