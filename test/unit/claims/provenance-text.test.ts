/**
 * The verdict table names the code behind its numbers and, where `--record --refactor` renewed the fingerprints on
 * later code, that code too (seventeenth-edition referee: the header named only the commit that measured).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCommittedRun, type VerdictRun } from "../../../src/claims/machinery/committed";
import { commitText } from "../../../src/claims/machinery/display";
import { verdictMarkdown, verdictSummaryMarkdown } from "../../../src/claims/machinery/verdict-markdown";

const run = readCommittedRun()!;
const at = (provenance: Partial<VerdictRun["provenance"]>): VerdictRun => ({ ...run, provenance: { ...run.provenance, ...provenance } });

test("a run no refactor renewed names its commit alone; a renewed one names both, with the claims measured equal", () => {
  const measured = at({ commit: "a".repeat(40), dirty: false, renewed: undefined });
  assert.equal(commitText(measured), "commit `aaaaaaa`");
  const renewed = at({ commit: "a".repeat(40), dirty: false, renewed: { commit: "b".repeat(40), dirty: false, claims: 37 } });
  assert.equal(
    commitText(renewed),
    "measured at commit `aaaaaaa`; fingerprints renewed at `bbbbbbb`, where 37 claims measured equal to their record at replicate 0",
  );
  for (const text of [verdictSummaryMarkdown(renewed), verdictMarkdown(renewed)])
    assert.ok(text.includes(commitText(renewed)), "the README's summary and the full table both say it");
  // A renewal on the commit that measured (a refactor that also measured the moved claims there) says nothing more.
  const same = at({ commit: "a".repeat(40), dirty: false, renewed: { commit: "a".repeat(40), dirty: false, claims: 3 } });
  assert.equal(commitText(same), "commit `aaaaaaa`");
});
