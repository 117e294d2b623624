/**
 * The one float64 weighted Laplacian L = D − A of the library (A_ij = J_ij, D = diag(Σ_j J_ij)), as a dense matrix
 * for small graphs and as a matrix-free product on the CSR adjacency for large ones. Spectra, exact references and
 * the float64 recurrences of analysis/ all use these; tensors go through ops/laplacian instead.
 */
import { Matrix } from "ml-matrix";
import { ArgumentError } from "../errors";
import { adjacencyCsr, type Graph } from "./graph";

/** Largest graph for which a dense Laplacian (and its spectrum) is built (O(n²) memory, O(n³) eigenvalues). */
export const DENSE_SPECTRUM_LIMIT = 3000;

/**
 * The weighted Laplacian as a dense n×n ml-matrix (small graphs only: an ArgumentError above
 * {@link DENSE_SPECTRUM_LIMIT} nodes).
 *
 * @example
 * ```ts
 * laplacianMatrix(graphs.ring(4, 2)).get(0, 0); // 2
 * ```
 */
export function laplacianMatrix(graph: Graph): Matrix {
  if (graph.n > DENSE_SPECTRUM_LIMIT) {
    throw new ArgumentError("emtd/graph/spectrum", "graph", `at most ${DENSE_SPECTRUM_LIMIT} nodes for a dense Laplacian`, graph.n);
  }
  const L = Matrix.zeros(graph.n, graph.n);
  for (let e = 0; e < graph.edgeCount; e++) {
    const i = graph.src[e]!;
    const j = graph.dst[e]!;
    const w = graph.weight[e]!;
    L.set(i, j, L.get(i, j) - w);
    L.set(j, i, L.get(j, i) - w);
    L.set(i, i, L.get(i, i) + w);
    L.set(j, j, L.get(j, j) + w);
  }
  return L;
}

/**
 * out = L·v in float64 on a CSR adjacency (rowPtr, col, value) and the weighted degrees: (L v)_i = D_i v_i −
 * Σ_j J_ij v_j, summed in column order. A flat function of typed arrays, so V8 keeps it optimised in hot loops.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const { rowPtr, col, value } = adjacencyCsr(graph);
 * const out = new Float64Array(graph.n);
 * laplacianApplyCsr(rowPtr, col, value, graph.degree, Float64Array.of(0, 1, 2, 3), out);
 * out; // → Float64Array [-4, 0, 0, 4]
 * ```
 */
export function laplacianApplyCsr(
  rowPtr: Int32Array,
  col: Int32Array,
  value: Float64Array,
  degree: ArrayLike<number>,
  v: Float64Array,
  out: Float64Array,
): void {
  const n = rowPtr.length - 1;
  for (let i = 0; i < n; i++) {
    let acc = degree[i]! * v[i]!;
    const end = rowPtr[i + 1]!;
    for (let p = rowPtr[i]!; p < end; p++) acc -= value[p]! * v[col[p]!]!;
    out[i] = acc;
  }
}

/**
 * The matrix-free float64 Laplacian of `graph`: a function writing L·v into `out` (both length n). The CSR is
 * built once, when this is called.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2); // the cycle 0–1–2–3–0
 * const apply = laplacianOperator(graph);
 * const v = Float64Array.from([0, 1, 2, 3]);
 * const out = new Float64Array(graph.n);
 * apply(v, out); // out = L v
 * out; // → Float64Array [-4, 0, 0, 4] ((Lv)_i = deg(i)·v_i − Σ_j v_j: node 0 gives 2·0 − 1 − 3)
 * ```
 */
export function laplacianOperator(graph: Graph): (v: Float64Array, out: Float64Array) => void {
  const csr = adjacencyCsr(graph);
  return (v, out) => laplacianApplyCsr(csr.rowPtr, csr.col, csr.value, graph.degree, v, out);
}
