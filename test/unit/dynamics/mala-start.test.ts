/**
 * MALA with a given step, started at the mode in high dimension (issue 21 §3): the closed forms of its acceptance
 * (analysis/mala-acceptance) against exact results and measurement, `emtd sample` completing the kind of
 * config with ⟨H⟩ within 3 MCSE of (N − 1)·d·T/2, and a stuck chain's hint: a step below the failed one, the reason
 * for it, and a run at that step that completes.
 *
 * Before the warm-up ramp (commit 78fe1c7) `emtd sample --graph ws:1000:10:0.1 --dim 2 --temperature 0.7
 * --integrator mala --step 0.005 --steps 10000 --burn-in 1000` exited 1, stuck from the first step, with the hint
 * "use --step 0.015 or smaller", a larger step than the one that failed (checked on that commit's build; ring:800:10
 * with --steps 20000 --burn-in 2000 likewise, hinting 0.019).
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { laplacianTraces, malaAtEquilibrium, malaAtMode } from "../../../src/analysis/mala-acceptance";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { mala } from "../../../src/dynamics/gradient";
import { disposeState } from "../../../src/dynamics/types";
import { graphs } from "../../../src/graph/generators";
import { graphFromSpec } from "../../../src/graph/spec";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { releaseGraph } from "../../../src/ops/tensors";
import { key, split } from "../../../src/engine/random";
import { ready } from "../../../src/engine/backend";
import { equipartitionEnergy } from "../../../src/analysis/gaussian-exact";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 600_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the traces: tr L² exact, tr L³ bounded above by leaving out the triangles (equal on a triangle-free cycle and torus)", () => {
  const cases: [string, boolean][] = [
    ["ring:30:4", false],
    ["ring:40:2", true],
    ["torus:6", true],
    ["ws:60:6:0.2", false],
    ["er:50:0.1", false],
  ];
  for (const [spec, triangleFree] of cases) {
    const graph = graphFromSpec(spec, key(3));
    const ev = laplacianEigenvalues(graph);
    const t2 = ev.reduce((s, l) => s + l * l, 0);
    const t3 = ev.reduce((s, l) => s + l ** 3, 0);
    const traces = laplacianTraces(graph);
    assert.ok(Math.abs(traces.trace2 - t2) < 1e-9 * t2, `${spec}: tr L² ${traces.trace2} vs ${t2}`);
    assert.ok(traces.trace3Bound >= t3 - 1e-9 * t3, `${spec}: bound ${traces.trace3Bound} < tr L³ ${t3}`);
    if (triangleFree) assert.ok(Math.abs(traces.trace3Bound - t3) < 1e-9 * t3, `${spec}: ${traces.trace3Bound} vs ${t3}`);
    releaseGraph(graph);
  }
  // A structured ring is read from its rule, the same numbers as from its edges.
  const rule = laplacianTraces(graphFromSpec("ring:50:6", key(1), { indexFree: true }));
  const edges = laplacianTraces(graphs.ring(50, 6));
  assert.deepEqual(rule, edges);
});

test("at the mode x = 0, MALA's mean acceptance is Π(1 + 4h²λ²)^(−d/2) exactly (4000 first steps), and malaAtMode's exp(−2h²·d·tr L²) bounds it below", async () => {
  await ready();
  const graph = graphs.ring(30, 4);
  const d = 2;
  const R = 4000;
  const h = 0.022;
  const exact = laplacianEigenvalues(graph).reduce((p, l) => p * (1 + 4 * h * h * l * l) ** (-d / 2), 1);
  const integrator = mala(interactionChains(graph, R), { step: h, temperature: 0.7 });
  const x0 = tf.zeros([graph.n, R * d]) as tf.Tensor2D;
  const [state, info] = integrator.step(integrator.init(x0), key(11));
  disposeState(state);
  x0.dispose();
  const p = Array.from(info.acceptanceProbabilities);
  const mean = p.reduce((s, v) => s + v, 0) / R;
  const se = Math.sqrt(p.reduce((s, v) => s + (v - mean) ** 2, 0) / (R - 1) / R);
  assert.ok(Math.abs(mean - exact) < 4 * se, `mean acceptance at the mode ${mean} ± ${se}, exact ${exact}`);
  const bound = malaAtMode(laplacianTraces(graph), d, h).acceptance;
  assert.ok(bound <= exact && bound > 0.8 * exact, `bound ${bound}, exact ${exact}`);
  releaseGraph(graph);
});

test("emtd sample: MALA at a fixed step from the mode of ws:1000:10:0.1 (d = 2, T = 0.7, h = 0.005) completes: ⟨H⟩ within 3 MCSE of (N − 1)·d·T/2, acceptance as 2Φ(−√(h³·d·tr L³)) says", () => {
  const r = emtd(
    ...["sample", "--graph", "ws:1000:10:0.1", "--dim", "2", "--temperature", "0.7", "--integrator", "mala"],
    ...["--step", "0.005", "--steps", "10000", "--burn-in", "1000", "--json"],
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const exact = equipartitionEnergy(1000, 2, 0.7);
  assert.equal(out.step, 0.005, "every kept step uses the given step");
  assert.ok(Math.abs(out.meanEnergy - exact) < 3 * out.energyMcse, `⟨H⟩ = ${out.meanEnergy} ± ${out.energyMcse}, exact ${exact}`);
  // The stall it used to hit: at the mode this step accepts about 1.5e-5 of proposals.
  const graph = graphFromSpec("ws:1000:10:0.1", split(key(0), 2)[0]!);
  const traces = laplacianTraces(graph);
  assert.ok(malaAtMode(traces, 2, 0.005).acceptance < 1e-4);
  // The equilibrium law is asymptotic in the dimension (here 2000): agreement to a few hundredths.
  const predicted = malaAtEquilibrium(traces, 2, 0.005).acceptance;
  assert.ok(Math.abs(out.acceptance - predicted) < 0.03, `acceptance ${out.acceptance}, predicted ${predicted}`);
  releaseGraph(graph);
});

test("a stuck chain's hint names a step below the failed one and why, and a run at that step completes: too large at equilibrium, stalled at the mode, above the bound", () => {
  const common = ["--dim", "2", "--temperature", "0.7", "--integrator", "mala"];
  // Below the stable bound (1/λ_max ≈ 0.075) yet too large for 1600 dimensions: 2Φ(−√(h³·d·tr L³)) ≈ 7e-14.
  const eq = emtd("sample", "--graph", "ring:800:10", ...common, "--step", "0.03", "--steps", "2000", "--burn-in", "500", "--json");
  assert.equal(eq.code, 1, eq.stdout);
  const failed = JSON.parse(eq.stdout).failed;
  assert.equal(failed.hint.cause, "equilibrium");
  assert.ok(failed.hint.step < 0.03 && 0.03 < failed.stableStepBound, JSON.stringify(failed));
  assert.match(eq.stderr, new RegExp(`use --step ${failed.hint.step} or smaller: at equilibrium MALA accepts about 2Φ`));
  const fixed = emtd(
    "sample",
    "--graph",
    "ring:800:10",
    ...common,
    "--step",
    String(failed.hint.step),
    "--steps",
    "2000",
    "--burn-in",
    "500",
    "--json",
  );
  assert.equal(fixed.code, 0, fixed.stderr);
  const acceptance = JSON.parse(fixed.stdout).acceptance;
  assert.ok(acceptance > 0.5 && acceptance < 0.8, `acceptance at the hinted step ${acceptance} (0.574 aimed at)`);
  // No burn-in, so no warm-up: stuck at the mode though the step is fine at equilibrium.
  const mode = emtd("sample", "--graph", "ws:1000:10:0.1", ...common, "--step", "0.005", "--steps", "400", "--burn-in", "0", "--json");
  assert.equal(mode.code, 1, mode.stdout);
  const stalled = JSON.parse(mode.stdout).failed.hint;
  assert.equal(stalled.cause, "mode");
  assert.ok(stalled.step < 0.005 && stalled.acceptanceAtEquilibrium > 0.15, JSON.stringify(stalled));
  assert.match(mode.stderr, /at the mode x = 0, .* use --step [\d.e-]+ or smaller .* or a longer --burn-in/);
  const moved = emtd(
    "sample",
    "--graph",
    "ws:1000:10:0.1",
    ...common,
    "--step",
    String(stalled.step),
    "--steps",
    "400",
    "--burn-in",
    "0",
    "--json",
  );
  assert.equal(moved.code, 0, moved.stderr);
  // Above the stable bound: a quarter of it.
  const above = emtd("sample", "--graph", "ring:20:4", "--integrator", "mala", "--step", "10", "--steps", "400", "--json");
  assert.equal(above.code, 1);
  const over = JSON.parse(above.stdout).failed;
  assert.equal(over.hint.cause, "above-bound");
  assert.ok(over.hint.step <= over.stableStepBound / 4, JSON.stringify(over));
});
