import { test } from "node:test";
import assert from "node:assert/strict";
import { webgpuDataIds } from "../../../src/engine/webgpu/tfjs-bridge";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { fold, key, type Key } from "../../../src/engine/random";
import { hasKernel, LARGE_FIELD_ENTRIES, runKernel } from "../../../src/engine/kernels/configs/dispatch";
import { MALA_CORRECTION, malaCorrectionValues } from "../../../src/engine/kernels/configs/mala-kernel";
import { fusedIsingSweeps, fusedIsingSweepsReplicas, ISING_STEPS, ISING_SWEEP } from "../../../src/engine/kernels/configs/ising-kernel";
import {
  fusedLangevinUpdate,
  fusedNoisyDescent,
  LANGEVIN_UPDATE,
  NOISY_DESCENT,
} from "../../../src/engine/kernels/configs/langevin-kernel";
import { LAPLACIAN_PRODUCT } from "../../../src/engine/kernels/configs/laplacian-kernel";
import {
  fusedInteraction,
  fusedInteractionEnergy,
  INTERACTION,
  INTERACTION_ENERGY,
} from "../../../src/engine/kernels/configs/interaction-kernel";
import { philoxNormals } from "../../../src/engine/philox";
import { wgslNormalBound } from "../../../src/bench/gpu-check";
import { graphFromEdgeList, ringGraph, torusGraph } from "../../../src/graph/direct";
import type { Graph } from "../../../src/graph/graph";
import { noisyDescent, noisyDescentReference } from "../../../src/ops/noisy-descent";
import { langevinUpdate, langevinUpdateReference } from "../../../src/ops/langevin-update";
import { releaseGraph } from "../../../src/ops/tensors";
import { isingSweepSteps, isingSweeps, isingSweepsReference } from "../../../src/ops/ising-sweep";
import { laplacianEigenvalues } from "../../../src/graph/spectrum";
import { interaction } from "../../../src/hamiltonian/interaction";
import { ula } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { equipartitionEnergy, ulaStationaryEnergy } from "../../../src/analysis/gaussian-exact";
import { isingLattice } from "../../../src/spin/ising/ising-system";
import { isingEnumeration } from "../../../src/spin/ising/ising-exact";
import { graphs } from "../../../src/graph/generators";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";
import { isingSampler } from "../../../src/spin/ising/ising-sampler";
import { runIsing } from "../../../src/spin/ising/ising-run";

resource("swiftshader");

// The fused kernels' WebGPU programs (engine/kernels/configs/webgpu) against float64 references computed here: the
// drift within float32 rounding as the WGSL spec states it (+, −, × correctly rounded), the noise against its Philox
// reference within the spec's bound (bench/gpu-check.wgslNormalBound) and in law within 4 MCSE.

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is
const EPS = 2 ** -24;

/** Deterministic values in [−2, 2). */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 4 - 2;
  }
  return out;
}

/** (L x) in float64 and Σ_e |J_e|(|x_i| + |x_j|) per entry (the scale of its rounding error), x [N, C]. */
function laplacian64(graph: Graph, x: Float32Array, channels: number): { lx: Float64Array; scale: Float64Array } {
  const lx = new Float64Array(x.length);
  const scale = new Float64Array(x.length);
  for (let e = 0; e < graph.edgeCount; e++) {
    const i = graph.src[e]!;
    const j = graph.dst[e]!;
    const w = graph.weight ? graph.weight[e]! : 1;
    for (let c = 0; c < channels; c++) {
      const d = w * (x[i * channels + c]! - x[j * channels + c]!);
      const s = Math.abs(w) * (Math.abs(x[i * channels + c]!) + Math.abs(x[j * channels + c]!));
      lx[i * channels + c] += d;
      lx[j * channels + c] -= d;
      scale[i * channels + c] += s;
      scale[j * channels + c] += s;
    }
  }
  return { lx, scale };
}

