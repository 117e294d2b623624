/**
 * §3.3's sweeps inline the library's Metropolis rule for speed (src/ops/sweep-acceptance.ts `sweepAccepts`): they must draw
 * and decide exactly as `metropolisAcceptsLazily` with `flipCost` and `neighbourDraw` do, move for move. Held here
 * against that rule written out, on random landscapes (fields and couplings of both signs), every kernel, hot, cold
 * and at T = 0: the same spins, the same energy changes, the same number of draws. Also copyAndAccept's noisy
 * adversaries and spinCopyRuns' honest-node split, and its two sweeps (the engine's WebAssembly loop and the JavaScript
 * one) forming the same labels and draws.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, uniformSource } from "../../../src/engine/random";
import { metropolisAcceptsLazily } from "../../../src/dynamics/acceptance";
import { flipCost, problemCsr, randomSpins, type ProblemCsr } from "../../../src/spin/problem";
import { copyAndAccept, neighbourDraw, PROPOSAL_KERNELS, updateSweep, type ProposalKernel } from "../../../src/spin/update-kernels";
import { constant } from "../../../src/dynamics/schedules";
import { spinCopyRuns } from "../../../src/studies/ising-isomorphism/spin-copy-runs";
import { ArgumentError } from "../../../src/errors";
import { wattsStrogatzAdjacency } from "../../../src/reference-port/smallworld";
import { prepareSimd, setSimdEnabled } from "../../../src/engine/kernels/simd/simd-module";
import { logarithmic } from "../../../src/dynamics/schedules";

/** The sweep as the rule reads, one library call per step (the code before the rule was inlined). */
function ruleSweep(kernel: ProposalKernel, g: ProblemCsr, spin: Int8Array, temperature: number, u: () => number) {
  let changes = 0,
    deltaH = 0;
  for (let i = 0; i < g.n; i++) {
    if (kernel === "node0" && spin[0] === spin[i]) continue;
    if (kernel === "neighbour") {
      if (g.start[i + 1]! === g.start[i]!) continue;
      if (spin[neighbourDraw(g.start, g.neighbour, i, u)] === spin[i]) continue;
    }
    const cost = flipCost(g, spin, i);
    if (metropolisAcceptsLazily(cost, temperature, u)) {
      spin[i] = -spin[i]! as 1 | -1;
      changes++;
      deltaH += cost;
    }
  }
  return { changes, deltaH };
}

/** A uniform source that counts its draws. */
function counted(seed: number) {
  const source = uniformSource(key(seed));
  const c = { draws: 0, u: () => (c.draws++, source()) };
  return c;
}

