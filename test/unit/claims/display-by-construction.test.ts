/**
 * The full verdict table marks the rows whose deciding grid parameter has a side that comes out one way by
 * construction, and lists what that is under the table (eighth-edition referee: "mixed, decided by kernel" rows hid
 * that node 0's copy side cannot come out otherwise). Read from the committed run; nothing is measured.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCommittedRun } from "../../../src/claims/machinery/committed";
import { verdictMarkdown } from "../../../src/claims/machinery/verdict-markdown";

test("rows decided by a grid parameter with a byConstruction note are marked, and the note is listed under the table", () => {
  const run = readCommittedRun();
  assert.ok(run, "the committed run is in data/verdicts/verdicts.json");
  const md = verdictMarkdown(run);
  const rows = md.split("\n").filter((l) => l.startsWith("| `"));
  assert.equal(rows.length, run.claims.length);
  const section = md.slice(md.indexOf("#### By construction"));
  for (const c of run.claims) {
    const row = rows.find((l) => l.startsWith(`| \`${c.id}\` |`))!;
    const expected = Boolean(c.grid.decidedBy) && c.byConstruction !== null;
    const verdictColumn = row.split(" | ")[3]!;
    assert.equal(
      verdictColumn.includes("a side by construction"),
      expected,
      `${c.id}: marked only when decided by a parameter and carrying a note`,
    );
    assert.equal(section.includes(`- \`${c.id}\` (`), expected, `${c.id}: listed under the table only when marked`);
    if (expected) assert.ok(section.includes(c.byConstruction!), `${c.id}: its note is quoted whole`);
  }
  assert.ok(
    rows.some((l) => l.includes("a side by construction")),
    "the committed run has such rows (p3.2-ground-state, decided by kernel)",
  );
});
