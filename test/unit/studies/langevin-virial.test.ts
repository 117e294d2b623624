/**
 * The reference p1.3-langevin compares a variant with (issue 44 item 1): generalised equipartition ⟨½ψ·∇H⟩ =
 * (confined modes)·d·T/2 holds for every smooth H under its Boltzmann law, while ⟨H⟩ = (N−1)dT/2 holds only for the
 * quadratic coupling. Checked with MALA (exact for its law at any step), tolerances from the run's own MCSE.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { fold, key, normal } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { interaction } from "../../../src/hamiltonian/interaction";
import { huberCoupling } from "../../../src/hamiltonian/variants";
import { defineTerm, sum as sumTerms } from "../../../src/hamiltonian/term";
import { mala } from "../../../src/dynamics/gradient";
import { langevinStepSweep } from "../../../src/studies/langevin-sweep/langevin-sweep";

/** 4 MCSE: a two-sided miss probability of 6·10⁻⁵ for a correct sampler (the run's MCSE is the SE of its mean). */
const Z = 4;

async function sweep(
  energy: "huber" | "quadratic" | "pinned",
  observable: "energy" | "virial",
  length: { steps: number; burnIn: number } = { steps: 9000, burnIn: 1000 },
) {
  await ready();
  const graph = graphFromSpec("ws:20:4:0.1", key(11));
  const eigenvalues = laplacianEigenvalues(graph);
  const base = energy === "quadratic" ? interaction(graph) : huberCoupling(graph, { delta: 0.5, coupling: 1 });
  // An on-site quartic ¼Σψ⁴ pins the consensus mode: every one of the N·d degrees of freedom is then confined.
  const H =
    energy === "pinned" ? sumTerms(base, defineTerm({ name: "quartic", energy: (psi) => tf.mul(tf.sum(tf.pow(psi, 4)), 0.25) })) : base;
  const start = normal(key(12), [graph.n, 2]) as tf.Tensor2D;
  const [p] = langevinStepSweep({
    start,
    energy: H,
    eigenvalues,
    integrator: mala,
    factors: [0.3],
    channels: 2,
    temperature: 1,
    observable,
    run: length,
    key: (i) => fold(key(13), i),
    stuckAfter: Number.POSITIVE_INFINITY,
  });
  start.dispose();
  releaseGraph(graph);
  return p!;
}

test("generalised equipartition: ⟨½ψ·∇H⟩ of an exact sampler is (N−1)dT/2 = 19 for the Huber coupling, where ⟨H⟩ is not", async () => {
  const before = tf.memory().numTensors;
  const virial = await sweep("huber", "virial");
  assert.equal(virial.observable, "virial");
  assert.equal(virial.equipartition, 19); // ws:20, shift-invariant: 19 confined modes × 2 channels × T/2
  assert.ok(Math.abs(virial.meanEnergy - 19) < Z * virial.mcse, `⟨½ψ·∇H⟩ = ${virial.meanEnergy} ± ${virial.mcse}`);
  // The old comparison: ⟨H⟩ of the same law is far from 19 (the Huber energy grows more slowly than its virial).
  // A contrast, not an equality: 2000 kept draws put ⟨H⟩ ≈ 29.4 at z ≈ 16 from 19 (z ≈ 31 with 8000), four times Z.
  const energy = await sweep("huber", "energy", { steps: 3000, burnIn: 1000 });
  assert.ok(Math.abs(energy.meanEnergy - 19) > Z * energy.mcse, `⟨H⟩ = ${energy.meanEnergy} ± ${energy.mcse}`);
  assert.equal(tf.memory().numTensors, before, "no tensor leaks");
});

test("generalised equipartition: on the quadratic coupling ½ψ·∇H is H (the proposal's numbers do not move); a pinned H confines every mode", async () => {
  const q = await sweep("quadratic", "virial");
  const e = await sweep("quadratic", "energy");
  // Euler's identity ψ·∇H = 2H draw by draw, so the two averages of one keyed chain agree up to float32 rounding.
  assert.ok(Math.abs(q.meanEnergy - e.meanEnergy) < 1e-4 * e.meanEnergy, `${q.meanEnergy} vs ${e.meanEnergy}`);
  const pinned = await sweep("pinned", "virial");
  assert.equal(pinned.equipartition, 20); // 20 nodes × 2 channels × T/2: the on-site term confines the consensus mode
  assert.ok(Math.abs(pinned.meanEnergy - 20) < Z * pinned.mcse, `⟨½ψ·∇H⟩ = ${pinned.meanEnergy} ± ${pinned.mcse}`);
});
