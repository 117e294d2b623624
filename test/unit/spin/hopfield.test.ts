import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { key } from "../../../src/engine/random";
import { injectedConsensusProblem } from "../../../src/spin/problem";
import { consensusHebbian } from "../../../src/studies/hopfield/hebbian-consensus";
import * as tf from "@tensorflow/tfjs";
import { onEachBackend } from "../../helpers";
import { isingEnergy, isingGraph } from "../../../src/spin/ising/ising-system";
import { releaseGraph } from "../../../src/ops/tensors";
import {
  agsCriticalLoad,
  hopfieldGraph,
  agsOverlap,
  corruptedCue,
  hebbianCouplings,
  hopfieldEnergy,
  overlap,
  randomPatterns,
  recall,
  retrieval,
} from "../../../src/spin/hopfield/hopfield-network";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");

test("Hebbian couplings are symmetric with a zero diagonal and equal (1/N) Σ ξξᵀ", () => {
  const n = 30;
  const xi = randomPatterns(n, 4, key(1));
  const J = hebbianCouplings(xi, n);
  for (let i = 0; i < n; i++) {
    assert.equal(J[i * n + i], 0);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let mu = 0; mu < 4; mu++) s += xi[mu * n + i]! * xi[mu * n + j]!;
      if (i !== j) assert.ok(Math.abs(J[i * n + j]! - s / n) < 1e-6);
      assert.equal(J[i * n + j], J[j * n + i]);
    }
  }
});

test("the cue flips exactly round(QN) signs; T = 0 recall never raises the energy", () => {
  const n = 200;
  const xi = randomPatterns(n, 20, key(2));
  const first = xi.subarray(0, n);
  const cue = corruptedCue(first, 0.15, key(3));
  assert.equal(overlap(first, cue), 1 - (2 * 30) / n);
  const J = hebbianCouplings(xi, n);
  const r = recall(J, cue, key(4));
  assert.ok(hopfieldEnergy(J, r.spins) <= hopfieldEnergy(J, cue) + 1e-9);
  assert.ok(r.fixedPoint);
  // A fixed point: every spin agrees with the sign of its local field (or the field is 0).
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < n; j++) h += J[i * n + j]! * r.spins[j]!;
    assert.ok(h * r.spins[i]! >= 0, `spin ${i} is not aligned with its field`);
  }
});

test("AGS reference: α_c ≈ 0.138 and m ≈ 0.967 just below it", () => {
  assert.ok(Math.abs(agsCriticalLoad() - 0.138) < 0.001, String(agsCriticalLoad()));
  const m = agsOverlap(agsCriticalLoad() - 1e-6);
  assert.ok(Math.abs(m - 0.967) < 0.003, String(m));
  assert.equal(agsOverlap(0.2), 0);
});

test("capacity at N = 1000: retrieval at α = 0.05, collapse at α = 0.25 (tolerances from the SE over trials)", () => {
  const low = retrieval({ neurons: 1000, patterns: 50, noise: 0.1, trials: 4 }, key(11));
  assert.ok(low.overlap > 0.95, `α = 0.05: ${low.overlap} ± ${low.overlapSe}`);
  const high = retrieval({ neurons: 1000, patterns: 250, noise: 0.1, trials: 4 }, key(12));
  // Collapse: the mean overlap is below 0.5 by more than three standard errors (the cue started at 0.8).
  assert.ok(high.overlap + 3 * high.overlapSe < 0.5, `α = 0.25: ${high.overlap} ± ${high.overlapSe}`);
});

