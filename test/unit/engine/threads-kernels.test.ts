/**
 * L·X, the interaction's energy and gradient, and the Ising checkerboard sweep in the SIMD module on several threads
 * (issue 23, kernels/simd/simd-rows): bit-identical on 1, 2 and 3 threads to the single-threaded JavaScript loops, on
 * fields whose summation order shows (spreadField), on ws graphs and rings (CSR with the interior rows' stencil, and
 * the structured ring's chunked stencil), with workers taking part (poolStats) and no tensors left behind. The
 * interaction's energy is summed per noise block of rows, then over the blocks in order, on every path: a split inside
 * a noise block changes it (the check can fail), while L·X and the Ising rows, independent, keep their numbers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fold, key } from "../../../src/engine/random";
import { NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { graphFromSpec } from "../../../src/graph/spec";
import {
  isingColourRows,
  isingObservables,
  isingThresholds,
  laplacianRows,
  padSpins,
  refreshGhosts,
} from "../../../src/engine/kernels/loops/row-loops";
import { planFor } from "../../../src/engine/kernels/loops/graph-plan";
import { prepareSimd, setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { simdInteraction2, simdIsingSweeps, simdLaplacian2 } from "../../../src/engine/kernels/simd/simd-rows";
import { blockwiseDot } from "../../../src/engine/kernels/configs/interaction-kernel";
import { setRingChunkRows, setRingLaplacianMinRows } from "../../../src/engine/kernels/stencils/ring-stencil";
import { configureThreads, parallelThreshold, planCuts, poolStats, threadCount } from "../../../src/engine/kernels/threads/pool";
import { interactionEnergyAndGradient } from "../../../src/ops/interaction";
import { isingSweeps } from "../../../src/ops/ising-sweep";
import { releaseGraph } from "../../../src/ops/tensors";
import { onEachBackend, spreadField, tensorsLeaked } from "../../helpers";

const B = NOISE_BLOCK_ROWS;
// Sizes that end in a short noise block, split into shares of uneven block counts.
const SIZES = [5 * B + 37, 9 * B - 1, 12 * B + 513];
const SPECS = [(n: number) => `ws:${n}:6:0.1`, (n: number) => `ring:${n}:10`];

/** Run `body` with `threads` threads on every size (threshold 0), the configuration restored afterwards. */
function onThreads<T>(threads: number, body: () => T, splitAlign = B): T {
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  configureThreads({ threads, threshold: 0, splitAlign });
  try {
    return body();
  } finally {
    configureThreads({ ...before, splitAlign: B });
  }
}

/** The energy as the one-thread JavaScript loop summed it before: one sequential sum over the elements. */
function sequentialDot(x: Float32Array, g: Float32Array): number {
  let e = 0;
  for (let a = 0; a < x.length; a++) e += x[a]! * g[a]!;
  return e;
}

test("L·X and the interaction in the SIMD module are bit-identical on 1, 2 and 3 threads: ws and ring, short blocks", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles (wabt)");
  const shows = new Set<string>();
  for (const n of SIZES) {
    for (const spec of SPECS.map((s) => s(n))) {
      const plan = planFor(graphFromSpec(spec, key(1)));
      const x = spreadField(n, n + spec.length);
      const lx = new Float32Array(2 * n);
      laplacianRows(plan, x, 2, lx, 0, n, 0.7);
      const grad = new Float32Array(2 * n);
      laplacianRows(plan, x, 2, grad, 0, n, 2 * 1.3);
      const energy = blockwiseDot(x, grad, 2, n) / 2;
      // Whether the field shows summation order here: the block order is not the one sequential sum's.
      if (energy !== sequentialDot(x, grad) / 2) shows.add(spec.split(":")[0]!);
      for (const threads of [1, 2, 3]) {
        const shares = poolStats.workerShares;
        const [gotLx, gotGrad, gotEnergy] = onThreads(threads, () => {
          const out = new Float32Array(2 * n);
          simdLaplacian2(plan, x, out, 0.7);
          const g = new Float32Array(2 * n);
          return [out, g, simdInteraction2(plan, x, g, 1.3)] as const;
        });
        assert.equal(poolStats.workerShares - shares, 2 * (threads - 1), `${spec}: ${threads} threads took part`);
        assert.deepEqual(gotLx, lx, `${spec}: L·X on ${threads} threads`);
        assert.deepEqual(gotGrad, grad, `${spec}: gradient on ${threads} threads`);
        assert.equal(gotEnergy, energy, `${spec}: energy on ${threads} threads`);
      }
    }
  }
  assert.deepEqual([...shows].sort(), ["ring", "ws"], "the fields show the energy's summation order on both graphs");
});

test("a split inside a noise block changes the interaction's energy, not L·X or the gradient (rows are independent)", async () => {
  assert.ok(await prepareSimd());
  for (const spec of [`ws:${5 * B + 37}:6:0.1`, `ring:${9 * B - 1}:10`]) {
    const plan = planFor(graphFromSpec(spec, key(1)));
    const x = spreadField(plan.n, 7);
    const run = (threads: number, align = B) =>
      onThreads(
        threads,
        () => {
          const cuts = planCuts(plan);
          const out = new Float32Array(2 * plan.n);
          simdLaplacian2(plan, x, out, 1);
          const g = new Float32Array(2 * plan.n);
          return { cuts, out, g, e: simdInteraction2(plan, x, g, 1) };
        },
        align,
      );
    const one = run(1);
    const aligned = run(2);
    const off = run(2, B / 2);
    assert.ok(off.cuts[1]! % B !== 0, `${spec}: the split ${off.cuts[1]} falls inside a noise block`);
    assert.equal(aligned.e, one.e, `${spec}: aligned split`);
    assert.deepEqual(off.out, one.out, `${spec}: L·X keeps its numbers`);
    assert.deepEqual(off.g, one.g, `${spec}: the gradient keeps its numbers`);
    assert.notEqual(off.e, one.e, `${spec}: a split inside a noise block must show in the energy`);
  }
});

