/**
 * The ambient model simulated: R independent runs of one network (or of each of C networks held as one disjoint
 * union), driven by unadjusted Langevin dynamics on
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
 * The step is the op of ops/ambient-step (the engine's SIMD step, its JavaScript loop where the module is not ready:
 * the same numbers), in float64 over the network's neighbour lists, the runs as lanes: run r of network c draws its
 * normals from its own stream (key fold(fold(runKey, c), r)), so a run's numbers are the same whether it is run alone
 * (`firstRun`, `runs: 1`) or beside others. The terms of ./terms.ts are the same H as tensors (∇H is theirs; a test
 * holds this model to their tensor path's law). One Euler step per h by default, as the claims' models declare h;
 * `substeps: "auto"` (the scale and Byzantine studies, where many identities pile their pull on a node and make the
 * system stiff) takes m equal substeps per h from Gershgorin's bound on the linear part (m = 1 wherever
 * h·bound ≤ 1.8), m shared by every network of a union.
 *
 * Observables, every `recordEvery` time units, per run: the fraction of honest nodes holding A (ψ > ½), holding B
 * (ψ < −½), and the mean value.
 */
import { symmetricCsr } from "../../engine/edges";
import { type Key, checkKey, fold, split, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import type { Graph } from "../../graph/graph";
import { ambientStepper, type AmbientConstants, type AmbientStream } from "../../ops/ambient-step";

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
  /** Independent runs R, advanced together as lanes of one field. */
  runs: number;
  /**
   * The first run's index (default 0): runs firstRun … firstRun + R − 1 are drawn, each from its own stream, so
   * `{ firstRun: r, runs: 1 }` is run r of any larger batch, bit for bit.
   */
  firstRun?: number;
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
  /**
   * Euler steps per h: a whole number ≥ 1 (default 1), or "auto": as many as Gershgorin's bound on the linear part
   * asks for (h·bound ≤ 1.8 per substep), for runs an adversary's pull makes stiff.
   */
  substeps?: number | "auto";
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
 * Array.from(adversaryLoad(6, { identities: 2, budget: 1, targets: 2 }, key(1))); // → [0, 0.5, 0.5, 0.5, 0.5, 0]
 * Array.from(adversaryLoad(6, { identities: 1, weightEach: 0.5, targets: 3 }, key(1), [0, 1])); // → [0, 0, 0.5, 0.5, 0, 0.5]
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
 * One run's normals from its key: Philox4x32-10 under the key itself, from step 0 (ops/ambient-step's counters: a
 * block of four nodes or a node's miss stream, the step, and a last word of its own, so no other stream of the key
 * reads its blocks).
 */
export function laneStream(key: Key): AmbientStream {
  return { key0: key[0], key1: key[1], step: 0 };
}

/** The network's neighbour lists and what the constants are formed from (κ, γ, b, the adversary's load and value). */
interface Model {
  n: number;
  start: Int32Array;
  col: Int32Array;
  weight: Float64Array;
  kappa: number;
  gamma: number;
  depth: number;
  load: Float32Array | null;
  target: number;
}

/**
 * The step's constants for weights w (ops/ambient-step's lattice): per entry J_ij·w_j, per node 2κw_i, the diagonal
 * d_i = 2κ w_i Σ_j J_ij w_j + γ − b w_i + 2 s_i, the cubic b w_i and the pull's 2 s_i v; and per node Gershgorin's bound
 * on the linear part's largest eigenvalue, |d_i| + 2κ w_i Σ_j J_ij w_j, whose maximum sets the substeps.
 */
function constantsOf(m: Model, w: Float64Array): AmbientConstants & { rowBound: Float64Array } {
  const { n, col } = m;
  const c = {
    coupling: new Float64Array(col.length),
    ...{ pairing: new Float64Array(n), diagonal: new Float64Array(n) },
    ...{ cubic: new Float64Array(n), pullConstant: new Float64Array(n), rowBound: new Float64Array(n) },
  };
  for (let i = 0; i < n; i++) refillRow(m, w, c, i);
  return c;
}