/** A circulant graph on 40 nodes (steps 1 and 7) as plain edges: CSR on the GPU, weighted or not. */
function circulant(weighted: boolean): Graph {
  const n = 40;
  const a: number[] = [];
  const b: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const step of [1, 7]) {
      a.push(i);
      b.push((i + step) % n);
      w.push(0.25 + ((i * 13) % 7) / 4);
    }
  }
  return graphFromEdgeList(n, Int32Array.from(a), Int32Array.from(b), weighted ? Float64Array.from(w) : null, `circulant:40:${weighted}`);
}

/** Every way the programs read a graph: ring and torus rules, unit CSR, weighted CSR. */
function graphsUnderTest(): Graph[] {
  return [ringGraph(50, 6), torusGraph(7), circulant(false), circulant(true)];
}

const live = (): [number, number] => [tf.memory().numTensors, webgpuDataIds()];

test("the fused kernels are registered on webgpu, so the op front ends pick them", { skip: missing ?? false }, async () => {
  assert.equal(await ready({ backend: "webgpu" }), "webgpu");
  for (const name of [LANGEVIN_UPDATE, NOISY_DESCENT, LAPLACIAN_PRODUCT]) assert.ok(hasKernel(name), name);
  // The ops take the kernel: its Philox noise, not the reference's xoshiro noise.
  const graph = ringGraph(64, 4);
  const x = tf.zeros([64, 2]) as tf.Tensor2D;
  const outs = [
    noisyDescent(x, x, 0.5, 1, key(3)),
    fusedNoisyDescent(x, x, 0.5, Math.sqrt(2 * 0.5), key(3)),
    noisyDescentReference(x, x, 0.5, 1, key(3)),
    langevinUpdate(x, graph, { step: 0.5, temperature: 1 }, key(3)),
    fusedLangevinUpdate(x, graph, 1, 1, key(3)),
    langevinUpdateReference(x, graph, { step: 0.5, temperature: 1 }, key(3)),
  ];
  const [op, fused, reference, langevinOp, langevinFused, langevinReference] = await Promise.all(outs.map((t) => t.data()));
  tf.dispose([x, ...outs]);
  releaseGraph(graph); // the reference's cached Laplacian
  assert.deepEqual(op, fused);
  assert.notDeepEqual(op, reference);
  assert.deepEqual(langevinOp, langevinFused);
  assert.notDeepEqual(langevinOp, langevinReference);
});

test(
  "EmtdLangevinUpdate on webgpu, T = 0: x − drift·L x within float32 rounding of float64, every graph kind",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    const before = live();
    const drift = 0.15;
    for (const graph of graphsUnderTest()) {
      for (const channels of [1, 3]) {
        const xv = values(graph.n * channels, graph.n + channels);
        const x = tf.tensor2d(xv, [graph.n, channels]);
        const y = fusedLangevinUpdate(x, graph, drift, 0, key(1));
        const got = await y.data();
        tf.dispose([x, y]);
        const { lx, scale } = laplacian64(graph, xv, channels);
        const degree = Math.max(...Array.from(graph.degree)) + 2;
        for (let a = 0; a < xv.length; a++) {
          const exact = xv[a]! - drift * lx[a]!;
          // Recursive summation of deg terms, each a rounded difference and product: γ_(deg+2)·scale, then the step's own two roundings.
          const bound = 2 * EPS * (degree * drift * scale[a]! + Math.abs(xv[a]!) + Math.abs(exact)) + 1e-30;
          assert.ok(Math.abs(got[a]! - exact) <= bound, `${graph.label} C=${channels} [${a}]: ${got[a]} vs ${exact} (bound ${bound})`);
        }
      }
      releaseGraph(graph); // the CSR the kernel uploaded
    }
    assert.deepEqual(live(), before);
  },
);

