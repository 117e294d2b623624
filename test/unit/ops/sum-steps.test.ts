/**
 * A sum of terms holding the interaction keeps the interaction's fused ULA step (issue 75 item 2): ops/term-steps
 * reads the sum's parts and takes the fused Langevin kernel for the interaction with h·∇ of the other parts as its
 * second input (`rest`), subtracted in the kernel's one pass. The kernel calls are counted through tfjs's own
 * dispatch (`tf.profile` lists every kernel the engine ran, with its inputs' shapes), and the
 * step, the energy and the gradient are held to float64 references within float32 rounding bounds formed from the
 * values themselves.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { key } from "../../../src/engine/random";
import { fillNormal } from "../../../src/engine/fastrandom";
import { LANGEVIN_UPDATE, LARGE_FIELD_ENTRIES, NOISY_DESCENT, langevinNoise } from "../../../src/engine";
import { graphFromSpec } from "../../../src/graph/spec";
import type { Graph } from "../../../src/graph/graph";
import { interaction, interactionReference } from "../../../src/hamiltonian/interaction";
import { defineTerm, energyAndGradient, energyValue, gradient, sum, type Term } from "../../../src/hamiltonian/term";
import { noisyDescent } from "../../../src/ops/noisy-descent";
import { fusedUlaStep } from "../../../src/ops/term-steps";
import { releaseGraph } from "../../../src/ops/tensors";
import { ula } from "../../../src/dynamics/gradient";
import { run, type RunResult } from "../../../src/dynamics/run";
import type { SamplerState } from "../../../src/dynamics/types";
import { fold } from "../../../src/engine/random";
import { DivergenceError } from "../../../src/errors";
import { denseInteraction, denseLaplacianProduct, onEachBackend } from "../../helpers";

const U = 2 ** -24; // float32's unit roundoff
const C = 2;

/** Σ_i ‖ψ_i‖⁴ in tfjs ops, differentiated by autodiff: a user's term without a gradient of its own. */
const quartic = (): Term => defineTerm({ name: "quartic", energy: (psi) => tf.sum(tf.square(tf.sum(tf.square(psi), 1))) as tf.Scalar });

function normalField(rows: number, seed: number): tf.Tensor2D {
  const x = new Float32Array(rows * C);
  fillNormal(x, C, 0, rows, key(seed));
  return tf.tensor2d(x, [rows, C]);
}

/** A kernel call as `tf.profile` lists it. */
type KernelCall = Awaited<ReturnType<typeof tf.profile>>["kernels"][number];

/** How many of the calls that ran through the engine's dispatch while `body` ran each of `which` matches. */
async function kernelCalls(body: () => void, which: ReadonlyArray<(call: KernelCall) => boolean>): Promise<number[]> {
  const { kernels } = await tf.profile(body);
  return which.map((match) => kernels.filter(match).length);
}

/**
 * ∇H of interaction + quartic in float64 at x, and per entry the sum of the magnitudes its float32 forms add up
 * (2 Σ_j w_ij(|x_i| + |x_j|) + 4‖x_i‖²|x_i|): the scale of their rounding.
 */
function gradientReference(graph: Graph, x: Float32Array): { g: Float64Array; scale: Float64Array } {
  const g = denseLaplacianProduct(graph, x, C).map((v) => 2 * v);
  const scale = new Float64Array(x.length);
  for (let e = 0; e < graph.edgeCount; e++) {
    const [i, j, w] = [graph.src[e]!, graph.dst[e]!, graph.weight[e]!];
    for (let c = 0; c < C; c++) {
      const both = 2 * w * (Math.abs(x[i * C + c]!) + Math.abs(x[j * C + c]!));
      scale[i * C + c]! += both;
      scale[j * C + c]! += both;
    }
  }
  for (let i = 0; i < graph.n; i++) {
    let sq = 0;
    for (let c = 0; c < C; c++) sq += x[i * C + c]! ** 2;
    for (let c = 0; c < C; c++) {
      g[i * C + c]! += 4 * sq * x[i * C + c]!;
      scale[i * C + c]! += 4 * sq * Math.abs(x[i * C + c]!);
    }
  }
  return { g, scale };
}

