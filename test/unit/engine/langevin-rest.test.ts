/**
 * The fused Langevin step with a second gradient (`EmtdLangevinUpdate`'s optional input `rest`, issue 75 item 2):
 * X' = X − drift·L X − h·G + σ ξ in the kernel's one pass, G the gradient of a sum's other terms. Held to the
 * JavaScript loop with the same G bit for bit on every inner path (the SIMD passes rest2*, the loops on 1 and 2
 * threads, the paths that step aside for it: the ring and torus stencils, the wide SIMD loop), and to a float64
 * reference within float32 rounding bounds formed from the values, as is the two-pass step (the kernel, then − h·G)
 * it replaces; a step that leaves G out is outside those bounds.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { fold, key, type Key } from "../../../src/engine/random";
import { NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { fusedLangevinUpdate, langevinNoise } from "../../../src/engine/kernels/configs/langevin-kernel";
import { langevinRows, type RestGradient } from "../../../src/engine/kernels/loops/row-loops";
import { type GraphPlan, planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { setRingLaplacianMinRows, stencilMinRows } from "../../../src/engine/kernels/stencils/ring-stencil";
import { setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { configureThreads, parallelThreshold, threadCount } from "../../../src/engine/kernels/threads/pool";
import { graphFromSpec } from "../../../src/graph/spec";
import { langevinUpdateWithRest } from "../../../src/ops/langevin-update";
import { releaseGraph } from "../../../src/ops/tensors";
import { spreadField } from "../../helpers";

const h = 0.015; // drift 2h = 0.03
const T = 0.4;
const sigma = Math.sqrt(2 * h * T);
const U = 2 ** -24; // float32's unit roundoff

/** The loop's step from plain arrays, with `rest` or without: the reference the kernel's paths must equal. */
function loopStep(plan: GraphPlan, x: Float32Array, channels: number, k: Key, rest: RestGradient | null): Float32Array {
  const out = new Float32Array(plan.n * channels);
  langevinRows(plan, x, channels, 2 * h, sigma, k, out, 0, plan.n, new Float32Array(NOISE_BLOCK_ROWS * channels), rest);
  return out;
}

/** spreadField's values (normals, ×2²⁰ and ±2⁶⁰ among them: the slow paths and large drifts) for a field [n, C]. */
function spread(n: number, channels: number, seed: number): Float32Array {
  return spreadField(Math.ceil((n * channels) / 2), seed).slice(0, n * channels);
}

/** A field [n, C] of values in [−4, 4] from spreadField's draws (no outliers: the rounding test's scale). */
function plainField(n: number, channels: number, seed: number): Float32Array {
  return spread(n, channels, seed).map((v) => Math.max(-4, Math.min(4, v / 2 ** 20)) || 0.5);
}

