/**
 * One builder per graph family, the {@link graphs} table that `graphFromSpec` reads: each builds the packed
 * {@link Graph} in typed arrays (graph/direct). Random families follow networkx's semantics (the §3.3 reference uses
 * `nx.watts_strogatz_graph`), so that the same distribution of graphs is sampled; the random streams differ.
 */
import type { Graph } from "./graph";
import { barabasiAlbertDirect, completeDirect, erdosRenyiDirect, ringGraph, torusGraph, wattsStrogatzGraph } from "./direct";

type Rng = () => number;

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
