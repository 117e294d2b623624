/**
 * The disjoint union of graphs: graph c's node i becomes node offset_c + i, its edges and couplings kept, no edge
 * between graphs. Simulating the union with R runs is simulating each graph with R runs at once: the same
 * arithmetic as one graph with more runs, so a sample over many random networks costs what a sample on one does
 * (src/studies/ambient/simulate.ts `networks`).
 */
import { UndirectedGraph } from "graphology";
import { ArgumentError } from "../errors";
import { fromEdges, type Graph } from "./graph";

/**
 * Graphs side by side, in order: node i of `graphs[c]` is node Σ_{d<c} n_d + i of the union.
 *
 * @example
 * ```ts
 * const u = disjointUnion([ringGraph(4, 2), ringGraph(3, 2)]);
 * [u.n, u.edgeCount, u.label]; // → [7, 7, "union(ring:4:2, ring:3:2)"]
 * [u.src[4], u.dst[4]]; // → [4, 5] (the second ring's first edge, shifted by 4)
 * ```
 */
export function disjointUnion(graphs: readonly Graph[]): Graph {
  if (graphs.length === 0) throw new ArgumentError("emtd/graph/disjointUnion", "graphs", "at least one graph", 0);
  const n = graphs.reduce((a, g) => a + g.n, 0);
  const edges = graphs.reduce((a, g) => a + g.edgeCount, 0);
  const src = new Int32Array(edges);
  const dst = new Int32Array(edges);
  const weight = new Float64Array(edges);
  const g = new UndirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  let offset = 0;
  let e = 0;
  for (const part of graphs) {
    for (let k = 0; k < part.edgeCount; k++, e++) {
      src[e] = part.src[k]! + offset;
      dst[e] = part.dst[k]! + offset;
      weight[e] = part.weight[k]!;
      g.addEdge(String(src[e]), String(dst[e]), { weight: weight[e] });
    }
    offset += part.n;
  }
  const names = graphs.map((p) => p.label);
  const label =
    names.every((l) => l === names[0]) && names.length > 2 ? `union(${names.length} × ${names[0]})` : `union(${names.join(", ")})`;
  return fromEdges(n, src, dst, weight, label, g);
}
