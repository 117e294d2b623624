/**
 * The fused Langevin step on several threads (issue 23): the SIMD module in every worker over the shared memory,
 * rows split on noise blocks, gives the same numbers bit for bit whatever the thread count (1, 2, 3 — more threads
 * than this machine's cores is fine), on fields whose summation order shows (spreadField), for the CSR step (ws,
 * ring below the stencils' threshold) and the chunked ring and torus stencils, at sizes that end in a short noise
 * block and with chunks small enough that shares cross chunk boundaries. A split off the noise blocks must change
 * the numbers: the check can fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fold, key } from "../../../src/engine/random";
import { NOISE_BLOCK_ROWS } from "../../../src/engine/fastrandom";
import { graphFromSpec } from "../../../src/graph/spec";
import { langevinRows, laplacianRows, noisyDescentRows } from "../../../src/engine/kernels/loops/row-loops";
import { simdNoisyDescentChunked } from "../../../src/engine/kernels/simd/simd-noisy-descent";
import { planFor, type GraphPlan } from "../../../src/engine/kernels/loops/graph-plan";
import { prepareSimd, ringHalfWidth } from "../../../src/engine/kernels/simd/simd-module";
import { simdLangevin2 } from "../../../src/engine/kernels/simd/simd-langevin";
import {
  ringLangevin2,
  ringLaplacian2,
  setRingChunkRows,
  setRingLaplacianMinRows,
} from "../../../src/engine/kernels/stencils/ring-stencil";
import { torusLangevin2 } from "../../../src/engine/kernels/stencils/torus-stencil";
import { configureThreads, parallelThreshold, poolStats, threadCount } from "../../../src/engine/kernels/threads/pool";
import { spreadField } from "../../helpers";

const B = NOISE_BLOCK_ROWS;
type Step = (plan: GraphPlan, x: Float32Array, out: Float32Array, drift: number, sigma: number, k: [number, number]) => void;

/** One step of `run` on `threads` threads (every size goes to the workers: threshold 0). */
function stepOn(threads: number, run: Step, plan: GraphPlan, x: Float32Array, k: [number, number], splitAlign = B): Float32Array {
  configureThreads({ threads, threshold: 0, splitAlign });
  const out = new Float32Array(x.length);
  try {
    run(plan, x, out, 0.03, 0.9, k);
  } finally {
    configureThreads({ splitAlign: B });
  }
  return out;
}

// Sizes that end in a short noise block (n mod B ≠ 0), split into shares of uneven block counts.
const SIZES = [5 * B + 37, 9 * B - 1, 12 * B + 513];
const cases: Array<{ spec: (n: number) => string; run: Step; name: string }> = [
  { name: "CSR step (ws)", spec: (n) => `ws:${n}:6:0.1`, run: simdLangevin2 },
  { name: "CSR step, ring stencil rows", spec: (n) => `ring:${n}:10`, run: simdLangevin2 },
  { name: "chunked ring stencil", spec: (n) => `ring:${n}:10`, run: ringLangevin2 },
];

test("the fused Langevin step is bit-identical on 1, 2 and 3 threads: ws, ring, torus; short blocks, chunk boundaries", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles (wabt)");
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  const chunk = setRingChunkRows(2 * B); // shares of several chunks: chunk boundaries inside every share
  const minRows = setRingLaplacianMinRows(0);
  try {
    const all = [
      ...SIZES.flatMap((n) =>
        cases.map((c) => ({ name: `${c.name} n=${n}`, plan: planFor(graphFromSpec(c.spec(n), key(1))), run: c.run })),
      ),
      // torus:83 (6889 nodes: a short last block) and torus:120 (14400): the stencil and the CSR step.
      ...[83, 120].flatMap((L) => [
        { name: `torus stencil L=${L}`, plan: planFor(graphFromSpec(`torus:${L}`, key(1))), run: torusLangevin2 as Step },
        { name: `torus CSR step L=${L}`, plan: planFor(graphFromSpec(`torus:${L}`, key(1))), run: simdLangevin2 as Step },
      ]),
    ];
    for (const { name, plan, run } of all) {
      if (name.startsWith("CSR step, ring")) assert.ok(ringHalfWidth(plan) > 0, `${name}: the interior rows' stencil`);
      const x = spreadField(plan.n, plan.n);
      const k = fold(key(23), plan.n) as [number, number];
      const want = new Float32Array(x.length);
      langevinRows(plan, x, 2, 0.03, 0.9, k, want, 0, plan.n, new Float32Array(2 * B));
      for (const threads of [1, 2, 3]) {
        const shares = poolStats.workerShares;
        const got = stepOn(threads, run, plan, x, k);
        if (threads > 1) assert.equal(poolStats.workerShares - shares, threads - 1, `${name}: ${threads} threads took part`);
        assert.deepEqual(got, want, `${name}: ${threads} threads equal the single-thread JavaScript loop`);
      }
    }
  } finally {
    setRingChunkRows(chunk);
    setRingLaplacianMinRows(minRows);
    configureThreads(before);
  }
});

