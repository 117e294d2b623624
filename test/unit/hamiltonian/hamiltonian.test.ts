import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key, normal, uniform } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import type { Graph } from "../../../src/graph/graph";
import { colourClasses } from "../../../src/graph/coloring";
import { interaction, interactionReference } from "../../../src/hamiltonian/interaction";
import { entropicPenalty, localEntropy, localShannonEntropy } from "../../../src/hamiltonian/entropy";
import { computationalCost, massDensity } from "../../../src/hamiltonian/cost";
import { anchor, huberCoupling } from "../../../src/hamiltonian/variants";
import { holding, participationCoupling } from "../../../src/studies/ambient/terms";
import { systemHamiltonian } from "../../../src/hamiltonian/proposal";
import { autodiffGradient, defineTerm, energyAndGradient, energyValue, scale, sum, type Term } from "../../../src/hamiltonian/term";
import { fieldLayout, initialField, tensorProduct } from "../../../src/field/field";
import { ArgumentError } from "../../../src/errors";
import { denseInteraction, maxAbs, maxAbsDiff, onEachBackend } from "../../helpers";

const SPECS = ["ring:24:4", "ws:40:6:0.3", "er:30:0.2", "ba:40:2", "torus:5", "complete:6"];
const graphsUnderTest = (): Graph[] => SPECS.map((s) => graphFromSpec(s, key(11)));

function termsFor(g: Graph): Term[] {
  return [
    interaction(g),
    interaction(g, { coupling: 0.7, columns: [0, 2] }),
    interactionReference(g),
    entropicPenalty(g, { lambda: 0.5, epsilon: 0.05 }),
    localEntropy(g, { lambda: 0.5, epsilon: 0.05 }),
    computationalCost({ mu: 0.3, density: massDensity }),
    computationalCost({ mu: 2 }),
    huberCoupling(g, { delta: 0.8 }),
    anchor(g.n, { nodes: [0, 3], value: [1, -1, 0.5], strength: 2 }),
    systemHamiltonian(g, { epsilon: 0.05 }),
    sum(scale(0.5, interaction(g)), huberCoupling(g), localEntropy(g, { epsilon: 0.05 })),
  ];
}

test("the interaction energy equals Σ_edges J_ij‖ψ_i − ψ_j‖² computed in float64", async () => {
  await onEachBackend(() => {
    for (const g of graphsUnderTest()) {
      const psi = normal(key(1), [g.n, 3]) as tf.Tensor2D;
      const expected = denseInteraction(g, psi.dataSync(), 3);
      for (const term of [interaction(g), interactionReference(g)]) {
        assert.ok(Math.abs(energyValue(term, psi) - expected) < 1e-5 * expected, `${g.label} ${term.name}`);
      }
      psi.dispose();
    }
  });
});

test("analytic gradients equal autodiff gradients", async () => {
  await onEachBackend(() => {
    for (const g of graphsUnderTest()) {
      const psi = normal(key(2), [g.n, 3]) as tf.Tensor2D;
      for (const term of [
        interaction(g),
        interaction(g, { coupling: 0.7, columns: [1, 3] }),
        scale(3, interaction(g)),
        // δ = 0.8 and 2 on N(0, 1) fields in 3 channels (r ≈ 2.4 typical): edges in both of ρ_δ's regimes.
        huberCoupling(g, { delta: 0.8 }),
        huberCoupling(g, { delta: 2, coupling: 0.7, columns: [1, 3] }),
      ]) {
        const { energy, gradient } = energyAndGradient(term, psi);
        const reference = autodiffGradient(term, psi);
        assert.ok(
          maxAbsDiff(gradient.dataSync(), reference.dataSync()) < 1e-4 * (1 + maxAbs(reference.dataSync())),
          `${g.label} ${term.name}`,
        );
        tf.dispose([energy, gradient, reference]);
      }
      psi.dispose();
    }
  });
});

