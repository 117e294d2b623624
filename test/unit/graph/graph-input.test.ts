/** One graph input (toGraph), one CSR builder, one float64 Laplacian. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { UndirectedGraph } from "graphology";
import { toGraph, GRAPH_INPUT_FORMS } from "../../../src/graph/input";
import { adjacencyCsr, fromGraphology, type Graph } from "../../../src/graph/graph";
import { graphs } from "../../../src/graph/generators";
import { wattsStrogatzGraph } from "../../../src/graph/direct";
import { laplacianMatrix, laplacianOperator } from "../../../src/graph/laplacian";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { key, uniformSource } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";

const packed = (g: Graph) => ({ n: g.n, src: [...g.src], dst: [...g.dst], weight: [...g.weight] });

test("toGraph: a Graph, a graphology graph, an edge list and neighbour lists of one 5-cycle give the same packed graph", () => {
  const ring = graphs.ring(5, 2);
  assert.equal(toGraph(ring), ring, "a Graph passes through untouched");
  const g = new UndirectedGraph();
  for (let i = 0; i < 5; i++) g.addNode(String(i));
  for (let i = 0; i < 5; i++) g.addUndirectedEdge(String(i), String((i + 1) % 5));
  const expected = packed(ring);
  assert.deepEqual(packed(toGraph(g)), expected);
  assert.deepEqual(
    packed(
      toGraph({
        edges: [
          [0, 1],
          [2, 1],
          [2, 3],
          [3, 4],
          [4, 0],
        ],
      }),
    ),
    expected,
  );
  assert.deepEqual(
    packed(
      toGraph({
        adjacency: [
          [1, 4],
          [0, 2],
          [1, 3],
          [2, 4],
          [3, 0],
        ],
      }),
    ),
    expected,
    "symmetric lists: each edge once",
  );
  assert.deepEqual(packed(toGraph({ adjacency: [[1, 4], [2], [3], [4], []] })), expected, "one-sided lists: the same graph");
});

test("toGraph: weights, isolated trailing nodes and duplicate edges of an edge list", () => {
  const g = toGraph({
    edges: [
      [0, 1, 2],
      [1, 0, 0.5],
      [1, 2],
    ],
    n: 4,
  });
  assert.equal(g.n, 4);
  assert.deepEqual([...g.src], [0, 1]);
  assert.deepEqual([...g.dst], [1, 2]);
  assert.deepEqual([...g.weight], [2.5, 1], "duplicates merge by summing weights");
  assert.deepEqual([...g.degree], [2.5, 3.5, 1, 0]);
});

test("toGraph: anything else is an ArgumentError that names every accepted form", () => {
  for (const bad of [null, 3, "ring:5:2", [[0, 1]], { nodes: 3 }] as unknown[]) {
    assert.throws(
      () => toGraph(bad as never),
      (e: unknown) => e instanceof ArgumentError && e.message.includes(GRAPH_INPUT_FORMS),
    );
  }
  assert.throws(() => toGraph({ edges: [[0, 0]] }), /self-loops/);
  assert.throws(() => toGraph({ edges: [[0, -1]] }), ArgumentError);
  assert.throws(() => toGraph({ edges: [[0, 1]], n: 1 }), ArgumentError);
  assert.throws(() => toGraph({ adjacency: [[1], [5]] }), ArgumentError);
});

test("one CSR builder: the kernels' plan and adjacencyCsr hold the same rows, columns ascending", () => {
  const graph = fromGraphology(wattsStrogatzGraph(60, 6, 0.3, uniformSource(key(4))).graphology);
  const csr = adjacencyCsr(graph);
  const plan = planFor(graph);
  assert.deepEqual([...plan.rowPtr], [...csr.rowPtr]);
  assert.deepEqual([...plan.col], [...csr.col]);
  for (let i = 0; i < graph.n; i++) {
    for (let p = csr.rowPtr[i]! + 1; p < csr.rowPtr[i + 1]!; p++) assert.ok(csr.col[p - 1]! < csr.col[p]!);
    for (let p = csr.rowPtr[i]!; p < csr.rowPtr[i + 1]!; p++) assert.equal(csr.row[p], i);
  }
  assert.equal(csr.rowPtr[graph.n], 2 * graph.edgeCount);
});

test("one float64 Laplacian: the matrix-free product equals the dense matrix times v, and L·1 = 0", () => {
  const graph = toGraph({
    edges: [
      [0, 1, 2],
      [1, 2, 0.5],
      [2, 3],
      [3, 0, 3],
      [0, 2],
    ],
  });
  const L = laplacianMatrix(graph);
  const v = Float64Array.from([0.3, -1.2, 2.5, 0.7]);
  const out = new Float64Array(4);
  laplacianOperator(graph)(v, out);
  for (let i = 0; i < 4; i++) {
    let dense = 0;
    for (let j = 0; j < 4; j++) dense += L.get(i, j) * v[j]!;
    assert.ok(Math.abs(out[i]! - dense) < 1e-12, `row ${i}: ${out[i]} vs ${dense}`);
  }
  laplacianOperator(graph)(new Float64Array(4).fill(1), out);
  assert.deepEqual([...out], [0, 0, 0, 0]);
});
