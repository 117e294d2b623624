/**
 * Structured ring lattices (issue 15): ringGraph holds no index arrays until they are read, builds the same arrays
 * as the packed edge list when they are, and the Langevin step on it (kernels/stencils/ring-stencil: a stencil through the
 * WebAssembly module in chunks, or its JavaScript loop) gives the CSR kernels' numbers bit for bit, at every chunk
 * size, wrapping rows included.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key, normal } from "../../../src/engine/random";
import { fold } from "../../../src/engine/random";
import { fillNormal, NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { langevinRows, laplacianRows } from "../../../src/engine/kernels/loops/row-loops";
import { graphFromSpec } from "../../../src/graph/spec";
import type { Graph } from "../../../src/graph/graph";
import { graphFromEdgeList, ringGraph } from "../../../src/graph/direct";
import { componentCount, fromGraphology, isConnected } from "../../../src/graph/graph";
import { toGraph } from "../../../src/graph/input";
import { langevinUpdate } from "../../../src/ops/langevin-update";
import { laplacianProduct } from "../../../src/ops/laplacian";
import { interactionEnergyAndGradient } from "../../../src/ops/interaction";
import { releaseGraph } from "../../../src/ops/tensors";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import {
  RING_CHUNK_ROWS,
  ringLangevin2,
  ringLaplacian2,
  ringStencilWidth,
  setRingChunkRows,
  setRingLaplacianMinRows,
} from "../../../src/engine/kernels/stencils/ring-stencil";
import { prepareSimd, setRingStencilEnabled, setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { slowPathStops } from "../../../src/engine/kernels/simd/simd-langevin";
import { ResourceError } from "../../../src/errors";
import { graphBytes, memoryLimit } from "../../../src/engine/budget";
import { edgeMissKeys, onEachBackend, spreadField } from "../../helpers";
import type { RingStructure } from "../../../src/engine/edges";

/** The same ring as a plain packed graph (edge arrays, CSR plan): the reference the structured path must equal. */
function unstructured(g: Graph): Graph {
  return graphFromEdgeList(g.n, g.src, g.dst, null, `${g.label} (packed)`);
}

test("a ring lattice is structured: no arrays until read, then the packed edge list's arrays exactly", () => {
  for (const [n, k] of [
    [3, 2],
    [9, 2],
    [11, 10],
    [40, 6],
    [1000, 10],
  ] as const) {
    const g = ringGraph(n, k);
    assert.deepEqual(g.structure, { kind: "ring", halfWidth: k / 2 });
    assert.equal(g.edgeCount, (n * k) / 2);
    const ref = fromGraphology(ringGraph(n, k).graphology, { label: `ring:${n}:${k}` });
    assert.deepEqual(g.src, ref.src, `ring:${n}:${k} src`);
    assert.deepEqual(g.dst, ref.dst, `ring:${n}:${k} dst`);
    assert.deepEqual(g.weight, ref.weight);
    assert.deepEqual(g.degree, ref.degree);
    assert.deepEqual(g.keys, ref.keys);
    assert.equal(g.graphology.size, ref.graphology.size);
  }
  // 2·10⁹ nodes: built at once (nothing allocated); reading its edges is refused with the estimate, typed.
  const huge = ringGraph(2_000_000_000, 10);
  assert.equal(huge.edgeCount, 10_000_000_000);
  assert.throws(() => huge.src, ResourceError);
  // Recognised as a Graph and known connected without reading its arrays.
  assert.equal(toGraph(huge), huge);
  assert.equal(isConnected(huge), true);
  assert.equal(componentCount(ringGraph(12, 2)), 1);
});

test("the budget check: a ring spec read without index arrays is estimated as structured, else as packed", () => {
  // 10⁸ nodes, 5·10⁸ edges: about 54 GB as edge arrays (refused here), 0.8 GB structured (fits, holds nothing yet).
  assert.equal(graphBytes(1e8, 5e8, false, true).bytes, 8e8);
  if (graphBytes(1e8, 5e8, false).bytes > memoryLimit().bytes) {
    assert.throws(() => graphFromSpec("ring:100000000:10", key(0)), ResourceError);
  }
  const ring = graphFromSpec("ring:100000000:10", key(0), { indexFree: true });
  assert.equal(ring.n, 1e8);
  assert.equal(planFor(ring).bytes, 0);
  assert.throws(() => graphFromSpec("ws:1000000000:10:0.1", key(0), { indexFree: true }), ResourceError);
});

