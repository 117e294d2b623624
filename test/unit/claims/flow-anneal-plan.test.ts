/**
 * p2.2-annealing's variant path (twenty-seventh-edition referee): the runs held at a law temperature are sized so
 * the rates test's planned MDE, at shares of ½ against the law's exact draws, is within the margin, and no fewer.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { heldRunsFor, LAW_DRAWS } from "../../../src/claims/machinery/flow-anneal";
import { minimumDetectableEffect } from "../../../src/stats/tests";
import { ArgumentError } from "../../../src/errors";

const plannedMde = (n: number) => minimumDetectableEffect(Math.sqrt(0.25 / n + 0.25 / LAW_DRAWS));

test("held runs: the fewest whose planned MDE is within the margin (801 at ±0.05; the 600 before gave 0.058)", () => {
  for (const margin of [0.05, 0.03]) {
    const n = heldRunsFor(margin);
    assert.ok(plannedMde(n) <= margin, `MDE ${plannedMde(n)} at n = ${n} within ±${margin}`);
    assert.ok(n === 600 || plannedMde(n - 1) > margin, `n − 1 = ${n - 1} would already do`);
  }
  assert.equal(heldRunsFor(0.05), 801);
  assert.ok(plannedMde(600) > 0.05);
});

test("a margin the law's own draws cannot resolve is refused with the accepted range", () => {
  assert.throws(() => heldRunsFor(0.005), ArgumentError);
});
