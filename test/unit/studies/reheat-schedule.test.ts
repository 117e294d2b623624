/**
 * How a re-heated run cools (eighteenth-edition referee: the repair of p4.2-reheating-escapes is Hajek's cooling after
 * each re-heat, from the traps the text's loop leaves): reheatEscapes' `reheatSchedule` governs the cooling after a
 * re-heat and nothing else, and the `hajek` repair's schedule is c/ln(t + e) at c = d*, never above where it starts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { constant, geometric } from "../../../src/dynamics/schedules";
import { loopEnds, reheatEscapes } from "../../../src/studies/traps/text-traps";
import { REPAIRS } from "../../../src/claims/machinery/repairs";

test("reheatSchedule: the default is the loop's schedule from the re-heat temperature, and another one makes other runs", () => {
  const cooling = (initial: number) => geometric({ initial, rate: 0.95 });
  const stream = (name: string) => (name === "graph" ? key(1) : key(2));
  const { traps } = loopEnds("neighbour", 50, () => cooling(100), { runs: 300, limit: 1000, keepTraps: true, maxTraps: 12 }, stream);
  assert.ok(traps.length >= 6, `${traps.length} traps`);
  const o = { rate: 0.01, hot: 100, horizon: 1000, loopLimit: 1000 };
  const plain = reheatEscapes("neighbour", traps, cooling, 100, o, key(3));
  assert.deepEqual(reheatEscapes("neighbour", traps, cooling, 100, { ...o, reheatSchedule: cooling }, key(3)), plain);
  assert.ok(plain.escaped > 0, JSON.stringify(plain));
  // Re-heats that fall to T = 0 at once are other runs: the option is what cools a re-heated run.
  assert.notDeepEqual(reheatEscapes("neighbour", traps, cooling, 100, { ...o, reheatSchedule: () => constant(0) }, key(3)), plain);
});

test("the hajek repair's schedule: c/ln(t + e) at c = d*, never above its starting temperature", () => {
  const hajek = REPAIRS.hajek!.schedule!;
  const law = (t: number) => 6 / Math.log(t + Math.E);
  const from100 = hajek(100, { depth: 6 });
  for (const t of [0, 1, 10, 1000, 100000]) assert.equal(from100.temperature(t), law(t), `from 100 at t = ${t}`);
  const from1 = hajek(1, { depth: 6 });
  assert.equal(from1.temperature(0), 1, "a re-heat to 1 starts at 1, not at c = 6");
  const below = Math.ceil(Math.exp(6) - Math.E) + 1; // c/ln(t + e) < 1 from here on
  assert.equal(from1.temperature(below), law(below));
  for (const t of [0, 10, 100, below, 10 * below]) assert.ok(from1.temperature(t) <= 1);
});
