/**
 * Figures draw what their claims measure (issue 42: one study per question): each figure of notebooks 16 and 11 that
 * illustrates an essay or §4.1-adversary claim is built from the claim's own study, design and streams, so at seed 0
 * its rows are the numbers the claim's verdict was decided on at replicate 0 (read from the run's one measurement of the claim).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { selectFigures } from "../../../src/figures/registry";
import { claimMeasurements } from "../../../src/claims/machinery/display";
import { streamKey } from "../../../src/claims/machinery/streams";
import { damageRuns, DAMAGE_DESIGN } from "../../../src/studies/adversary/damage-runs";
import { healingRuns, HEALING_DESIGN } from "../../../src/studies/adversary/healing-runs";
import type { Evidence } from "../../../src/claims/machinery/types";

/** One cell of claim `id` at seed 0, replicate 0: from the run's one measurement of the claim (its disk cache), not a second. */
async function cellOf(id: string, at: Record<string, number | string>) {
  const [m] = await claimMeasurements([id]);
  const c = m!.proposal.cells.find((x) => Object.entries(at).every(([k, v]) => x.cell[k] === v));
  assert.ok(c, `${id} has a cell ${JSON.stringify(at)}`);
  return c.measurement;
}
const named = (evidence: Evidence[], name: string): number => {
  const e = evidence.find((x) => x.name === name);
  assert.ok(e, `no evidence named "${name}" in ${evidence.map((x) => x.name).join(" | ")}`);
  return e.value;
};
const build = async (id: string) => (await selectFigures([id])[0]!.build(0)).rows as Array<Record<string, number | string>>;

test("figure ambient-byzantine draws e-no-byzantine's cases ω × N (T = 0.5, seed 0, replicate 0)", async () => {
  const m = await cellOf("e-no-byzantine", { T: 0.5, gamma: 0.1 });
  const rows = (await build("ambient-byzantine")).filter((r) => r.T === 0.5);
  assert.equal(rows.length, 12, "every case of the universal: 4 strengths × 3 sizes");
  for (const r of rows) {
    const name = `held share over the run, adversary ω = ${r.omega} minus none, N = ${r.n}`;
    assert.equal(r.difference, named(m.result.evidence, name), name);
  }
});

test("figure ambient-finality draws e-finality-diffuses' compared ages (T = 0.5, seed 0, replicate 0)", async () => {
  const m = await cellOf("e-finality-diffuses", { T: 0.5, gamma: 0.1 });
  const rows = await build("ambient-finality");
  for (const age of [2, 30]) {
    const r = rows.find((x) => x.T === 0.5 && x.age === age)!;
    assert.ok(r, `age ${age} drawn`);
    assert.equal(Number(r.displaced) / Number(r.atRisk), named(m.result.evidence, `P(displaced within H) at age ${age}`), `age ${age}`);
  }
  assert.equal(rows.find((x) => x.T === 0.5 && x.age === 2)!.atRisk, named(m.result.evidence, "runs at risk at age 2"));
  assert.ok(
    rows.some((x) => x.T === 0.05),
    "the other noise of the grid is drawn too",
  );
});

test("figure ambient-sybil draws e-sybil's arms (budget, T = 0.5, seed 0, replicate 0)", async () => {
  const m = await cellOf("e-sybil", { identities: "budget", T: 0.5, gamma: 0.1 });
  const rows = (await build("ambient-sybil")).filter((r) => r.mode === "budget" && r.T === 0.5);
  assert.deepEqual(
    rows.map((r) => r.identities),
    [1, 16],
  );
  assert.equal(rows[0]!.rate, named(m.result.evidence, "displaced, 1 identity of weight 0.5"));
  const sixteen = m.result.evidence.find((e) => e.name.startsWith("displaced, 16 identities"))!;
  assert.equal(rows[1]!.rate, sixteen.value);
  assert.equal(rows[0]!.runs, 2160); // 1267 independent runs (the ratio 0.80–1.25 at 0.25) over networks of 8 (design effect 1.7)
});

test("damageRuns is p4.1-routes-around-damage's experiment: the same routed counts (ws, F = 3, averaging, seed 0)", async () => {
  const m = await cellOf("p4.1-routes-around-damage", { family: "ws", damaged: 3 });
  const stream = (name: string) => streamKey("p4.1-routes-around-damage", name, 0, 0);
  // Each kind decided look by look (issue 72 item 3): its evidence reads the plan's first runs, as many as it used.
  const [crashRuns, corruptRuns] = m.sequential!.tests.map((t) => t.runs) as [number, number];
  const crash = damageRuns("ws", 3, "mean", stream, { runs: crashRuns, only: "crash" });
  const d = damageRuns("ws", 3, "mean", stream, { runs: corruptRuns, only: "corrupt" });
  const ev = m.result.evidence;
  assert.equal(m.sequential!.maxRuns, 2 * DAMAGE_DESIGN.runs);
  assert.equal(crash.crashRouted / crashRuns, named(ev, "crash: runs where the survivors agree inside their hull"));
  assert.equal(d.corruptRouted / corruptRuns, named(ev, "corruption: runs where the honest nodes agree inside their hull"));
  assert.equal(d.corruptCaptured, named(ev, "corruption: mean fraction of the way to V"));
  assert.equal(d.notRobust / corruptRuns, named(ev, "graphs not (2F + 1) = 7-robust (a witness)"));
  const rows = await build("damage-routing");
  const first = rows.find((r) => r.rule === "mean" && r.cell === "ws:40:4:0.1, F = 3")!;
  assert.equal(first.crashRouted, 20);
  assert.equal(first.corruptRouted, 0);
});

test("healingRuns is p4.1-self-healing's experiment, and figure healing-runs draws it (1000 rounds, F = 3, averaging, seed 0)", async () => {
  const m = await cellOf("p4.1-self-healing", { horizon: 1000, corrupted: 3, V: 5 });
  const stream = (name: string) => streamKey("p4.1-self-healing", name, 0, 0);
  const runs = healingRuns(3, 1000, "mean", stream);
  assert.equal(runs.length, HEALING_DESIGN.runs);
  const capture = runs.map((r) => r.capture).reduce((a, b) => a + b, 0) / runs.length;
  const claimed = named(m.result.evidence, "fraction of the way to V = 5 the honest mean moved, against the uncorrupted run");
  assert.ok(Math.abs(capture - claimed) < 1e-12, `${capture} vs ${claimed}`);
  const row = (await build("healing-runs")).find((r) => r.rule === "mean" && r.corrupted === 3 && r.rounds === 1000)!;
  assert.ok(Math.abs(Number(row.captured) - claimed) < 1e-12, `figure ${row.captured} vs claim ${claimed}`);
});
