/** Gradient flow run to rest (issue 51 item 4): the stated criterion is met, the mean kept, and a flow that cannot get there is an error. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { ringGraph } from "../../../src/graph/direct";
import { releaseGraph } from "../../../src/ops/tensors";
import { interaction } from "../../../src/hamiltonian/interaction";
import { gradient } from "../../../src/hamiltonian/term";
import { flowToRest } from "../../../src/dynamics/flow-to-rest";
import { NumericalError } from "../../../src/errors";

test("flowToRest: stops at ‖∇H‖ ≤ tolerance·‖∇H₀‖ (not before), keeps the mean, takes no step at rest, and fails in one line past maxSteps", async () => {
  await ready();
  const graph = ringGraph(10, 2);
  const H = interaction(graph);
  const start = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i, (i * 7) % 10]));
  const before = tf.memory().numTensors;
  const rest = flowToRest(H, start, { step: 0.05, tolerance: 1e-4, maxSteps: 10_000 }, key(0));
  const norm = (psi: tf.Tensor2D) => tf.tidy(() => Math.sqrt(tf.sum(tf.square(gradient(H, psi))).dataSync()[0]!));
  assert.ok(rest.endGradient <= 1e-4 * rest.startGradient);
  assert.ok(Math.abs(norm(rest.final) - rest.endGradient) <= 1e-3 * rest.endGradient + 1e-9);
  assert.ok(Math.abs(rest.startGradient - norm(start)) <= 1e-5 * rest.startGradient);
  const again = flowToRest(H, start, { step: 0.05, tolerance: 1e-4, maxSteps: 10_000 }, key(0));
  assert.equal(again.steps, rest.steps); // deterministic
  // One step fewer does not reach rest: the criterion, not a step count, ended the flow.
  assert.throws(
    () => flowToRest(H, start, { step: 0.05, tolerance: 1e-4, maxSteps: rest.steps - 1 }, key(0)),
    (e: unknown) => e instanceof NumericalError && e.fault === "not-converged" && /did not come to rest .* in \d+ steps/.test(e.message),
  );
  // Gradient flow on the interaction keeps the mean of every channel.
  const means = tf.tidy(() => Array.from(tf.mean(rest.final, 0).dataSync()));
  assert.ok(Math.abs(means[0]! - 4.5) < 1e-4 && Math.abs(means[1]! - 4.5) < 1e-4, String(means));
  const consensus = tf.fill([10, 2], 3) as tf.Tensor2D;
  const atRest = flowToRest(H, consensus, { step: 0.05, tolerance: 1e-4, maxSteps: 10 }, key(0));
  assert.equal(atRest.steps, 0, "a consensus (∇H = 0) takes no step");
  tf.dispose([rest.final, again.final, atRest.final, consensus]);
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  start.dispose();
  releaseGraph(graph);
});
