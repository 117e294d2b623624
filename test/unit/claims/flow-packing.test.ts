/**
 * The flow cells pack their runs as channels of one field (src/claims/machinery/flow-packing, issue 51 audit line 3): under a
 * variant whose ℋ does not separate over the packed runs the cell is not comparable, with the numbers that broke it,
 * never a silent wrong number nor a step-size hint; a separable one (the proposal's coupling written by hand) still
 * runs packed, as do the named repairs that add terms (their committed numbers stay as they are).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { defineTerm } from "../../../src/hamiltonian/term";
import { interaction } from "../../../src/hamiltonian/interaction";
import { edgeDifferences } from "../../../src/ops/incidence";
import { edgeWeights } from "../../../src/ops/tensors";
import { mechanismOf, PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { claimById } from "../../../src/claims/machinery/registry";
import { measureGrid, repairMechanism } from "../../../src/claims/machinery/measure";
import { packingBroken, PACKING_TOLERANCE } from "../../../src/claims/machinery/flow-packing";
import type { Variant } from "../../../src/claims/machinery/types";

/** The planted non-separable coupling: Σ_e J_e log cosh √(‖ψ_i − ψ_j‖² + 10⁻¹²), the norm over every channel. */
const logcosh: Variant = {
  name: "planted log-cosh of the norm",
  interaction: (graph, { coupling }) =>
    defineTerm({
      name: `logcosh(${graph.label})`,
      energy: (psi) => {
        const r = tf.sqrt(tf.add(tf.sum(tf.square(edgeDifferences(psi, graph)), 1, true), 1e-12));
        return tf.mul(tf.sum(tf.mul(edgeWeights(graph), tf.log(tf.cosh(r)))), coupling);
      },
    }),
};

/** The proposal's quadratic coupling written by hand (autodiff): separable over channels. */
const byHand: Variant = {
  name: "quadratic by hand",
  interaction: (graph, o) => defineTerm({ name: "by hand", energy: (psi) => interaction(graph, o).energy(psi) }),
};

test("packingBroken: a log-cosh of the norm couples the packed runs; the quadratic by hand and the repairs' added terms do not", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const graph = graphFromSpec("ws:50:4:0.1", key(1));
  try {
    const broken = packingBroken(mechanismOf(logcosh), graph, 600, 1);
    assert.ok(broken !== null);
    assert.match(broken, /^not comparable under this variant: the flow cell runs its 600 runs side by side as channels of one field/);
    assert.match(broken, /ℋ\(packed\) = [\d.e+]+ against Σ_runs ℋ\(run\) = [\d.e+]+ \(relative difference 0\.\d+\)/);
    assert.doesNotMatch(broken, /step|integrator|mala/, "no step-size hint");
    assert.match(packingBroken(mechanismOf(logcosh), graph, 119, 7)!, /blocks of 7 channels of one field \(833 channels\)/);
    for (const [runs, width] of [
      [600, 1],
      [119, 7],
    ] as const)
      assert.equal(packingBroken(mechanismOf(byHand), graph, runs, width), null, `by hand, ${runs} × ${width}`);
    for (const repair of ["pinned-injection", "confining-term"])
      assert.equal(packingBroken(repairMechanism(repair), graph, 300, 1), null, repair);
    assert.equal(packingBroken(PROPOSAL, graph, 600, 1), null);
    assert.ok(PACKING_TOLERANCE < 0.01);
  } finally {
    releaseGraph(graph);
  }
  assert.equal(tf.memory().numTensors, before, "the check leaks no tensor (the graph's own released with it)");
});

test("p4.2-metastable-risk's flow cells: not comparable under the planted log-cosh (no divergence), packed as the proposal's under the quadratic by hand", async () => {
  await ready();
  const claim = claimById("p4.2-metastable-risk");
  const flow = (g: Awaited<ReturnType<typeof measureGrid>>) => g.cells.filter((c) => c.cell.update === "flow");
  const planted = await measureGrid(claim, 0, 0, mechanismOf(logcosh));
  assert.equal(flow(planted).length, 2);
  for (const c of flow(planted)) {
    assert.equal(c.measurement.result.verdict, "untestable");
    assert.match(c.measurement.notComparable!, /^not comparable under this variant: the flow cell runs its \d+ runs side by side/);
    assert.match(c.measurement.result.finding.text, /ℋ\(packed\) = /);
  }
  // The copy cells read no coupling: kept, the proposal's measurement.
  for (const c of planted.cells.filter((c) => c.cell.update === "copy"))
    assert.match(c.measurement.kept!, /^kept: the cell reads none of the replaced parts \(interaction\)/);
  const proposal = await measureGrid(claim, 0, 0, PROPOSAL);
  const separable = await measureGrid(claim, 0, 0, mechanismOf(byHand));
  assert.deepEqual(
    flow(separable).map((c) => [c.measurement.result.verdict, c.measurement.headline, c.measurement.notComparable]),
    flow(proposal).map((c) => [c.measurement.result.verdict, c.measurement.headline, undefined]),
    "the quadratic by hand runs packed and measures what the proposal does",
  );
});