test("updateSweep draws and decides as metropolisAcceptsLazily with flipCost does: same spins, ΔH and draws, every kernel and temperature", () => {
  for (let r = 0; r < 12; r++) {
    const shape = uniformSource(fold(key(7), r));
    const n = 30 + Math.floor(shape() * 30);
    const edges: [number, number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (shape() < 0.12) edges.push([i, j, shape() < 0.8 ? 1 : -0.5 + shape()]);
    const g = problemCsr({ n, edges, field: Float64Array.from({ length: n }, () => (shape() < 0.5 ? 0 : shape() - 0.5)) });
    for (const kernel of PROPOSAL_KERNELS)
      for (const T of [50, 2, 0.3, 0]) {
        const start = randomSpins(n, uniformSource(fold(key(8), r)));
        const [a, b] = [Int8Array.from(start), Int8Array.from(start)];
        const [ua, ub] = [counted(100 + r), counted(100 + r)];
        for (let sweep = 0; sweep < 20; sweep++)
          assert.deepEqual(updateSweep(kernel, g, a, T, ua.u), ruleSweep(kernel, g, b, T, ub.u), `${kernel}, T = ${T}, sweep ${sweep}`);
        assert.deepEqual(a, b, `${kernel}, T = ${T}`);
        assert.equal(ua.draws, ub.draws, `${kernel}, T = ${T}: draws`);
      }
  }
  assert.throws(
    () =>
      updateSweep(
        "symmetric",
        problemCsr({ n: 2, edges: [[0, 1, 1]], field: new Float64Array(2) }),
        Int8Array.from([1, -1]),
        -1,
        Math.random,
      ),
    ArgumentError,
  );
});

test("copyAndAccept's noisy nodes redraw their ledger before every sweep and never make a sweep loud", () => {
  // Two edges, 0–1 and 2–3; node 3 is noisy. Under node0 every honest node already holds node 0's ledger (0), so no
  // honest node moves: the first sweep is quiet (frozen after 1 sweep) whatever node 3 drew.
  const adjacency = { n: 4, rowPtr: Int32Array.of(0, 1, 2, 3, 4), col: Int32Array.of(1, 0, 3, 2) };
  const noisy = Uint8Array.of(0, 0, 0, 1);
  const distances = Float64Array.of(0, 4, 4, 0);
  const runs = 2000;
  let ones = 0;
  for (let r = 0; r < runs; r++) {
    const labels = Int32Array.of(0, 0, 0, 0);
    const run = copyAndAccept(adjacency, labels, distances, 2, { schedule: constant(0), kernel: "node0", noisy }, fold(key(7), r));
    assert.deepEqual([run.sweeps, run.frozen], [1, true]);
    assert.deepEqual([...labels.slice(0, 3)], [0, 0, 0]);
    ones += labels[3]!;
  }
  // The noisy ledger is uniform on the two: 2000·½ = 1000, SE √(2000·¼) = 22.4; 4 SE either way.
  assert.ok(Math.abs(ones - runs / 2) < 4 * Math.sqrt(runs / 4), `${ones} of ${runs} on ledger 1`);
});

test("spinCopyRuns counts the honest nodes' split apart: never more runs than the whole network's, for either adversary", () => {
  const stream = (name: string) => fold(key(11), name === "graph" ? 1 : 2);
  for (const adversary of ["pinned", "noisy"] as const) {
    const o = { nodes: 30, runs: 40, kernel: "neighbour" as const, schedule: () => constant(0), adversaries: 0.2, adversary };
    const a = spinCopyRuns(stream, o);
    assert.ok(a.honestSplit <= a.frozenSplit && a.frozenSplit <= a.runs, JSON.stringify(a));
    assert.deepEqual(spinCopyRuns(stream, o), a); // deterministic for its stream
  }
  // Without adversaries every node is honest: the two counts are one.
  const plain = spinCopyRuns(stream, { nodes: 30, runs: 40, kernel: "neighbour", schedule: () => constant(0) });
  assert.equal(plain.honestSplit, plain.frozenSplit);
});

test("copyAndAccept's WebAssembly lanes and its JavaScript loop form the same labels, sweeps and stops: every kernel, pins, noise, stops, K = 2 and 8, whole and fractional costs", async () => {
  assert.ok(await prepareSimd(), "the SIMD module assembles here (wabt is a dependency)");
  const schedules = [logarithmic({ c: 6 }), constant(0), constant(1e9), { name: "geometric", temperature: (t: number) => 100 * 0.95 ** t }];
  let cases = 0;
  for (const kernel of PROPOSAL_KERNELS)
    for (const K of [2, 8])
      for (const scale of [4, Math.PI ** 2])
        // whole costs (the cached factors) and fractional ones (§2.2's injection)
        for (const [s, schedule] of schedules.entries())
          for (const extra of ["none", "pinned", "noisy"] as const)
            for (const stop of [true, false]) {
              const r = cases++;
              const adjacency = wattsStrogatzAdjacency(30, 4, 0.1, uniformSource(fold(key(11), r)));
              const distances = Float64Array.from({ length: K * K }, (_, e) => (Math.floor(e / K) === e % K ? 0 : scale));
              const start = uniformSource(fold(key(12), r));
              const labels = Int32Array.from({ length: 30 }, () => Math.floor(start() * K));
              const mask = Uint8Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? 1 : 0));
              const options = { schedule, kernel, stop, limit: 60, ...(extra === "none" ? {} : { [extra]: mask }) };
              const runs = [true, false].map((on) => {
                setSimdEnabled(on);
                try {
                  const copy = labels.slice();
                  const run = copyAndAccept(adjacency, copy, distances, K, options, fold(key(13), r));
                  return { run, labels: [...copy] };
                } finally {
                  setSimdEnabled(true);
                }
              });
              assert.deepEqual(runs[0], runs[1], `${kernel}, K = ${K}, distance ${scale}, schedule ${s}, ${extra}, stop ${stop}`);
            }
  assert.equal(cases, 3 * 2 * 2 * 4 * 3 * 2);
});
