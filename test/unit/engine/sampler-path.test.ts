/**
 * The step `emtd sample --integrator ula` runs on a large field (LARGE_FIELD_ENTRIES entries or more): the fused
 * Langevin step (the drift inside it, no gradient kept), the interaction's energy alone (`EmtdInteractionEnergy`,
 * reading the field the fused step keeps in the SIMD module), and the run loop's consensus error in float64
 * (`EmtdConsensusError`). Each must give the numbers it stands in for: the same energy as `EmtdInteraction` bit for
 * bit, the same ULA chain on any thread count, the noisy-descent chain to float32 rounding, an exact resume, and a
 * consensus error within one float32 rounding of a float64 reference.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fold, key } from "../../../src/engine/random";
import { fillNormal } from "../../../src/engine/fastrandom";
import { LARGE_FIELD_ENTRIES, runKernel } from "../../../src/engine/kernels/configs/dispatch";
import { consensusErrorValues } from "../../../src/engine/kernels/configs/consensus-kernel";
import { MALA_CORRECTION, malaCorrectionValues } from "../../../src/engine/kernels/configs/mala-kernel";
import { residentSteps } from "../../../src/engine/kernels/simd/simd-langevin";
import { configureThreads, parallelThreshold, poolStats, threadCount } from "../../../src/engine/kernels/threads/pool";
import {
  RING_LAPLACIAN_MIN_ROWS,
  setRingChunkRows,
  setRingLaplacianMinRows,
  stencilStats,
} from "../../../src/engine/kernels/stencils/ring-stencil";
import { graphFromSpec } from "../../../src/graph/spec";
import { graphFromEdgeList } from "../../../src/graph/direct";
import { interaction } from "../../../src/hamiltonian/interaction";
import { energyAndGradient, type Term } from "../../../src/hamiltonian/term";
import { interactionEnergy, interactionEnergyAndGradient } from "../../../src/ops/interaction";
import { langevinUpdate } from "../../../src/ops/langevin-update";
import { fusedUlaStep } from "../../../src/ops/term-steps";
import { laplacianProduct } from "../../../src/ops/laplacian";
import { releaseGraph } from "../../../src/ops/tensors";
import { consensusError } from "../../../src/field/field";
import { mala, ula } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { disposeState } from "../../../src/dynamics/types";
import { denseInteraction, maxAbs, maxAbsDiff, onEachBackend } from "../../helpers";

const F32_ULP = 2 ** -23; // the spacing of float32 at 1, relative

function normalField(rows: number, channels: number, seed: number, offset = 0): Float32Array {
  const x = new Float32Array(rows * channels);
  fillNormal(x, channels, 0, rows, key(seed));
  if (offset !== 0) for (let a = 0; a < x.length; a++) x[a] = Math.fround(x[a]! + offset);
  return x;
}

/** (1/N) Σ ‖ψ_i − ψ̄‖² in float64, naively (one chain per pass): the reference, in another summation order. */
function consensusReference(v: Float32Array, rows: number, channels: number): number {
  const mean = new Float64Array(channels);
  for (let i = 0; i < rows; i++) for (let c = 0; c < channels; c++) mean[c]! += v[i * channels + c]!;
  for (let c = 0; c < channels; c++) mean[c]! /= rows;
  let s = 0;
  for (let i = 0; i < rows; i++) for (let c = 0; c < channels; c++) s += (v[i * channels + c]! - mean[c]!) ** 2;
  return s / rows;
}

