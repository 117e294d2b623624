import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { thermodynamicCooling } from "../../../src/protocol/cooling";

test("thermodynamic cooling: four phases in order, exact schedule, message count, finalised on v, no leaks", async () => {
  await ready({ backend: "wasm" });
  const g = graphFromSpec("ring:16:4", key(1));
  const options = { value: 3, diffusionSteps: 30, annealingSteps: 40, rate: 0.9, tolerance: 1e-2 };
  const before = tf.memory().numTensors;
  const r = thermodynamicCooling(g, key(2), options);
  assert.equal(tf.memory().numTensors, before);
  const phases = r.trace.map((t) => t.phase);
  const order = ["excitation", "diffusion", "annealing", "crystallisation"];
  assert.deepEqual([...new Set(phases)], order);
  for (let i = 1; i < phases.length; i++) assert.ok(order.indexOf(phases[i]!) >= order.indexOf(phases[i - 1]!));
  // Excitation: H goes from 0 (consensus, no transaction) to D_0·v² (node 0 disagrees with its 4 neighbours).
  assert.equal(r.trace[0]!.energy, 0);
  assert.ok(Math.abs(r.trace[1]!.energy - 4 * 9) < 1e-4);
  assert.equal(r.trace[1]!.holding, 1 / 16);
  // Annealing follows T₀ r^t exactly; crystallisation is at T = 0.
  const t0 = 0.05 * 9;
  r.trace.filter((t) => t.phase === "annealing").forEach((t) => assert.ok(Math.abs(t.temperature - t0 * 0.9 ** (t.step - 1)) < 1e-12 * t0));
  assert.ok(r.trace.filter((t) => t.phase === "diffusion").every((t) => Math.abs(t.temperature - t0) < 1e-12));
  assert.ok(r.trace.filter((t) => t.phase === "crystallisation").every((t) => t.temperature === 0));
  // Rounds and messages.
  assert.ok(r.finalised);
  assert.equal(r.rounds, r.phaseSteps.diffusion + r.phaseSteps.annealing + r.phaseSteps.crystallisation);
  assert.equal(r.messages, 2 * g.edgeCount * r.rounds);
  const last = r.trace[r.trace.length - 1]!;
  assert.equal(last.round, r.rounds);
  assert.ok(last.maxDeviation <= 1e-2 && last.holding === 1);
  const previous = r.trace[r.trace.length - 2]!;
  assert.ok(previous.maxDeviation > 1e-2, "rounds counts the first step at tolerance");
  for (const v of r.final) assert.ok(Math.abs(v - 3) <= 0.03 * (1 + 1e-3));
  // Determinism.
  const again = thermodynamicCooling(g, key(2), options);
  assert.deepEqual(
    again.trace.map((t) => t.energy),
    r.trace.map((t) => t.energy),
  );
});
