import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key, normal } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { edgeDifferences } from "../../../src/ops/incidence";
import { interactionReference } from "../../../src/hamiltonian/interaction";
import { valueAndGradient } from "../../../src/engine/kernels/configs/backprop";
import { deferredStats, setDeferral, withDeferral } from "../../../src/engine/kernels/configs/deferred-tensors";
import { ready } from "../../../src/engine/backend";
import { setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";

const bits = (t: tf.Tensor) => Array.from(new Uint32Array(Float32Array.from(t.dataSync() as Float32Array).buffer));
const dataIds = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();

/** valueAndGradient(f, x) with deferral on and off: value and gradient bits of each, and the deferral counts of the first. */
function both(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor) {
  const start = { ...deferredStats };
  const on = valueAndGradient(f, x);
  const counts = {
    deferred: deferredStats.deferred - start.deferred,
    computed: deferredStats.computed - start.computed,
    skipped: deferredStats.skipped - start.skipped,
    fused: deferredStats.fused - start.fused,
  };
  setDeferral(false);
  try {
    const off = valueAndGradient(f, x);
    const out = { on: [bits(on.value), bits(on.grad)], off: [bits(off.value), bits(off.grad)], counts };
    tf.dispose([on.value, on.grad, off.value, off.grad]);
    return out;
  } finally {
    setDeferral(true);
  }
}

test("a pair term's forward temporaries are deferred and never written; value and gradient equal the undeferred ones bit for bit", async () => {
  await ready({ backend: "wasm" });
  const g = graphFromSpec("ws:1001:6:0.2", key(31)); // odd edge count: the loops' tails
  for (const coupling of [1, 0.7]) {
    const x = normal(key(32), [g.n, 2]);
    const H = interactionReference(g, { coupling });
    const f = (p: tf.Tensor) => H.energy(p as tf.Tensor2D);
    tf.dispose(Object.values(valueAndGradient(f, x))); // the graph's cached tensors
    const [tensors, ids] = [tf.memory().numTensors, dataIds()];
    const r = both(f, x);
    assert.deepEqual(r.on, r.off, `coupling ${coupling}`);
    // The edge differences, their squares, the row sums and the weighted rows: deferred, and freed unread (the fused
    // backward forms the differences from x itself); the Sum's total and its product with the coupling: deferred, and
    // written by the fused backward's pass.
    assert.deepEqual(r.counts, { deferred: 6, computed: 0, skipped: 4, fused: 2 });
    assert.equal(tf.memory().numTensors, tensors, "no tensor left");
    assert.equal(dataIds(), ids, "no backend data left (deferred entries and the references they held)");
    x.dispose();
  }
  releaseGraph(g);
});

test("a deferred tensor that something reads is computed first: the same bits as without deferral", async () => {
  await ready({ backend: "wasm" });
  const g = graphFromSpec("ring:301:4", key(33));
  const w = tf.keep(tf.abs(normal(key(34), [g.edgeCount, 1])));
  const norms = (x: tf.Tensor) => tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, g)), 1, true);
  const CASES: Array<[string, (x: tf.Tensor) => tf.Scalar, number, number?]> = [
    // [name, f, how many deferred tensors some op reads, how many totals the fused backward writes (else 0)]
    ["Σ x² (squares summed in one pass)", (x) => tf.sum(tf.square(x)), 0],
    ["the norms read by sqrt", (x) => tf.sum(tf.sqrt(tf.add(norms(x), 1e-3))), 1],
    // (the weighted rows, by the Sum over edges; Multiply's gradient is taken only for the norms, dy·w, which reads w)
    ["weighted rows summed over edges only", (x) => tf.sum(tf.sum(tf.mul(w, norms(x)), 0)), 1],
    // (the Sum's total and its product with 0.3)
    ["weights on the right, then a scale", (x) => tf.mul(tf.sum(tf.mul(norms(x), w)), 0.3), 0, 2],
    // (the total, by the Add: deferred, then read in the forward pass)
    ["a total read by an add", (x) => tf.add(tf.sum(norms(x)), 1), 1],
    ["the scale on the left, twice", (x) => tf.mul(0.5, tf.mul(tf.scalar(3), tf.sum(norms(x)))), 0, 3],
    ["the squares read by a product", (x) => tf.sum(tf.mul(tf.square(x), x)), 1],
    // (the differences, by the Square gradient, which reads its input)
    ["Σ of every squared difference", (x) => tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, g))), 1],
    // (the differences, by the product; used twice, the chain is not fused and the gradient reads them, now real; the
    // total, by the Add)
    [
      "the differences read twice",
      (x) =>
        tf.tidy(() => {
          const d = edgeDifferences(x as tf.Tensor2D, g);
          return tf.add(tf.sum(tf.sum(tf.square(d), 1)), tf.sum(tf.mul(d, 0.5)));
        }),
      2,
    ],
    // (the squared differences, by the product; the differences, by the Square gradient)
    ["the squared differences read by a product", (x) => tf.sum(tf.mul(tf.square(edgeDifferences(x as tf.Tensor2D, g)), 2)), 2],
    [
      "a temporary read inside f (dataSync)",
      (x) =>
        tf.tidy(() => {
          const n = norms(x);
          assert.ok(Number.isFinite((n.dataSync() as Float32Array)[0]!));
          return tf.sum(tf.mul(w, n));
        }),
      1,
    ],
  ];
  for (const [name, f, computed, fused = 0] of CASES) {
    const x = normal(key(35), [g.n, 2]);
    tf.dispose(Object.values(valueAndGradient(f, x)));
    const ids = dataIds();
    const r = both(f, x);
    assert.deepEqual(r.on, r.off, name);
    assert.equal(r.counts.computed, computed, `${name}: deferred tensors computed because something read them`);
    assert.equal(r.counts.fused, fused, `${name}: totals written by the fused backward`);
    assert.equal(dataIds(), ids, `${name}: no backend data left`);
    x.dispose();
  }
  w.dispose();
  releaseGraph(g);
});

