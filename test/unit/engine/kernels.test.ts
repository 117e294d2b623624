import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { UndirectedGraph } from "graphology";
import { fold, key, normal, uniformSource } from "../../../src/engine/random";
import { fillNormal, fillUniform, NOISE_BLOCK_ROWS, ZIGGURAT } from "../../../src/engine/fastrandom";
import { graphFromSpec } from "../../../src/graph/spec";
import { fromGraphology, type Graph } from "../../../src/graph/graph";
import { ringGraph, torusGraph, wattsStrogatzGraph } from "../../../src/graph/direct";
import { edgeDifferences, edgeDifferencesReference, incidenceTranspose, incidenceTransposeReference } from "../../../src/ops/incidence";
import { laplacianProduct, laplacianProductReference } from "../../../src/ops/laplacian";
import { releaseGraph } from "../../../src/ops/tensors";
import { EDGE_DIFFERENCES, INCIDENCE_TRANSPOSE } from "../../../src/engine/kernels/configs/incidence-kernel";
import { hasKernel } from "../../../src/engine/kernels/configs/dispatch";
import { fusedLaplacianProduct, LAPLACIAN_PRODUCT } from "../../../src/engine/kernels/configs/laplacian-kernel";
import { INTERACTION } from "../../../src/engine/kernels/configs/interaction-kernel";
import { interactionEnergyAndGradient, interactionEnergyAndGradientReference } from "../../../src/ops/interaction";
import { LANGEVIN_UPDATE, langevinNoise, langevinSigma, NOISY_DESCENT } from "../../../src/engine/kernels/configs/langevin-kernel";
import { langevinUpdate, langevinUpdateReference } from "../../../src/ops/langevin-update";
import { noisyDescent, noisyDescentReference } from "../../../src/ops/noisy-descent";
import { ISING_SWEEP } from "../../../src/engine/kernels/configs/ising-kernel";
import { isingSweeps, isingSweepsReference, isingSweepsReplicas, isingSweepsReplicasReference } from "../../../src/ops/ising-sweep";
import { registerFusedKernels, unregisterFusedKernels } from "../../../src/engine/kernels/configs/register";
import { configureThreads, parallelThreshold, threadCount } from "../../../src/engine/kernels/threads/pool";
import { ringHalfWidth, setRingStencilEnabled, setSimdEnabled, simdReady } from "../../../src/engine/kernels/simd/simd-module";
import { interaction } from "../../../src/hamiltonian/interaction";
import { ula } from "../../../src/dynamics/gradient";
import { disposeState } from "../../../src/dynamics/types";
import { estimateMean } from "../../../src/stats/ess";
import { maxAbs, maxAbsDiff, onEachBackend } from "../../helpers";
import { laplacianRows } from "../../../src/engine/kernels/loops/row-loops";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";

function weightedGraph(): Graph {
  // Weighted, isolated nodes in the middle (3, 4) and at the end (7, 8): empty CSR rows.
  const g = new UndirectedGraph();
  for (let i = 0; i < 9; i++) g.addNode(String(i));
  const edges: [number, number, number][] = [
    [0, 1, 0.5],
    [1, 2, 2],
    [0, 2, 1.5],
    [2, 5, 3],
    [5, 6, 0.25],
  ];
  for (const [a, b, w] of edges) g.addEdge(String(a), String(b), { weight: w });
  return fromGraphology(g, { label: "weighted" });
}

function isolatedOnly(): Graph {
  const g = new UndirectedGraph();
  for (let i = 0; i < 4; i++) g.addNode(String(i));
  return fromGraphology(g, { label: "empty(4)" });
}

const SPECS = ["ring:30:4", "ring:2500:10", "ws:60:6:0.3", "er:50:0.1", "ba:60:2", "torus:6", "complete:7"];
const graphsUnderTest = (): Graph[] => [...SPECS.map((s) => graphFromSpec(s, key(1))), weightedGraph(), isolatedOnly()];

const close = (a: ArrayLike<number>, b: ArrayLike<number>, rel = 1e-5) => maxAbsDiff(a, b) <= rel * (1 + maxAbs(b));

test("every fused kernel is registered on cpu and wasm after ready()", async () => {
  await onEachBackend((backend) => {
    for (const name of [
      LAPLACIAN_PRODUCT,
      INTERACTION,
      LANGEVIN_UPDATE,
      NOISY_DESCENT,
      ISING_SWEEP,
      EDGE_DIFFERENCES,
      INCIDENCE_TRANSPOSE,
    ]) {
      assert.ok(hasKernel(name), `${name} on ${backend}`);
    }
    assert.ok(simdReady(), "the WebAssembly SIMD loops assemble and load (wabt)");
  });
});

