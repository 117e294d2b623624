import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key, normal } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { interactionReference } from "../../../src/hamiltonian/interaction";
import { defineTerm, energyAndGradient } from "../../../src/hamiltonian/term";
import { huberCoupling } from "../../../src/hamiltonian/variants";
import { edgeWeights } from "../../../src/ops/tensors";
import { valueAndGradient } from "../../../src/engine/kernels/configs/backprop";
import { graphFromEdgeList } from "../../../src/graph/direct";
import type { Graph } from "../../../src/graph/graph";
import { BROADCAST } from "../../../src/engine/kernels/configs/broadcast-kernel";
import { SQUARE_GRADIENT } from "../../../src/engine/kernels/configs/square-gradient-kernel";
import { hasKernel, runKernel } from "../../../src/engine/kernels/configs/dispatch";
import { installAutodiffOverrides, removeAutodiffOverrides } from "../../../src/engine/kernels/configs/autodiff-overrides";
import { edgeDifferences, incidenceTranspose } from "../../../src/ops/incidence";
import { setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { heapSimdFor } from "../../../src/engine/kernels/simd/simd-heap";
import { ready } from "../../../src/engine/backend";
import { maxAbs, maxAbsDiff, onEachBackend } from "../../helpers";

/** Bit for bit, except that any NaN equals any NaN (WebAssembly leaves NaN payloads unspecified). */
function assertBitsEqual(a: Float32Array, b: Float32Array, message: string): void {
  const bits = (v: Float32Array) => Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length), (u, i) => (Number.isNaN(v[i]) ? -1 : u));
  assert.deepEqual(bits(a), bits(b), message);
}

/** Run `body` with tfjs's stock Sum gradient and wasm Identity/Cast, then restore the overrides. */
function stock<T>(body: () => T): T {
  removeAutodiffOverrides();
  try {
    return body();
  } finally {
    installAutodiffOverrides();
  }
}

const SUM_CASES: Array<{ shape: number[]; axis: number | number[] | null; keepDims: boolean }> = [
  { shape: [7, 2], axis: 1, keepDims: true },
  { shape: [7, 2], axis: 1, keepDims: false },
  { shape: [7, 3], axis: 0, keepDims: true },
  { shape: [7, 3], axis: -1, keepDims: false },
  { shape: [7, 5], axis: null, keepDims: false },
  { shape: [7, 1], axis: 1, keepDims: true },
  { shape: [4, 3, 5], axis: [0, 2], keepDims: true },
  { shape: [4, 3, 5], axis: 1, keepDims: false },
  { shape: [2, 3, 4, 2], axis: [1, 3], keepDims: false },
  { shape: [9], axis: 0, keepDims: false },
  { shape: [0, 2], axis: 1, keepDims: true },
];

test("the Sum gradient through EmtdBroadcast equals tfjs's stock gradient exactly (shapes, axes, keepDims; cpu and wasm)", async () => {
  await onEachBackend((backend) => {
    assert.ok(hasKernel(BROADCAST), `${BROADCAST} on ${backend}`);
    SUM_CASES.forEach(({ shape, axis, keepDims }, i) => {
      const x = normal(key(40 + i), shape);
      const reducedShape = tf.sum(x, axis ?? undefined, keepDims).shape;
      const w = normal(key(60 + i), reducedShape);
      // dy = w, so every output position carries a different value back.
      const f = (z: tf.Tensor) => tf.sum(tf.mul(w, tf.sum(z, axis ?? undefined, keepDims)));
      const grad = tf.grad(f);
      const before = tf.memory().numTensors;
      const ours = grad(x);
      assert.equal(tf.memory().numTensors - before, 1, `only the gradient is left (${backend} #${i})`);
      const theirs = stock(() => grad(x));
      assert.deepEqual(ours.shape, shape);
      assert.deepEqual(ours.dataSync(), theirs.dataSync(), `${backend} ${JSON.stringify(shape)} axis ${axis} keepDims ${keepDims}`);
      tf.dispose([x, w, ours, theirs]);
    });
  });
});