test("the fused backward writes the pending totals of one weighting; a total with other weights keeps its own value", async () => {
  await ready({ backend: "wasm" });
  const g = graphFromSpec("ring:301:4", key(40));
  const w = tf.abs(normal(key(41), [g.edgeCount, 1]));
  const norms = (x: tf.Tensor) => tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, g)), 1, true);
  const x = normal(key(42), [g.n, 2]);
  // A total over the same field with unit weights, kept unread past the backward, made before or after the energy's
  // weighted one: the backward's pass forms the first pending total's weighting, so it writes the kept total or the
  // energy's, and the other is computed where it is read.
  for (const keptFirst of [true, false]) {
    const kept: tf.Tensor[] = [];
    const f = (p: tf.Tensor) =>
      tf.tidy(() => {
        if (keptFirst) kept.push(tf.keep(tf.sum(norms(p))));
        const energy = tf.sum(tf.mul(w, norms(p))) as tf.Scalar;
        if (!keptFirst) kept.push(tf.keep(tf.sum(norms(p))));
        return energy;
      });
    tf.dispose(Object.values(valueAndGradient(f, x)));
    tf.dispose(kept.splice(0));
    const start = { ...deferredStats };
    const on = valueAndGradient(f, x);
    const got = [bits(on.value), bits(on.grad), bits(kept[0]!)];
    assert.equal(deferredStats.fused - start.fused, 1, `keptFirst ${keptFirst}: one total written by the backward`);
    assert.equal(deferredStats.computed - start.computed, 1, `keptFirst ${keptFirst}: the other computed when read`);
    setDeferral(false);
    const off = valueAndGradient(f, x);
    setDeferral(true);
    assert.deepEqual(got, [bits(off.value), bits(off.grad), bits(kept[1]!)], `keptFirst ${keptFirst}`);
    tf.dispose([on.value, on.grad, off.value, off.grad, ...kept]);
  }
  tf.dispose([x, w]);
  releaseGraph(g);
});

test("a deferred tensor outlives the tensors it is computed from; outside withDeferral nothing is deferred", async () => {
  await ready({ backend: "wasm" });
  const x = normal(key(36), [257, 2]);
  const w = tf.abs(normal(key(37), [257, 1]));
  const before = deferredStats.deferred;
  const want = tf.mul(w, tf.sum(tf.square(x), 1, true)); // outside withDeferral: computed as it runs
  assert.equal(deferredStats.deferred, before);
  const ids = dataIds();
  const [x2, w2] = [tf.add(x, 0), tf.add(w, 0)]; // data of their own
  const got = withDeferral(() => tf.tidy(() => tf.mul(w2, tf.sum(tf.square(x2), 1, true))));
  assert.equal(deferredStats.deferred - before, 3);
  tf.dispose([x2, w2]); // their data stays while `got` needs it
  assert.deepEqual(bits(got), bits(want));
  got.dispose();
  assert.equal(dataIds(), ids, "the inputs' data freed with the last deferred tensor that held it");
  tf.dispose([x, w, want]);
});

test("a deferred tensor read after the SIMD loops are switched off is computed in JavaScript: the same bits", async () => {
  await ready({ backend: "wasm" });
  const x = normal(key(38), [129, 2]);
  const w = tf.abs(normal(key(39), [129, 1]));
  const g = graphFromSpec("ring:129:4", key(40));
  const we = tf.abs(normal(key(41), [g.edgeCount, 1]));
  const norms = () => tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, g)), 1, true);
  const chain = () =>
    tf.tidy(() => [
      tf.square(x),
      tf.sum(tf.square(x), 1, true),
      tf.mul(w, tf.sum(tf.square(x), 1, true)),
      tf.mul(tf.sum(tf.mul(we, norms())), 0.7), // a total over edge differences, times a scale
      tf.sum(norms()),
    ]);
  const want = chain();
  const got = withDeferral(chain);
  const computed = deferredStats.computed;
  setSimdEnabled(false);
  try {
    got.forEach((t, i) => assert.deepEqual(bits(t), bits(want[i]!), `deferred tensor ${i}`));
    assert.equal(deferredStats.computed - computed, 5);
  } finally {
    setSimdEnabled(true);
  }
  tf.dispose([x, w, we, ...want, ...got]);
  releaseGraph(g);
});