test("fused L·X and its gradient equal the sparseSegmentSum reference on every graph, width and backend", async () => {
  await onEachBackend((backend) => {
    for (const g of graphsUnderTest()) {
      for (const channels of [1, 2, 3, 4, 5, 8, 12]) {
        const x = normal(key(2), [g.n, channels]) as tf.Tensor2D;
        const w = normal(key(3), [g.n, channels]) as tf.Tensor2D;
        const fused = laplacianProduct(x, g);
        const reference = laplacianProductReference(x, g);
        assert.ok(close(fused.dataSync(), reference.dataSync()), `${backend} ${g.label} C=${channels}`);
        const gradFused = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(w, fusedLaplacianProduct(z as tf.Tensor2D, g))))(x);
        const gradRef = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(w, laplacianProductReference(z as tf.Tensor2D, g))))(x);
        assert.ok(close(gradFused.dataSync(), gradRef.dataSync()), `grad ${backend} ${g.label} C=${channels}`);
        tf.dispose([x, w, fused, reference, gradFused, gradRef]);
      }
      releaseGraph(g);
    }
  });
});

test("the wide unit-weight L·X loop (R chains side by side) sums exactly as the one-channel loop, column by column", () => {
  const g = ringGraph(50, 6);
  const plan = planFor(g);
  for (const C of [8, 12, 128]) {
    const x = new Float32Array(g.n * C);
    fillNormal(x, C, 0, g.n, key(C));
    const wide = new Float32Array(g.n * C);
    laplacianRows(plan, x, C, wide, 0, g.n, -0.37);
    const column = new Float32Array(g.n);
    const out = new Float32Array(g.n);
    for (let c = 0; c < C; c++) {
      for (let i = 0; i < g.n; i++) column[i] = x[i * C + c]!;
      laplacianRows(plan, column, 1, out, 0, g.n, -0.37);
      for (let i = 0; i < g.n; i++) assert.equal(wide[i * C + c], out[i], `C=${C} channel ${c} row ${i}`);
    }
  }
});

test("fused edge differences B·X and incidence transpose Bᵀ·Y equal the references, values and gradients", async () => {
  await onEachBackend((backend) => {
    for (const g of graphsUnderTest().filter((h) => h.edgeCount > 0))
      for (const C of [1, 2, 3]) {
        const x = normal(key(30), [g.n, C]) as tf.Tensor2D;
        const y = normal(key(31), [g.edgeCount, C]) as tf.Tensor2D;
        const v = normal(key(32), [g.n, C]) as tf.Tensor2D;
        const pairs: Array<[tf.Tensor, tf.Tensor]> = [
          [edgeDifferences(x, g), edgeDifferencesReference(x, g)],
          [incidenceTranspose(y, g), incidenceTransposeReference(y, g)],
          [
            tf.grad((z: tf.Tensor) => tf.sum(tf.mul(y, edgeDifferences(z as tf.Tensor2D, g))))(x),
            tf.grad((z: tf.Tensor) => tf.sum(tf.mul(y, edgeDifferencesReference(z as tf.Tensor2D, g))))(x),
          ],
          [
            tf.grad((z: tf.Tensor) => tf.sum(tf.mul(v, incidenceTranspose(z as tf.Tensor2D, g))))(y),
            tf.grad((z: tf.Tensor) => tf.sum(tf.mul(v, incidenceTransposeReference(z as tf.Tensor2D, g))))(y),
          ],
        ];
        pairs.forEach(([a, b], i) => assert.ok(close(a.dataSync(), b.dataSync()), `${backend} ${g.label} C=${C} #${i}`));
        tf.dispose([x, y, v, ...pairs.flat()]);
        releaseGraph(g);
      }
  });
});

test("the fused interaction energy, its gradient and their derivatives equal the reference", async () => {
  await onEachBackend((backend) => {
    for (const g of graphsUnderTest()) {
      for (const coupling of [1, 0.7]) {
        const x = normal(key(4), [g.n, 2]) as tf.Tensor2D;
        const w = normal(key(5), [g.n, 2]) as tf.Tensor2D;
        const fused = interactionEnergyAndGradient(x, g, coupling);
        const ref = interactionEnergyAndGradientReference(x, g, coupling);
        const e = ref.energy.dataSync()[0]!;
        assert.ok(Math.abs(fused.energy.dataSync()[0]! - e) <= 1e-5 * (1 + Math.abs(e)), `${backend} ${g.label} energy`);
        assert.ok(close(fused.gradient.dataSync(), ref.gradient.dataSync()), `${backend} ${g.label} gradient`);
        // Through the registered gradient: d/dx [a·H + ⟨w, ∇H⟩] = a·∇H + 2J L w.
        const objective = (f: typeof interactionEnergyAndGradient) => (z: tf.Tensor) => {
          const r = f(z as tf.Tensor2D, g, coupling);
          return tf.add(tf.mul(r.energy, 0.3), tf.sum(tf.mul(w, r.gradient)));
        };
        const gf = tf.grad(objective(interactionEnergyAndGradient))(x);
        const gr = tf.grad(objective(interactionEnergyAndGradientReference))(x);
        assert.ok(close(gf.dataSync(), gr.dataSync()), `${backend} ${g.label} second derivative`);
        tf.dispose([x, w, fused.energy, fused.gradient, ref.energy, ref.gradient, gf, gr]);
      }
      releaseGraph(g);
    }
  });
});

