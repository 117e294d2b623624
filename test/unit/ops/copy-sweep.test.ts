/**
 * The copy update's front end (ops/copy-sweep): its SIMD lanes (`copyRuns`) and its JavaScript loop
 * (`copyRunsReference`) form the same labels, sweeps and stops for every run, bit for bit, whether the run is alone or
 * in a call of 2, 3, 4, 7 or 12 runs and on one thread or two (each run's draws are Philox under its own key), and at
 * two ledgers with costs not whole at T = 0, where only the same sums in the same order agree (a sum taken in another
 * order fails it); the update's law is the Boltzmann law of H/2 under the symmetric kernel (exact enumeration); malformed inputs are
 * refused naming the argument. §3.3's loop on both paths is in test/unit/spin/update-kernels.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, uniformSource, type Key } from "../../../src/engine/random";
import { prepareSimd, simdReady } from "../../../src/engine/kernels/simd/simd-module";
import { configureThreads, threadCount } from "../../../src/engine/kernels/threads/pool";
import { copyRuns, copyRunsReference, type CopyKernel, type CopyRunInput } from "../../../src/ops/copy-sweep";
import { wattsStrogatzAdjacency } from "../../../src/reference-port/smallworld";
import { ArgumentError } from "../../../src/errors";

const KERNELS: readonly CopyKernel[] = ["node0", "neighbour", "symmetric"];

/** Twelve unlike runs: sizes 24 … 35 (groups pad the smaller), pins, noise, both stops, limits, counters and schedules. */
function runsFor(K: number, seed: number): { runs: CopyRunInput[]; keys: Key[] } {
  const runs = Array.from({ length: 12 }, (_, r): CopyRunInput => {
    const n = 24 + r;
    const network = wattsStrogatzAdjacency(n, 4, 0.2, uniformSource(fold(key(seed), r)));
    const start = uniformSource(fold(key(seed + 1), r));
    const labels = Int32Array.from({ length: n }, () => Math.floor(start() * K));
    const mask = Uint8Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 1 : 0));
    const T0 = [100, 3, 0.7, 0][r % 4]!;
    return {
      network,
      labels,
      ...(r % 3 === 1 ? { pinned: mask } : r % 3 === 2 ? { noisy: mask } : {}),
      schedule: { temperature: (t) => T0 * 0.9 ** t },
      limit: 20 + 7 * r,
      stop: r % 2 === 0,
      from: r % 5 === 4 ? 1000 + r : 0,
    };
  });
  return { runs, keys: runs.map((_, r) => fold(key(seed + 2), r)) };
}

const copyOf = (run: CopyRunInput): CopyRunInput => ({ ...run, labels: run.labels.slice() });

test("each run's lanes equal its JavaScript loop bit for bit, alone or beside 1, 2, 3, 6 or 11 others, on 1 or 2 threads", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles here");
  assert.ok(simdReady());
  const threads = threadCount();
  let compared = 0;
  try {
    for (const kernel of KERNELS)
      for (const K of [2, 5]) {
        const distances = Float64Array.from({ length: K * K }, (_, e) => (Math.floor(e / K) === e % K ? 0 : [4, Math.PI ** 2, 1][e % 3]!));
        const ledgers = { distances, K, kernel };
        // Seeds 50 + K: on Philox's draws every kernel and K has a run that stops there (40 + K left symmetric K = 5 none).
        const { runs, keys } = runsFor(K, 50 + K);
        const alone = runs.map((run, r) => {
          const copy = copyOf(run);
          const [end] = copyRunsReference([copy], ledgers, [keys[r]!]);
          return { end, labels: [...copy.labels] };
        });
        assert.ok(alone.some((a) => a.end!.sweeps > 1) && alone.some((a) => a.end!.frozen), "runs that sweep and stop");
        for (const count of [1, 2, 3, 4, 7, 12])
          for (const t of [1, 2]) {
            configureThreads({ threads: t });
            const batch = runs.slice(0, count).map(copyOf);
            const ends = copyRuns(batch, ledgers, keys.slice(0, count));
            batch.forEach((run, r) => {
              const where = `${kernel}, K = ${K}, run ${r} of ${count} on ${t} thread(s)`;
              assert.deepEqual(ends[r], alone[r]!.end, `${where}: sweeps and stop`);
              assert.deepEqual([...run.labels], alone[r]!.labels, `${where}: labels`);
              compared++;
            });
          }
      }
  } finally {
    configureThreads({ threads });
  }
  assert.equal(compared, 3 * 2 * 2 * (1 + 2 + 3 + 4 + 7 + 12));
});

