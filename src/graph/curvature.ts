/**
 * Discrete Ricci curvature of the edges of a {@link Graph}, the geometric notion behind §2.1's "Ricci flow on the
 * information manifold". Two standard discretisations:
 *
 * Forman (Forman 2003; for networks Sreejith et al. 2016, J. Stat. Mech. 063206), edge weights w_e = J_ij, node
 * weights 1:
 *   F(e = xy) = w_e [ 1/w_e + 1/w_e − Σ_{e' ∋ x, e' ≠ e} 1/√(w_e w_e') − Σ_{e' ∋ y, e' ≠ e} 1/√(w_e w_e') ]
 *             = 2 − Σ_{e' ∋ x, e' ≠ e} √(w_e / w_e') − Σ_{e' ∋ y, e' ≠ e} √(w_e / w_e').
 *   Unit weights: F = 4 − d_x − d_y. With `augmented` (unit weights only) each triangle through e adds 3
 *   (Samal et al. 2018, Sci. Rep. 8:8650), which makes cliques positively curved like Ollivier's.
 *
 * Ollivier (Ollivier 2009, J. Funct. Anal. 256:810) with idleness α ∈ [0, 1]:
 *   κ_α(x, y) = 1 − W₁(m_x, m_y) / d(x, y),   m_x(x) = α,  m_x(z) = (1 − α) J_xz / D_x for z ~ x (D_x = Σ_z J_xz),
 *   the lazy random walk that moves along couplings; d is the hop distance (so d(x, y) = 1 on an edge and the
 *   weights enter through the walk only: a coupling is a bandwidth, not a length). W₁ is the optimal-transport
 *   cost between the two measures with cost d, solved exactly as a transportation linear programme by YALPS
 *   (simplex; variables π_uv ≥ 0 for u ∈ supp m_x, v ∈ supp m_y; row sums m_x, column sums m_y). The LP has at most
 *   (d_x + 1)(d_y + 1) variables.
 *
 * With `metric: "length"` the edge weights are read as LENGTHS ℓ_e instead (Ollivier 2009 on a metric space; Ni, Lin,
 * Luo & Gao 2019, Sci. Rep. 9:9984, for networks): the cost is the weighted shortest-path distance d_ℓ (Dijkstra over
 * the whole graph, since a shortest path between two support nodes may leave their 3-hop neighbourhood), and
 *   κ_α(x, y) = 1 − W₁(m_x, m_y) / d_ℓ(x, y),   m_x(x) = α,  m_x(z) = (1 − α) / deg(x) for z ~ x,
 * where d_ℓ(x, y) ≤ ℓ_xy is the distance between the edge's ends. The walk is uniform over neighbours: the lengths
 * enter through the metric only (no second time through the walk, as masses ∝ 1/ℓ = J would), κ stays scale-free
 * (every length × c scales W₁ and d_ℓ alike; Ni et al.'s masses ∝ exp(−ℓ²) are not), and with every length 1 it is
 * the hop curvature above, bit for bit.
 *
 * Closed forms (unit weights) that the tests check: K_n: κ_α = 1 − |α − (1 − α)/(n − 1)|, F = 6 − 2n; cycles
 * C_n with n ≥ 6: κ_α = 0, F = 0; trees at α = 0: κ = −2(1 − 1/d_x − 1/d_y)₊ (Jost & Liu 2014), F = 4 − d_x − d_y.
 */
import { solve, type Model } from "yalps";
import { ArgumentError, check } from "../errors";
import { adjacencyCsr, type Graph } from "./graph";

const WHERE = "emtd/graph/curvature";

/**
 * Forman curvature of every edge, in the graph's edge order: for unit weights F(e) = 4 − deg(u) − deg(v), plus
 * 3 × the triangles on e when `augmented`.
 *
 * @example
 * ```ts
 * formanCurvature(ringGraph(6, 2)); // → Float64Array [0, 0, 0, 0, 0, 0]
 * formanCurvature(twoCommunities(5, 1))[4]; // → -6 (the bridge 0–5: 4 − 5 − 5)
 * ```
 */