test("the fused Langevin update and noisy descent equal their references (same noise) with gradients", async () => {
  await onEachBackend((backend) => {
    for (const g of graphsUnderTest()) {
      const p = { step: 0.01, temperature: 0.8, coupling: 1.3 };
      const pk = key(6);
      const x = normal(key(7), [g.n, 3]) as tf.Tensor2D;
      const w = normal(key(8), [g.n, 3]) as tf.Tensor2D;
      const fused = langevinUpdate(x, g, p, pk);
      const ref = langevinUpdateReference(x, g, p, pk);
      assert.ok(close(fused.dataSync(), ref.dataSync()), `${backend} ${g.label} update`);
      // Width 2 with unit weights takes the single-pass path: same noise, same result.
      const x2 = normal(key(17), [g.n, 2]) as tf.Tensor2D;
      const f2 = langevinUpdate(x2, g, p, pk);
      const r2 = langevinUpdateReference(x2, g, p, pk);
      assert.ok(close(f2.dataSync(), r2.dataSync()), `${backend} ${g.label} update C=2`);
      tf.dispose([x2, f2, r2]);
      const gf = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(w, langevinUpdate(z as tf.Tensor2D, g, p, pk))))(x);
      const gr = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(w, langevinUpdateReference(z as tf.Tensor2D, g, p, pk))))(x);
      assert.ok(close(gf.dataSync(), gr.dataSync()), `${backend} ${g.label} update gradient`);
      const grad = normal(key(9), [g.n, 3]) as tf.Tensor2D;
      const d = noisyDescent(x, grad, 0.02, 0.5, key(10));
      const dr = noisyDescentReference(x, grad, 0.02, 0.5, key(10));
      assert.ok(close(d.dataSync(), dr.dataSync()), `${backend} ${g.label} descent`);
      const [dx, dg] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(w, noisyDescent(a as tf.Tensor2D, b as tf.Tensor2D, 0.02, 0.5, key(10)))),
      )([x, grad]);
      assert.ok(close(dx!.dataSync(), w.dataSync()) && close(dg!.dataSync(), tf.mul(w, -0.02).dataSync()), `${backend} descent gradients`);
      tf.dispose([x, w, fused, ref, gf, gr, grad, d, dr, dx!, dg!]);
      releaseGraph(g);
    }
  });
});

/** L·X [N, C] for a float32 field, by a plain loop over the graph's edges (each once) in float64: the test's own reference. */
function laplacianLoop(g: Graph, x: Float32Array, channels: number): Float64Array {
  const out = new Float64Array(g.n * channels);
  for (let e = 0; e < g.edgeCount; e++) {
    const [i, j, w] = [g.src[e]!, g.dst[e]!, g.weight[e]!];
    for (let c = 0; c < channels; c++) {
      const d = w * (x[i * channels + c]! - x[j * channels + c]!);
      out[i * channels + c]! += d;
      out[j * channels + c]! -= d;
    }
  }
  return out;
}

test("the fused Langevin step equals a plain loop written here on cpu and on wasm, and the two bit for bit", async () => {
  const g = graphFromSpec("ws:3000:6:0.2", key(2));
  // The same input on both backends (tf.randomNormal itself is backend-specific).
  const x = new Float32Array(g.n * 2).map((_, i) => Math.sin(i));
  const [h, T] = [0.02, 1];
  // X' = X − 2h·L X + √(2hT) ξ, with ξ the documented standard normals of the key (langevinNoise) and L X looped here.
  const lx = laplacianLoop(g, x, 2);
  const outs: Float32Array[] = [];
  await onEachBackend((backend) => {
    const t = tf.tensor2d(x, [g.n, 2]);
    const xi = langevinNoise(key(12), [g.n, 2]);
    const noise = xi.dataSync();
    const expected = Float64Array.from(x, (v, i) => v - 2 * h * lx[i]! + Math.sqrt(2 * h * T) * noise[i]!);
    const y = langevinUpdate(t, g, { step: h, temperature: T }, key(12));
    const got = Float32Array.from(y.dataSync());
    assert.ok(close(got, expected), `${backend}: max |fused − loop| ${maxAbsDiff(got, expected)}`);
    outs.push(got);
    tf.dispose([t, xi, y]);
  });
  assert.equal(outs.length, 2);
  assert.deepEqual(outs[0], outs[1]);
  releaseGraph(g);
});