test("the ring stencil step (no index arrays) equals the CSR kernels bit for bit at every chunk size, wrapping rows included", async () => {
  const before = setRingChunkRows(RING_CHUNK_ROWS);
  const minRows = setRingLaplacianMinRows(0); // the chunked stencil at these small sizes too (by default from 2²⁰ rows)
  try {
    await onEachBackend((backend) => {
      for (const spec of ["ring:5000:10", "ring:3075:6", "ring:41:10", "ring:9:2"]) {
        const g = graphFromSpec(spec, key(1));
        const h = (g.structure as RingStructure).halfWidth;
        assert.equal(ringStencilWidth(planFor(g), 2), h, `${spec}: the stencil applies`);
        const packed = unstructured(g);
        const x = normal(key(70), [g.n, 2]) as tf.Tensor2D;
        const p = { step: 0.02, temperature: 0.8 };
        const k = key(71);
        const tensors0 = tf.memory().numTensors;
        // The references: the CSR loop in WebAssembly (stencil off) and the JavaScript CSR loop.
        setRingStencilEnabled(false);
        const csr = langevinUpdate(x, packed, p, k);
        setSimdEnabled(false);
        const js = langevinUpdate(x, packed, p, k);
        setSimdEnabled(true);
        setRingStencilEnabled(true);
        const want = Array.from(csr.dataSync());
        assert.deepEqual(Array.from(js.dataSync()), want, `${backend} ${spec}: the two CSR references agree`);
        for (const rows of [NOISE_BLOCK_ROWS, 2 * NOISE_BLOCK_ROWS, 3 * NOISE_BLOCK_ROWS, RING_CHUNK_ROWS]) {
          setRingChunkRows(rows);
          for (const simd of [true, false]) {
            setSimdEnabled(simd);
            const y = langevinUpdate(x, g, p, k);
            setSimdEnabled(true);
            const got = y.dataSync();
            // The wrapping rows first (their neighbours cross the ends), then every element.
            for (const i of [0, h - 1, g.n - h, g.n - 1]) {
              assert.deepEqual([got[2 * i], got[2 * i + 1]], [want[2 * i], want[2 * i + 1]], `${backend} ${spec} row ${i}`);
            }
            assert.deepEqual(Array.from(got), want, `${backend} ${spec} chunk ${rows} rows, ${simd ? "WebAssembly" : "JavaScript"}`);
            y.dispose();
          }
        }
        tf.dispose([csr, js]);
        assert.equal(tf.memory().numTensors, tensors0, "no tensor leaked");
        const x0 = x;
        // The structured path built no index arrays: the plan is still empty.
        assert.equal(planFor(g).bytes, 0, `${spec}: the stencil step read no CSR`);
        // Below the threshold (the default at these sizes) the fused SIMD step runs instead: the same numbers.
        setRingLaplacianMinRows(minRows);
        const small = langevinUpdate(x0, g, p, k);
        assert.deepEqual(Array.from(small.dataSync()), want, `${backend} ${spec}: the fused SIMD step below the threshold`);
        small.dispose();
        setRingLaplacianMinRows(0);
        x0.dispose();
        releaseGraph(g);
        releaseGraph(packed);
      }
    });
  } finally {
    setRingChunkRows(before);
    setRingLaplacianMinRows(minRows);
    setSimdEnabled(true);
    setRingStencilEnabled(true);
  }
});

