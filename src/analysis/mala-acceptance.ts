/**
 * MALA's acceptance on the interaction H = Σ_⟨ij⟩ J_ij‖x_i − x_j‖² (Hessian 2L) at step h, in closed form, and the
 * steps that give a chosen acceptance: what a hint for a stuck chain can say and why.
 *
 * The proposal y = x − h∇H(x) + √(2hT)ξ has, mode by mode (Laplacian eigenvalue λ, curvature a = 2λ, each of the d
 * channels), log α = h·a²·(x² − y²)/(4T). So:
 *
 * - At the mode x = 0 (where `emtd sample` starts): log α = −2h²·Σ λ_m²ξ_m², whose mean acceptance is
 *   Π_m (1 + 4h²λ_m²)^(−d/2) ≥ exp(−2h²·d·tr L²); it falls like exp(−2h²·d·tr L²) with the dimension, which is
 *   why MALA started at a mode in high dimension stalls at a step that is fine at equilibrium (Christensen,
 *   Roberts & Rosenthal 2005).
 * - At equilibrium: E[log α] = −2h³·d·tr L³ (T cancels), and with many modes log α is Gaussian with variance twice
 *   minus its mean, so the acceptance is 2Φ(−√(h³·d·tr L³)) (Roberts & Rosenthal 1998; their optimum 0.574).
 *
 * tr L² = Σ_i D_i² + 2Σ_e J_e² exactly; tr L³ = Σ_i D_i³ + 3Σ_e J_e²(D_i + D_j) − 6Σ_triangles J J J, taken here
 * without the triangles: an upper bound for non-negative couplings (exact on triangle-free graphs such as the torus),
 * so the equilibrium acceptance given is a lower estimate and the step for a target acceptance a safe one. Structured
 * graphs (ring lattices, tori) are read from their rule, not their edge arrays.
 */
import type { Graph } from "../graph/graph";
import { normalCdf, normalQuantile } from "../stats/tests";
import { ArgumentError, check } from "../errors";

const WHERE = "emtd/analysis/mala-acceptance";

/** tr L² (exact) and an upper bound on tr L³ (triangles left out) of the weighted Laplacian L = D − W. */
export interface LaplacianTraces {
  trace2: number;
  trace3Bound: number;
}

/**
 * tr L² and the bound on tr L³ of the module comment.
 *
 * @example
 * ```ts
 * laplacianTraces(graphs.ring(100, 2)); // → { trace2: 600, trace3Bound: 2000 } (a cycle: degree 2, no triangles: exact)
 * ```
 */
export function laplacianTraces(graph: Graph): LaplacianTraces {
  const s = graph.structure;
  if (s !== undefined) {
    // Unit couplings, every node of degree D = 2·halfWidth (ring) or 4 (torus): tr L² = N(D² + D), bound N(D³ + 3D²).
    const D = s.kind === "ring" ? 2 * s.halfWidth : 4;
    return { trace2: graph.n * (D * D + D), trace3Bound: graph.n * (D ** 3 + 3 * D * D) };
  }
  const degree = graph.degree;
  let trace2 = 0;
  let trace3Bound = 0;
  for (let i = 0; i < graph.n; i++) {
    trace2 += degree[i]! ** 2;
    trace3Bound += degree[i]! ** 3;
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const w2 = graph.weight[e]! ** 2;
    trace2 += 2 * w2;
    trace3Bound += 3 * w2 * (degree[graph.src[e]!]! + degree[graph.dst[e]!]!);
  }
  return { trace2, trace3Bound };
}

function checkStep(h: number): number {
  if (!(h > 0 && Number.isFinite(h))) throw new ArgumentError(WHERE, "step", "a finite number > 0", h);
  return h;
}

function checkAcceptance(a: number): number {
  if (!(a > 0 && a < 1)) throw new ArgumentError(WHERE, "acceptance", "a number in (0, 1)", a);
  return a;
}

/**
 * MALA's acceptance at the mode x = 0 at step h, d channels: the lower bound exp(−2h²·d·tr L²) of the exact mean
 * Π_m (1 + 4h²λ_m²)^(−d/2) (module comment), and the step at which that bound equals `acceptance`.
 *
 * @example
 * ```ts
 * const traces = laplacianTraces(graphs.ring(2000, 10));
 * malaAtMode(traces, 2, 0.005).acceptance; // → 2.8e-10 (stalls: exp(−2h²·d·tr L²) with tr L² = 2000·110)
 * malaAtMode(traces, 2, 0.005, 0.5).step; // → 0.00089 (half the proposals accepted at the mode)
 * ```
 */
export function malaAtMode(traces: LaplacianTraces, dim: number, h: number, acceptance = 0.5): { acceptance: number; step: number } {
  const d = check.integer(WHERE, "dim", dim, 1);
  checkStep(h);
  checkAcceptance(acceptance);
  return {
    acceptance: Math.exp(-2 * h * h * d * traces.trace2),
    step: Math.sqrt(-Math.log(acceptance) / (2 * d * traces.trace2)),
  };
}

/**
 * MALA's acceptance at equilibrium at step h, d channels: 2Φ(−√(h³·d·tr L³)) with the bound on tr L³ (a lower
 * estimate; module comment), and the step at which that estimate equals `acceptance` (default the optimum 0.574).
 *
 * @example
 * ```ts
 * const traces = laplacianTraces(graphFromSpec("ws:2000:10:0.1", key(1)));
 * malaAtEquilibrium(traces, 2, 0.005).acceptance; // → 0.41 (measured: 0.41)
 * malaAtEquilibrium(traces, 2, 0.005).step; // → 0.0039 (acceptance 0.574)
 * ```
 */
export function malaAtEquilibrium(
  traces: LaplacianTraces,
  dim: number,
  h: number,
  acceptance = 0.574,
): { acceptance: number; step: number } {
  const d = check.integer(WHERE, "dim", dim, 1);
  checkStep(h);
  checkAcceptance(acceptance);
  const z = -normalQuantile(acceptance / 2);
  return {
    acceptance: 2 * normalCdf(-Math.sqrt(h ** 3 * d * traces.trace3Bound)),
    step: Math.cbrt((z * z) / (d * traces.trace3Bound)),
  };
}