test("langevinSigma is √(2hT) as the steps wrote it, bit for bit", () => {
  for (const [h, T] of [
    [0.02, 1],
    [0.05, 0.5],
    [1e-3, 3.7],
    [0.0125, 0.05],
    [0.1, 0],
  ] as const) {
    assert.ok(Object.is(langevinSigma(h, T), Math.sqrt(2 * h * T)), `h = ${h}, T = ${T}`);
  }
});

test("dispatchers fall back to the composite reference where the kernels are not registered", async () => {
  await onEachBackend((backend) => {
    const g = weightedGraph();
    const x = normal(key(13), [g.n, 2]) as tf.Tensor2D;
    const fused = laplacianProduct(x, g);
    const fusedStep = langevinUpdate(x, g, { step: 0.05, temperature: 1 }, key(14));
    unregisterFusedKernels();
    try {
      assert.ok(!hasKernel(LAPLACIAN_PRODUCT), backend);
      const composite = laplacianProduct(x, g);
      const compositeStep = langevinUpdate(x, g, { step: 0.05, temperature: 1 }, key(14));
      assert.ok(close(fused.dataSync(), composite.dataSync()));
      assert.ok(close(fusedStep.dataSync(), compositeStep.dataSync()));
      // The composite interaction against a plain loop: H = Σ_edges w‖x_i − x_j‖², ∇H = 2 L x.
      const { energy, gradient } = interactionEnergyAndGradient(x, g);
      const xs = x.dataSync() as Float32Array;
      const lx = laplacianLoop(g, xs, 2);
      let h = 0;
      for (let e = 0; e < g.edgeCount; e++)
        for (let c = 0; c < 2; c++) h += g.weight[e]! * (xs[g.src[e]! * 2 + c]! - xs[g.dst[e]! * 2 + c]!) ** 2;
      assert.ok(h > 0, "a field that is not constant has positive interaction energy");
      assert.ok(Math.abs(energy.dataSync()[0]! - h) <= 1e-5 * h, `${backend} composite energy ${energy.dataSync()[0]} vs ${h}`);
      assert.ok(
        close(
          gradient.dataSync(),
          lx.map((v) => 2 * v),
        ),
        `${backend} composite gradient`,
      );
      tf.dispose([composite, compositeStep, energy, gradient]);
    } finally {
      registerFusedKernels();
    }
    assert.ok(hasKernel(LAPLACIAN_PRODUCT));
    tf.dispose([x, fused, fusedStep]);
  });
});