test("the ring stencil's L·X and interaction energy+gradient (d = 2) equal the CSR kernels bit for bit, no index arrays", async () => {
  const before = setRingLaplacianMinRows(0); // the stencil at these small sizes too (by default from 2²⁰ rows)
  try {
    await onEachBackend((backend) => {
      for (const spec of ["ring:5000:10", "ring:41:10", "ring:9:2"]) {
        const g = graphFromSpec(spec, key(1));
        const packed = unstructured(g);
        const x = normal(key(90), [g.n, 2]) as tf.Tensor2D;
        for (const simd of [true, false]) {
          setSimdEnabled(simd);
          const a = laplacianProduct(x, g);
          const b = laplacianProduct(x, packed);
          assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()), `${backend} ${spec} L·X`);
          const e1 = interactionEnergyAndGradient(x, g, 0.7);
          const e2 = interactionEnergyAndGradient(x, packed, 0.7);
          assert.deepEqual(Array.from(e1.gradient.dataSync()), Array.from(e2.gradient.dataSync()), `${backend} ${spec} gradient`);
          assert.equal(e1.energy.dataSync()[0], e2.energy.dataSync()[0], `${backend} ${spec} energy`);
          tf.dispose([a, b, e1.energy, e1.gradient, e2.energy, e2.gradient]);
        }
        setSimdEnabled(true);
        x.dispose();
        assert.equal(planFor(g).bytes, 0, `${spec}: no CSR was built`);
        releaseGraph(g);
        releaseGraph(packed);
      }
    });
  } finally {
    setRingLaplacianMinRows(before);
  }
});

test("other kernels on a structured ring build its CSR on first use and agree with the packed graph", async () => {
  await onEachBackend(() => {
    const g = ringGraph(300, 8);
    const packed = unstructured(g);
    const x = normal(key(80), [g.n, 3]) as tf.Tensor2D;
    const a = laplacianProduct(x, g);
    const b = laplacianProduct(x, packed);
    assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
    assert.ok(planFor(g).bytes > 0, "the CSR was built when the Laplacian kernel read it");
    // Width 3 is not the stencil's: the Langevin step takes the CSR kernels, the same numbers as the packed graph.
    assert.equal(ringStencilWidth(planFor(g), 3), 0);
    const p = { step: 0.01, temperature: 1 };
    const y1 = langevinUpdate(x, g, p, key(81));
    const y2 = langevinUpdate(x, packed, p, key(81));
    assert.deepEqual(Array.from(y1.dataSync()), Array.from(y2.dataSync()));
    tf.dispose([x, a, b, y1, y2]);
    releaseGraph(g);
    releaseGraph(packed);
  });
});

/** The chunked step (kernels/stencils/ring-stencil, WebAssembly) against the JavaScript CSR loop on the packed ring, for one key. */
function assertChunkedSame(g: Graph, x: Float32Array, k: [number, number], chunks: number[], what: string): void {
  const packed = planFor(unstructured(g));
  const want = new Float32Array(2 * g.n);
  langevinRows(packed, x, 2, 0.03, 0.9, k, want, 0, g.n, new Float32Array(2 * NOISE_BLOCK_ROWS));
  for (const rows of chunks) {
    setRingChunkRows(rows);
    const got = new Float32Array(2 * g.n);
    ringLangevin2(planFor(g), x, got, 0.03, 0.9, k);
    assert.deepEqual(got, want, `${what}: chunk of ${rows / NOISE_BLOCK_ROWS} blocks`);
  }
  assert.equal(planFor(g).bytes, 0, `${what}: no CSR was built`);
}

