/**
 * λ_max's Gershgorin bound on structured graphs comes from their rule, without reading their edge arrays (at
 * N = 10⁸ the arrays do not fit, and `emtd sample`'s step hint read them): the rule's bound equals the one computed
 * from the arrays.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { largestLaplacianEigenvalue } from "../../../src/graph/stability";
import { ringGraph, torusGraph } from "../../../src/graph/direct";
import type { Graph } from "../../../src/graph/graph";

function boundFromArrays(graph: Graph): number {
  const degree = new Float64Array(graph.n);
  for (let e = 0; e < graph.edgeCount; e++) {
    degree[graph.src[e]!]! += graph.weight[e]!;
    degree[graph.dst[e]!]! += graph.weight[e]!;
  }
  return 2 * degree.reduce((m, v) => Math.max(m, v), 0);
}

for (const [name, make] of [
  ["ring:3000:10", () => ringGraph(3000, 10)],
  ["ring:2001:4", () => ringGraph(2001, 4)],
  ["torus:40", () => torusGraph(40)],
] as const) {
  test(`largestLaplacianEigenvalue on a structured ${name}: the rule's bound, equal to the arrays' bound`, () => {
    const graph = make();
    assert.ok(graph.structure !== undefined, "the generator returns a structured graph");
    const { value, exact } = largestLaplacianEigenvalue(graph);
    assert.equal(exact, false);
    assert.equal(value, boundFromArrays(graph));
  });
}