test("the Ising kernel reproduces the tensor reference sweep for sweep, flip for flip", async () => {
  await onEachBackend((backend) => {
    for (const [L, beta] of [
      [8, 0.3],
      [16, 0.44],
      [6, 1.2],
    ] as const) {
      const init = tf.tidy(() =>
        tf.sub(tf.mul(tf.cast(tf.greater(tf.randomUniform([L, L], 0, 1, "float32", 5), 0.5), "float32"), 2), 1),
      ) as tf.Tensor2D;
      const fused = isingSweeps(init, { beta, sweeps: 5 }, key(15));
      const ref = isingSweepsReference(init, { beta, sweeps: 5 }, key(15));
      assert.deepEqual(Array.from(fused.spins.dataSync()), Array.from(ref.spins.dataSync()), `${backend} L=${L}`);
      assert.equal(fused.flips, ref.flips);
      assert.ok(fused.flips > 0);
      // The kernel's observables (one pass over its int8 lattice) equal the reference's tensor sums.
      assert.equal(fused.energy, ref.energy, `${backend} L=${L} energy`);
      assert.equal(fused.magnetization, ref.magnetization, `${backend} L=${L} magnetization`);
      const s = fused.spins.dataSync();
      let e = 0;
      for (let r = 0; r < L; r++) for (let c = 0; c < L; c++) e -= s[r * L + c]! * (s[r * L + ((c + 1) % L)]! + s[((r + 1) % L) * L + c]!);
      assert.equal(fused.energy, e);
      assert.equal(
        fused.magnetization,
        Array.from(s).reduce((a, b) => a + b, 0),
      );
      tf.dispose([init, fused.spins, ref.spins]);
    }
    // Chains reuse the kernel's cached int8 lattice of the previous output; reusing an input twice must not.
    const start = tf.tidy(() => tf.sign(tf.sub(tf.randomUniform([12, 12], 0, 1, "float32", 3), 0.5))) as tf.Tensor2D;
    const a1 = isingSweeps(start, { beta: 0.5 }, key(40));
    const a2 = isingSweeps(a1.spins, { beta: 0.5 }, key(41));
    const again = isingSweeps(a1.spins, { beta: 0.5 }, key(41)); // a1's lattice was consumed by a2
    const r1 = isingSweepsReference(start, { beta: 0.5 }, key(40));
    const r2 = isingSweepsReference(r1.spins, { beta: 0.5 }, key(41));
    assert.deepEqual(Array.from(a2.spins.dataSync()), Array.from(r2.spins.dataSync()), `${backend} chained`);
    assert.deepEqual(Array.from(again.spins.dataSync()), Array.from(r2.spins.dataSync()), `${backend} input reused`);
    tf.dispose([start, a1.spins, a2.spins, again.spins, r1.spins, r2.spins]);
    // β = 0 accepts every proposal: each sweep flips every spin once.
    const up = tf.ones([4, 4]) as tf.Tensor2D;
    const flipped = isingSweeps(up, { beta: 0, sweeps: 1 }, key(1));
    assert.equal(flipped.flips, 16);
    assert.equal(flipped.magnetization, -16);
    assert.equal(flipped.energy, -32);
    assert.ok(flipped.spins.dataSync().every((s) => s === -1));
    assert.throws(() => isingSweeps(tf.ones([5, 5]) as tf.Tensor2D, { beta: 1 }, key(1)), /L even/);
    tf.dispose([up, flipped.spins]);
  });
});

test("the replicated Ising kernel ([L, L, R]) equals the per-replica reference under fold(key, k), chained and reshaped", async () => {
  await onEachBackend((backend) => {
    const L = 8;
    const betas = [0.2, 0.44, 0.9];
    const init = tf.tidy(() => tf.sign(tf.sub(tf.randomUniform([L, L, 3], 0, 1, "float32", 7), 0.5))) as tf.Tensor3D;
    const a = isingSweepsReplicas(init, { betas, sweeps: 3 }, key(21));
    const r = isingSweepsReplicasReference(init, { betas, sweeps: 3 }, key(21));
    assert.deepEqual(Array.from(a.spins.dataSync()), Array.from(r.spins.dataSync()), backend);
    assert.deepEqual([a.flips, a.energy, a.magnetization], [r.flips, r.energy, r.magnetization]);
    // Replica k is the single-lattice kernel under fold(key, k).
    const one = tf.tidy(() => tf.reshape(tf.slice(init, [0, 0, 1], [L, L, 1]), [L, L])) as tf.Tensor2D;
    const single = isingSweeps(one, { beta: betas[1]!, sweeps: 3 }, fold(key(21), 1));
    const column = tf.tidy(() => tf.reshape(tf.slice(a.spins, [0, 0, 1], [L, L, 1]), [L, L]));
    assert.deepEqual(Array.from(column.dataSync()), Array.from(single.spins.dataSync()));
    assert.equal(single.energy, a.energy[1]);
    // The next call through a reshape ([N, R] → [L, L, R]) reuses the cached lattices; same numbers as the reference.
    const flat = tf.reshape(a.spins, [L * L, 3]);
    const again = tf.reshape(flat, [L, L, 3]) as tf.Tensor3D;
    const a2 = isingSweepsReplicas(again, { betas }, key(22));
    const r2 = isingSweepsReplicasReference(r.spins, { betas }, key(22));
    assert.deepEqual(Array.from(a2.spins.dataSync()), Array.from(r2.spins.dataSync()), `${backend} chained`);
    assert.deepEqual(a2.energy, r2.energy);
    assert.throws(() => isingSweepsReplicas(init, { betas: [1] }, key(1)), /one per replica/);
    tf.dispose([init, a.spins, r.spins, one, single.spins, column, flat, again, a2.spins, r2.spins]);
  });
});