test("EmtdBroadcast equals tf.broadcastTo on float32 and int32, across broadcast patterns", async () => {
  const CASES: Array<[number[], number[]]> = [
    [
      [5, 1],
      [5, 2],
    ],
    [
      [5, 1],
      [5, 3],
    ],
    [
      [1, 4],
      [6, 4],
    ],
    [
      [1, 1],
      [3, 4],
    ],
    [[1], [7]],
    [
      [3, 1, 2],
      [3, 4, 2],
    ],
    [
      [1, 3, 1, 2],
      [2, 3, 4, 2],
    ],
    [
      [2, 1, 1],
      [2, 3, 1],
    ],
    [
      [4, 2],
      [4, 2],
    ],
  ];
  await onEachBackend((backend) => {
    for (const [from, to] of CASES) {
      for (const dtype of ["float32", "int32"] as const) {
        const size = from.reduce((a, b) => a * b, 1);
        const x = tf.tensor(
          Array.from({ length: size }, (_, i) => (i * 7) % 11),
          from,
          dtype,
        );
        const ours = runKernel(BROADCAST, { x }, { shape: to }) as tf.Tensor;
        const theirs = tf.broadcastTo(x, to);
        assert.equal(ours.dtype, dtype);
        assert.deepEqual(ours.shape, to);
        assert.deepEqual(ours.dataSync(), theirs.dataSync(), `${backend} ${dtype} ${JSON.stringify(from)} → ${JSON.stringify(to)}`);
        tf.dispose([x, ours, theirs]);
      }
    }
  });
});

test("wasm Identity and same-dtype Cast share data; clones outlive their source; other casts still convert", async () => {
  await onEachBackend(() => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([1.5, -2.25, 3, 4.75], [2, 2]);
    const c = tf.clone(x);
    const f = tf.cast(x, "float32");
    x.dispose();
    assert.deepEqual(Array.from(c.dataSync()), [1.5, -2.25, 3, 4.75]);
    assert.deepEqual(Array.from(f.dataSync()), [1.5, -2.25, 3, 4.75]);
    const i = tf.cast(c, "int32");
    assert.equal(i.dtype, "int32");
    assert.deepEqual(Array.from(i.dataSync()), [1, -2, 3, 4]);
    const back = tf.cast(i, "float32");
    assert.deepEqual(Array.from(back.dataSync()), [1, -2, 3, 4]);
    const z = tf.tensor1d([0, 2, 0]);
    const b = tf.cast(z, "bool");
    const bStock = stock(() => tf.cast(z, "bool"));
    assert.deepEqual(b.dataSync(), bStock.dataSync());
    tf.dispose([c, f, i, back, z, b, bStock]);
    assert.equal(tf.memory().numTensors, before);
  });
});

test("a user pair term's energy and gradient are bit-identical with and without the overrides, with no leaks", async () => {
  await onEachBackend((backend) => {
    const g = graphFromSpec("ws:400:6:0.2", key(3));
    for (const C of [1, 2, 3]) {
      const x = normal(key(70 + C), [g.n, C]) as tf.Tensor2D;
      const H = interactionReference(g, { coupling: 0.7 });
      tf.dispose(Object.values(energyAndGradient(H, x))); // builds the graph's cached tensors
      const before = tf.memory().numTensors;
      const ours = energyAndGradient(H, x);
      assert.equal(tf.memory().numTensors - before, 2);
      const theirs = stock(() => energyAndGradient(H, x));
      assert.deepEqual(ours.energy.dataSync(), theirs.energy.dataSync(), `${backend} C=${C} energy`);
      assert.deepEqual(ours.gradient.dataSync(), theirs.gradient.dataSync(), `${backend} C=${C} gradient`);
      tf.dispose([x, ours.energy, ours.gradient, theirs.energy, theirs.gradient]);
    }
    releaseGraph(g);
  });
});

