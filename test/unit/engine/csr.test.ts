/**
 * The one symmetric CSR builder (engine/edges `edgesToCsr`, `symmetricCsr`) against each construction it replaced,
 * kept here verbatim as the reference: the engine's two-pass builder, the ambient fast path's neighbour lists, the
 * Ising enumeration's, the spin problems' (edges in any order, either endpoint first) and the GPU check's ring rows.
 * Every sum over a row runs in the entries' order, so rowPtr, col and the weights must agree bit for bit (Object.is)
 * on every graph, or a claim's numbers move.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { edgesToCsr, symmetricCsr, type PackedEdges } from "../../../src/engine/edges";
import { key, uniformSource } from "../../../src/engine/random";
import {
  barabasiAlbertDirect,
  completeDirect,
  erdosRenyiDirect,
  graphFromEdgeList,
  ringGraph,
  torusGraph,
  wattsStrogatzGraph,
} from "../../../src/graph/direct";
import type { Graph } from "../../../src/graph/graph";
import { checkGraphs } from "../../../src/bench/gpu-check";
import { injectedConsensusProblem, randomFieldRing, spinGlass, twoCommunityProblem, type SpinProblem } from "../../../src/spin/problem";

type Rows = { rowPtr: Int32Array; col: Int32Array; weight: ArrayLike<number> | null };

/** engine/edges.ts before: lower neighbours (as dst) in edge order, then upper ones (as src). */
function oldEngineCsr(edges: PackedEdges): Rows {
  const { n, src, dst, weight, edgeCount: E } = edges;
  const rowPtr = new Int32Array(n + 1);
  for (let e = 0; e < E; e++) {
    rowPtr[src[e]! + 1]!++;
    rowPtr[dst[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const col = new Int32Array(2 * E);
  const w = new Float64Array(2 * E);
  const cursor = rowPtr.slice(0, n);
  for (let e = 0; e < E; e++) {
    const at = cursor[dst[e]!]!++;
    col[at] = src[e]!;
    w[at] = weight[e]!;
  }
  for (let e = 0; e < E; e++) {
    const at = cursor[src[e]!]!++;
    col[at] = dst[e]!;
    w[at] = weight[e]!;
  }
  return { rowPtr, col, weight: w };
}

/** studies/ambient/fast.ts's neighbourLists before (ising-exact.ts's isingEnumeration built the same, u = src, v = dst). */
function oldAmbientLists(graph: Graph): Rows {
  const n = graph.n;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < graph.edgeCount; e++) {
    start[graph.src[e]! + 1]++;
    start[graph.dst[e]! + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const col = new Int32Array(2 * graph.edgeCount);
  const weight = new Float64Array(2 * graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const i = graph.src[e]!,
      j = graph.dst[e]!,
      w = graph.weight[e]!;
    col[fill[i]!] = j;
    weight[fill[i]!++] = w;
    col[fill[j]!] = i;
    weight[fill[j]!++] = w;
  }
  return { rowPtr: start, col, weight };
}

/** spin/ising/ising-exact.ts's adjacency before. */
function oldEnumerationLists(graph: Graph): Rows {
  const n = graph.n;
  const adjStart = new Int32Array(n + 1);
  for (let e = 0; e < graph.edgeCount; e++) {
    adjStart[graph.src[e]! + 1]!++;
    adjStart[graph.dst[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) adjStart[i + 1]! += adjStart[i]!;
  const adj = new Int32Array(adjStart[n]!);
  const adjW = new Float64Array(adjStart[n]!);
  const cursor = adjStart.slice(0, n);
  for (let e = 0; e < graph.edgeCount; e++) {
    const u = graph.src[e]!;
    const v = graph.dst[e]!;
    adj[cursor[u]!] = v;
    adjW[cursor[u]!++] = graph.weight[e]!;
    adj[cursor[v]!] = u;
    adjW[cursor[v]!++] = graph.weight[e]!;
  }
  return { rowPtr: adjStart, col: adj, weight: adjW };
}

/** spin/problem.ts's problemCsr before (its rows; the checks of the edges are its own). */
function oldProblemLists(p: SpinProblem): Rows {
  const n = p.n;
  const start = new Int32Array(n + 1);
  for (const [i, j] of p.edges) {
    start[i + 1]!++;
    start[j + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const neighbour = new Int32Array(start[n]!);
  const coupling = new Float64Array(start[n]!);
  const cursor = start.slice(0, n);
  for (const [i, j, J] of p.edges) {
    neighbour[cursor[i]!] = j;
    coupling[cursor[i]!++] = J;
    neighbour[cursor[j]!] = i;
    coupling[cursor[j]!++] = J;
  }
  return { rowPtr: start, col: neighbour, weight: coupling };
}

/** bench/gpu-check.ts's ring:64:10 rows before: each row's ring neighbours, sorted. */
function oldGpuCheckRing(n: number, h: number): Rows {
  const rowPtr = new Int32Array(n + 1);
  const col: number[] = [];
  for (let i = 0; i < n; i++) {
    const nb: number[] = [];
    for (let k = 1; k <= h; k++) nb.push((i + k) % n, (i - k + n) % n);
    col.push(...nb.sort((a, b) => a - b));
    rowPtr[i + 1] = col.length;
  }
  return { rowPtr, col: Int32Array.from(col), weight: null };
}

const bits = (a: ArrayLike<number>) => Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)));

function assertSame(got: Rows, want: Rows, what: string): void {
  assert.deepEqual(bits(got.rowPtr), bits(want.rowPtr), `${what}: rowPtr`);
  assert.deepEqual(bits(got.col), bits(want.col), `${what}: col`);
  if (want.weight) assert.deepEqual(bits(got.weight!), bits(want.weight), `${what}: weights`);
}

/** Graphs of every factory the claims use, weighted and not, with isolated nodes and hubs. */
function graphs(): Graph[] {
  const rng = (seed: number) => uniformSource(key(seed));
  const u = rng(9);
  const a = Int32Array.from({ length: 60 }, () => Math.floor(u() * 25));
  const b = Int32Array.from(a, (x) => (x + 1 + Math.floor(u() * 24)) % 25);
  return [
    ringGraph(16, 4),
    ringGraph(9, 2),
    torusGraph(5),
    wattsStrogatzGraph(40, 4, 0.3, rng(1)),
    erdosRenyiDirect(30, 0.15, rng(2)),
    barabasiAlbertDirect(40, 2, rng(3)),
    completeDirect(7),
    graphFromEdgeList(
      25,
      a,
      b,
      Float64Array.from(a, () => 0.25 + u()),
      "weighted",
    ),
  ];
}

test("the builder gives each graph the rows of the engine's two-pass builder, the ambient lists and the enumeration's", () => {
  const all = graphs();
  assert.equal(all.length, 8);
  for (const graph of all) {
    const built = symmetricCsr(graph);
    assert.ok(built.col.length > 0, `${graph.label} has edges`);
    assertSame(built, oldEngineCsr(graph), `${graph.label} (engine/edges)`);
    assertSame(built, oldAmbientLists(graph), `${graph.label} (ambient/fast)`);
    assertSame(built, oldEnumerationLists(graph), `${graph.label} (ising-exact)`);
    const float32 = edgesToCsr(
      graph,
      (length) => new Int32Array(length),
      (length) => new Float32Array(length),
    );
    assertSame(float32, { ...oldEngineCsr(graph), weight: Float32Array.from(oldEngineCsr(graph).weight!) }, `${graph.label} (float32)`);
    assert.equal(edgesToCsr(graph, (length) => new Int32Array(length), null).weight, null);
  }
});

test("the builder gives each spin problem the rows of problemCsr's own construction, edges in any order", () => {
  const u = uniformSource(key(5));
  // Edges unsorted and either endpoint first: the order problemCsr kept, which the engine's two-pass builder would not.
  const shuffled: [number, number, number][] = [];
  for (let e = 0; e < 40; e++) {
    const i = Math.floor(u() * 12);
    shuffled.push([i, (i + 1 + Math.floor(u() * 11)) % 12, u() - 0.5]);
  }
  const problems: SpinProblem[] = [
    twoCommunityProblem(),
    randomFieldRing(key(1)),
    spinGlass(key(2)),
    injectedConsensusProblem(),
    { n: 12, edges: shuffled, field: new Float64Array(12) },
  ];
  for (const [k, p] of problems.entries()) {
    const edges = {
      n: p.n,
      edgeCount: p.edges.length,
      src: p.edges.map((e) => e[0]),
      dst: p.edges.map((e) => e[1]),
      weight: p.edges.map((e) => e[2]),
    };
    assertSame(symmetricCsr(edges), oldProblemLists(p), `problem ${k}`);
  }
  const last = problems[4]!;
  const sorted = oldEngineCsr(packed(last));
  assert.notDeepEqual(bits(oldProblemLists(last).col), bits(sorted.col), "the shuffled problem tells the two orders apart");
});

/** A problem's edges as the engine's two-pass builder reads them (for the check that the orders differ). */
function packed(p: SpinProblem): PackedEdges {
  return {
    n: p.n,
    edgeCount: p.edges.length,
    src: Int32Array.from(p.edges, (e) => e[0]),
    dst: Int32Array.from(p.edges, (e) => e[1]),
    weight: p.edges.map((e) => e[2]),
    unitWeights: false,
    degree: new Float64Array(p.n),
  };
}

test("the GPU check's ring rows are the builder's rows of ring:64:10, as the check graph it hands the shader", () => {
  const want = oldGpuCheckRing(64, 5);
  assertSame(
    edgesToCsr(ringGraph(64, 10), (length) => new Int32Array(length), null),
    want,
    "ring:64:10",
  );
  const csr = checkGraphs().find((g) => g.kind === "csr")!;
  assertSame({ rowPtr: csr.rowPtr!, col: csr.col!, weight: null }, want, "emtd bench gpu's check graph");
});