test(
  "EmtdLangevinUpdate with a rest gradient on webgpu, T = 0: x − drift·L x − h·g within float32 rounding of float64, every graph kind",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    const before = live();
    const [drift, h] = [0.15, 0.3];
    for (const graph of graphsUnderTest()) {
      for (const channels of [1, 3]) {
        const xv = values(graph.n * channels, graph.n + channels);
        const gv = values(graph.n * channels, graph.n + channels + 7);
        const [x, g] = [tf.tensor2d(xv, [graph.n, channels]), tf.tensor2d(gv, [graph.n, channels])];
        const y = fusedLangevinUpdate(x, graph, drift, 0, key(1), { gradient: g, step: h });
        const got = await y.data();
        tf.dispose([x, g, y]);
        const { lx, scale } = laplacian64(graph, xv, channels);
        const degree = Math.max(...Array.from(graph.degree)) + 2;
        let moved = 0;
        for (let a = 0; a < xv.length; a++) {
          const exact = xv[a]! - drift * lx[a]! - h * gv[a]!;
          // The step's bound as above, then h·g's product and its subtraction (a second dispatch: two more roundings).
          const bound = 2 * EPS * (degree * drift * scale[a]! + Math.abs(xv[a]!) + 2 * Math.abs(h * gv[a]!) + Math.abs(exact)) + 1e-30;
          assert.ok(Math.abs(got[a]! - exact) <= bound, `${graph.label} C=${channels} [${a}]: ${got[a]} vs ${exact} (bound ${bound})`);
          if (Math.abs(h * gv[a]!) > bound) moved++;
        }
        assert.ok(moved > xv.length / 2, `${graph.label} C=${channels}: h·g is far outside the bound for most entries (${moved})`);
      }
      releaseGraph(graph);
    }
    assert.deepEqual(live(), before);
  },
);

test("EmtdNoisyDescent on webgpu, T = 0: x − h·g to float32 rounding", { skip: missing ?? false }, async () => {
  await ready({ backend: "webgpu" });
  const xv = values(300, 3);
  const gv = values(300, 4);
  const x = tf.tensor2d(xv, [100, 3]);
  const g = tf.tensor2d(gv, [100, 3]);
  const y = fusedNoisyDescent(x, g, 0.3, 0, key(2));
  const got = await y.data();
  tf.dispose([x, g, y]);
  for (let a = 0; a < 300; a++) {
    const exact = xv[a]! - 0.3 * gv[a]!;
    assert.ok(Math.abs(got[a]! - exact) <= 2 * EPS * (Math.abs(xv[a]!) + 2 * Math.abs(0.3 * gv[a]!)), `[${a}] ${got[a]} vs ${exact}`);
  }
});

/** ξ of the Langevin kernel for `k` over [n, channels] (x = 0, drift 0, σ = 1). */
async function draws(graph: Graph, channels: number, k: Key): Promise<Float32Array> {
  const x = tf.zeros([graph.n, channels]) as tf.Tensor2D;
  const y = fusedLangevinUpdate(x, graph, 0, 1, k);
  const out = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return out;
}

test(
  "the kernels' noise on webgpu: Philox's normals within the WGSL bound, the same twice, N(0, 1) within 4 MCSE",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    const graph = ringGraph(4096, 2);
    const k = key(7);
    const xi = await draws(graph, 4, k);
    // Channels 0 and 1 of row i are Philox's first pair at counter (i, 0): configs/webgpu/philox.ts's reference.
    let worst = 0;
    for (let i = 0; i < graph.n; i++) {
      const [a, b] = philoxNormals(i, 0, k);
      const error = Math.max(Math.abs(xi[4 * i]! - a), Math.abs(xi[4 * i + 1]! - b));
      worst = Math.max(worst, error / wgslNormalBound(i, 0, k));
    }
    assert.ok(worst <= 1, `worst error / WGSL bound ${worst}`);
    assert.deepEqual(await draws(graph, 4, k), xi, "one key, the same numbers");
    const other = await draws(graph, 4, key(8));
    assert.ok(
      other.some((v, a) => v !== xi[a]),
      "another key, other numbers",
    );
    // The law, all four channels (both Box–Muller pairs): mean 0 (MCSE 1/√n), variance 1 (MCSE √(2/n)), E ξ⁴ = 3 (√(96/n)).
    const n = xi.length;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    for (const v of xi) {
      s1 += v;
      s2 += v * v;
      s4 += v ** 4;
    }
    assert.ok(Math.abs(s1 / n) < 4 / Math.sqrt(n), `mean ${s1 / n}`);
    assert.ok(Math.abs(s2 / n - 1) < 4 * Math.sqrt(2 / n), `variance ${s2 / n}`);
    assert.ok(Math.abs(s4 / n - 3) < 4 * Math.sqrt(96 / n), `fourth moment ${s4 / n}`);
    // Channels 2, 3 are not channels 0, 1 again (the second pair of words).
    assert.ok(Math.abs(xi[2]! - xi[0]!) > 0 || Math.abs(xi[3]! - xi[1]!) > 0);
  },
);

