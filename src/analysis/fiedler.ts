/**
 * λ₂ of a large connected graph's Laplacian with a stated accuracy, in O(E) memory traffic per step.
 *
 * Lanczos *without* full reorthogonalisation on A = L + c·11ᵀ/N, c = 2·d_max + 1 > λ_max: A has L's spectrum
 * with the null vector 1 moved from 0 to c, so its smallest eigenvalue is λ₂ (connected graph). Each step costs one
 * sparse product and O(N) work, against O(N·j) for step j with full reorthogonalisation (which at N = 10⁵ and 100
 * steps streams ~30 GB of basis vectors). Losing orthogonality in finite precision only duplicates converged Ritz
 * values ("ghosts") of A. (Projecting 1 out of each vector instead is not enough: once orthogonality is lost the
 * nearly dependent basis recombines the round-off left along 1 into a spurious Ritz value at 0; moving 1 to the top
 * of the spectrum removes that failure.) The run stops when the smallest Ritz
 * value θ has residual bound r = β_m·|s_m| ≤ tolerance·θ (s the unit eigenvector of the tridiagonal T_m for θ):
 * an eigenvalue of L lies in [θ − r, θ], and θ ≥ λ₂ (Cauchy interlacing). The caveat of every Krylov method remains:
 * a start vector almost orthogonal to λ₂'s eigenvector converges to λ₃ first; the start is a fixed dense vector.
 */
import { ArgumentError, check } from "../errors";
import { adjacencyCsr, type Graph } from "../graph/graph";

const WHERE = "emtd/analysis/fiedler";

export interface FiedlerEstimate {
  /** The smallest Ritz value θ (an upper bound on λ₂). */
  value: number;
  /** Residual bound r: an eigenvalue of L lies within r below `value`. */
  residual: number;
  /** Lanczos steps taken. */
  steps: number;
  /** r ≤ tolerance·θ was reached within maxSteps. */
  converged: boolean;
}

/**
 * λ₂ of a connected graph by Lanczos with per-step deflation of 1 (see the module comment). `tolerance` is the
 * relative residual bound at which to stop (default 1e-6); `maxSteps` caps the steps (default 3000);
 * convergence is checked every `checkEvery` steps (default 10). Deterministic. Plain typed arrays, no tensors.
 *
 * @example
 * ```ts
 * fiedlerLanczos(graphs.ring(1000, 4)).value; // ≈ 1.974e-4, the closed form Σ_j 2(1 − cos(2πj/1000)), j = 1, 2
 * ```
 */
export function fiedlerLanczos(
  graph: Graph,
  options: { tolerance?: number; maxSteps?: number; checkEvery?: number } = {},
): FiedlerEstimate {
  const tolerance = check.positive(WHERE, "tolerance", options.tolerance ?? 1e-6);
  const maxSteps = check.integer(WHERE, "maxSteps", options.maxSteps ?? 3000, 1);
  const checkEvery = check.integer(WHERE, "checkEvery", options.checkEvery ?? 10, 1);
  const n = graph.n;
  if (n < 3) throw new ArgumentError(WHERE, "graph", "a graph with at least 3 nodes", n);
  const { rowPtr, col, value } = adjacencyCsr(graph);
  const degree = graph.degree;
  // J_ij = 1 on every edge (an unweighted graph): J·v = v exactly, so the product is not formed.
  let unit = true;
  for (let p = 0; p < value.length && unit; p++) unit = value[p] === 1;
  let maxDegree = 0;
  for (let i = 0; i < n; i++) maxDegree = Math.max(maxDegree, degree[i]!);
  const c = 2 * maxDegree + 1;
  let q = Float64Array.from({ length: n }, (_, i) => Math.sin(1 + i * 0.7548776662) + Math.cos(i * 0.569840291));
  scale(q, 1 / norm(q));
  let sumQ = 0; // Σ_i q_i, for the shift of the null vector (then formed where q is)
  for (let i = 0; i < n; i++) sumQ += q[i]!;
  let previous = new Float64Array(n);
  const w = new Float64Array(n);
  const alpha: number[] = [];
  const beta: number[] = [];
  const limit = Math.min(maxSteps, n - 1);
  let estimate: FiedlerEstimate = { value: Number.NaN, residual: Number.POSITIVE_INFINITY, steps: 0, converged: false };
  // Each step is the textbook sequence of passes (w = L q; w += (c/N)·Σq; α = q·w; w −= αq + β_{j−1}q_{j−1}; one
  // local reorthogonalisation; β = ‖w‖; q_{j+1} = w/β) fused into four, every sum in the same order: the same numbers.
  for (let j = 0; j < limit; j++) {
    const shift = sumQ * (c / n);
    const a = shiftedProduct(rowPtr, col, value, unit, degree, q, w, shift);
    const b0 = j > 0 ? beta[j - 1]! : 0;
    // One local reorthogonalisation against q keeps α accurate (cheap: O(N)).
    let r = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i]! - a * q[i]! - b0 * previous[i]!;
      w[i] = wi;
      r += q[i]! * wi;
    }
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i]! - r * q[i]!;
      w[i] = wi;
      squares += wi * wi;
    }
    alpha.push(a + r);
    const b = Math.sqrt(squares);
    const last = j === limit - 1 || b < 1e-12;
    if ((j + 1) % checkEvery === 0 || last) {
      const { theta, lastComponent } = smallestRitz(alpha, beta);
      const residual = b * Math.abs(lastComponent);
      estimate = { value: theta, residual, steps: j + 1, converged: residual <= tolerance * Math.abs(theta) };
      if (estimate.converged || last) return b < 1e-12 ? { ...estimate, residual: 0, converged: true } : estimate;
    }
    beta.push(b);
    const next = previous; // reuse the buffer
    sumQ = 0;
    for (let i = 0; i < n; i++) {
      const v = w[i]! / b;
      next[i] = v;
      sumQ += v;
    }
    previous = q;
    q = next;
  }
  return estimate;
}

