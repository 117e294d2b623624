/**
 * The run loop's deferred reads (dynamics/loop), on the cpu backend through `deferReads: true`: the same numbers,
 * errors, partial results and checkpoints as reading every step (the default here), for one chain, R chains and the
 * Ising sampler's sweeps.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key, normal } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { interaction } from "../../../src/hamiltonian/interaction";
import { gradientFlow, ula } from "../../../src/dynamics/gradient";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { run, type PartialRun, type RunOptions, type RunResult } from "../../../src/dynamics/run";
import { DEFERRED_READ_BLOCK } from "../../../src/dynamics/loop";
import type { Integrator } from "../../../src/dynamics/types";
import { releaseGraph } from "../../../src/ops/tensors";
import { DivergenceError } from "../../../src/errors";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { runIsing } from "../../../src/spin/ising/ising-run";

/** A run's numbers, its final field read out (and disposed). */
function numbers(r: RunResult) {
  const { final, seconds: _seconds, ...rest } = r;
  const field = Array.from(final.dataSync());
  final.dispose();
  return { ...rest, field };
}

/** `integrator` counting the steps it has taken. */
function counting(integrator: Integrator): { integrator: Integrator; steps: () => number } {
  let steps = 0;
  return {
    integrator: {
      ...integrator,
      init: (position) => integrator.init(position),
      step: (state, k, overrides) => {
        steps++;
        return integrator.step(state, k, overrides);
      },
    },
    steps: () => steps,
  };
}

test("ULA and gradient flow give the same trace, energies, estimates and field with deferred reads as read step by step", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(30, 4);
  const x0 = normal(key(2), [graph.n, 2]) as tf.Tensor2D;
  const before = tf.memory().numTensors;
  for (const integrator of [ula(interaction(graph), { step: 0.05, temperature: 1 }), gradientFlow(interaction(graph), { step: 0.05 })]) {
    const options: RunOptions = { steps: 300, burnIn: 20, recordEvery: 7 };
    const read = numbers(run(integrator, x0, { ...options, deferReads: false }, key(1)));
    const deferred = numbers(run(integrator, x0, { ...options, deferReads: true }, key(1)));
    assert.deepEqual(deferred, read, integrator.name);
    assert.equal(read.trace.length, Math.ceil(300 / 7));
  }
  assert.equal(tf.memory().numTensors, before);
  x0.dispose();
  releaseGraph(graph);
});

test("deferred reads do the bookkeeping a block late: onRecord waits for the read, observe and stopWhen see each record at its step", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(20, 4);
  const x0 = normal(key(3), [graph.n, 1]) as tf.Tensor2D;
  const seen = (options: RunOptions) => {
    const c = counting(ula(interaction(graph), { step: 0.05, temperature: 1 }));
    const at: number[] = [];
    const r = run(c.integrator, x0, { ...options, onRecord: (record) => at.push(c.steps() - record.step) }, key(4));
    r.final.dispose();
    return at;
  };
  // Every record is seen (an empty list would pass an every() of anything): steps 10, 20, …, 200.
  const onTime = Array.from({ length: 200 / 10 }, () => 0);
  // Read step by step, each record is made at its step; deferred, the first waits for the block's end.
  assert.deepEqual(seen({ steps: 200, recordEvery: 10, deferReads: false }), onTime);
  const late = seen({ steps: 200, recordEvery: 10, deferReads: true });
  assert.equal(late.length, onTime.length);
  assert.equal(late[0], DEFERRED_READ_BLOCK - 10);
  assert.equal(late.at(-1), 0);
  // observe and stopWhen need the record's own step: no record is late.
  const observed = seen({ steps: 200, recordEvery: 10, deferReads: true, observe: (p) => ({ rows: p.shape[0] }) });
  assert.deepEqual(observed, onTime);
  assert.deepEqual(seen({ steps: 200, recordEvery: 10, deferReads: true, stopWhen: () => false }), onTime);
  x0.dispose();
  releaseGraph(graph);
});

test("a divergence inside a deferred block is reported at its exact step, with the same message and partial run", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(30, 4);
  const x0 = normal(key(5), [graph.n, 1]) as tf.Tensor2D;
  // h above the stable bound 1/λ_max: H grows geometrically and overflows float32 at step 108, in the second block.
  const integrator = ula(interaction(graph), { step: 0.2, temperature: 1 });
  const failure = (deferReads: boolean) => {
    const before = tf.memory().numTensors;
    try {
      run(integrator, x0, { steps: 400, burnIn: 10, recordEvery: 5, deferReads }, key(6));
    } catch (error) {
      assert.equal(tf.memory().numTensors, before, "nothing left behind by the fault");
      assert.ok(error instanceof DivergenceError, String(error));
      return { message: error.message, step: error.step, partial: error.partial as PartialRun };
    }
    assert.fail("the run diverges");
  };
  const read = failure(false);
  assert.ok(read.step > DEFERRED_READ_BLOCK && read.step % DEFERRED_READ_BLOCK !== 0, `inside a later block (step ${read.step})`);
  assert.ok(read.partial.trace.length > 0 && read.partial.energies.length > 0);
  assert.deepEqual(failure(true), read);
  x0.dispose();
  releaseGraph(graph);
});

