/**
 * e-sybil's cell headline says plainly where splitting gains: where the ratio's whole 95 % interval lies above 1, even
 * when the equivalence margin reads the cell inconclusive (thirty-fourth-edition referee: budget κ = 2, 1.25 [1.13,
 * 1.38] at seed 0). The decision rule is not touched. The arms are the committed run's counts; nothing simulated.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { splittingText } from "../../../src/claims/essay-adversaries";
import { ratesRatioEqual, type ArmCounts } from "../../../src/claims/machinery/decide";
import { BIOEQUIVALENCE_RATIO } from "../../../src/stats/equivalence";
import { ESSAY_MARGIN } from "../../../src/claims/essay-common";

const decide = (many: ArmCounts, one: ArmCounts) => ratesRatioEqual(many, one, BIOEQUIVALENCE_RATIO, ESSAY_MARGIN, "r", []).verdict;

test("budget κ = 2: inconclusive on the margin as before, and its headline says the gain (the ratio's interval above 1)", () => {
  const many = { k: 657, n: 2160, designEffect: 1.22 };
  const one = { k: 527, n: 2160 };
  assert.equal(decide(many, one), "inconclusive", "the label's rule reads it as before");
  const said = splittingText(many, one, "inconclusive");
  assert.equal(said.side, "gain");
  assert.match(said.text, /^; a gain from splitting, the ratio's interval above 1: 1\.25 \[1\.13, 1\.38\] \(difference 0\.0602 \[/);
  assert.match(said.text, /not shown beyond the ratio 0\.8–1\.25$/);
});

test("no gain where the ratio's interval holds 1, none said on a refuted cell, and no ratio where neither arm displaces", () => {
  const head = splittingText({ k: 571, n: 2160, designEffect: 1.09 }, { k: 543, n: 2160 }, "holds");
  assert.deepEqual(head, { text: "; a hold within the ratio 0.8–1.25", side: null });
  assert.deepEqual(splittingText({ k: 2160, n: 2160 }, { k: 543, n: 2160 }, "fails"), { text: "", side: null });
  assert.match(splittingText({ k: 0, n: 2160 }, { k: 0, n: 2160 }, "holds").text, /no displacement in either arm/);
});