test("autodiff gradients of every term match central finite differences", async () => {
  // Directional derivatives along random unit directions, in float32: the step ε balances truncation
  // (∝ ε² H''') against rounding (∝ ulp(H)/ε); the tolerance is a few times that combined error.
  await onEachBackend((backend) => {
    for (const g of graphsUnderTest()) {
      const psi = tf.add(normal(key(3), [g.n, 3]), 0.5) as tf.Tensor2D;
      for (const term of termsFor(g)) {
        const grad = energyAndGradient(term, psi);
        for (let r = 0; r < 3; r++) {
          const dir = normal(key(100 + r), [g.n, 3]) as tf.Tensor2D;
          const unit = tf.div(dir, tf.norm(dir)) as tf.Tensor2D;
          const analytic = tf.sum(tf.mul(grad.gradient, unit)).dataSync()[0]!;
          const eps = 1e-2;
          const plus = tf.add(psi, tf.mul(unit, eps)) as tf.Tensor2D;
          const minus = tf.sub(psi, tf.mul(unit, eps)) as tf.Tensor2D;
          const ep = energyValue(term, plus);
          const em = energyValue(term, minus);
          const numeric = (ep - em) / (2 * eps);
          const scaleOf = Math.abs(ep) + Math.abs(em) + 1;
          const tolerance = (20 * (scaleOf * 6e-8)) / eps + 1e-2 * Math.abs(analytic) + 1e-3;
          assert.ok(Math.abs(analytic - numeric) < tolerance, `${backend} ${g.label} ${term.name}: ${analytic} vs ${numeric}`);
          tf.dispose([dir, unit, plus, minus]);
        }
        tf.dispose([grad.energy, grad.gradient]);
      }
      psi.dispose();
    }
  });
});

test("the entropic penalty λΣ∇²S_i as written is zero to rounding on every graph, and so is its gradient", async () => {
  await onEachBackend(() => {
    for (const spec of [...SPECS, "ring:500:10", "ba:300:3"]) {
      const g = graphFromSpec(spec, key(5));
      const psi = tf.mul(normal(key(6), [g.n, 2]), 3) as tf.Tensor2D;
      const s = localShannonEntropy(psi, g);
      const sumAbs = tf.sum(tf.abs(s)).dataSync()[0]!;
      const maxDegree = g.degree.reduce((a, b) => Math.max(a, b), 0);
      const bound = 2 * maxDegree * sumAbs * 1.2e-7; // float32 rounding of Σ_i Σ_j J_ij (S_j − S_i)
      const penalty = energyValue(entropicPenalty(g, { lambda: 1 }), psi);
      assert.ok(Math.abs(penalty) <= bound, `${spec}: ${penalty} vs rounding bound ${bound}`);
      assert.ok(sumAbs > g.n * 0.1, "the entropies themselves are far from zero");
      const grad = autodiffGradient(entropicPenalty(g), psi);
      const sGrad = autodiffGradient(localEntropy(g), psi);
      assert.ok(maxAbs(grad.dataSync()) < 1e-4 * (1 + maxAbs(sGrad.dataSync())), spec);
      tf.dispose([psi, s, grad, sGrad]);
    }
  });
});

test("the local entropy estimator is the Gaussian entropy of the closed neighbourhood", async () => {
  await onEachBackend(() => {
    const g = graphFromSpec("complete:4", key(1));
    const psi = tf.tensor2d([[0], [1], [2], [3]]);
    // every closed neighbourhood is {0,1,2,3}: variance 1.25
    const s = localShannonEntropy(psi, g, { epsilon: 1e-9 }).dataSync();
    const expected = 0.5 * Math.log(2 * Math.PI * Math.E * 1.25);
    for (const v of s) assert.ok(Math.abs(v - expected) < 1e-5);
    // Large, nearly equal values: the edge-wise sum keeps the variance accurate in float32.
    const near = tf.tensor2d([[1000], [1000.001], [1000.002], [1000.003]]);
    const sNear = localShannonEntropy(near, g, { epsilon: 1e-12 }).dataSync()[0]!;
    assert.ok(Math.abs(sNear - 0.5 * Math.log(2 * Math.PI * Math.E * 1.25e-6)) < 0.2, `${sNear}`);
  });
});

test("local energies give exact ΔH for colour-class updates", async () => {
  await onEachBackend(() => {
    for (const g of graphsUnderTest()) {
      for (const term of [
        interaction(g),
        huberCoupling(g, { delta: 0.5 }),
        sum(interaction(g), anchor(g.n, { nodes: [1], value: 2 }), computationalCost({ density: massDensity })),
      ]) {
        const psi = normal(key(7), [g.n, 2]) as tf.Tensor2D;
        for (const members of colourClasses(g)) {
          const m = new Float32Array(g.n);
          for (const i of members) m[i] = 1;
          const mask = tf.tensor2d(m, [g.n, 1]);
          const moved = tf.add(psi, tf.mul(mask, normal(key(8), [g.n, 2]))) as tf.Tensor2D;
          const full = energyValue(term, moved) - energyValue(term, psi);
          const local = tf.sum(tf.mul(tf.sub(term.localEnergy!(moved), term.localEnergy!(psi)), tf.reshape(mask, [g.n]))).dataSync()[0]!;
          assert.ok(Math.abs(full - local) < 1e-3 * (1 + Math.abs(full)), `${g.label} ${term.name}: ${full} vs ${local}`);
          tf.dispose([mask, moved]);
        }
        psi.dispose();
      }
    }
  });
});

