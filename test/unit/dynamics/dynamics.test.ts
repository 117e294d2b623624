import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fold, key, normal } from "../../../src/engine/random";
import { graphFromSpec } from "../../../src/graph/spec";
import { laplacianMatrix } from "../../../src/graph/spectrum";
import { EigenvalueDecomposition } from "ml-matrix";
import { interaction } from "../../../src/hamiltonian/interaction";
import { huberCoupling } from "../../../src/hamiltonian/variants";
import { sum } from "../../../src/hamiltonian/term";
import { gradientFlow, mala, ula } from "../../../src/dynamics/gradient";
import { metropolis } from "../../../src/dynamics/metropolis";
import { run } from "../../../src/dynamics/run";
import { disposeState, type Integrator } from "../../../src/dynamics/types";
import { geometric, linear, logarithmic, reheating } from "../../../src/dynamics/schedules";
import { ArgumentError } from "../../../src/errors";
import { onEachBackend } from "../../helpers";

const g = graphFromSpec("ws:40:4:0.2", key(1));
const H = interaction(g);
const integrators = (): Integrator[] => [
  gradientFlow(H, { step: 0.05 }),
  ula(H, { step: 0.05, temperature: 0.5 }),
  mala(H, { step: 0.05, temperature: 0.5 }),
  metropolis(H, g, { step: 0.5, temperature: 0.5 }),
  metropolis(sum(H, huberCoupling(g)), g, { step: 0.5, temperature: 0.5, order: "sequential" }),
  mala(sum(H, huberCoupling(g)), { step: 0.05, temperature: 0.5 }), // the autodiff path
];

function trajectory(integrator: Integrator, seed: number, steps: number): Float32Array[] {
  const x0 = normal(key(99), [g.n, 2]) as tf.Tensor2D;
  let state = integrator.init(x0);
  x0.dispose();
  const out: Float32Array[] = [];
  for (let t = 0; t < steps; t++) {
    [state] = integrator.step(state, fold(key(seed), t));
    out.push(state.position.dataSync() as Float32Array);
  }
  disposeState(state);
  return out;
}

test("one seed gives the same trajectory twice; another seed a different one (every integrator, every backend)", async () => {
  await onEachBackend((backend) => {
    for (const integrator of integrators()) {
      const steps = integrator.name.includes("sequential") ? 3 : 25;
      const a = trajectory(integrator, 5, steps);
      const b = trajectory(integrator, 5, steps);
      assert.deepEqual(a, b, `${backend} ${integrator.name}`);
      if (integrator.name !== "gradient-flow") {
        const c = trajectory(integrator, 6, steps);
        assert.notDeepEqual(a[steps - 1], c[steps - 1], `${backend} ${integrator.name} ignores its key`);
      }
    }
  });
});

test("no tensor leaks: numTensors is flat over thousands of steps", async () => {
  await onEachBackend((backend) => {
    for (const integrator of integrators()) {
      const steps = integrator.name.includes("sequential") ? 20 : 2000;
      const x0 = tf.zeros([g.n, 2]) as tf.Tensor2D;
      // Warm-up builds the graph's cached index tensors and the integrator's colour masks once.
      run(integrator, x0, { steps: 2 }, key(1)).final.dispose();
      const before = tf.memory().numTensors;
      const result = run(integrator, x0, { steps, burnIn: Math.floor(steps / 2), recordEvery: 10, adapt: true }, key(2));
      result.final.dispose();
      assert.equal(tf.memory().numTensors, before, `${backend} ${integrator.name} leaked`);
      x0.dispose();
    }
  });
});

test("gradient flow keeps the mean and contracts the disagreement at rate 2λ₂", async () => {
  // Explicit Euler on dx/dt = −2Lx is the linear recursion x_t = (I − 2hL)^t x_0, so the consensus error is known
  // exactly from the spectrum: (1/N) Σ_{m≥2} (1 − 2hλ_m)^{2t} ‖v_mᵀ x_0‖². The measured curve must follow it, and its
  // late slope must be the slowest mode's, log(1 − 2hλ₂) per step (run long enough for λ₃ to have died out).
  await onEachBackend((backend) => {
    for (const spec of ["ring:60:4", "ws:80:4:0.1", "torus:8"]) {
      const graph = graphFromSpec(spec, key(3));
      const L = laplacianMatrix(graph);
      const evd = new EigenvalueDecomposition(L, { assumeSymmetric: true });
      const order = evd.realEigenvalues.map((l, i) => [l, i] as const).sort((a, b) => a[0] - b[0]);
      const l2 = order[1]![0];
      const lmax = order[order.length - 1]![0];
      const l3 = order.find(([l]) => l > l2 * (1 + 1e-6))![0]; // the next distinct eigenvalue (rings and tori are degenerate)
      const h = 0.4 / lmax;
      const raw = normal(key(4), [graph.n, 2]) as tf.Tensor2D;
      const mean0 = tf.mean(raw, 0).dataSync();
      const short = run(gradientFlow(interaction(graph), { step: h }), raw, { steps: 500 }, key(0));
      const mean1 = tf.mean(short.final, 0).dataSync();
      for (let c = 0; c < 2; c++) assert.ok(Math.abs(mean1[c]! - mean0[c]!) < 1e-5, `${backend} ${spec} mean drifted`);
      // The decay is followed from a centred start, so float32 resolves the deviations down to ~1e-30.
      const x0 = tf.sub(raw, tf.mean(raw, 0, true)) as tf.Tensor2D;
      const x0v = x0.arraySync();
      // Long enough that the next distinct mode has decayed by e^-8 relative to the slowest one.
      const steps = Math.ceil(Math.max(12 / (2 * h * l2), 8 / (2 * h * (l3 - l2)) + 50));
      const recordEvery = Math.max(1, Math.floor(steps / 200));
      const result = run(gradientFlow(interaction(graph), { step: h }), x0, { steps, recordEvery }, key(0));
      const projections = order.slice(1).map(([l, i]) => {
        let p = 0;
        for (let c = 0; c < 2; c++) {
          let dot = 0;
          for (let v = 0; v < graph.n; v++) dot += evd.eigenvectorMatrix.get(v, i) * x0v[v]![c]!;
          p += dot * dot;
        }
        return [l, p] as const;
      });
      const exactError = (t: number) => projections.reduce((acc, [l, p]) => acc + (1 - 2 * h * l) ** (2 * t) * p, 0) / graph.n;
      for (const record of result.trace) {
        const expected = exactError(record.step);
        assert.ok(
          Math.abs(record.consensusError / expected - 1) < 1e-2,
          `${backend} ${spec} t=${record.step}: ${record.consensusError} vs ${expected}`,
        );
      }
      const last = result.trace[result.trace.length - 1]!;
      const earlier = result.trace[Math.floor(result.trace.length * 0.8)]!;
      const slope = Math.log(last.consensusError / earlier.consensusError) / (2 * (last.step - earlier.step));
      assert.ok(
        Math.abs(slope / Math.log(1 - 2 * h * l2) - 1) < 5e-3,
        `${backend} ${spec}: late slope ${slope} vs ${Math.log(1 - 2 * h * l2)}`,
      );
      tf.dispose([raw, short.final, x0, result.final]);
    }
  });
});