test("the Langevin step's gradient on webgpu (through EmtdLaplacianProduct): w − drift·L w", { skip: missing ?? false }, async () => {
  await ready({ backend: "webgpu" });
  const before = live();
  const graph = torusGraph(5);
  const drift = 0.2;
  const wv = values(50, 9);
  const w = tf.tensor2d(wv, [25, 2]);
  const x = tf.zeros([25, 2]) as tf.Tensor2D;
  const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(fusedLangevinUpdate(v as tf.Tensor2D, graph, drift, 1, key(4)), w)))(x);
  const got = await dx.data();
  tf.dispose([w, x, dx]);
  const { lx, scale } = laplacian64(graph, wv, 2);
  for (let a = 0; a < 50; a++) {
    const exact = wv[a]! - drift * lx[a]!;
    assert.ok(
      Math.abs(got[a]! - exact) <= 2 * EPS * (6 * drift * scale[a]! + Math.abs(wv[a]!) + Math.abs(exact)),
      `[${a}] ${got[a]} vs ${exact}`,
    );
  }
  assert.deepEqual(live(), before);
});

test(
  "EmtdInteraction and EmtdInteractionEnergy on webgpu: H and ∇H = 2J·L x within float32 rounding of float64",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    for (const name of [INTERACTION, INTERACTION_ENERGY]) assert.ok(hasKernel(name), name);
    const before = live();
    const coupling = 0.7;
    for (const graph of graphsUnderTest()) {
      const channels = 2;
      const xv = values(graph.n * channels, graph.n + 11);
      const x = tf.tensor2d(xv, [graph.n, channels]);
      const [energy, gradient] = fusedInteraction(x, graph, coupling);
      const alone = fusedInteractionEnergy(x, graph, coupling);
      const [h, g, hAlone] = [(await energy.data())[0]!, await gradient.data(), (await alone.data())[0]!];
      tf.dispose([x, energy, gradient, alone]);
      const { lx, scale } = laplacian64(graph, xv, channels);
      const degree = Math.max(...Array.from(graph.degree)) + 2;
      let exact = 0;
      let energyBound = 0;
      for (let a = 0; a < xv.length; a++) {
        const ga = 2 * coupling * lx[a]!;
        const gBound = 2 * EPS * degree * 2 * coupling * scale[a]! + 1e-30;
        assert.ok(Math.abs(g[a]! - ga) <= gBound, `${graph.label} ∇H[${a}]: ${g[a]} vs ${ga} (bound ${gBound})`);
        exact += (xv[a]! * ga) / 2;
        // ½ x_a·g_a: the product's rounding and g_a's error; the sum over n·C terms, γ_(n·C) in any order.
        energyBound += Math.abs(xv[a]!) * (gBound / 2) + (xv.length + 2) * EPS * Math.abs((xv[a]! * ga) / 2);
      }
      assert.ok(Math.abs(h - exact) <= energyBound, `${graph.label} H: ${h} vs ${exact} (bound ${energyBound})`);
      assert.equal(hAlone, h, `${graph.label}: H alone is the same number`);
      releaseGraph(graph); // the CSR the kernels uploaded
    }
    assert.deepEqual(live(), before);
  },
);

