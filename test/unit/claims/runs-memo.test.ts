/**
 * Issue 72 item 4: a repair's flow cell whose runs read nothing it replaces (the symmetric kernel; the logarithmic
 * repairs on the convex flow, which keep the text's ×0.95) reads the proposal's runs, bit for bit what measuring them
 * afresh gives.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../../src/engine/backend";
import { forgetRuns, readsOf, runsMemoCounts } from "../../../src/claims/machinery/runs-memo";
import { claimById } from "../../../src/claims/machinery/registry";
import { measureGrid, repairMechanism } from "../../../src/claims/machinery/measure";
import { gridRecord } from "../../../src/claims/machinery/verdict-record";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { REPAIRS } from "../../../src/claims/machinery/repairs";
import { geometric, reheating } from "../../../src/dynamics/schedules";

test("what runs read: the logarithmic repairs' schedule on a convex flow reads as the text's ×0.95, elsewhere not", () => {
  const text = PROPOSAL.schedule(100);
  const log = REPAIRS["logarithmic-cooling"]!.schedule!;
  const parts = ["interaction", "terms", "integrator"] as const;
  const reads = (m = PROPOSAL, s = text) => readsOf(m, parts, s, 5000);
  assert.equal(reads(repairMechanism("logarithmic-cooling"), log(100, { depth: 0 })), reads());
  assert.equal(reads(repairMechanism("hajek"), log(100, { depth: 0 })), reads());
  assert.notEqual(reads(PROPOSAL, log(100, { depth: 4 })), reads());
  // A part the runs build, replaced: another identity.
  assert.notEqual(reads(repairMechanism("mala")), reads());
  assert.equal(reads(repairMechanism("symmetric-kernel")), reads());
  // A schedule with state reads differently on every run: never memoised.
  assert.equal(reads(PROPOSAL, reheating(geometric({ initial: 100, rate: 0.95 }), { when: () => false })), null);
});

test("a repair's flow cell whose runs read nothing it replaces reads the proposal's runs: the same cell as measured afresh", async () => {
  await ready();
  const claim = claimById("p4.2-metastable-risk");
  const flowOnly = { ...claim, grid: { ...claim.grid, update: { ...claim.grid.update!, values: ["flow"], why: ["flow"] } } };
  forgetRuns();
  const before = { ...runsMemoCounts };
  await measureGrid(flowOnly, 0, 0, PROPOSAL);
  const made = runsMemoCounts.made - before.made;
  assert.ok(made > 0);
  const read = await measureGrid(flowOnly, 0, 0, repairMechanism("symmetric-kernel"));
  assert.equal(runsMemoCounts.made - before.made, made, "no run made again");
  assert.ok(runsMemoCounts.read - before.read >= made);
  forgetRuns();
  const fresh = await measureGrid(flowOnly, 0, 0, repairMechanism("symmetric-kernel"));
  assert.equal(JSON.stringify(gridRecord(read)), JSON.stringify(gridRecord(fresh)));
  assert.equal(JSON.stringify(read.cells.map((c) => c.measurement)), JSON.stringify(fresh.cells.map((c) => c.measurement)));
});
