/**
 * Diagnosed chains (dynamics/diagnosed) and the convergence warnings (dynamics/warnings): the same numbers as
 * runChains, diagnostics equal to stats/diagnostics on the recorded draws, the recorded mean field equal to the
 * field's, warnings on planted bad chains, sampling to a target MCSE, and no tensor left behind.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key, normal } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
const ringGraph = graphs.ring;
import { releaseGraph } from "../../../src/ops/tensors";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { mala, ula } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { convergenceWarnings, RHAT_WARNING } from "../../../src/dynamics/warnings";
import { diagnose } from "../../../src/stats/diagnostics";
import { equipartitionEnergy } from "../../../src/analysis/gaussian-exact";
import { ArgumentError } from "../../../src/errors";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import type { RunResult } from "../../../src/dynamics/run";
/** The run's own estimates (for R chains, the pooled ones). */
const pooled = (r: RunResult) => ({ meanEnergy: r.meanEnergy, energyMcse: r.energyMcse, energyEss: r.energyEss, acceptance: r.acceptance });

const draws = JSON.parse(readFileSync(join(TEST_DIR, "..", "..", "test", "fixtures", "diagnostics", "draws.json"), "utf8")) as Record<
  string,
  number[][]
>;

test("runChainsDiagnosed: runChains's numbers, diagnostics of the recorded draws, the mean field of the field", async () => {
  await ready({ backend: "cpu" });
  const graph = ringGraph(12, 4);
  const integrator = mala(interactionChains(graph, 4), { step: 0.1 });
  const x0 = normal(key(5), [graph.n, 4 * 2]) as tf.Tensor2D; // 4 chains, d = 2
  const before = tf.memory().numTensors;
  const plain = run(integrator, x0, { steps: 300, burnIn: 50 }, key(6));
  const r = run(integrator, x0, { diagnostics: true, steps: 300, burnIn: 50 }, key(6));
  assert.deepEqual(r.energies, plain.energies);
  assert.deepEqual(pooled(r), pooled(plain));
  assert.deepEqual(Object.keys(r.diagnostics!), ["energy", "meanField0", "meanField1"]);
  assert.deepEqual(
    Array.from(r.energies),
    r.draws.energy.flatMap((c) => Array.from(c)),
    "energies: the chains one after the other",
  );
  for (const [name, chains] of Object.entries(r.draws)) {
    assert.equal(chains.length, 4);
    assert.equal(chains[0]!.length, 250);
    assert.deepEqual(r.diagnostics![name], diagnose(chains));
  }
  // The last recorded mean field is that of the final field: column r·d + k averaged over nodes.
  const final = r.final.arraySync();
  for (let chain = 0; chain < 4; chain++) {
    for (let k = 0; k < 2; k++) {
      const mean = final.reduce((s, row) => s + row[chain * 2 + k]!, 0) / graph.n;
      assert.ok(Math.abs(r.draws[`meanField${k}`]![chain]![249]! - mean) < 1e-5, `chain ${chain} channel ${k}`);
    }
  }
  // Only the first k channels when asked.
  const one = run(integrator, x0, { diagnostics: true, steps: 40, burnIn: 10, meanFieldChannels: 1 }, key(6));
  assert.deepEqual(Object.keys(one.diagnostics!), ["energy", "meanField0"]);
  tf.dispose([plain.final, r.final, one.final]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => run(mala(interactionChains(graph, 1), { step: 0.1 }), x0, { diagnostics: true, steps: 40 }, key(1)), ArgumentError);
  x0.dispose();
  releaseGraph(graph);
});

test("warnings fire on planted bad chains: different modes, a stuck chain, too few chains; none on mixed chains", () => {
  const of = (name: string) => convergenceWarnings(draws[name]!.length, { x: diagnose(draws[name]!) });
  assert.deepEqual(of("iid"), []);
  const modes = of("modes");
  assert.equal(modes.length, 1);
  assert.match(
    modes[0]!,
    /^x: R̂ = 1\.737 > 1\.01, bulk ESS = 6 < 400 \(100 per chain\), tail ESS = 188 < 400 \(100 per chain\): the chains do not agree/,
  );
  assert.match(of("stuck")[0]!, /^x: R̂ = 1\.529 > 1\.01/); // one chain stuck at 0.25
  const two = of("short");
  assert.match(two[0]!, /^only 2 chains: R̂ detects chains that disagree reliably from 4 chains on/);
  // ESS alone: correlated chains that agree (AR(1) φ = 0.9, 4 × 1000): bulk ESS 212 < 400.
  const slow = convergenceWarnings(4, { x: { rhat: 1.005, essBulk: 212, essTail: 442 } });
  assert.deepEqual(slow, [
    "x: bulk ESS = 212 < 400 (100 per chain): too few effective draws for its mean and quantiles to be trusted; run more steps",
  ]);
  assert.match(convergenceWarnings(4, { x: { rhat: Number.NaN, essBulk: 400, essTail: 400 } })[0]!, /R̂ = NaN > 1\.01/);
});