export function formanCurvature(graph: Graph, options: { augmented?: boolean } = {}): Float64Array {
  const csr = adjacencyCsr(graph);
  const out = new Float64Array(graph.edgeCount);
  const augmented = options.augmented ?? false;
  if (augmented && !graph.unitWeights) {
    throw new ArgumentError(WHERE, "augmented", "used on a graph with unit weights (the weighted triangle term is not defined here)", true);
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const x = graph.src[e]!;
    const y = graph.dst[e]!;
    const w = graph.weight[e]!;
    if (!(w > 0)) throw new ArgumentError(WHERE, `weight of edge ${x}–${y}`, "a number > 0 for Forman curvature", w);
    let f = 2;
    for (const [a, b] of [
      [x, y],
      [y, x],
    ] as const) {
      for (let p = csr.rowPtr[a]!; p < csr.rowPtr[a + 1]!; p++) {
        if (csr.col[p] === b) continue;
        f -= Math.sqrt(w / csr.value[p]!);
      }
    }
    if (augmented) f += 3 * commonNeighbours(csr, x, y);
    out[e] = f;
  }
  return out;
}

function commonNeighbours(csr: ReturnType<typeof adjacencyCsr>, x: number, y: number): number {
  let count = 0;
  let p = csr.rowPtr[x]!;
  let q = csr.rowPtr[y]!;
  // Rows are sorted: merge.
  while (p < csr.rowPtr[x + 1]! && q < csr.rowPtr[y + 1]!) {
    const a = csr.col[p]!;
    const b = csr.col[q]!;
    if (a === b) {
      count++;
      p++;
      q++;
    } else if (a < b) p++;
    else q++;
  }
  return count;
}

/**
 * The lazy random-walk measure m_x^α as parallel arrays (support ascending, masses): α on x, (1 − α) J_xy / D_x on
 * each neighbour y.
 *
 * @example
 * ```ts
 * walkMeasure(ringGraph(6, 2), 0, 0.5); // → { support: Int32Array [0, 1, 5], mass: Float64Array [0.5, 0.25, 0.25] }
 * ```
 */
export function walkMeasure(
  graph: Graph,
  x: number,
  alpha: number,
  csr = adjacencyCsr(graph),
): { support: Int32Array; mass: Float64Array } {
  const start = csr.rowPtr[x]!;
  const end = csr.rowPtr[x + 1]!;
  const degree = graph.degree[x]!;
  const entries: Array<[number, number]> = [[x, alpha]];
  for (let p = start; p < end; p++) entries.push([csr.col[p]!, degree > 0 ? ((1 - alpha) * csr.value[p]!) / degree : 0]);
  if (degree === 0) entries[0]![1] = 1;
  entries.sort((a, b) => a[0] - b[0]);
  return { support: Int32Array.from(entries, (e) => e[0]), mass: Float64Array.from(entries, (e) => e[1]) };
}

