/**
 * The fused Huber kernel (engine/kernels/configs/huber-kernel, taken by hamiltonian/variants `huberCoupling` on small
 * fields) against the composite it replaces, bit for bit, on both host backends: widths 1, 2 and 3, unit and drawn
 * weights, δ below, among and above the edges' lengths, a coupling that is not 1. The composite is the same term with
 * the kernel unregistered for the backend.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { releaseGraph } from "../../../src/ops/tensors";
import { huberCoupling } from "../../../src/hamiltonian/variants";
import { HUBER_COUPLING } from "../../../src/engine/kernels/configs/huber-kernel";
import { huberCouplingCpuConfig } from "../../../src/engine/kernels/configs/cpu/huber-cpu";
import { huberCouplingWasmConfig } from "../../../src/engine/kernels/configs/wasm/huber-wasm";
import { hasKernel } from "../../../src/engine/kernels/configs/dispatch";
import type { Term } from "../../../src/hamiltonian/term";

const CONFIGS = { cpu: huberCouplingCpuConfig, wasm: huberCouplingWasmConfig } as const;

/** H and ∇H at `psi` as host arrays: through the term's methods, with or without the fused kernel. */
function values(term: Term, psi: tf.Tensor2D, fused: boolean, backend: "cpu" | "wasm") {
  if (!fused) tf.unregisterKernel(HUBER_COUPLING, backend);
  try {
    assert.equal(hasKernel(HUBER_COUPLING), fused);
    const { energy, gradient } = term.energyAndGradient!(psi);
    const alone = term.gradient!(psi);
    const out = {
      energy: energy.dataSync()[0]!,
      gradient: Float32Array.from(gradient.dataSync()),
      alone: Float32Array.from(alone.dataSync()),
    };
    tf.dispose([energy, gradient, alone]);
    return out;
  } finally {
    if (!fused) tf.registerKernel(CONFIGS[backend]);
  }
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

for (const backend of ["wasm", "cpu"] as const) {
  test(`huberCoupling on ${backend}: the fused kernel's H and ∇H equal the composite's bit for bit`, async () => {
    await ready({ backend });
    const before = tf.memory().numTensors;
    let cases = 0;
    let linear = 0;
    const quadratic = new Map<string, number>();
    for (const spec of ["ws:20:4:0.1", "ba:30:2", "ring:12:4"]) {
      const graph = graphFromSpec(spec, key(7));
      for (const channels of [1, 2, 3]) {
        const psi = tf.tidy(() => tf.mul(tf.randomNormal([graph.n, channels], 0, 1, "float32", 11 + channels), 1.5) as tf.Tensor2D);
        for (const delta of [0.05, 0.7, 50]) {
          const term = huberCoupling(graph, { delta, coupling: 0.3 });
          const fused = values(term, psi, true, backend);
          const composite = values(term, psi, false, backend);
          assert.equal(
            Object.is(fused.energy, composite.energy),
            true,
            `${spec} C=${channels} δ=${delta}: H ${fused.energy} vs ${composite.energy}`,
          );
          assert.deepEqual(bits(fused.gradient), bits(composite.gradient), `${spec} C=${channels} δ=${delta}: ∇H`);
          assert.deepEqual(bits(fused.alone), bits(composite.gradient), `${spec} C=${channels} δ=${delta}: gradient()`);
          // The energy() method stays the composite, differentiable: the same H.
          const energy = term.energy(psi);
          assert.equal(energy.dataSync()[0], fused.energy);
          energy.dispose();
          cases++;
          if (delta === 50) quadratic.set(`${spec}/${channels}`, fused.energy);
        }
        // δ = 0.05 puts the edges in the linear branch, which δ = 50 never reaches: ρ_δ(r) < r² there.
        const small = values(huberCoupling(graph, { delta: 0.05, coupling: 0.3 }), psi, true, backend).energy;
        if (small < quadratic.get(`${spec}/${channels}`)!) linear++;
        psi.dispose();
      }
      releaseGraph(graph);
    }
    assert.equal(cases, 27);
    assert.equal(linear, 9);
    assert.equal(tf.memory().numTensors, before);
  });
}

test("huberCoupling: under a gradient tape the composite runs (the kernel has no gradient), with the same ∇H", async () => {
  await ready({ backend: "wasm" });
  const graph = graphFromSpec("ws:20:4:0.1", key(3));
  const term = huberCoupling(graph, { delta: 0.5 });
  const psi = tf.randomNormal([graph.n, 2], 0, 1, "float32", 5) as tf.Tensor2D;
  const direct = term.gradient!(psi);
  // ∂/∂ψ of ½‖∇H‖² through the term's gradient: differentiable only because the composite runs inside the tape.
  const second = tf.grad((x: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(term.gradient!(x as tf.Tensor2D)))))(psi);
  assert.deepEqual(second.shape, [graph.n, 2]);
  assert.ok(Number.isFinite(tf.sum(tf.abs(second)).dataSync()[0]!));
  const taped = tf.grad((x: tf.Tensor) => term.energy(x as tf.Tensor2D))(psi);
  const gap = tf.max(tf.abs(tf.sub(taped, direct))).dataSync()[0]!;
  assert.ok(gap < 1e-5, `autodiff of H against the closed-form gradient: ${gap}`);
  tf.dispose([psi, direct, second, taped]);
  releaseGraph(graph);
});
