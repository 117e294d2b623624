/**
 * The fused Langevin step keeps the field in the SIMD module's memory between steps (kernels/simd/simd-langevin): a step whose
 * input tensor is the previous step's output swaps x and out there instead of copying the field in. The numbers must
 * be those of the JavaScript loop step by step — along a chain, after branching from an older tensor, after another
 * kernel used the module's x and out, and on 1 and 2 threads — on both tfjs backends that run the kernel.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { fold, key, type Key } from "../../../src/engine/random";
import { NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { graphFromSpec } from "../../../src/graph/spec";
import { langevinRows } from "../../../src/engine/kernels/loops/row-loops";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { simdLaplacian2 } from "../../../src/engine/kernels/simd/simd-rows";
import { residentSteps } from "../../../src/engine/kernels/simd/simd-langevin";
import { setRingChunkRows, setRingLaplacianMinRows, stencilStats } from "../../../src/engine/kernels/stencils/ring-stencil";
import { simdNoisyDescentChunked } from "../../../src/engine/kernels/simd/simd-noisy-descent";
import { configureThreads, parallelThreshold, threadCount } from "../../../src/engine/kernels/threads/pool";
import { langevinUpdate } from "../../../src/ops/langevin-update";
import { releaseGraph } from "../../../src/ops/tensors";
import { spreadField } from "../../helpers";

const h = 0.015; // drift 2h = 0.03
const T = 0.4; // sigma √(2hT)

for (const backend of ["wasm", "cpu"] as const) {
  test(`${backend}: chains of fused steps kept in the module's memory equal the JavaScript loop step by step`, async () => {
    await ready({ backend });
    const before = { threads: threadCount(), threshold: parallelThreshold() };
    const memory = tf.memory().numTensors;
    try {
      for (const spec of [`ws:${9 * NOISE_BLOCK_ROWS + 77}:6:0.1`, `ring:${7 * NOISE_BLOCK_ROWS - 5}:10`]) {
        const graph = graphFromSpec(spec, key(3));
        const plan = planFor(graph);
        const n = graph.n;
        // The loop's step from plain arrays: the reference.
        const loop = (x: Float32Array, k: Key) => {
          const out = new Float32Array(2 * n);
          langevinRows(plan, x, 2, 2 * h, Math.sqrt(2 * h * T), k, out, 0, n, new Float32Array(2 * NOISE_BLOCK_ROWS));
          return out;
        };
        for (const threads of [1, 2]) {
          configureThreads({ threads, threshold: 0 });
          const x0 = spreadField(n, 11);
          const start = tf.tensor2d(x0, [n, 2]);
          const kept = residentSteps.kept;
          // A chain of five steps: steps 2–5 start from the previous output.
          let want = x0;
          let x: tf.Tensor2D = start;
          const chain: tf.Tensor2D[] = [];
          for (let t = 0; t < 5; t++) {
            const k = fold(key(5), t);
            want = loop(want, k);
            const y = langevinUpdate(x, graph, { step: h, temperature: T }, k);
            chain.push(y);
            x = y;
            assert.deepEqual(y.dataSync(), want, `${spec}, ${threads} threads: step ${t + 1} of the chain`);
          }
          assert.ok(residentSteps.kept - kept >= 4, `${spec}: the chain's steps found their input in the module`);
          // Branch from the chain's second tensor (the module holds the fifth): must be copied in.
          const copied = residentSteps.copied;
          const k = fold(key(5), 99);
          const branch = langevinUpdate(chain[1]!, graph, { step: h, temperature: T }, k);
          assert.equal(residentSteps.copied - copied, 1, `${spec}: an older input is copied in`);
          assert.deepEqual(branch.dataSync(), loop(chain[1]!.dataSync() as Float32Array, k), `${spec}: the branch`);
          // Another kernel takes the module's x and out; then continue from the branch's output.
          simdLaplacian2(plan, spreadField(n, 12), new Float32Array(2 * n), 1);
          const after = langevinUpdate(branch, graph, { step: h, temperature: T }, fold(k, 1));
          assert.deepEqual(after.dataSync(), loop(branch.dataSync() as Float32Array, fold(k, 1)), `${spec}: after L·X in between`);
          tf.dispose([start, ...chain, branch, after]);
        }
        releaseGraph(graph);
      }
    } finally {
      configureThreads(before);
    }
    assert.equal(tf.memory().numTensors, memory, "no tensor leak");
  });
}

test("chunked ring and torus stencils on 2 and 3 threads: staged worker rows reused along a chain, equal to the loop", async () => {
  await ready({ backend: "wasm" });
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  const chunk = setRingChunkRows(2 * NOISE_BLOCK_ROWS); // several chunks per share
  const minRows = setRingLaplacianMinRows(0); // the stencils at small N
  const memory = tf.memory().numTensors;
  try {
    for (const spec of [`ring:${11 * NOISE_BLOCK_ROWS + 301}:10`, "torus:121"]) {
      const graph = graphFromSpec(spec, key(4));
      const plan = planFor(graph);
      const n = graph.n;
      const loop = (x: Float32Array, k: Key) => {
        const out = new Float32Array(2 * n);
        langevinRows(plan, x, 2, 2 * h, Math.sqrt(2 * h * T), k, out, 0, n, new Float32Array(2 * NOISE_BLOCK_ROWS));
        return out;
      };
      const start = tf.tensor2d(spreadField(n, 21), [n, 2]);
      const made: tf.Tensor2D[] = [];
      let x: tf.Tensor2D = start;
      let want = start.dataSync() as Float32Array;
      const kept = stencilStats.kept;
      // 2 threads, 3 threads (another split: the staged rows no longer match), a noisy descent in between, 3, then 2.
      for (const [t, threads] of [2, 2, 2, 3, 3, -1, 3, 2, 2].entries()) {
        if (threads < 0) {
          noisyDescentBetween(n); // another kernel writes the staging buffers
          continue;
        }
        configureThreads({ threads, threshold: 0 });
        const k = fold(key(6), t);
        want = loop(want, k);
        const y = langevinUpdate(x, graph, { step: h, temperature: T }, k);
        made.push(y);
        x = y;
        assert.deepEqual(y.dataSync(), want, `${spec}: step ${t + 1} on ${threads} threads`);
      }
      assert.ok(stencilStats.kept - kept >= 3, `${spec}: steps of the chain reused the staged worker rows`);
      tf.dispose([start, ...made]);
      releaseGraph(graph);
    }
  } finally {
    setRingChunkRows(chunk);
    setRingLaplacianMinRows(minRows);
    configureThreads(before);
  }
  assert.equal(tf.memory().numTensors, memory, "no tensor leak");
});

/** A noisy descent on other values through the staging buffers (as MALA's proposal runs between two steps). */
function noisyDescentBetween(n: number): void {
  const x = spreadField(n, 31);
  simdNoisyDescentChunked(x, x, new Float32Array(2 * n), 2, n, 0.01, 0.3, key(9));
}
