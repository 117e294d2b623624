import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { fold, key, normal } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { releaseGraph } from "../../../src/ops/tensors";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { interaction } from "../../../src/hamiltonian/interaction";
import { disposeState } from "../../../src/dynamics/types";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { mala, ula } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { chainSummary } from "../../../src/dynamics/chain-run";
import { equipartitionEnergy, ulaStationaryEnergy } from "../../../src/analysis/gaussian-exact";
import { ArgumentError, DivergenceError } from "../../../src/errors";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { onEachBackend } from "../../helpers";

import type { RunResult } from "../../../src/dynamics/run";
import { runIsing } from "../../../src/spin/ising/ising-run";
/** The run's own estimates (for R chains, the pooled ones). */
const pooled = (r: RunResult) => ({ meanEnergy: r.meanEnergy, energyMcse: r.energyMcse, energyEss: r.energyEss, acceptance: r.acceptance });

/** z threshold per comparison (a correct sampler fails one of ~20 comparisons with p ≈ 1e-3). */
const Z = 4;

function assertZ(label: string, value: number, mcse: number, exact: number): void {
  assert.ok(mcse > 0 && Number.isFinite(mcse), `${label}: MCSE ${mcse}`);
  const z = (value - exact) / mcse;
  assert.ok(Math.abs(z) < Z, `${label}: ${value.toFixed(3)} ± ${mcse.toFixed(3)} vs ${exact.toFixed(3)} (z = ${z.toFixed(2)})`);
}

test("per-chain energies of the batched interaction equal the single-chain energies of each block", async () => {
  await onEachBackend((backend) => {
    const g = graphs.ring(12, 4);
    const R = 3;
    const x = normal(key(4), [12, R * 2]) as tf.Tensor2D;
    const { energies, gradient } = interactionChains(g, R).evaluate(x);
    const e = energies.dataSync();
    for (let r = 0; r < R; r++) {
      const block = tf.slice(x, [0, 2 * r], [12, 2]) as tf.Tensor2D;
      const single = interaction(g).energy(block);
      assert.ok(Math.abs(e[r]! - single.dataSync()[0]!) < 1e-4 * Math.abs(single.dataSync()[0]!), `${backend} chain ${r}`);
      tf.dispose([block, single]);
    }
    tf.dispose([x, energies, gradient]);
    releaseGraph(g);
  });
});

test("MALA chains in one tensor reproduce equipartition per chain and pooled, and agree with separate runs", async () => {
  await ready({ backend: "wasm" });
  const g = graphs.ring(20, 4);
  const R = 12;
  const T = 1.3;
  const exact = equipartitionEnergy(g.n, 2, T);
  const x0 = tf.zeros([g.n, R * 2]) as tf.Tensor2D;
  const batch = run(
    mala(interactionChains(g, R), { step: 0.05, temperature: T }),
    x0,
    {
      steps: 3000,
      burnIn: 500,
      adapt: true,
    },
    key(31),
  );
  assert.equal(batch.perChain.length, R, "one estimate per chain (the loop below checks each)");
  batch.perChain.forEach((c, r) => assertZ(`chain ${r}`, c.meanEnergy, c.energyMcse, exact));
  assertZ("pooled", batch.meanEnergy, batch.energyMcse, exact);
  assert.ok(batch.acceptance > 0.4 && batch.acceptance < 0.8, `acceptance ${batch.acceptance}`);
  // R separate single-chain runs of the library's MALA, pooled the same way.
  const single = tf.zeros([g.n, 2]) as tf.Tensor2D;
  const separate = Array.from({ length: 6 }, (_, r) => {
    const out = run(
      mala(interaction(g), { step: 0.05, temperature: T }),
      single,
      {
        steps: 3000,
        burnIn: 500,
        adapt: true,
      },
      fold(key(32), r),
    );
    out.final.dispose();
    return out;
  });
  const mean = separate.reduce((s, o) => s + o.meanEnergy, 0) / separate.length;
  const mcse = Math.sqrt(separate.reduce((s, o) => s + o.energyMcse ** 2, 0)) / separate.length;
  const z = (batch.meanEnergy - mean) / Math.hypot(batch.energyMcse, mcse);
  assert.ok(Math.abs(z) < Z, `batched ${batch.meanEnergy} ± ${batch.energyMcse} vs separate ${mean} ± ${mcse} (z = ${z.toFixed(2)})`);
  tf.dispose([x0, single, batch.final]);
  releaseGraph(g);
});

test("ULA chains carry ULA's exact step-size bias (dT/2)·Σ 1/(1 − hλ_m) in every chain", async () => {
  await ready({ backend: "wasm" });
  const g = graphs.ring(16, 4);
  const R = 8;
  const h = 0.08;
  const exact = ulaStationaryEnergy(laplacianEigenvalues(g), 2, 1, h);
  assert.ok(exact > 1.2 * equipartitionEnergy(g.n, 2, 1), "the bias must be resolvable");
  const x0 = tf.zeros([g.n, R * 2]) as tf.Tensor2D;
  const out = run(ula(interactionChains(g, R), { step: h, temperature: 1 }), x0, { steps: 3000, burnIn: 300 }, key(33));
  assert.equal(out.perChain.length, R, "one estimate per chain (the loop below checks each)");
  out.perChain.forEach((c, r) => assertZ(`ULA chain ${r}`, c.meanEnergy, c.energyMcse, exact));
  assertZ("ULA pooled", out.meanEnergy, out.energyMcse, exact);
  tf.dispose([x0, out.final]);
  releaseGraph(g);
});