test(
  "EmtdMalaCorrection on webgpu: the float64 asymmetry within the float32 terms' and sum's rounding",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    assert.ok(hasKernel(MALA_CORRECTION));
    const before = live();
    const h = 0.05;
    const n = 3000;
    const [xv, gxv, gyv] = [values(n, 21), values(n, 22), values(n, 23)];
    const noise = values(n, 24);
    const yv = xv.map((v, a) => v - h * gxv[a]! + Math.sqrt(2 * h) * noise[a]!);
    const tensors = [xv, yv, gxv, gyv].map((v) => tf.tensor2d(v, [n / 2, 2]));
    const [x, y, gx, gy] = tensors as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const out = runKernel(MALA_CORRECTION, { x, y, gx, gy }, { step: h }) as tf.Scalar;
    const got = (await out.data())[0]!;
    tf.dispose([...tensors, out]);
    const exact = malaCorrectionValues(xv, yv, gxv, gyv, h);
    let bound = 0;
    for (let a = 0; a < n; a++) {
      const [d, gs] = [Math.abs(xv[a]! - yv[a]!), h * (Math.abs(gxv[a]!) + Math.abs(gyv[a]!))];
      const term = Math.abs((2 * (xv[a]! - yv[a]!) + h * (gyv[a]! - gxv[a]!)) * h * (gxv[a]! + gyv[a]!));
      bound += 6 * EPS * (2 * d + gs) * gs + (n + 2) * EPS * term;
    }
    assert.ok(Math.abs(got - exact) <= bound, `${got} vs ${exact} (bound ${bound})`);
    assert.ok(bound < 0.05 * Math.abs(exact) + 1e-3, `the bound ${bound} says something about ${exact}`);
    assert.deepEqual(live(), before);
  },
);

/** H = −Σ_⟨ij⟩ s_i s_j and M = Σ s of replica k of [L, L, R] spins. */
function isingCounts(s: Float32Array, L: number, R: number, k: number): [number, number] {
  const at = (r: number, c: number) => s[(((r + L) % L) * L + ((c + L) % L)) * R + k]!;
  let [h, m] = [0, 0];
  for (let r = 0; r < L; r++) {
    for (let c = 0; c < L; c++) {
      h -= at(r, c) * (at(r, c + 1) + at(r + 1, c));
      m += at(r, c);
    }
  }
  return [h, m];
}