/** Hop distances from `source` up to `depth` (BFS); nodes farther away are absent. */
function hopDistances(csr: ReturnType<typeof adjacencyCsr>, source: number, depth: number): Map<number, number> {
  const dist = new Map<number, number>([[source, 0]]);
  let frontier = [source];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (let p = csr.rowPtr[u]!; p < csr.rowPtr[u + 1]!; p++) {
        const v = csr.col[p]!;
        if (!dist.has(v)) {
          dist.set(v, d);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/** The hop metric as a transport cost: BFS up to 3 hops per source, cached; a pair farther apart throws. */
function hopCost(csr: ReturnType<typeof adjacencyCsr>): (u: number, v: number) => number {
  const cache = new Map<number, Map<number, number>>();
  return (u, v) => {
    let dist = cache.get(u);
    if (!dist) cache.set(u, (dist = hopDistances(csr, u, 3)));
    const d = dist.get(v);
    if (d === undefined) throw new Error(`${WHERE}: supports farther apart than 3 hops`);
    return d;
  };
}

/** The shortest-path metric of the edge lengths `csr.value` as a transport cost: Dijkstra per source, cached. */
function lengthCost(csr: ReturnType<typeof adjacencyCsr>): (u: number, v: number) => number {
  const cache = new Map<number, Float64Array>();
  return (u, v) => {
    let dist = cache.get(u);
    if (!dist) cache.set(u, (dist = shortestPaths(csr, u)));
    return dist[v]!;
  };
}

/** Dijkstra from `source` over the whole graph with edge lengths `csr.value` (all > 0); unreachable nodes ∞. */
function shortestPaths(csr: ReturnType<typeof adjacencyCsr>, source: number): Float64Array {
  const dist = new Float64Array(csr.rowPtr.length - 1).fill(Infinity);
  dist[source] = 0;
  // Binary min-heap of (distance, node) with lazy deletion: a stale entry is skipped when popped.
  const heapD: number[] = [0];
  const heapU: number[] = [source];
  const swap = (i: number, j: number) => {
    [heapD[i], heapD[j]] = [heapD[j]!, heapD[i]!];
    [heapU[i], heapU[j]] = [heapU[j]!, heapU[i]!];
  };
  while (heapD.length > 0) {
    const d = heapD[0]!;
    const u = heapU[0]!;
    const lastD = heapD.pop()!;
    const lastU = heapU.pop()!;
    if (heapD.length > 0) {
      heapD[0] = lastD;
      heapU[0] = lastU;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heapD.length && heapD[l]! < heapD[m]!) m = l;
        if (r < heapD.length && heapD[r]! < heapD[m]!) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
    if (d > dist[u]!) continue;
    for (let p = csr.rowPtr[u]!; p < csr.rowPtr[u + 1]!; p++) {
      const v = csr.col[p]!;
      const nd = d + csr.value[p]!;
      if (nd < dist[v]!) {
        dist[v] = nd;
        heapD.push(nd);
        heapU.push(v);
        for (let i = heapD.length - 1; i > 0;) {
          const parent = (i - 1) >> 1;
          if (heapD[parent]! <= heapD[i]!) break;
          swap(i, parent);
          i = parent;
        }
      }
    }
  }
  return dist;
}

/**
 * W₁(μ, ν) for the transport cost `cost(u, v)`, exactly, by the transportation LP. The default cost is the hop
 * distance, for which the supports must lie within 3 hops of each other (true for the walk measures of adjacent
 * nodes). Mass common to both at the same node is matched first (it costs nothing and shrinks the LP; optimal for
 * any metric cost).
 *
 * @example
 * ```ts
 * const g = ringGraph(6, 2);
 * wasserstein1(adjacencyCsr(g), walkMeasure(g, 0, 0.5), walkMeasure(g, 1, 0.5)); // → 1 (so κ(0,1) = 1 − W₁/1 = 0)
 * wasserstein1(adjacencyCsr(g), walkMeasure(g, 0, 0.5), walkMeasure(g, 1, 0.5), (u, v) => 2.5 * Math.min(Math.abs(u - v), 6 - Math.abs(u - v))); // → 2.5
 * ```
 */
export function wasserstein1(
  csr: ReturnType<typeof adjacencyCsr>,
  mu: { support: Int32Array; mass: Float64Array },
  nu: { support: Int32Array; mass: Float64Array },
  cost: (u: number, v: number) => number = hopCost(csr),
): number {
  const a = new Map<number, number>();
  const b = new Map<number, number>();
  mu.support.forEach((u, i) => a.set(u, (a.get(u) ?? 0) + mu.mass[i]!));
  nu.support.forEach((v, i) => b.set(v, (b.get(v) ?? 0) + nu.mass[i]!));
  for (const [u, m] of a) {
    const common = Math.min(m, b.get(u) ?? 0);
    if (common > 0) {
      a.set(u, m - common);
      b.set(u, b.get(u)! - common);
    }
  }
  const tiny = 1e-15;
  const sources = [...a].filter(([, m]) => m > tiny);
  const sinks = [...b].filter(([, m]) => m > tiny);
  if (sources.length === 0 || sinks.length === 0) return 0;
  if (sources.length === 1 || sinks.length === 1) {
    // One side is a point mass: the plan is forced.
    let total = 0;
    for (const [u, mass] of sources) {
      for (const [v, m] of sinks) total += (sources.length === 1 ? m : mass) * cost(u, v);
    }
    return total;
  }
  const constraints = new Map<string, { equal: number }>();
  sources.forEach(([u, m]) => constraints.set(`s${u}`, { equal: m }));
  sinks.forEach(([v, m]) => constraints.set(`t${v}`, { equal: m }));
  const variables = new Map<string, Map<string, number>>();
  for (const [u] of sources) {
    for (const [v] of sinks) {
      variables.set(
        `${u}>${v}`,
        new Map([
          ["cost", cost(u, v)],
          [`s${u}`, 1],
          [`t${v}`, 1],
        ]),
      );
    }
  }
  const model: Model<string, string> = { direction: "minimize", objective: "cost", constraints, variables };
  // YALPS rounds the optimum to its `precision` (default 1e-8); masses here are ≥ 1e-15 and O(1), so 1e-12 keeps
  // the pivoting tolerance safe and the result exact to ~1e-12.
  const solution = solve(model, { precision: 1e-12 });
  if (solution.status !== "optimal") throw new Error(`${WHERE}: transport LP ended ${solution.status}`);
  return solution.result;
}

/**
 * The lazy walk of a graph whose weights are lengths: α on x, (1 − α) / deg(x) on each neighbour (uniform; the
 * lengths enter through the metric). With unit weights it is {@link walkMeasure}, bit for bit.
 */
function uniformWalkMeasure(csr: ReturnType<typeof adjacencyCsr>, x: number, alpha: number): { support: Int32Array; mass: Float64Array } {
  const start = csr.rowPtr[x]!;
  const deg = csr.rowPtr[x + 1]! - start;
  const entries: Array<[number, number]> = [[x, deg > 0 ? alpha : 1]];
  for (let p = start; p < start + deg; p++) entries.push([csr.col[p]!, (1 - alpha) / deg]);
  entries.sort((a, b) => a[0] - b[0]);
  return { support: Int32Array.from(entries, (e) => e[0]), mass: Float64Array.from(entries, (e) => e[1]) };
}

/**
 * Ollivier–Ricci curvature κ_α of every edge, in the graph's edge order. α ∈ [0, 1], default 0. `metric: "hop"`
 * (default): weights are couplings, the walk follows them and the cost is the hop distance. `metric: "length"`:
 * weights are lengths (each > 0), the walk is uniform over neighbours and the cost is the shortest-path distance,
 * κ = 1 − W₁ / d(x, y) with d(x, y) ≤ the edge's length.
 *
 * @example
 * ```ts
 * ollivierCurvature(graphs.complete(5));              // every edge 1 − 1/4 = 0.75
 * ollivierCurvature(graphs.ring(8, 2), { alpha: 0.5 }); // every edge 0
 * // lengths: 0–1 is 3 but the path 0–2–1 is 2; a leaf 3 hangs on 0
 * const g = graphFromEdgeList(4, Int32Array.of(0, 0, 1, 0), Int32Array.of(1, 2, 2, 3), Float64Array.of(3, 1, 1, 1), "lengths");
 * ollivierCurvature(g, { metric: "length" })[0]; // → 0.5833 (7/12: W₁ = 5/6 over d(0, 1) = 2)
 * ```
 */
export function ollivierCurvature(graph: Graph, options: { alpha?: number; metric?: "hop" | "length" } = {}): Float64Array {
  const alpha = check.probability(WHERE, "alpha", options.alpha ?? 0);
  const metric = check.oneOf(WHERE, "metric", options.metric ?? "hop", ["hop", "length"] as const);
  const csr = adjacencyCsr(graph);
  if (metric === "length") {
    for (let e = 0; e < graph.edgeCount; e++) {
      const w = graph.weight[e]!;
      if (!(w > 0 && w < Infinity)) {
        throw new ArgumentError(WHERE, `length of edge ${graph.src[e]}–${graph.dst[e]}`, "a finite number > 0", w);
      }
    }
  }
  const cost = metric === "hop" ? hopCost(csr) : lengthCost(csr);
  const measures = new Map<number, ReturnType<typeof walkMeasure>>();
  const measure = (x: number) => {
    let m = measures.get(x);
    if (!m) measures.set(x, (m = metric === "hop" ? walkMeasure(graph, x, alpha, csr) : uniformWalkMeasure(csr, x, alpha)));
    return m;
  };
  const out = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const x = graph.src[e]!;
    const y = graph.dst[e]!;
    out[e] = 1 - wasserstein1(csr, measure(x), measure(y), cost) / cost(x, y); // hop: d(x, y) = 1, W₁/1 = W₁ exactly
  }
  return out;
}
