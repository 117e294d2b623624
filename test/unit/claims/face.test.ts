/**
 * The one sampler face (issue 22): every sampler of the library (gradient flow, ULA, MALA, Metropolis, batched ULA
 * and MALA, the Ising sampler on both paths) is `{ init, step }` over R chains, its state freed by the one
 * `disposeState`, its state saved and restored by `snapshotState`/`restoreState` so exactly that the next step is
 * the same bit for bit; and the one run loop reports a batched chain's divergence at the step it happens.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { interaction } from "../../../src/hamiltonian/interaction";
import { releaseGraph } from "../../../src/ops/tensors";
import { gradientFlow, mala, ula } from "../../../src/dynamics/gradient";
import { metropolis } from "../../../src/dynamics/metropolis";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { disposeState, restoreState, type BaseState, type Sampler, snapshotState, type StepInfo } from "../../../src/dynamics/types";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { isingGraph, isingLattice } from "../../../src/spin/ising/ising-system";
import { DivergenceError } from "../../../src/errors";
import { run } from "../../../src/dynamics/run";

interface Case {
  name: string;
  sampler: Sampler<BaseState, StepInfo>;
  position: () => tf.Tensor2D;
}

function cases(): { list: Case[]; release: () => void } {
  const graph = graphs.ring(8, 2);
  const H = interaction(graph);
  const R = 3;
  const field = (width: number) => () => tf.tidy(() => tf.sin(tf.reshape(tf.range(0, graph.n * width), [graph.n, width])) as tf.Tensor2D);
  const spins = (n: number, r: number) => () =>
    tf.tidy(() => tf.sub(tf.mul(tf.cast(tf.greater(tf.sin(tf.reshape(tf.range(0, n * r), [n, r])), 0), "float32"), 2), 1) as tf.Tensor2D);
  const list: Case[] = [
    { name: "gradient-flow", sampler: gradientFlow(H, { step: 0.05 }), position: field(2) },
    { name: "ula", sampler: ula(H, { step: 0.05 }), position: field(2) },
    { name: "mala", sampler: mala(H, { step: 0.3 }), position: field(2) },
    { name: "metropolis", sampler: metropolis(H, graph, { step: 0.5 }), position: field(2) },
    { name: "ula, R chains", sampler: ula(interactionChains(graph, R), { step: 0.05 }), position: field(2 * R) },
    { name: "mala, R chains", sampler: mala(interactionChains(graph, R), { step: 0.3 }), position: field(2 * R) },
    { name: "ising fused", sampler: isingSampler(isingLattice(4), [2, 2.5, 3]), position: spins(16, 3) },
    { name: "ising tensor", sampler: isingSampler(isingGraph(graph), [2, 2.5, 3]), position: spins(graph.n, 3) },
  ];
  return {
    list,
    release: () => {
      for (const c of list) (c.sampler as { dispose?: () => void }).dispose?.();
      releaseGraph(graph);
    },
  };
}

test("every sampler has the one face over R chains, and disposeState frees any of their states", async () => {
  await ready({ backend: "cpu" });
  const { list, release } = cases();
  for (const { name, sampler, position } of list) {
    const x = position();
    const before = tf.memory().numTensors;
    const first = sampler.init(x);
    assert.deepEqual(first.position.shape, x.shape, `${name}: init copies the position`);
    assert.notEqual(first.position, x, `${name}: init copies the position`);
    const [state, info] = sampler.step(first, key(1));
    assert.ok(Number.isFinite(info.energy) && info.acceptance >= 0 && info.acceptance <= 1, `${name}: pooled info`);
    if (sampler.chains > 1) {
      assert.equal(info.energies?.length, sampler.chains, `${name}: per-chain energies`);
      assert.equal(info.accepted?.length, sampler.chains, `${name}: per-chain accepted`);
      const sum = Array.from(info.energies!).reduce((a, b) => a + b, 0);
      assert.equal(info.energy, sum, `${name}: the pooled energy is the chains' sum`);
    }
    disposeState(state);
    // The Ising sampler's constants (colour masks) are its own, freed by its dispose().
    (sampler as { dispose?: () => void }).dispose?.();
    assert.equal(tf.memory().numTensors, before, `${name}: disposeState leaves no tensor`);
    x.dispose();
  }
  release();
});

test("a state restored from its snapshot steps to the same numbers, bit for bit", async () => {
  await ready({ backend: "cpu" });
  const { list, release } = cases();
  for (const { name, sampler, position } of list) {
    const x = position();
    let state = sampler.init(x);
    x.dispose();
    [state] = sampler.step(state, key(2));
    const copy = restoreState<BaseState>(snapshotState(state));
    const [a, infoA] = sampler.step(state, key(3));
    const [b, infoB] = sampler.step(copy, key(3));
    assert.deepEqual(Array.from(b.position.dataSync()), Array.from(a.position.dataSync()), `${name}: position`);
    assert.equal(infoB.energy, infoA.energy, `${name}: energy`);
    assert.equal(infoB.acceptance, infoA.acceptance, `${name}: acceptance`);
    disposeState(a);
    disposeState(b);
  }
  release();
});

test("the one run loop stops a batched chain that diverges during burn-in at that step, leaving no tensor", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(20, 4);
  const before = tf.memory().numTensors;
  const x0 = tf.tidy(() => tf.sin(tf.reshape(tf.range(0, graph.n * 4), [graph.n, 4])) as tf.Tensor2D);
  // h = 1 on a ring of degree 4: far above the stable bound 1/λ_max ≈ 0.08, so H overflows within a few dozen steps.
  const chains = ula(interactionChains(graph, 4), { step: 1, temperature: 1 });
  assert.throws(
    () => run(chains, x0, { steps: 2000, burnIn: 1000 }, key(4)),
    (e: unknown) => e instanceof DivergenceError && e.step < 1000 && /ula chain \d+ diverged/.test(e.message),
  );
  x0.dispose();
  releaseGraph(graph);
  assert.equal(tf.memory().numTensors, before, "no tensor leaked by the failed run");
});
