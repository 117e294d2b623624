import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key, fold, uniformSource } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { runFaultyConsensus } from "../../../src/studies/adversary/faulty-consensus";
import { barabasiAlbertDirect, erdosRenyiDirect } from "../../../src/graph/direct";
import { consensusTime, exactDisagreement, fiedlerValue, sampleDisagreement } from "../../../src/studies/scale/scale-study";
import { powerLaw } from "../../../src/stats/regression";
import { closedFormSpectrum, familyMember } from "../../../src/graph/families";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { copyDecision, copyDecisionSizes, splitLedgers } from "../../../src/studies/scale/copy-scale";
import { geometric } from "../../../src/dynamics/schedules";

test("consensus time on a ring lattice grows like N²: log–log slope 2 within 3 standard errors", () => {
  const ns: number[] = [];
  const rounds: number[] = [];
  for (const n of [32, 45, 64, 90, 128]) {
    for (let s = 0; s < 4; s++) {
      const g = graphs.ring(n, 4);
      const r = runFaultyConsensus(
        g,
        {
          faulty: 0,
          fault: "stubborn",
          faultValue: 0,
          rule: "mean",
          rounds: 10_000_000,
          tolerance: 1e-6,
          traceEvery: 1_000_000,
        },
        fold(key(3), 100 * n + s),
      );
      assert.ok(r.converged);
      ns.push(n);
      rounds.push(r.rounds);
    }
  }
  const fit = powerLaw(ns, rounds);
  assert.ok(Math.abs(fit.slope - 2) < 3 * fit.se, `slope ${fit.slope} ± ${fit.se}`);
  assert.ok(fit.se < 0.05, `SE ${fit.se} too large to tell 2 from 1`);
});

test("the measured late decay of the spread (fused kernel) is the spectral rate 1 − λ₂/(2 d_max)", async () => {
  await ready();
  for (const n of [32, 64]) {
    const m = familyMember("ring", n, key(1));
    const before = tf.memory().numTensors;
    const c = consensusTime(m, { tolerance: 1e-4 }, key(n));
    assert.equal(tf.memory().numTensors, before);
    const tau = 1 / -Math.log(1 - fiedlerValue(m).value / (2 * m.maxDegree));
    // The residual of faster modes in the fitting window is below 1 % at these sizes.
    assert.ok(Math.abs(c.relaxation / tau - 1) < 0.01, `N=${n}: τ ${c.relaxation} vs ${tau}`);
  }
});

test("consensus time on complete graphs stays bounded and equals the closed form ⌈ln(s₀/tol)/−ln|1 − N/(2(N−1))|⌉", async () => {
  await ready();
  for (const n of [10, 100, 1000, 100_000]) {
    const m = familyMember("complete", n, key(2));
    const c = consensusTime(m, { tolerance: 1e-3 }, key(n));
    const factor = Math.abs(1 - n / (2 * (n - 1)));
    const exact = Math.ceil(Math.log(c.spread0 / 1e-3) / -Math.log(factor));
    assert.ok(Math.abs(c.rounds - exact) <= 1, `N=${n}: ${c.rounds} vs ${exact}`);
    assert.ok(c.rounds <= 11, `N=${n}: ${c.rounds} rounds`);
  }
});

test("ULA disagreement on the fused kernel matches the exact (T/2N)Σ 1/(λ(1 − hλ)) within 4 MCSE", async () => {
  await ready();
  const m = familyMember("ring", 30, key(3));
  const before = tf.memory().numTensors;
  const s = sampleDisagreement(m, { temperature: 0.5, steps: 20_000, burnIn: 2_000 }, key(4));
  assert.equal(tf.memory().numTensors, before);
  const exact = exactDisagreement(closedFormSpectrum(m)!, m.n, 0.5, s.step);
  assert.ok(Math.abs(s.mean - exact) < 4 * s.mcse, `${s.mean} ± ${s.mcse} vs ${exact}`);
});

