/**
 * The ambient step's front end (ops/ambient-step): its two paths, the engine's SIMD step and the JavaScript loop
 * (`ambientStepperReference`), give the same buffers and the same normals bit for bit (Object.is) over several steps,
 * for 1 to 5 runs, unit and weighted couplings, with and without noise; and the front end refuses a malformed network
 * naming the argument. The study's trace test (test/unit/studies/ambient-fast.test.ts) runs both through the model.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { prepareSimd } from "../../../src/engine/kernels/simd/simd-module";
import { ambientLattice, lcg } from "../../ambient-lattice";
import { ambientStepper, ambientStepperReference, type AmbientLattice, type PolarStream } from "../../../src/ops/ambient-step";
import { ArgumentError } from "../../../src/errors";

// Small constants keep the field bounded over the steps (the cubic term grows fast otherwise).
const lattice = (n: number, runs: number, unit: boolean, u: () => number): AmbientLattice =>
  ambientLattice(n, runs, unit, u, () => 0.2 * u());

const bits = (a: Float64Array) => Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)));

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
        const streams: PolarStream[] = [0, 1].map(() => ({ a: 0x9e3779b9, b: 12345, c: 0xdeadbeef, d: 1, spare: 0, hasSpare: false }));
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
        // sfc32's words as unsigned (the loop may hold c as a signed int32, the same 32 bits).
        const words = (t: PolarStream) => [t.a >>> 0, t.b >>> 0, t.c >>> 0, t.d >>> 0, t.spare, t.hasSpare];
        assert.deepEqual(words(streams[0]!), words(streams[1]!), "both streams advanced alike");
      }
  assert.equal(compared, 5 * 2 * 2 * 6);
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
});