test("the consensus error of a large field: float64 sums, within one float32 rounding of the reference, SIMD = JavaScript", async () => {
  await onEachBackend((backend) => {
    const tensors = tf.memory().numTensors;
    // Odd and even row counts (the SIMD loop takes two rows a turn), two and three channels, and a mean of 1000:
    // float32 sums of 10⁵ terms near 10³ lose digits there; float64 ones do not.
    for (const [rows, channels, offset] of [
      [LARGE_FIELD_ENTRIES / 2, 2, 0],
      [LARGE_FIELD_ENTRIES / 2 + 1, 2, 1000],
      [Math.floor(LARGE_FIELD_ENTRIES / 3) + 7, 3, 0],
      [3 * LARGE_FIELD_ENTRIES + 11, 2, -50],
    ] as const) {
      const v = normalField(rows, channels, rows, offset);
      const psi = tf.tensor2d(v, [rows, channels]);
      const got = consensusError(psi);
      const value = got.dataSync()[0]!;
      const where = `${backend} ${rows}×${channels}, mean ${offset}`;
      assert.equal(value, Math.fround(consensusErrorValues(v, rows, channels)), `${where}: the kernel's JavaScript loop`);
      const reference = consensusReference(v, rows, channels);
      // Both float64 sums are within ~10⁻¹¹ relative of each other; the float32 result within one rounding.
      assert.ok(Math.abs(value - reference) <= reference * F32_ULP, `${where}: ${value} vs ${reference}`);
      tf.dispose([psi, got]);
    }
    // A non-finite entry: NaN, which the run loop stops on as a divergence.
    const bad = normalField(LARGE_FIELD_ENTRIES, 2, 9);
    bad[12345] = Number.POSITIVE_INFINITY;
    const psi = tf.tensor2d(bad, [LARGE_FIELD_ENTRIES, 2]);
    const e = consensusError(psi);
    assert.ok(Number.isNaN(e.dataSync()[0]), `${backend}: an infinite entry gives NaN`);
    tf.dispose([psi, e]);
    assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
  });
});

test("the consensus error of a field the fused step keeps in the module: on every thread, the same number", async () => {
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  try {
    await onEachBackend((backend) => {
      const graph = graphFromSpec(`ring:${LARGE_FIELD_ENTRIES / 2 + 3 * 1024 + 5}:10`, key(3)); // a short last block
      const x = tf.tensor2d(normalField(graph.n, 2, 14, 7), [graph.n, 2]);
      let want: number | null = null;
      for (const threads of [1, 2, 3]) {
        configureThreads({ threads, threshold: 0 });
        const y = langevinUpdate(x, graph, { step: 0.01, temperature: 1 }, key(15));
        const shares = poolStats.workerShares;
        const e = consensusError(y);
        const value = e.dataSync()[0]!;
        if (backend === "wasm" && threads > 1) assert.ok(poolStats.workerShares > shares, `${threads} threads: workers took part`);
        want ??= Math.fround(consensusErrorValues(y.dataSync() as Float32Array, graph.n, 2));
        assert.equal(value, want, `${backend}, ${threads} thread(s)`);
        tf.dispose([y, e]);
      }
      x.dispose();
      releaseGraph(graph);
    });
  } finally {
    configureThreads(before);
  }
});

test("the consensus error's gradient through the kernel is 2(Ψ − ψ̄)/N; below the size, the tfjs ops' numbers", async () => {
  await onEachBackend((backend) => {
    const rows = LARGE_FIELD_ENTRIES / 2;
    const psi = tf.tensor2d(normalField(rows, 2, 4), [rows, 2]);
    const g = tf.grad((p: tf.Tensor) => consensusError(p as tf.Tensor2D))(psi);
    const want = tf.tidy(() => tf.mul(tf.sub(psi, tf.mean(psi, 0, true)), 2 / rows));
    assert.ok(maxAbsDiff(g.dataSync(), want.dataSync()) <= 1e-6 * (4 / rows) * 8, `${backend}: gradient`);
    tf.dispose([psi, g, want]);
    // Just below the size: the composite, bit for bit.
    const small = tf.tensor2d(normalField(LARGE_FIELD_ENTRIES / 2 - 1, 2, 5, 3), [LARGE_FIELD_ENTRIES / 2 - 1, 2]);
    const composite = tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(small, tf.mean(small, 0, true)))), small.shape[0]));
    const e = consensusError(small);
    assert.equal(e.dataSync()[0], composite.dataSync()[0], `${backend}: below LARGE_FIELD_ENTRIES the tfjs ops`);
    tf.dispose([small, composite, e]);
  });
});