test("two ledgers at values 0 and 3.14159 (distances (x − y)², costs not whole): lanes equal the JavaScript loop bit for bit", async () => {
  // K = 2 takes the lanes' two-term path: each term is ±½·3.14159², summed in neighbour order. At T = 0 a move is
  // taken only at a cost ≤ 0, so a sum rounded otherwise (a tie summed to a tiny positive) changes the labels.
  assert.ok(await prepareSimd(), "the SIMD module assembles here");
  const x = [0, 3.14159];
  const distances = Float64Array.from({ length: 4 }, (_, e) => (x[e >> 1]! - x[e & 1]!) ** 2);
  const threads = threadCount();
  try {
    for (const kernel of KERNELS) {
      // Degrees 2 … 8 against T = 0 (half the runs), 0.5 and 4, a noisy node in every sixth of a third of the runs.
      const runs = Array.from({ length: 24 }, (_, r): CopyRunInput => {
        const n = 30 + r;
        const start = uniformSource(fold(key(71), r));
        const T0 = [0, 0, 0.5, 4][r % 4]!;
        return {
          network: wattsStrogatzAdjacency(n, 2 + 2 * ((r >> 2) % 4), 0.3, uniformSource(fold(key(70), r))),
          labels: Int32Array.from({ length: n }, () => (start() < 0.5 ? 0 : 1)),
          ...(r % 3 === 1 ? { noisy: Uint8Array.from({ length: n }, (_, i) => (i % 6 === 1 ? 1 : 0)) } : {}),
          schedule: { temperature: (t) => T0 / (1 + t) },
          limit: 60,
          stop: r % 2 === 1,
        };
      });
      const keys = runs.map((_, r) => fold(key(72), r));
      const ledgers = { distances, K: 2, kernel };
      const reference = runs.map(copyOf);
      const expected = copyRunsReference(reference, ledgers, keys);
      for (const t of [1, 2]) {
        configureThreads({ threads: t });
        const lanes = runs.map(copyOf);
        assert.deepEqual(copyRuns(lanes, ledgers, keys), expected, `${kernel} on ${t} thread(s): sweeps and stops`);
        lanes.forEach((run, r) =>
          assert.deepEqual([...run.labels], [...reference[r]!.labels], `${kernel}, run ${r}, ${t} thread(s): labels`),
        );
      }
    }
  } finally {
    configureThreads({ threads });
  }
});

