/**
 * Computations that used to live in notebooks and the CLI, now library functions: the consensus-error curve
 * (notebook 04), ULA's stationary free energy (notebook 02), the tamper enumerators and the KS test (notebook 05),
 * and the arithmetic of `bench all` (medians and ratios; nothing is timed here).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { consensusErrorCurve, firstCrossing } from "../../../src/analysis/consensus-curve";
import { measureConsensus } from "../../../src/analysis/consensus-time";
import { gaussianThermodynamics, ulaStationaryFreeEnergy } from "../../../src/analysis/gaussian-exact";
import { ancestryTamperings, inclusionTamperings } from "../../../src/studies/protocol/tamper";
import { buildTree, inclusionProof } from "../../../src/protocol/merkle";
import { makeBlock, MerkleDag } from "../../../src/protocol/dag";
import { kolmogorovQ, ksTwoSample } from "../../../src/stats/twosample";
import { summariseRounds } from "../../../src/bench/all";
import { ArgumentError } from "../../../src/errors";

test("consensus-error curve: an eigenmode decays by exactly (1 − 2hλ)^{2k}, and the curve crosses where measureConsensus says", async () => {
  const n = 24;
  const graph = graphs.ring(n, 2); // λ of cos(2πi/n) is 2(1 − cos(2π/n)); max degree 2, h = 0.05
  const lambda = 2 * (1 - Math.cos((2 * Math.PI) / n));
  const mode = Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * i) / n));
  const curve = consensusErrorCurve(graph, mode, 20, 1000);
  assert.equal(curve.step, 0.05);
  curve.t.forEach((t, s) => {
    const k = Math.round(t / curve.step);
    const exact = curve.error[0]! * (1 - 2 * curve.step * lambda) ** (2 * k);
    assert.ok(Math.abs(curve.error[s]! - exact) <= 1e-12 * curve.error[0]!, `t = ${t}: ${curve.error[s]} vs ${exact}`);
  });
  await ready({ backend: "cpu" });
  const indicator = Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0));
  const measured = measureConsensus(graph, key(1), { initial: indicator, reduction: 1e-4 });
  const fine = consensusErrorCurve(graph, indicator, 1.2 * measured.time, 1e9); // every step sampled
  // float32 tensors against float64 arrays: the crossing may move by one Euler step.
  assert.ok(
    Math.abs(firstCrossing(fine, 1e-4) - measured.time) <= measured.step + 1e-12,
    `${firstCrossing(fine, 1e-4)} vs ${measured.time}`,
  );
  assert.equal(firstCrossing(fine, 1e-30), Number.POSITIVE_INFINITY);
  assert.throws(() => consensusErrorCurve(graph, [1, 2], 1), ArgumentError);
});

test("ULA's stationary free energy: the Boltzmann F at h = 0, one mode by hand, and larger for every h > 0 (Gibbs)", () => {
  const eigenvalues = laplacianEigenvalues(graphs.ring(10, 4));
  const exact = gaussianThermodynamics(eigenvalues, 2, 1.5).freeEnergy;
  assert.ok(Math.abs(ulaStationaryFreeEnergy(eigenvalues, 2, 1.5, 0) - exact) < 1e-9 * Math.abs(exact));
  // One mode λ = 2, C = 1, T = 1, h = 0.25: v = 1/(2·2·0.5) = 0.5, F = 2·0.5 − ½ ln(2πe·0.5).
  assert.ok(Math.abs(ulaStationaryFreeEnergy([0, 2], 1, 1, 0.25) - (1 - 0.5 * Math.log(Math.PI * Math.E))) < 1e-12);
  const lambdaMax = eigenvalues[eigenvalues.length - 1]!;
  let previous = exact;
  for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    const value = ulaStationaryFreeEnergy(eigenvalues, 2, 1.5, f / lambdaMax);
    assert.ok(value > previous, `F increases with h (h·λ_max = ${f})`);
    previous = value;
  }
  assert.throws(() => ulaStationaryFreeEnergy(eigenvalues, 2, 1.5, 1.01 / lambdaMax), ArgumentError);
});

test("tamper enumerators: every single-bit change of a real proof is rejected; a verifier that accepts all rejects none", () => {
  const ledger = Array.from({ length: 13 }, (_, i) => Uint8Array.from({ length: 20 + i }, (_, j) => (i * 31 + j) & 255));
  const tree = buildTree(ledger);
  const proof = inclusionProof(tree, 5);
  const counted = inclusionTamperings(tree.root, ledger[5]!, proof);
  assert.equal(counted.tried, ledger[5]!.length + 32 * proof.path.length + 32);
  assert.equal(counted.rejected, counted.tried);
  assert.deepEqual(
    inclusionTamperings(tree.root, ledger[5]!, proof, () => true),
    { tried: counted.tried, rejected: 0 },
  );

  const dag = new MerkleDag();
  const genesis = dag.add(makeBlock(ledger.slice(0, 3)));
  const left = dag.add(makeBlock(ledger.slice(3, 5), [genesis]));
  const right = dag.add(makeBlock(ledger.slice(5, 6), [genesis]));
  const merge = dag.add(makeBlock(ledger.slice(6, 8), [left, right]));
  const chain = dag.ancestryProof(merge.root, genesis.root)!;
  const bytesOf = (b: typeof genesis) => b.transactions.reduce((s, t) => s + t.length, 0) + 32 * b.parents.length;
  const tampered = ancestryTamperings(merge.root, genesis.root, chain);
  assert.equal(
    tampered.tried,
    chain.reduce((s, b) => s + bytesOf(b), 0),
  );
  assert.equal(tampered.rejected, tampered.tried);
  assert.equal(ancestryTamperings(merge.root, genesis.root, chain, () => true).rejected, 0);
});

test("two-sample KS: D equals SciPy's ks_2samp, Q(λ) equals SciPy's kstwobign survival function", () => {
  // Reference numbers printed by scipy.stats (ks_2samp(a, b).statistic, kstwobign.sf(λ)), SciPy 1.17.
  assert.ok(
    Math.abs(ksTwoSample([0.1, 0.5, 0.9, 1.3, 2.2, 2.5, 3.0], [0.3, 0.4, 1.0, 1.1, 1.2, 4.0]).statistic - 0.40476190476190477) < 1e-15,
  );
  assert.equal(ksTwoSample([1, 2, 2, 3, 3, 3], [2, 3, 4, 4]).statistic, 0.5);
  assert.ok(Math.abs(kolmogorovQ(1.3581) - 0.0499996304316674) < 1e-12);
  assert.ok(Math.abs(kolmogorovQ(1.6276) - 0.010001537333060776) < 1e-12);
  assert.ok(Math.abs(kolmogorovQ(0.5) - 0.9639452436648751) < 1e-12);
  assert.equal(ksTwoSample([1, 2, 3], [1, 2, 3]).pValue, 1);
  assert.throws(() => ksTwoSample([], [1]), ArgumentError);
});

test("bench all's arithmetic: medians skip missing rounds, ratios need both sides", () => {
  const { medians, ratios } = summariseRounds([
    { emtdLangevin: 2, scipyLangevin: 4, cIsing: null, emtdIsing: 10 },
    { emtdLangevin: 3, scipyLangevin: 6, cIsing: 5, emtdIsing: 10 },
    { emtdLangevin: 1, scipyLangevin: 5, cIsing: null, emtdIsing: 10 },
  ]);
  assert.deepEqual(medians, { emtdLangevin: 2, scipyLangevin: 5, cIsing: 5, emtdIsing: 10 });
  assert.equal(ratios.langevinScipyOverEmtd, 2.5);
  assert.equal(ratios.isingCOverEmtd, 0.5);
  assert.equal(ratios.langevinCOverEmtd, null);
});