test("a split off the noise blocks changes the numbers (the bit-identity check above can fail)", async () => {
  assert.ok(await prepareSimd());
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  const minRows = setRingLaplacianMinRows(0);
  try {
    for (const [spec, run] of [
      [`ws:${5 * B + 37}:6:0.1`, simdLangevin2],
      [`ring:${5 * B + 37}:10`, ringLangevin2],
      ["torus:83", torusLangevin2],
    ] as const) {
      const plan = planFor(graphFromSpec(spec, key(1)));
      const x = spreadField(plan.n, 5);
      const k = key(24) as [number, number];
      const one = stepOn(1, run, plan, x, k);
      assert.deepEqual(stepOn(2, run, plan, x, k), one, `${spec}: aligned split`);
      // Split points on multiples of B/2: the second share starts inside a noise block and draws the wrong stream.
      assert.notDeepEqual(stepOn(2, run, plan, x, k, B / 2), one, `${spec}: a split inside a noise block must show`);
    }
  } finally {
    setRingLaplacianMinRows(minRows);
    configureThreads(before);
  }
});

test("the ring stencil's L·X in the SIMD module equals the CSR loop bit for bit on 1, 2 and 3 threads, its energy sum too", async () => {
  assert.ok(await prepareSimd());
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  const chunk = setRingChunkRows(2 * B);
  try {
    for (const n of [...SIZES, 41]) {
      for (const k of [4, 10, 2 * 10 + 2]) {
        if (n <= 4 * (k / 2)) continue;
        const plan = planFor(graphFromSpec(`ring:${n}:${k}`, key(1)));
        const x = spreadField(n, n + k);
        const want = new Float32Array(2 * n);
        laplacianRows(plan, x, 2, want, 0, n, 0.7);
        let dot = 0;
        for (let a = 0; a < 2 * n; a++) dot += x[a]! * want[a]!;
        for (const threads of [1, 2, 3]) {
          configureThreads({ threads, threshold: 0 });
          const got = new Float32Array(2 * n);
          const energy = ringLaplacian2(plan, x, got, 0.7);
          assert.deepEqual(got, want, `ring:${n}:${k} on ${threads} threads`);
          assert.equal(energy, dot, `ring:${n}:${k} energy sum on ${threads} threads`);
        }
      }
    }
  } finally {
    setRingChunkRows(chunk);
    configureThreads(before);
  }
});

test("the noisy descent (ULA/MALA proposal) in the SIMD module equals the JavaScript loop on 1, 2 and 3 threads", async () => {
  assert.ok(await prepareSimd());
  const before = { threads: threadCount(), threshold: parallelThreshold() };
  try {
    // Short last blocks, one to three channels, and 70 001 rows: more than a chunk (NOISY_CHUNK_ROWS) per share.
    for (const [rows, channels] of [
      [5 * B + 37, 2],
      [9 * B - 1, 1],
      [12 * B + 513, 3],
      [70001, 2],
    ] as const) {
      const x = spreadField((rows * channels) / 2 + 1, rows).subarray(0, rows * channels);
      const g = spreadField((rows * channels) / 2 + 1, rows + 1).subarray(0, rows * channels);
      const k = fold(key(25), rows) as [number, number];
      const want = new Float32Array(rows * channels);
      noisyDescentRows(x, g, channels, 0.01, 0.7, k, want, 0, rows);
      for (const threads of [1, 2, 3]) {
        configureThreads({ threads, threshold: 0 });
        const got = new Float32Array(rows * channels);
        assert.ok(simdNoisyDescentChunked(x, g, got, channels, rows, 0.01, 0.7, k));
        assert.deepEqual(got, want, `${rows} × ${channels} on ${threads} threads`);
      }
      // A split inside a noise block shows here too.
      configureThreads({ threads: 2, threshold: 0, splitAlign: B / 2 });
      const wrong = new Float32Array(rows * channels);
      simdNoisyDescentChunked(x, g, wrong, channels, rows, 0.01, 0.7, k);
      configureThreads({ splitAlign: B });
      // (70 001 rows: the cut at 34 816 = 34 B falls on a block by chance, so that case proves nothing.)
      if (rows < 65536) assert.notDeepEqual(wrong, want, `${rows} × ${channels}: a split inside a noise block must show`);
    }
  } finally {
    configureThreads({ ...before, splitAlign: B });
  }
});

test("threads default to the machine's cores; EMTD_THREADS sets them (1 … 64)", () => {
  const count = (env: Record<string, string>) =>
    execFileSync(
      process.execPath,
      [
        "-e",
        `process.stdout.write(String(require(${JSON.stringify(require.resolve("../../../src/engine/kernels/threads/pool"))}).threadCount()))`,
      ],
      {
        env: { ...process.env, EMTD_THREADS: "", ...env },
      },
    ).toString();
  assert.equal(count({}), String(availableParallelism()));
  assert.equal(count({ EMTD_THREADS: "1" }), "1");
  assert.equal(count({ EMTD_THREADS: "3" }), "3");
  assert.equal(count({ EMTD_THREADS: "500" }), "64");
});