test("the update's law: under the symmetric kernel the end of a long run is Boltzmann's for H/2, within 4 standard errors", () => {
  // A 4-cycle of K = 3 ledgers at unit distance, T = 0.8: node i's cost is ½Σ_j Δd, so each node's update is
  // Metropolis for H/2 with H = Σ_edges d(s_i, s_j), and a sweep keeps exp(−H/(2T)). Exact ⟨H⟩ by enumerating 3⁴ states.
  const n = 4,
    K = 3,
    T = 0.8;
  const network = { n, rowPtr: Int32Array.of(0, 2, 4, 6, 8), col: Int32Array.of(1, 3, 0, 2, 1, 3, 2, 0) };
  const distances = Float64Array.from({ length: K * K }, (_, e) => (Math.floor(e / K) === e % K ? 0 : 1));
  const energy = (s: ArrayLike<number>) => {
    let h = 0;
    for (let i = 0; i < n; i++) h += distances[s[i]! * K + s[(i + 1) % n]!]!;
    return h;
  };
  let z = 0,
    mean = 0;
  for (let code = 0; code < K ** n; code++) {
    const s = [0, 1, 2, 3].map((i) => Math.floor(code / K ** i) % K);
    const w = Math.exp(-energy(s) / (2 * T));
    z += w;
    mean += w * energy(s);
  }
  mean /= z;
  const R = 4000;
  const runs = Array.from({ length: R }, (_, r): CopyRunInput => ({
    network,
    labels: Int32Array.from({ length: n }, (_, i) => (r + i) % K),
    schedule: { temperature: () => T },
    limit: 40,
    stop: false,
  }));
  copyRuns(
    runs,
    { distances, K, kernel: "symmetric" },
    runs.map((_, r) => fold(key(9), r)),
  );
  const h = runs.map((run) => energy(run.labels));
  const m = h.reduce((a, b) => a + b, 0) / R;
  const se = Math.sqrt(h.reduce((a, b) => a + (b - m) ** 2, 0) / (R - 1) / R);
  assert.ok(se > 0.01 && Math.abs(m - mean) < 4 * se, `⟨H⟩ ${m.toFixed(4)} against exact ${mean.toFixed(4)} (SE ${se.toFixed(4)})`);
  // A law with the ½ dropped (Boltzmann for H itself) is far outside: the test can fail.
  let zH = 0,
    meanH = 0;
  for (let code = 0; code < K ** n; code++) {
    const s = [0, 1, 2, 3].map((i) => Math.floor(code / K ** i) % K);
    zH += Math.exp(-energy(s) / T);
    meanH += Math.exp(-energy(s) / T) * energy(s);
  }
  assert.ok(Math.abs(m - meanH / zH) > 8 * se, "the measurement tells H/2 from H");
});

test("the front end refuses malformed inputs, naming the argument", () => {
  const network = wattsStrogatzAdjacency(10, 2, 0, uniformSource(key(1)));
  const ledgers = { distances: Float64Array.of(0, 1, 1, 0), K: 2, kernel: "neighbour" as CopyKernel };
  const run: CopyRunInput = { network, labels: new Int32Array(10), schedule: { temperature: () => 1 }, limit: 5, stop: true };
  const k = [key(2)];
  const cases: [() => unknown, string][] = [
    [() => copyRuns([{ ...run, network: { ...network, n: -1 } }], ledgers, k), "network.n"],
    [() => copyRuns([{ ...run, network: { ...network, rowPtr: network.rowPtr.subarray(0, 5) } }], ledgers, k), "network.rowPtr"],
    [() => copyRuns([{ ...run, network: { ...network, col: Int32Array.from(network.col, () => 10) } }], ledgers, k), "network.col"],
    [() => copyRuns([run], { ...ledgers, K: 0 }, k), "K"],
    [() => copyRuns([run], { ...ledgers, kernel: "gossip" as CopyKernel }, k), "kernel"],
    [() => copyRuns([run], { ...ledgers, K: 3 }, k), "distances"],
    [() => copyRuns([{ ...run, labels: new Int32Array(9) }], ledgers, k), "labels"],
    [() => copyRuns([{ ...run, labels: Int32Array.of(0, 0, 2, 0, 0, 0, 0, 0, 0, 0) }], ledgers, k), "labels"],
    [() => copyRuns([{ ...run, pinned: new Uint8Array(3) }], ledgers, k), "pinned"],
    [() => copyRuns([{ ...run, noisy: new Uint8Array(3) }], ledgers, k), "noisy"],
    [() => copyRuns([{ ...run, limit: -1 }], ledgers, k), "limit"],
    [() => copyRuns([{ ...run, from: -1 }], ledgers, k), "from"],
    [() => copyRuns([run], ledgers, []), "keys"],
    [() => copyRuns([run], ledgers, [[1, 2, 3] as unknown as Key]), "keys"],
    [() => copyRuns([{ ...run, schedule: { temperature: () => -1 } }], ledgers, k), "temperature"],
    [() => copyRunsReference([{ ...run, schedule: { temperature: () => Number.NaN } }], ledgers, k), "temperature"],
  ];
  for (const [call, argument] of cases)
    assert.throws(call, (e: unknown) => e instanceof ArgumentError && e.argument === argument, `refused naming ${argument}`);
});
