/**
 * A discrete Ricci flow on the couplings J_ij, and a measurement of what it does to consensus (§2.1: "We treat the
 * flow of information as a Ricci Flow on the information manifold, smoothing out irregularities").
 *
 * One step (Ollivier 2009 §"Ricci flow"; Ni et al. 2019, Sci. Rep. 9:9984, for networks):
 *   w_e ← w_e − ε κ_e w_e,  then  J ← J · (Σ_e J_e(before) / Σ_e J_e(after))   (normalisation: Σ J conserved)
 * with κ_e the edge's curvature (Ollivier κ_α or Forman) recomputed on the current weights. Two readings of w:
 * - `weights: "coupling"` (default): w = J, the flow acts on the couplings directly, and Ollivier's κ is the hop
 *   metric's with the walk along the couplings. Negatively curved edges (bridges between communities) gain
 *   coupling, positively curved ones (inside cliques) lose it.
 * - `weights: "length"`: w = 1/J is an edge length, as in Riemannian Ricci flow dg/dt = −2 Ric and in Ni et al.,
 *   and Ollivier's κ is that of the lengths themselves (`metric: "length"`: shortest-path cost on the current
 *   lengths, walk uniform over neighbours), so the flow is the metric's own Ricci flow. Bridges get longer, i.e.
 *   weaker, which is how Ricci flow exposes communities. (Forman's curvature reads the couplings in both.)
 * {@link flowCurvature} is the Ollivier curvature each reading flows by.
 * Normalisation matters: scaling every J by c scales consensus time by 1/c, so without it a "faster consensus"
 * could be nothing but more total bandwidth. The total coupling Σ J (the bandwidth budget) is conserved in both
 * readings; only the shape of the flow (the curvature's sign pattern) differs; κ itself is scale-free in both, so
 * the normalisation does not feed back into it. Ollivier's κ ≤ 1 and Forman's ≤ 2, so ε ≤ 0.5 keeps 1 − ε κ ≥ 0;
 * a step that would reach 0 is refused.
 */
import { UndirectedGraph } from "graphology";
import { ArgumentError, check } from "../errors";
import { formanCurvature, ollivierCurvature } from "./curvature";
import { fromEdges, type Graph, isConnected } from "./graph";
import { laplacianEigenvalues } from "./spectrum";

const WHERE = "emtd/graph/ricci";

export interface RicciFlowOptions {
  /** Number of flow steps. Default 10. */
  steps?: number;
  /** Step ε ∈ (0, 0.5]. Default 0.1. */
  epsilon?: number;
  /** "ollivier" (default) or "forman". */
  curvature?: "ollivier" | "forman";
  /** Idleness α of the Ollivier walk. Default 0.5 (Lin–Lu–Yau's lazy walk; avoids bipartite artefacts). */
  alpha?: number;
  /** What w is: "coupling" (w = J, default) or "length" (w = 1/J). */
  weights?: "coupling" | "length";
}

export interface RicciFlowStep {
  step: number;
  /** Curvature of each edge before this step's update. */
  curvature: Float64Array;
  /** Couplings J after the update (normalised). */
  coupling: Float64Array;
}

export interface RicciFlowResult {
  /** The graph with the flowed couplings (same topology and edge order). */
  graph: Graph;
  history: RicciFlowStep[];
}

/**
 * Run the flow; the input graph is not modified. Each step computes every edge's curvature κ_e and updates
 * w_e ← w_e (1 − ε κ_e), then rescales J so that Σ_e J_e is conserved; `history` holds each step's curvatures and couplings.
 *
 * @example
 * ```ts
 * const g = twoCommunities(5, 1); // two K5 joined by the bridge 0–5 (edge 4 in edge order)
 * const { graph, history } = ricciFlow(g, { steps: 5 });
 * history.length; // → 5
 * [graph.weight[4], graph.weight[0]]; // → [1.647, 1.038] (the negatively curved bridge gains the most; clique edges stay in [0.92, 1.04])
 * ```
 */
