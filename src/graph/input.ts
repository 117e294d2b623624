/**
 * One graph input, normalised once: the library's functions take a {@link Graph}; {@link toGraph} turns any of the
 * accepted forms into one (NetKet's lesson: accept a graph, an edge list or adjacency, check once, and name what is
 * accepted when the input is none of them).
 */
import type { AbstractGraph } from "graphology-types";
import { ArgumentError } from "../errors";
import { graphFromEdgeList } from "./direct";
import { fromGraphology, type Graph } from "./graph";

/** An undirected edge list: pairs [i, j] or triples [i, j, J_ij] of node indices 0..n−1 (n: largest index + 1 unless given). */
export interface EdgeListInput {
  readonly edges: ReadonlyArray<readonly [number, number] | readonly [number, number, number]>;
  readonly n?: number;
}

/** Neighbour lists: `adjacency[i]` lists the neighbours of node i (an edge may appear in one list or in both). */
export interface AdjacencyInput {
  readonly adjacency: ReadonlyArray<ArrayLike<number>>;
}

export type GraphInput = Graph | AbstractGraph | EdgeListInput | AdjacencyInput;

/** The accepted forms, as every error of {@link toGraph} names them. */
export const GRAPH_INPUT_FORMS =
  "a Graph (graphs.*, graphFromSpec), a graphology graph, { edges: [[i, j] or [i, j, weight], …], n? } or { adjacency: [[neighbours of 0], …] }";

const WHERE = "emtd/graph/toGraph";

function isGraph(x: object): x is Graph {
  // A structured Graph builds its arrays on first read: recognised without reading them.
  const g = x as Graph;
  return "src" in x && (g.structure !== undefined || g.src instanceof Int32Array) && "degree" in x && "edgeCount" in x;
}

function isGraphology(x: object): x is AbstractGraph {
  return typeof (x as AbstractGraph).forEachEdge === "function" && typeof (x as AbstractGraph).nodes === "function";
}

function nodeIndex(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw new ArgumentError(WHERE, where, "a node index (integer ≥ 0)", value);
  return value;
}

function fromEdgeList(input: EdgeListInput): Graph {
  const m = input.edges.length;
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  const w = new Float64Array(m);
  let weighted = false;
  let maxIndex = -1;
  input.edges.forEach((edge, e) => {
    if (!Array.isArray(edge) || edge.length < 2 || edge.length > 3)
      throw new ArgumentError(WHERE, `edges[${e}]`, "[i, j] or [i, j, weight]", edge);
    a[e] = nodeIndex(edge[0], `edges[${e}][0]`);
    b[e] = nodeIndex(edge[1], `edges[${e}][1]`);
    w[e] = edge.length === 3 ? edge[2]! : 1;
    if (!Number.isFinite(w[e]) || w[e]! < 0) throw new ArgumentError(WHERE, `edges[${e}][2]`, "a finite weight ≥ 0", edge[2]);
    if (w[e] !== 1) weighted = true;
    maxIndex = Math.max(maxIndex, a[e]!, b[e]!);
  });
  const n = input.n ?? maxIndex + 1;
  if (!Number.isInteger(n) || n <= maxIndex)
    throw new ArgumentError(WHERE, "n", `an integer > ${maxIndex} (the largest node index)`, input.n);
  return graphFromEdgeList(n, a, b, weighted ? w : null, `edges(${n} nodes)`);
}

function fromAdjacency(input: AdjacencyInput): Graph {
  const n = input.adjacency.length;
  const a: number[] = [];
  const b: number[] = [];
  input.adjacency.forEach((row, i) => {
    if (row == null || typeof row.length !== "number")
      throw new ArgumentError(WHERE, `adjacency[${i}]`, "a list of neighbour indices", row);
    for (let p = 0; p < row.length; p++) {
      const j = nodeIndex(row[p], `adjacency[${i}][${p}]`);
      if (j >= n) throw new ArgumentError(WHERE, `adjacency[${i}][${p}]`, `a node index in [0, ${n - 1}]`, j);
      // Each undirected edge once, from whichever list names it first: symmetric lists do not double it.
      if (i < j || !Array.prototype.includes.call(input.adjacency[j]!, i)) {
        a.push(i);
        b.push(j);
      }
    }
  });
  return graphFromEdgeList(n, Int32Array.from(a), Int32Array.from(b), null, `adjacency(${n} nodes)`);
}

/**
 * Normalise any accepted graph input to a {@link Graph}, once: a Graph is returned as is; a graphology graph is
 * packed (`fromGraphology`); an edge list or neighbour lists are packed with unit couplings unless weights are
 * given. Duplicated edges in an edge list merge by summing weights; self-loops are rejected. Anything else throws
 * an ArgumentError that lists {@link GRAPH_INPUT_FORMS}.
 *
 * @example
 * ```ts
 * const triangle = toGraph({ edges: [[0, 1], [1, 2], [2, 0]] });
 * const path = toGraph({ adjacency: [[1], [0, 2], [1]] });
 * ```
 */
export function toGraph(input: GraphInput): Graph {
  if (input !== null && typeof input === "object") {
    if (isGraph(input)) return input;
    if (isGraphology(input)) return fromGraphology(input);
    if ("edges" in input && Array.isArray(input.edges)) return fromEdgeList(input);
    if ("adjacency" in input && Array.isArray(input.adjacency)) return fromAdjacency(input);
  }
  throw new ArgumentError(
    WHERE,
    "graph",
    GRAPH_INPUT_FORMS,
    Array.isArray(input) ? "a bare array (wrap it: { edges } or { adjacency })" : input,
  );
}
