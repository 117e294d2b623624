/**
 * The ambient step's front end (ops/ambient-step): its two paths, the engine's SIMD step and the JavaScript loop
 * (`ambientStepperReference`), give the same buffers and the same normals bit for bit (Object.is) over several steps,
 * for 1 to 5 runs, unit and weighted couplings, with and without noise; K runs as lanes give each run's numbers as
 * stepped alone (one stream per run), constants updated between steps included; and the front end refuses a
 * malformed network, a wrong count of streams and a misshapen update, naming the argument. The study's trace test (test/unit/studies/ambient-fast.test.ts) runs both through the model.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { prepareSimd } from "../../../src/engine/kernels/simd/simd-module";
import { ambientLattice, lcg } from "../../ambient-lattice";
import { ambientStepper, ambientStepperReference, type AmbientLattice, type AmbientStream } from "../../../src/ops/ambient-step";
import { ArgumentError } from "../../../src/errors";
import { normalCdf } from "../../../src/stats/tests";

// Small constants keep the field bounded over the steps (the cubic term grows fast otherwise).
const lattice = (n: number, runs: number, unit: boolean, u: () => number): AmbientLattice =>
  ambientLattice(n, runs, unit, u, () => 0.2 * u());

const bits = (a: ArrayLike<number>) => Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)));

/** Run r's stream (a fixed seed per run). */
const stream = (r: number): AmbientStream => ({ key0: (0x9e3779b9 ^ r) >>> 0, key1: 12345 + r, step: 0 });

test("the front end's SIMD step and its JavaScript loop give the same field and normals bit for bit", async () => {
  assert.ok(await prepareSimd(), "the WebAssembly SIMD module assembles and loads");
  let compared = 0;
  for (const runs of [1, 2, 3, 4, 5])
    for (const unit of [true, false])
      for (const sigma of [0, 0.3]) {
        const u = lcg(runs * 31 + (unit ? 1 : 2) + (sigma > 0 ? 7 : 0));
        const l = lattice(37, runs, unit, u);
        const x = Float64Array.from({ length: 37 * runs }, () => 2 * u() - 1);
        const fast = ambientStepper(l, sigma > 0);
        const loop = ambientStepperReference(l, sigma > 0);
        assert.notEqual(fast.buffers[0].buffer, loop.buffers[0].buffer, "the front end took the module's memory");
        const streams: AmbientStream[][] = [0, 1].map(() => Array.from({ length: runs }, (_, r) => stream(r)));
        fast.buffers[0].set(x);
        loop.buffers[0].set(x);
        let from: 0 | 1 = 0;
        for (let s = 0; s < 6; s++) {
          if (sigma > 0) {
            fast.draw(streams[0]!);
            loop.draw(streams[1]!);
            assert.deepEqual(bits(fast.noise), bits(loop.noise), `normals, ${runs} runs, step ${s}`);
          }
          fast.step(from, 0.05, sigma);
          loop.step(from, 0.05, sigma);
          from = from === 0 ? 1 : 0;
          assert.deepEqual(bits(fast.buffers[from]), bits(loop.buffers[from]), `${runs} runs, unit ${unit}, σ ${sigma}, step ${s}`);
          assert.ok(fast.buffers[from].every(Number.isFinite));
          compared++;
        }
        const words = (t: AmbientStream) => [t.key0, t.key1, t.step];
        assert.deepEqual(streams[0]!.map(words), streams[1]!.map(words), "both paths' streams advanced alike");
        assert.ok(
          streams[0]!.every((t) => t.step === (sigma > 0 ? 6 : 0)),
          "a draw advances its stream's step by one",
        );
      }
  assert.equal(compared, 5 * 2 * 2 * 6);
});

test("a step with more misses than the SIMD path finishes in one chunk (≈ 2.8 % of 90 000 normals) draws the loop's normals", async () => {
  assert.ok(await prepareSimd());
  const u = lcg(72);
  const l = lattice(3000, 30, true, u);
  const [fast, loop] = [ambientStepper(l, true), ambientStepperReference(l, true)];
  const streams = [0, 1].map(() => Array.from({ length: 30 }, (_, r) => stream(r)));
  for (let s = 0; s < 2; s++) {
    fast.draw(streams[0]!);
    loop.draw(streams[1]!);
    assert.deepEqual(bits(fast.noise), bits(loop.noise), `step ${s}`);
  }
  // The fast path's acceptance, 1 − 0.0276, leaves about 2 500 misses a step: more than one chunk of 1 024. Beyond
  // the ziggurat's r = 3.4426 only the tail's slow path draws (expected 0.00058 of the normals, about 50).
  assert.ok(fast.noise.filter((z) => Math.abs(z) > 3.4426).length > 10, "the tail, a miss's own stream, is drawn");
});