test("the SIMD loops inside tfjs-wasm's memory equal the JavaScript loops bit for bit (incidence pair, row broadcast)", async () => {
  await ready({ backend: "wasm" });
  assert.ok(heapSimdFor(tf.backend()) !== null, "the module assembles and imports tfjs-wasm's memory");
  // Graphs alternate so that the resident edge list is replaced; weighted and unweighted; several widths.
  const graphs = ["ring:300:6", "ws:500:4:0.3", "er:80:0.1", "ring:300:6"].map((s) => graphFromSpec(s, key(5)));
  const before = tf.memory().numTensors;
  graphs.forEach((g, k) => {
    for (const C of [1, 2, 3, 5]) {
      const x = normal(key(80 + C + 10 * k), [g.n, C]) as tf.Tensor2D;
      const y = normal(key(90 + C + 10 * k), [g.edgeCount, C]) as tf.Tensor2D;
      const s = normal(key(95 + C + 10 * k), [g.edgeCount, 1]);
      const run = () => {
        const d = edgeDifferences(x, g);
        const t = incidenceTranspose(y, g);
        const b = runKernel(BROADCAST, { x: s }, { shape: [g.edgeCount, 2] }) as tf.Tensor;
        const b3 = runKernel(BROADCAST, { x: s }, { shape: [g.edgeCount, 3] }) as tf.Tensor;
        const values = [d, t, b, b3].map((v) => Float32Array.from(v.dataSync()));
        tf.dispose([d, t, b, b3]);
        return values;
      };
      const simd = run();
      setSimdEnabled(false);
      let js: Float32Array[];
      try {
        js = run();
      } finally {
        setSimdEnabled(true);
      }
      ["edgeDifferences", "incidenceTranspose", "broadcast", "broadcast to 3"].forEach((name, i) =>
        assert.deepEqual(simd[i], js[i], `${name} ${g.label} C=${C}`),
      );
      tf.dispose([x, y, s]);
    }
  });
  assert.equal(tf.memory().numTensors, before);
  graphs.forEach(releaseGraph);
});

test("wasm Add/Sub/Multiply/RealDiv of a column with rows equal tfjs-wasm's own kernels exactly, values and gradients; other shapes go to them", async () => {
  await ready({ backend: "wasm" });
  const CASES: Array<[number[], number[]]> = [
    [
      [9, 1],
      [9, 2],
    ],
    [
      [9, 2],
      [9, 1],
    ],
    [
      [9, 1],
      [9, 3],
    ],
    [
      [9, 5],
      [9, 1],
    ],
    [
      [2, 4, 1],
      [2, 4, 3],
    ],
    [
      [0, 1],
      [0, 2],
    ],
    [
      [9, 1],
      [1, 2],
    ], // an outer product: stock
    [[9, 2], [2]], // a row broadcast over rows: stock
    [
      [9, 2],
      [9, 2],
    ], // same shape: stock
    [[9, 2], []], // scalar: stock
  ];
  const OPS: Array<[string, (p: tf.Tensor, q: tf.Tensor) => tf.Tensor]> = [
    ["add", tf.add],
    ["sub", tf.sub],
    ["mul", tf.mul],
    ["div", tf.div],
  ];
  const before = tf.memory().numTensors;
  for (const [name, op] of OPS) {
    CASES.forEach(([sa, sb], i) => {
      tf.tidy(() => {
        const a = normal(key(100 + i), sa);
        const b = normal(key(120 + i), sb);
        const where = `${name} ${JSON.stringify(sa)} ∘ ${JSON.stringify(sb)}`;
        const ours = op(a, b);
        const theirs = stock(() => op(a, b));
        assert.deepEqual(ours.shape, theirs.shape);
        assertBitsEqual(ours.dataSync() as Float32Array, theirs.dataSync() as Float32Array, where);
        // Gradients of both inputs (they run the same kernels: dy ∘ the other input, then a sum over the column).
        const w = normal(key(140 + i), theirs.shape);
        const grads = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(w, op(p, q))));
        const g1 = grads([a, b]);
        const g2 = stock(() => grads([a, b]));
        g1.forEach((g, k) => assertBitsEqual(g.dataSync() as Float32Array, g2[k]!.dataSync() as Float32Array, `gradient ${k} of ${where}`));
      });
    });
  }
  tf.tidy(() => {
    const ints = tf.mul(tf.tensor2d([1, 2, 3], [3, 1], "int32"), tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], "int32"));
    assert.equal(ints.dtype, "int32");
    assert.deepEqual(Array.from(ints.dataSync()), [1, 2, 6, 8, 15, 18]);
    // Division by zero and signed zeros: IEEE, as stock.
    const num = tf.tensor2d([1, -1, 0, 0, -0, 2], [3, 2]);
    const den = tf.tensor2d([0, -0, 0], [3, 1]);
    assertBitsEqual(tf.div(num, den).dataSync() as Float32Array, stock(() => tf.div(num, den)).dataSync() as Float32Array, "x / ±0");
  });
  assert.equal(tf.memory().numTensors, before);
});

