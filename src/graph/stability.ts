/**
 * The largest Laplacian eigenvalue λ_max, which sets the stable step of explicit dynamics on H = Σ_⟨ij⟩ ‖x_i − x_j‖²:
 * ∇H = 2LΨ, so Ψ − h∇H = (I − 2hL)Ψ contracts every mode iff h < 1/λ_max (ULA's variance stays finite under the
 * same condition). Exact from the dense spectrum up to 1000 nodes (by default); above it, Gershgorin's bound
 * λ_max ≤ 2·max_i d_i (weighted degree), so 1/bound is a safe step.
 */
import type { Graph } from "./graph";
import { DENSE_SPECTRUM_LIMIT, laplacianEigenvalues } from "./spectrum";

/** Largest N for the exact λ_max by default: a dense eigendecomposition is O(N³) (about a second at N = 1000). */
export const EXACT_LAMBDA_MAX_LIMIT = 1000;

/**
 * λ_max of the graph Laplacian L = D − W: exact (dense eigenvalues) when N ≤ DENSE_SPECTRUM_LIMIT, else the
 * Gershgorin upper bound 2·max weighted degree. `exact` says which. `denseLimit` (default 1000) moves the switch.
 * A structured graph (ring lattice, torus: unit couplings) gives its bound from its rule, without reading its edge
 * arrays, which at N = 10⁸ would not fit: 2·2h on a ring of half-width h, 2·4 on a torus.
 *
 * @example
 * ```ts
 * largestLaplacianEigenvalue(graphs.ring(200, 10)).value; // ≈ 12.0 (exact)
 * ```
 */
export function largestLaplacianEigenvalue(graph: Graph, denseLimit = EXACT_LAMBDA_MAX_LIMIT): { value: number; exact: boolean } {
  if (graph.n <= Math.min(denseLimit, DENSE_SPECTRUM_LIMIT)) {
    const ev = laplacianEigenvalues(graph);
    return { value: ev.reduce((m, v) => Math.max(m, v), 0), exact: true };
  }
  const structure = graph.structure;
  if (structure !== undefined) return { value: 2 * (structure.kind === "ring" ? 2 * structure.halfWidth : 4), exact: false };
  const degree = new Float64Array(graph.n);
  for (let e = 0; e < graph.edgeCount; e++) {
    degree[graph.src[e]!]! += graph.weight[e]!;
    degree[graph.dst[e]!]! += graph.weight[e]!;
  }
  return { value: 2 * degree.reduce((m, v) => Math.max(m, v), 0), exact: false };
}