test("runs as lanes: K runs stepped together give each run's numbers stepped alone, bit for bit (K = 1, 2, 3, 4, 7)", async () => {
  assert.ok(await prepareSimd());
  const n = 29; // odd: the last pair's second normal is not drawn into the field
  for (const make of [ambientStepper, ambientStepperReference])
    for (const K of [1, 2, 3, 4, 7])
      for (const unit of [true, false]) {
        // One lattice's constants for every K (drawn at K = 1), the start of run r drawn from its own seed.
        const one = lattice(n, 1, unit, lcg(3 + (unit ? 1 : 0)));
        const start = (r: number) => Float64Array.from({ length: n }, lcg(100 + r)).map((v) => 2 * v - 1);
        const run = (runs: number, first: number, updateAt: number): Float64Array[] => {
          // The SIMD module's scratch holds one stepper: each batch runs to its end before the next is made.
          const stepper = make({ ...one, runs, unit }, true);
          const streams = Array.from({ length: runs }, (_, r) => stream(first + r));
          for (let r = 0; r < runs; r++) {
            const x = start(first + r);
            for (let i = 0; i < n; i++) stepper.buffers[0][i * runs + r] = x[i]!;
          }
          let from: 0 | 1 = 0;
          for (let s = 0; s < 5; s++) {
            if (!unit && s === updateAt) stepper.update({ ...one, pairing: one.pairing.map((v) => 0.5 * v) }); // participation moved
            stepper.draw(streams);
            stepper.step(from, 0.05, 0.3);
            from = from === 0 ? 1 : 0;
          }
          return Array.from({ length: runs }, (_, r) => Float64Array.from({ length: n }, (_, i) => stepper.buffers[from][i * runs + r]!));
        };
        const together = run(K, 0, 2);
        for (let r = 0; r < K; r++)
          assert.deepEqual(bits(together[r]!), bits(run(1, r, 2)[0]!), `${make.name}, K = ${K}, unit ${unit}: run ${r}`);
      }
});

test("update: the constants of some rows rewritten equal the whole table rewritten, bit for bit, on both paths", async () => {
  assert.ok(await prepareSimd());
  const l = lattice(23, 3, false, lcg(8));
  const rows = [0, 5, 7, 22];
  const moved = { ...l, coupling: Float64Array.from(l.coupling), pairing: Float64Array.from(l.pairing) };
  for (const i of rows) {
    moved.pairing[i] = 0.5 * moved.pairing[i]!;
    for (let q = l.start[i]!; q < l.start[i + 1]!; q++) moved.coupling[q] = 0.5 * moved.coupling[q]!;
  }
  for (const make of [ambientStepper, ambientStepperReference]) {
    const after = (update: (s: ReturnType<typeof make>) => void) => {
      const stepper = make(l, false);
      stepper.buffers[0].set(Float64Array.from({ length: 23 * 3 }, lcg(2)));
      stepper.step(0, 0.05, 0);
      update(stepper);
      stepper.step(1, 0.05, 0);
      return bits(stepper.buffers[0]);
    };
    const whole = after((s) => s.update(moved));
    assert.deepEqual(
      after((s) => s.update(moved, rows)),
      whole,
      `${make.name}: rows`,
    );
    assert.notDeepEqual(
      after(() => {}),
      whole,
      `${make.name}: the update moved the field`,
    );
  }
});

