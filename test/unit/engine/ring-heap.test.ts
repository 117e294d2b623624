/**
 * The calling thread's share of the ring's chunked fused step inside tfjs-wasm's memory (kernels/stencils/ring-heap): the
 * input tensor's values read where tfjs keeps them, the result written into the output tensor. Bit for bit the CSR
 * loop's numbers (impl.langevinRows on the packed ring) on 1 and 2 threads: chunks that split groups of four blocks,
 * a short last block, misses in the wrapping rows, draws handed back to JavaScript, a field where the summation order
 * shows; and through the tensor API (langevinUpdate), with the counter proving the heap path ran.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { fold, key, normal } from "../../../src/engine/random";
import { fillNormal, NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { langevinRows } from "../../../src/engine/kernels/loops/row-loops";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { slowPathStops } from "../../../src/engine/kernels/simd/simd-langevin";
import { ringLangevin2, setRingChunkRows, setRingLaplacianMinRows } from "../../../src/engine/kernels/stencils/ring-stencil";
import { heapRingRows, heapStencilStats } from "../../../src/engine/kernels/stencils/ring-heap";
import { configureThreads, parallelThreshold, threadCount } from "../../../src/engine/kernels/threads/pool";
import { setRingStencilEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { graphFromSpec } from "../../../src/graph/spec";
import { graphFromEdgeList } from "../../../src/graph/direct";
import type { Graph } from "../../../src/graph/graph";
import { langevinUpdate } from "../../../src/ops/langevin-update";
import { releaseGraph } from "../../../src/ops/tensors";
import { edgeMissKeys, spreadField } from "../../helpers";
import type { RingStructure } from "../../../src/engine/edges";

const B = NOISE_BLOCK_ROWS;

interface HeapViews {
  typedArrayFromHeap(t: tf.Tensor): Float32Array;
}

/** The CSR loop on the packed ring: the reference. */
function csrStep(g: Graph, x: Float32Array, k: [number, number]): Float32Array {
  const packed = planFor(graphFromEdgeList(g.n, g.src, g.dst, null, "packed"));
  const want = new Float32Array(2 * g.n);
  langevinRows(packed, x, 2, 0.03, 0.9, k, want, 0, g.n, new Float32Array(2 * B));
  return want;
}

/** ring.ringLangevin2 with the calling thread's rows on the heap: x in a tensor, the result in another one's memory. */
function heapStep(g: Graph, x: Float32Array, k: [number, number]): Float32Array {
  const backend = tf.backend() as unknown as HeapViews;
  const local = heapRingRows(backend, planFor(g)); // allocates its scratch before any view is taken
  assert.ok(local !== null, `${g.label}: the heap rows apply`);
  const [xt, ot] = [tf.tensor2d(x, [g.n, 2]), tf.zeros([g.n, 2])];
  try {
    const out = backend.typedArrayFromHeap(ot);
    ringLangevin2(planFor(g), backend.typedArrayFromHeap(xt), out, 0.03, 0.9, k, null, local);
    return Float32Array.from(out);
  } finally {
    tf.dispose([xt, ot]);
  }
}

