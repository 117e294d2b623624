/**
 * The ambient model's structured fast path: the same Langevin dynamics as {@link simulateAmbient} (the same H_t,
 * step Ψ' = Ψ − h∇H + √(2hT) ξ, observables and trace) for constant participation, in plain typed arrays over the
 * network's neighbour lists: no tensors, no per-node objects, no worker threads (the tensor path hands large
 * products to a worker pool, and above ~28 000 nodes a run stalled there). One step costs O((N + E)·R), so networks
 * of 10⁵–10⁶ nodes run in seconds. The noise is drawn from `key` by Marsaglia's polar method on an sfc32 stream, so
 * its numbers differ from the tensor path's draw by draw but not in distribution; a test compares the two. The step
 * and the draws are the op of ops/ambient-step: the engine's SIMD module where it is ready (two runs per f64x2 and an
 * odd count's last run in scalar f64), else its JavaScript loop, with the same operations in the same order, which a
 * test checks.
 */
import { symmetricCsr } from "../../engine/edges";
import { type Key, checkKey, split, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import type { Graph } from "../../graph/graph";
import { adversaryLoad, type AdversaryOptions, type AmbientTrace, type Injection } from "./simulate";
import { ambientStepper, type PolarStream } from "../../ops/ambient-step";

const WHERE = "emtd/ambient/fast";

/** The options of {@link simulateAmbientFast}: those of `simulateAmbient` with constant participation. */
export interface AmbientFastOptions {
  graph: Graph;
  runs: number;
  duration: number;
  /** γ (0.1), κ (1), b (1), T (0.05), h (0.05): as `simulateAmbient`. */
  decay?: number;
  coupling?: number;
  depth?: number;
  temperature?: number;
  dt?: number;
  /** Constant activity per node (default every node 1). */
  participation?: ArrayLike<number>;
  injections?: readonly Injection[];
  adversary?: AdversaryOptions;
  recordEvery?: number;
  excludeFromObservables?: readonly number[];
}

/**
 * A uniform [0, 1) stream seeded from `key` (sfc32, its four words from the key's seeded uniform source): the
 * noise needs ~10⁸ draws per run of a large network, several times what the library's alea source gives in a second.
 */
export function fastUniform(key: Key): () => number {
  let { a, b, c, d } = normalStream(key);
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** A normal stream from `key`: sfc32's four words from the key's seeded uniform source (`fastUniform` starts there too). */
function normalStream(key: Key): PolarStream {
  const seed = uniformSource(key);
  const a = (seed() * 2 ** 32) >>> 0,
    b = (seed() * 2 ** 32) >>> 0,
    c = (seed() * 2 ** 32) >>> 0,
    d = (seed() * 2 ** 32) >>> 0 || 1;
  return { a, b, c, d, spare: 0, hasSpare: false };
}

/**
 * The ambient model with constant participation, in typed arrays (module comment). Deterministic for a key.
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 4); // every node starts holding A = +1
 * const trace = simulateAmbientFast({ graph, runs: 8, duration: 5, temperature: 0.5 }, key(2));
 * trace.times.length; // → 101 (a record every duration / 100)
 * ```
 */
export function simulateAmbientFast(options: AmbientFastOptions, key: Key): AmbientTrace {
  const { graph } = options;
  const n = graph.n;
  const runs = check.integer(WHERE, "runs", options.runs, 1, 100_000);
  const duration = check.positive(WHERE, "duration", options.duration);
  checkKey(WHERE, "key", key);
  const gamma = check.nonNegative(WHERE, "decay", options.decay ?? 0.1);
  const kappa = check.nonNegative(WHERE, "coupling", options.coupling ?? 1);
  const depth = check.nonNegative(WHERE, "depth", options.depth ?? 1);
  const temperature = check.nonNegative(WHERE, "temperature", options.temperature ?? 0.05);
  const dt = check.positive(WHERE, "dt", options.dt ?? 0.05);
  const steps = Math.round(duration / dt);
  const recordEvery = Math.max(1, Math.round((options.recordEvery ?? duration / 100) / dt));
  const [adversaryKey, runKey] = split(key, 2) as [Key, Key];
  const excluded = options.excludeFromObservables ?? [];
  const load = options.adversary ? adversaryLoad(n, options.adversary, adversaryKey, excluded) : null;
  const target = check.finite(WHERE, "adversary.value", options.adversary?.value ?? -1);

  const w = new Float64Array(n).fill(1);
  if (options.participation !== undefined) {
    if (options.participation.length !== n)
      throw new ArgumentError(WHERE, "participation", `${n} numbers (one per node)`, options.participation.length);
    for (let i = 0; i < n; i++) w[i] = check.nonNegative(WHERE, `participation[${i}]`, options.participation[i]!);
  }
  const { rowPtr: start, col, weight } = symmetricCsr(graph); // neighbour lists with J_ij per entry
  // Per node: the diagonal of the linear part of ∇H, and the pull's constant part (2 s_i v).
  const diagonal = new Float64Array(n);
  const pullConstant = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dw = 0;
    for (let q = start[i]!; q < start[i + 1]!; q++) dw += weight[q]! * w[col[q]!]!;
    const s = load ? kappa * w[i]! * load[i]! : 0;
    diagonal[i] = 2 * kappa * w[i]! * dw + gamma - depth * w[i]! + 2 * s;
    pullConstant[i] = 2 * s * target;
  }

  const cubic = new Float64Array(n);
  for (let i = 0; i < n; i++) cubic[i] = depth * w[i]!;
  const coupling = new Float64Array(col.length);
  let unit = true;
  for (let q = 0; q < col.length; q++) {
    coupling[q] = weight[q]! * w[col[q]!]!;
    if (coupling[q] !== 1) unit = false;
  }
  // The op's step (ops/ambient-step): the engine's SIMD step where it runs, else its JavaScript loop, the same numbers.
  const pairing = Float64Array.from(w, (wi) => 2 * kappa * wi);
  const stepper = ambientStepper({ n, runs, start, col, coupling, unit, pairing, diagonal, cubic, pullConstant }, temperature > 0);
  let [x, next] = stepper.buffers;
  if (options.injections === undefined) x.fill(1);
  for (const injection of options.injections ?? []) {
    check.finite(WHERE, "injections[].value", injection.value);
    for (const i of injection.nodes) {
      check.integer(WHERE, "injections[].nodes[]", i, 0, n - 1);
      x.fill(injection.value, i * runs, (i + 1) * runs);
    }
  }
  const honest = new Uint8Array(n).fill(1);
  for (const i of excluded) honest[check.integer(WHERE, "excludeFromObservables[]", i, 0, n - 1)] = 0;
  const honestCount = honest.reduce((a, b) => a + b, 0);

  const records = Math.floor(steps / recordEvery) + 1;
  const times = new Float64Array(records);
  const holdA = new Float32Array(records * runs);
  const holdB = new Float32Array(records * runs);
  const mean = new Float32Array(records * runs);
  const above = new Float64Array(runs),
    below = new Float64Array(runs),
    total = new Float64Array(runs);
  const observe = (k: number, t: number) => {
    above.fill(0);
    below.fill(0);
    total.fill(0);
    for (let i = 0; i < n; i++) {
      if (!honest[i]) continue;
      const row = i * runs;
      for (let r = 0; r < runs; r++) {
        const v = x[row + r]!;
        if (v > 0.5) above[r]++;
        else if (v < -0.5) below[r]++;
        total[r]! += v;
      }
    }
    times[k] = t;
    for (let r = 0; r < runs; r++) {
      holdA[k * runs + r] = above[r]! / honestCount;
      holdB[k * runs + r] = below[r]! / honestCount;
      mean[k * runs + r] = total[r]! / honestCount;
    }
  };

  // Explicit Euler is stable while dt·λ_max < 2; Gershgorin bounds λ_max of the linear part by
  // max_i |d_i| + 2κw_iΣ_j J_ij w_j. A node a stubborn adversary pulls hard (large load) makes the system stiff, so
  // such runs take m equal substeps per dt (m = 1, the same arithmetic as before, wherever dt·bound ≤ 1.8).
  let bound = 0;
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let q = start[i]!; q < start[i + 1]!; q++) off += weight[q]! * w[col[q]!]!;
    bound = Math.max(bound, Math.abs(diagonal[i]!) + 2 * kappa * w[i]! * off);
  }
  const substeps = Math.max(1, Math.ceil((dt * bound) / 1.8));
  const h = dt / substeps;
  const sigma = Math.sqrt(2 * h * temperature);
  const normals = normalStream(runKey);
  observe(0, 0);
  let from: 0 | 1 = 0; // the stepper's buffer holding x
  for (let s = 0; s < steps; s++) {
    for (let sub = 0; sub < substeps; sub++) {
      if (sigma > 0) stepper.draw(normals);
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
  return { times, holdA, holdB, mean, watched: [], watchedWeight: [], runs, nodes: n };
}
