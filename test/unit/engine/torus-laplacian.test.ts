/**
 * L·X and the interaction's energy and gradient on a structured torus (kernels/stencils/torus-stencil: a stencil through the
 * WebAssembly module, no index arrays): the same numbers bit for bit as the CSR kernels on the same torus as a packed
 * graph, at every chunk size, boundary nodes included, on 1, 2 and 3 threads, on both backends, and the JavaScript
 * stencil too. The structured path must read no CSR.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key } from "../../../src/engine/random";
import { NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { graphFromSpec } from "../../../src/graph/spec";
import type { Graph } from "../../../src/graph/graph";
import { graphFromEdgeList } from "../../../src/graph/direct";
import { fusedLaplacianProduct } from "../../../src/engine/kernels/configs/laplacian-kernel";
import { releaseGraph } from "../../../src/ops/tensors";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { RING_CHUNK_ROWS, setRingChunkRows, setRingLaplacianMinRows } from "../../../src/engine/kernels/stencils/ring-stencil";
import { torusStencilApplies } from "../../../src/engine/kernels/stencils/torus-stencil";
import { setRingStencilEnabled, setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { configureThreads, parallelThreshold, poolStats, threadCount } from "../../../src/engine/kernels/threads/pool";
import { interaction } from "../../../src/hamiltonian/interaction";
import { energyAndGradient } from "../../../src/hamiltonian/term";
import { onEachBackend, spreadField } from "../../helpers";

/** The same torus as a plain packed graph (edge arrays, CSR plan): the reference. */
function unstructured(g: Graph): Graph {
  return graphFromEdgeList(g.n, g.src, g.dst, null, `${g.label} (packed)`);
}

test("torus L·X and interaction (no index arrays) equal the CSR kernels bit for bit: chunks, threads, backends", async () => {
  const chunk = setRingChunkRows(RING_CHUNK_ROWS);
  const minRows = setRingLaplacianMinRows(0); // the stencils at these small sizes too (by default from 2²⁰ rows)
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  try {
    await onEachBackend((backend) => {
      for (const spec of ["torus:129", "torus:37", "torus:3"]) {
        const g = graphFromSpec(spec, key(2));
        assert.ok(torusStencilApplies(planFor(g), 2), `${spec}: the stencil applies`);
        const packed = unstructured(g);
        const x = tf.tensor2d(spreadField(g.n, 80), [g.n, 2]);
        const tensors0 = tf.memory().numTensors;
        // The references on the packed graph: L·X (scale 0.7) and the interaction's energy and gradient (J = 1.3).
        configureThreads({ threads: 1 });
        const wantLx = fusedLaplacianProduct(x as tf.Tensor2D, planFor(packed), 0.7);
        const wantTerm = energyAndGradient(interaction(packed, { coupling: 1.3 }), x);
        const want = {
          lx: Array.from(wantLx.dataSync()),
          energy: wantTerm.energy.dataSync()[0],
          grad: Array.from(wantTerm.gradient.dataSync()),
        };
        tf.dispose([wantLx, wantTerm.energy, wantTerm.gradient]);
        for (const rows of [NOISE_BLOCK_ROWS, 3 * NOISE_BLOCK_ROWS, RING_CHUNK_ROWS]) {
          setRingChunkRows(rows);
          for (const [threads, simd] of [
            [1, true],
            [2, true],
            [3, true],
            [1, false],
          ] as const) {
            configureThreads({ threads, threshold: 0 });
            setSimdEnabled(simd);
            const shares = poolStats.workerShares;
            const lx = fusedLaplacianProduct(x as tf.Tensor2D, planFor(g), 0.7);
            const term = energyAndGradient(interaction(g, { coupling: 1.3 }), x);
            setSimdEnabled(true);
            const where = `${backend} ${spec} chunk ${rows}, ${threads} thread(s), ${simd ? "WebAssembly" : "JavaScript"}`;
            if (threads > 1 && simd && g.n >= 2 * NOISE_BLOCK_ROWS)
              assert.ok(poolStats.workerShares > shares, `${where}: workers took part`);
            assert.deepEqual(Array.from(lx.dataSync()), want.lx, `${where}: L·X`);
            assert.deepEqual(Array.from(term.gradient.dataSync()), want.grad, `${where}: ∇H`);
            assert.equal(term.energy.dataSync()[0], want.energy, `${where}: H`);
            tf.dispose([lx, term.energy, term.gradient]);
          }
        }
        assert.equal(planFor(g).bytes, 0, `${spec}: the stencils read no CSR`);
        // The stencils off: the structured graph builds its CSR and gives the same numbers (the check can fail).
        setRingStencilEnabled(false);
        configureThreads({ threads: 1 });
        const viaCsr = fusedLaplacianProduct(x as tf.Tensor2D, planFor(g), 0.7);
        setRingStencilEnabled(true);
        assert.deepEqual(Array.from(viaCsr.dataSync()), want.lx, `${backend} ${spec}: the CSR path on the structured graph`);
        viaCsr.dispose();
        x.dispose();
        assert.equal(tf.memory().numTensors, tensors0 - 1, `${backend} ${spec}: no tensor leaked`);
        releaseGraph(g);
        releaseGraph(packed);
      }
    });
  } finally {
    setRingChunkRows(chunk);
    setRingLaplacianMinRows(minRows);
    setRingStencilEnabled(true);
    setSimdEnabled(true);
    configureThreads(before);
  }
});