test("wasm Sum over a last axis of size 2 equals tfjs-wasm's own kernel exactly (odd rows, ±0, keepDims); other sums unchanged", async () => {
  await ready({ backend: "wasm" });
  const CASES: Array<{ shape: number[]; axis: number | number[] | null; keepDims: boolean }> = [
    { shape: [9, 2], axis: 1, keepDims: true },
    { shape: [9, 2], axis: -1, keepDims: false },
    { shape: [8, 2], axis: [1], keepDims: false },
    { shape: [1, 2], axis: 1, keepDims: true },
    { shape: [2], axis: 0, keepDims: false },
    { shape: [3, 4, 2], axis: 2, keepDims: true },
    { shape: [0, 2], axis: 1, keepDims: false },
    { shape: [9, 3], axis: 1, keepDims: true }, // width 3: stock
    { shape: [9, 2], axis: 0, keepDims: false }, // another axis: stock
    { shape: [9, 2], axis: null, keepDims: false }, // all axes: stock
  ];
  const before = tf.memory().numTensors;
  CASES.forEach(({ shape, axis, keepDims }, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    // Random values with signed zeros, infinities and a NaN among them.
    const values = tf.tidy(() => Float32Array.from(normal(key(160 + i), [size]).dataSync()));
    // Rows (−0, −0), (+0, −0), (−0, +0), (∞, −∞), (NaN, 1), (1e-45, −1e-45), (3.4e38, 3.4e38), then random values.
    const specials = [-0, -0, 0, -0, -0, 0, Infinity, -Infinity, NaN, 1, 1e-45, -1e-45, 3.4e38, 3.4e38];
    specials.forEach((v, j) => j < size && (values[j] = v));
    tf.tidy(() => {
      const x = tf.tensor(values, shape);
      const ours = tf.sum(x, axis ?? undefined, keepDims);
      const theirs = stock(() => tf.sum(x, axis ?? undefined, keepDims));
      assert.deepEqual(ours.shape, theirs.shape);
      assertBitsEqual(ours.dataSync() as Float32Array, theirs.dataSync() as Float32Array, JSON.stringify(shape));
    });
  });
  tf.tidy(() => {
    const ints = tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], "int32"), 1);
    assert.equal(ints.dtype, "int32");
    assert.deepEqual(Array.from(ints.dataSync()), [3, 7]);
  });
  assert.equal(tf.memory().numTensors, before);
});