test("the ring's fused step inside tfjs-wasm's memory equals the CSR loop bit for bit on 1 and 2 threads", async () => {
  await ready({ backend: "wasm" });
  const before = { threads: threadCount(), threshold: parallelThreshold(), chunk: setRingChunkRows(B) };
  const tensors = tf.memory().numTensors;
  try {
    // Sizes around groups of four blocks, chunks that split them; h = 5 and h = 8 (the widest unrolled); h = 1.
    const cases: [string, number[]][] = [
      [`ring:${4 * B + 37}:10`, [B, 3 * B, 64 * B]],
      [`ring:${6 * B + 37}:10`, [B, 2 * B, 5 * B]],
      [`ring:${8 * B - 37}:16`, [3 * B, 4 * B]],
      ["ring:100:2", [B]],
    ];
    for (const [spec, chunks] of cases) {
      const g = graphFromSpec(spec, key(1));
      const h = (g.structure as RingStructure).halfWidth;
      // Keys whose draws miss the fast path in the first and in the last wrapping rows.
      const keys = edgeMissKeys(g.n, Math.min(2 * h, 2 * B));
      assert.ok(keys !== null, `${spec}: keys with misses in the wrapping rows`);
      const [lo, hi] = keys;
      const plain = new Float32Array(2 * g.n);
      fillNormal(plain, 2, 0, g.n, key(g.n));
      for (const [x, what] of [
        [plain, "normal field"],
        [spreadField(g.n, 11), "spread field"],
      ] as const) {
        for (const k of [lo, hi]) {
          const want = csrStep(g, x, k);
          // (ring:100:2 on two threads: the share on the calling thread is empty, the worker's is everything.)
          for (const threads of g.n > 2 * B ? [1, 2] : [1]) {
            configureThreads({ threads, threshold: 0 });
            for (const rows of chunks) {
              setRingChunkRows(rows);
              const runs = heapStencilStats.heap;
              const got = heapStep(g, x, k);
              assert.equal(heapStencilStats.heap - runs, 1, `${spec}: the calling thread's share ran on the heap`);
              assert.deepEqual(got, want, `${spec} ${what}, ${threads} thread(s), chunk of ${rows / B} blocks`);
            }
          }
        }
      }
      releaseGraph(g);
    }
    // Draws the module hands back to JavaScript (the tail, too-close wedges) are written into the output tensor.
    const g = graphFromSpec("ring:30000:10", key(1));
    const x = new Float32Array(2 * g.n);
    fillNormal(x, 2, 0, g.n, key(5));
    const stops = { ...slowPathStops };
    configureThreads({ threads: 1, threshold: 0 });
    setRingChunkRows(3 * B);
    for (let t = 0; t < 10; t++) {
      const k = fold(key(90), t) as [number, number];
      assert.deepEqual(heapStep(g, x, k), csrStep(g, x, k), `ring:30000:10 key ${t}`);
    }
    assert.ok(slowPathStops.miss > stops.miss && slowPathStops.restart > stops.restart, "both kinds of hand-back were met");
    releaseGraph(g);
  } finally {
    configureThreads({ threads: before.threads, threshold: before.threshold });
    setRingChunkRows(before.chunk);
  }
  assert.equal(tf.memory().numTensors, tensors, "no tensor leaked");
});

test("langevinUpdate on a structured ring takes the heap rows on wasm: the CSR kernels' numbers, step after step", async () => {
  await ready({ backend: "wasm" });
  const minRows = setRingLaplacianMinRows(0); // the chunked stencil at this size too
  const threads = { threads: threadCount(), threshold: parallelThreshold() };
  try {
    const g = graphFromSpec(`ring:${9 * B - 1}:10`, key(1));
    const packed = graphFromEdgeList(g.n, g.src, g.dst, null, "packed");
    const p = { step: 0.02, temperature: 0.8 };
    for (const count of [1, 2]) {
      configureThreads({ threads: count, threshold: 0 });
      let [a, b] = [normal(key(7), [g.n, 2]) as tf.Tensor2D, normal(key(7), [g.n, 2]) as tf.Tensor2D];
      const runs = heapStencilStats.heap;
      for (let t = 0; t < 3; t++) {
        const k = fold(key(8), t);
        const ya = langevinUpdate(a, g, p, k);
        setRingStencilEnabled(false);
        const yb = langevinUpdate(b, packed, p, k);
        setRingStencilEnabled(true);
        assert.deepEqual(ya.dataSync(), yb.dataSync(), `${count} thread(s), step ${t}`);
        tf.dispose([a, b]);
        [a, b] = [ya, yb];
      }
      assert.equal(heapStencilStats.heap - runs, 3, `${count} thread(s): every step's calling-thread share ran on the heap`);
      tf.dispose([a, b]);
    }
    releaseGraph(g);
    releaseGraph(packed);
  } finally {
    setRingLaplacianMinRows(minRows);
    setRingStencilEnabled(true);
    configureThreads(threads);
  }
});
