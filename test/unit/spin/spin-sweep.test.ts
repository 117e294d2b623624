/**
 * §3.3's ±1-spin sweep in WebAssembly (engine/kernels/simd/spin-sweep, through spin/update-kernels `spinSweeps`) is
 * updateSweep on uniformSource(k), bit for bit: the same spins, changes, energy changes and draws, on random
 * landscapes (fields and couplings of both signs, so whole and fractional costs), every kernel, hot, cold, at a
 * temperature where every uphill factor underflows and at T = 0, with graphs alternating (each laid out again); a sweep
 * that might draw past the module's positions is refused (the caller's JavaScript sweep goes on from there).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fold, key, uniformSource } from "../../../src/engine/random";
import { problemCsr, randomSpins, type ProblemCsr } from "../../../src/spin/problem";
import { PROPOSAL_KERNELS, runSweeps, runUpdateLoop, spinSweeps, updateSweep } from "../../../src/spin/update-kernels";
import { prepareSpinSweep, spinSweepWasm, SWEEP_KERNEL, SWEEP_POSITIONS } from "../../../src/engine/kernels/simd/spin-sweep";
import { geometric } from "../../../src/dynamics/schedules";
import { ArgumentError } from "../../../src/errors";

/** A random landscape of 30–59 nodes: couplings 1 or fractional of either sign, fields 0 or fractional. */
function landscape(r: number): ProblemCsr {
  const shape = uniformSource(fold(key(17), r));
  const n = 30 + Math.floor(shape() * 30);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (shape() < 0.12) edges.push([i, j, shape() < 0.8 ? 1 : -0.5 + shape()]);
  return problemCsr({ n, edges, field: Float64Array.from({ length: n }, () => (shape() < 0.5 ? 0 : shape() - 0.5)) });
}

test("the WebAssembly sweep is updateSweep on the same stream: spins, changes, ΔH and draws, every kernel and temperature", async () => {
  assert.equal(await prepareSpinSweep(), true, "the module builds here (wabt and SIMD present): the tests below need it");
  const graphs = [0, 1, 2, 3, 4, 5].map(landscape);
  for (const kernel of PROPOSAL_KERNELS)
    for (const T of [50, 2, 0.3, 1e-300, 0]) {
      // Two graphs' runs in turn, so each sweep finds the other graph laid out.
      const runs = graphs.map((g, r) => {
        const k = fold(key(18), r);
        const counter = { draws: 0 };
        const source = uniformSource(k);
        const u = () => (counter.draws++, source());
        const start = randomSpins(g.n, uniformSource(fold(key(19), r)));
        return { g, k, u, counter, js: Int8Array.from(start), wasm: Int8Array.from(start), position: 0, owner: {} };
      });
      for (let sweep = 0; sweep < 25; sweep++)
        for (const run of runs) {
          const want = updateSweep(kernel, run.g, run.js, T, run.u);
          const got = spinSweepWasm(run.owner, run.g, SWEEP_KERNEL[kernel], run.wasm, T, run.k[0], run.k[1], run.position);
          assert.ok(got !== null);
          const where = `${kernel}, T = ${T}, n = ${run.g.n}, sweep ${sweep}`;
          assert.deepEqual({ changes: got.changes, deltaH: got.deltaH }, want, where);
          assert.deepEqual(run.wasm, run.js, where);
          assert.equal(got.position, run.counter.draws, `${where}: the stream's position`);
          run.position = got.position;
        }
    }
});

test("spinSweeps and runSweeps give runUpdateLoop's runs; a sweep that might pass the module's positions is left to JavaScript", async () => {
  assert.equal(await prepareSpinSweep(), true);
  for (const kernel of PROPOSAL_KERNELS)
    for (let r = 0; r < 6; r++) {
      const g = landscape(10 + r);
      const start = randomSpins(g.n, uniformSource(fold(key(20), r)));
      const [a, b] = [Int8Array.from(start), Int8Array.from(start)];
      const o = { limit: 300, stop: r % 2 === 0 };
      const schedule = () => geometric({ initial: 20, rate: 0.97 });
      const want = runUpdateLoop(kernel, g, a, schedule(), uniformSource(fold(key(21), r)), o);
      assert.deepEqual(runSweeps(kernel, b, schedule(), spinSweeps(kernel, g, fold(key(21), r)), o), want, `${kernel}, run ${r}`);
      assert.deepEqual(b, a, `${kernel}, run ${r}`);
    }
  const g = landscape(0);
  const spin = new Int8Array(g.n).fill(1);
  assert.equal(spinSweepWasm({}, g, 1, spin, 1, 1, 2, SWEEP_POSITIONS - 2 * g.n + 1), null, "past the module's positions: null");
  assert.ok(spinSweepWasm({}, g, 1, spin, 1, 1, 2, SWEEP_POSITIONS - 2 * g.n) !== null, "up to them: swept");
  assert.throws(() => spinSweeps("neighbour", g, key(1))(new Int8Array(g.n + 1), 1), ArgumentError, "a state of another size");
  assert.throws(() => spinSweeps("neighbour", g, key(1))(spin, -1), ArgumentError, "a negative temperature");
  assert.throws(() => spinSweeps("other" as "node0", g, key(1)), ArgumentError, "an unknown kernel");
});

test("uniformSource(k, from) is the stream from draw `from` on, either side of its switch to filled blocks", () => {
  for (const from of [0, 1, 2, 15, 16, 17, 143, 144, 145, 1001]) {
    const whole = uniformSource(key(22));
    for (let n = 0; n < from; n++) whole();
    const rest = uniformSource(key(22), from);
    for (let n = 0; n < 300; n++) assert.equal(rest(), whole(), `from ${from}, draw ${n}`);
  }
  assert.throws(() => uniformSource(key(22), -1), ArgumentError);
  assert.throws(() => uniformSource(key(22), 1.5), ArgumentError);
});
