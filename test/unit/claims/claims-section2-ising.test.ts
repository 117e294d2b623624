/**
 * p2.1-ising-thermal-noise (twelfth-edition referee): clause (a) reads no adversary, so it is one cell per kernel, and
 * the adversary parameters are nested under clause (b): the grid's tally counts each finding once.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { isingThermalNoise } from "../../../src/claims/section2-ising";
import { cellsOf } from "../../../src/claims/machinery/grid";

test("p2.1-ising-thermal-noise: (a) one cell per kernel, (b) one per kernel and adversary, pinned ones per event", () => {
  const cells = cellsOf(isingThermalNoise.grid);
  const thermal = cells.filter((c) => c.noise === "thermal");
  const adversarial = cells.filter((c) => c.noise === "adversarial");
  assert.deepEqual(
    thermal.map((c) => Object.keys(c).sort()),
    [
      ["kernel", "noise"],
      ["kernel", "noise"],
    ],
    "no adversary parameter in (a)'s cells",
  );
  // The event (one in both arms) is open only where zealots can capture: pinned cells twice, noisy once.
  assert.equal(adversarial.length, 2 * (2 + 1) * 2, "share × (pinned × event + noisy) × kernel");
  assert.ok(adversarial.every((c) => c.adversaries !== undefined && c.adversary !== undefined));
  assert.ok(adversarial.every((c) => (c.event !== undefined) === (c.adversary === "pinned")));
  assert.equal(cells.length, thermal.length + adversarial.length);
});