test(
  "EmtdIsingSweep on webgpu: β = 0 flips every site, β = 50 from the ordered state none; counts match the spins",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    assert.ok(hasKernel(ISING_SWEEP));
    const before = live();
    const L = 6;
    const start = values(L * L, 31).map((v) => (v < 0 ? -1 : 1));
    const spins = tf.tensor2d(start, [L, L]);
    const free = fusedIsingSweeps(spins, 0, 3, key(5));
    const after = (await free.spins.data()) as Float32Array;
    assert.deepEqual(
      Array.from(after),
      Array.from(start, (v) => -v),
      "three sweeps at β = 0: every spin flipped three times",
    );
    assert.equal(free.flips, 3 * L * L);
    assert.deepEqual([free.energy, free.magnetization], isingCounts(after, L, 1, 0));
    // R = 2 side by side: replica 0 at β = 0, replica 1 ordered at β = 50 (ΔE = 8: e^{−400} is 0 in float32).
    const pair = new Float32Array(L * L * 2).map((_, a) => (a % 2 === 0 ? start[a / 2]! : 1));
    const both = tf.tensor3d(pair, [L, L, 2]);
    const replicas = fusedIsingSweepsReplicas(both, [0, 50], 2, key(6));
    const out = (await replicas.spins.data()) as Float32Array;
    assert.deepEqual(replicas.flips, [2 * L * L, 0]);
    assert.deepEqual(
      Array.from(out).filter((_, a) => a % 2 === 0),
      Array.from(start),
    );
    assert.ok(Array.from(out).every((v, a) => a % 2 === 0 || v === 1));
    assert.deepEqual([replicas.energy[1], replicas.magnetization[1]], [-2 * L * L, L * L]);
    assert.deepEqual([replicas.energy[0], replicas.magnetization[0]], isingCounts(out, L, 2, 0));
    // At β = 0.4 the same key gives the same sweeps twice.
    const a = fusedIsingSweeps(spins, 0.4, 4, key(7));
    const b = fusedIsingSweeps(spins, 0.4, 4, key(7));
    assert.deepEqual(await a.spins.data(), await b.spins.data());
    assert.equal(a.flips, b.flips);
    assert.ok(a.flips > 0 && a.flips < 4 * L * L, `flips ${a.flips}`);
    // The op front end takes the kernel (its Philox draws), not the reference (the CPU kernel's xoshiro draws).
    const viaOp = isingSweeps(spins, { beta: 0.4, sweeps: 4 }, key(7));
    const reference = isingSweepsReference(spins, { beta: 0.4, sweeps: 4 }, key(7));
    assert.deepEqual(await viaOp.spins.data(), await a.spins.data());
    assert.notDeepEqual(await reference.spins.data(), await a.spins.data());
    tf.dispose([spins, free.spins, both, replicas.spins, a.spins, b.spins, viaOp.spins, reference.spins]);
    assert.deepEqual(live(), before);
  },
);

test(
  "EmtdIsingSteps on webgpu: K = 64 sweeps in one call are 64 calls of one sweep (spins and every sweep's counts); each sweep's flips, H and M are those of its spins; β = 0 flips every site",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    assert.ok(hasKernel(ISING_STEPS));
    const before = live();
    const [L, R, K] = [8, 3, 64];
    const start = tf.tensor2d(
      values(L * L * R, 41).map((v) => (v < 0 ? -1 : 1)),
      [L * L, R],
    );
    // β per replica, changing from sweep to sweep (a schedule's rows); replica 2 at β = 0 flips every site.
    const sweeps = Array.from({ length: K }, (_, t) => ({ key: fold(key(9), t), betas: t % 2 === 0 ? [0.3, 0.44, 0] : [0.5, 0.2, 0] }));
    const whole = isingSweepSteps(start, L, sweeps)!;
    assert.deepEqual(whole.counts.shape, [K, R, 3]);
    const counts = (await whole.counts.data()) as Int32Array;
    let s = start.clone() as tf.Tensor2D;
    for (let t = 0; t < K; t++) {
      const one = isingSweepSteps(s, L, [sweeps[t]!])!;
      const [was, now, c] = [(await s.data()) as Float32Array, (await one.spins.data()) as Float32Array, await one.counts.data()];
      assert.deepEqual(Array.from(c), Array.from(counts.subarray(3 * t * R, 3 * (t + 1) * R)), `sweep ${t}: the counts of one call`);
      for (let k = 0; k < R; k++) {
        let flipped = 0;
        for (let i = 0; i < L * L; i++) if (was[i * R + k] !== now[i * R + k]) flipped++;
        // A site is proposed once a sweep: its flips are the sites that changed.
        assert.deepEqual([c[3 * k], c[3 * k + 1], c[3 * k + 2]], [flipped, ...isingCounts(now, L, R, k)], `sweep ${t} replica ${k}`);
      }
      assert.equal(c[6], L * L, "β = 0 flips every site");
      tf.dispose([s, one.counts]);
      s = one.spins;
    }
    assert.deepEqual(await whole.spins.data(), await s.data(), "the spins after 64 sweeps, in one call or 64");
    tf.dispose([start, s, whole.spins, whole.counts]);
    assert.deepEqual(live(), before);
  },
);

