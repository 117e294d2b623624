/**
 * `--record --refactor`'s third class (machinery/retally): a record that moved only in its tally keeps its committed
 * replicates where no replicate could tally otherwise, and in no other case. Planted on committed records.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCommittedRun } from "../../../src/claims/machinery/committed";
import { cellLabel } from "../../../src/claims/machinery/grid";
import { sameCellsRetallied, withRetalliedStabilities } from "../../../src/claims/machinery/retally";
import type { StableRecord } from "../../../src/claims/machinery/stability";

const run = readCommittedRun();
const record = (id: string): StableRecord => {
  const r = run?.claims.find((c) => c.id === id);
  assert.ok(r, `the committed run has ${id}`);
  return JSON.parse(JSON.stringify(r)) as StableRecord;
};

/** `r` with its node0 cells marked by one derivation, another key number and the new tally fields. */
function retallied(r: StableRecord): StableRecord {
  const now = JSON.parse(JSON.stringify(r)) as StableRecord;
  for (const c of now.grid.cells) if (c.at.kernel === "node0") c.derivedFrom = "node0: node 0 never moves";
  now.grid.ruleEntries = 1;
  now.grid.ruleAgreement = 1;
  now.headline = "another cell's headline";
  now.finding = { ...now.finding, text: `${now.finding.text}; 3 cells counted as 1, one per derivation` };
  return now;
}

test("a record whose cells all took one verdict in every replicate keeps its replicates under a new tally", () => {
  const r = record("p4.1-scale-invariance");
  assert.ok(
    r.grid.cells.every((c) => c.stability?.agreement === 1),
    "planted on a grid of unanimous cells",
  );
  assert.equal(sameCellsRetallied(r, retallied(r)), true);
});

test("a changed derivation on a grid with a cell that varied over the replicates is re-measured", () => {
  const r = record("p2.2-annealing");
  assert.ok(
    r.grid.cells.some((c) => c.stability !== undefined && c.stability.agreement < 1),
    "planted on a varying grid",
  );
  assert.equal(sameCellsRetallied(r, retallied(r)), false);
  // Only the key number and the new fields, no mark changed: the tally is the committed one, the replicates stand.
  const keyOnly = { ...r, headline: "another cell's headline", grid: { ...r.grid, ruleEntries: 6, ruleAgreement: 0.5 } };
  assert.equal(sameCellsRetallied(r, keyOnly), true);
});

test("a cell's number, a cell's verdict or the claim's verdict moved: re-measured", () => {
  const r = record("p4.1-scale-invariance");
  const cell = retallied(r);
  cell.grid.cells[0]!.finding = `${cell.grid.cells[0]!.finding} (another number)`;
  assert.equal(sameCellsRetallied(r, cell), false);
  const verdict = retallied(r);
  verdict.grid.cells[0]!.verdict = verdict.grid.cells[0]!.verdict === "holds" ? "fails" : "holds";
  assert.equal(sameCellsRetallied(r, verdict), false);
  const label = { ...retallied(r), verdict: "fails" as const };
  assert.equal(sameCellsRetallied(r, label), false);
});

test("a re-tallied record's finding parts carry their own verdict's stability, also where a derivation merged cells into one part", () => {
  for (const id of ["p4.1-scale-invariance", "p4.2-metastable-risk"]) {
    const now = record(id);
    const derived = now.grid.cells.filter((c) => c.derivedFrom !== undefined);
    assert.ok(derived.length > 1 && now.finding.parts, `planted on ${id}'s merged derivation`);
    // The record before the derivation counted once: no marks, one part per cell where now one part stands for them.
    const before = JSON.parse(JSON.stringify(now)) as StableRecord;
    for (const c of before.grid.cells) delete c.derivedFrom;
    before.finding.parts = now.finding.parts!.flatMap((p) =>
      /one derivation gives/.test(p.statement)
        ? derived.map((c) => ({ statement: cellLabel(c.at), verdict: c.verdict, stability: c.stability }))
        : [p],
    );
    const after = withRetalliedStabilities(now, before);
    assert.equal(after.finding.parts!.length, now.finding.parts!.length);
    for (const p of after.finding.parts!) assert.equal(p.stability?.modal, p.verdict, `${id}: ${p.statement}`);
    assert.deepEqual(after.stability, now.stability, "the claim's stability is grafted");
    assert.deepEqual(
      after.grid.cells.map((c) => c.stability),
      before.grid.cells.map((c) => c.stability),
      "cells line up one for one",
    );
  }
});
