/**
 * Structured tori (issue 15): torusGraph holds no index arrays until they are read, builds the same arrays as the
 * packed edge list when they are, and the Langevin step on it (kernels/stencils/torus-stencil: a stencil through the WebAssembly
 * module in chunks, or its JavaScript loop) gives the CSR kernels' numbers bit for bit, at every chunk size,
 * boundary (wrapping) nodes included.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import * as tf from "@tensorflow/tfjs";
import { key, normal } from "../../../src/engine/random";
import { NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { langevinRows } from "../../../src/engine/kernels/loops/row-loops";
import { graphFromSpec } from "../../../src/graph/spec";
import type { Graph } from "../../../src/graph/graph";
import { graphFromEdgeList, torusGraph } from "../../../src/graph/direct";
import { componentCount, fromGraphology, isConnected } from "../../../src/graph/graph";
import { toGraph } from "../../../src/graph/input";
import { langevinUpdate } from "../../../src/ops/langevin-update";
import { laplacianProduct } from "../../../src/ops/laplacian";
import { releaseGraph } from "../../../src/ops/tensors";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import {
  RING_CHUNK_ROWS,
  ringStencilWidth,
  setRingChunkRows,
  setRingLaplacianMinRows,
} from "../../../src/engine/kernels/stencils/ring-stencil";
import {
  torusLangevin2,
  torusScratchBytes,
  torusStencilApplies,
  torusStencilSide,
} from "../../../src/engine/kernels/stencils/torus-stencil";
import { prepareSimd, ringHalfWidth, setRingStencilEnabled, setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { ResourceError } from "../../../src/errors";
import { graphBytes, memoryLimit } from "../../../src/engine/budget";
import { benchLangevin } from "../../../src/bench/bench-langevin";
import { edgeMissKeys, onEachBackend, spreadField } from "../../helpers";

/** The same torus as a plain packed graph (edge arrays, CSR plan): the reference the structured path must equal. */
function unstructured(g: Graph): Graph {
  return graphFromEdgeList(g.n, g.src, g.dst, null, `${g.label} (packed)`);
}

/** The torus's edge list {i, right(i)}, {i, below(i)} as the constructor built it before it was structured. */
function packedTorus(L: number): Graph {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < L; r++) {
    for (let c = 0; c < L; c++) {
      a.push(r * L + c, r * L + c);
      b.push(r * L + ((c + 1) % L), ((r + 1) % L) * L + c);
    }
  }
  return graphFromEdgeList(L * L, Int32Array.from(a), Int32Array.from(b), null, `torus:${L}`);
}

test("a torus is structured: no arrays until read, then the packed edge list's arrays exactly", () => {
  for (const L of [3, 4, 7, 37, 100]) {
    const g = torusGraph(L);
    assert.deepEqual(g.structure, { kind: "torus", side: L });
    assert.equal(g.n, L * L);
    assert.equal(g.edgeCount, 2 * L * L);
    assert.equal(g.unitWeights, true);
    const ref = packedTorus(L);
    assert.deepEqual(g.src, ref.src, `torus:${L} src`);
    assert.deepEqual(g.dst, ref.dst, `torus:${L} dst`);
    assert.deepEqual(g.weight, ref.weight);
    assert.deepEqual(g.degree, ref.degree);
    assert.deepEqual(g.keys, ref.keys);
    // And the graphology generator's torus, packed.
    const viaGraphology = fromGraphology(torusGraph(L).graphology, { label: `torus:${L}` });
    assert.deepEqual(g.src, viaGraphology.src);
    assert.deepEqual(g.dst, viaGraphology.dst);
    assert.equal(g.graphology.size, viaGraphology.graphology.size);
  }
  // 46000² ≈ 2.1·10⁹ nodes: built at once (nothing allocated); reading its edges is refused with the estimate, typed.
  const huge = torusGraph(46000);
  assert.equal(huge.edgeCount, 2 * 46000 ** 2);
  assert.throws(() => huge.src, ResourceError);
  // Recognised as a Graph and known connected without reading its arrays.
  assert.equal(toGraph(huge), huge);
  assert.equal(isConnected(huge), true);
  assert.equal(componentCount(torusGraph(5)), 1);
  // Not a ring to the ring's kernels (their checks read the structure, not the arrays).
  const plan = planFor(torusGraph(40));
  assert.equal(ringStencilWidth(plan, 2), 0);
  assert.equal(ringHalfWidth(plan), 0);
  assert.equal(plan.bytes, 0, "no CSR read to tell");
});

