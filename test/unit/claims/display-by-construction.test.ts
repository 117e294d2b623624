/**
 * The full verdict table states the one by-construction test once, marks the rows with cells it sets aside and lists
 * them with their reasons under the table (eighth-edition referee: "mixed, decided by kernel" rows hid a side that
 * cannot come out otherwise; fifteenth: one written test, both ways). Read from the committed run; nothing measured.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCommittedRun } from "../../../src/claims/machinery/committed";
import { builtCells, verdictMarkdown } from "../../../src/claims/machinery/verdict-markdown";
import { BY_CONSTRUCTION_TEST } from "../../../src/claims/machinery/findings";

test("rows with cells set aside as by construction are marked, and each is listed with its reasons under the test", () => {
  const run = readCommittedRun();
  assert.ok(run, "the committed run is in data/verdicts/verdicts.json");
  const md = verdictMarkdown(run);
  const rows = md.split("\n").filter((l) => l.startsWith("| `"));
  assert.equal(rows.length, run.claims.length);
  const section = md.slice(md.indexOf("#### By construction"));
  assert.ok(section.includes(BY_CONSTRUCTION_TEST), "the test is stated whole");
  for (const c of run.claims) {
    const row = rows.find((l) => l.startsWith(`| \`${c.id}\` |`))!;
    const cells = builtCells(c);
    const expected = cells.length > 0;
    const verdictColumn = row.split(" | ")[3]!;
    assert.equal(verdictColumn.includes("cells by construction"), expected, `${c.id}: marked only when a cell is set aside`);
    assert.equal(section.includes(`- \`${c.id}\` (`), expected, `${c.id}: listed under the table only when marked`);
    for (const x of cells) assert.ok(section.includes(x.byConstruction!), `${c.id}: each reason is quoted whole`);
  }
  assert.ok(
    rows.some((l) => l.includes("cells by construction")),
    "the committed run has such rows (e-scale-thickens: a fixed attacker is diluted by our model)",
  );
});
