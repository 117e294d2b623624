/**
 * The ambient model simulated: R independent runs of one network batched as the R channels of a field Ψ [N, R],
 * driven by unadjusted Langevin dynamics (the library's fused `noisyDescent`) on
 *
 *   H_t(Ψ) = κ Σ_⟨ij⟩ w_i w_j ‖ψ_i − ψ_j‖² + Σ_i w_i (b/4)(ψ_i² − 1)² + γ/2 Σ_i ψ_i² + Σ_i s_i(t) (ψ_i − v)²
 *
 *   dΨ = −∇H_t dt + √(2T) dW,   stepped as Ψ' = Ψ − h∇H + √(2hT) ξ.
 *
 * There is no log, no replay and no order: the state is the present field Ψ and the weights w(t). Participation is
 * an activity a_i(t) ∈ [0, 1]; an identity's influence weight w_i relaxes toward it at rate λ (`fade`):
 * w ← a + (w − a) e^{−λh}, so an identity that stops participating fades rather than vanishing. An adversary is a set
 * of identities that hold v (default −1) and never update; identity a with weight ω_a attached to honest nodes T_a
 * pulls them with s_i = κ w_i Σ_{a: i∈T_a} ω_a (the same coupling as between honest participants).
 *
 * Observables, every `recordEvery` time units, per run: the fraction of honest nodes holding A (ψ > ½), holding B
 * (ψ < −½), and the mean value.
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, checkKey, fold, split, uniformSource } from "../../engine/random";
import { noisyDescent } from "../../ops/noisy-descent";
import { ArgumentError, check } from "../../errors";
import type { Graph } from "../../graph/graph";
import { gradient, sum, type Term } from "../../hamiltonian/term";
import { decay, holding, participationCoupling, pull } from "./terms";

/** Adversary identities pushing a competing value. */
export interface AdversaryOptions {
  /** Number of identities (Sybils: more than one). */
  identities: number;
  /**
   * Total participation budget B shared by the identities (each gets ω = B / identities): presence costs. Give
   * either `budget` or `weightEach`.
   */
  budget?: number;
  /** Weight ω of each identity when identities are free (total grows with their number). */
  weightEach?: number;
  /** Honest nodes each identity attaches to (chosen at random without replacement). Default 1. */
  targets?: number;
  /** The value pushed. Default −1 (the competing value B). */
  value?: number;
}

export interface Injection {
  /** Nodes set to `value` at t = 0. */
  nodes: readonly number[];
  value: number;
}

export interface AmbientOptions {
  graph: Graph;
  /** Independent runs R, batched as channels. */
  runs: number;
  /**
   * How many networks `graph` holds (default 1): C > 1 reads it as the disjoint union of C networks of N/C nodes each
   * (src/graph/union.ts, network c on nodes c·N/C …), every one run R times. Node indices in `injections`, `watch`,
   * `excludeFromObservables` and `participation` are then a network's (0 … N/C − 1), applied in each; the adversary
   * attaches to its own targets in each network; and the trace has C·R runs, network c's run r at c·R + r, its
   * observables over that network's nodes alone.
   */
  networks?: number;
  /** Total simulated time. */
  duration: number;
  /** γ ≥ 0, decay rate toward the neutral state. Default 0.1. */
  decay?: number;
  /** κ ≥ 0, coupling between participants. Default 1. */
  coupling?: number;
  /** b ≥ 0, depth of the holding wells. Default 1. */
  depth?: number;
  /** T ≥ 0, noise temperature. Default 0.05. */
  temperature?: number;
  /** Time step h. Default 0.05. */
  dt?: number;
  /** Activity a_i(t) per node: constant numbers, or a function of time. Default: every node 1. */
  participation?: ArrayLike<number> | ((t: number) => ArrayLike<number>);
  /** λ, rate at which influence weights follow activity. Default Infinity (at once). */
  fade?: number;
  /** Initial values: all nodes neutral (0) except these. Default: every node holds A = +1. */
  injections?: readonly Injection[];
  adversary?: AdversaryOptions;
  /** Record observables every this much time. Default: duration / 100. */
  recordEvery?: number;
  /** Nodes left out of the "honest" observables (e.g. a detached node). Default none. */
  excludeFromObservables?: readonly number[];
  /** Record the full value of these nodes (per run) as well. */
  watch?: readonly number[];
}

