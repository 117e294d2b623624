import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key } from "../../../src/engine/random";
import { ringGraph } from "../../../src/graph/direct";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { interaction } from "../../../src/hamiltonian/interaction";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { makeIntegrator, chainIntegratorNames, registerIntegrator } from "../../../src/dynamics/registry";
import { ArgumentError } from "../../../src/errors";
import { run } from "../../../src/dynamics/run";
import { equipartitionEnergy } from "../../../src/analysis/gaussian-exact";
import { releaseGraph } from "../../../src/ops/tensors";
import { heunStationaryEnergy, registerHeun } from "../../heun";
import { onEachBackend } from "../../helpers";

// A correct sampler fails one of these comparisons with p ≈ 6e-5.
const Z = 4;

test("an integrator registered in a few lines (stochastic Heun) runs one field and 8 chains, each at its exact law within 4 MCSE", async () => {
  registerHeun();
  assert.ok(chainIntegratorNames().includes("heun"));
  await onEachBackend((backend) => {
    const graph = ringGraph(8, 2);
    const h = 0.2; // ha = 1.6 on the top mode: Heun's law there is 0.12, a quarter of equipartition's 0.5
    const exact = heunStationaryEnergy(laplacianEigenvalues(graph), 1, 1, h);
    assert.ok(Math.abs(exact - equipartitionEnergy(graph.n, 1, 1)) > 0.5, "the law told apart from equipartition");
    for (const R of [1, 8]) {
      const energy = R === 1 ? interaction(graph) : interactionChains(graph, R);
      const before = tf.memory().numTensors;
      const x0 = tf.zeros([graph.n, R]) as tf.Tensor2D;
      const r = run(makeIntegrator("heun", energy, graph, { temperature: 1, step: h }), x0, { steps: 1500, burnIn: 100 }, key(31));
      tf.dispose([x0, r.final]);
      assert.equal(r.chains, R);
      assert.equal(r.acceptance, 1);
      const z = (r.meanEnergy - exact) / r.energyMcse;
      assert.ok(
        Math.abs(z) < Z,
        `${backend}, R = ${R}: ⟨H⟩ ${r.meanEnergy.toFixed(3)} ± ${r.energyMcse.toFixed(3)} vs ${exact.toFixed(3)} (z = ${z.toFixed(2)})`,
      );
      assert.equal(tf.memory().numTensors, before, `${backend}, R = ${R}: no tensor left behind`);
    }
    releaseGraph(graph);
  });
});

test("Metropolis of 8 chains side by side: each chain's site decided on its own, pooled ⟨H⟩ at equipartition within 4 MCSE", async () => {
  await onEachBackend((backend) => {
    const graph = ringGraph(8, 2);
    const R = 8;
    const before = tf.memory().numTensors;
    const x0 = tf.zeros([graph.n, R * 2]) as tf.Tensor2D;
    const r = run(
      makeIntegrator("metropolis", interactionChains(graph, R), graph, { temperature: 1, step: 0.8 }),
      x0,
      { steps: 1200, burnIn: 100 },
      key(32),
    );
    tf.dispose([x0, r.final]);
    releaseGraph(graph);
    assert.equal(r.chains, R);
    const exact = equipartitionEnergy(graph.n, 2, 1);
    const z = (r.meanEnergy - exact) / r.energyMcse;
    assert.ok(Math.abs(z) < Z, `${backend}: ⟨H⟩ ${r.meanEnergy.toFixed(3)} ± ${r.energyMcse.toFixed(3)} vs ${exact} (z = ${z.toFixed(2)})`);
    // Per chain acceptance, not one shared decision: the chains' rates differ.
    const rates = r.perChain.map((c) => c.acceptance);
    assert.ok(Math.max(...rates) > Math.min(...rates), `per-chain acceptance ${rates.join(", ")}`);
    assert.ok(
      rates.every((a) => a > 0.2 && a < 0.9),
      `per-chain acceptance ${rates.join(", ")}`,
    );
    assert.equal(tf.memory().numTensors, before, `${backend}: no tensor left behind`);
  });
});

test("registerIntegrator refuses a bad name, a taken one and an entry without build, each in one line naming the argument", () => {
  registerHeun();
  const build = () => {
    throw new Error("not built");
  };
  const refused = (name: string, entry: unknown, pattern: RegExp) =>
    assert.throws(
      () => registerIntegrator(name, entry as never),
      (e: unknown) => e instanceof ArgumentError && pattern.test(e.message) && !e.message.includes("\n"),
    );
  refused("My Heun", { chains: true, build }, /registerIntegrator: name must be a lower-case name/);
  refused("heun", { chains: true, build }, /name must be a name not yet registered \(ula, mala, metropolis, gradient-flow, heun are\)/);
  refused("heun-2", { chains: true, build: 3 }, /entry must be \{ chains: boolean, build/);
  refused("heun-3", { build }, /entry must be/);
});
