/**
 * wilsonFloor: the fewest trials from which a Wilson lower end clears a threshold with the asked power at every count
 * above, checked against binomial draws (a seeded simulation, tolerances from its standard error).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { wilson, wilsonFloor } from "../../../src/stats/binomial";
import { key, uniformSource } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";

/** The share of `reps` binomial(n, p) draws whose Wilson lower end clears `threshold`. */
function simulatedPower(n: number, p: number, threshold: number, reps: number, seed: number): number {
  const u = uniformSource(key(seed));
  let cleared = 0;
  for (let r = 0; r < reps; r++) {
    let k = 0;
    for (let i = 0; i < n; i++) if (u() < p) k++;
    if (wilson(k, n).lower > threshold) cleared++;
  }
  return cleared / reps;
}

test("wilsonFloor(0.99, 0.95): 80 % power at the floor and above it, by simulation, and a count below it that has less", () => {
  const floor = wilsonFloor(0.99, 0.95);
  assert.equal(floor, 173);
  const reps = 4000;
  const se = Math.sqrt((0.8 * 0.2) / reps);
  // At the floor and at counts a cell may overshoot to, the power is at least 0.8 (within 3 SE of the simulation).
  for (const [n, seed] of [
    [floor, 1],
    [floor + 27, 2],
    [2 * floor, 3],
  ] as const)
    assert.ok(simulatedPower(n, 0.99, 0.95, reps, seed) >= 0.8 - 3 * se, `n = ${n}`);
  // Just below the floor the power has less: the saw-tooth the floor is there for (n = 172, exact power 0.752).
  assert.ok(simulatedPower(floor - 1, 0.99, 0.95, reps, 4) < 0.8 - 3 * se);
  // A floor from 100 survivors (the plan it replaces) decides in about one run of three.
  assert.ok(simulatedPower(100, 0.99, 0.95, reps, 5) < 0.5);
});

test("wilsonFloor refuses a rate at or below the threshold, naming the argument", () => {
  assert.throws(
    () => wilsonFloor(0.95, 0.95),
    (e: unknown) => e instanceof ArgumentError && /\bp\b/.test(e.message),
  );
  assert.throws(() => wilsonFloor(0.99, 0.95, 1.5), ArgumentError);
});
