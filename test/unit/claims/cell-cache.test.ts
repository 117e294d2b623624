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
import { compareVariant, type VariantComparison } from "../../../src/claims/machinery/compare";
import { CellCache, cellCacheDirectory, variantSource } from "../../../src/claims/machinery/cell-cache";
import { readVariantCode, variantSourceOf } from "../../../src/cli/variant-file";
import { TEST_DIR } from "../../support/dirs";
import type { Variant } from "../../../src/claims/machinery/types";

test("the cell cache lies in EMTD_MEASURE_CACHE where set (off where empty), else in the user's cache folder", () => {
  assert.equal(cellCacheDirectory({ EMTD_MEASURE_CACHE: "/tmp/run" }), "/tmp/run");
  assert.equal(cellCacheDirectory({ EMTD_MEASURE_CACHE: "" }), null);
  assert.equal(cellCacheDirectory({ XDG_CACHE_HOME: "/c" }), path.join("/c", "emtd", "measure"));
  assert.equal(cellCacheDirectory({ HOME: "/h" }), path.join("/h", ".cache", "emtd", "measure"));
  assert.equal(variantSource("x", ["b=2", "a=1"]), variantSource("x", ["a=1", "b=2"]));
  assert.notEqual(variantSource("x", ["a=1"]), variantSource("x", ["a=2"]));
});

test("a family's source is its code and every parameter's value: a default given or left out is one source", () => {
  const fail = (message: string): never => assert.fail(message);
  const code = readVariantCode(path.resolve(TEST_DIR, "..", "..", "templates", "variants", "huber-family.ts"), fail);
  assert.equal(variantSourceOf(code, [], fail), variantSourceOf(code, ["delta=0.5"], fail));
  assert.equal(variantSourceOf(code, ["weight=0", "delta=0.7"], fail), variantSourceOf(code, ["delta=0.7"], fail));
  assert.notEqual(variantSourceOf(code, ["delta=0.7"], fail), variantSourceOf(code, [], fail));
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
    // p1.2-interaction-energy's cells run the coupling; p4.2-metastable-risk's copy cells do not (kept: the proposal's).
    const only = ["p1.2-interaction-energy", "p4.2-metastable-risk"];
    const first = new CellCache(dir);
    const a = await compareVariant(huber(0.5), { only, source: "huber 0.5", cells: first });
    const cells = a.claims.flatMap((c) => c.variant!.grid.cells);
    const kept = cells.filter((c) => c.kept !== undefined).length;
    // A cell not comparable under the variant (its ℋ couples the flow's packed runs) is neither read nor measured.
    const counted = cells.filter((c) => c.notComparable === undefined).length;
    assert.ok(kept > 0 && kept < counted, `kept ${kept} of ${counted}`);
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
