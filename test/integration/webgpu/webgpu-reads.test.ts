import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { webgpuReads } from "../../../src/engine/webgpu/tfjs-bridge";
import { ringGraph } from "../../../src/graph/direct";
import { interaction } from "../../../src/hamiltonian/interaction";
import { ula } from "../../../src/dynamics/gradient";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { run } from "../../../src/dynamics/run";
import { DEFERRED_READ_BLOCK } from "../../../src/dynamics/loop";
import { releaseGraph } from "../../../src/ops/tensors";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { resource } from "../../support/resources";

import type { RunResult } from "../../../src/dynamics/run";
import { runIsing } from "../../../src/spin/ising/ising-run";
/** The run's own estimates (for R chains, the pooled ones). */
const pooled = (r: RunResult) => ({ meanEnergy: r.meanEnergy, energyMcse: r.energyMcse, energyEss: r.energyEss, acceptance: r.acceptance });

resource("swiftshader");

// How often a run reads the GPU back (each read is a round trip to the worker that waits for every queued kernel):
// ULA on webgpu reads once per block of steps, not once per step, and gives the numbers of a run read step by step.

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is

/** `f`'s result and the webgpu reads it made. */
function counted<T>(f: () => T): [T, number] {
  const before = webgpuReads();
  const out = f();
  return [out, webgpuReads() - before];
}

test(
  "ULA on webgpu reads H once per block of steps, not per step, with the numbers of a run read step by step",
  { skip: missing ?? false },
  async () => {
    assert.equal(await ready({ backend: "webgpu" }), "webgpu");
    const graph = ringGraph(64, 2);
    const steps = 300;
    const once = (deferReads?: boolean) => {
      const x0 = tf.zeros([graph.n, 2]);
      const [r, reads] = counted(() =>
        run(
          ula(interaction(graph), { step: 0.1, temperature: 1 }),
          x0,
          { steps, burnIn: 20, recordEvery: 25, ...(deferReads === undefined ? {} : { deferReads }) },
          key(3),
        ),
      );
      const field = Array.from(r.final.dataSync());
      tf.dispose([x0, r.final]);
      const { final: _final, seconds: _seconds, ...numbers } = r;
      return { numbers: { ...numbers, field }, reads };
    };
    const deferred = once();
    const stepwise = once(false);
    // The init's H, then one read per block: ⌈steps / DEFERRED_READ_BLOCK⌉ and a few more, against 1 + steps + records.
    assert.ok(deferred.reads <= Math.ceil(steps / DEFERRED_READ_BLOCK) + 3, `${deferred.reads} reads`);
    assert.ok(stepwise.reads > steps, `${stepwise.reads} reads read step by step`);
    assert.deepEqual(deferred.numbers, stepwise.numbers);
    releaseGraph(graph);
  },
);

test("R chains of ULA on webgpu read their energies once per block of steps", { skip: missing ?? false }, async () => {
  await ready({ backend: "webgpu" });
  const graph = ringGraph(32, 2);
  const steps = 200;
  const x0 = tf.zeros([graph.n, 4]) as tf.Tensor2D;
  const chains = ula(interactionChains(graph, 4), { step: 0.1, temperature: 1 });
  const [deferred, reads] = counted(() => run(chains, x0, { steps, burnIn: 10 }, key(4)));
  const [stepwise, stepwiseReads] = counted(() => run(chains, x0, { steps, burnIn: 10, deferReads: false }, key(4)));
  assert.ok(reads <= Math.ceil(steps / DEFERRED_READ_BLOCK) + 3, `${reads} reads`);
  assert.ok(stepwiseReads >= steps, `${stepwiseReads} reads read step by step`);
  assert.deepEqual(deferred.energies, stepwise.energies);
  assert.deepEqual(pooled(deferred), pooled(stepwise));
  // With R̂ and ESS (emtd sample --chains): the per-step mean fields are read with the energies.
  const [diagnosed, diagnosedReads] = counted(() => run(chains, x0, { steps, burnIn: 10, diagnostics: true }, key(4)));
  assert.ok(diagnosedReads <= Math.ceil(steps / DEFERRED_READ_BLOCK) + 3, `${diagnosedReads} reads with diagnostics`);
  assert.deepEqual(diagnosed.energies, stepwise.energies);
  tf.dispose([x0, deferred.final, stepwise.final, diagnosed.final]);
  releaseGraph(graph);
});

test(
  "the Ising sweep on webgpu takes a block of sweeps in one call and reads its counts (H, M, flips) once, with the numbers of one sweep per call and read (K = 64 or 1)",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    const sweeps = 200;
    const once = (deferReads?: boolean) => {
      const sampler = isingSampler(isingLattice(16), [2.0, 2.5], { replicas: 2 });
      const [r, reads] = counted(() =>
        runIsing(sampler, "cold", { steps: sweeps, burnIn: 20, ...(deferReads === undefined ? {} : { deferReads }) }, key(5)),
      );
      const { seconds: _seconds, ...numbers } = r;
      return { numbers, reads };
    };
    const deferred = once();
    const stepwise = once(false);
    assert.equal(deferred.numbers.path, "fused", "the checkerboard kernel on the GPU");
    assert.ok(deferred.reads <= Math.ceil(sweeps / DEFERRED_READ_BLOCK) + 3, `${deferred.reads} reads`);
    assert.ok(stepwise.reads >= sweeps, `${stepwise.reads} reads sweep by sweep`);
    assert.deepEqual(deferred.numbers, stepwise.numbers);
  },
);