test("the Square gradient through EmtdSquareGradient equals tfjs's stock gradient bit for bit (cpu and wasm, any length)", async () => {
  await onEachBackend((backend) => {
    assert.ok(hasKernel(SQUARE_GRADIENT), `${SQUARE_GRADIENT} on ${backend}`);
    const before = tf.memory().numTensors;
    for (const shape of [[7, 2], [1], [5], [3, 3, 3], [0, 2], [1001, 2]]) {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = tf.tidy(() => Float32Array.from(normal(key(200 + size), [size]).dataSync()));
      // Signed zeros, a NaN, ±∞, values whose double overflows float32 (2x past 3.4e38), subnormals.
      [-0, 0, NaN, Infinity, -Infinity, 3e38, -3e38, 1e-45, -1e-45].forEach((v, j) => j < size && (values[j] = v));
      tf.tidy(() => {
        const x = tf.tensor(values, shape);
        const w = normal(key(300 + size), shape);
        const grad = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(w, tf.square(z))));
        const [a, b] = [grad(x).dataSync() as Float32Array, stock(() => grad(x)).dataSync() as Float32Array];
        assertBitsEqual(a, b, `${backend} ${JSON.stringify(shape)}`);
      });
    }
    assert.equal(tf.memory().numTensors, before);
  });
});

test("wasm gather of rows equals tfjs-wasm's own kernel; out-of-range indices throw its error; gathers are differentiable on wasm", async () => {
  await ready({ backend: "wasm" });
  const before = tf.memory().numTensors;
  const CASES: Array<{ x: number[]; indices: number[]; dtype: "float32" | "int32"; axis?: number }> = [
    { x: [10, 2], indices: [7], dtype: "float32" },
    { x: [10, 1], indices: [13], dtype: "float32" },
    { x: [10, 3], indices: [4, 5], dtype: "float32" },
    { x: [10, 2, 2], indices: [6], dtype: "float32" },
    { x: [10], indices: [9], dtype: "float32" },
    { x: [10, 2], indices: [0], dtype: "float32" },
    { x: [10, 2], indices: [7], dtype: "int32" },
    { x: [4, 10], indices: [7], dtype: "float32", axis: 1 }, // another axis: stock
  ];
  CASES.forEach(({ x: xs, indices: is, dtype, axis }, i) => {
    tf.tidy(() => {
      const x = tf.cast(tf.mul(normal(key(400 + i), xs), 100), dtype);
      const limit = xs[axis ?? 0]!;
      const count = is.reduce((a, b) => a * b, 1);
      const indices = tf.tensor(
        Array.from({ length: count }, (_, k) => (k * 7 + i) % limit),
        is,
        "int32",
      );
      const ours = tf.gather(x, indices, axis ?? 0);
      const theirs = stock(() => tf.gather(x, indices, axis ?? 0));
      assert.deepEqual(ours.shape, theirs.shape);
      assert.equal(ours.dtype, dtype);
      assert.deepEqual(ours.dataSync(), theirs.dataSync(), `${JSON.stringify(xs)}[${JSON.stringify(is)}]`);
    });
  });
  for (const bad of [-1, 10]) {
    tf.tidy(() => {
      const x = tf.zeros([10, 2]);
      const indices = tf.tensor1d([0, bad, 3], "int32");
      assert.throws(() => tf.gather(x, indices), /GatherV2: the index value -?\d+ is not in \[0, 9\]/);
    });
  }
  assert.equal(tf.memory().numTensors, before);
});

/** Σ rows of y into their segments, each add rounded to float32, rows in order; ids outside [0, segments) dropped. */
function segmentSumFloat32(y: Float32Array, ids: ArrayLike<number>, segments: number, C: number): Float32Array {
  const out = new Float32Array(segments * C);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (id < 0 || id >= segments) continue;
    for (let c = 0; c < C; c++) out[id * C + c] = Math.fround(out[id * C + c]! + y[k * C + c]!);
  }
  return out;
}

