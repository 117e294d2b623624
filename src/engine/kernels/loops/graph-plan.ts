/**
 * The graph as the fused kernels read it: the symmetric adjacency in CSR (both directions of every edge, rows
 * sorted), the weighted degree, and the weights only when some J_ij ≠ 1. Every array lives on a SharedArrayBuffer
 * so worker threads read the same memory without copies. Built once per graph and cached (it does not depend on
 * the tfjs backend).
 *
 * Memory: 4(N+1) + 4N bytes per graph for row pointers and degrees, plus 8 bytes per undirected edge (two int32
 * column entries) and 8 more per edge for float32 weights when the graph is weighted. A structured graph (a ring
 * lattice, {@link GraphStructure}) gets a plan that holds none of these until something reads them: the Langevin
 * kernel steps it by a stencil (kernels/stencils/ring-stencil), other kernels build the CSR on first read.
 */
import { edgesToCsr, type GraphStructure, type PackedEdges } from "../../edges";

export interface GraphPlan {
  readonly n: number;
  readonly edgeCount: number;
  /** Row i's entries are [rowPtr[i], rowPtr[i+1]). */
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  /** Per-entry J_ij, or null when every weight is 1. */
  readonly weight: Float32Array | null;
  /** Σ_j J_ij per node. */
  readonly degree: Float32Array;
  /** The undirected edge list (the graph's own arrays, not copied): for the incidence kernels. */
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Bytes held by the CSR arrays above (the edge list belongs to the graph); 0 for a structured plan not yet expanded. */
  readonly bytes: number;
  /** The graph's rule, when it has one: the arrays above are then built on first read. */
  readonly structure?: GraphStructure;
}

function shared<T extends Int32Array | Float32Array>(
  Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT));
}

const cache = new WeakMap<PackedEdges, GraphPlan>();

/** The CSR plan of `graph` (any {@link PackedEdges}, e.g. a `Graph`), built on first use (O(N + E)) and cached for its lifetime. */
export function planFor(graph: PackedEdges): GraphPlan {
  let plan = cache.get(graph);
  if (!plan) cache.set(graph, (plan = buildPlan(graph)));
  return plan;
}

/** The plan of `graph` if one was built, without building it. */
export function cachedPlan(graph: PackedEdges): GraphPlan | undefined {
  return cache.get(graph);
}

function buildPlan(graph: PackedEdges): GraphPlan {
  return graph.structure ? structuredPlan(graph, graph.structure) : csrPlan(graph);
}

/** A plan that holds nothing until an array is read; then it is the CSR plan of the graph's (lazily built) edges. */
function structuredPlan(graph: PackedEdges, structure: GraphStructure): GraphPlan {
  let csr: GraphPlan | undefined;
  const full = () => (csr ??= csrPlan(graph));
  return {
    n: graph.n,
    edgeCount: graph.edgeCount,
    weight: null,
    structure,
    get rowPtr() {
      return full().rowPtr;
    },
    get col() {
      return full().col;
    },
    get degree() {
      return full().degree;
    },
    get src() {
      return full().src;
    },
    get dst() {
      return full().dst;
    },
    get bytes() {
      return csr ? csr.bytes : 0;
    },
  };
}

function csrPlan(graph: PackedEdges): GraphPlan {
  const { n, src, dst } = graph;
  const csr = edgesToCsr(
    graph,
    (length) => shared(Int32Array, length),
    graph.unitWeights ? null : (length) => shared(Float32Array, length),
  );
  const degree = shared(Float32Array, n);
  for (let i = 0; i < n; i++) degree[i] = graph.degree[i]!;
  const { rowPtr, col, weight } = csr;
  const bytes = rowPtr.byteLength + col.byteLength + (weight ? weight.byteLength : 0) + degree.byteLength;
  return { n, edgeCount: graph.edgeCount, rowPtr, col, weight, degree, src, dst, bytes };
}