test("schedules: geometric is the proposal's, logarithmic is Hajek's, re-heating restarts the clock", () => {
  const geo = geometric({ initial: 100, rate: 0.95 });
  assert.equal(geo.temperature(0), 100);
  assert.ok(Math.abs(geo.temperature(100) - 100 * 0.95 ** 100) < 1e-9);
  const log = logarithmic({ c: 2 });
  assert.ok(Math.abs(log.temperature(0) - 2) < 1e-12);
  assert.ok(Math.abs(log.temperature(1000) - 2 / Math.log(1000 + Math.E)) < 1e-12);
  const lin = linear({ initial: 4, final: 1, steps: 3 });
  assert.deepEqual(
    [0, 1, 2, 3, 9].map((t) => lin.temperature(t)),
    [4, 3, 2, 1, 1],
  );
  const hot = reheating(geometric({ initial: 10, rate: 0.5 }), { when: (_t, info) => info.acceptance < 0.1, cooldown: 3 });
  const temps: number[] = [];
  for (let t = 0; t < 8; t++) {
    temps.push(hot.temperature(t));
    hot.observe!(t, { energy: 0, acceptance: t === 3 ? 0 : 1, acceptanceProbability: 1 });
  }
  assert.deepEqual(hot.reheats, [3]);
  assert.deepEqual(temps, [10, 5, 2.5, 1.25, 10, 5, 2.5, 1.25]);
  assert.throws(() => geometric({ initial: 1, rate: 1.5 }), ArgumentError);
  assert.throws(() => logarithmic({ c: 1, t0: 1 }), ArgumentError);
});

test("annealing a run follows its schedule, and adaptation moves the step toward the target acceptance", async () => {
  await onEachBackend(() => {
    const x0 = tf.zeros([g.n, 2]) as tf.Tensor2D;
    const schedule = geometric({ initial: 2, rate: 0.99 });
    const result = run(mala(H, { step: 0.01, temperature: 1 }), x0, { steps: 300, schedule, recordEvery: 100 }, key(3));
    assert.deepEqual(
      result.trace.map((r) => r.temperature),
      [99, 199, 299].map((t) => 2 * 0.99 ** t),
    );
    result.final.dispose();
    // A step far too small: MALA accepts ~everything; adaptation must grow it until acceptance nears 0.574.
    const adapted = run(mala(H, { step: 1e-4, temperature: 1 }), x0, { steps: 3000, burnIn: 2000, adapt: true }, key(4));
    assert.ok(adapted.stepSize > 1e-2, `step ${adapted.stepSize}`);
    assert.ok(Math.abs(adapted.acceptance - 0.574) < 0.1, `acceptance ${adapted.acceptance}`);
    adapted.final.dispose();
    x0.dispose();
  });
});

test("bad integrator arguments are typed errors naming the argument", () => {
  assert.throws(
    () => mala(H, { step: -1 }),
    (e: unknown) => e instanceof ArgumentError && /step must be a finite number > 0/.test((e as Error).message),
  );
  assert.throws(() => ula(H, { step: 0.1, temperature: -2 }), /temperature/);
  // Without local energies only colour order is refused (sequential order uses whole-energy differences).
  assert.throws(
    () => metropolis({ name: "global", energy: () => tf.scalar(0), toString: () => "global" }, g, { step: 1, order: "colour" }),
    /localEnergy for order "colour"/,
  );
  assert.throws(() => run(ula(H, { step: 0.1 }), tf.zeros([g.n, 2]) as tf.Tensor2D, { steps: 10, burnIn: 10 }, key(1)), /burnIn/);
});
