/** run's stop predicate, and the integrator registry with its default steps (dynamics/registry). */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key, normal } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { interaction } from "../../../src/hamiltonian/interaction";
import { gradientFlow, mala } from "../../../src/dynamics/gradient";
import { gradient } from "../../../src/hamiltonian/term";
import { run } from "../../../src/dynamics/run";
import { CHAIN_INTEGRATOR_NAMES, defaultStep, INTEGRATOR_NAMES, makeIntegrator } from "../../../src/dynamics/registry";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { releaseGraph } from "../../../src/ops/tensors";
import { ArgumentError } from "../../../src/errors";

test("stopWhen ends the run at the first record it accepts, with the same trajectory as an uncapped run", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(30, 4);
  const x0 = normal(key(2), [graph.n, 1]) as tf.Tensor2D;
  const flow = gradientFlow(interaction(graph), { step: 0.05 });
  const before = tf.memory().numTensors;
  const full = run(flow, x0, { steps: 400, recordEvery: 1 }, key(1));
  const threshold = full.trace[0]!.consensusError * 1e-3;
  const firstBelow = full.trace.find((r) => r.consensusError <= threshold)!.step;
  assert.ok(firstBelow > 1 && firstBelow < 400, `the flow crosses the threshold inside the run (step ${firstBelow})`);
  const stopped = run(flow, x0, { steps: 400, recordEvery: 1, stopWhen: (r) => r.consensusError <= threshold }, key(1));
  assert.equal(stopped.steps, firstBelow);
  assert.equal(stopped.stopped, true);
  assert.equal(full.stopped, false);
  assert.equal(stopped.trace.length, firstBelow);
  assert.equal(stopped.energies.length, firstBelow);
  assert.deepEqual(stopped.trace, full.trace.slice(0, firstBelow));
  const atStop = full.trace[firstBelow - 1]!;
  assert.deepEqual(stopped.trace.at(-1), atStop);
  tf.dispose([full.final, stopped.final]);
  assert.equal(tf.memory().numTensors, before);
  x0.dispose();
  releaseGraph(graph);
});

test("makeIntegrator builds every named integrator with the stability-derived default step; unknown names are ArgumentErrors", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(20, 4); // max degree 4
  const H = interaction(graph);
  assert.equal(defaultStep("mala", graph, 1), 0.25 / 8);
  assert.equal(defaultStep("ula", graph, 1), 0.25 / 8);
  assert.equal(defaultStep("gradient-flow", graph, 1), 0.25 / 8);
  assert.equal(defaultStep("metropolis", graph, 2), Math.sqrt(2 / 8));
  // The names are the registry's (one table), in the order the CLI lists them.
  assert.deepEqual([...INTEGRATOR_NAMES], ["ula", "mala", "metropolis", "gradient-flow"]);
  assert.deepEqual([...CHAIN_INTEGRATOR_NAMES], ["ula", "mala", "metropolis"]);
  for (const name of INTEGRATOR_NAMES) {
    const integrator = makeIntegrator(name, H, graph, { temperature: 2 });
    assert.equal(integrator.stepSize, defaultStep(name, graph, 2), name);
    assert.equal(makeIntegrator(name, H, graph, { temperature: 2, step: 0.01 }).stepSize, 0.01, name);
  }
  assert.equal(makeIntegrator("metropolis", H, graph, { temperature: 1 }).name, "metropolis-colour");
  assert.throws(
    () => makeIntegrator("hmc" as never, H, graph, { temperature: 1 }),
    (e: unknown) => e instanceof ArgumentError && /ula, mala, metropolis, gradient-flow/.test(e.message),
  );
  assert.throws(() => makeIntegrator("mala", H, graph, { temperature: 0 }), ArgumentError);
  // R chains in one tensor: the names of CHAIN_INTEGRATOR_NAMES, R side by side, with the same default step; the others refused.
  const chains = interactionChains(graph, 3);
  for (const name of CHAIN_INTEGRATOR_NAMES) {
    const batched = makeIntegrator(name, chains, graph, { temperature: 2 });
    assert.deepEqual([batched.chains, batched.stepSize], [3, defaultStep(name, graph, 2)], name);
  }
  const oneFieldOnly = INTEGRATOR_NAMES.filter((n) => !(CHAIN_INTEGRATOR_NAMES as readonly string[]).includes(n));
  assert.deepEqual(oneFieldOnly, ["gradient-flow"], "the loop below refuses at least one name");
  for (const name of oneFieldOnly)
    assert.throws(
      () => makeIntegrator(name, chains, graph, { temperature: 1 }),
      (e: unknown) => e instanceof ArgumentError && /one of ula, mala, metropolis for R chains/.test(e.message),
      name,
    );
  releaseGraph(graph);
});

test("onDraw's gradient is ∇H at the draw's field wherever the sampler's state holds one (MALA: every draw)", async () => {
  await ready({ backend: "cpu" });
  const graph = graphs.ring(12, 2);
  const H = interaction(graph);
  const x0 = normal(key(3), [graph.n, 2]) as tf.Tensor2D;
  const before = tf.memory().numTensors;
  let held = 0;
  let worst = 0;
  const r = run(
    mala(H, { step: 0.05 }),
    x0,
    {
      steps: 60,
      burnIn: 10,
      onDraw: (_draw, position, _info, _h, g) => {
        if (g === null) return;
        held++;
        const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(g, gradient(H, position)))).arraySync() as number);
        worst = Math.max(worst, gap);
      },
    },
    key(4),
  );
  assert.equal(held, 50, "MALA holds ∇H at every kept draw");
  // The same float32 gradient, summed in the same order: equal up to float32 rounding of the edge sums.
  assert.ok(worst <= 1e-5, `held gradient within float32 rounding of ∇H at the draw (worst ${worst})`);
  r.final.dispose();
  assert.equal(tf.memory().numTensors, before);
  x0.dispose();
  releaseGraph(graph);
});
