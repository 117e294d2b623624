/** Helpers the per-section claim tests share: measure one cell, find evidence by name, assert verdicts and repairs. */
import assert from "node:assert/strict";
import { measureContext } from "../src/claims/machinery/registry";
import { type MeasuredClaim } from "../src/claims/machinery/measure";
import { cellsOf } from "../src/claims/machinery/grid";
import type { Cell, Claim, Evidence, Measurement } from "../src/claims/machinery/types";

/** The claim with this id in `claims` (the test's own section). */
export const claimIn = (claims: readonly Claim[], id: string): Claim => claims.find((c) => c.id === id)!;

/** The headline cell of a claim's grid (every parameter's first value). */
export const firstCell = (c: Claim): Cell => cellsOf(c.grid)[0]!;

/** One cell measured at seed 0 under the proposal's mechanism. */
export const measureCell = (c: Claim, cell: Cell, replicate = 0): Promise<Measurement> =>
  c.measure(measureContext(c.id, 0, replicate, undefined, cell));

/** The evidence whose name starts with `prefix`; fails the test, listing the names, when there is none. */
export function findEvidence(m: Measurement, prefix: string): Evidence {
  const e = m.result.evidence.find((x) => x.name.startsWith(prefix));
  assert.ok(e, `evidence "${prefix}…" in ${m.result.evidence.map((x) => x.name).join(" | ")}`);
  return e;
}

/** Each claim's verdict and its repairs' verdicts are the expected ones, and every cell's evidence is finite. */
export function assertVerdicts(
  measured: readonly MeasuredClaim[],
  expected: Record<string, { verdict: string; repairs: Record<string, string> }>,
): void {
  for (const m of measured) {
    const want = expected[m.claim.id]!;
    assert.equal(m.proposal.result.verdict, want.verdict, `${m.claim.id}: ${m.proposal.result.finding.text}`);
    for (const r of m.repairs)
      assert.equal(
        r.measured.result.verdict,
        want.repairs[r.variant],
        `${m.claim.id} with ${r.variant}: ${r.measured.result.finding.text}`,
      );
    for (const c of m.proposal.cells) assert.ok(c.measurement.result.evidence.every((e) => Number.isFinite(e.value)));
  }
}