test("UnsortedSegmentSum on wasm (which tfjs-wasm lacks) sums rows in order in float32; gather gradients agree with cpu", async () => {
  const g = graphFromSpec("ws:300:6:0.2", key(8));
  const shiftedIds = Array.from(g.src, (v) => v - 5); // some negative, some ≥ n − 10: dropped
  const gradients: Float32Array[][] = [];
  await onEachBackend((backend) => {
    const before = tf.memory().numTensors;
    const grads = tf.tidy(() => {
      const src = tf.tensor1d(g.src, "int32");
      const dst = tf.tensor1d(g.dst, "int32");
      const shifted = tf.tensor1d(shiftedIds, "int32");
      const out: Float32Array[] = [];
      for (const C of [1, 2, 3]) {
        const x = tf.tensor2d(
          Float32Array.from({ length: g.n * C }, (_, k) => Math.sin(k) * 3),
          [g.n, C],
        );
        const yv = Float32Array.from({ length: g.edgeCount * C }, (_, k) => Math.cos(k) * 2);
        const y = tf.tensor2d(yv, [g.edgeCount, C]);
        if (backend === "wasm") {
          assert.deepEqual(tf.unsortedSegmentSum(y, src, g.n).dataSync(), segmentSumFloat32(yv, g.src, g.n, C), `C=${C}`);
          assert.deepEqual(
            tf.unsortedSegmentSum(y, shifted, g.n - 10).dataSync(),
            segmentSumFloat32(yv, shiftedIds, g.n - 10, C),
            `C=${C}, ids out of range`,
          );
          setSimdEnabled(false); // the JavaScript loop
          try {
            assert.deepEqual(tf.unsortedSegmentSum(y, shifted, g.n - 10).dataSync(), segmentSumFloat32(yv, shiftedIds, g.n - 10, C));
          } finally {
            setSimdEnabled(true);
          }
        }
        const energy = (z: tf.Tensor) => tf.sum(tf.square(tf.sub(tf.gather(z, src), tf.gather(z, dst))));
        out.push(Float32Array.from(tf.grad(energy)(x).dataSync()));
      }
      return out;
    });
    assert.equal(tf.memory().numTensors, before);
    gradients.push(grads);
  });
  // cpu accumulates its sums in double, wasm in float32: equal to float32 rounding (sums of ≤ 12 terms of size ≤ 12).
  gradients[0]!.forEach((v, i) => assert.ok(maxAbsDiff(v, gradients[1]![i]!) <= 1e-5 * (1 + maxAbs(gradients[1]![i]!)), `C=${i + 1}`));
  releaseGraph(g);
});

