/**
 * VERDICTS.md §3: a definition is untestable, and algebra beside it is evidence. p1.1-state-tensor (Definition 1.1's
 * χ ⊗ φ) comes out untestable in every cell, its two checks of arithmetic kept as evidence, and its finding states the
 * text's own §3.3 code's direct sum (both referees of 2026-11-28).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";

test("p1.1-state-tensor is untestable, a definition, with its arithmetic as evidence and §3.3's direct sum stated", async () => {
  const [m] = await measureClaims(["p1.1-state-tensor"]);
  const r = verdictRecord(m!);
  assert.equal(r.verdict, "untestable");
  assert.deepEqual(
    r.grid.cells.map((c) => c.verdict),
    ["untestable", "untestable"],
  );
  for (const c of r.grid.cells) {
    assert.match(c.finding, /no observable decides a definition/);
    assert.match(c.finding, /χ \+ iφ, a direct sum, not the product/);
  }
  assert.match(r.headline, /a definition \(§3\.3's code stores a direct sum\)/);
  const names = r.reading.evidence.map((e) => e.name);
  assert.ok(names.includes("relative error, real channels vs complex arithmetic"), names.join("; "));
  assert.ok(r.reading.evidence[0]!.value < 1e-5, "the implementation's arithmetic is exact to float32 rounding");
});
