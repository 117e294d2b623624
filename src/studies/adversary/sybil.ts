/**
 * Sybil identities joined to a graph the way an attacker joins an open network: each of k new identities opens
 * m links to distinct existing (honest) nodes, chosen either by preferential attachment (probability ∝ degree in the
 * original graph, as a newcomer in Barabási–Albert growth picks well-connected peers) or uniformly at random.
 * The identities get the ids n, n+1, …, n+k−1; the original nodes keep theirs.
 */
import { check, ArgumentError } from "../../errors";
import { graphFromEdgeList } from "../../graph/direct";
import type { Graph } from "../../graph/graph";

export type Attachment = "preferential" | "random";

/**
 * A new graph: `graph` plus `k` Sybil identities, each linked to `m` distinct original nodes.
 * `rng` gives uniform [0, 1) draws (e.g. `uniformSource(key)`).
 *
 * @example
 * ```ts
 * const g = attachSybils(graphs.complete(10), 3, 2, "preferential", uniformSource(key(1))); // 13 nodes, 45 + 6 edges
 * ```
 */
export function attachSybils(graph: Graph, k: number, m: number, attachment: Attachment, rng: () => number): Graph {
  const where = "emtd/adversary/sybil";
  check.integer(where, "k", k, 0);
  check.integer(where, "m", m, 1, graph.n);
  if (attachment !== "preferential" && attachment !== "random")
    throw new ArgumentError(where, "attachment", "preferential or random", attachment);
  const n = graph.n;
  const E = graph.edgeCount;
  const a = new Int32Array(E + k * m);
  const b = new Int32Array(E + k * m);
  a.set(graph.src);
  b.set(graph.dst);
  // Cumulative degree for preferential draws (unit weight per edge end; isolated nodes get weight 1 so they can be reached).
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += attachment === "preferential" ? Math.max(graph.degree[i]!, 1) : 1;
    cumulative[i] = total;
  }
  const draw = (): number => {
    const u = rng() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  let e = E;
  for (let s = 0; s < k; s++) {
    const targets = new Set<number>();
    while (targets.size < m) targets.add(draw());
    for (const t of [...targets].sort((x, y) => x - y)) {
      a[e] = t;
      b[e] = n + s;
      e++;
    }
  }
  return graphFromEdgeList(n + k, a, b, null, `${graph.label}+sybil:${k}:${m}:${attachment}`);
}