test("chains: one key, one trajectory per backend; no tensor leaks; a rejected overflowing proposal leaves the chain intact", async () => {
  await onEachBackend((backend) => {
    const g = graphs.ring(10, 4);
    const energy = interactionChains(g, 4);
    const x0 = normal(key(6), [10, 8]) as tf.Tensor2D;
    const go = (k: number) => {
      const out = run(mala(energy, { step: 0.05 }), x0, { steps: 40, burnIn: 10 }, key(k));
      out.final.dispose();
      return out.draws.energy.map((e) => [...e]);
    };
    assert.deepEqual(go(1), go(1), backend);
    assert.notDeepEqual(go(1), go(2), backend);
    const integrator = mala(energy, { step: 0.05 });
    let state = integrator.init(x0);
    [state] = integrator.step(state, key(9));
    const before = tf.memory().numTensors;
    for (let t = 0; t < 20; t++) [state] = integrator.step(state, fold(key(9), t));
    assert.equal(tf.memory().numTensors, before, `${backend} leak`);
    // h = 1e30: every proposal overflows (cost NaN/∞) and is rejected; the state is kept exactly.
    const kept = [...state.position.dataSync()];
    const huge = mala(energy, { step: 1e30 });
    const [after, info] = huge.step(state, key(10));
    assert.deepEqual([...info.accepted], [0, 0, 0, 0]);
    assert.deepEqual([...after.position.dataSync()], kept);
    disposeState(after);
    // ULA that diverges is an error, not a NaN result.
    assert.throws(() => run(ula(energy, { step: 5 }), x0, { steps: 200 }, key(3)), DivergenceError);
    assert.throws(() => energy.evaluate(tf.zeros([10, 7]) as tf.Tensor2D), ArgumentError);
    x0.dispose();
    releaseGraph(g);
  });
});

test("one ula and one mala take a term or a ChainEnergy; one run picks its front end by the sampler and the options", async () => {
  await ready({ backend: "cpu" });
  const before = tf.memory().numTensors;
  const graph = graphs.ring(10, 2);
  const x0 = tf.zeros([graph.n, 4]) as tf.Tensor2D;
  const x1 = tf.zeros([graph.n, 1]) as tf.Tensor2D;
  const options = { steps: 60, burnIn: 10 };
  // R chains: the batched state, per-chain and pooled estimates.
  const batched = ula(interactionChains(graph, 4), { step: 0.05 });
  assert.equal(batched.chains, 4);
  const r = run(batched, x0, options, key(1));
  // A checkpoint holds one field: R chains refuse to pause rather than ignore it.
  assert.throws(
    () => run(batched, x0, { ...options, until: 20 }, key(1)),
    (e: unknown) => e instanceof ArgumentError && /until must be absent for R chains/.test((e as Error).message),
  );
  // R chains keep no trace: a trace callback would never run, so each is refused by name.
  for (const hook of [{ observe: () => ({}) }, { onRecord: () => {} }, { stopWhen: () => true }]) {
    const name = Object.keys(hook)[0]!;
    assert.throws(
      () => run(batched, x0, { ...options, ...hook }, key(1)),
      (e: unknown) => e instanceof ArgumentError && new RegExp(`${name} must be absent for R chains`).test((e as Error).message),
    );
  }
  assert.deepEqual([r.perChain.length, r.draws.energy.length, r.draws.energy[0]!.length], [4, 4, options.steps - options.burnIn]);
  // One chain is one field, whether a ChainEnergy of R = 1 or a term: the same front end, the trace for both.
  const one = run(mala(interactionChains(graph, 1), { step: 0.05 }), x1, options, key(2));
  const single = run(mala(interaction(graph), { step: 0.05 }), x1, options, key(2));
  for (const r of [one, single]) {
    assert.deepEqual([r.chains, r.perChain.length, r.draws.energy.length], [1, 1, 1]);
    assert.equal(r.trace.length, options.steps);
  }
  // Its estimates are, bit for bit, those the chains' summary (the front end R = 1 took before it was one field) gives
  // of the same draws: the mean, √(MCSE²)/1, the ESS and the acceptance of one chain.
  const kept = options.steps - options.burnIn;
  const { pooled: summary, perChain } = chainSummary("mala", one.draws.energy, [Math.round(one.acceptance * kept)], options.burnIn);
  assert.deepEqual([pooled(one), one.perChain], [summary, perChain]);
  // Diagnostics and a target MCSE add to the same run: the pooled numbers do not move.
  const sampler = mala(interactionChains(graph, 4), { step: 0.05 });
  const plain = run(sampler, x0, options, key(3));
  const diagnosed = run(sampler, x0, { ...options, diagnostics: true }, key(3));
  assert.deepEqual(pooled(diagnosed), pooled(plain));
  assert.ok(diagnosed.diagnostics!.energy!.rhat > 0);
  const precise = run(sampler, x0, { ...options, targetMcse: 1e9, maxRhat: 100, maxSteps: 600 }, key(3));
  assert.deepEqual([pooled(precise), precise.target!.segments], [pooled(plain), 1]);
  assert.throws(() => run(mala(interaction(graph), { step: 0.05 }), x0, { ...options, diagnostics: true } as never, key(3)), ArgumentError);
  // The Ising sampler: `run` refuses it by name; its own front end runs it from a lattice state.
  assert.throws(
    () => run(isingSampler(isingLattice(4), [2]) as never, x0, options, key(4)),
    /sampler must be a sampler of fields \(the Ising lattice sampler runs through runIsing\)/,
  );
  const ising = runIsing(isingSampler(isingLattice(4), [2, 3], { replicas: 2 }), "hot", { steps: 40, burnIn: 10 }, key(4));
  assert.deepEqual(
    ising.results.map((t) => t.temperature),
    [2, 3],
  );
  tf.dispose([x0, x1, r.final, one.final, single.final, plain.final, diagnosed.final, precise.final]);
  releaseGraph(graph);
  assert.equal(tf.memory().numTensors, before);
});
