/**
 * Statistical tests of the samplers against exact results. Every tolerance is z = 4 Monte-Carlo standard errors
 * (MCSE = sd/√ESS, Geyer's initial monotone sequence), and each test also asserts that this tolerance is tight
 * enough to detect the error it is about (power), so it cannot pass vacuously.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key, split, type Key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { isConnected } from "../../../src/graph/graph";
import { laplacianEigenvalues, spectralSummary } from "../../../src/graph/spectrum";
import { interaction } from "../../../src/hamiltonian/interaction";
import { mala, ula } from "../../../src/dynamics/gradient";
import { metropolis } from "../../../src/dynamics/metropolis";
import { run } from "../../../src/dynamics/run";
import { equipartitionEnergy, gaussianThermodynamics, ulaStationaryEnergy } from "../../../src/analysis/gaussian-exact";
import { gaussianEntropyEstimate } from "../../../src/analysis/free-energy";
import { effectiveSampleSize, estimateMean } from "../../../src/stats/ess";

const Z = 4;

function assertAgrees(label: string, measured: number, mcse: number, exact: number, relative: number): void {
  const z = (measured - exact) / mcse;
  assert.ok(
    Math.abs(z) < Z,
    `${label}: ⟨H⟩ = ${measured.toFixed(3)} ± ${mcse.toFixed(3)} vs exact ${exact.toFixed(3)} (z = ${z.toFixed(2)})`,
  );
  assert.ok(Math.abs(measured / exact - 1) < relative, `${label}: relative error ${(measured / exact - 1).toFixed(4)} ≥ ${relative}`);
  assert.ok((Z * mcse) / exact < relative, `${label}: MCSE too large to resolve ${relative * 100}% (${((Z * mcse) / exact).toFixed(4)})`);
}

test("MALA reproduces equipartition ⟨H⟩ = (N−1)·d·T/2 within 3% on connected graphs", async () => {
  await ready({ backend: "wasm" });
  const T = 0.8;
  const d = 2;
  for (const [i, spec] of ["ring:40:4", "ws:60:6:0.2", "er:50:0.15", "ba:50:2", "torus:6", "complete:20"].entries()) {
    const [kg, kr] = split(key(200 + i), 2) as [Key, Key];
    const g = graphFromSpec(spec, kg);
    assert.ok(isConnected(g), `${spec} must be connected for equipartition`);
    const x0 = tf.zeros([g.n, d]) as tf.Tensor2D;
    // 14000 kept steps after a 2000-step adapted burn-in: 4·MCSE/⟨H⟩ is at most 0.021 over the six graphs (ring:40:4),
    // 0.71 of the 3% it must resolve.
    const result = run(mala(interaction(g), { step: 0.01, temperature: T }), x0, { steps: 16000, burnIn: 2000, adapt: true }, kr);
    assertAgrees(`MALA ${spec}`, result.meanEnergy, result.energyMcse, equipartitionEnergy(g.n, d, T), 0.03);
    assert.ok(result.acceptance > 0.4 && result.acceptance < 0.75, `${spec}: acceptance ${result.acceptance}`);
    tf.dispose([x0, result.final]);
  }
});

test("ULA reproduces its exact step-size bias (dT/2)·Σ 1/(1 − hλ_m) on a ring lattice, which MALA removes", async () => {
  await ready({ backend: "wasm" });
  const g = graphFromSpec("ring:30:4", key(1));
  const eigenvalues = laplacianEigenvalues(g);
  const { lambdaMax } = spectralSummary(g);
  const T = 1;
  const d = 2;
  const equipartition = equipartitionEnergy(g.n, d, T);
  for (const fraction of [0.3, 0.6]) {
    const h = fraction / lambdaMax;
    const exact = ulaStationaryEnergy(eigenvalues, d, T, h);
    const x0 = tf.zeros([g.n, d]) as tf.Tensor2D;
    // 6750 kept steps: 4·MCSE/exact is 0.017 (h·λmax = 0.3) and 0.011 (0.6) of the 3% bound, and the bias is 6 and 21
    // times the 2·Z·MCSE the power check below asks of it.
    const result = run(ula(interaction(g), { step: h, temperature: T }), x0, { steps: 7500, burnIn: 750 }, key(10 + fraction * 10));
    assertAgrees(`ULA h·λmax=${fraction}`, result.meanEnergy, result.energyMcse, exact, 0.03);
    // Power: the bias itself is many standard errors wide, so an unbiased sampler would fail this test.
    assert.ok(Math.abs(exact - equipartition) > 2 * Z * result.energyMcse, `bias ${exact - equipartition} unresolved`);
    tf.dispose([x0, result.final]);
  }
});

test("colour-parallel and sequential Metropolis reproduce equipartition", async () => {
  await ready({ backend: "wasm" });
  const T = 1.5;
  const cases = [
    // A colour sweep costs the same per colour whatever N: torus:12 (144 sites, 2 colours) for 2500 sweeps has
    // 4·MCSE/⟨H⟩ = 0.016 of the 3% (torus:6 needed 7000 sweeps for 0.022).
    { spec: "torus:12", order: "colour" as const, sweeps: 2500, step: 0.6 },
    { spec: "ws:30:4:0.3", order: "colour" as const, sweeps: 7000, step: 0.6 },
    { spec: "ring:10:4", order: "sequential" as const, sweeps: 2500, step: 0.6 },
  ];
  for (const c of cases) {
    const g = graphFromSpec(c.spec, key(5));
    // d = 4 channels: more modes per site update lower the relative variance of H at no extra cost per sweep.
    const x0 = tf.zeros([g.n, 4]) as tf.Tensor2D;
    const result = run(
      metropolis(interaction(g), g, { step: c.step, temperature: T, order: c.order }),
      x0,
      {
        steps: c.sweeps,
        burnIn: Math.floor(c.sweeps / 8),
        adapt: true,
      },
      key(6),
    );
    assertAgrees(
      `Metropolis ${c.order} ${c.spec}`,
      result.meanEnergy,
      result.energyMcse,
      equipartitionEnergy(g.n, 4, T),
      c.order === "sequential" ? 0.08 : 0.03,
    );
    tf.dispose([x0, result.final]);
  }
});

test("the free energy F = ⟨H⟩ − T·Ŝ from samples matches the exact Gaussian free energy", async () => {
  await ready({ backend: "wasm" });
  const g = graphFromSpec("ws:8:4:0.3", key(2));
  const T = 1;
  const exact = gaussianThermodynamics(laplacianEigenvalues(g), 1, T);
  const samples: Float32Array[] = [];
  const thin = 10;
  const x0 = tf.zeros([g.n, 1]) as tf.Tensor2D;
  const result = run(
    mala(interaction(g), { step: 0.05, temperature: T }),
    x0,
    {
      steps: 62000,
      burnIn: 2000,
      adapt: true,
      recordEvery: thin,
      observe: (position, step) => {
        if (step > 2000) samples.push(position.dataSync() as Float32Array);
        return {};
      },
    },
    key(3),
  );
  const entropy = gaussianEntropyEstimate(samples, g.n, 1);
  const p = g.n - 1;
  const energies = result.trace.filter((r) => r.step > 2000).map((r) => r.energy);
  const nEff = effectiveSampleSize(energies);
  // Var(ln det Ĉ) ≈ 2p/n for p-dimensional Gaussian samples; Ŝ = ½ ln det(2πe Ĉ) + const.
  const sdEntropy = 0.5 * Math.sqrt((2 * p) / nEff);
  const bias = (p * (p + 1)) / (4 * nEff);
  assert.ok(
    Math.abs(entropy - exact.entropy) < Z * sdEntropy + bias,
    `Ŝ = ${entropy.toFixed(4)} vs S = ${exact.entropy.toFixed(4)} (sd ${sdEntropy.toFixed(4)})`,
  );
  const f = estimateMean(result.energies).mean - T * entropy;
  const fTolerance = Z * (result.energyMcse + T * sdEntropy) + T * bias;
  assert.ok(
    Math.abs(f - exact.freeEnergy) < fTolerance,
    `F̂ = ${f.toFixed(4)} vs F = ${exact.freeEnergy.toFixed(4)} ± ${fTolerance.toFixed(4)}`,
  );
  assert.ok(fTolerance < 0.1 * Math.abs(exact.freeEnergy - exact.meanEnergy), "the tolerance resolves the entropy term");
  tf.dispose([x0, result.final]);
});