export function ricciFlow(graph: Graph, options: RicciFlowOptions = {}): RicciFlowResult {
  const steps = check.integer(WHERE, "steps", options.steps ?? 10, 0);
  const epsilon = check.positive(WHERE, "epsilon", options.epsilon ?? 0.1);
  if (epsilon > 0.5) throw new ArgumentError(WHERE, "epsilon", "a number in (0, 0.5]", epsilon);
  const kind = check.oneOf(WHERE, "curvature", options.curvature ?? "ollivier", ["ollivier", "forman"] as const);
  const mode = check.oneOf(WHERE, "weights", options.weights ?? "coupling", ["coupling", "length"] as const);
  const alpha = check.probability(WHERE, "alpha", options.alpha ?? 0.5);
  let current = graph;
  const history: RicciFlowStep[] = [];
  for (let t = 0; t < steps; t++) {
    const kappa = kind === "ollivier" ? flowCurvature(current, { alpha, weights: mode }) : formanCurvature(current);
    const w = Float64Array.from(current.weight, (j) => (mode === "coupling" ? j : 1 / j));
    const total = current.weight.reduce((s, x) => s + x, 0);
    for (let e = 0; e < w.length; e++) {
      const factor = 1 - epsilon * kappa[e]!;
      if (!(factor > 0)) {
        throw new ArgumentError(WHERE, "epsilon", `small enough that ε·κ < 1 on every edge (κ = ${kappa[e]} here)`, epsilon);
      }
      w[e]! *= factor;
    }
    const raw = Float64Array.from(w, (x) => (mode === "coupling" ? x : 1 / x));
    const after = raw.reduce((s, x) => s + x, 0);
    const coupling = Float64Array.from(raw, (j) => (j * total) / after);
    current = withCouplings(current, coupling, `${graph.label}+ricci(${kind},${mode},${t + 1})`);
    history.push({ step: t + 1, curvature: kappa, coupling });
  }
  return { graph: current, history };
}

/**
 * The Ollivier–Ricci curvature κ_α that {@link ricciFlow} moves each edge by, for a reading of the graph's couplings
 * J: `"coupling"` (default), the hop metric with the walk along J; `"length"`, the metric of the lengths 1/J
 * (shortest-path cost, uniform walk). α defaults to 0.5, as in the flow.
 *
 * @example
 * ```ts
 * const g = twoCommunities(5, 1); // edge 4 is the bridge 0–5
 * flowCurvature(g)[4]; // → -0.6 (unit weights: both readings agree)
 * flowCurvature(g, { weights: "length" })[4]; // → -0.6
 * const flowed = ricciFlow(g, { steps: 5, weights: "length" }).graph; // the bridge now longer than the clique edges
 * [flowCurvature(flowed, { weights: "length" })[4], flowCurvature(flowed)[4]]; // → [-0.318, -0.721]
 * ```
 */
export function flowCurvature(graph: Graph, options: { alpha?: number; weights?: "coupling" | "length" } = {}): Float64Array {
  const alpha = check.probability(WHERE, "alpha", options.alpha ?? 0.5);
  const mode = check.oneOf(WHERE, "weights", options.weights ?? "coupling", ["coupling", "length"] as const);
  if (mode === "coupling") return ollivierCurvature(graph, { alpha });
  const lengths = withCouplings(
    graph,
    Float64Array.from(graph.weight, (j) => 1 / j),
    `${graph.label}:lengths`,
  );
  return ollivierCurvature(lengths, { alpha, metric: "length" });
}

/**
 * The same topology with new couplings, one per edge in the graph's edge order (a fresh graphology graph carries
 * them as `weight`).
 *
 * @example
 * ```ts
 * const g = withCouplings(ringGraph(4, 2), Float64Array.of(1, 2, 3, 4), "weighted ring"); // edges (0,1), (0,3), (1,2), (2,3)
 * g.degree; // → Float64Array [3, 4, 7, 6]
 * ```
 */
