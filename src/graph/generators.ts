/**
 * Topologies of the proposal and of the literature, as graphology graphs with seeded randomness. Random
 * generators follow networkx's semantics (the §3.3 reference uses `nx.watts_strogatz_graph`), so that the same
 * distribution of graphs is sampled; the random streams differ.
 */
import { UndirectedGraph } from "graphology";
import erdosRenyi from "graphology-generators/random/erdos-renyi";
import completeGenerator from "graphology-generators/classic/complete";
import type { AbstractGraph } from "graphology-types";
import { ArgumentError, check } from "../errors";
import { fromGraphology, type Graph } from "./graph";
import { ringGraph, torusGraph, wattsStrogatzEdges, wattsStrogatzGraph } from "./direct";

type Rng = () => number;

function emptyGraph(n: number): AbstractGraph {
  const g = new UndirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  return g;
}

function link(g: AbstractGraph, a: number, b: number): void {
  g.addUndirectedEdge(String(a), String(b));
}

/**
 * Ring lattice: node i joined to its k/2 nearest neighbours on each side (k even, 2 ≤ k < n), as a graphology
 * graph; pack it with {@link fromGraphology} (or use {@link ringGraph} directly).
 *
 * @example
 * ```ts
 * const g = ringLattice(6, 2);
 * [g.order, g.size]; // → [6, 6] (nodes, edges)
 * ```
 */
export function ringLattice(n: number, k: number): AbstractGraph {
  const where = "emtd/graph/ring";
  check.integer(where, "n", n, 3);
  check.integer(where, "k", k, 2, n - 1);
  if (k % 2 !== 0) throw new ArgumentError(where, "k", `an even integer in [2, ${n - 1}]`, k);
  const g = emptyGraph(n);
  for (let j = 1; j <= k / 2; j++) for (let i = 0; i < n; i++) link(g, i, (i + j) % n);
  return g;
}

/**
 * Watts–Strogatz small world with networkx's rewiring (the one core, direct.wattsStrogatzEdges) as a graphology
 * graph: the same edge set as {@link wattsStrogatzGraph} for the same stream.
 *
 * @example
 * ```ts
 * const g = wattsStrogatz(20, 4, 0.2, uniformSource(key(1)));
 * [g.order, g.size]; // → [20, 40] (rewiring keeps the edge count)
 * ```
 */
export function wattsStrogatz(n: number, k: number, p: number, rng: Rng): AbstractGraph {
  const { src, dst } = wattsStrogatzEdges(n, k, p, rng);
  const g = emptyGraph(n);
  for (let e = 0; e < src.length; e++) link(g, src[e]!, dst[e]!);
  return g;
}

/**
 * Erdős–Rényi G(n, p), sampled by graphology-generators in O(n + m), as a graphology graph; each edge present
 * independently with probability p (mean p·n(n − 1)/2 edges).
 *
 * @example
 * ```ts
 * const g = erdosRenyiGraph(20, 0.2, uniformSource(key(1)));
 * [g.order, g.size]; // → [20, 33] (mean 38)
 * ```
 */
export function erdosRenyiGraph(n: number, p: number, rng: Rng): AbstractGraph {
  const where = "emtd/graph/er";
  check.integer(where, "n", n, 1);
  check.probability(where, "p", p);
  return erdosRenyi.sparse(UndirectedGraph, { order: n, probability: p, rng });
}

/**
 * Barabási–Albert preferential attachment with networkx's construction: a star on m+1 nodes, then each new node
 * joins m distinct targets drawn from the list of edge endpoints (probability ∝ degree). A graphology graph with
 * m + (n − m − 1)·m edges.
 *
 * @example
 * ```ts
 * const g = barabasiAlbert(20, 2, uniformSource(key(1)));
 * [g.order, g.size]; // → [20, 36]
 * ```
 */
export function barabasiAlbert(n: number, m: number, rng: Rng): AbstractGraph {
  const where = "emtd/graph/ba";
  check.integer(where, "m", m, 1);
  check.integer(where, "n", n, m + 1);
  const g = emptyGraph(n);
  const endpoints: number[] = [];
  for (let i = 1; i <= m; i++) {
    link(g, 0, i);
    endpoints.push(0, i);
  }
  for (let source = m + 1; source < n; source++) {
    const targets = new Set<number>();
    while (targets.size < m) targets.add(endpoints[Math.floor(rng() * endpoints.length)]!);
    for (const t of targets) {
      link(g, source, t);
      endpoints.push(t, source);
    }
  }
  return g;
}

/**
 * L×L square lattice with periodic boundaries (4 neighbours per node); node index r·L + c. A graphology graph;
 * {@link torusGraph} builds the packed one directly.
 *
 * @example
 * ```ts
 * const g = torus(4);
 * [g.order, g.size]; // → [16, 32]
 * ```
 */
export function torus(L: number): AbstractGraph {
  check.integer("emtd/graph/torus", "L", L, 3);
  const g = emptyGraph(L * L);
  for (let r = 0; r < L; r++) {
    for (let c = 0; c < L; c++) {
      const i = r * L + c;
      link(g, i, r * L + ((c + 1) % L));
      link(g, i, ((r + 1) % L) * L + c);
    }
  }
  return g;
}

/**
 * Complete graph K_n (n(n − 1)/2 edges) as a graphology graph.
 *
 * @example
 * ```ts
 * const g = complete(5);
 * [g.order, g.size]; // → [5, 10]
 * ```
 */
export function complete(n: number): AbstractGraph {
  check.integer("emtd/graph/complete", "n", n, 2);
  return completeGenerator(UndirectedGraph, n);
}

/**
 * Packed graphs by topology. ring, ws and torus are built directly in typed arrays (graph/direct: the same Graph
 * as packing the graphology generator, tested equal, but linear-time and light enough for N = 10⁷); the others go
 * through graphology.
 *
 * @example
 * ```ts
 * Object.keys(graphs); // → ["ring", "ws", "er", "ba", "torus", "complete"]
 * graphs.er(20, 0.2, uniformSource(key(1))).label; // → "er:20:0.2"
 * ```
 */
export const graphs = {
  ring: (n: number, k: number): Graph => ringGraph(n, k),
  ws: (n: number, k: number, p: number, rng: Rng): Graph => wattsStrogatzGraph(n, k, p, rng),
  er: (n: number, p: number, rng: Rng): Graph => fromGraphology(erdosRenyiGraph(n, p, rng), { label: `er:${n}:${p}` }),
  ba: (n: number, m: number, rng: Rng): Graph => fromGraphology(barabasiAlbert(n, m, rng), { label: `ba:${n}:${m}` }),
  torus: (L: number): Graph => torusGraph(L),
  complete: (n: number): Graph => fromGraphology(complete(n), { label: `complete:${n}` }),
};
