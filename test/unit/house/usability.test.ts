/**
 * What a new user hit when writing a first term (issue 10): each is now a typed error that says what to pass, or
 * works. The first test is also a compile-time test: `run(…, tf.zeros([n, 1]))` must type-check.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";
import { graphFromSpec } from "../../../src/graph/spec";
import { interaction } from "../../../src/hamiltonian/interaction";
import { defineTerm } from "../../../src/hamiltonian/term";
import { checkGradient } from "../../../src/hamiltonian/check";
import { ula, mala } from "../../../src/dynamics/gradient";
import { metropolis } from "../../../src/dynamics/metropolis";
import { run } from "../../../src/dynamics/run";

const graph = graphFromSpec("ring:10:2", key(1));
const H = interaction(graph);
const isArgumentError = (pattern: RegExp) => (e: unknown) => e instanceof ArgumentError && pattern.test((e as Error).message);

test("run accepts tf.zeros([n, 1]) (a Tensor<Rank>) and rejects a tensor that is not 2-D", async () => {
  await ready();
  const result = run(ula(H, { step: 0.01 }), tf.zeros([10, 1]), { steps: 3 }, key(1));
  assert.deepEqual(result.final.shape, [10, 1]);
  result.final.dispose();
  assert.throws(() => run(ula(H, { step: 0.01 }), tf.zeros([10]), { steps: 3 }, key(1)), isArgumentError(/initial must be a 2-D tensor/));
});

test("a plain number as key throws 'pass key(seed)'; a missing key says to pass key", async () => {
  await ready();
  const x = tf.zeros([10, 1]);
  assert.throws(
    () => run(ula(H, { step: 0.01 }), x, { steps: 3 }, 3 as never),
    isArgumentError(/key must be a Key \(two uint32 words\): pass key\(3\)/),
  );
  assert.throws(() => run(ula(H, { step: 0.01 }), x, { steps: 3 }, undefined as never), isArgumentError(/key must be .*pass key\(seed\)/));
  assert.throws(() => checkGradient(H, x, undefined as never), isArgumentError(/key must be/));
  x.dispose();
});

test("a field with more rows than the graph has nodes throws naming both sizes", async () => {
  await ready();
  const x = tf.zeros([12, 1]);
  assert.throws(() => run(ula(H, { step: 0.01 }), x, { steps: 3 }, key(1)), isArgumentError(/10 rows.*got \[12,1\]/));
  assert.throws(() => metropolis(H, graph, { step: 0.1 }).init(x as tf.Tensor2D), isArgumentError(/10 rows.*got \[12,1\]/));
  x.dispose();
});

test("a non-scalar energy throws naming its shape, on every path (autodiff, value, Metropolis)", async () => {
  await ready();
  const perNode = defineTerm({ name: "perNode", energy: (psi) => tf.sum(tf.square(psi), 1) as unknown as tf.Scalar });
  const x = tf.zeros([10, 1]);
  const before = tf.memory().numTensors;
  assert.throws(
    () => run(mala(perNode, { step: 0.01 }), x, { steps: 3 }, key(1)),
    isArgumentError(/energy\(psi\) must be a scalar tensor.*got \[10\]/),
  );
  assert.throws(() => run(metropolis(perNode, graph, { step: 0.1 }), x, { steps: 3 }, key(1)), isArgumentError(/got \[10\]/));
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
});

test("metropolis samples a user-written term without local energies (sequential, ΔH from energy): ⟨H⟩ = N·C·T/2", async () => {
  await ready();
  // H = ½ Σ ψ² at T = 0.8: every coordinate is N(0, T), so ⟨H⟩ = N·C·T/2 = 10·1·0.8/2 = 4 exactly.
  const harmonic = defineTerm({ name: "harmonic", energy: (psi) => tf.mul(0.5, tf.sum(tf.square(psi))) as tf.Scalar });
  const x = tf.zeros([10, 1]);
  const before = tf.memory().numTensors;
  const result = run(metropolis(harmonic, graph, { step: 1.5, temperature: 0.8 }), x, { steps: 3000, burnIn: 200 }, key(7));
  result.final.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.ok(Math.abs(result.meanEnergy - 4) < 4 * result.energyMcse, `⟨H⟩ = ${result.meanEnergy} ± ${result.energyMcse}, exact 4`);
  assert.throws(
    () => metropolis(harmonic, graph, { step: 1, order: "colour" }),
    isArgumentError(/localEnergy for order "colour".*order: "sequential"/),
  );
  x.dispose();
});

test("checkGradient passes autodiff and analytic gradients and catches a wrong one", async () => {
  await ready();
  const psi = tf.randomNormal([10, 2], 0, 1, "float32", 3) as tf.Tensor2D;
  const quartic = defineTerm({ name: "quartic", energy: (p) => tf.sum(tf.pow(p, 4)) as tf.Scalar });
  const wrong = defineTerm({ ...quartic, name: "wrong", gradient: (p) => tf.mul(2, tf.pow(p, 3)) as tf.Tensor2D }); // should be 4ψ³
  const before = tf.memory().numTensors;
  const good = checkGradient(quartic, psi, key(1));
  const analytic = checkGradient(H, psi, key(2));
  const bad = checkGradient(wrong, psi, key(1));
  assert.equal(tf.memory().numTensors, before);
  assert.ok(good.maxRelativeError < 1e-2, `autodiff: ${good.maxRelativeError}`);
  assert.ok(analytic.maxRelativeError < 1e-2, `analytic interaction: ${analytic.maxRelativeError}`);
  assert.ok(bad.maxRelativeError > 0.3, `wrong gradient: ${bad.maxRelativeError}`);
  psi.dispose();
});

test("checkGradient probes consensus: a norm's autodiff is NaN there though a random probe passes; √(‖d‖² + ε) is finite", async () => {
  await ready();
  const g = graphFromSpec("ring:12:2", key(4));
  const psi = tf.randomNormal([12, 2], 0, 1, "float32", 5) as tf.Tensor2D;
  const edges = (p: tf.Tensor2D) => tf.sub(tf.gather(p, tf.tensor1d(g.src, "int32")), tf.gather(p, tf.tensor1d(g.dst, "int32")));
  const norm = defineTerm({ name: "Σ‖d‖", energy: (p) => tf.sum(tf.norm(edges(p), "euclidean", 1)) as tf.Scalar });
  const smooth = defineTerm({
    name: "Σ√(‖d‖² + ε)",
    energy: (p) => tf.sum(tf.sqrt(tf.add(tf.sum(tf.square(edges(p)), 1), 1e-6))) as tf.Scalar,
  });
  const before = tf.memory().numTensors;
  const plain = checkGradient(norm, psi, key(1));
  const fixed = checkGradient(smooth, psi, key(1));
  assert.equal(tf.memory().numTensors, before);
  assert.equal(plain.finiteAtConsensus, false);
  assert.equal(plain.maxRelativeError, Infinity, "a NaN at consensus fails the check whatever the random directions say");
  assert.ok(plain.finiteDifference.every(Number.isFinite), "at the random probe itself the norm is fine");
  assert.equal(fixed.finiteAtConsensus, true);
  assert.ok(fixed.maxRelativeError < 1e-2, `smooth: ${fixed.maxRelativeError}`);
  psi.dispose();
});

test("boltzmannMean: equipartition ⟨x²/2⟩ = T/2 and the Gaussian fourth moment ⟨x⁴⟩ = 3T²", () => {
  const { boltzmannMean } = require("../../../src/analysis/quadrature") as typeof import("../../../src/analysis/quadrature");
  assert.ok(Math.abs(boltzmannMean((x) => (x * x) / 2, 0.7) - 0.35) < 1e-9);
  assert.ok(
    Math.abs(
      boltzmannMean(
        (x) => (x * x) / 2,
        0.5,
        (x) => x ** 4,
        { lo: -10, hi: 10 },
      ) -
        3 * 0.25,
    ) < 1e-8,
  );
  assert.throws(() => boltzmannMean((x) => x * x, 1, undefined, { intervals: 3 }), ArgumentError);
});
