/**
 * A stuck chain never comes back as a result (issue 25), every result carries its warnings (ESS < 100, acceptance
 * outside the integrator's band, burn-in shorter than τ), and MALA given an explicit step leaves the mode of a
 * high-dimensional target instead of stalling there (issue 21 §3). Each warning is planted on a bad chain and absent
 * from a healthy one.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { run, type PartialRun } from "../../../src/dynamics/run";
import { metropolis } from "../../../src/dynamics/metropolis";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { mala } from "../../../src/dynamics/gradient";
import { acceptanceBand, samplingWarnings } from "../../../src/dynamics/warnings";
import { interaction } from "../../../src/hamiltonian/interaction";
import { graphs } from "../../../src/graph/generators";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { key, split } from "../../../src/engine/random";
import { NumericalError } from "../../../src/errors";
import { ready } from "../../../src/engine/backend";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { equipartitionEnergy } from "../../../src/analysis/gaussian-exact";
import { runSummary } from "../../../src/viz/summary";
import { mimeBundle } from "../../../src/viz/display";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { runIsing } from "../../../src/spin/ising/ising-run";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const has = (warnings: readonly string[], pattern: RegExp) => warnings.some((w) => pattern.test(w));

test("the README quick start without adapt: run stops with acceptance-collapse carrying the partial trace, never a perfect result", async () => {
  await ready();
  const [kGraph, kRun] = split(key(42));
  const graph = graphFromSpec("ws:100:4:0.1", kGraph);
  const x0 = tf.zeros([100, 2]);
  const before = tf.memory().numTensors;
  assert.throws(
    () => run(mala(interaction(graph), { step: 0.05, temperature: 1 }), x0, { steps: 20000, burnIn: 4000 }, kRun),
    (e: unknown) => {
      assert.ok(e instanceof NumericalError && e.fault === "acceptance-collapse", String(e));
      const partial = e.partial as PartialRun;
      assert.ok(partial.trace.length > 0 && partial.energies.length > 0 && partial.steps === e.step);
      assert.match(e.message, /the chain is stuck; use a smaller step/);
      return true;
    },
  );
  assert.equal(tf.memory().numTensors, before, "no tensors left by the failed run");
  x0.dispose();
  releaseGraph(graph);
});

test("each warning fires on a planted bad chain and not on a healthy one", async () => {
  await ready();
  const graph = graphs.ring(10, 2);
  const H = interaction(graph);
  const x0 = tf.zeros([graph.n, 1]) as tf.Tensor2D;
  const go = (integrator: Parameters<typeof run>[0], steps: number, burnIn: number, seed: number, adapt = false) => {
    const r = run(integrator, x0, { steps, burnIn, adapt }, key(seed));
    r.final.dispose();
    return r;
  };
  // Healthy: adapted MALA, long enough, burn-in ≫ τ.
  const healthy = go(mala(H, { step: 0.1, temperature: 1 }), 6000, 1000, 1, true);
  assert.ok(healthy.energyEss > 100 && healthy.acceptance > 0.15 && healthy.acceptance < 0.92);
  assert.deepEqual(healthy.warnings, []);
  // ESS < 100: 40 kept steps.
  const short = go(mala(H, { step: 0.1, temperature: 1 }), 60, 20, 2, true);
  assert.ok(short.energyEss < 100);
  assert.ok(has(short.warnings, /^ESS = [\d.]+ < 100: the MCSE of ⟨H⟩ is itself unreliable/), short.warnings.join("\n"));
  assert.ok(!has(healthy.warnings, /^ESS/));
  // Acceptance above the band: a step far below the optimum accepts nearly everything.
  const timid = go(mala(H, { step: 0.0005, temperature: 1 }), 3000, 1000, 3);
  assert.ok(timid.acceptance > acceptanceBand("mala")!.high, String(timid.acceptance));
  assert.ok(
    has(timid.warnings, /^acceptance (0\.9\d+|1\.000) is outside \[0\.15, 0\.92\]: MALA's efficiency .* use a larger step/),
    timid.warnings.join("\n"),
  );
  // Acceptance below the band: single-site Metropolis with a proposal 30× the thermal width.
  const wild = go(metropolis(H, graph, { step: 30, temperature: 1 }), 1500, 300, 4);
  assert.ok(wild.acceptance > 0 && wild.acceptance < acceptanceBand("metropolis")!.low, String(wild.acceptance));
  assert.ok(has(wild.warnings, /^acceptance 0\.0\d+ is outside \[0\.15, 0\.74\]: .* use a smaller step/), wild.warnings.join("\n"));
  const tuned = go(metropolis(H, graph, { step: 1, temperature: 1 }), 1500, 300, 4);
  assert.ok(!has(tuned.warnings, /^acceptance/), tuned.warnings.join("\n"));
  assert.ok(!has(healthy.warnings, /^acceptance/));
  // Burn-in shorter than τ: no burn-in, a slow chain (small steps) started at the mode.
  const cold = go(mala(H, { step: 0.002, temperature: 1 }), 3000, 0, 5);
  assert.ok(3000 / cold.energyEss > 1);
  assert.ok(has(cold.warnings, /^burn-in 0 is shorter than the integrated autocorrelation time τ = n\/ESS = [\d.]+ steps/));
  assert.ok(!has(healthy.warnings, /^burn-in/));
  // The notebooks' summary shows them.
  const text = String(mimeBundle(runSummary(short, "short"))["text/plain"]);
  assert.match(text, /\nwarning: ESS = [\d.]+ < 100/);
  assert.doesNotMatch(String(mimeBundle(runSummary(healthy, "healthy"))["text/plain"]), /warning/);
  x0.dispose();
  releaseGraph(graph);
});

test("samplingWarnings: the thresholds, exactly at their edges", () => {
  const ok = { integrator: "mala", ess: 100, kept: 1000, acceptance: 0.15, burnIn: 10 };
  assert.deepEqual(samplingWarnings(ok), []); // ESS = 100, acceptance at the band's edge, burn-in = τ = 10
  assert.equal(samplingWarnings({ ...ok, ess: 99.9 }).length, 2); // ESS, and τ = 10.01 > burn-in
  assert.equal(samplingWarnings({ ...ok, acceptance: 0.149 }).length, 1);
  assert.equal(samplingWarnings({ ...ok, acceptance: 0.921 }).length, 1);
  assert.deepEqual(samplingWarnings({ ...ok, integrator: "ula", acceptance: 1 }), []);
  assert.match(samplingWarnings({ ...ok, acceptance: 0, chain: 2 })[0]!, /^no proposal was accepted after burn-in in chain 2/);
});

test("R chains and an Ising run carry the same warnings; a stuck chain among R is an error", async () => {
  await ready();
  const graph = graphs.ring(10, 2);
  const energy = interactionChains(graph, 4);
  const x0 = tf.zeros([graph.n, 4]) as tf.Tensor2D;
  const short = run(mala(energy, { step: 0.1 }), x0, { steps: 60, burnIn: 20, adapt: true }, key(1));
  short.final.dispose();
  assert.ok(has(short.warnings, /^ESS = [\d.]+ < 100 in chain \d: the MCSE of ⟨H⟩/), short.warnings.join("\n"));
  const long = run(mala(energy, { step: 0.1 }), x0, { steps: 3000, burnIn: 500, adapt: true }, key(1));
  long.final.dispose();
  assert.deepEqual(long.warnings, []);
  assert.throws(
    () => run(mala(energy, { step: 50 }), x0, { steps: 400, burnIn: 10 }, key(2)),
    (e: unknown) => e instanceof NumericalError && e.fault === "acceptance-collapse",
  );
  x0.dispose();
  releaseGraph(graph);
  // Ising at T_c on 16×16 for 200 sweeps: critical slowing down, a small ESS; at T = 1.5 for 4000 sweeps, none.
  const critical = runIsing(isingSampler(isingLattice(16), [2.269]), "cold", { steps: 200 }, key(3)).results[0]!;
  assert.ok(has(critical.warnings, /^ESS = [\d.]+ < 100: the MCSE of (e|\|m\|)/), critical.warnings.join("\n"));
  const ordered = runIsing(isingSampler(isingLattice(16), [1.5]), "cold", { steps: 4000 }, key(3)).results[0]!;
  assert.deepEqual(ordered.warnings, []);
});

test("MALA with an explicit step leaves the mode in high dimension (issue 21 §3): ws:2000:10:0.1, d = 2, T = 0.7, h = 0.005", async () => {
  await ready();
  const [kGraph, kRun] = split(key(1));
  const graph = graphFromSpec("ws:2000:10:0.1", kGraph);
  const H = interaction(graph);
  const x0 = tf.zeros([graph.n, 2]) as tf.Tensor2D;
  const T = 0.7;
  // Without the warm-up the chain stalls at the mode (what the command did before).
  assert.throws(
    () => run(mala(H, { step: 0.005, temperature: T }), x0, { steps: 4000, burnIn: 1000, warmup: 0 }, kRun),
    (e: unknown) => e instanceof NumericalError && e.fault === "acceptance-collapse",
  );
  const r = run(mala(H, { step: 0.005, temperature: T }), x0, { steps: 4000, burnIn: 1000 }, kRun);
  r.final.dispose();
  const exact = equipartitionEnergy(graph.n, 2, T);
  assert.equal(r.stepSize, 0.005, "the kept steps use the given step");
  assert.ok(r.acceptance > 0.15, `acceptance ${r.acceptance}`);
  assert.ok(Math.abs(r.meanEnergy - exact) < 3 * r.energyMcse, `⟨H⟩ = ${r.meanEnergy} ± ${r.energyMcse}, exact ${exact}`);
  x0.dispose();
  releaseGraph(graph);
});

test("emtd: warnings in sample, ising and run output; a stuck chain's hint names a smaller step than the one that failed", () => {
  const ising = emtd("ising", "--size", "16", "--sweeps", "200", "--json");
  assert.equal(ising.code, 0, ising.stderr);
  const out = JSON.parse(ising.stdout);
  assert.ok(
    out.warnings.some((w: string) => /^ESS = [\d.]+ < 100/.test(w)),
    ising.stdout,
  );
  const text = emtd("ising", "--size", "16", "--sweeps", "200");
  assert.match(text.stdout, /\nwarning: ESS = /);
  const sample = emtd("sample", "--graph", "ring:20:4", "--steps", "400", "--step", "0.0005", "--integrator", "mala", "--json");
  assert.equal(sample.code, 0, sample.stderr);
  assert.ok(JSON.parse(sample.stdout).warnings.some((w: string) => /^acceptance .* is outside \[0\.15, 0\.92\]/.test(w)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-warnings-"));
  const config = path.join(dir, "ising.json");
  fs.writeFileSync(config, JSON.stringify({ command: "ising", size: 16, sweeps: 200, seed: 1 }));
  const ran = emtd("run", config, "--out", path.join(dir, "o"), "--json");
  assert.equal(ran.code, 0, ran.stderr);
  assert.ok(JSON.parse(ran.stdout).warnings.some((w: string) => /^ESS = /.test(w)));
  fs.rmSync(dir, { recursive: true, force: true });
  // No burn-in, so no warm-up: MALA at h = 0.005 stalls at the mode of 4000 dimensions. The hint must name a step
  // below 0.005 (it named 0.0089, the bound/4, before).
  const stalled = emtd(
    "sample",
    "--graph",
    "ws:2000:10:0.1",
    "--dim",
    "2",
    "--temperature",
    "0.7",
    "--integrator",
    "mala",
    "--step",
    "0.005",
    "--steps",
    "400",
    "--burn-in",
    "0",
  );
  assert.equal(stalled.code, 1, stalled.stdout);
  const hint = /use --step ([\d.e-]+) or smaller/.exec(stalled.stderr);
  assert.ok(hint, stalled.stderr);
  assert.ok(Number(hint[1]) < 0.005, stalled.stderr);
});
