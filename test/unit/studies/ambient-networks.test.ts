/**
 * The ambient model over many networks at once (simulateAmbient `networks`, src/graph/union.ts): the union of C
 * networks simulated together is each network simulated alone. Checked exactly without noise (T = 0, where the
 * runs' random streams do not enter), with injections, a fading participation, a watched and an excluded node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";
import { disjointUnion } from "../../../src/graph/union";
import { ringGraph } from "../../../src/graph/direct";
import { simulateAmbient, type AmbientOptions } from "../../../src/studies/ambient/simulate";
import { ambientGraph } from "../../../src/studies/ambient/networks";
import { releaseGraph } from "../../../src/ops/tensors";

test("disjointUnion shifts each graph's nodes past the ones before it and keeps its couplings", () => {
  const [a, b] = [ringGraph(4, 2), ringGraph(3, 2)];
  const u = disjointUnion([a, b]);
  assert.equal(u.n, 7);
  assert.equal(u.edgeCount, a.edgeCount + b.edgeCount);
  assert.deepEqual(Array.from(u.degree), [...a.degree, ...b.degree]);
  for (let e = 0; e < b.edgeCount; e++) {
    assert.equal(u.src[a.edgeCount + e], b.src[e]! + 4);
    assert.equal(u.dst[a.edgeCount + e], b.dst[e]! + 4);
  }
  assert.equal(u.label, "union(ring:4:2, ring:3:2)");
  assert.throws(() => disjointUnion([]), ArgumentError);
});

test("a union of networks simulated together is each network simulated alone (T = 0: exact)", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const graphs = [ambientGraph(16, key(3)), ambientGraph(16, key(4)), ambientGraph(16, key(5))];
  const union = disjointUnion(graphs);
  const design: Omit<AmbientOptions, "graph"> = {
    runs: 2,
    duration: 3,
    temperature: 0,
    decay: 0.1,
    fade: 2,
    participation: (t) => Float32Array.from({ length: 16 }, (_, i) => (i === 0 && t >= 1 ? 0 : 1)),
    injections: [
      { nodes: [0, 1, 2, 3], value: 1 },
      { nodes: [9], value: -1 },
    ],
    excludeFromObservables: [0],
    watch: [0],
    recordEvery: 0.5,
  };
  const together = simulateAmbient({ ...design, graph: union, networks: 3 }, key(7));
  assert.equal(together.runs, 6);
  assert.equal(together.nodes, 16);
  graphs.forEach((graph, c) => {
    const alone = simulateAmbient({ ...design, graph }, key(7));
    for (let k = 0; k < alone.times.length; k++)
      for (let r = 0; r < 2; r++) {
        const [i, j] = [k * 2 + r, k * 6 + c * 2 + r];
        assert.equal(together.holdA[j], alone.holdA[i], `network ${c}, record ${k}, run ${r}: held A`);
        assert.equal(together.holdB[j], alone.holdB[i]);
        assert.ok(Math.abs(together.mean[j]! - alone.mean[i]!) < 1e-6);
        assert.ok(Math.abs(together.watched[0]![j]! - alone.watched[0]![i]!) < 1e-6);
      }
    assert.deepEqual(Array.from(together.watchedWeight[0]!), Array.from(alone.watchedWeight[0]!));
  });
  assert.throws(() => simulateAmbient({ ...design, graph: union, networks: 5 }, key(7)), ArgumentError);
  assert.throws(
    () => simulateAmbient({ ...design, graph: union, networks: 3, participation: new Float32Array(48) }, key(7)),
    ArgumentError,
  );
  for (const g of [...graphs, union]) releaseGraph(g);
  assert.equal(tf.memory().numTensors, before, "no tensor leaks (the graphs' cached operators released)");
});

test("an adversary attaches in every network of a union, to targets drawn in each", async () => {
  await ready();
  const graph = ambientGraph(16, key(3));
  const union = disjointUnion([graph, graph, graph, graph]);
  const trace = simulateAmbient(
    { graph: union, networks: 4, runs: 1, duration: 2, temperature: 0, adversary: { identities: 1, weightEach: 10, targets: 3 } },
    key(8),
  );
  // Every network starts at A; a stubborn adversary (ω = 10) pulls its 3 targets below ½ in each copy.
  const last = trace.times.length - 1;
  const held = Array.from({ length: 4 }, (_, c) => trace.holdA[last * 4 + c]!);
  for (const h of held) assert.ok(h <= 13 / 16, `held ${h}: the adversary's 3 targets should be lost in every network`);
  // Different targets on the same graph: not every copy ends alike.
  assert.ok(
    new Set(held.map((h) => h.toFixed(6))).size > 1 ||
      new Set(Array.from(trace.mean.slice(last * 4, last * 4 + 4)).map((m) => m.toFixed(6))).size > 1,
  );
  releaseGraph(union);
  releaseGraph(graph);
});