test("wasm same-shape and one-value Add/Sub/Multiply/RealDiv, Square, Sqrt and Neg equal tfjs-wasm's own kernels bit for bit", async () => {
  await ready({ backend: "wasm" });
  const before = tf.memory().numTensors;
  // Lengths around the four-per-step loops' tails; values with signed zeros, ±∞, NaN, subnormals, overflow to ±∞.
  const SPECIALS = [-0, 0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 3e38, -3e38, 1, -1, 0.1];
  const field = (seed: number, shape: number[]) =>
    tf.tidy(() => {
      const values = Float32Array.from(normal(key(seed), [shape.reduce((a, b) => a * b, 1)]).dataSync());
      SPECIALS.forEach((v, j) => j < values.length && (values[(j * 5 + seed) % values.length] = v));
      return tf.tensor(values, shape);
    });
  const BINARY: Array<[string, (p: tf.Tensor, q: tf.Tensor) => tf.Tensor]> = [
    ["add", tf.add],
    ["sub", tf.sub],
    ["mul", tf.mul],
    ["div", tf.div],
  ];
  const PAIRS: Array<[number[], number[]]> = [
    [
      [13, 2],
      [13, 2],
    ], // same shape
    [[7], [7]],
    [
      [3, 4, 2],
      [3, 4, 2],
    ],
    [[13, 1], []], // one value on the right
    [[], [13, 1]], // on the left
    [
      [9, 2],
      [1, 1],
    ],
    [[1], [6]],
    [[1, 1], [6]], // the value's rank exceeds the other's: stock
    [[1], [1]], // one element each: stock
    [
      [9, 1],
      [9, 2],
    ], // a column with rows (the earlier loops)
  ];
  for (const [name, op] of BINARY) {
    PAIRS.forEach(([sa, sb], i) => {
      tf.tidy(() => {
        const [a, b] = [field(500 + i, sa), field(520 + i, sb)];
        const ours = op(a, b);
        const theirs = stock(() => op(a, b));
        assert.deepEqual(ours.shape, theirs.shape);
        assertBitsEqual(
          ours.dataSync() as Float32Array,
          theirs.dataSync() as Float32Array,
          `${name} ${JSON.stringify(sa)} ∘ ${JSON.stringify(sb)}`,
        );
      });
    });
  }
  const UNARY: Array<[string, (p: tf.Tensor) => tf.Tensor]> = [
    ["square", tf.square],
    ["sqrt", tf.sqrt],
    ["neg", tf.neg],
  ];
  for (const [name, op] of UNARY) {
    for (const shape of [[13, 2], [1], [4], [5, 3], [0, 2]]) {
      tf.tidy(() => {
        const x = field(540 + shape[0]!, shape);
        assertBitsEqual(
          op(x).dataSync() as Float32Array,
          stock(() => op(x)).dataSync() as Float32Array,
          `${name} ${JSON.stringify(shape)}`,
        );
      });
    }
  }
  tf.tidy(() => {
    // int32 goes to the stock kernels.
    const ints = tf.tensor1d([1, -2, 3, 4, 5], "int32");
    assert.deepEqual(Array.from(tf.mul(ints, tf.scalar(3, "int32")).dataSync()), [3, -6, 9, 12, 15]);
    assert.deepEqual(Array.from(tf.add(ints, ints).dataSync()), [2, -4, 6, 8, 10]);
    assert.deepEqual(Array.from(tf.neg(ints).dataSync()), [-1, 2, -3, -4, -5]);
    assert.equal(tf.square(ints).dtype, "int32");
  });
  assert.equal(tf.memory().numTensors, before);
});

test("user pair terms (quadratic by hand, Huber) give the same energy and gradient bit for bit with and without the overrides", async () => {
  await ready({ backend: "wasm" });
  const g = graphFromSpec("ws:401:6:0.2", key(12));
  const byHand = defineTerm({
    name: "by hand",
    energy: (psi) => tf.mul(tf.sum(tf.mul(edgeWeights(g), tf.sum(tf.square(edgeDifferences(psi, g)), 1, true))), 0.7),
  });
  for (const H of [byHand, huberCoupling(g, { delta: 0.5, coupling: 1.3 })]) {
    for (const C of [1, 2, 3]) {
      const x = tf.mul(normal(key(600 + C), [g.n, C]), 0.6) as tf.Tensor2D; // both sides of δ
      tf.dispose(Object.values(energyAndGradient(H, x))); // the graph's cached tensors
      const before = tf.memory().numTensors;
      const ours = energyAndGradient(H, x);
      assert.equal(tf.memory().numTensors - before, 2);
      const theirs = stock(() => energyAndGradient(H, x));
      assertBitsEqual(ours.energy.dataSync() as Float32Array, theirs.energy.dataSync() as Float32Array, `${H.name} C=${C} energy`);
      assertBitsEqual(ours.gradient.dataSync() as Float32Array, theirs.gradient.dataSync() as Float32Array, `${H.name} C=${C} gradient`);
      tf.dispose([x, ours.energy, ours.gradient, theirs.energy, theirs.gradient]);
    }
  }
  releaseGraph(g);
});