/**
 * w = L·q + shift (L = D − J on the CSR adjacency, each row summed in column order) and returns q·w: the Laplacian's
 * product, the null vector's shift and α's dot product in one pass (a flat function of typed arrays, kept optimised).
 */
function shiftedProduct(
  rowPtr: Int32Array,
  col: Int32Array,
  value: Float64Array,
  unit: boolean,
  degree: Float64Array,
  q: Float64Array,
  w: Float64Array,
  shift: number,
): number {
  const n = rowPtr.length - 1;
  let dot = 0;
  for (let i = 0; i < n; i++) {
    let acc = degree[i]! * q[i]!;
    const end = rowPtr[i + 1]!;
    if (unit) for (let p = rowPtr[i]!; p < end; p++) acc -= q[col[p]!]!;
    else for (let p = rowPtr[i]!; p < end; p++) acc -= value[p]! * q[col[p]!]!;
    const wi = acc + shift;
    w[i] = wi;
    dot += q[i]! * wi;
  }
  return dot;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

function scale(v: Float64Array, c: number): void {
  for (let i = 0; i < v.length; i++) v[i]! *= c;
}

/**
 * The smallest eigenvalue θ of the symmetric tridiagonal T (diagonal `alpha`, off-diagonal `beta`, m = alpha.length)
 * by Sturm-sequence bisection to machine precision, and the last component of its unit eigenvector by two steps of
 * inverse iteration (Thomas algorithm). O(m) per bisection step.
 *
 * @example
 * ```ts
 * const r = smallestRitz([2, 2], [1]); // T = [[2, 1], [1, 2]]: eigenvalues 1 and 3
 * [r.theta, r.lastComponent]; // → [1.0000000000000004, 0.7071067812219028] (eigenvector (1, −1)/√2)
 * ```
 */
export function smallestRitz(alpha: readonly number[], beta: readonly number[]): { theta: number; lastComponent: number } {
  const m = alpha.length;
  if (m === 1) return { theta: alpha[0]!, lastComponent: 1 };
  // Gershgorin bounds.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i < m - 1 ? Math.abs(beta[i]!) : 0);
    lo = Math.min(lo, alpha[i]! - r);
    hi = Math.max(hi, alpha[i]! + r);
  }
  // count(x) = number of eigenvalues < x (Sturm sequence of the LDLᵀ pivots).
  const count = (x: number) => {
    let c = 0;
    let d = 1;
    for (let i = 0; i < m; i++) {
      const b2 = i > 0 ? beta[i - 1]! * beta[i - 1]! : 0;
      d = alpha[i]! - x - (i > 0 ? b2 / d : 0);
      if (d === 0) d = -1e-300;
      if (d < 0) c++;
    }
    return c;
  };
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(Math.abs(lo), Math.abs(hi), 1e-300); it++) {
    const mid = 0.5 * (lo + hi);
    if (count(mid) >= 1) hi = mid;
    else lo = mid;
  }
  const theta = 0.5 * (lo + hi);
  // Inverse iteration (T − (θ − ε)I) y = x, twice, from x = 1.
  const shift = theta - 1e-10 * Math.max(Math.abs(theta), 1e-12);
  let x = new Float64Array(m).fill(1);
  for (let pass = 0; pass < 3; pass++) {
    x = solveTridiagonal(alpha, beta, shift, x);
    const s = norm(x);
    scale(x, 1 / s);
  }
  return { theta, lastComponent: x[m - 1]! };
}

/** Solve (T − σI) y = r for symmetric tridiagonal T (Thomas algorithm, no pivoting: σ lies below the spectrum). */
function solveTridiagonal(alpha: readonly number[], beta: readonly number[], sigma: number, r: Float64Array): Float64Array {
  const m = alpha.length;
  const c = new Float64Array(m);
  const d = new Float64Array(m);
  let denom = alpha[0]! - sigma;
  c[0] = m > 1 ? beta[0]! / denom : 0;
  d[0] = r[0]! / denom;
  for (let i = 1; i < m; i++) {
    denom = alpha[i]! - sigma - beta[i - 1]! * c[i - 1]!;
    c[i] = i < m - 1 ? beta[i]! / denom : 0;
    d[i] = (r[i]! - beta[i - 1]! * d[i - 1]!) / denom;
  }
  const y = new Float64Array(m);
  y[m - 1] = d[m - 1]!;
  for (let i = m - 2; i >= 0; i--) y[i] = d[i]! - c[i]! * y[i + 1]!;
  return y;
}
