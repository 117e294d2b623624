import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { UndirectedGraph } from "graphology";
import { key, normal } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { fromGraphology } from "../../../src/graph/graph";
import { adjacencyProduct } from "../../../src/ops/adjacency";
import { colourMasks, releaseGraph } from "../../../src/ops/tensors";
import { edgeDifferences, incidenceTranspose } from "../../../src/ops/incidence";
import { laplacianProduct } from "../../../src/ops/laplacian";
import { denseLaplacianProduct, maxAbs, maxAbsDiff, onEachBackend } from "../../helpers";

function weightedGraph() {
  // Weighted, with isolated nodes at the end (empty trailing CSR rows) and in the middle.
  const g = new UndirectedGraph();
  for (let i = 0; i < 9; i++) g.addNode(String(i));
  const edges: [number, number, number][] = [
    [0, 1, 0.5],
    [1, 2, 2],
    [0, 2, 1.5],
    [2, 5, 3],
    [5, 6, 0.25],
  ];
  for (const [a, b, w] of edges) g.addEdge(String(a), String(b), { weight: w });
  return fromGraphology(g, { label: "weighted" });
}

const SPECS = ["ring:30:4", "ws:60:6:0.3", "er:50:0.1", "ba:60:2", "torus:5", "complete:7"];

test("L·X matches the dense float64 product on every graph and backend", async () => {
  await onEachBackend((backend) => {
    for (const g of [...SPECS.map((s) => graphFromSpec(s, key(1))), weightedGraph()]) {
      const x = normal(key(2), [g.n, 3]) as tf.Tensor2D;
      const lx = laplacianProduct(x, g);
      const expected = denseLaplacianProduct(g, x.dataSync() as Float32Array, 3);
      assert.ok(maxAbsDiff(lx.dataSync(), expected) < 1e-4 * (1 + maxAbs(expected)), `${backend} ${g.label}`);
      const ax = adjacencyProduct(x, g);
      const lx2 = tf.sub(tf.mul(x, tf.tensor2d(Float32Array.from(g.degree), [g.n, 1])), ax);
      assert.ok(maxAbsDiff(lx2.dataSync(), expected) < 1e-4 * (1 + maxAbs(expected)));
      tf.dispose([x, lx, ax, lx2]);
      releaseGraph(g);
    }
  });
});

test("edge differences and the incidence transpose are adjoint: ⟨B x, y⟩ = ⟨x, Bᵀ y⟩", async () => {
  await onEachBackend(() => {
    for (const g of [graphFromSpec("ws:40:4:0.5", key(3)), weightedGraph()]) {
      const x = normal(key(4), [g.n, 2]) as tf.Tensor2D;
      const y = normal(key(5), [g.edgeCount, 2]) as tf.Tensor2D;
      const lhs = tf.sum(tf.mul(edgeDifferences(x, g), y)).dataSync()[0]!;
      const rhs = tf.sum(tf.mul(x, incidenceTranspose(y, g))).dataSync()[0]!;
      assert.ok(Math.abs(lhs - rhs) < 1e-4 * (1 + Math.abs(lhs)), `${lhs} vs ${rhs}`);
      const xs = x.dataSync();
      const diff = edgeDifferences(x, g).dataSync();
      for (let e = 0; e < g.edgeCount; e++) {
        assert.ok(Math.abs(diff[2 * e]! - (xs[2 * g.src[e]!]! - xs[2 * g.dst[e]!]!)) < 1e-6);
      }
      releaseGraph(g);
    }
  });
});

test("gradients through the sparse operators equal their adjoints (autodiff stays linear)", async () => {
  await onEachBackend(() => {
    const g = weightedGraph();
    const x = normal(key(6), [g.n, 2]) as tf.Tensor2D;
    const w = normal(key(7), [g.n, 2]) as tf.Tensor2D;
    // d/dx ⟨w, L x⟩ = L w (L symmetric); d/dx ⟨v, B x⟩ = Bᵀ v.
    const gradL = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(w, laplacianProduct(z as tf.Tensor2D, g))))(x);
    assert.ok(maxAbsDiff(gradL.dataSync(), laplacianProduct(w, g).dataSync()) < 1e-5);
    const v = normal(key(8), [g.edgeCount, 2]) as tf.Tensor2D;
    const gradB = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(v, edgeDifferences(z as tf.Tensor2D, g))))(x);
    assert.ok(maxAbsDiff(gradB.dataSync(), incidenceTranspose(v, g).dataSync()) < 1e-5);
    releaseGraph(g);
  });
});

test("wrong field shapes are rejected with the expected shape", async () => {
  await onEachBackend(() => {
    const g = graphFromSpec("ring:10:2", key(1));
    assert.throws(() => laplacianProduct(tf.zeros([9, 2]) as tf.Tensor2D, g), /10 rows/);
  });
});

test("releaseGraph frees every cached tensor of a graph", async () => {
  await onEachBackend(() => {
    const before = tf.memory().numTensors;
    const g = weightedGraph();
    const x = tf.ones([g.n, 2]) as tf.Tensor2D;
    tf.dispose([laplacianProduct(x, g), edgeDifferences(x, g), colourMasks(g)[0]!.clone()]);
    assert.ok(tf.memory().numTensors > before + 1, "operators are cached");
    x.dispose();
    releaseGraph(g);
    assert.equal(tf.memory().numTensors, before);
  });
});