test("the interaction's energy alone equals EmtdInteraction's, on every path and thread count, and reads a kept field", async () => {
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  try {
    await onEachBackend((backend) => {
      const tensors = tf.memory().numTensors;
      // The SIMD pass (ring, ws), the JavaScript loop (three channels; weights), the torus stencil (forced small).
      // The last two force the ring's and the torus's chunked stencils (by default from 2²⁰ rows).
      for (const [spec, channels, stencil] of [
        ["ring:9001:10", 2, false],
        ["ws:5000:6:0.1", 2, false],
        ["ring:3000:4", 3, false],
        ["ring:9001:10", 2, true],
        ["torus:70", 2, true],
      ] as const) {
        const graph = graphFromSpec(spec, key(2));
        const x = tf.tensor2d(normalField(graph.n, channels, 7), [graph.n, channels]);
        for (const J of [1, 0.7]) {
          const term = interaction(graph, { coupling: J });
          for (const threads of [1, 2, 3]) {
            configureThreads({ threads, threshold: 0 });
            const minRows = setRingLaplacianMinRows(stencil ? 0 : RING_LAPLACIAN_MIN_ROWS);
            const both = energyAndGradient(term, x);
            const alone = interactionEnergy(x, graph, J);
            setRingLaplacianMinRows(minRows);
            const where = `${backend} ${spec} d=${channels} J=${J} ${threads} thread(s)${stencil ? ", stencil" : ""}`;
            assert.equal(alone.dataSync()[0], both.energy.dataSync()[0], `${where}: H`);
            tf.dispose([both.energy, both.gradient, alone]);
          }
        }
        // Its gradient: dH/dX = 2J L X.
        const g = tf.grad((p: tf.Tensor) => interactionEnergy(p as tf.Tensor2D, graph, 0.7))(x);
        const want = tf.tidy(() => tf.mul(laplacianProduct(x, graph), 1.4));
        assert.ok(maxAbsDiff(g.dataSync(), want.dataSync()) <= 1e-4, `${backend} ${spec}: gradient`);
        tf.dispose([x, g, want]);
        releaseGraph(graph);
      }
      // After a fused step the field is kept in the module: the energy reads it there, and the next step still finds it.
      configureThreads({ threads: 2, threshold: 0 });
      const graph = graphFromSpec("ring:9001:10", key(2));
      const x = tf.tensor2d(normalField(graph.n, 2, 8), [graph.n, 2]);
      const y = langevinUpdate(x, graph, { step: 0.01, temperature: 1 }, key(5));
      const [read, kept] = [residentSteps.read, residentSteps.kept];
      const held = interactionEnergy(y, graph);
      const next = langevinUpdate(y, graph, { step: 0.01, temperature: 1 }, key(6));
      if (backend === "wasm") {
        assert.equal(residentSteps.read - read, 1, "wasm: the energy read the kept field");
        assert.equal(residentSteps.kept - kept, 1, "wasm: the next step still found its input in the module");
      }
      const copy = tf.tensor2d(y.dataSync(), [graph.n, 2]); // another dataId: copied in
      const fresh = interactionEnergy(copy, graph);
      const nextFresh = langevinUpdate(copy, graph, { step: 0.01, temperature: 1 }, key(6));
      assert.equal(held.dataSync()[0], fresh.dataSync()[0], `${backend}: kept and copied fields give one energy`);
      assert.deepEqual(Array.from(next.dataSync()), Array.from(nextFresh.dataSync()), `${backend}: and one next step`);
      tf.dispose([x, y, held, copy, fresh, next, nextFresh]);
      releaseGraph(graph);
      assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
    });
  } finally {
    setRingLaplacianMinRows(RING_LAPLACIAN_MIN_ROWS);
    configureThreads(before);
  }
});

