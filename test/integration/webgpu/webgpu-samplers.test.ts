import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { webgpuDataIds, webgpuReads } from "../../../src/engine/webgpu/tfjs-bridge";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { ringGraph } from "../../../src/graph/direct";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { interaction } from "../../../src/hamiltonian/interaction";
import { mala, ula } from "../../../src/dynamics/gradient";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { run } from "../../../src/dynamics/run";
import { equipartitionEnergy, ulaStationaryEnergy } from "../../../src/analysis/gaussian-exact";
import { releaseGraph } from "../../../src/ops/tensors";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { isingEnumeration } from "../../../src/spin/ising/ising-exact";
import { graphs } from "../../../src/graph/generators";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { makeIntegrator } from "../../../src/dynamics/registry";
import { heunStationaryEnergy, registerHeun } from "../../heun";
import { runIsing } from "../../../src/spin/ising/ising-run";

resource("swiftshader");

// The samplers on tfjs's WebGPU backend, against exact laws, within 4 MCSE. On a machine without a GPU they run on
// SwiftShader (Chromium's software Vulkan driver; scripts/system-packages.sh installs it): slow, so the systems are small.

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is
const Z = 4;
const BIN = join(TEST_DIR, "..", "..", "bin", "emtd.js");

function within(mean: number, mcse: number, exact: number, label: string): void {
  assert.ok(mcse > 0 && Number.isFinite(mcse), `${label}: MCSE ${mcse}`);
  const z = Math.abs(mean - exact) / mcse;
  assert.ok(z < Z, `${label}: ${mean} ± ${mcse} vs exact ${exact}, |z| = ${z.toFixed(2)}`);
}

/** Tensors of this thread and data buffers of the WebGPU worker, to see that a run leaves none behind. */
function live(): [number, number] {
  return [tf.memory().numTensors, webgpuDataIds()];
}

test(
  "ULA on webgpu: ⟨H⟩ equals its biased law (dT/2)·Σ 1/(1 − hλ_m) within 4 MCSE; no tensor left behind",
  { skip: missing ?? false },
  async () => {
    assert.equal(await ready({ backend: "webgpu" }), "webgpu");
    const graph = ringGraph(8, 2);
    const h = 0.2; // λ_max = 4: the top mode's energy is 5× its equipartition share, so the bias is what is measured
    const before = live();
    const x0 = tf.zeros([graph.n, 1]);
    const r = run(ula(interaction(graph), { step: h, temperature: 1 }), x0, { steps: 400, burnIn: 40 }, key(11));
    tf.dispose([x0, r.final]);
    releaseGraph(graph);
    const exact = ulaStationaryEnergy(laplacianEigenvalues(graph), 1, 1, h);
    within(r.meanEnergy, r.energyMcse, exact, "ULA ⟨H⟩");
    assert.ok(exact > equipartitionEnergy(graph.n, 1, 1) + 8 * r.energyMcse, "the biased law is told apart from equipartition");
    assert.deepEqual(live(), before);
  },
);

test("MALA on webgpu: equipartition (N − 1)·d·T/2 within 4 MCSE; no tensor left behind", { skip: missing ?? false }, async () => {
  await ready({ backend: "webgpu" });
  const graph = ringGraph(8, 2);
  const before = live();
  const x0 = tf.zeros([graph.n, 1]);
  // The whole step on the device (EmtdMalaStep: proposal, correction, accept), one read per step.
  const r = run(mala(interaction(graph), { step: 0.2, temperature: 1 }), x0, { steps: 400, burnIn: 40 }, key(12));
  tf.dispose([x0, r.final]);
  releaseGraph(graph);
  assert.deepEqual(live(), before);
  within(r.meanEnergy, r.energyMcse, equipartitionEnergy(8, 1, 1), "MALA ⟨H⟩");
  assert.ok(r.acceptance > 0.2 && r.acceptance < 1, `acceptance ${r.acceptance}`);
});

test(
  "MALA of 4 chains on webgpu, each chain's accept on the device: equipartition per chain and pooled within 4 MCSE; no tensor left behind",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    const graph = ringGraph(8, 2);
    const before = live();
    const R = 4;
    const x0 = tf.zeros([graph.n, R]) as tf.Tensor2D;
    // One read per step of the chains' decisions and sums (EmtdMalaStep over R chains).
    const reads = webgpuReads();
    const r = run(mala(interactionChains(graph, R), { step: 0.2, temperature: 1 }), x0, { steps: 400, burnIn: 40 }, key(14));
    assert.ok(webgpuReads() - reads <= 400 + 2, `${webgpuReads() - reads} reads`);
    tf.dispose([x0, r.final]);
    releaseGraph(graph);
    assert.deepEqual(live(), before);
    const exact = equipartitionEnergy(8, 1, 1);
    within(r.meanEnergy, r.energyMcse, exact, "MALA ⟨H⟩ pooled over 4 chains");
    r.perChain.forEach((c, k) => within(c.meanEnergy, c.energyMcse, exact, `chain ${k}`));
    assert.ok(r.acceptance > 0.2 && r.acceptance < 1, `acceptance ${r.acceptance}`);
  },
);

