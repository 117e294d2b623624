/**
 * Issue 72 item 4, nothing measured twice: a variant's cells kept in the cell cache under its source (decided again,
 * every cell is read and none measured, the rows the same), and the proposal's cells it keeps read by another variant.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ready } from "../../../src/engine/backend";
import { huberCoupling } from "../../../src/hamiltonian/variants";
import { compareVariant, type VariantComparison } from "../../../src/claims/compare";
import { CellCache, cellCacheDirectory, variantSource } from "../../../src/claims/cell-cache";
import type { Variant } from "../../../src/claims/types";

test("the cell cache lies in EMTD_MEASURE_CACHE where set (off where empty), else in the user's cache folder", () => {
  assert.equal(cellCacheDirectory({ EMTD_MEASURE_CACHE: "/tmp/run" }), "/tmp/run");
  assert.equal(cellCacheDirectory({ EMTD_MEASURE_CACHE: "" }), null);
  assert.equal(cellCacheDirectory({ XDG_CACHE_HOME: "/c" }), path.join("/c", "emtd", "measure"));
  assert.equal(cellCacheDirectory({ HOME: "/h" }), path.join("/h", ".cache", "emtd", "measure"));
  assert.equal(variantSource("x", ["b=2", "a=1"]), variantSource("x", ["a=1", "b=2"]));
  assert.notEqual(variantSource("x", ["a=1"]), variantSource("x", ["a=2"]));
});

const huber = (delta: number): Variant => ({
  name: `huber ${delta}`,
  interaction: (graph, { coupling }) => huberCoupling(graph, { delta, coupling }),
});

/** A comparison less what is timed (seconds, the step cost), which differ from run to run. */
const untimed = (c: VariantComparison) =>
  JSON.parse(JSON.stringify({ ...c, cost: null }, (k, v: unknown) => (k === "secondsPerReplicate" ? undefined : v))) as unknown;

test("a variant decided again reads every cell and measures none, the same rows; another value reads the cells it keeps", async () => {
  await ready();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-cell-cache-"));
  try {
    // p4.2-metastable-risk: its copy cells do not run the coupling (kept: the proposal's measurement).
    const only = ["p4.2-metastable-risk"];
    const first = new CellCache(dir);
    const a = await compareVariant(huber(0.5), { only, source: "huber 0.5", cells: first });
    const cells = a.claims[0]!.variant!.grid.cells;
    const kept = cells.filter((c) => c.kept !== undefined).length;
    // A cell not comparable under the variant (its ℋ couples the flow's packed runs) is neither read nor measured.
    const counted = cells.filter((c) => c.notComparable === undefined).length;
    assert.ok(kept > 0, `kept ${kept} of ${cells.length}`);
    assert.deepEqual(first.counts, { read: 0, measured: counted });

    const again = new CellCache(dir);
    const b = await compareVariant(huber(0.5), { only, source: "huber 0.5", cells: again });
    assert.deepEqual(again.counts, { read: counted, measured: 0 });
    assert.deepEqual(untimed(b), untimed(a));

    // Another δ: the copy cells are the proposal's, read whichever variant kept them first; the others its own.
    const other = new CellCache(dir);
    await compareVariant(huber(0.7), { only, source: "huber 0.7", cells: other });
    assert.deepEqual(other.counts, { read: kept, measured: counted - kept });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