test("the torus stencil step (no index arrays) equals the CSR kernels bit for bit at every chunk size, boundary nodes included", async () => {
  const before = setRingChunkRows(RING_CHUNK_ROWS);
  const minRows = setRingLaplacianMinRows(0); // the chunked stencil at these small sizes too (by default from 2²⁰ rows)
  try {
    await onEachBackend((backend) => {
      // L not a multiple of anything convenient: lattice rows split by blocks, chunks and groups of four blocks.
      for (const spec of ["torus:129", "torus:100", "torus:37", "torus:3"]) {
        const g = graphFromSpec(spec, key(1));
        const L = torusStencilSide(planFor(g), 2);
        assert.equal(L * L, g.n, `${spec}: the stencil applies`);
        assert.ok(torusStencilApplies(planFor(g), 2));
        const packed = unstructured(g);
        const x = tf.tensor2d(spreadField(g.n, 70), [g.n, 2]);
        const p = { step: 0.02, temperature: 0.8 };
        const k = key(71);
        const tensors0 = tf.memory().numTensors;
        // The references: the CSR loop in WebAssembly (stencils off) and the JavaScript CSR loop.
        setRingStencilEnabled(false);
        const csr = langevinUpdate(x, packed, p, k);
        setSimdEnabled(false);
        const js = langevinUpdate(x, packed, p, k);
        setSimdEnabled(true);
        setRingStencilEnabled(true);
        const want = Array.from(csr.dataSync());
        assert.deepEqual(Array.from(js.dataSync()), want, `${backend} ${spec}: the two CSR references agree`);
        for (const rows of [NOISE_BLOCK_ROWS, 2 * NOISE_BLOCK_ROWS, 3 * NOISE_BLOCK_ROWS, 5 * NOISE_BLOCK_ROWS, RING_CHUNK_ROWS]) {
          setRingChunkRows(rows);
          for (const simd of [true, false]) {
            setSimdEnabled(simd);
            const y = langevinUpdate(x, g, p, k);
            setSimdEnabled(true);
            const got = y.dataSync();
            // Boundary nodes first (corners, first/last lattice row and column), then every element.
            for (const i of [0, L - 1, L, 2 * L - 1, g.n - L, g.n - 1, (L >> 1) * L, (L >> 1) * L + L - 1]) {
              assert.deepEqual([got[2 * i], got[2 * i + 1]], [want[2 * i], want[2 * i + 1]], `${backend} ${spec} node ${i}`);
            }
            assert.deepEqual(Array.from(got), want, `${backend} ${spec} chunk ${rows} rows, ${simd ? "WebAssembly" : "JavaScript"}`);
            y.dispose();
          }
        }
        tf.dispose([csr, js]);
        assert.equal(tf.memory().numTensors, tensors0, "no tensor leaked");
        // The structured path built no index arrays: the plan is still empty.
        assert.equal(planFor(g).bytes, 0, `${spec}: the stencil step read no CSR`);
        // Below the threshold (the default at these sizes) the fused SIMD step on the CSR runs instead: the same numbers.
        setRingLaplacianMinRows(minRows);
        assert.equal(torusStencilApplies(planFor(g), 2), false);
        const small = langevinUpdate(x, g, p, k);
        assert.deepEqual(Array.from(small.dataSync()), want, `${backend} ${spec}: the fused SIMD step below the threshold`);
        assert.ok(planFor(g).bytes > 0, `${spec}: below the threshold the CSR was built`);
        small.dispose();
        setRingLaplacianMinRows(0);
        x.dispose();
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

test("other kernels and widths on a structured torus build its CSR on first use and agree with the packed graph", async () => {
  const minRows = setRingLaplacianMinRows(0);
  try {
    await onEachBackend(() => {
      const g = torusGraph(20);
      const packed = unstructured(g);
      const x = normal(key(80), [g.n, 3]) as tf.Tensor2D;
      // Width 3 is not the stencil's: the Langevin step takes the CSR kernels.
      assert.equal(torusStencilSide(planFor(g), 3), 0);
      const p = { step: 0.01, temperature: 1 };
      const y1 = langevinUpdate(x, g, p, key(81));
      const y2 = langevinUpdate(x, packed, p, key(81));
      assert.deepEqual(Array.from(y1.dataSync()), Array.from(y2.dataSync()));
      const x2 = normal(key(82), [g.n, 2]) as tf.Tensor2D;
      const a = laplacianProduct(x2, g);
      const b = laplacianProduct(x2, packed);
      assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
      assert.ok(planFor(g).bytes > 0, "the CSR was built when a kernel read it");
      tf.dispose([x, x2, a, b, y1, y2]);
      releaseGraph(g);
      releaseGraph(packed);
    });
  } finally {
    setRingLaplacianMinRows(minRows);
  }
});

test("the chunked torus step equals the CSR loop bit for bit: misses in boundary nodes, chunks splitting lattice rows and groups", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles (wabt)");
  const B = NOISE_BLOCK_ROWS;
  const before = setRingChunkRows(RING_CHUNK_ROWS);
  try {
    // L = 37 (N < 2 blocks), 100 (10 blocks, a short last one), 129 (17 blocks), 1031 (L > a block: a lattice row
    // spans blocks and chunks).
    const cases: [number, number[]][] = [
      [37, [B, 2 * B]],
      [100, [B, 3 * B, 4 * B, 64 * B]],
      [129, [B, 3 * B, 5 * B, 8 * B]],
      [1031, [B, 3 * B, 64 * B]],
    ];
    for (const [L, chunks] of cases) {
      const g = torusGraph(L);
      const n = g.n;
      const x = spreadField(n, n);
      // Keys whose draws miss the fast path in the first lattice row's first nodes (boundary, wrapping upwards) and in
      // the last block's last nodes: the slow path continues a stream inside the one-row CSR passes.
      const keys = edgeMissKeys(n, Math.min(2 * L, 2 * B));
      assert.ok(keys !== null, `torus:${L}: keys with misses in the boundary rows`);
      const [lo, hi] = keys;
      const ref = planFor(unstructured(g));
      for (const k of [lo, hi, key(5) as [number, number]]) {
        const want = new Float32Array(2 * n);
        langevinRows(ref, x, 2, 0.03, 0.9, k, want, 0, n, new Float32Array(2 * B));
        for (const rows of chunks) {
          setRingChunkRows(rows);
          const got = new Float32Array(2 * n);
          torusLangevin2(planFor(g), x, got, 0.03, 0.9, k);
          assert.deepEqual(got, want, `torus:${L}: chunk of ${rows / B} blocks`);
        }
      }
      assert.equal(planFor(g).bytes, 0, `torus:${L}: no CSR was built`);
      releaseGraph(g);
    }
  } finally {
    setRingChunkRows(before);
  }
});

test("the budget check and the bench: a torus spec read without index arrays is estimated as structured, and benched as a stencil", async () => {
  // torus:10⁴: 10⁸ nodes, 2·10⁸ edges: about 26 GB as edge arrays (refused where that does not fit), 0.8 GB structured.
  if (graphBytes(1e8, 2e8, false).bytes > memoryLimit().bytes) {
    assert.throws(() => graphFromSpec("torus:10000", key(0)), ResourceError);
  }
  const big = graphFromSpec("torus:10000", key(0), { indexFree: true });
  assert.equal(big.n, 1e8);
  assert.deepEqual(big.structure, { kind: "torus", side: 10000 });
  assert.equal(planFor(big).bytes, 0);
  // The bench on a small torus with the stencil forced: no index arrays, the field state only, its fixed scratch.
  const minRows = setRingLaplacianMinRows(0);
  try {
    const r = await benchLangevin({ graph: "torus:60", dim: 2, steps: 2, seed: 1, backend: "cpu", fusedOnly: true });
    assert.equal(r.structure, "torus");
    assert.equal(r.indexArrays, false);
    assert.equal(r.bytesPerEdge, 0);
    assert.equal(r.bytesPerNode, 2 * 4 * 2);
    // The stencil runs on every thread now (issue 23): a two-thread figure wherever there are two cores.
    assert.equal(r.twoThreadMsPerStep === null, availableParallelism() < 2);
    assert.match((r.profile as { loop: string }).loop, /^torus stencil/);
    assert.equal((r.memory as { stencilScratchBytes: number }).stencilScratchBytes, torusScratchBytes(60));
  } finally {
    setRingLaplacianMinRows(minRows);
  }
});