test("webgpu is deterministic: one seed gives the same field and energies twice", { skip: missing ?? false }, async () => {
  await ready({ backend: "webgpu" });
  const graph = ringGraph(16, 4);
  const once = async () => {
    const x0 = tf.zeros([graph.n, 2]);
    const r = run(mala(interaction(graph), { step: 0.1, temperature: 1 }), x0, { steps: 40, burnIn: 0 }, key(5));
    const field = await r.final.data();
    tf.dispose([x0, r.final]);
    return { field: Array.from(field), energy: r.meanEnergy, acceptance: r.acceptance };
  };
  const a = await once();
  const b = await once();
  releaseGraph(graph);
  assert.deepEqual(b, a);
});

test("Ising on webgpu, L = 4: ⟨e⟩ and ⟨|m|⟩ equal exact enumeration within 4 MCSE", { skip: missing ?? false }, async () => {
  await ready({ backend: "webgpu" });
  const before = live();
  const temperature = 2.5;
  // One chain: the composite sweep slices each replica's columns, so replicas cost kernels one by one.
  const r = runIsing(isingSampler(isingLattice(4), [temperature]), "cold", { steps: 150, burnIn: 15 }, key(13)).results[0]!;
  const exact = isingEnumeration(graphs.torus(4), [temperature])[0]!;
  within(r.energyPerSpin.value, r.energyPerSpin.mcse, exact.energyPerSpin, "e per spin");
  within(r.absMagnetization.value, r.absMagnetization.mcse, exact.absMagnetization, "|m|");
  assert.deepEqual(live(), before);
});

test("emtd sample --backend webgpu names the backend and the adapter in its JSON", { skip: missing ?? false }, () => {
  const args = ["sample", "--backend", "webgpu", "--graph", "ring:8:2", "--integrator", "ula", "--step", "0.1", "--steps", "20", "--json"];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { backend: string; adapter: string; gpu: Record<string, number> };
  assert.equal(out.backend, "webgpu");
  assert.ok(out.adapter.length > 0);
  // The run's GPU work, counted (webgpu-counters.test.ts checks the counts against the kernels posted).
  assert.deepEqual(Object.keys(out.gpu).sort(), ["boundBytes", "dispatches", "downloadBytes", "roundTrips", "uploadBytes"]);
  for (const v of Object.values(out.gpu)) assert.ok(Number.isSafeInteger(v) && v >= 0, JSON.stringify(out.gpu));
  // The fused steps (configs/webgpu/fused-stepper.ts): a dispatch or more per step, a round trip per block of them.
  assert.ok(out.gpu.dispatches >= 20, "at least one dispatch per step");
  assert.ok(out.gpu.roundTrips >= 1 && out.gpu.roundTrips < 20, `fewer round trips than steps (${out.gpu.roundTrips})`);
  // On a software GPU, one line says so; nothing else reaches stderr.
  assert.ok(r.stderr.trim().split("\n").length <= 1, r.stderr);
});

test("webgpu without an adapter: one line naming what to install, exit 2", () => {
  // EMTD_SWIFTSHADER_ICD=none hides the software GPU; a machine with a real GPU would find it, so only its absence is checked there.
  const env = { ...process.env, EMTD_SWIFTSHADER_ICD: "none", EMTD_BACKEND: "webgpu" };
  const r = spawnSync(process.execPath, [BIN, "ising", "--size", "4", "--sweeps", "8"], { encoding: "utf8", env });
  if (r.status === 0) {
    assert.match(r.stdout, /webgpu/); // a hardware adapter answered
    return;
  }
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /install/);
});

test(
  "an integrator registered in a few lines (stochastic Heun) runs one field and 8 chains on webgpu, each at its exact law within 4 MCSE; no tensor left behind",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    registerHeun();
    const graph = ringGraph(8, 2);
    const h = 0.2;
    const exact = heunStationaryEnergy(laplacianEigenvalues(graph), 1, 1, h);
    for (const R of [1, 8]) {
      const before = live();
      const x0 = tf.zeros([graph.n, R]) as tf.Tensor2D;
      const energy = R === 1 ? interaction(graph) : interactionChains(graph, R);
      const r = run(makeIntegrator("heun", energy, graph, { temperature: 1, step: h }), x0, { steps: 200, burnIn: 20 }, key(31));
      tf.dispose([x0, r.final]);
      releaseGraph(graph);
      assert.equal(r.chains, R);
      within(r.meanEnergy, r.energyMcse, exact, `Heun R = ${R} ⟨H⟩`);
      assert.deepEqual(live(), before);
    }
  },
);

test(
  "Metropolis of 8 chains on webgpu: pooled ⟨H⟩ at equipartition within 4 MCSE; no tensor left behind",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    const graph = ringGraph(8, 2);
    const before = live();
    const x0 = tf.zeros([graph.n, 8]) as tf.Tensor2D;
    const r = run(
      makeIntegrator("metropolis", interactionChains(graph, 8), graph, { temperature: 1, step: 0.8 }),
      x0,
      { steps: 100, burnIn: 20 },
      key(32),
    );
    tf.dispose([x0, r.final]);
    releaseGraph(graph);
    assert.equal(r.chains, 8);
    within(r.meanEnergy, r.energyMcse, equipartitionEnergy(graph.n, 1, 1), "Metropolis × 8 ⟨H⟩");
    assert.deepEqual(live(), before);
  },
);
