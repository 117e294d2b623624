/**
 * A variant that splits a grid of exact cells makes it a legitimate mixed (issue 44, a new user's second try): a
 * quartic term added through `terms` split p1.2-computational-cost (3 fails, 1 holds), and because its cells were
 * fact() readings the registry refused the mixed grid and aborted the whole run. (That split was itself a transient,
 * issue 51: read at rest the quartic flips nothing.) Every claim whose cells were fact()
 * readings and whose measurement reads a part a variant replaces now decides each cell as a measured finding
 * (difference of exact numbers, decide.ts exactEstimate); the claims that keep fact() cells read no part a variant
 * can change their verdict with (p3.2-step4/step5: every kernel a variant may name gives a unanimous grid).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { defineTerm } from "../../../src/hamiltonian/term";
import { localEntropy } from "../../../src/hamiltonian/entropy";
import { interaction } from "../../../src/hamiltonian/interaction";
import { claimById } from "../../../src/claims/machinery/registry";
import { measureClaims, measureGrid } from "../../../src/claims/machinery/measure";
import { mechanismOf, PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { difference, exactEstimate, isFact } from "../../../src/claims/machinery/decide";
import { PROPOSAL_KERNELS } from "../../../src/spin/update-kernels";
import { EmtdError } from "../../../src/errors";
import type { Variant } from "../../../src/claims/machinery/types";

/** The new user's quartic on-site term, added through `terms` (the review's file, as an object). */
const quartic: Variant = {
  name: "quartic on-site",
  terms: () => [defineTerm({ name: "quartic", energy: (psi) => tf.tidy(() => tf.mul(0.1, tf.sum(tf.pow(psi, 4))) as tf.Scalar) })],
};

/** Every cell of a measured grid is a measured finding, never a fact() reading. */
function measuredCells(g: Awaited<ReturnType<typeof measureGrid>>): boolean {
  return g.cells.every((c) => !isFact(c.measurement.result));
}

test("exactEstimate: an exact number with its rounding as SE; within the tolerance no change, beyond it a change", () => {
  assert.deepEqual(exactEstimate(2, 0.5), { value: 2, se: 0.5 });
  assert.throws(() => exactEstimate(1, 0), EmtdError);
  // Tolerance 1e-3, rounding 4e-4: 0 is no change (TOST), −600 a fall, +0.01 the opposite sign, −0.0012 undecided.
  const fall = (v: number) => difference(exactEstimate(v, 4e-4), "negative", 1e-3, "falls", []).verdict;
  assert.deepEqual([0, -600, 0.01, -0.0012].map(fall), ["fails", "holds", "fails", "inconclusive"]);
});

test("p1.2-computational-cost under a term that is only added (the review's quartic on-site): no flip from a transient, each cell two measured findings read at rest (issue 51 item 4)", async () => {
  await ready();
  const claim = claimById("p1.2-computational-cost");
  const proposal = (await measureClaims([claim.id], { cache: true }))[0]!.proposal; // the run's one measurement
  assert.equal(proposal.result.verdict, "fails");
  assert.ok(measuredCells(proposal));
  // Read after 40 steps, this term split the grid (3 fails, 1 holds: the mass cell's disagreement "rose" by a
  // transient of two unfinished flows). At rest both flows end in consensus, so the disagreement does not rise.
  const variant = await measureGrid(claim, 0, 0, mechanismOf(quartic));
  assert.equal(variant.result.verdict, "fails");
  assert.ok(measuredCells(variant));
  for (const c of variant.cells) {
    assert.equal(c.measurement.result.finding.parts?.length, 2);
    const steps = c.measurement.result.evidence.filter((e) => e.name.startsWith("steps to rest"));
    assert.equal(steps.length, 2);
    for (const e of steps) assert.ok(e.value > 40, `${e.name}: ${e.value}`);
  }
});

test("p1.2-interaction-energy: a term that rises as J falls holds in the coupling cell, mixed as written: both clauses counted", async () => {
  await ready();
  // The proposal's coupling plus Σ_e 1/J_e, constant in ψ: disagreement is still penalised in both cells, and latency
  // read into J ∝ 1/ℓ (a slower link raises ℋ) in the coupling cell only; as written, ℋ still takes no latency.
  const slowLinks: Variant = {
    name: "coupling + Σ 1/J",
    interaction: (graph, { coupling }) => {
      const base = interaction(graph, { coupling });
      const penalty = graph.weight.reduce((sum, w) => sum + 1 / w, 0);
      return defineTerm({ name: `${base.name} + Σ1/J`, energy: (psi) => tf.add(base.energy(psi), penalty) as tf.Scalar });
    },
  };
  const g = await measureGrid(claimById("p1.2-interaction-energy"), 0, 0, mechanismOf(slowLinks));
  assert.equal(g.result.verdict, "mixed");
  assert.ok(measuredCells(g));
  const cell = (latency: string) => g.cells.find((c) => c.cell.latency === latency)!.measurement.result;
  // Both clauses are parts of the variant's ℋ too (thirty-sixth-edition referee: one rule for both clauses).
  assert.deepEqual([cell("absent").verdict, cell("coupling").verdict], ["mixed", "holds"]);
  assert.deepEqual(
    cell("absent").finding.parts?.map((p) => p.verdict),
    ["holds", "fails"],
  );
});

test("p1.2-entropic-penalty: a variant's penalty that holds on one graph only splits the grid into a legitimate mixed", async () => {
  await ready();
  // λΣS_i on the small world, the written ∇² term (exactly flat) on the scale-free graph.
  const split: Variant = {
    name: "λΣS_i on ws only",
    entropic: (graph, { lambda }) =>
      graph.label.startsWith("ws") ? localEntropy(graph, { lambda }) : PROPOSAL.entropic(graph, { laplacian: "combinatorial", lambda }),
  };
  const g = await measureGrid(claimById("p1.2-entropic-penalty"), 0, 0, mechanismOf(split));
  assert.equal(g.result.verdict, "mixed");
  assert.ok(measuredCells(g));
  assert.deepEqual(
    g.cells.map((c) => [c.cell.graph, c.measurement.result.verdict]),
    [
      ["ws:200:4:0.1", "holds"],
      ["ba:200:3", "fails"],
    ],
  );
});

test("p3.2-step4 and step5 keep exact fact() cells: every kernel a variant may name gives a unanimous grid, never a split", async () => {
  for (const id of ["p3.2-step4-detailed-balance", "p3.2-step5-boltzmann"]) {
    const claim = claimById(id);
    assert.deepEqual(claim.uses, ["kernel"]);
    for (const kernel of PROPOSAL_KERNELS) {
      const g = await measureGrid(claim, 0, 0, mechanismOf({ name: kernel, kernel }));
      const verdicts = new Set(g.cells.map((c) => c.measurement.result.verdict));
      assert.equal(verdicts.size, 1, `${id} under kernel ${kernel}: ${[...verdicts].join(", ")}`);
    }
  }
});
