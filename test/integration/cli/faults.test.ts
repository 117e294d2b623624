/**
 * Numerical faults are detected where they arise and stop the run with the cause, a fix and the trace so far:
 * divergence above the stable bound h < 1/λ_max (checked on both sides of the bound), a chain that accepts
 * nothing, and too few kept steps / a tiny ESS.
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
import { ZERO_ACCEPTANCE_STEPS } from "../../../src/dynamics/loop";
import { gradientFlow, mala, ula } from "../../../src/dynamics/gradient";
import { interaction } from "../../../src/hamiltonian/interaction";
import { graphs } from "../../../src/graph/generators";
import { releaseGraph } from "../../../src/ops/tensors";
import { largestLaplacianEigenvalue } from "../../../src/graph/stability";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { key, normal } from "../../../src/engine/random";
import { ArgumentError, DivergenceError, MIN_TEMPERATURE, NumericalError } from "../../../src/errors";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { metropolis } from "../../../src/dynamics/metropolis";
import { ready } from "../../../src/engine/backend";
import { onEachBackend } from "../../helpers";
import { runIsing } from "../../../src/spin/ising/ising-run";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the stable bound is where divergence starts: gradient flow at 0.95/λ_max stays finite, at 1.05/λ_max it stops with DivergenceError", async () => {
  await onEachBackend(() => {
    const before = tf.memory().numTensors;
    const graph = graphs.ring(40, 4);
    const energy = interaction(graph);
    const { value: lambdaMax, exact } = largestLaplacianEigenvalue(graph);
    assert.ok(exact);
    const initial = normal(key(1), [graph.n, 2]) as tf.Tensor2D;
    // Below the bound every mode contracts: finite, and H decreases.
    const stable = run(gradientFlow(energy, { step: 0.95 / lambdaMax }), initial, { steps: 3000, recordEvery: 100 }, key(2));
    assert.ok(Number.isFinite(stable.trace.at(-1)!.energy));
    assert.ok(stable.trace.at(-1)!.energy < stable.trace[0]!.energy);
    stable.final.dispose();
    // Above it the top mode grows by |1 − 2hλ_max| = 1.1 per step: float32 overflows within ~1000 steps.
    assert.throws(
      () => run(gradientFlow(energy, { step: 1.05 / lambdaMax }), initial, { steps: 3000, recordEvery: 10 }, key(2)),
      (e: unknown) => {
        assert.ok(e instanceof DivergenceError);
        assert.equal(e.fault, "divergence");
        const partial = e.partial as PartialRun;
        assert.ok(e.step > 100 && e.step < 3000, `diverged at ${e.step}`);
        assert.ok(partial.trace.length > 0 && partial.trace.every((r) => r.step < e.step));
        assert.match(e.message, /h < 1\/λ_max/);
        return true;
      },
    );
    initial.dispose();
    releaseGraph(graph);
    assert.equal(tf.memory().numTensors, before, "no tensor leaked by the failed run");
  });
});

test("λ_max: exact below the dense limit (equals the spectrum's maximum), Gershgorin bound 2·max degree above", () => {
  const g = graphs.ws(200, 6, 0.2, () => 0.5);
  const ev = laplacianEigenvalues(g);
  assert.equal(largestLaplacianEigenvalue(g).value, Math.max(...ev));
  const big = graphs.ring(4000, 6);
  const r = largestLaplacianEigenvalue(big);
  assert.equal(r.exact, false);
  assert.equal(r.value, 12); // 2·6; the true value for a ring with k=6 is 1 + 6 − (sum of cosines) ≤ 12
});

test("a chain that accepts nothing for 200 steps after burn-in stops with acceptance-collapse (the default); with stuckAfter: Infinity the frozen chain is a result that says so", async () => {
  await onEachBackend(() => {
    const graph = graphs.ring(50, 4);
    const energy = interaction(graph);
    const x0 = tf.zeros([graph.n, 2]) as tf.Tensor2D;
    assert.throws(
      () => run(mala(energy, { step: 10, temperature: 1 }), x0, { steps: 400, burnIn: 10, stuckAfter: ZERO_ACCEPTANCE_STEPS }, key(4)),
      (e: unknown) => e instanceof NumericalError && e.fault === "acceptance-collapse" && e.step === 210,
    );
    assert.throws(
      () => run(mala(energy, { step: 10, temperature: 1 }), x0, { steps: 400, burnIn: 10 }, key(4)),
      (e: unknown) => e instanceof NumericalError && e.fault === "acceptance-collapse" && e.step === 210,
    );
    const frozen = run(mala(energy, { step: 10, temperature: 1 }), x0, { steps: 400, burnIn: 10, stuckAfter: Infinity }, key(4));
    assert.equal(frozen.acceptance, 0);
    assert.match(frozen.warnings[0]!, /^no proposal was accepted after burn-in/);
    frozen.final.dispose();
    // ULA never rejects, so the rule does not apply; at a stable step it runs.
    const ok = run(ula(energy, { step: 0.02, temperature: 1 }), x0, { steps: 400, burnIn: 10 }, key(4));
    assert.ok(Number.isFinite(ok.meanEnergy));
    ok.final.dispose();
    x0.dispose();
    releaseGraph(graph);
  });
});

test("emtd sample: divergence and a stuck chain exit 1 with the cause, the bound and a fix; --json keeps the partial trace", () => {
  const ulaRun = emtd("sample", "--graph", "ring:200:10", "--integrator", "ula", "--step", "10", "--steps", "200");
  assert.equal(ulaRun.code, 1);
  assert.equal(ulaRun.stderr.trim().split("\n").length, 1);
  const lambdaMax = Math.max(...laplacianEigenvalues(graphs.ring(200, 10)));
  assert.match(
    ulaRun.stderr,
    new RegExp(`ula diverged at step \\d+: the step h = 10 is above the stable bound h < 1/λ_max = ${(1 / lambdaMax).toPrecision(4)}`),
  );
  assert.match(ulaRun.stderr, /use --step [\d.e-]+ or smaller, or omit --step/);
  const json = emtd("sample", "--graph", "ring:200:10", "--integrator", "ula", "--step", "10", "--steps", "200", "--json");
  assert.equal(json.code, 1);
  const partial = JSON.parse(json.stdout);
  assert.equal(partial.failed.fault, "divergence");
  assert.ok(partial.trace.length > 0);
  assert.equal(partial.failed.lambdaMax, lambdaMax);
  const stuck = emtd("sample", "--integrator", "mala", "--step", "10", "--steps", "200");
  assert.equal(stuck.code, 1);
  assert.match(stuck.stderr, /mala accepted nothing .* the chain is stuck; use --step/);
});

test("too few kept steps are refused (exit 2); a small ESS is reported as a warning in the result", () => {
  const one = emtd("sample", "--steps", "1");
  assert.equal(one.code, 2);
  assert.match(one.stderr, /--steps must be an integer in \[4, /);
  const r = emtd("sample", "--graph", "ring:20:4", "--steps", "60", "--seed", "1", "--json");
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.energyEss < 100);
  assert.match(out.warnings[0], /^ESS = [\d.]+ < 100: the MCSE of ⟨H⟩ is itself unreliable/);
  const human = emtd("sample", "--graph", "ring:20:4", "--steps", "60", "--seed", "1");
  assert.match(human.stdout, /warning: ESS = /);
});

test("emtd run: a divergent config exits 1, keeps failure.json with the trace, and writes no result.json", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-fault-"));
  const config = path.join(dir, "c.json");
  fs.writeFileSync(config, JSON.stringify({ command: "sample", graph: "ring:50:4", integrator: "ula", step: 5, steps: 300 }));
  const r = emtd("run", config, "--out", path.join(dir, "o"));
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /diverged/);
  assert.equal(fs.existsSync(path.join(dir, "o/result.json")), false);
  const failure = JSON.parse(fs.readFileSync(path.join(dir, "o/failure.json"), "utf8"));
  assert.equal(failure.failed.fault, "divergence");
  assert.ok(failure.trace.length > 0);
});

test("T → 0 in Boltzmann factors: below 2^-100 the float32 samplers (Metropolis, Ising) refuse (β or ΔE/T would overflow float32); at 2^-100 Metropolis never raises the energy", async () => {
  await ready({ backend: "cpu" });
  const g = graphs.ring(10, 2);
  const energy = interaction(g);
  for (const t of [1e-35, 0, -1, Number.NaN]) {
    assert.throws(() => isingSampler(isingLattice(4), [t]), ArgumentError);
    assert.throws(() => metropolis(energy, g, { step: 0.1, temperature: t }), ArgumentError);
    if (t !== 1e-35) assert.throws(() => mala(energy, { step: 0.1, temperature: t }), ArgumentError);
  }
  // MALA evaluates log α in float64: a tiny T is a valid (frozen) chain there.
  mala(energy, { step: 0.1, temperature: 1e-35 });
  releaseGraph(g);
  // At T = 2^-100 only moves with ΔE ≤ 0 pass (e^{−ΔE/T} underflows to 0 otherwise): the energy series from a hot
  // start is non-increasing, and ΔE = 0 moves are still taken (no NaN from 0·∞).
  const r = runIsing(isingSampler(isingLattice(8), [MIN_TEMPERATURE]), "hot", { steps: 60, burnIn: 0 }, key(3));
  const e = r.results[0]!.series.energyPerSpin;
  for (let t = 1; t < e.length; t++) assert.ok(e[t]! <= e[t - 1]!, `sweep ${t}: ${e[t - 1]} → ${e[t]}`);
  assert.ok(r.results[0]!.acceptance > 0);
  const bad = emtd("ising", "--temperature", "1e-35");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--temperature must be a number in \[2\^-100, ∞\)/);
});

test("a non-finite initial field is refused before the first step (ArgumentError naming `initial`), not reported as a divergence", async () => {
  await ready({ backend: "cpu" });
  const before = tf.memory().numTensors;
  const g = graphs.ring(10, 2);
  const energy = interaction(g);
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
    const data = new Float32Array(20);
    data[7] = bad;
    const x = tf.tensor2d(data, [10, 2]);
    assert.throws(
      () => run(ula(energy, { step: 0.1 }), x, { steps: 10 }, key(1)),
      (e: unknown) => e instanceof ArgumentError && /initial must be a field whose energy is finite/.test(e.message),
    );
    x.dispose();
  }
  releaseGraph(g);
  assert.equal(tf.memory().numTensors, before);
});
