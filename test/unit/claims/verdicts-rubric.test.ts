/**
 * The registry against planted claims that each break one rule of the rubric (issue 42, shared/VERDICTS.md §2, §4,
 * §5): a fact() as a part of a mixed finding is refused, naming the claim and the part; support granted with an
 * interval straddling the margin comes out inconclusive; a size claim's cell under three decades is refused, naming
 * the claim and the cell; and every cell of a size claim carries its own `sizes` in the verdict record.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";
import {
  PLANTED_CELL_WITHOUT_SIZES,
  PLANTED_FACT_PART,
  PLANTED_NARROW_CELL,
  PLANTED_SIZES_PER_CELL,
  PLANTED_STRADDLE,
  RUBRIC_BREAKERS,
} from "../../fixtures/planted-claims";

test("a planted claim whose mixed part is a parameter's fact() is refused, naming the claim, the cell and the part", async () => {
  await assert.rejects(
    measureClaims([PLANTED_FACT_PART.id], { claims: RUBRIC_BREAKERS }),
    (e: Error) =>
      /claim p9\.9-planted-fact-part, cell draws=400/.test(e.message) && /"the draws are positive" is a fact\(\) reading/.test(e.message),
  );
});

test("a planted claim granting support with an interval straddling its margin comes out inconclusive, with its MDE", async () => {
  const [m] = await measureClaims([PLANTED_STRADDLE.id], { claims: RUBRIC_BREAKERS });
  const r = verdictRecord(m!);
  // 0.114 [0.072, 0.156] against the margin 0.1: not supported; MDE 2.801585 · 0.021429 = 0.0600 < 0.1.
  assert.equal(r.verdict, "inconclusive");
  assert.equal(r.finding.margin, 0.1);
  assert.ok(Math.abs(r.finding.mde! - 0.06) < 1e-3, String(r.finding.mde));
  assert.match(r.finding.text, /\[0\.072, 0\.156\]: straddles the margin/);
});

test("sizes per cell: a size claim's cell measured over two decades is refused, naming the claim and the cell", async () => {
  await assert.rejects(
    measureClaims([PLANTED_NARROW_CELL.id], { claims: RUBRIC_BREAKERS }),
    /claim p9\.9-planted-narrow-cell, cell draws=400, flow=narrow: a size claim is measured over at least three decades of N in every cell \(got N = 10, 100, 1000: 2 decades\)/,
  );
});

test("sizes per cell: a size claim's cell without its own sizes is refused, even when the headline cell has them", async () => {
  await assert.rejects(
    measureClaims([PLANTED_CELL_WITHOUT_SIZES.id], { claims: RUBRIC_BREAKERS }),
    /claim p9\.9-planted-cell-without-sizes, cell draws=400, flow=narrow: a size claim's cell must carry its own sizes/,
  );
});

test("sizes per cell: every cell of a size claim carries its own sizes in the verdict record", async () => {
  const [m] = await measureClaims([PLANTED_SIZES_PER_CELL.id], { claims: RUBRIC_BREAKERS });
  const r = verdictRecord(m!);
  assert.deepEqual(
    r.grid.cells.map((c) => c.sizes?.values.map((v) => v.n)),
    [
      [10, 100, 1000, 10000],
      [20, 200, 2000, 20000],
    ],
  );
  assert.deepEqual(r.sizes, r.grid.cells[0]!.sizes); // the record's top-level sizes: the headline cell's (unchanged)
});