export interface AmbientTrace {
  /** Record times, [K]. */
  times: Float64Array;
  /** Per record k and run r, index k·R + r: the fraction of honest nodes with ψ > ½ / ψ < −½, and the mean ψ. */
  holdA: Float32Array;
  holdB: Float32Array;
  mean: Float32Array;
  /** Per watched node, per record and run (k·R + r): ψ. */
  watched: Float32Array[];
  /** Per record: the mean influence weight of the watched nodes (w over time). */
  watchedWeight: Float64Array[];
  /** Runs R in the trace: C·R where the graph holds C networks (`networks`), network c's run r at c·R + r. */
  runs: number;
  /** Nodes of one network. */
  nodes: number;
}

const WHERE = "emtd/ambient/simulate";

/**
 * Per-node adversary attachment Σ_{a: i∈T_a} ω_a, drawn from the key.
 *
 * @example
 * ```ts
 * Array.from(adversaryLoad(6, { identities: 2, budget: 1, targets: 2 }, key(1))); // → [0, 0, 0, 1, 0.5, 0.5]
 * Array.from(adversaryLoad(6, { identities: 1, weightEach: 0.5, targets: 3 }, key(1), [0, 1])); // → [0, 0, 0, 0.5, 0.5, 0.5]
 * ```
 */
export function adversaryLoad(n: number, adversary: AdversaryOptions, key: Key, exclude: readonly number[] = []): Float32Array {
  const where = `${WHERE}/adversary`;
  const count = check.integer(where, "identities", adversary.identities, 0, 1e6);
  const targets = check.integer(where, "targets", adversary.targets ?? 1, 1, n);
  if ((adversary.budget === undefined) === (adversary.weightEach === undefined)) {
    throw new ArgumentError(
      where,
      "budget / weightEach",
      "exactly one of them (a shared budget, or a weight per free identity)",
      adversary,
    );
  }
  const omega =
    adversary.budget !== undefined
      ? check.nonNegative(where, "budget", adversary.budget) / Math.max(count, 1)
      : check.nonNegative(where, "weightEach", adversary.weightEach!);
  const load = new Float32Array(n);
  const excluded = new Set(exclude);
  const eligible = Array.from({ length: n }, (_, i) => i).filter((i) => !excluded.has(i));
  const random = uniformSource(key);
  // A partial Fisher–Yates shuffle of the eligible nodes per identity, its swaps kept in a map instead of a copy of
  // the pool (the same draws and targets; O(targets) per identity, so N/16 identities on 10⁵ nodes cost no N²).
  const pick = Math.min(targets, eligible.length);
  for (let a = 0; a < count; a++) {
    const swapped = new Map<number, number>();
    const at = (p: number) => swapped.get(p) ?? eligible[p]!;
    for (let t = 0; t < pick; t++) {
      const j = t + Math.floor(random() * (eligible.length - t));
      const chosen = at(j);
      swapped.set(j, at(t));
      load[chosen]! += omega;
    }
  }
  return load;
}

/**
 * Simulate the ambient model. Deterministic for a key; disposes every tensor it makes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 4); // every node starts holding A = +1
 * const trace = simulateAmbient({ graph, runs: 8, duration: 5, adversary: { identities: 1, budget: 0.5, targets: 2 } }, key(2));
 * trace.times.length; // → 101 (a record every duration / 100)
 * trace.holdA.slice(-trace.runs); // → Float32Array [1, 0.9375, 1, 0.9375, 1, 0.9375, 1, 0.9375] (per run, the fraction of honest nodes still holding A at t = 5)
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function simulateAmbient(options: AmbientOptions, key: Key): AmbientTrace {
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