/** The largest |got − want| / bound over the entries (≤ 1: within the bound). */
function worst(got: ArrayLike<number>, want: ArrayLike<number>, bound: ArrayLike<number>): number {
  let m = 0;
  for (let a = 0; a < want.length; a++) m = Math.max(m, Math.abs(got[a]! - want[a]!) / bound[a]!);
  return m;
}

test("ULA on sum(interaction(graph), t) runs the interaction's fused Langevin kernel each step, carrying the rest's gradient, counted through tfjs's dispatch", async () => {
  await onEachBackend(async (backend) => {
    const tensors = tf.memory().numTensors;
    const graph = graphFromSpec(`ring:${LARGE_FIELD_ENTRIES / 2 + 1}:10`, key(4));
    const small = graphFromSpec("ring:1000:10", key(4));
    const [x, xSmall] = [normalField(graph.n, 1), normalField(small.n, 1)];
    const steps = 3;
    // [the fused kernel alone (one input), the fused kernel carrying the rest (two), the noisy descent, a Sub of the
    // field's shape by another (the rest's h·∇ subtracted in a second pass, as before the kernel carried it)].
    const counted = (energy: Term, field: tf.Tensor2D) =>
      kernelCalls(() => {
        const r = run(ula(energy, { step: 0.002, temperature: 0.5 }), field, { steps, recordEvery: steps }, key(5));
        r.final.dispose();
      }, [
        (k) => k.name === LANGEVIN_UPDATE && k.inputShapes.length === 1,
        (k) => k.name === LANGEVIN_UPDATE && k.inputShapes.length === 2,
        (k) => k.name === NOISY_DESCENT,
        (k) => k.name === "Sub" && k.inputShapes.every((shape) => String(shape) === String(field.shape)),
      ]);
    const both = sum(interaction(graph), quartic());
    const cases: Array<[string, Term, tf.Tensor2D, number[]]> = [
      ["the interaction alone", interaction(graph), x, [steps, 0, 0, 0]],
      ["sum(interaction, quartic)", both, x, [0, steps, 0, 0]],
      ["sum(quartic, interaction, quartic)", sum(quartic(), interaction(graph), quartic()), x, [0, steps, 0, 0]],
      // The cases that must not fuse, so that the count can fail: a copy ops/ does not know, a field below the size,
      // an interaction on some of the columns (its own embedding, not the kernel's), a sum without the interaction.
      ["a copy of the sum", { ...both }, x, [0, 0, steps, 0]],
      ["the sum on a small field", sum(interaction(small), quartic()), xSmall, [0, 0, steps, 0]],
      ["sum(interaction on column 0, quartic)", sum(interaction(graph, { columns: [0, 1] }), quartic()), x, [0, 0, steps, 0]],
      ["sum(quartic, quartic)", sum(quartic(), quartic()), x, [0, 0, steps, 0]],
    ];
    const names = `[${LANGEVIN_UPDATE} alone, ${LANGEVIN_UPDATE} with the rest, ${NOISY_DESCENT}, Sub]`;
    for (const [name, energy, field, want] of cases) {
      assert.deepEqual(await counted(energy, field), want, `${backend}, ${name}: ${names} calls`);
    }
    tf.dispose([x, xSmall]);
    releaseGraph(graph);
    releaseGraph(small);
    assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
  });
});

