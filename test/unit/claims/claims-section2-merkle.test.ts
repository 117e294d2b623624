/**
 * p2.1-merkle-diffusion (internal review 3, defect 3): decided on the field flow by a rule (noViolation over double
 * spends, no fact()), its grid the root dimension alone; the study's batched flow equals one flow per double spend.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { merkleDiffusion } from "../../../src/claims/section2-merkle";
import { claimById, measureContext } from "../../../src/claims/registry";
import { PROPOSAL } from "../../../src/claims/mechanism";
import { isFact } from "../../../src/claims/decide";
import { conflictingRoots, doubleSpends, rootFlow, rootFlows } from "../../../src/studies/protocol/root-diffusion";
import { transactionPool } from "../../../src/studies/protocol/root-distances";
import { graphFromSpec } from "../../../src/graph/spec";
import { interaction } from "../../../src/hamiltonian/interaction";
import { releaseGraph } from "../../../src/ops/tensors";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";

test("p2.1-merkle-diffusion: the grid is the dimension alone (no copy cell, no kernel); the flow fails by a rule", async () => {
  assert.deepEqual(Object.keys(merkleDiffusion.grid), ["dimension"]);
  assert.ok(!merkleDiffusion.uses.includes("kernel"));
  const m = await merkleDiffusion.measure(measureContext(merkleDiffusion.id, 0, 0, PROPOSAL, { dimension: 8 }));
  assert.equal(m.result.verdict, "fails");
  assert.ok(!isFact(m.result), "decided by noViolation, not typed");
  assert.match(m.result.finding.text, /80\/80: a witnessed counterexample/);
  // Re-review point 3: why this copy cell was dropped while p4.1's and §2.2's node0 cells stay.
  assert.match(merkleDiffusion.byConstruction ?? "", /p4\.1-scale-invariance .* stay cells because they are measured .* fact\(\)/);
  // Sign-off N8: the claim named has node0 copy cells (p4.1-routes-around-damage, named before, has none).
  const named = claimById(/node0 copy cells of (p[\d.]+-[a-z-]+)/.exec(merkleDiffusion.byConstruction ?? "")![1]!);
  assert.ok(named.grid.kernel?.values.includes("node0"), `${named.id} grids the node0 kernel`);
  assert.ok(!claimById("p4.1-routes-around-damage").grid.kernel, "p4.1-routes-around-damage has no kernel grid");
});

test("doubleSpends equals conflictingRoots per key; rootFlows on stacked double spends equals one rootFlow each", async () => {
  await ready();
  const pool = transactionPool(160, key(5)).transactions;
  const many = doubleSpends(pool, 8, [key(6), key(7)]);
  assert.deepEqual(many[0], conflictingRoots(pool, 8, key(6)));
  assert.deepEqual(many[1], conflictingRoots(pool, 8, key(7)));
  const graph = graphFromSpec("ws:50:4:0.1", key(9));
  try {
    const stacked = rootFlows(graph, interaction(graph), many, key(10));
    many.forEach((roots, r) => {
      const one = rootFlow(graph, interaction(graph), roots, key(10));
      assert.equal(stacked[r]!.onALedger, one.onALedger);
      assert.ok(Math.abs(stacked[r]!.worstNode - one.worstNode) < 1e-5, `${stacked[r]!.worstNode} vs ${one.worstNode}`);
      assert.ok(Math.abs(stacked[r]!.midpoint - one.midpoint) < 1e-5);
    });
  } finally {
    releaseGraph(graph);
  }
});
