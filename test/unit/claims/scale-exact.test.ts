/**
 * p4.1-scale-invariance's closed-form cells (the flow on ring and torus, whose τ comes from exact spectra) print no
 * interval where the fit's curvature does not show at the digits printed: a formula has no sampling interval
 * (thirty-fourth-edition referee: "exponent 2 [2, 2]", "4.05e+16 [4.05e+16, 4.05e+16]"). No run: closed forms only.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { claimById, measureContext } from "../../../src/claims/machinery/registry";

const ID = "p4.1-scale-invariance";
const measureFlow = (family: string) => claimById(ID).measure(measureContext(ID, 0, 0, undefined, { update: "flow", family }));

test("ring and torus flows read 'exact' where the printed interval has no width; torus's τ(10⁹) keeps the width it shows", async () => {
  const ring = await measureFlow("ring");
  assert.equal(ring.result.verdict, "fails", "the label does not move");
  assert.match(ring.headline, /\(exponent 2 \(exact\)\) → 4\.05e\+16 \(exact\) extrapolated to 10⁹$/);
  assert.doesNotMatch(ring.headline, /\[/);
  const torus = await measureFlow("torus");
  assert.equal(torus.result.verdict, "fails");
  assert.match(torus.headline, /\(exponent 1 \(exact\)\) → 2\.02e\+8 \[2\.02e\+8, 2\.03e\+8\] extrapolated to 10⁹$/);
});
