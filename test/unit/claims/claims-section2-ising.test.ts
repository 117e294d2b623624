/**
 * p2.1-ising-thermal-noise (twelfth-edition referee): clause (a) reads no adversary, so it is one cell per kernel, and
 * the adversary parameters are nested under clause (b): the grid's tally counts each finding once.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { isingThermalNoise } from "../../../src/claims/section2-ising";
import { cellsOf } from "../../../src/claims/machinery/grid";

test("p2.1-ising-thermal-noise: (a) one cell per kernel, (b) one per kernel and adversary, one reading of freezing", () => {
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
  // Freezing is one event (a stop with the honest nodes split), not a grid choice (thirty-second-edition referee).
  assert.equal(adversarial.length, 2 * 2 * 2, "share × kind × kernel");
  assert.ok(adversarial.every((c) => c.adversaries !== undefined && c.adversary !== undefined));
  assert.ok(
    cells.every((c) => !("event" in c)),
    "no event parameter",
  );
  assert.equal(cells.length, thermal.length + adversarial.length);
});