/**
 * The exact standard error of the mean of K consecutive stationary values of H under ULA (x' = x − 2h·L x + √(2hT) ξ)
 * on d channels: mode m's energy λ y² per channel has mean v = T/(2(1 − hλ)), variance 2v² and autocorrelation
 * a^{2l} at lag l, a = 1 − 2hλ; the modes and channels are independent.
 */
function ulaMeanSe(eigenvalues: ArrayLike<number>, channels: number, temperature: number, h: number, K: number): number {
  let variance = 0;
  for (const lambda of Array.from(eigenvalues)) {
    if (lambda < 1e-9) continue; // the consensus mode carries no energy
    const a2 = (1 - 2 * h * lambda) ** 2;
    const v = temperature / (2 * (1 - h * lambda));
    let pairs = K;
    let power = 1;
    for (let l = 1; l < K; l++) {
      power *= a2;
      pairs += 2 * (K - l) * power;
    }
    variance += channels * 2 * v * v * pairs;
  }
  return Math.sqrt(variance) / K;
}

test(
  "ULA through the fused Langevin step on webgpu (N·d = 2¹⁶): ⟨H⟩ equals its biased law within 4 exact standard errors",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    // 4096 independent channels on ring:16:4 reach LARGE_FIELD_ENTRIES, where the interaction term steps by the fused
    // EmtdLangevinUpdate (the ring's rule on the GPU) and measures by EmtdInteractionEnergy. The slowest mode's energy
    // relaxes by (1 − 2hλ₁)² ≈ 0.6 a step, so after 10 steps the run is at its stationary law (to < 1% of one SE); a run
    // this short estimates its own MCSE poorly, so the tolerance is the exact SE of the stationary Gaussian chain.
    const graph = ringGraph(16, 4);
    const channels = LARGE_FIELD_ENTRIES / graph.n;
    const h = 0.15; // hλ_max ≈ 0.8: the stationary law is far from equipartition
    const [steps, burnIn] = [30, 10];
    const before = live();
    const x0 = tf.zeros([graph.n, channels]);
    const r = run(ula(interaction(graph), { step: h, temperature: 1 }), x0, { steps, burnIn }, key(21));
    tf.dispose([x0, r.final]);
    releaseGraph(graph);
    const eigenvalues = laplacianEigenvalues(graph);
    const exact = ulaStationaryEnergy(eigenvalues, channels, 1, h);
    const se = ulaMeanSe(eigenvalues, channels, 1, h, steps - burnIn);
    const z = Math.abs(r.meanEnergy - exact) / se;
    assert.ok(z < 4, `⟨H⟩ ${r.meanEnergy} vs exact ${exact} ± ${se}, |z| = ${z.toFixed(2)}`);
    assert.ok(exact > equipartitionEnergy(graph.n, channels, 1) + 8 * se, "the biased law is told apart from equipartition");
    assert.deepEqual(live(), before);
  },
);

test(
  "Ising on webgpu, 4 replicas at two temperatures (one fused [L, L, R] sweep): exact enumeration within 4 MCSE",
  { skip: missing ?? false },
  async () => {
    await ready({ backend: "webgpu" });
    const before = live();
    const temperatures = [2.0, 3.0];
    const r = runIsing(isingSampler(isingLattice(4), temperatures, { replicas: 2 }), "cold", { steps: 120, burnIn: 12 }, key(17));
    const exact = isingEnumeration(graphs.torus(4), temperatures);
    temperatures.forEach((t, i) => {
      const [got, want] = [r.results[i]!, exact[i]!];
      for (const [label, value, mcse, target] of [
        ["e per spin", got.energyPerSpin.value, got.energyPerSpin.mcse, want.energyPerSpin],
        ["|m|", got.absMagnetization.value, got.absMagnetization.mcse, want.absMagnetization],
      ] as const) {
        const z = Math.abs(value - target) / mcse;
        assert.ok(mcse > 0 && z < 4, `T = ${t} ${label}: ${value} ± ${mcse} vs exact ${target}, |z| = ${z.toFixed(2)}`);
      }
    });
    assert.deepEqual(live(), before);
  },
);