for (const backend of ["wasm", "cpu"] as const) {
  test(`${backend}: the fused step with a rest gradient equals the JavaScript loop with it bit for bit, on every inner path and on 1 and 2 threads`, async () => {
    await ready({ backend });
    const before = { threads: threadCount(), threshold: parallelThreshold(), stencil: stencilMinRows() };
    const memory = tf.memory().numTensors;
    try {
      // [spec, channels, what the step runs without a rest]: the SIMD CSR and ring passes (rest2csr, rest2ring5), the
      // wide loop (3 channels), the ring and torus stencils (their threshold lowered below): with a rest the last three
      // step aside for the SIMD pass or the loop, and the numbers must still be the loop's.
      const cases: Array<[string, number, string, number]> = [
        [`ws:${9 * NOISE_BLOCK_ROWS + 77}:6:0.1`, 2, "SIMD CSR", before.stencil],
        [`ring:${7 * NOISE_BLOCK_ROWS - 5}:10`, 2, "SIMD ring", before.stencil],
        [`ring:${3 * NOISE_BLOCK_ROWS + 11}:6`, 3, "wide SIMD loop", before.stencil],
        [`ring:${6 * NOISE_BLOCK_ROWS + 3}:10`, 2, "ring stencil", 1024],
        ["torus:90", 2, "torus stencil", 1024],
      ];
      for (const [spec, channels, path, stencilRows] of cases) {
        setRingLaplacianMinRows(stencilRows);
        const graph = graphFromSpec(spec, key(3));
        const plan = planFor(graph);
        const n = graph.n;
        for (const [threads, simd] of [
          [1, true],
          [2, true],
          [2, false],
        ] as const) {
          configureThreads({ threads, threshold: 0 });
          setSimdEnabled(simd);
          const where = `${spec} (${path}), ${threads} threads${simd ? "" : ", SIMD off"}`;
          const [xv, gv] = [spread(n, channels, 21), spread(n, channels, 22)];
          const [x, g] = [tf.tensor2d(xv, [n, channels]), tf.tensor2d(gv, [n, channels])];
          // Two steps: the second starts from the first's output (the SIMD step keeps it in the module's memory).
          let want = xv;
          let at: tf.Tensor2D = x;
          const made: tf.Tensor2D[] = [];
          for (let t = 0; t < 2; t++) {
            const k: Key = fold(key(5), t);
            want = loopStep(plan, want, channels, k, { g: gv, step: h });
            at = fusedLangevinUpdate(at, graph, 2 * h, sigma, k, { gradient: g, step: h });
            made.push(at);
            assert.deepEqual(at.dataSync(), want, `${where}: step ${t + 1}`);
          }
          // The same steps without the rest are the loop's without it (and not the steps with it).
          const plain = fusedLangevinUpdate(x, graph, 2 * h, sigma, fold(key(5), 0));
          const loop = loopStep(plan, xv, channels, fold(key(5), 0), null);
          assert.deepEqual(plain.dataSync(), loop, `${where}: without the rest`);
          assert.notDeepEqual(plain.dataSync(), made[0]!.dataSync(), `${where}: the rest moves the step`);
          tf.dispose([x, g, plain, ...made]);
        }
        releaseGraph(graph);
      }
    } finally {
      setSimdEnabled(true);
      setRingLaplacianMinRows(before.stencil);
      configureThreads(before);
    }
    assert.equal(tf.memory().numTensors, memory, "no tensor leak");
  });

  test(`${backend}: the one-pass step with a rest is X − drift·L X − h·G + σ ξ within float32 rounding of a float64 reference, as is the two-pass step it replaces`, async () => {
    await ready({ backend });
    const memory = tf.memory().numTensors;
    for (const [spec, channels] of [
      [`ring:${5 * NOISE_BLOCK_ROWS + 9}:10`, 2],
      [`ws:${4 * NOISE_BLOCK_ROWS + 1}:6:0.1`, 2],
      [`ring:${2 * NOISE_BLOCK_ROWS + 1}:4`, 3],
    ] as const) {
      const graph = graphFromSpec(spec, key(6));
      const plan = planFor(graph);
      const n = graph.n;
      const xv = plainField(n, channels, 31);
      // G large beside the rounding (|h·G| up to 0.1): a step that leaves it out is far outside the bound.
      const gv = plainField(n, channels, 32).map((v) => 2 * v);
      const k = key(9);
      const noise = langevinNoise(k, [n, channels]);
      const xi = noise.dataSync().slice();
      noise.dispose();
      // The float64 reference, and per entry the magnitudes its float32 forms add up: |x|, drift·(deg|x_i| + Σ|x_j|),
      // h|g|, σ|ξ|. Each form rounds at most deg + 8 times, each by at most U times those magnitudes.
      const want = new Float64Array(n * channels);
      const bound = new Float64Array(n * channels);
      for (let i = 0; i < n; i++) {
        const deg = plan.rowPtr[i + 1]! - plan.rowPtr[i]!;
        for (let c = 0; c < channels; c++) {
          const a = i * channels + c;
          let [lx, scale] = [deg * xv[a]!, deg * Math.abs(xv[a]!)];
          for (let p = plan.rowPtr[i]!; p < plan.rowPtr[i + 1]!; p++) {
            lx -= xv[plan.col[p]! * channels + c]!;
            scale += Math.abs(xv[plan.col[p]! * channels + c]!);
          }
          want[a] = xv[a]! - 2 * h * lx - h * gv[a]! + sigma * xi[a]!;
          bound[a] = (deg + 8) * U * (Math.abs(xv[a]!) + 2 * h * scale + h * Math.abs(gv[a]!) + sigma * Math.abs(xi[a]!));
        }
      }
      const worst = (got: ArrayLike<number>) => {
        let m = 0;
        for (let a = 0; a < want.length; a++) m = Math.max(m, Math.abs(got[a]! - want[a]!) / bound[a]!);
        return m;
      };
      const [x, g] = [tf.tensor2d(xv, [n, channels]), tf.tensor2d(gv, [n, channels])];
      const one = langevinUpdateWithRest(x, graph, { step: h, temperature: T }, k, g);
      const plain = fusedLangevinUpdate(x, graph, 2 * h, sigma, k);
      const two = tf.tidy(() => tf.sub(plain, tf.mul(g, h)));
      const where = `${backend}, ${spec}, ${channels} channels`;
      assert.ok(worst(one.dataSync()) <= 1, `${where}: the one-pass step, ${worst(one.dataSync())} of the bound`);
      assert.ok(worst(two.dataSync()) <= 1, `${where}: the two-pass step, ${worst(two.dataSync())} of the bound`);
      assert.ok(worst(plain.dataSync()) > 1, `${where}: a step without G is outside the bound`);
      tf.dispose([x, g, one, plain, two]);
      releaseGraph(graph);
    }
    assert.equal(tf.memory().numTensors, memory, "no tensor leak");
  });

  test(`${backend}: the step with a rest is differentiable in X and in G (dX = dY − drift·L dY as without it, dG = −h·dY)`, async () => {
    await ready({ backend });
    const graph = graphFromSpec("ring:300:4", key(2));
    const n = graph.n;
    const [x, g, dy] = [plainField(n, 2, 41), plainField(n, 2, 42), plainField(n, 2, 43)].map((v) => tf.tensor2d(v, [n, 2]));
    const k = key(4);
    const [dx, dg] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(fusedLangevinUpdate(a as tf.Tensor2D, graph, 2 * h, sigma, k, { gradient: b as tf.Tensor2D, step: h }), dy!)),
    )([x!, g!]);
    const plainDx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(fusedLangevinUpdate(a as tf.Tensor2D, graph, 2 * h, sigma, k), dy!)))(x!);
    assert.deepEqual(dx!.dataSync(), plainDx.dataSync(), `${backend}: dX as without the rest, bit for bit`);
    // tfjs multiplies by −h as a float32 scalar: one float32 product of dY and f32(−h).
    const minusH = dy!.dataSync().map((v) => Math.fround(v * Math.fround(-h)));
    assert.deepEqual(dg!.dataSync(), minusH, `${backend}: dG = −h·dY`);
    tf.dispose([x!, g!, dy!, dx!, dg!, plainDx]);
    releaseGraph(graph);
  });
}
