/** Helpers the per-section claim tests share: measure one cell, find evidence by name, assert verdicts and repairs. */
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { CLAIMS, measureContext } from "../src/claims/machinery/registry";
import { measureClaims, type MeasuredClaim } from "../src/claims/machinery/measure";
import { decodeEntry, encodeEntry, measureCacheDirectory } from "../src/claims/machinery/measure-cache";
import { cellsOf } from "../src/claims/machinery/grid";
import type { Cell, Claim, Evidence, Measurement } from "../src/claims/machinery/types";

/** The claim with this id in `claims` (the test's own section). */
export const claimIn = (claims: readonly Claim[], id: string): Claim => claims.find((c) => c.id === id)!;

/** The headline cell of a claim's grid (every parameter's first value). */
export const firstCell = (c: Claim): Cell => cellsOf(c.grid)[0]!;

/**
 * One cell at seed 0 under the proposal's mechanism. Under npm test (a run's measurement cache set) a registered
 * claim's cell at replicate 0 is the cell of the claim's one measurement, read from that cache: the run measures every
 * claim once (the overview notebook needs them all), so a test of a cell does not measure it again. Elsewhere, and at
 * other replicates, the cell is measured here ({@link measureCellHere}).
 */
export async function measureCell(c: Claim, cell: Cell, replicate = 0): Promise<Measurement> {
  if (replicate === 0 && measureCacheDirectory() !== null && CLAIMS.includes(c)) {
    const [m] = await measureClaims([c.id], { cache: true });
    const found = m!.proposal.cells.find((x) => isDeepStrictEqual({ ...x.cell }, { ...cell }));
    if (found) return found.measurement;
  }
  return measureCellHere(c, cell, replicate);
}

/** One cell measured in this process at seed 0 under the proposal's mechanism (for determinism and tensor counts). */
export const measureCellHere = (c: Claim, cell: Cell, replicate = 0): Promise<Measurement> =>
  c.measure(measureContext(c.id, 0, replicate, undefined, cell));

/** A measurement as the measurement cache stores it (a fresh one compared with one read back from the cache). */
export const asCached = (m: Measurement): Measurement =>
  decodeEntry(encodeEntry({ proposal: m, repairs: [], seconds: 0, audit: { tensorsLeaked: 0 } })).proposal as Measurement;

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