test("the fused edge-norm backward equals tf.valueAndGrad bit for bit: fused chains, chains it must leave alone, no leaks (cpu and wasm)", async () => {
  const ring = graphFromSpec("ring:60:4", key(21));
  const ws = graphFromSpec("ws:60:4:0.3", key(22)); // as many nodes as the ring: both act on one x
  const path = graphFromEdgeList(3, Int32Array.of(0, 1), Int32Array.of(1, 2), null, "path"); // E = 2 = C
  const w = (g: Graph) => edgeWeights(g);
  const weights = tf.keep(tf.abs(normal(key(23), [ring.edgeCount, 1]))); // ring and ws have as many edges
  const norm = (x: tf.Tensor, g: Graph) => tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, g)), 1, true);
  const CASES: Array<[string, Graph, (x: tf.Tensor) => tf.Scalar]> = [
    ["weighted norms (fused)", ring, (x) => tf.sum(tf.mul(w(ring), norm(x, ring)))],
    ["random weights, then a coupling (fused with the scale)", ring, (x) => tf.mul(tf.sum(tf.mul(weights, norm(x, ring))), 0.7)],
    [
      "weights on the right, keepDims false",
      ws,
      (x) => tf.sum(tf.mul(tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, ws)), 1), tf.reshape(weights, [-1]))),
    ],
    ["the norms times themselves (no weights)", ring, (x) => tf.sum(tf.mul(norm(x, ring), norm(x, ring)))],
    ["keepDims false (fused)", ws, (x) => tf.sum(tf.mul(tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, ws)), -1), 0.3))],
    ["two chains into one x (both fused)", ring, (x) => tf.add(tf.sum(norm(x, ring)), tf.sum(tf.sqrt(tf.add(norm(x, ws), 1e-3))))],
    [
      "square used twice",
      ring,
      (x) =>
        tf.tidy(() => {
          const s = tf.square(edgeDifferences(x as tf.Tensor2D, ring));
          return tf.add(tf.sum(tf.sum(s, 1, true)), tf.sum(tf.mul(s, s)));
        }),
    ],
    [
      "differences used twice",
      ws,
      (x) =>
        tf.tidy(() => {
          const d = edgeDifferences(x as tf.Tensor2D, ws);
          return tf.add(tf.sum(tf.sum(tf.square(d), 1)), tf.sum(tf.mul(d, 0.5)));
        }),
    ],
    ["sum over edges first", ring, (x) => tf.sum(tf.mul(tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, ring)), 0, true), 1.5))],
    ["E = C = 2, axis 0", path, (x) => tf.sum(tf.mul(tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, path)), 0), tf.tensor1d([1, -3])))],
    ["E = C = 2, axis 1", path, (x) => tf.sum(tf.mul(tf.sum(tf.square(edgeDifferences(x as tf.Tensor2D, path)), 1), tf.tensor1d([1, -3])))],
  ];
  await onEachBackend((backend) => {
    CASES.forEach(([name, g], i) => {
      for (const C of name.startsWith("E = C") ? [2] : [1, 2, 3]) {
        const x = normal(key(700 + i * 10 + C), [g.n, C]);
        const f = CASES[i]![2];
        tf.dispose(Object.values(valueAndGradient(f, x))); // the graphs' cached tensors
        const before = tf.memory().numTensors;
        const ours = valueAndGradient(f, x);
        assert.equal(tf.memory().numTensors - before, 2, `${backend} ${name}: only the value and the gradient are left`);
        const theirs = stock(() => tf.valueAndGrad(f)(x));
        assertBitsEqual(ours.value.dataSync() as Float32Array, theirs.value.dataSync() as Float32Array, `${backend} ${name} C=${C} value`);
        assertBitsEqual(ours.grad.dataSync() as Float32Array, theirs.grad.dataSync() as Float32Array, `${backend} ${name} C=${C} gradient`);
        tf.dispose([x, ours.value, ours.grad, theirs.value, theirs.grad]);
      }
    });
  });
  [ring, ws, path].forEach(releaseGraph);
  weights.dispose();
});
