import { test } from "node:test";
import assert from "node:assert/strict";
import { webgpuDataIds } from "../../../src/engine/webgpu/tfjs-bridge";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { fusedLangevinUpdate } from "../../../src/engine/kernels/configs/langevin-kernel";
import { fusedInteraction } from "../../../src/engine/kernels/configs/interaction-kernel";
import { graphFromEdgeList, ringGraph } from "../../../src/graph/direct";
import type { Graph } from "../../../src/graph/graph";
import { releaseGraph } from "../../../src/ops/tensors";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";

resource("swiftshader");

// A graph's CSR goes to the GPU once (engine/kernels/configs/webgpu/graph-webgpu.ts, keyed by the plan's id from
// graph-wire.ts) and stays there until releaseGraph: the worker's data buffers show it.

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is

const live = (): [number, number] => [tf.memory().numTensors, webgpuDataIds()];

/** A circulant graph on 30 nodes (steps 1 and 4): no rule, so the kernels read its CSR. */
function circulant(weighted: boolean): Graph {
  const [a, b, w]: number[][] = [[], [], []];
  for (let i = 0; i < 30; i++) {
    for (const step of [1, 4]) {
      a.push(i);
      b.push((i + step) % 30);
      w.push(1 + (i % 3));
    }
  }
  return graphFromEdgeList(
    30,
    Int32Array.from(a!),
    Int32Array.from(b!),
    weighted ? Float64Array.from(w!) : null,
    `circulant:30:${weighted}`,
  );
}

test(
  "a CSR graph's arrays are uploaded once per graph and freed by releaseGraph; a ring's rule uploads none",
  { skip: missing ?? false },
  async () => {
    assert.equal(await ready({ backend: "webgpu" }), "webgpu");
    const before = live();
    for (const [weighted, arrays] of [
      [false, 2],
      [true, 3],
    ] as const) {
      const graph = circulant(weighted);
      const x = tf.ones([graph.n, 3]) as tf.Tensor2D;
      const run = (): number[] => {
        const y = fusedLangevinUpdate(x, graph, 0.1, 0, key(1));
        const [energy, gradient] = fusedInteraction(x, graph, 1);
        const values = [...y.dataSync(), ...gradient.dataSync(), energy.dataSync()[0]!];
        tf.dispose([y, energy, gradient]);
        return values;
      };
      const first = run();
      const [tensors, buffers] = live();
      assert.deepEqual([tensors, buffers], [before[0] + 1, before[1] + 1 + arrays], "x, and the CSR on the GPU");
      assert.deepEqual(run(), first, "the same numbers from the held CSR");
      assert.deepEqual(live(), [tensors, buffers], "no second upload");
      releaseGraph(graph);
      assert.deepEqual(live(), [before[0] + 1, before[1] + 1], "releaseGraph freed the CSR");
      assert.deepEqual(run(), first, "uploaded again after a release");
      releaseGraph(graph);
      x.dispose();
      assert.deepEqual(live(), before);
    }
    const ring = ringGraph(40, 2);
    const x = tf.ones([ring.n, 2]) as tf.Tensor2D;
    const y = fusedLangevinUpdate(x, ring, 0.1, 0, key(1));
    y.dataSync();
    tf.dispose(y);
    assert.deepEqual(live(), [before[0] + 1, before[1] + 1], "the ring is stepped by its rule: no arrays");
    x.dispose();
    releaseGraph(ring);
    assert.deepEqual(live(), before);
  },
);
