import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { edgeWeights, releaseGraph } from "../../../src/ops/tensors";
import { edgeDifferences } from "../../../src/ops/incidence";
import { interaction } from "../../../src/hamiltonian/interaction";
import { huberCoupling } from "../../../src/hamiltonian/variants";
import { defineTerm } from "../../../src/hamiltonian/term";
import { BroadcastError, checkBroadcasts } from "../../../src/hamiltonian/broadcast";

// Issue 73 item 4, the slip as a new user wrote it: an [E, 1] of weights times an [E] of squared lengths.
test("the [E, 1] × [E] slip is refused in one line naming the operation and both shapes; its fix passes", () => {
  const graph = graphFromSpec("ring:8:2", key(0));
  const psi = tf.tensor2d(
    Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)),
    [8, 2],
  );
  const slip = defineTerm({
    name: "weighted lengths",
    energy: (x) => tf.tidy(() => tf.sum(tf.mul(edgeWeights(graph), tf.sum(tf.square(edgeDifferences(x, graph)), 1))) as tf.Scalar),
  });
  const fixed = defineTerm({
    name: "weighted lengths (keepDims)",
    energy: (x) => tf.tidy(() => tf.sum(tf.mul(edgeWeights(graph), tf.sum(tf.square(edgeDifferences(x, graph)), 1, true))) as tf.Scalar),
  });
  try {
    checkBroadcasts(fixed, psi); // the graph's cached tensors made once, before counting
    const tensors = tf.memory().numTensors;
    assert.throws(
      () => checkBroadcasts(slip, psi),
      (e: unknown) => {
        assert.ok(e instanceof BroadcastError);
        assert.equal(e.op, "tf.mul");
        assert.deepEqual([e.a, e.b, e.output], [[8, 1], [8], [8, 8]]);
        assert.match(
          e.message,
          /^emtd\/hamiltonian\/checkBroadcasts: the energy of "weighted lengths" broadcasts tf\.mul of \[8, 1\] and \[8\] to \[8, 8\]/,
        );
        assert.doesNotMatch(e.message, /\n/);
        return true;
      },
    );
    // The library's own terms broadcast a weight column over channels (same rank) or a scalar: they pass.
    checkBroadcasts(interaction(graph), psi);
    checkBroadcasts(huberCoupling(graph, { delta: 0.5 }), psi);
    assert.equal(tf.memory().numTensors, tensors, "no tensor left behind");
  } finally {
    psi.dispose();
    releaseGraph(graph);
  }
});

test("an all-pairs term written on purpose ([N, 1, C] − [1, N, C], one rank) is not refused", () => {
  const psi = tf.tensor2d([0, 1, 2, 3, 4, 5], [3, 2]);
  const pairs = defineTerm({
    name: "all pairs",
    energy: (x) => tf.tidy(() => tf.sum(tf.square(tf.sub(tf.expandDims(x, 1), tf.expandDims(x, 0)))) as tf.Scalar),
  });
  try {
    checkBroadcasts(pairs, psi);
  } finally {
    psi.dispose();
  }
});

test("a per-node or per-edge column times a per-channel row ([N, 1] or [E, 1] with [C]) is not refused; [N, 1] with [N] is", () => {
  const psi = tf.tensor2d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [4, 3]);
  const term = (name: string, column: number, row: number) =>
    defineTerm({
      name,
      energy: (x) => tf.tidy(() => tf.add(tf.sum(x), tf.sum(tf.mul(tf.ones([column, 1]), tf.ones([row]))))) as tf.Scalar,
    });
  try {
    checkBroadcasts(term("node × channel", 4, 3), psi);
    checkBroadcasts(term("edge × channel", 6, 3), psi);
    assert.throws(
      () => checkBroadcasts(term("node × node", 4, 4), psi),
      (e: unknown) => e instanceof BroadcastError && e.output.join() === "4,4",
    );
  } finally {
    psi.dispose();
  }
});

test("the check leaves an enclosing tf.profile its kernels and the engine not profiling", async () => {
  const psi = tf.ones([4, 2]) as tf.Tensor2D;
  const square = defineTerm({ name: "square", energy: (x) => tf.sum(tf.square(x)) });
  const info = await tf.profile(() => checkBroadcasts(square, psi));
  psi.dispose();
  assert.ok(info.kernels.some((k) => k.name === "Square"));
  assert.equal(tf.engine().state.profiling, false);
});