test("two nodes, one step by hand: ψ' = ψ − h(dψ + cψ³ − p·ψ_other − s) on both paths", async () => {
  assert.ok(await prepareSimd());
  const two: AmbientLattice = {
    ...{ n: 2, runs: 1, start: Int32Array.of(0, 1, 2), col: Int32Array.of(1, 0), coupling: Float64Array.of(1, 1), unit: true },
    ...{ pairing: Float64Array.of(2, 2), diagonal: Float64Array.of(2, 2), cubic: Float64Array.of(1, 1), pullConstant: new Float64Array(2) },
  };
  for (const stepper of [ambientStepper(two, false), ambientStepperReference(two, false)]) {
    stepper.buffers[0].set([1, 0]);
    stepper.step(0, 0.1, 0);
    assert.deepEqual(Array.from(stepper.buffers[1]), [1 - 0.1 * 3, 0 - 0.1 * -2]); // (0.7, 0.2)
  }
});

test("the front end refuses a malformed network, naming the argument", () => {
  const good = lattice(6, 2, false, lcg(1));
  const cases: [Partial<AmbientLattice>, string][] = [
    [{ n: -1 }, "lattice.n"],
    [{ runs: 1.5 }, "lattice.runs"],
    [{ start: good.start.slice(0, 6) }, "lattice.start"],
    [{ start: Int32Array.of(0, 3, 1, 4, 6, 10, good.col.length) }, "lattice.start"],
    [{ col: Int32Array.from(good.col, () => 6) }, "lattice.col"],
    [{ coupling: new Float64Array(1) }, "lattice.coupling"],
    [{ cubic: new Float64Array(5) }, "lattice.cubic"],
    [{ blocks: 4 }, "lattice.blocks"],
  ];
  for (const [change, argument] of cases)
    for (const make of [ambientStepper, ambientStepperReference])
      assert.throws(
        () => make({ ...good, ...change }, true),
        (e: unknown) => e instanceof ArgumentError && e.argument === argument,
        `${JSON.stringify(Object.keys(change))} → ${argument}`,
      );
  assert.doesNotThrow(
    () => ambientStepperReference({ ...good, unit: true, coupling: new Float64Array(0) }, false),
    "unit reads no coupling",
  );
  for (const make of [ambientStepper, ambientStepperReference]) {
    const stepper = make(good, true);
    const refused = (f: () => void, argument: string) =>
      assert.throws(f, (e: unknown) => e instanceof ArgumentError && e.argument === argument, argument);
    refused(() => stepper.draw([stream(0)]), "streams");
    refused(() => stepper.update({ ...good, diagonal: new Float64Array(5) }), "constants.diagonal");
    refused(() => stepper.update(good, [6]), "rows[]");
    refused(() => make({ ...good, unit: true }, true).update(good), "lattice.unit");
  }
});

test("the step's normals are standard normal: mean, variance, kurtosis and both tails within 4 SE of N(0, 1) over 4·10⁵ draws", async () => {
  assert.ok(await prepareSimd());
  const [n, runs, steps] = [500, 8, 100];
  const stepper = ambientStepper({ ...ambientLattice(n, runs, true, lcg(3), () => 0.5), blocks: 1 }, true);
  const streams: AmbientStream[] = Array.from({ length: runs }, (_, r) => ({ key0: 0x1234567 + r, key1: 77 * (r + 1), step: 0 }));
  let [m1, m2, m4, beyond25, beyond35] = [0, 0, 0, 0, 0];
  for (let t = 0; t < steps; t++) {
    stepper.draw(streams);
    for (const z of stepper.noise) {
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
      if (Math.abs(z) > 2.5) beyond25++;
      if (z > 3.5) beyond35++;
    }
  }
  const N = n * runs * steps;
  const within = (what: string, got: number, want: number, se: number) =>
    assert.ok(Math.abs(got - want) <= 4 * se, `${what}: ${got} vs ${want} ± 4·${se}`);
  within("mean", m1 / N, 0, Math.sqrt(1 / N));
  within("variance (E z²)", m2 / N, 1, Math.sqrt(2 / N)); // Var z² = 2
  within("E z⁴", m4 / N, 3, Math.sqrt(96 / N)); // Var z⁴ = 105 − 9
  const tail = (z: number) => 1 - normalCdf(z);
  const p25 = 2 * tail(2.5);
  within("P(|z| > 2.5), the ziggurat's slow paths", beyond25 / N, p25, Math.sqrt((p25 * (1 - p25)) / N));
  const p35 = tail(3.5); // beyond the base layer's edge r ≈ 3.44: the tail algorithm's draws
  within("P(z > 3.5)", beyond35 / N, p35, Math.sqrt((p35 * (1 - p35)) / N));
});