test("one seed gives the same overlaps twice; T > 0 heat bath runs its sweeps", () => {
  const a = retrieval({ neurons: 300, patterns: 15, noise: 0.2, temperature: 0.3, sweeps: 5, trials: 2 }, key(5));
  const b = retrieval({ neurons: 300, patterns: 15, noise: 0.2, temperature: 0.3, sweeps: 5, trials: 2 }, key(5));
  assert.deepEqual(a.overlaps, b.overlaps);
  assert.equal(a.meanSweeps, 5);
  assert.throws(() => retrieval({ neurons: 1, patterns: 1, noise: 0, trials: 1 }, key(0)), /neurons must be an integer/);
  assert.throws(() => corruptedCue(new Int8Array(3), 1.5, key(0)), /noise must be a number in \[0, 1\]/);
});

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("emtd hopfield --json: overlap is the mean of overlaps, deterministic apart from timing", () => {
  const args = [
    "hopfield",
    "--neurons",
    "200",
    "--patterns",
    "10",
    "--noise",
    "0.1",
    "--temperature",
    "0",
    "--sweeps",
    "20",
    "--trials",
    "3",
    "--seed",
    "7",
    "--json",
  ];
  const r = emtd(...args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout.trim().split("\n").length, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.overlaps.length, 3);
  assert.ok(Math.abs(out.overlap - out.overlaps.reduce((a: number, b: number) => a + b, 0) / 3) < 1e-12);
  assert.equal(out.load, 0.05);
  const again = JSON.parse(emtd(...args).stdout);
  delete out.timing;
  delete again.timing;
  assert.deepEqual(again, out);
});

test("emtd hopfield bad input: one line naming the argument and range, exit 2", () => {
  const cases: [string[], RegExp][] = [
    [["hopfield", "--neurons", "1"], /--neurons must be an integer in \[2, 20000\]/],
    [["hopfield", "--patterns", "0"], /--patterns must be an integer in \[1, 100000\]/],
    [["hopfield", "--noise", "1.5"], /--noise must be a number in \[0, 1\]/],
    [["hopfield", "--temperature", "-1"], /--temperature must be a number in \[0, ∞\)/],
    [["hopfield", "--trials", "0"], /--trials must be an integer in \[1, 1000000\]/],
    [["hopfield", "--sweeps", "x"], /--sweeps must be an integer/],
  ];
  for (const [args, pattern] of cases) {
    const r = emtd(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.equal(r.stdout, "");
  }
});

test("Hebb's rule on consensus states learns one pattern: the uniform 'everyone agrees'", () => {
  const r = consensusHebbian(injectedConsensusProblem({ n: 64 }), { temperature: 0.5, sweeps: 300 }, key(31));
  assert.ok(r.consensus > 0.95, String(r.consensus));
  // J ≈ (11ᵀ − I)/N has eigenvalue² fraction (N − 1)/N in its top mode.
  assert.ok(r.topFraction > 0.95 && r.uniformAlignment > 0.99, `${r.topFraction} ${r.uniformAlignment}`);
  assert.equal(r.recallUniform, 1);
  // A random pattern cued at overlap 0.5 is not recalled: it is pulled to the uniform state (|m| ~ 1/√N).
  assert.ok(r.recallRandom < 0.3, String(r.recallRandom));
});

test("a Hopfield network is the library's Ising model on the graph of its Hebbian couplings", async () => {
  await onEachBackend(() => {
    const n = 40;
    const xi = randomPatterns(n, 3, key(41));
    const J = hebbianCouplings(xi, n);
    const graph = hopfieldGraph(J, n);
    const system = isingGraph(graph);
    const states = [xi.subarray(0, n), corruptedCue(xi.subarray(0, n), 0.3, key(42)), randomPatterns(n, 1, key(43))];
    const before = tf.memory().numTensors;
    const spins = tf.tensor2d(
      Float32Array.from({ length: n * states.length }, (_, k) => states[k % states.length]![Math.floor(k / states.length)]!),
      [n, states.length],
    );
    const energies = isingEnergy(system, spins);
    const values = energies.dataSync();
    states.forEach((s, c) => assert.ok(Math.abs(values[c]! - hopfieldEnergy(J, s)) < 1e-4, `${values[c]} vs ${hopfieldEnergy(J, s)}`));
    tf.dispose([spins, energies]);
    releaseGraph(graph); // the sparse product caches the graph's index tensors
    assert.equal(tf.memory().numTensors, before);
  });
});