export function withCouplings(graph: Graph, coupling: Float64Array, label: string): Graph {
  if (coupling.length !== graph.edgeCount) throw new ArgumentError(WHERE, "coupling", `${graph.edgeCount} numbers`, coupling.length);
  const g = new UndirectedGraph();
  graph.keys.forEach((k) => g.addNode(k));
  for (let e = 0; e < graph.edgeCount; e++) g.addEdge(graph.keys[graph.src[e]!]!, graph.keys[graph.dst[e]!]!, { weight: coupling[e] });
  return fromEdges(graph.n, graph.src.slice(), graph.dst.slice(), coupling.slice(), label, g, graph.keys);
}

/**
 * Two cliques K_m joined by `bridges` disjoint edges (i ↔ m + i): the simplest graph with two communities.
 * 2m nodes, m(m − 1) + bridges edges, J = 1.
 *
 * @example
 * ```ts
 * const g = twoCommunities(5, 1);
 * [g.n, g.edgeCount, g.label]; // → [10, 21, "two-communities:5:1"]
 * ```
 */
export function twoCommunities(size: number, bridges: number): Graph {
  const m = check.integer(WHERE, "size", size, 2);
  const k = check.integer(WHERE, "bridges", bridges, 1, m);
  const g = new UndirectedGraph();
  for (let i = 0; i < 2 * m; i++) g.addNode(String(i));
  for (const offset of [0, m])
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) g.addEdge(String(offset + i), String(offset + j));
  for (let i = 0; i < k; i++) g.addEdge(String(i), String(m + i));
  const src: number[] = [];
  const dst: number[] = [];
  g.forEachEdge((_e, _a, s, t) => {
    const a = Number(s);
    const b = Number(t);
    src.push(Math.min(a, b));
    dst.push(Math.max(a, b));
  });
  const order = src.map((_, e) => e).sort((a, b) => src[a]! - src[b]! || dst[a]! - dst[b]!);
  return fromEdges(
    2 * m,
    Int32Array.from(order, (e) => src[e]!),
    Int32Array.from(order, (e) => dst[e]!),
    new Float64Array(order.length).fill(1),
    `two-communities:${m}:${k}`,
    g,
  );
}

/** Field-free summary of a graph's consensus speed: λ₂ and the continuous-time gradient-flow prediction. */
export interface ConsensusSpectrum {
  /** Fiedler value λ₂ of the weighted Laplacian. */
  fiedler: number;
  lambdaMax: number;
  /**
   * Predicted continuous time for the consensus error (1/N)Σ‖x_i − x̄‖² to fall by the factor `reduction` under
   * dx/dt = −∇H_int = −2Lx: each mode's amplitude decays as e^{−2λt}, its square as e^{−4λt}, and the slowest
   * mode (λ₂) dominates at late times, so t ≈ ln(1/reduction) / (4 λ₂) (exact when x starts on the Fiedler vector).
   */
  predictedTime: number;
}

/**
 * λ₂, λ_max (dense spectrum: graphs up to DENSE_SPECTRUM_LIMIT nodes) and the slowest-mode consensus time
 * ln(1/reduction) / (4λ₂), in the flow's time units.
 *
 * @example
 * ```ts
 * consensusSpectrum(twoCommunities(5, 1), 1e-4); // → { fiedler: 0.298, lambdaMax: 6.70, predictedTime: 7.72 }
 * ```
 */
export function consensusSpectrum(graph: Graph, reduction: number): ConsensusSpectrum {
  if (!(reduction > 0 && reduction < 1)) throw new ArgumentError(WHERE, "reduction", "a number in (0, 1)", reduction);
  if (!isConnected(graph)) throw new ArgumentError(WHERE, "graph", "connected", graph.label);
  const ev = laplacianEigenvalues(graph);
  const fiedler = ev[1]!;
  return { fiedler, lambdaMax: ev[ev.length - 1]!, predictedTime: Math.log(1 / reduction) / (4 * fiedler) };
}
