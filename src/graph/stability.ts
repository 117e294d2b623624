/**
 * The largest Laplacian eigenvalue λ_max, which sets the stable step of explicit dynamics on H = Σ_⟨ij⟩ ‖x_i − x_j‖²:
 * ∇H = 2LΨ, so Ψ − h∇H = (I − 2hL)Ψ contracts every mode iff h < 1/λ_max (ULA's variance stays finite under the
 * same condition). Exact from the dense spectrum up to DENSE_SPECTRUM_LIMIT nodes; above it, Gershgorin's bound
 * λ_max ≤ max_i (d_i + Σ_j w_ij) (= 2·max degree for unit weights), so 1/bound is a safe step.
 */
import type { Graph } from "./graph";
import { DENSE_SPECTRUM_LIMIT, laplacianEigenvalues } from "./spectrum";

/**
 * λ_max of the graph Laplacian L = D − W: exact (dense eigenvalues) when N ≤ DENSE_SPECTRUM_LIMIT, else the
 * Gershgorin upper bound 2·max weighted degree. `exact` says which.
 *
 * @example
 * ```ts
 * largestLaplacianEigenvalue(graphs.ring(200, 10)).value; // ≈ 12.0 (exact)
 * ```
 */
export function largestLaplacianEigenvalue(graph: Graph): { value: number; exact: boolean } {
  if (graph.n <= DENSE_SPECTRUM_LIMIT) {
    const ev = laplacianEigenvalues(graph);
    return { value: ev.reduce((m, v) => Math.max(m, v), 0), exact: true };
  }
  const degree = new Float64Array(graph.n);
  for (let e = 0; e < graph.edgeCount; e++) {
    degree[graph.src[e]!]! += graph.weight[e]!;
    degree[graph.dst[e]!]! += graph.weight[e]!;
  }
  return { value: 2 * degree.reduce((m, v) => Math.max(m, v), 0), exact: false };
}
