/**
 * §3.2–§3.3 claims (third edition): the discrete-update claims grid over both text rules and read them through
 * kernelIn; the gossip's exact matrices fail detailed balance; the ground-state study is deterministic, node 0's copy
 * ends every run in consensus, and the consensus landscape's depth matches a hand-computed case.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lemmaGroundState, lemmaStep4, lemmaStep5 } from "../../../src/claims/section3-lemma";
import { measureContext } from "../../../src/claims/registry";
import { PROPOSAL } from "../../../src/claims/mechanism";
import { consensusLandscapeDepth, groundStateRuns } from "../../../src/studies/lemma-audit/ground-state";
import { geometric } from "../../../src/dynamics/schedules";
import { key } from "../../../src/engine/random";
import { ABSORPTION_HORIZON, REPAIRS } from "../../../src/claims/repairs";

test("steps 4–5 and the ground state grid over both text rules", () => {
  for (const c of [lemmaStep4, lemmaStep5, lemmaGroundState]) {
    assert.deepEqual([...c.grid.kernel!.values], ["node0", "neighbour"], c.id);
    assert.ok(c.uses.includes("kernel"), c.id);
  }
});

test("step 4 under the gossip: the exact matrices violate detailed balance (moves with no reverse)", async () => {
  const cell = { kernel: "neighbour", graph: "square", T: 1 };
  const m = await lemmaStep4.measure(measureContext(lemmaStep4.id, 0, 0, PROPOSAL, cell));
  assert.equal(m.result.verdict, "fails");
  assert.match(m.headline, /copy-a-neighbour/);
  const moves = m.result.evidence.find((e) => e.name.startsWith("moves whose reverse"))!;
  assert.ok(moves.value > 0);
});

test("ground-state study: one key gives the same numbers twice; node 0's copy ends every run in consensus", () => {
  const o = { schedule: () => geometric({ initial: 100, rate: 0.95 }), nodes: 50, ledgers: 2, runs: 30 };
  const a = groundStateRuns({ ...o, kernel: "neighbour" }, key(7));
  assert.deepEqual(groundStateRuns({ ...o, kernel: "neighbour" }, key(7)), a);
  assert.equal(a.consensus + a.divergent, 30);
  assert.equal(groundStateRuns({ ...o, kernel: "node0" }, key(7)).divergent, 0);
});

test("consensus landscape depth: two triangles joined by an edge, split, climb one level (cut 1 → 2) to get out", () => {
  const triangles = [
    [0, 1],
    [1, 2],
    [2, 0],
    [3, 4],
    [4, 5],
    [5, 3],
    [2, 3],
  ] as const;
  assert.equal(consensusLandscapeDepth(6, triangles), 2);
  assert.equal(
    consensusLandscapeDepth(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]),
    0,
  );
});

test("p3.2-ground-state shows the held-to-absorption repair: the text's kernels, T held at T₀ to a stated horizon (eleventh-edition referee)", () => {
  const shown = lemmaGroundState.repairs.find((r) => r.variant === "held-to-absorption");
  // Inside its theorem (absorbing chains): neither outside it nor short of it.
  assert.ok(shown && shown.outsideTheorem === undefined && shown.shortOfTheorem === undefined, JSON.stringify(shown));
  const repair = REPAIRS["held-to-absorption"]!;
  assert.deepEqual(Object.keys(repair).sort(), ["name", "schedule"], "one part changed: the schedule; the kernels stay the text's");
  const schedule = repair.schedule!(100);
  assert.equal(schedule.horizon, ABSORPTION_HORIZON);
  for (const t of [0, 1, 999, ABSORPTION_HORIZON - 1]) assert.equal(schedule.temperature(t), 100, `T at sweep ${t}`);
});
