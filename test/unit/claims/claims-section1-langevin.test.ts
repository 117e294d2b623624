/**
 * p1.3-langevin (twelfth-edition referee): on the proposal's mechanism every cell of h is decided on ULA's exact
 * stationary law, with the sampled chain beside it as the sampler's check; a variant that replaces ℋ or the integrator
 * is decided by its sampled chain.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { exactLawDecides, langevinEquivalence } from "../../../src/claims/section1-langevin";
import { measureContext } from "../../../src/claims/machinery/registry";
import { repairMechanism } from "../../../src/claims/machinery/measure";
import { mechanismOf, PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { constant } from "../../../src/dynamics/schedules";

test("p1.3-langevin: the exact law decides only where the chain is ULA on the proposal's quadratic ℋ", () => {
  assert.equal(exactLawDecides(PROPOSAL), true);
  assert.equal(exactLawDecides(repairMechanism("mala")), false, "MALA replaces the integrator");
  assert.equal(exactLawDecides(mechanismOf({ name: "no extra term", terms: () => [] })), false, "a replaced ℋ has no known law");
  assert.equal(exactLawDecides(mechanismOf({ name: "a part the claim never reads", schedule: () => constant(1) })), true);
});

test("p1.3-langevin: every cell of h is decided on the exact law, and the sampler agrees with it within its MCSE", async () => {
  for (const h of langevinEquivalence.grid.h!.values) {
    const m = await langevinEquivalence.measure(measureContext(langevinEquivalence.id, 0, 0, PROPOSAL, { h }));
    assert.match(m.result.finding.text, /^ULA's exact ⟨ℋ⟩ at h·λ_max = /, `h·λ_max = ${h} decided on the exact law`);
    const check = m.result.evidence.find((e) => e.name.startsWith("sampled ⟨ℋ⟩ − ULA's exact ⟨ℋ⟩"));
    assert.ok(check?.uncertainty !== undefined, "the sampler's check is shown with its MCSE");
    // 4 MCSE: a correct sampler exceeds it with probability ≈ 6e-5 per cell (normal tails).
    assert.ok(Math.abs(check.value) <= 4 * check.uncertainty, `h·λ_max = ${h}: ${check.value} ± ${check.uncertainty}`);
  }
});
