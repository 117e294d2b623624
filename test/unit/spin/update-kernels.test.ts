/**
 * §3.3's sweeps inline the library's Metropolis rule for speed (src/spin/update-kernels.ts `accepts`): they must draw
 * and decide exactly as `metropolisAcceptsLazily` with `flipCost` and `neighbourDraw` do, move for move. Held here
 * against that rule written out, on random landscapes (fields and couplings of both signs), every kernel, hot, cold
 * and at T = 0: the same spins, the same energy changes, the same number of draws.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, uniformSource } from "../../../src/engine/random";
import { metropolisAcceptsLazily } from "../../../src/dynamics/acceptance";
import { flipCost, problemCsr, randomSpins, type ProblemCsr } from "../../../src/spin/problem";
import { neighbourDraw, PROPOSAL_KERNELS, updateSweep, type ProposalKernel } from "../../../src/spin/update-kernels";
import { ArgumentError } from "../../../src/errors";

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