test("the Ising kernel samples the Boltzmann law: ⟨E⟩ on a 4×4 torus equals exact enumeration within MCSE", async () => {
  await ready1();
  const L = 4;
  const beta = 0.4;
  // Exact: Σ over 2^16 states of E e^{−βE} / Z, E = −Σ_bonds s_i s_j (2L² bonds).
  let z = 0;
  let ez = 0;
  for (let state = 0; state < 1 << (L * L); state++) {
    let e = 0;
    for (let r = 0; r < L; r++) {
      for (let c = 0; c < L; c++) {
        const s = (state >> (r * L + c)) & 1 ? 1 : -1;
        const right = (state >> (r * L + ((c + 1) % L))) & 1 ? 1 : -1;
        const down = (state >> (((r + 1) % L) * L + c)) & 1 ? 1 : -1;
        e -= s * (right + down);
      }
    }
    const wgt = Math.exp(-beta * e);
    z += wgt;
    ez += e * wgt;
  }
  const exact = ez / z;
  let spins = tf.ones([L, L]) as tf.Tensor2D;
  const energies: number[] = [];
  const k = key(16);
  for (let t = 0; t < 6000; t++) {
    const next = isingSweeps(spins, { beta }, fold(k, t));
    spins.dispose();
    spins = next.spins;
    if (t < 500) continue;
    const s = spins.dataSync();
    let e = 0;
    for (let r = 0; r < L; r++) for (let c = 0; c < L; c++) e -= s[r * L + c]! * (s[r * L + ((c + 1) % L)]! + s[((r + 1) % L) * L + c]!);
    energies.push(e);
  }
  spins.dispose();
  const est = estimateMean(Float64Array.from(energies));
  assert.ok(Math.abs(est.mean - exact) < 4 * est.mcse, `⟨E⟩ ${est.mean} ± ${est.mcse} vs exact ${exact}`);
});

async function ready1(): Promise<void> {
  await onEachBackend(() => undefined); // leaves the last backend (cpu) active
}

test("fast generator: deterministic per key, independent of the row split, different across keys", () => {
  const rows = 3 * NOISE_BLOCK_ROWS + 17;
  const whole = new Float32Array(rows * 3);
  fillNormal(whole, 3, 0, rows, key(1));
  const parts = new Float32Array(rows * 3);
  fillNormal(parts, 3, 0, NOISE_BLOCK_ROWS, key(1));
  fillNormal(parts, 3, NOISE_BLOCK_ROWS, rows, key(1));
  assert.deepEqual(parts, whole);
  const again = new Float32Array(rows * 3);
  fillNormal(again, 3, 0, rows, key(1));
  assert.deepEqual(again, whole);
  const other = new Float32Array(rows * 3);
  fillNormal(other, 3, 0, rows, key(2));
  let equal = 0;
  for (let i = 0; i < whole.length; i++) if (whole[i] === other[i]) equal++;
  assert.ok(equal < 5, `${equal} equal draws across keys`);
});

test("fast generator: normal moments, tail mass and quantiles agree with N(0,1) within 4.5 standard errors", () => {
  const n = 2_000_000;
  const z = new Float32Array(n);
  fillNormal(z, 1, 0, n, key(21));
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let tail = 0;
  let below = [0, 0, 0];
  const q = [-1.959963984540054, 0, 0.6744897501960817]; // Φ⁻¹ of 0.025, 0.5, 0.75
  const pq = [0.025, 0.5, 0.75];
  for (let i = 0; i < n; i++) {
    const x = z[i]!;
    m1 += x;
    m2 += x * x;
    m3 += x * x * x;
    m4 += x * x * x * x;
    if (Math.abs(x) > ZIGGURAT.R) tail++;
    for (let j = 0; j < 3; j++) if (x < q[j]!) below[j]!++;
  }
  // Standard errors of the sample moments of N(0,1): √(1/n), √(2/n), √(15/n), √(96/n).
  const k = 4.5;
  assert.ok(Math.abs(m1 / n) < k * Math.sqrt(1 / n), `mean ${m1 / n}`);
  assert.ok(Math.abs(m2 / n - 1) < k * Math.sqrt(2 / n), `variance ${m2 / n}`);
  assert.ok(Math.abs(m3 / n) < k * Math.sqrt(15 / n), `third moment ${m3 / n}`);
  assert.ok(Math.abs(m4 / n - 3) < k * Math.sqrt(96 / n), `fourth moment ${m4 / n}`);
  const pTail = 2 * 0.00028807; // 2·(1 − Φ(3.4426)) exercises the ziggurat's tail path
  assert.ok(Math.abs(tail / n - pTail) < k * Math.sqrt((pTail * (1 - pTail)) / n), `tail ${tail / n} vs ${pTail}`);
  below = below.map((b) => b / n);
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(below[j]! - pq[j]!) < k * Math.sqrt((pq[j]! * (1 - pq[j]!)) / n), `quantile ${pq[j]}`);
  // Lag-1 correlation of consecutive draws (sd 1/√n).
  let c = 0;
  for (let i = 1; i < n; i++) c += z[i]! * z[i - 1]!;
  assert.ok(Math.abs(c / n) < k / Math.sqrt(n), `lag-1 correlation ${c / n}`);
});

