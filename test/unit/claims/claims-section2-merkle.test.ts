/**
 * p2.1-merkle-diffusion: decided by a rule (noViolation over double spends, no fact()) on the field flow (its grid the
 * root dimension) and on §3.3's copy update (by kernel, review 4); the study's batched flow equals one flow per double
 * spend.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { merkleDiffusion } from "../../../src/claims/section2-merkle";
import { claimById, measureContext } from "../../../src/claims/machinery/registry";
import { PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { isFact } from "../../../src/claims/machinery/decide";
import { conflictingRoots, doubleSpends, rootFlow, rootFlows } from "../../../src/studies/protocol/root-diffusion";
import { transactionPool } from "../../../src/studies/protocol/root-distances";
import { graphFromSpec } from "../../../src/graph/spec";
import { interaction } from "../../../src/hamiltonian/interaction";
import { releaseGraph } from "../../../src/ops/tensors";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";

test("p2.1-merkle-diffusion: each cell is the requirement met, the Merkle-DAG's credit evidence beside it; the flow fails, the copy cells hold", async () => {
  // Review 4: the copy cell is a cell again, measured as \"no violation over runs\" like the other node0 cells.
  assert.deepEqual(Object.keys(merkleDiffusion.grid), ["update", "dimension", "kernel"]);
  assert.deepEqual(merkleDiffusion.grid.dimension!.when, { update: ["flow"] });
  assert.deepEqual(merkleDiffusion.grid.kernel!.when, { update: ["copy"] });
  const flow = await merkleDiffusion.measure(measureContext(merkleDiffusion.id, 0, 0, PROPOSAL, { update: "flow", dimension: 8 }));
  assert.equal(flow.result.verdict, "fails");
  assert.ok(!isFact(flow.result), "decided by rules, not typed");
  assert.match(flow.result.finding.text, /80\/80: a witnessed counterexample/);
  // Counted, not set aside (twenty-third-edition referee): the flow is the text's own equation.
  assert.equal(flow.result.finding.byConstruction, undefined);
  // Thirty-sixth-edition referee: the DAG's credit is no arm compared with itself, but evidence: no part in any cell.
  const credit = (r: typeof flow.result) =>
    r.evidence.filter((e) => /^by construction \(not decided\): .*Merkle-DAG enters no step/.test(e.name));
  assert.equal(credit(flow.result).length, 1);
  assert.equal(flow.result.finding.parts, undefined);
  for (const kernel of ["node0", "neighbour"]) {
    const copy = await merkleDiffusion.measure(measureContext(merkleDiffusion.id, 0, 0, PROPOSAL, { update: "copy", kernel }));
    assert.equal(copy.result.verdict, "holds", `${kernel}: ${copy.headline}`);
    assert.equal(copy.result.finding.parts, undefined);
    assert.equal(credit(copy.result).length, 1);
    assert.match(
      copy.headline,
      /^copy \((node0|neighbour)\): 0\/80 double spends leave some node off every ledger's root; 4000\/4000 node-ends/,
    );
  }
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
