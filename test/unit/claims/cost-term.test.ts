/**
 * Definition 1.2's cost term μ∫ρ as a grid (twenty-sixth-edition referee): p1.3-free-energy-argmin and p3.2-step2-basin
 * read ℋ at both densities the text leaves open, μ only where ρ = ‖ψ‖², one module for them and p1.2-computational-cost.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { claimById, measureContext } from "../../../src/claims/machinery/registry";
import { cellsOf } from "../../../src/claims/machinery/grid";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { isFact } from "../../../src/claims/machinery/decide";
import { COST_DENSITY, costTermsOf } from "../../../src/claims/cost-term";
import { energyValue } from "../../../src/hamiltonian/term";

test("the three claims grid the same densities; μ only where ρ = ‖ψ‖², so no cell repeats", () => {
  for (const id of ["p1.2-computational-cost", "p1.3-free-energy-argmin", "p3.2-step2-basin"])
    assert.deepEqual([...claimById(id).grid.rho!.values], [...COST_DENSITY.values], id);
  for (const id of ["p1.3-free-energy-argmin", "p3.2-step2-basin"]) {
    const cells = cellsOf(claimById(id).grid);
    assert.equal(cells.length, 12, `${id}: graph × T × (ρ = 1, or ρ = ‖ψ‖² at two μ)`);
    assert.ok(
      cells.filter((c) => c.rho === "1").every((c) => c.mu === undefined),
      id,
    );
    assert.equal(cells.filter((c) => c.rho === "mass" && c.mu !== undefined).length, 8, id);
  }
  assert.deepEqual(claimById("p1.3-free-energy-argmin").repairs, [], "the confining term is a grid value, not a repair");
});

test("costTermsOf: no term at ρ = 1 (the constant μN moves nothing), μΣ‖ψ_i‖² at ρ = ‖ψ‖²", async () => {
  await ready();
  const claim = claimById("p1.3-free-energy-argmin");
  const at = (cell: Record<string, string | number>) => measureContext(claim.id, 0, 0, PROPOSAL, cell);
  assert.deepEqual(costTermsOf(at({ graph: "ws:20:4:0.1", T: 1, rho: "1" })), []);
  const [mass] = costTermsOf(at({ graph: "ws:20:4:0.1", T: 1, rho: "mass", mu: 0.5 }));
  const psi = tf.tensor2d([
    [1, 2],
    [0, 3],
  ]);
  assert.equal(energyValue(mass!, psi), 0.5 * (5 + 9));
  psi.dispose();
});

test("p3.2-step2-basin: the inference is unsound at both densities (ρ = 1 shares the premise), each a measured finding, not fact()", async () => {
  const claim = claimById("p3.2-step2-basin");
  for (const graph of ["cycle", "ws"]) {
    const flat = await claim.measure(measureContext(claim.id, 0, 0, PROPOSAL, { graph, T: 1, rho: "1" }));
    const confined = await claim.measure(measureContext(claim.id, 0, 0, PROPOSAL, { graph, T: 1, rho: "mass", mu: 0.05 }));
    assert.equal(flat.result.verdict, "fails", flat.result.finding.text);
    // Confined, 𝓕 converges, but by the mass: the ρ = 1 member has the same premise and 𝓕 → −∞ (thirtieth edition).
    assert.equal(confined.result.verdict, "fails", confined.result.finding.text);
    assert.match(confined.result.finding.text, /^conclusion true, inference unsound/);
    assert.ok(!isFact(flat.result) && !isFact(confined.result), "a grid the density splits needs measured cells");
    // −T/2 per free mode (one, the common shift) at ρ = 1; 0 within rounding where the mass confines it.
    const slope = (m: typeof flat) => m.result.evidence.find((e) => e.name.startsWith("d𝓕/d ln t"))!.value;
    assert.ok(Math.abs(slope(flat) + 0.5) < 1e-4, `${slope(flat)}`); // −(T/2)·d ln(σ₀² + 2Tt)/d ln t
    assert.ok(Math.abs(slope(confined)) < 1e-12, `${slope(confined)}`);
    const family = confined.result.evidence.find((e) => e.name.startsWith("d𝓕/d ln t of the ρ = 1 member"))!.value;
    assert.ok(Math.abs(family + 0.5) < 1e-4, `${family}`);
  }
});

test("p1.3-free-energy-argmin: at ρ = 1 ℋ is flat along the common shift, and that cell fails on existence alone", async () => {
  await ready();
  const claim = claimById("p1.3-free-energy-argmin");
  const m = await claim.measure(measureContext(claim.id, 0, 0, PROPOSAL, { graph: "ws:20:4:0.1", T: 1, rho: "1" }));
  assert.equal(m.result.verdict, "fails", m.result.finding.text);
  assert.match(m.headline, /ρ = 1, a constant\): ℋ's rise along the common shift is [\d.e-]+ of its scale/);
});