test("fast generator: uniforms lie in [0, 1) with mean 1/2 and variance 1/12", () => {
  const n = 1_000_000;
  const u = new Float32Array(n);
  fillUniform(u, 1, 0, n, key(22));
  let m = 0;
  let v = 0;
  for (const x of u) {
    assert.ok(x >= 0 && x < 1);
    m += x;
    v += (x - 0.5) ** 2;
  }
  assert.ok(Math.abs(m / n - 0.5) < 4.5 * Math.sqrt(1 / 12 / n));
  assert.ok(Math.abs(v / n - 1 / 12) < 4.5 * Math.sqrt(1 / 180 / n)); // Var((U−½)²) = 1/80 − 1/144 = 1/180
  const noise = langevinNoise(key(1), [10, 2]);
  const direct = new Float32Array(20);
  fillNormal(direct, 2, 0, 10, key(1));
  assert.deepEqual(noise.dataSync(), direct);
  noise.dispose();
});

test("direct ring/torus/ws constructors equal the graphology path, seed for seed", () => {
  const same = (a: Graph, b: Graph) => {
    assert.equal(a.n, b.n);
    assert.equal(a.label, b.label);
    assert.deepEqual(a.src, b.src);
    assert.deepEqual(a.dst, b.dst);
    assert.deepEqual(a.weight, b.weight);
    assert.deepEqual(a.degree, b.degree);
    assert.deepEqual(a.keys, b.keys);
    assert.equal(a.unitWeights, b.unitWeights);
    assert.equal(a.graphology.size, b.graphology.size);
    b.graphology.forEachEdge((_e, _attr, s, t) => assert.ok(a.graphology.hasEdge(s, t)));
  };
  for (const [n, k] of [
    [3, 2],
    [10, 4],
    [11, 10],
    [40, 6],
  ] as const) {
    same(ringGraph(n, k), fromGraphology(ringGraph(n, k).graphology, { label: `ring:${n}:${k}` }));
  }
  for (const L of [3, 4, 7]) same(torusGraph(L), fromGraphology(torusGraph(L).graphology, { label: `torus:${L}` }));
  for (const [n, k, p] of [
    [30, 4, 0.3],
    [50, 6, 0.5],
    [12, 10, 0.9],
    [7, 6, 1],
    [200, 4, 0.1],
    [20, 2, 0],
  ] as const) {
    for (const seed of [1, 2, 3]) {
      same(
        wattsStrogatzGraph(n, k, p, uniformSource(key(seed))),
        fromGraphology(wattsStrogatzGraph(n, k, p, uniformSource(key(seed))).graphology, { label: `ws:${n}:${k}:${p}` }),
      );
    }
  }
});