test("user-defined terms get autodiff gradients; terms without local energies are flagged", async () => {
  await onEachBackend(() => {
    const quartic = defineTerm({ name: "quartic", energy: (psi) => tf.sum(tf.square(tf.sum(tf.square(psi), 1))) as tf.Scalar });
    const psi = uniform(key(9), [5, 2]) as tf.Tensor2D;
    const { gradient } = energyAndGradient(quartic, psi);
    // ∇ Σ_i (‖ψ_i‖²)² = 4 ‖ψ_i‖² ψ_i
    const x = psi.arraySync();
    const expected = x.flatMap((row) => row.map((v) => 4 * (row[0]! ** 2 + row[1]! ** 2) * v));
    assert.ok(maxAbsDiff(gradient.dataSync(), expected) < 1e-5);
    assert.equal(sum(quartic, interaction(graphFromSpec("ring:5:2", key(1)))).localEnergy, undefined);
    assert.throws(() => defineTerm({ name: "bad" } as never), ArgumentError);
  });
});

test("the field layout: Merkle block, trust phase channels and the tensor product", async () => {
  await onEachBackend(() => {
    const layout = fieldLayout(3, 2, { phase: true });
    const psi = initialField(layout, key(1), { merkle: 2, phase: "unit" });
    assert.deepEqual(psi.arraySync(), [
      [2, 2, 1, 0],
      [2, 2, 1, 0],
      [2, 2, 1, 0],
    ]);
    const rotated = initialField(layout, key(1), { merkle: "normal", phase: "random" });
    const t = tensorProduct(rotated, layout).arraySync();
    const p = rotated.arraySync();
    for (let i = 0; i < 3; i++) {
      const modulus = Math.hypot(p[i]![2]!, p[i]![3]!);
      assert.ok(Math.abs(modulus - 1) < 1e-6);
      assert.ok(Math.abs(t[i]![0]! - p[i]![0]! * p[i]![2]!) < 1e-6 && Math.abs(t[i]![3]! - p[i]![1]! * p[i]![3]!) < 1e-6);
    }
  });
});

test("a sum of terms with their own gradients gives ∇H alone, equal bit for bit to energyAndGradient's; a fused part keeps the pair", async () => {
  await onEachBackend(() => {
    const g = graphFromSpec("ws:40:6:0.3", key(11));
    const quadratic = (name: string, c: number): Term =>
      defineTerm({
        name,
        energy: (psi) => tf.mul(c, tf.sum(tf.square(psi))) as tf.Scalar,
        gradient: (psi) => tf.mul(2 * c, psi) as tf.Tensor2D,
      });
    const weights = Array.from({ length: g.n }, (_, i) => 0.5 + (i % 3) / 2);
    const analytic = sum(quadratic("a", 0.3), participationCoupling(g, weights, 1.5), holding(weights), quadratic("b", 1.7));
    assert.ok(analytic.gradient, "every part has its own gradient: the sum has one");
    const psi = normal(key(4), [g.n, 3]) as tf.Tensor2D;
    analytic.gradient!(psi).dispose(); // the graph's cached tensors made once
    const before = tf.memory().numTensors;
    const alone = analytic.gradient!(psi);
    const { energy, gradient: paired } = energyAndGradient(analytic, psi);
    assert.deepEqual(Array.from(alone.dataSync()), Array.from(paired.dataSync()));
    tf.dispose([alone, energy, paired]);
    assert.equal(tf.memory().numTensors, before, "no tensor left behind");
    // The interaction fuses its energy and gradient (a kernel may form ∇H differently alone): no gradient of the sum's own.
    assert.equal(sum(quadratic("a", 0.3), interaction(g)).gradient, undefined);
    psi.dispose();
    releaseGraph(g);
  });
});