test("a sampler's chains started far apart warn through runChainsDiagnosed until they mix", async () => {
  await ready({ backend: "cpu" });
  const graph = ringGraph(12, 4);
  const integrator = ula(interactionChains(graph, 4), { step: 0.02 });
  // Chain 3 starts with a disagreement 30× the others': its H decays for a few hundred steps (rate 2hλ₂ per step).
  const x0 = tf.tidy(() => tf.mul(normal(key(2), [graph.n, 4]), tf.tensor2d([[1, 1, 1, 30]]))) as tf.Tensor2D;
  const early = run(integrator, x0, { diagnostics: true, steps: 200 }, key(3));
  assert.ok(early.diagnostics!.energy!.rhat > RHAT_WARNING, String(early.diagnostics!.energy!.rhat));
  assert.ok(early.warnings.some((w) => w.startsWith("energy: R̂ = ")));
  tf.dispose([early.final, x0]);
  releaseGraph(graph);
});

test("runChainsToPrecision reaches a target MCSE with ⟨H⟩ within 3 MCSE of equipartition; the cap is a warning", async () => {
  await ready({ backend: "cpu" });
  const graph = ringGraph(12, 4);
  const integrator = mala(interactionChains(graph, 4), { step: 0.1 });
  const x0 = tf.zeros([graph.n, 4]) as tf.Tensor2D;
  const before = tf.memory().numTensors;
  const progress: number[] = [];
  const r = run(
    integrator,
    x0,
    { steps: 400, burnIn: 100, targetMcse: 0.06, maxSteps: 20000, onProgress: (p) => progress.push(p.steps) },
    key(4),
  );
  assert.equal(r.target!.reached, true, JSON.stringify(r.target));
  assert.ok(r.target!.segments > 1 && r.target!.steps > 400 && r.target!.steps < 20000, JSON.stringify(r.target));
  assert.ok(r.target!.achievedMcse <= 0.06 && r.diagnostics!.energy!.mcse <= 0.06 && r.energyMcse <= 0.06);
  assert.ok(r.diagnostics!.energy!.rhat <= RHAT_WARNING);
  assert.equal(r.steps, r.target!.steps);
  assert.equal(r.draws.energy[0]!.length, r.target!.steps - 100);
  assert.equal(r.draws.meanField0![3]!.length, r.target!.steps - 100);
  assert.equal(progress.length, r.target!.segments);
  assert.equal(progress.at(-1), r.target!.steps);
  const exact = equipartitionEnergy(graph.n, 1, 1); // 5.5
  assert.ok(Math.abs(r.meanEnergy - exact) < 3 * r.target!.achievedMcse, `${r.meanEnergy} vs ${exact}`);
  // A loose target is met by the first segment: exactly runChainsDiagnosed.
  const loose = run(integrator, x0, { steps: 400, burnIn: 100, targetMcse: 10, maxSteps: 400 }, key(4));
  const plain = run(integrator, x0, { diagnostics: true, steps: 400, burnIn: 100 }, key(4));
  assert.deepEqual(loose.energies, plain.energies);
  assert.deepEqual(loose.diagnostics, plain.diagnostics);
  assert.equal(loose.target!.segments, 1);
  // An unreachable target stops at the cap and says so.
  const capped = run(integrator, x0, { steps: 400, burnIn: 100, targetMcse: 1e-4, maxSteps: 900 }, key(4));
  assert.equal(capped.target!.reached, false);
  assert.equal(capped.target!.steps, 900);
  assert.ok(capped.warnings.some((w) => /^the target was not reached within maxSteps = 900 steps/.test(w)));
  tf.dispose([r.final, loose.final, plain.final, capped.final]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => run(integrator, x0, { steps: 400, targetMcse: 0, maxSteps: 900 }, key(4)), /targetMcse/);
  assert.throws(() => run(integrator, x0, { steps: 400, targetMcse: 1, maxSteps: 300 }, key(4)), /maxSteps/);
  // Fewer than 4 kept draws: the error names `steps` and the bound, not the diagnostics' draws.
  assert.throws(
    () => run(integrator, x0, { steps: 5, burnIn: 3, targetMcse: 1, maxSteps: 300 }, key(4)),
    /steps must be at least burnIn \+ 4 = 7/,
  );
  assert.throws(() => run(integrator, x0, { diagnostics: true, steps: 3 }, key(4)), /steps must be at least burnIn \+ 4 = 4/);
  x0.dispose();
  releaseGraph(graph);
});
