/**
 * The ambient model's former tensor path (src/studies/ambient/simulate.ts until issue 72), kept as the law the SIMD
 * step is held to (test/unit/studies/ambient-fast.test.ts) and as the benchmark's baseline (scripts/bench-ambient.js):
 * the field Ψ [N, R] a tfjs tensor, ∇H the terms' own (src/studies/ambient/terms.ts), the library's fused
 * `noisyDescent` on tfjs's generator, float32. Not on any claim's path. The same options and trace as simulateAmbient,
 * without `firstRun` and substeps.
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, checkKey, fold, split } from "../src/engine/random";
import { noisyDescent } from "../src/ops/noisy-descent";
import { ArgumentError, check } from "../src/errors";
import { gradient, sum, type Term } from "../src/hamiltonian/term";
import { decay, holding, participationCoupling, pull } from "../src/studies/ambient/terms";
import { adversaryLoad, type AmbientOptions, type AmbientTrace } from "../src/studies/ambient/simulate";

const WHERE = "test/ambient-tensor";

/** The ambient model on tfjs tensors (module comment); disposes every tensor it makes. */
export function simulateAmbientTensor(options: AmbientOptions, key: Key): AmbientTrace {
  const { graph } = options;
  const n = graph.n;
  const runs = check.integer(WHERE, "runs", options.runs, 1, 100_000);
  const networks = check.integer(WHERE, "networks", options.networks ?? 1, 1, n);
  if (n % networks !== 0)
    throw new ArgumentError(WHERE, "networks", `a divisor of the graph's ${n} nodes (networks of equal size)`, networks);
  // Node-indexed options address one network's nodes (n0 of them); `tile` repeats a per-node array over the networks.
  const n0 = n / networks;
  const tile = (a: Float32Array): Float32Array => {
    if (networks === 1) return a;
    const out = new Float32Array(n);
    for (let c = 0; c < networks; c++) out.set(a, c * n0);
    return out;
  };
  const duration = check.positive(WHERE, "duration", options.duration);
  checkKey(WHERE, "key", key);
  const gamma = check.nonNegative(WHERE, "decay", options.decay ?? 0.1);
  const kappa = check.nonNegative(WHERE, "coupling", options.coupling ?? 1);
  const depth = check.nonNegative(WHERE, "depth", options.depth ?? 1);
  const temperature = check.nonNegative(WHERE, "temperature", options.temperature ?? 0.05);
  const dt = check.positive(WHERE, "dt", options.dt ?? 0.05);
  const fade = options.fade ?? Infinity;
  if (!(fade > 0)) throw new ArgumentError(WHERE, "fade", "a number > 0 (Infinity: weights follow activity at once)", fade);
  const steps = Math.round(duration / dt);
  const recordEvery = Math.max(1, Math.round((options.recordEvery ?? duration / 100) / dt));
  const [adversaryKey, runKey] = split(key, 2) as [Key, Key];
  const excluded = options.excludeFromObservables ?? [];
  // The adversary's targets: drawn in each network from its own key (the one key where the graph is one network).
  const adversary = options.adversary;
  const load = adversary
    ? networks === 1
      ? adversaryLoad(n, adversary, adversaryKey, excluded)
      : (() => {
          const all = new Float32Array(n);
          for (let c = 0; c < networks; c++) all.set(adversaryLoad(n0, adversary, fold(adversaryKey, c), excluded), c * n0);
          return all;
        })()
    : null;
  const adversaryValue = check.finite(WHERE, "adversary.value", options.adversary?.value ?? -1);

  const activity = (t: number): Float32Array => {
    const p = options.participation;
    const a = p === undefined ? new Float32Array(n0).fill(1) : Float32Array.from(typeof p === "function" ? p(t) : p);
    if (a.length !== n0)
      throw new ArgumentError(WHERE, "participation", `${n0} numbers (one per node${networks > 1 ? " of a network" : ""})`, a.length);
    return tile(a);
  };
  const timeVarying = typeof options.participation === "function" || Number.isFinite(fade);
  const weights = activity(0);
  const relax = Number.isFinite(fade) ? Math.exp(-fade * dt) : 0;

  // The adversary's pull per node, κ·w_i·load_i, refilled in place each step (a mapped Float32Array.from per step was
  // a seventh of a time-varying run).
  const strength = load ? new Float32Array(n) : null;
  const buildEnergy = (w: Float32Array): Term => {
    const parts: Term[] = [participationCoupling(graph, w, kappa), holding(w, depth), decay(gamma)];
    if (strength) {
      for (let i = 0; i < n; i++) strength[i] = kappa * w[i]! * load![i]!;
      parts.push(pull(strength, adversaryValue));
    }
    return sum(...parts);
  };
  let energy = buildEnergy(weights);

  const initial = new Float32Array(n * runs);
  if (options.injections === undefined) initial.fill(1);
  for (const injection of options.injections ?? []) {
    check.finite(WHERE, "injections[].value", injection.value);
    for (const i of injection.nodes) {
      check.integer(WHERE, "injections[].nodes[]", i, 0, n0 - 1);
      for (let c = 0; c < networks; c++) initial.fill(injection.value, (c * n0 + i) * runs, (c * n0 + i + 1) * runs);
    }
  }
  const honestOne = new Float32Array(n0).fill(1);
  for (const i of excluded) honestOne[check.integer(WHERE, "excludeFromObservables[]", i, 0, n0 - 1)] = 0;
  const honestMask = tile(honestOne);
  const honestCount = honestOne.reduce((a, b) => a + b, 0);
  const watch = options.watch ?? [];
  for (const i of watch) check.integer(WHERE, "watch[]", i, 0, n0 - 1);

  // The trace's runs: network c's run r at c·runs + r.
  const traced = networks * runs;
  const records = Math.floor(steps / recordEvery) + 1;
  const times = new Float64Array(records);
  const holdA = new Float32Array(records * traced);
  const holdB = new Float32Array(records * traced);
  const mean = new Float32Array(records * traced);
  const watched = watch.map(() => new Float32Array(records * traced));
  const watchedWeight = watch.map(() => new Float64Array(records));

  let x = tf.tensor2d(initial, [n, runs]);
  const mask = tf.tensor2d(honestMask, [n, 1]);
  // Sums over each network's nodes: over the one axis of nodes where the graph is one network (as it always was).
  const perNetwork = (v: tf.Tensor2D): tf.Tensor => (networks === 1 ? tf.sum(v, 0) : tf.sum(tf.reshape(v, [networks, n0, runs]), 1));
  const observe = (k: number, t: number) => {
    const [a, b, m] = tf.tidy(() => {
      const above = tf.div(perNetwork(tf.mul(tf.cast(tf.greater(x, 0.5), "float32"), mask)), honestCount);
      const below = tf.div(perNetwork(tf.mul(tf.cast(tf.less(x, -0.5), "float32"), mask)), honestCount);
      const average = tf.div(perNetwork(tf.mul(x, mask)), honestCount);
      return [above, below, average].map((v) => v.dataSync() as Float32Array);
    });
    times[k] = t;
    holdA.set(a!, k * traced);
    holdB.set(b!, k * traced);
    mean.set(m!, k * traced);
    if (watch.length > 0) {
      const values = x.dataSync();
      watch.forEach((i, w) => {
        for (let c = 0; c < networks; c++) {
          const node = c * n0 + i;
          watched[w]!.set(values.subarray(node * runs, (node + 1) * runs), k * traced + c * runs);
        }
        watchedWeight[w]![k] = weights[i]!;
      });
    }
  };
  try {
    observe(0, 0);
    for (let s = 0; s < steps; s++) {
      if (timeVarying) {
        const target = activity(s * dt);
        for (let i = 0; i < n; i++) weights[i] = target[i]! + (weights[i]! - target[i]!) * relax;
        energy = buildEnergy(weights);
      }
      // The step needs ∇H alone (H is never read): the terms' gradients summed, H not formed.
      const g = gradient(energy, x);
      const next = noisyDescent(x, g, dt, temperature, fold(runKey, s));
      tf.dispose([g, x]);
      x = next;
      if ((s + 1) % recordEvery === 0 && !tf.tidy(() => tf.all(tf.isFinite(x)).dataSync()[0])) {
        throw new ArgumentError(WHERE, "dt", `small enough for a stable run (the field diverged at t = ${((s + 1) * dt).toFixed(3)})`, dt);
      }
      if ((s + 1) % recordEvery === 0) observe((s + 1) / recordEvery, (s + 1) * dt);
    }
  } finally {
    tf.dispose([x, mask]);
  }
  return { times, holdA, holdB, mean, watched, watchedWeight, runs: traced, nodes: n0 };
}
