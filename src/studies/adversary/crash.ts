/**
 * Crash (fail-stop) faults: a crashed node sends nothing, so the survivors run on the induced subgraph. Whether they
 * still agree is a property of that subgraph's connectivity, not of any rule.
 */
import { check } from "../../errors";
import { graphFromEdgeList } from "../../graph/direct";
import type { Graph } from "../../graph/graph";

/**
 * The subgraph induced by the nodes not in `crashed`, renumbered 0 … n−|crashed|−1 in their original order.
 *
 * @example
 * ```ts
 * withoutNodes(graphs.ring(10, 2), [0, 5]).edgeCount; // 6: the cycle falls into two paths of 4 nodes
 * ```
 */
export function withoutNodes(graph: Graph, crashed: readonly number[]): Graph {
  const gone = new Uint8Array(graph.n);
  for (const i of crashed) gone[check.integer("emtd/adversary/crash", "crashed[]", i, 0, graph.n - 1)] = 1;
  const index = new Int32Array(graph.n).fill(-1);
  let n = 0;
  for (let i = 0; i < graph.n; i++) if (!gone[i]) index[i] = n++;
  const a: number[] = [];
  const b: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const s = index[graph.src[e]!]!;
    const t = index[graph.dst[e]!]!;
    if (s >= 0 && t >= 0) {
      a.push(s);
      b.push(t);
    }
  }
  return graphFromEdgeList(n, Int32Array.from(a), Int32Array.from(b), null, `${graph.label}−${crashed.length} crashed`);
}