test("the sum's fused ULA step is X − h(∇H_int + ∇H_t) + √(2hT) ξ within float32 rounding of a float64 reference, as is the noisy descent", async () => {
  await onEachBackend((backend) => {
    const tensors = tf.memory().numTensors;
    const graph = graphFromSpec(`ring:${LARGE_FIELD_ENTRIES / 2 + 1}:10`, key(6));
    const x = normalField(graph.n, 2);
    const [h, T, k] = [0.002, 0.5, key(9)];
    const xv = x.dataSync() as Float32Array;
    const noise = langevinNoise(k, [graph.n, C]);
    const xi = noise.dataSync().slice();
    noise.dispose();
    const { g, scale } = gradientReference(graph, xv);
    const sigma = Math.sqrt(2 * h * T);
    const want = Float64Array.from(xv, (v, a) => v - h * g[a]! + sigma * xi[a]!);
    // Each float32 form adds at most deg + 8 roundings, each at most U times the magnitudes it adds up.
    const bound = Float64Array.from(want, (_, a) => (10 + 8) * U * (Math.abs(xv[a]!) + h * scale[a]! + sigma * Math.abs(xi[a]!)));
    for (const energy of [sum(interaction(graph), quartic()), sum(quartic(), interaction(graph))]) {
      const fused = fusedUlaStep(energy, x, h, T, k);
      assert.ok(fused !== null, `${backend}, ${energy.name}: ops/ fuses the step at this size`);
      const full = gradient(energy, x);
      const descent = noisyDescent(x, full, h, T, k);
      const [f, d] = [fused!.dataSync(), descent.dataSync()];
      assert.ok(worst(f, want, bound) <= 1, `${backend}, ${energy.name}: the fused step, ${worst(f, want, bound)} of the bound`);
      assert.ok(worst(d, want, bound) <= 1, `${backend}, ${energy.name}: the noisy descent, ${worst(d, want, bound)} of the bound`);
      tf.dispose([fused!, full, descent]);
    }
    // The bound is no wider than it must be to tell a step that left a part out.
    const onlyInteraction = fusedUlaStep(interaction(graph), x, h, T, k)!;
    assert.ok(worst(onlyInteraction.dataSync(), want, bound) > 1, `${backend}: a step without the quartic is outside the bound`);
    tf.dispose([onlyInteraction, x]);
    releaseGraph(graph);
    assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
  });
});

test("the sum's energy and gradient equal the composite reference (the edge sum and the quartic by autodiff) within float32 rounding of the values", async () => {
  await onEachBackend((backend) => {
    const graph = graphFromSpec("ring:64:4", key(2));
    const x = normalField(graph.n, 3);
    const xv = x.dataSync() as Float32Array;
    let quarticEnergy = 0;
    for (let i = 0; i < graph.n; i++) quarticEnergy += (xv[i * C]! ** 2 + xv[i * C + 1]! ** 2) ** 2;
    // Every term of H is ≥ 0, so H is the sum of the magnitudes; each term and each addition rounds once.
    const energyWant = denseInteraction(graph, xv, C) + quarticEnergy;
    const energyBound = (graph.edgeCount * C + graph.n * (C + 2) + 8) * U * energyWant;
    const { g, scale } = gradientReference(graph, xv);
    const gradientBound = Float64Array.from(scale, (s) => (4 + 8) * U * s);
    const ours = energyAndGradient(sum(interaction(graph), quartic()), x);
    const composite = energyAndGradient(sum(interactionReference(graph), quartic()), x);
    for (const [name, r] of [
      ["the sum", ours],
      ["the composite", composite],
    ] as const) {
      const e = r.energy.dataSync()[0]!;
      assert.ok(Math.abs(e - energyWant) <= energyBound, `${backend}, ${name}: H ${e} vs ${energyWant} ± ${energyBound}`);
      assert.ok(
        worst(r.gradient.dataSync(), g, gradientBound) <= 1,
        `${backend}, ${name}: ∇H, ${worst(r.gradient.dataSync(), g, gradientBound)}`,
      );
    }
    const twice = Float64Array.from(gradientBound, (b) => 2 * b);
    assert.ok(worst(ours.gradient.dataSync(), composite.gradient.dataSync(), twice) <= 1, `${backend}: ∇H, the sum vs the composite`);
    tf.dispose([x, ours.energy, ours.gradient, composite.energy, composite.gradient]);
    releaseGraph(graph);
  });
});

/** A ULA state as dynamics/langevin keeps it for a sum: ∇ of the parts the fused step does not take, carried. */
type Carrying = SamplerState & { restGradient?: tf.Tensor2D };

/** A run's numbers with its field read (and disposed), its wall-clock time left out. */
function numbers(r: RunResult) {
  const { final, seconds: _seconds, ...rest } = r;
  const field = Array.from(final.dataSync());
  final.dispose();
  return { ...rest, field };
}