test("the chunked fused step equals the CSR loop bit for bit: groups of four split by chunks, short blocks, misses in wrapping rows, JS hand-backs", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles (wabt)");
  const B = NOISE_BLOCK_ROWS;
  const before = setRingChunkRows(RING_CHUNK_ROWS);
  try {
    // N around groups of four blocks (the short last block in lanes 0 … 3 of its group, or alone in its chunk), chunk
    // sizes that split groups; h unrolled (5), the stencil's loop (h = 10 > RING_UNROLLED_MAX), h > a block (every row
    // of the first and last blocks wraps).
    const cases: [string, number[]][] = [
      [`ring:${4 * B + 37}:10`, [B, 3 * B, 4 * B, 64 * B]],
      [`ring:${6 * B + 37}:10`, [B, 2 * B, 3 * B, 5 * B, 8 * B]],
      [`ring:${8 * B - 37}:10`, [3 * B, 4 * B, 6 * B]],
      [`ring:${5 * B}:20`, [B, 2 * B, 3 * B, 64 * B]],
      [`ring:100:2`, [B]],
      [`ring:4500:2100`, [B, 3 * B]],
    ];
    for (const [spec, chunks] of cases) {
      const g = graphFromSpec(spec, key(1));
      const { n } = g;
      const h = (g.structure as RingStructure).halfWidth;
      const x = new Float32Array(2 * n);
      fillNormal(x, 2, 0, n, key(n));
      // Keys whose draws miss the fast path in the first and in the last wrapping rows (elements 0 … 2h − 1 of block 0;
      // the last 2h elements of the last block): the slow path continues a stream inside the one-row CSR passes.
      const keys = edgeMissKeys(n, Math.min(2 * h, 2 * B));
      assert.ok(keys !== null, `${spec}: keys with misses in the wrapping rows`);
      const [lo, hi] = keys;
      assertChunkedSame(g, x, lo, chunks, `${spec} (a miss in the first rows)`);
      assertChunkedSame(g, x, hi, chunks, `${spec} (a miss in the last rows)`);
      releaseGraph(g);
    }
    // The module's slow path hands the tail and too-close wedges back to JavaScript (≈ 6·10⁻⁴ and 1.6·10⁻⁵ of the
    // draws): 6·10⁵ draws see both kinds, in chunks after the first (the hand-back writes at a chunk's offset).
    const g = graphFromSpec("ring:30000:10", key(1));
    const x = new Float32Array(2 * g.n);
    fillNormal(x, 2, 0, g.n, key(5));
    const stops = { ...slowPathStops };
    for (let t = 0; t < 10; t++) assertChunkedSame(g, x, fold(key(90), t) as [number, number], [3 * B], `ring:30000:10 key ${t}`);
    assert.ok(slowPathStops.miss - stops.miss > 0, "a miss in the tail was finished in JavaScript");
    assert.ok(slowPathStops.restart - stops.restart > 0, "a restarted normal was finished in JavaScript");
    releaseGraph(g);
  } finally {
    setRingChunkRows(before);
  }
});

test("the ring stencils keep the CSR's summation order: equal bit for bit on a field where the order shows", async () => {
  // With entries of one scale the double sum of float32 neighbours is exact and any order passes; spreadField's
  // ±2⁶⁰ entries make a wrong order (e.g. a wrapping row's neighbours unsorted) give other bits.
  assert.ok(await prepareSimd(), "the SIMD module assembles (wabt)");
  const before = setRingChunkRows(RING_CHUNK_ROWS);
  try {
    for (const spec of ["ring:5000:10", "ring:3075:6", "ring:41:10", "ring:4500:2100"]) {
      const g = graphFromSpec(spec, key(1));
      const packed = planFor(unstructured(g));
      const x = spreadField(g.n, 11);
      const k = key(12);
      const want = new Float32Array(2 * g.n);
      langevinRows(packed, x, 2, 0.03, 0.9, k, want, 0, g.n, new Float32Array(2 * NOISE_BLOCK_ROWS));
      const lap = new Float32Array(2 * g.n);
      laplacianRows(packed, x, 2, lap, 0, g.n, 0.7);
      for (const simd of [true, false]) {
        setSimdEnabled(simd);
        for (const rows of [NOISE_BLOCK_ROWS, 3 * NOISE_BLOCK_ROWS]) {
          setRingChunkRows(rows);
          const got = new Float32Array(2 * g.n);
          ringLangevin2(planFor(g), x, got, 0.03, 0.9, k);
          assert.deepEqual(got, want, `${spec} ${simd ? "WebAssembly" : "JavaScript"} chunk ${rows} rows`);
        }
        const got = new Float32Array(2 * g.n);
        ringLaplacian2(planFor(g), x, got, 0.7);
        assert.deepEqual(got, lap, `${spec} L·X`);
      }
      setSimdEnabled(true);
      assert.equal(planFor(g).bytes, 0, `${spec}: no CSR was built`);
      releaseGraph(g);
    }
  } finally {
    setRingChunkRows(before);
    setSimdEnabled(true);
  }
});
