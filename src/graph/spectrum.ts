/**
 * Laplacian spectra. Dense symmetric eigenvalues come from ml-matrix (Householder + QL) for graphs up to a few
 * thousand nodes; larger graphs use Lanczos with full reorthogonalisation on the complement of the constant
 * vector, which is accurate for the extreme eigenvalues λ₂ (Fiedler value) and λ_max.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { ArgumentError } from "../errors";
import { type Graph, isConnected } from "./graph";
import { DENSE_SPECTRUM_LIMIT, laplacianMatrix, laplacianOperator } from "./laplacian";

export { DENSE_SPECTRUM_LIMIT, laplacianMatrix } from "./laplacian";

/**
 * All Laplacian eigenvalues of L = D − A, ascending (λ₁ = 0; one zero per connected component), by a dense
 * symmetric eigensolver: O(N³), for N up to a few thousand.
 *
 * @example
 * ```ts
 * laplacianEigenvalues(ringGraph(4, 2)); // → Float64Array [0, 2, 2, 4] (to rounding: ≈ 1e-15 for the 0)
 * ```
 */
export function laplacianEigenvalues(graph: Graph): Float64Array {
  const evd = new EigenvalueDecomposition(laplacianMatrix(graph), { assumeSymmetric: true });
  return Float64Array.from(evd.realEigenvalues).sort();
}

/** The Laplacian's eigenpairs: `values` ascending, `vectors[m]` the unit eigenvector of `values[m]` (length N). */
export interface LaplacianModes {
  values: Float64Array;
  vectors: Float64Array[];
}

/**
 * Every eigenpair of L = D − A, ascending, by the dense symmetric eigensolver of {@link laplacianEigenvalues}: the
 * modes in which a Gaussian law on the field (e^(−xᵀLx/T), and a Langevin chain's on it) factorises.
 *
 * @example
 * ```ts
 * const modes = laplacianModes(ringGraph(4, 2));
 * modes.values; // → Float64Array [0, 2, 2, 4] (to rounding)
 * modes.vectors[0]!.map(Math.abs); // → Float64Array [0.5, 0.5, 0.5, 0.5]: the consensus mode
 * ```
 */
export function laplacianModes(graph: Graph): LaplacianModes {
  const evd = new EigenvalueDecomposition(laplacianMatrix(graph), { assumeSymmetric: true });
  const v = evd.eigenvectorMatrix;
  const order = evd.realEigenvalues.map((value, m) => ({ value, m })).sort((a, b) => a.value - b.value);
  return {
    values: Float64Array.from(order, (o) => o.value),
    vectors: order.map((o) => Float64Array.from({ length: graph.n }, (_, i) => v.get(i, o.m))),
  };
}

/**
 * Ritz values of L on the complement of 1 after `steps` Lanczos iterations with full reorthogonalisation,
 * ascending. The extremes converge first. Deterministic start vector.
 *
 * @example
 * ```ts
 * lanczosRitzValues(ringGraph(10, 2), 5); // → Float64Array [0.382, 1.382, 2.618, 3.618, 4] (the 5 distinct non-zero λ)
 * ```
 */
export function lanczosRitzValues(graph: Graph, steps = 200): Float64Array {
  const n = graph.n;
  const m = Math.min(steps, n - 1);
  const apply = laplacianOperator(graph);
  const basis: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  const ones = 1 / Math.sqrt(n);
  const orthogonalise = (w: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i]!;
    for (let i = 0; i < n; i++) w[i]! -= s * ones * ones;
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i]! * w[i]!;
      for (let i = 0; i < n; i++) w[i]! -= dot * q[i]!;
    }
  };
  let q = Float64Array.from({ length: n }, (_, i) => Math.sin(1 + i * 0.7548776662) + Math.cos(i * 0.569840291));
  orthogonalise(q);
  let norm = Math.sqrt(q.reduce((acc, x) => acc + x * x, 0));
  for (let i = 0; i < n; i++) q[i]! /= norm;
  const w = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    basis.push(q);
    apply(q, w);
    let a = 0;
    for (let i = 0; i < n; i++) a += q[i]! * w[i]!;
    alpha.push(a);
    orthogonalise(w);
    orthogonalise(w); // twice is enough (Parlett's "twice is enough")
    norm = 0;
    for (let i = 0; i < n; i++) norm += w[i]! * w[i]!;
    norm = Math.sqrt(norm);
    if (j === m - 1 || norm < 1e-10) break;
    beta.push(norm);
    q = Float64Array.from(w, (x) => x / norm);
  }
  const k = alpha.length;
  const T = Matrix.zeros(k, k);
  for (let i = 0; i < k; i++) {
    T.set(i, i, alpha[i]!);
    if (i + 1 < k) {
      T.set(i, i + 1, beta[i]!);
      T.set(i + 1, i, beta[i]!);
    }
  }
  return Float64Array.from(new EigenvalueDecomposition(T, { assumeSymmetric: true }).realEigenvalues).sort();
}

export interface SpectralSummary {
  /** Fiedler value λ₂: the rate of consensus (0 when disconnected). */
  fiedler: number;
  /** Largest Laplacian eigenvalue: bounds stable step sizes (explicit gradient flow needs h < 1/λ_max). */
  lambdaMax: number;
  /** "dense" or "lanczos". */
  method: "dense" | "lanczos";
}

/**
 * λ₂ and λ_max: exact (dense) up to {@link DENSE_SPECTRUM_LIMIT} nodes, Lanczos above; `method` says which.
 *
 * @example
 * ```ts
 * spectralSummary(ringGraph(10, 2)); // → { fiedler: 0.382, lambdaMax: 4, method: "dense" } (λ₂ = 2 − 2cos(2π/10))
 * ```
 */
export function spectralSummary(graph: Graph): SpectralSummary {
  if (graph.n < 2) throw new ArgumentError("emtd/graph/spectrum", "graph", "a graph with at least 2 nodes", graph.n);
  if (graph.n <= DENSE_SPECTRUM_LIMIT) {
    const ev = laplacianEigenvalues(graph);
    return { fiedler: isConnected(graph) ? ev[1]! : 0, lambdaMax: ev[ev.length - 1]!, method: "dense" };
  }
  const ritz = lanczosRitzValues(graph);
  return { fiedler: isConnected(graph) ? ritz[0]! : 0, lambdaMax: ritz[ritz.length - 1]!, method: "lanczos" };
}

/**
 * Closed-form Laplacian eigenvalues of the ring lattice ring:n:k, ascending: Σ_{j≤k/2} 2(1 − cos(2π m j / n)).
 *
 * @example
 * ```ts
 * ringLatticeEigenvalues(4, 2); // → Float64Array [0, 2, 2, 4] (as laplacianEigenvalues(ringGraph(4, 2)))
 * ```
 */
export function ringLatticeEigenvalues(n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    let s = 0;
    for (let j = 1; j <= k / 2; j++) s += 2 * (1 - Math.cos((2 * Math.PI * m * j) / n));
    out[m] = s;
  }
  return out.sort();
}