test("closed-form spectra equal the dense eigenvalues; direct BA equals graphs.ba; G(n,p) edge count within 4 binomial SE", () => {
  for (const family of ["ring", "torus", "complete"] as const) {
    const m = familyMember(family, 49, key(5));
    const dense = laplacianEigenvalues(m.graph!).slice(1);
    const closed = closedFormSpectrum(m)!;
    dense.forEach((v, i) => assert.ok(Math.abs(v - closed[i]!) < 1e-9, `${family} λ_${i + 2}`));
  }
  const a = barabasiAlbertDirect(200, 2, uniformSource(key(6)));
  const b = graphs.ba(200, 2, uniformSource(key(6)));
  assert.deepEqual(Array.from(a.src), Array.from(b.src));
  assert.deepEqual(Array.from(a.dst), Array.from(b.dst));
  const n = 2000;
  const p = 0.003;
  const er = erdosRenyiDirect(n, p, uniformSource(key(7)));
  const pairs = (n * (n - 1)) / 2;
  assert.ok(Math.abs(er.edgeCount - pairs * p) < 4 * Math.sqrt(pairs * p * (1 - p)), `${er.edgeCount} edges`);
});

test("log–log fit recovers a power law and its SE vanishes on exact data", () => {
  const x = [1, 2, 4, 8, 16];
  const fit = powerLaw(
    x,
    x.map((v) => 3 * v ** 1.5),
  );
  assert.ok(Math.abs(fit.slope - 1.5) < 1e-12 && fit.se < 1e-12);
});

test("splitLedgers: two contiguous halves by index, node 0's half first (the flow's slowest mode's sign pattern)", () => {
  assert.deepEqual(Array.from(splitLedgers(4)), [0, 0, 1, 1]);
  assert.deepEqual(Array.from(splitLedgers(9)), [0, 0, 0, 0, 0, 1, 1, 1, 1]);
});

test("copyDecision from the split: node0 agrees on node 0's ledger in a few sweeps; neighbour agrees at N = 10, mostly stops split at 10³", () => {
  const schedule = geometric({ initial: 100, rate: 0.95 });
  let agreedAt1000 = 0;
  for (const family of ["ws", "ring", "torus"] as const) {
    for (let s = 0; s < 3; s++) {
      for (const n of [10, 1000]) {
        // Node 0 proposes its own ledger and never moves; every other node adopts it (by construction).
        const own = copyDecision(family, n, "node0", schedule, key(40 + s));
        assert.ok(
          own.consensus && own.onNodeZero === 1 && own.frozen && own.sweeps <= 3,
          `${family} node0, N = ${n}: ${JSON.stringify(own)}`,
        );
      }
      // Gossip: ten nodes agree while hot; at 10³ the boundary between the halves is still there at the stop.
      const few = copyDecision(family, 10, "neighbour", schedule, key(40 + s));
      assert.ok(few.consensus && few.frozen, `${family} neighbour, N = 10: ${JSON.stringify(few)}`);
      const many = copyDecision(family, 1000, "neighbour", schedule, key(40 + s));
      if (many.consensus) agreedAt1000++;
      else assert.ok(many.onNodeZero > 0 && many.onNodeZero < 1, `${family} neighbour, N = 1000: ${JSON.stringify(many)}`);
    }
  }
  // At 10³ a run now and then agrees all the same (about 1 in 20 on the torus, fewer on the ring and ws: 40 runs each,
  // 2026-11-29): most of the nine stop split.
  assert.ok(agreedAt1000 <= 2, `${agreedAt1000} of 9 runs at N = 1000 agreed`);
  assert.deepEqual(copyDecision("ws", 1000, "neighbour", schedule, key(7)), copyDecision("ws", 1000, "neighbour", schedule, key(7)));
});

test("copyDecisionSizes runs a size's runs side by side in the lanes: the same decisions as copyDecision one run at a time", () => {
  const schedule = geometric({ initial: 100, rate: 0.95 });
  const sizes = [30, 50];
  const batch = copyDecisionSizes("ws", sizes, "neighbour", () => 5, schedule, key(8));
  const single = sizes.flatMap((n, s) =>
    Array.from({ length: 5 }, (_, r) => copyDecision("ws", n, "neighbour", schedule, fold(key(8), 1000 * s + r))),
  );
  assert.deepEqual(batch, single);
  assert.ok(new Set(batch.map((d) => d.sweeps)).size > 1, "unlike runs");
});
