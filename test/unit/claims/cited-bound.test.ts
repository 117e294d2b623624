/**
 * A hold that rests on closed forms typed from the literature says so (thirty-fourth-edition referee: p2.2-bft-quadratic
 * "would read better as 'holds (by the cited bound)' … the README counts it among the three measured holds"): its
 * record names the works (`citedBound`), its headline says no simulation, the table's verdict and the README's summary
 * say it from the record. Read from the committed run with the field the next re-draw records; nothing simulated.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCommittedRun, type VerdictRun } from "../../../src/claims/machinery/committed";
import { claimById, measureContext } from "../../../src/claims/machinery/registry";
import { verdictMarkdown, verdictSummaryMarkdown } from "../../../src/claims/machinery/verdict-markdown";

const ID = "p2.2-bft-quadratic";

test("p2.2-bft-quadratic names its cited works and says in each cell's headline that no simulation decides it; both cells still hold", async () => {
  const claim = claimById(ID);
  assert.match(claim.citedBound ?? "", /Dolev & Reischuk 1985.*Castro & Liskov 1999/);
  assert.match(claim.byConstruction ?? "", /rest on the cited bounds/);
  for (const regime of ["worst", "normal"]) {
    const m = await claim.measure(measureContext(ID, 0, 0, undefined, { regime }));
    assert.equal(m.result.verdict, "holds", `${regime}: the label does not move`);
    assert.match(m.headline, /by the cited closed form \(no simulation\)/);
  }
});

test("the README's summary says which holds rest on a cited bound, apart from the measured ones, and the table's verdict says so", () => {
  const committed = readCommittedRun()!;
  const claim = claimById(ID);
  const run: VerdictRun = { ...committed, claims: committed.claims.map((c) => (c.id === ID ? { ...c, citedBound: claim.citedBound } : c)) };
  const holds = run.claims.filter((c) => c.stability.modal === "holds" && c.stability.stable);
  assert.ok(
    holds.some((c) => c.id === ID),
    "it holds in the committed run",
  );
  const summary = verdictSummaryMarkdown(run);
  assert.ok(
    summary.includes(`1 of the ${holds.length} holds rests on a cited bound, not on a simulation`) &&
      summary.includes(`\`${ID}\` (${claim.citedBound})`),
    summary,
  );
  // The measured prediction's list no longer names it.
  const derived = summary.slice(summary.indexOf("a prediction the measurement checks"), summary.indexOf("rests on a cited bound"));
  assert.ok(derived.length > 0 && !derived.includes(ID), derived);
  const row = verdictMarkdown(run)
    .split("\n")
    .find((l) => l.startsWith(`| \`${ID}\` |`))!;
  assert.equal(row.split(" | ")[3], "holds (by the cited bounds)");
  // A record without the field (one recorded before it existed) reads as before.
  const without: VerdictRun = { ...committed, claims: committed.claims.map(({ citedBound: _cited, ...c }) => c) };
  assert.ok(!verdictSummaryMarkdown(without).includes("cited bound"));
});