test("ULA on the fused interaction: deterministic per seed, no tensor leaks across steps", async () => {
  await onEachBackend((backend) => {
    const g = graphFromSpec("ring:64:4", key(3));
    const energy = interaction(g);
    const trajectory = () => {
      const integrator = ula(energy, { step: 0.02, temperature: 1 });
      const x0 = tf.zeros([g.n, 2]) as tf.Tensor2D;
      let state = integrator.init(x0);
      x0.dispose();
      const before = tf.memory().numTensors;
      const energies: number[] = [];
      for (let t = 0; t < 30; t++) {
        [state] = integrator.step(state, fold(key(4), t));
        energies.push(state.energies![0]!);
      }
      assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked by ULA steps`);
      disposeState(state);
      return energies;
    };
    assert.deepEqual(trajectory(), trajectory());
    releaseGraph(g);
  });
});

test("two threads (JS loops on worker_threads) give bit-identical L·X, gradient, Langevin steps and Ising sweeps to one (SIMD)", async () => {
  const threads = threadCount();
  const threshold = parallelThreshold();
  try {
    await onEachBackend((backend) => {
      for (const g of [graphFromSpec("ba:5000:3", key(5)), graphFromSpec("ws:4100:6:0.2", key(6)), weightedGraph()]) {
        const x = normal(key(7), [g.n, 2]) as tf.Tensor2D;
        const outputs = [1, 2].map((n) => {
          configureThreads({ threads: n, threshold: 0 });
          const lx = laplacianProduct(x, g);
          const { energy, gradient } = interactionEnergyAndGradient(x, g, 0.5);
          const step = langevinUpdate(x, g, { step: 0.01, temperature: 1 }, key(8));
          const values = [lx, gradient, step].map((t) => Array.from(t.dataSync()));
          const e = energy.dataSync()[0]!;
          tf.dispose([lx, energy, gradient, step]);
          return { values, e };
        });
        assert.deepEqual(outputs[1]!.values, outputs[0]!.values, `${backend} ${g.label}`);
        // The energy too: summed per noise block, then over the blocks in order, on every path and thread count.
        assert.equal(outputs[1]!.e, outputs[0]!.e, `${backend} ${g.label} energy`);
        x.dispose();
        releaseGraph(g);
      }
      const init = tf.tidy(() =>
        tf.sub(tf.mul(tf.cast(tf.greater(tf.randomUniform([34, 34], 0, 1, "float32", 9), 0.5), "float32"), 2), 1),
      ) as tf.Tensor2D;
      const sweeps = [1, 2].map((n) => {
        configureThreads({ threads: n, threshold: 0 });
        const r = isingSweeps(init, { beta: 0.4, sweeps: 3 }, key(19));
        const values = Array.from(r.spins.dataSync());
        r.spins.dispose();
        return { values, flips: r.flips };
      });
      assert.deepEqual(sweeps[1], sweeps[0], `${backend} ising`);
      init.dispose();
    });
  } finally {
    configureThreads({ threads, threshold });
  }
});

test("the ring-lattice stencil (no index arrays) equals the CSR loops bit for bit, wrapping rows included", async () => {
  await onEachBackend((backend) => {
    for (const spec of ["ring:3000:10", "ring:40:6", "ring:21:4", "ring:9:2"]) {
      const g = graphFromSpec(spec, key(1));
      const h = ringHalfWidth(planFor(g));
      assert.equal(h, Number(spec.split(":")[2]) / 2, `${spec} is recognised as a ring lattice`);
      const x = normal(key(60), [g.n, 2]) as tf.Tensor2D;
      const p = { step: 0.02, temperature: 0.7 };
      const pk = key(61);
      const stencil = langevinUpdate(x, g, p, pk);
      setRingStencilEnabled(false);
      const csr = langevinUpdate(x, g, p, pk);
      setSimdEnabled(false);
      const js = langevinUpdate(x, g, p, pk);
      setSimdEnabled(true);
      setRingStencilEnabled(true);
      assert.deepEqual(Array.from(stencil.dataSync()), Array.from(csr.dataSync()), `${backend} ${spec} stencil vs CSR`);
      assert.deepEqual(Array.from(stencil.dataSync()), Array.from(js.dataSync()), `${backend} ${spec} stencil vs JS`);
      tf.dispose([x, stencil, csr, js]);
      releaseGraph(g);
    }
    // Not ring lattices: a Watts–Strogatz rewiring and a weighted graph keep the CSR path.
    const ws = graphFromSpec("ws:200:6:0.1", key(2));
    assert.equal(ringHalfWidth(planFor(ws)), 0);
    assert.equal(ringHalfWidth(planFor(weightedGraph())), 0);
    releaseGraph(ws);
  });
});

test("the WebAssembly SIMD loops and the JavaScript loops give bit-identical results", async () => {
  await onEachBackend((backend) => {
    const g = graphFromSpec("ws:5000:6:0.1", key(50));
    const run = () => {
      const x = normal(key(51), [g.n, 2]) as tf.Tensor2D;
      const grad = normal(key(52), [g.n, 2]) as tf.Tensor2D;
      const x3 = normal(key(53), [g.n, 3]) as tf.Tensor2D;
      const spins = tf.tidy(() => tf.sign(tf.sub(tf.randomUniform([32, 32], 0, 1, "float32", 4), 0.5))) as tf.Tensor2D;
      const { energy, gradient } = interactionEnergyAndGradient(x, g, 0.7);
      const ising = isingSweeps(spins, { beta: 0.45, sweeps: 3 }, key(54));
      const outs = [
        laplacianProduct(x, g),
        gradient,
        langevinUpdate(x, g, { step: 0.01, temperature: 0.5 }, key(55)),
        noisyDescent(x, grad, 0.01, 0.5, key(56)),
        noisyDescent(x3, x3, 0.02, 2, key(57)),
        ising.spins,
      ];
      const values = outs.map((t) => Array.from(t.dataSync()));
      const e = energy.dataSync()[0]!;
      tf.dispose([x, grad, x3, spins, energy, ...outs]);
      return { values, e, flips: ising.flips };
    };
    const withSimd = run();
    setSimdEnabled(false);
    try {
      const withoutSimd = run();
      assert.deepEqual(withSimd.values, withoutSimd.values, backend);
      assert.equal(withSimd.flips, withoutSimd.flips);
      assert.equal(withSimd.e, withoutSimd.e, `${backend}: the energy in the same block order`);
    } finally {
      setSimdEnabled(true);
    }
    releaseGraph(g);
  });
});
