/**
 * One builder per graph family, the {@link graphs} table that `graphFromSpec` reads: each builds the packed
 * {@link Graph} in typed arrays (graph/direct). Random families follow networkx's semantics (the §3.3 reference uses
 * `nx.watts_strogatz_graph`), so that the same distribution of graphs is sampled; the random streams differ.
 *
 * The graphology generators of the previous release (`ringLattice`, `wattsStrogatz`, `erdosRenyiGraph`,
 * `barabasiAlbert`, `torus`, `complete`) are deprecated aliases: each returns the graphology form of its family's
 * builder at the same stream (the same nodes and edges as before; graphology's edge order follows the packed
 * graph's, sorted by (src, dst)).
 */
import type { AbstractGraph } from "graphology-types";
import type { Graph } from "./graph";
import { barabasiAlbertDirect, completeDirect, erdosRenyiDirect, ringGraph, torusGraph, wattsStrogatzGraph } from "./direct";

type Rng = () => number;

/**
 * Ring lattice as a graphology graph.
 *
 * @deprecated Use {@link ringGraph} (`graphs.ring`); its `.graphology` is this graph.
 */
export function ringLattice(n: number, k: number): AbstractGraph {
  return ringGraph(n, k).graphology;
}

/**
 * Watts–Strogatz small world as a graphology graph.
 *
 * @deprecated Use {@link wattsStrogatzGraph} (`graphs.ws`), the same graph at the same stream; its `.graphology` is this graph.
 */
export function wattsStrogatz(n: number, k: number, p: number, rng: Rng): AbstractGraph {
  return wattsStrogatzGraph(n, k, p, rng).graphology;
}

/**
 * Erdős–Rényi G(n, p) as a graphology graph.
 *
 * @deprecated Use {@link erdosRenyiDirect} (`graphs.er`), the same graph at the same stream; its `.graphology` is this graph.
 */
export function erdosRenyiGraph(n: number, p: number, rng: Rng): AbstractGraph {
  return erdosRenyiDirect(n, p, rng).graphology;
}

/**
 * Barabási–Albert preferential attachment as a graphology graph.
 *
 * @deprecated Use {@link barabasiAlbertDirect} (`graphs.ba`), the same graph at the same stream; its `.graphology` is this graph.
 */
export function barabasiAlbert(n: number, m: number, rng: Rng): AbstractGraph {
  return barabasiAlbertDirect(n, m, rng).graphology;
}

/**
 * L×L periodic square lattice as a graphology graph.
 *
 * @deprecated Use {@link torusGraph} (`graphs.torus`); its `.graphology` is this graph.
 */
export function torus(L: number): AbstractGraph {
  return torusGraph(L).graphology;
}

/**
 * Complete graph K_n as a graphology graph.
 *
 * @deprecated Use `graphs.complete` (graph/direct's `completeDirect`); its `.graphology` is this graph.
 */
export function complete(n: number): AbstractGraph {
  return completeDirect(n).graphology;
}

/**
 * The one builder of each graph family, by the name `graphFromSpec` gives it (ring:N:k, ws:N:k:p, er:N:p, ba:N:m,
 * torus:L, complete:N), each a packed graph built in typed arrays (graph/direct): linear-time and light enough for
 * N = 10⁷. ring and torus are structured (no index arrays until read). The scale study's families
 * (graph/families) draw through the same builders.
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
  er: (n: number, p: number, rng: Rng): Graph => erdosRenyiDirect(n, p, rng),
  ba: (n: number, m: number, rng: Rng): Graph => barabasiAlbertDirect(n, m, rng),
  torus: (L: number): Graph => torusGraph(L),
  complete: (n: number): Graph => completeDirect(n),
};