/** Row i of {@link constantsOf}, in place: the whole table and a moved node's rows form the same numbers. */
function refillRow(m: Model, w: Float64Array, c: AmbientConstants & { rowBound: Float64Array }, i: number): void {
  const { start, col, weight, kappa, gamma, depth, load, target } = m;
  let dw = 0;
  for (let q = start[i]!; q < start[i + 1]!; q++) {
    c.coupling[q] = weight[q]! * w[col[q]!]!;
    dw += c.coupling[q]!;
  }
  const s = load ? kappa * w[i]! * load[i]! : 0;
  c.pairing[i] = 2 * kappa * w[i]!;
  c.diagonal[i] = 2 * kappa * w[i]! * dw + gamma - depth * w[i]! + 2 * s;
  c.cubic[i] = depth * w[i]!;
  c.pullConstant[i] = 2 * s * target;
  c.rowBound[i] = Math.abs(c.diagonal[i]!) + 2 * kappa * w[i]! * dw;
}

const maxOf = (a: Float64Array): number => a.reduce((x, y) => Math.max(x, y), 0);

/**
 * Simulate the ambient model (module comment). Deterministic for a key; makes no tensors.
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 4); // every node starts holding A = +1
 * const trace = simulateAmbient({ graph, runs: 8, duration: 5, adversary: { identities: 1, budget: 0.5, targets: 2 } }, key(2));
 * trace.times.length; // → 101 (a record every duration / 100)
 * trace.holdA.slice(-trace.runs); // → Float32Array [1, 1, 0.8125, 1, 0.8125, 1, 0.9375, 0.9375] (per run, the fraction of honest nodes still holding A at t = 5)
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function simulateAmbient(options: AmbientOptions, key: Key): AmbientTrace {
  const { graph } = options;
  const n = graph.n;
  const runs = check.integer(WHERE, "runs", options.runs, 1, 100_000);
  const firstRun = check.integer(WHERE, "firstRun", options.firstRun ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const networks = check.integer(WHERE, "networks", options.networks ?? 1, 1, n);
  if (n % networks !== 0)
    throw new ArgumentError(WHERE, "networks", `a divisor of the graph's ${n} nodes (networks of equal size)`, networks);
  // Node-indexed options address one network's nodes (n0 of them); `tile` repeats a per-node array over the networks.
  const n0 = n / networks;
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
  const target = check.finite(WHERE, "adversary.value", options.adversary?.value ?? -1);

  // Activity per node of the whole graph (a network's numbers repeated over the networks), checked ≥ 0 and finite.
  const activity = (t: number, into: Float64Array): Float64Array => {
    const p = options.participation;
    if (p === undefined) return into.fill(1);
    const a = typeof p === "function" ? p(t) : p;
    if (a.length !== n0)
      throw new ArgumentError(WHERE, "participation", `${n0} numbers (one per node${networks > 1 ? " of a network" : ""})`, a.length);
    for (let i = 0; i < n0; i++) {
      const v = a[i]!;
      if (!(Number.isFinite(v) && v >= 0)) throw new ArgumentError(WHERE, `participation[${i}]`, "a finite number ≥ 0", v);
      for (let c = 0; c < networks; c++) into[c * n0 + i] = v;
    }
    return into;
  };
  const timeVarying = typeof options.participation === "function" || Number.isFinite(fade);
  const weights = activity(0, new Float64Array(n));
  const goal = new Float64Array(n);
  const relax = Number.isFinite(fade) ? Math.exp(-fade * dt) : 0;

  const { rowPtr: start, col, weight } = symmetricCsr(graph);
  const model: Model = { n, start, col, weight, kappa, gamma, depth, load, target };
  const constants = constantsOf(model, weights);
  // A time-varying run replaces its couplings each step, so its lattice is never `unit` (J·w = 1 reads the same ψ).
  const unit = !timeVarying && constants.coupling.every((c) => c === 1);
  const stepper = ambientStepper({ n, runs, blocks: networks, start, col, unit, ...constants }, temperature > 0);
  let [x, next] = stepper.buffers;

  for (const injection of options.injections ?? []) {
    check.finite(WHERE, "injections[].value", injection.value);
    for (const i of injection.nodes) check.integer(WHERE, "injections[].nodes[]", i, 0, n0 - 1);
  }
  if (options.injections === undefined) x.fill(1);
  for (const injection of options.injections ?? [])
    for (const i of injection.nodes)
      for (let c = 0; c < networks; c++) x.fill(injection.value, (c * n0 + i) * runs, (c * n0 + i + 1) * runs);
  const honest = new Uint8Array(n0).fill(1);
  for (const i of excluded) honest[check.integer(WHERE, "excludeFromObservables[]", i, 0, n0 - 1)] = 0;
  const honestCount = honest.reduce((a, b) => a + b, 0);
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
  const above = new Float64Array(runs),
    below = new Float64Array(runs),
    total = new Float64Array(runs);
  const observe = (k: number, t: number) => {
    times[k] = t;
    for (let c = 0; c < networks; c++) {
      above.fill(0);
      below.fill(0);
      total.fill(0);
      for (let i = 0; i < n0; i++) {
        if (!honest[i]) continue;
        const row = (c * n0 + i) * runs;
        for (let r = 0; r < runs; r++) {
          const v = x[row + r]!;
          if (v > 0.5) above[r]++;
          else if (v < -0.5) below[r]++;
          total[r]! += v;
        }
      }
      const at = k * traced + c * runs;
      for (let r = 0; r < runs; r++) {
        holdA[at + r] = above[r]! / honestCount;
        holdB[at + r] = below[r]! / honestCount;
        mean[at + r] = total[r]! / honestCount;
      }
      watch.forEach((i, w) => watched[w]!.set(x.subarray((c * n0 + i) * runs, (c * n0 + i + 1) * runs), at));
    }
    watch.forEach((i, w) => (watchedWeight[w]![k] = weights[i]!));
  };

  // Run r of network c: its own stream, keyed by (network, run index), whatever else shares the field.
  const streams = Array.from({ length: traced }, (_, s) => laneStream(fold(fold(runKey, Math.floor(s / runs)), firstRun + (s % runs))));
  const fixed = options.substeps ?? 1;
  if (fixed !== "auto") check.integer(WHERE, "substeps", fixed, 1, 1_000_000);
  const substepsOf = (bound: number) => (fixed === "auto" ? Math.max(1, Math.ceil((dt * bound) / 1.8)) : fixed);
  let substeps = substepsOf(maxOf(constants.rowBound));
  // Where participation moves, only the moved nodes' rows and their neighbours' change: those are refilled and handed
  // to the step (a detaching node moves alone while the rest of the network stays).
  const affected = new Uint8Array(n);
  const rows: number[] = [];
  observe(0, 0);
  let from: 0 | 1 = 0; // the stepper's buffer holding x
  for (let s = 0; s < steps; s++) {
    if (timeVarying) {
      activity(s * dt, goal);
      rows.length = 0;
      const mark = (i: number) => {
        if (!affected[i]) rows.push(i);
        affected[i] = 1;
      };
      for (let j = 0; j < n; j++) {
        const w = goal[j]! + (weights[j]! - goal[j]!) * relax;
        if (w === weights[j]) continue;
        weights[j] = w;
        mark(j);
        for (let q = start[j]!; q < start[j + 1]!; q++) mark(col[q]!);
      }
      if (rows.length > 0) {
        for (const i of rows) {
          refillRow(model, weights, constants, i);
          affected[i] = 0;
        }
        stepper.update(constants, rows);
        substeps = substepsOf(maxOf(constants.rowBound));
      }
    }
    const h = dt / substeps;
    const sigma = Math.sqrt(2 * h * temperature);
    for (let sub = 0; sub < substeps; sub++) {
      if (sigma > 0) stepper.draw(streams);
      stepper.step(from, h, sigma);
      from = from === 0 ? 1 : 0;
      [x, next] = [next, x];
    }
    if ((s + 1) % recordEvery === 0) {
      for (let q = 0; q < x.length; q++)
        if (!Number.isFinite(x[q]!))
          throw new ArgumentError(
            WHERE,
            "dt",
            `small enough for a stable run (the field diverged at t = ${((s + 1) * dt).toFixed(3)})`,
            dt,
          );
      observe((s + 1) / recordEvery, (s + 1) * dt);
    }
  }
  return { times, holdA, holdB, mean, watched, watchedWeight, runs: traced, nodes: n0 };
}