test("ULA on a sum carries ∇ of its other parts to the next step: each step's field and H are, bit for bit, the fused step's and the sum's own H at it", async () => {
  await onEachBackend((backend) => {
    const tensors = tf.memory().numTensors;
    const graph = graphFromSpec(`ring:${LARGE_FIELD_ENTRIES / 2 + 1}:10`, key(7));
    const x0 = normalField(graph.n, 4);
    const [h, T] = [0.002, 0.5];
    for (const energy of [sum(interaction(graph), quartic()), sum(quartic(), interaction(graph))]) {
      const sampler = ula(energy, { step: h, temperature: T });
      let state: Carrying = sampler.init(x0);
      let x = x0.clone();
      for (let k = 0; k < 4; k++) {
        const stepKey = fold(key(11), k);
        const [next, info] = sampler.step(state, stepKey);
        state = next;
        // The reference forms ∇ of the quartic at X afresh (fusedUlaStep) and H at the new field by the sum's energy.
        const want = fusedUlaStep(energy, x, h, T, stepKey)!;
        x.dispose();
        x = want;
        const where = `${backend}, ${energy.name}, step ${k + 1}`;
        assert.deepEqual(state.position.dataSync(), want.dataSync(), `${where}: the field`);
        assert.equal(info.energy, energyValue(energy, want), `${where}: H`);
        assert.ok(state.restGradient !== undefined, `${where}: the state carries ∇ of the quartic`);
        const g = gradient(quartic(), want);
        assert.deepEqual(state.restGradient!.dataSync(), g.dataSync(), `${where}: the carried gradient is the quartic's at the new field`);
        g.dispose();
      }
      tf.dispose([state.position, state.restGradient!, x]);
      assert.equal(state.gradient, null, `${backend}: no whole gradient kept beside it`);
    }
    // The interaction alone carries nothing.
    const alone = ula(interaction(graph), { step: h, temperature: T });
    const [state] = alone.step(alone.init(x0), key(3));
    assert.equal((state as Carrying).restGradient, undefined, `${backend}: the interaction alone`);
    tf.dispose([state.position, x0]);
    releaseGraph(graph);
    assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
  });
});

test("ULA on a sum with its carried gradient leaves no tensor behind: a run that ends, a run paused and resumed (the run never paused), a divergence, a user's term that throws", async () => {
  await onEachBackend((backend) => {
    const tensors = tf.memory().numTensors;
    const graph = graphFromSpec(`ring:${LARGE_FIELD_ENTRIES / 2 + 1}:10`, key(8));
    const x0 = normalField(graph.n, 5);
    const energy = sum(interaction(graph), quartic());
    const sampler = ula(energy, { step: 0.002, temperature: 0.5 });
    const options = { steps: 9, burnIn: 2, recordEvery: 2 };
    const whole = numbers(run(sampler, x0, options, key(12)));
    const paused = run(sampler, x0, { ...options, until: 5 }, key(12));
    paused.final.dispose();
    assert.ok(paused.checkpoint && paused.checkpoint.step === 5, `${backend}: the run paused at step 5`);
    assert.deepEqual(numbers(run(sampler, x0, { ...options, resume: paused.checkpoint! }, key(12))), whole, `${backend}: resumed`);
    // h far above the quartic's stable step: |x| grows as h·4|x|³ and H overflows float32 within a few steps.
    const before = tf.memory().numTensors;
    assert.throws(
      () => run(ula(energy, { step: 0.5, temperature: 0.5 }), x0, { steps: 50, recordEvery: 1 }, key(13)),
      (error: unknown) => error instanceof DivergenceError,
      `${backend}: the run diverges`,
    );
    assert.equal(tf.memory().numTensors, before, `${backend}: nothing left behind by the divergence`);
    // A user's term that throws in the middle of a run (its seventh evaluation: inside a fused step's pass at the new
    // field, with a carried gradient in the state): the error reaches the caller and nothing is left behind.
    let calls = 0;
    const failing = defineTerm({
      name: "fails",
      energy: (psi) => {
        if (++calls === 7) throw new Error("the user's term failed");
        return tf.sum(tf.square(tf.sum(tf.square(psi), 1))) as tf.Scalar;
      },
    });
    assert.throws(
      () => run(ula(sum(interaction(graph), failing), { step: 0.002, temperature: 0.5 }), x0, { steps: 20 }, key(14)),
      /the user's term failed/,
    );
    assert.ok(calls === 7, `${backend}: the term threw at its seventh evaluation (${calls})`);
    assert.equal(tf.memory().numTensors, before, `${backend}: nothing left behind by the user's error`);
    x0.dispose();
    releaseGraph(graph);
    assert.equal(tf.memory().numTensors, tensors, `${backend}: no tensor leaked`);
  });
});
