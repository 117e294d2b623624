/**
 * Graph specifications as used by the `emtd` command and notebooks: `ring:N:k`, `ws:N:k:p`, `er:N:p`, `ba:N:m`,
 * `torus:L`, `complete:N`, and `file:PATH` (graphology JSON, GEXF, GraphML or an edge list). Random topologies draw from the key given, so a spec and a seed fix the graph.
 */
import { ArgumentError } from "../errors";
import { checkFits, graphBytes, GRAPHOLOGY_MAX_EDGES } from "../engine/budget";
import { type Key, uniformSource } from "../engine/random";
import { graphs } from "./generators";
import { graphFromFile } from "./files";
import type { Graph } from "./graph";

/**
 * The graph specs {@link graphFromSpec} accepts, as its errors name them.
 *
 * @example
 * ```ts
 * GRAPH_SPEC_FORMS; // → "ring:N:k, ws:N:k:p, er:N:p, ba:N:m, torus:L, complete:N or file:PATH"
 * ```
 */
export const GRAPH_SPEC_FORMS = "ring:N:k, ws:N:k:p, er:N:p, ba:N:m, torus:L, complete:N or file:PATH";

const WHERE = "emtd/graph";

function int(text: string, spec: string): number {
  if (!/^\d+$/.test(text)) throw new ArgumentError(WHERE, "graph", `one of ${GRAPH_SPEC_FORMS} with integer N, k, m, L`, spec);
  return Number(text);
}

function real(text: string, spec: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new ArgumentError(WHERE, "graph", `one of ${GRAPH_SPEC_FORMS} with p a number in [0, 1]`, spec);
  }
  return value;
}

/**
 * Parse and build a graph from its spec ({@link GRAPH_SPEC_FORMS}); `key` seeds the random topologies (ws, er, ba).
 * A malformed spec is an ArgumentError naming the accepted forms; a graph that cannot fit is refused up front with
 * a ResourceError carrying the estimate. `ring:N:k` and `torus:L` are built structured (no index arrays until read,
 * see `ringGraph`, `torusGraph`), but most callers read their edges, so they are estimated as packed graphs unless
 * the caller says it reads none (`indexFree`: the Langevin stencils of `emtd bench langevin`), which checks the
 * structured estimate. `needsEdges`: refuse a graph without edges (a file of one token is one node and no edge; a
 * command that samples or times the coupling has nothing to do on it).
 *
 * @example
 * ```ts
 * graphFromSpec("torus:4", key(0)).n; // → 16
 * graphFromSpec("er:20:0.2", key(1)).edgeCount; // → 35
 * try {
 *   graphFromSpec("ring:10", key(0)); // k is missing
 * } catch (e) {
 *   (e as Error).message; // → 'emtd/graph: graph must be one of ring:N:k, ws:N:k:p, er:N:p, ba:N:m, torus:L, complete:N or file:PATH (got "ring:10")'
 * }
 * ```
 */
export function graphFromSpec(spec: string, key: Key, options: { indexFree?: boolean; needsEdges?: boolean } = {}): Graph {
  const graph = buildFromSpec(spec, key, options.indexFree === true);
  if (options.needsEdges && graph.edgeCount === 0)
    throw new ArgumentError(
      WHERE,
      "graph",
      "a graph with at least one edge (nodes interact only along edges: without one there is nothing to measure)",
      `${spec}: ${graph.n} node${graph.n === 1 ? "" : "s"}, 0 edges`,
    );
  return graph;
}

function buildFromSpec(spec: string, key: Key, indexFree: boolean): Graph {
  // A path may itself contain colons: everything after the first one is the path.
  if (spec.startsWith("file:")) return graphFromFile(spec.slice("file:".length));
  const parts = spec.split(":");
  const kind = parts[0];
  const arity: Record<string, number> = { ring: 3, ws: 4, er: 3, ba: 3, torus: 2, complete: 2 };
  if (kind === undefined || !(kind in arity) || parts.length !== arity[kind]) {
    throw new ArgumentError(WHERE, "graph", `one of ${GRAPH_SPEC_FORMS}`, spec);
  }
  const n = (i: number) => int(parts[i]!, spec);
  const nodes = kind === "torus" ? n(1) ** 2 : n(1);
  // Edge counts known before building: the request is refused up front when it cannot fit (engine/budget).
  const edges: Record<string, () => number> = {
    ring: () => (n(1) * n(2)) / 2,
    ws: () => (n(1) * n(2)) / 2,
    torus: () => 2 * n(1) ** 2,
    complete: () => (n(1) * (n(1) - 1)) / 2,
    ba: () => n(2) * Math.max(0, n(1) - n(2)),
    er: () => {
      const pairs = (n(1) * (n(1) - 1)) / 2;
      const p = Math.min(1, Math.max(0, real(parts[2]!, spec)));
      return pairs * p + 6 * Math.sqrt(pairs * p * (1 - p));
    },
  };
  checkGraphFits(spec, kind, nodes, edges[kind]!(), indexFree && (kind === "ring" || kind === "torus"));
  const rng = uniformSource(key);
  switch (kind) {
    case "ring":
      return graphs.ring(int(parts[1]!, spec), int(parts[2]!, spec));
    case "ws":
      return graphs.ws(int(parts[1]!, spec), int(parts[2]!, spec), real(parts[3]!, spec), rng);
    case "er":
      return graphs.er(int(parts[1]!, spec), real(parts[2]!, spec), rng);
    case "ba":
      return graphs.ba(int(parts[1]!, spec), int(parts[2]!, spec), rng);
    case "torus":
      return graphs.torus(int(parts[1]!, spec));
    default:
      return graphs.complete(int(parts[1]!, spec));
  }
}

/** Largest node count: node indices are int32 in the packed graph and the kernels. */
export const MAX_NODES = 2 ** 31 - 1;

/**
 * Refuse a graph that cannot be indexed or cannot fit in memory, before building it (a typed error with the estimate).
 * `structured`: estimate a structured graph whose index arrays will not be read (engine/budget.graphBytes).
 *
 * @example
 * ```ts
 * checkGraphFits("ring:1000", "ring", 1000, 1000); // fits: returns nothing
 * try {
 *   checkGraphFits("ring:3000000000", "ring", 3e9, 3e9);
 * } catch (e) {
 *   console.log(e instanceof ArgumentError); // → true (more nodes than int32 indices allow)
 * }
 * ```
 */
export function checkGraphFits(spec: string, kind: string, nodes: number, edges: number, structured = false): void {
  if (nodes > MAX_NODES) throw new ArgumentError(WHERE, "graph", `a spec with at most ${MAX_NODES} nodes (int32 indices)`, spec);
  const viaGraphology = kind === "er" || kind === "ba" || kind === "complete";
  if (viaGraphology && edges > GRAPHOLOGY_MAX_EDGES) {
    throw new ArgumentError(
      WHERE,
      "graph",
      `a spec with at most 2^24 = ${GRAPHOLOGY_MAX_EDGES} edges for ${kind} (graphology keeps edges in a Map; this one has about ${Math.round(edges)})`,
      spec,
    );
  }
  const { bytes, heapBytes } = graphBytes(nodes, edges, viaGraphology, structured);
  checkFits(WHERE, `graph ${spec} (${nodes} nodes, about ${Math.round(edges)} edges)`, bytes, heapBytes);
}