test("ULA on a large field takes the fused step: one chain on 1–3 threads, the noisy descent's to float32 rounding, an exact resume", async () => {
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  const h = 0.02;
  const T = 0.5;
  const steps = 8;
  try {
    await onEachBackend((backend) => {
      const tensors = tf.memory().numTensors;
      const graph = graphFromSpec(`ring:${LARGE_FIELD_ENTRIES / 2 + 513}:10`, key(1)); // just above the size at d = 2
      const term = interaction(graph);
      const x0 = tf.tensor2d(normalField(graph.n, 2, 11), [graph.n, 2]);
      const chain = (energy: Term) => {
        const r = run(ula(energy, { step: h, temperature: T }), x0, { steps, recordEvery: 1 }, key(21));
        const out = { energies: r.trace.map((e) => e.energy), errors: r.trace.map((e) => e.consensusError), x: r.final.dataSync().slice() };
        r.final.dispose();
        return out;
      };
      // The energy a large field's state carries is the kernel's float64 sum Σ x·f32(∇H)/2, not its float32 rounding:
      // within 2⁻²⁴·Σ|x·∇H|/2 (the gradient's rounding) of the exact energy in float64.
      const integrator = ula(term, { step: h, temperature: T });
      const start = integrator.init(x0);
      const xs = x0.dataSync();
      const gs = start.gradient!.dataSync();
      let spread = 0;
      for (let a = 0; a < xs.length; a++) spread += Math.abs(xs[a]! * gs[a]!);
      const exact = denseInteraction(graph, xs, 2);
      assert.ok(
        Math.abs(start.energies![0]! - exact) <= (spread / 2) * 2 ** -24 + exact * 1e-12,
        `${backend}: ${start.energies![0]!} vs ${exact}`,
      );
      assert.notEqual(start.energies![0]!, Math.fround(start.energies![0]!), `${backend}: the state's energy is not the float32 one`);
      disposeState(start);
      const fusedRef = fusedUlaStep(term, x0, h, T, fold(key(21), 0));
      assert.ok(fusedRef !== null, `${backend}: ops/ fuses the interaction's step at this size`);
      fusedRef!.dispose();
      const small = graphFromSpec("ring:1000:10", key(1));
      const x1 = tf.zeros([small.n, 2]) as tf.Tensor2D;
      assert.equal(fusedUlaStep(interaction(small), x1, h, T, key(1)), null, `${backend}: none below LARGE_FIELD_ENTRIES`);
      x1.dispose();
      releaseGraph(small);

      configureThreads({ threads: 1, threshold: 0 });
      const one = chain(term);
      for (const threads of [2, 3]) {
        configureThreads({ threads, threshold: 0 });
        assert.deepEqual(chain(term), one, `${backend}: ${threads} threads give the one-thread chain bit for bit`);
      }
      // The noisy-descent path (a copy of the term, which ops/ does not recognise) draws the same ξ; the fused step keeps the drift in
      // float64 where that path rounds ∇H to float32 first. Per step the two differ by at most h·|∇H|·2⁻²⁴ from that
      // rounding and 2⁻²⁴·|x'| from each result's own rounding, and I − 2hL contracts (h·λ_max < 1), so the
      // differences add at most linearly over the steps.
      const noisy = chain({ ...term });
      const maxX = Math.max(maxAbs(one.x), maxAbs(noisy.x));
      const maxGradient = 2 * 20 * maxX; // |2 L x| ≤ 2·λ_max·max|x|, λ_max ≤ 2·degree = 20
      const bound = steps * (h * maxGradient + 2 * maxX) * 2 ** -24;
      assert.ok(maxAbsDiff(one.x, noisy.x) <= bound, `${backend}: field ${maxAbsDiff(one.x, noisy.x)} > ${bound}`);
      assert.ok(maxAbsDiff(one.x, noisy.x) > 0, `${backend}: the two paths are distinct (the check can fail)`);
      for (let t = 0; t < steps; t++) {
        assert.ok(Math.abs(one.energies[t]! / noisy.energies[t]! - 1) < 1e-5, `${backend} step ${t + 1}: H`);
      }
      // Paused and resumed (the checkpoint carries no gradient): the same chain.
      configureThreads({ threads: 2, threshold: 0 });
      const options = { steps, recordEvery: 1 };
      const first = run(ula(term, { step: h, temperature: T }), x0, { ...options, until: 3 }, key(21));
      first.final.dispose();
      assert.equal(first.checkpoint!.gradient, null, `${backend}: the fused step's state keeps no gradient`);
      const rest = run(ula(term, { step: h, temperature: T }), x0, { ...options, resume: first.checkpoint! }, key(21));
      assert.deepEqual(
        rest.trace.map((e) => e.energy),
        one.energies,
        `${backend}: resumed energies`,
      );
      assert.deepEqual(rest.final.dataSync().slice(), one.x, `${backend}: resumed field`);
      rest.final.dispose();
      // A state with a gradient (from init) and one without both step.
      let state = integrator.init(x0);
      for (let t = 0; t < 2; t++) [state] = integrator.step(state, fold(key(21), t));
      disposeState(state);
      x0.dispose();
      releaseGraph(graph);
      assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
    });
  } finally {
    configureThreads(before);
  }
});