test("the interaction kernel forms its energy alike on every path (SIMD, JavaScript, ring and torus stencils) and thread count", async () => {
  assert.ok(await prepareSimd());
  const chunk = setRingChunkRows(2 * B); // shares of several chunks
  try {
    await onEachBackend((backend) => {
      // (torus:111: 12 321 nodes; its boundary nodes and interior runs are separate calls inside every block)
      for (const spec of [`ws:${9 * B - 1}:6:0.1`, `ring:${12 * B + 513}:10`, "torus:111"]) {
        const g = graphFromSpec(spec, key(2));
        const n = g.n;
        // Spread magnitudes scaled by 2⁻⁴⁵ (exactly), so that the float32 energy does not overflow.
        const values = spreadField(n, 11).map((v) => v * 2 ** -45);
        const grad = new Float32Array(2 * n);
        laplacianRows(planFor(g), values, 2, grad, 0, n, 2 * 0.6);
        const want = Math.fround(blockwiseDot(values, grad, 2, n) / 2);
        const x = tf.tensor2d(values, [n, 2]);
        const paths: Array<[string, () => void, () => void]> = [
          ["SIMD", () => undefined, () => undefined],
          ["JavaScript", () => setSimdEnabled(false), () => setSimdEnabled(true)],
        ];
        let minRows = 0;
        if (!spec.startsWith("ws"))
          paths.push(["stencil", () => (minRows = setRingLaplacianMinRows(0)), () => setRingLaplacianMinRows(minRows)]);
        for (const [path, on, off] of paths) {
          for (const threads of [1, 2, 3]) {
            on();
            try {
              const leaked = tensorsLeaked(() =>
                onThreads(threads, () => {
                  const r = interactionEnergyAndGradient(x, g, 0.6);
                  assert.deepEqual(r.gradient.dataSync(), grad, `${backend} ${spec} ${path}: gradient on ${threads} threads`);
                  assert.equal(r.energy.dataSync()[0], want, `${backend} ${spec} ${path}: energy on ${threads} threads`);
                  tf.dispose([r.energy, r.gradient]);
                }),
              );
              assert.equal(leaked, 0, `${backend} ${spec} ${path}: no tensors left behind`);
            } finally {
              off();
            }
          }
        }
        x.dispose();
        releaseGraph(g);
      }
    });
  } finally {
    setRingChunkRows(chunk);
  }
});

/** `sweeps` sweeps of the single-thread JavaScript loop: the lattice, the flips and [H, M]. */
function isingReference(spins: Float32Array, L: number, beta: number, sweeps: number, k: [number, number]) {
  const padded = new Int8Array((L + 2) * (L + 2));
  padSpins(spins, L, padded);
  const table = isingThresholds(beta);
  let flips = 0;
  for (let t = 0; t < sweeps; t++) {
    for (let colour = 0; colour < 2; colour++) {
      flips += isingColourRows(padded, L, colour, table, fold(k, t), 0, L);
      refreshGhosts(padded, L);
    }
  }
  const observed = new Int32Array(2);
  isingObservables(padded, L, observed);
  return { padded, flips, observed };
}

test("the Ising sweep in the SIMD module is identical on 1, 2 and 3 threads: lattice, flips, H and M", async () => {
  assert.ok(await prepareSimd());
  for (const [L, beta] of [
    [34, 0.3],
    [64, 0.44],
    [50, 0.6],
  ] as const) {
    const spins = Float32Array.from({ length: L * L }, (_, i) => ((Math.imul(i + L, 0x9e3779b1) >>> 16) & 1 ? 1 : -1));
    const k = key(30 + L) as [number, number];
    const want = isingReference(spins, L, beta, 4, k);
    for (const threads of [1, 2, 3]) {
      const shares = poolStats.workerShares;
      const got = onThreads(threads, () => {
        const padded = new Int8Array((L + 2) * (L + 2));
        padSpins(spins, L, padded);
        const observed = new Int32Array(2);
        const flips = simdIsingSweeps(padded, L, isingThresholds(beta), 4, (t) => fold(k, t), refreshGhosts, observed);
        return { padded, flips, observed };
      });
      assert.equal(poolStats.workerShares - shares, 4 * 2 * (threads - 1), `L=${L}: ${threads} threads took part`);
      assert.deepEqual(got, want, `L=${L} on ${threads} threads`);
    }
  }
  // Through the tensor API on both backends, no tensors left behind.
  await onEachBackend((backend) => {
    const L = 48;
    const init = tf.tidy(() => tf.sign(tf.sub(tf.randomUniform([L, L], 0, 1, "float32", 3), 0.5))) as tf.Tensor2D;
    const runs = [1, 2, 3].map((threads) => {
      let out: { values: number[]; flips: number; energy: number; magnetization: number } | null = null;
      const leaked = tensorsLeaked(() =>
        onThreads(threads, () => {
          const r = isingSweeps(init, { beta: 0.42, sweeps: 5 }, key(31));
          out = { values: Array.from(r.spins.dataSync()), flips: r.flips, energy: r.energy, magnetization: r.magnetization };
          r.spins.dispose();
        }),
      );
      assert.equal(leaked, 0, `${backend}: no tensors left behind on ${threads} threads`);
      return out!;
    });
    assert.deepEqual(runs[1], runs[0], `${backend}: 2 threads`);
    assert.deepEqual(runs[2], runs[0], `${backend}: 3 threads`);
    init.dispose();
  });
});