test("a deferred run paused off a block boundary and resumed is the run never paused", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(24, 4);
  const x0 = normal(key(7), [graph.n, 2]) as tf.Tensor2D;
  const integrator = ula(interaction(graph), { step: 0.05, temperature: 1 });
  const options: RunOptions = { steps: 250, burnIn: 30, recordEvery: 3, deferReads: true };
  const whole = numbers(run(integrator, x0, options, key(8)));
  const pause = (deferReads: boolean) => {
    const paused = run(integrator, x0, { ...options, until: DEFERRED_READ_BLOCK + 37, deferReads }, key(8));
    paused.final.dispose();
    return paused.checkpoint!;
  };
  const checkpoint = pause(true);
  assert.ok(Number.isFinite(checkpoint.energy), "the checkpoint's H was read");
  assert.deepEqual(checkpoint, pause(false));
  const resumed = numbers(run(integrator, x0, { ...options, resume: checkpoint }, key(8)));
  assert.deepEqual(resumed, whole);
  assert.deepEqual(whole, numbers(run(integrator, x0, { ...options, deferReads: false }, key(8))));
  x0.dispose();
  releaseGraph(graph);
});

test("R chains of ULA: per-chain energies and estimates the same deferred, and a diverging chain named at its step", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(16, 4);
  const R = 4;
  const x0 = normal(key(9), [graph.n, R * 2]) as tf.Tensor2D;
  const before = tf.memory().numTensors;
  const chains = ula(interactionChains(graph, R), { step: 0.05, temperature: 1 });
  const once = (deferReads: boolean) => {
    const { final, seconds: _seconds, ...rest } = run(chains, x0, { steps: 200, burnIn: 20, deferReads }, key(10));
    const field = Array.from(final.dataSync());
    final.dispose();
    return { ...rest, field };
  };
  assert.deepEqual(once(true), once(false));
  const diagnosed = (deferReads: boolean) => {
    const { final, seconds: _seconds, ...rest } = run(chains, x0, { steps: 120, burnIn: 20, diagnostics: true, deferReads }, key(11));
    final.dispose();
    return rest;
  };
  assert.deepEqual(diagnosed(true), diagnosed(false));
  const unstable = ula(interactionChains(graph, R), { step: 0.2, temperature: 1 });
  const failure = (deferReads: boolean) => {
    try {
      run(unstable, x0, { steps: 400, deferReads }, key(12)).final.dispose();
    } catch (error) {
      assert.ok(error instanceof DivergenceError, String(error));
      return { message: error.message, step: error.step, partial: error.partial };
    }
    assert.fail("the chains diverge");
  };
  const read = failure(false);
  assert.ok(read.step > DEFERRED_READ_BLOCK && read.step % DEFERRED_READ_BLOCK !== 0, `inside a later block (step ${read.step})`);
  assert.deepEqual(failure(true), read);
  assert.equal(tf.memory().numTensors, before);
  x0.dispose();
  releaseGraph(graph);
});

test("the Ising sampler's deferred reads (fused and tensor paths, R replicas, a pause): the numbers of sweep-by-sweep reads", async () => {
  await ready({ backend: "cpu" });
  const before = tf.memory().numTensors;
  for (const path of ["fused", "tensor"] as const) {
    const sampler = () => isingSampler(isingLattice(8), [2.0, 2.6], { replicas: 2, path });
    const once = (deferReads: boolean, until?: number) => {
      const s = sampler();
      const settings = { steps: 150, burnIn: 20, deferReads, ...(until === undefined ? {} : { until }) };
      const first = runIsing(s, "hot", settings, key(9));
      // A pause inside a block (not at a multiple of DEFERRED_READ_BLOCK), resumed to the end.
      const r = first.checkpoint ? runIsing(sampler(), "hot", { ...settings, until: 150, resume: first.checkpoint }, key(9)) : first;
      const { seconds: _seconds, ...rest } = r;
      return rest;
    };
    const stepwise = once(false);
    assert.equal(stepwise.path, path);
    assert.deepEqual(once(true), stepwise, `${path}: deferred`);
    assert.deepEqual(once(true, 101), stepwise, `${path}: deferred, paused at 101`);
  }
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
});