test("MALA's proposal asymmetry on a large field: one float64 pass, within one float32 rounding of the reference; chains equal on 1–3 threads", async () => {
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  try {
    await onEachBackend((backend) => {
      const tensors = tf.memory().numTensors;
      const graph = graphFromSpec(`ring:${LARGE_FIELD_ENTRIES / 2 + 1}:10`, key(4)); // an odd entry count's tail too
      const term = interaction(graph);
      const h = 0.004;
      const x = tf.tensor2d(normalField(graph.n, 2, 12), [graph.n, 2]);
      const { energy: ex, gradient: gx } = energyAndGradient(term, x);
      const y = langevinUpdate(x, graph, { step: h, temperature: 1 }, key(8));
      const { energy: ey, gradient: gy } = energyAndGradient(term, y);
      const [xv, yv, gxv, gyv] = [x, y, gx, gy].map((t) => t.dataSync() as Float32Array) as [
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      for (const [a, b, c, d] of [
        [xv, yv, gxv, gyv],
        [xv.subarray(1), yv.subarray(1), gxv.subarray(1), gyv.subarray(1)],
      ] as const) {
        let reference = 0;
        let magnitude = 0;
        for (let i = 0; i < a.length; i++) {
          const back = (a[i]! - b[i]! + h * d[i]!) ** 2;
          const forward = (b[i]! - a[i]! + h * c[i]!) ** 2;
          reference += back - forward;
          magnitude += back + forward;
        }
        const got = Math.fround(malaCorrectionValues(a, b, c, d, h));
        // float64 sums of these terms agree to ~10⁻¹⁵·Σ|terms|; the result is then rounded once to float32.
        assert.ok(Math.abs(got - reference) <= Math.abs(reference) * 2 ** -24 + magnitude * 1e-13, `${backend}: ${got} vs ${reference}`);
      }
      const viaKernel = runKernel(MALA_CORRECTION, { x, y, gx, gy }, { step: h }) as tf.Scalar;
      assert.equal(viaKernel.dataSync()[0], Math.fround(malaCorrectionValues(xv, yv, gxv, gyv, h)), `${backend}: the kernel`);
      tf.dispose([x, y, ex, gx, ey, gy, viaKernel]);
      // A short MALA chain on the large field: the same numbers on every thread count.
      const x0 = tf.tensor2d(normalField(graph.n, 2, 13), [graph.n, 2]);
      const chain = () => {
        const r = run(mala(term, { step: h, temperature: 1 }), x0, { steps: 6, recordEvery: 1, stuckAfter: Infinity }, key(31));
        r.final.dispose();
        return { energies: r.trace.map((e) => e.energy), acceptance: r.trace.map((e) => e.acceptance) };
      };
      configureThreads({ threads: 1, threshold: 0 });
      const one = chain();
      assert.ok(
        one.acceptance.some((a) => a > 0),
        `${backend}: some proposals accepted at h = ${h}`,
      );
      for (const threads of [2, 3]) {
        configureThreads({ threads, threshold: 0 });
        assert.deepEqual(chain(), one, `${backend}: ${threads} threads`);
      }
      x0.dispose();
      releaseGraph(graph);
      assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
    });
  } finally {
    configureThreads(before);
  }
});

test("the ring and torus stencils' energy (with ∇H and alone) equals the CSR kernels' on 1–3 threads and across chunks, and leaves a kept field", async () => {
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  const minRows = setRingLaplacianMinRows(0); // the stencil at this size too (by default from 2²⁰ rows)
  const chunk = setRingChunkRows(3 * 1024); // chunks that end inside the field, so blocks' calls continue partials
  try {
    await onEachBackend((backend) => {
      const tensors = tf.memory().numTensors;
      for (const spec of ["ring:9001:10", "torus:95"]) {
        const graph = graphFromSpec(spec, key(6));
        const packed = graphFromEdgeList(graph.n, graph.src, graph.dst, null, "packed");
        const x = tf.tensor2d(normalField(graph.n, 2, 16), [graph.n, 2]);
        const want = interactionEnergyAndGradient(x, packed, 0.9);
        const wantEnergy = want.energy.dataSync()[0];
        for (const threads of [1, 2, 3]) {
          configureThreads({ threads, threshold: 0 });
          const both = interactionEnergyAndGradient(x, graph, 0.9);
          const alone = interactionEnergy(x, graph, 0.9);
          const where = `${backend} ${spec}, ${threads} thread(s)`;
          assert.equal(both.energy.dataSync()[0], wantEnergy, `${where}: H with ∇H`);
          assert.deepEqual(Array.from(both.gradient.dataSync()), Array.from(want.gradient.dataSync()), `${where}: ∇H`);
          assert.equal(alone.dataSync()[0], wantEnergy, `${where}: H alone`);
          tf.dispose([both.energy, both.gradient, alone]);
          // After a stencil step: the energy of its output, then the next step, which still finds its rows staged.
          const y = langevinUpdate(x, graph, { step: 0.01, temperature: 1 }, key(17));
          const held = interactionEnergy(y, graph, 0.9);
          const kept = stencilStats.kept;
          const next = langevinUpdate(y, graph, { step: 0.01, temperature: 1 }, key(18));
          if (threads > 1) assert.equal(stencilStats.kept - kept, 1, `${where}: the next step found its rows staged`);
          const copy = tf.tensor2d(y.dataSync(), [graph.n, 2]);
          const fresh = interactionEnergy(copy, packed, 0.9);
          const nextFresh = langevinUpdate(copy, packed, { step: 0.01, temperature: 1 }, key(18));
          assert.equal(held.dataSync()[0], fresh.dataSync()[0], `${where}: the kept field's energy`);
          assert.deepEqual(Array.from(next.dataSync()), Array.from(nextFresh.dataSync()), `${where}: the next step`);
          tf.dispose([y, held, next, copy, fresh, nextFresh]);
        }
        tf.dispose([x, want.energy, want.gradient]);
        releaseGraph(graph);
        releaseGraph(packed);
      }
      assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
    });
  } finally {
    setRingLaplacianMinRows(minRows);
    setRingChunkRows(chunk);
    configureThreads(before);
  }
});
