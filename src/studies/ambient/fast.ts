/**
 * The ambient model's structured fast path: the same Langevin dynamics as {@link simulateAmbient} (the same H_t,
 * step Ψ' = Ψ − h∇H + √(2hT) ξ, observables and trace) for constant participation, in plain typed arrays over the
 * network's neighbour lists: no tensors, no per-node objects, no worker threads (the tensor path hands large
 * products to a worker pool, and above ~28 000 nodes a run stalled there). One step costs O((N + E)·R), so networks
 * of 10⁵–10⁶ nodes run in seconds. The noise is drawn from `key` by Marsaglia's polar method on an sfc32 stream, so
 * its numbers differ from the tensor path's draw by draw but not in distribution; a test compares the two. With the
 * engine's SIMD module ready, the step and the draws run there (ops/ambient-step), two runs per f64x2 and an odd
 * count's last run in scalar f64, with the same operations in the same order: the same numbers as the loops here,
 * which a test checks.
 */
import { symmetricCsr } from "../../engine/edges";
import { type Key, checkKey, split, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import type { Graph } from "../../graph/graph";
import { adversaryLoad, type AdversaryOptions, type AmbientTrace, type Injection } from "./simulate";
import { ambientStepper } from "../../ops/ambient-step";

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

/** {@link fastUniform}'s state and the polar method's spare normal: {@link fillNormals} draws from it. */
interface NormalStream {
  a: number;
  b: number;
  c: number;
  d: number;
  spare: number;
  hasSpare: boolean;
}

/** A normal stream from `key`: sfc32's four words from the key's seeded uniform source (`fastUniform` starts there too). */
function normalStream(key: Key): NormalStream {
  const seed = uniformSource(key);
  const a = (seed() * 2 ** 32) >>> 0,
    b = (seed() * 2 ** 32) >>> 0,
    c = (seed() * 2 ** 32) >>> 0,
    d = (seed() * 2 ** 32) >>> 0 || 1;
  return { a, b, c, d, spare: 0, hasSpare: false };
}

/**
 * Fills `out` with standard normals by Marsaglia's polar method (two normals per accepted pair of uniforms, no
 * trigonometry) on `fastUniform`'s sfc32 step, inlined: the numbers of a call per normal, in one loop over locals
 * (the noise is about a third of a step's work).
 */
function fillNormals(stream: NormalStream, out: Float64Array): void {
  let { a, b, c, d, spare, hasSpare } = stream;
  for (let k = 0; k < out.length; k++) {
    if (hasSpare) {
      hasSpare = false;
      out[k] = spare;
      continue;
    }
    let p: number, q: number, r: number;
    do {
      let t = (((a + b) >>> 0) + d) >>> 0;
      d = (d + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) >>> 0;
      p = 2 * (t / 4294967296) - 1;
      t = (((a + b) >>> 0) + d) >>> 0;
      d = (d + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) >>> 0;
      q = 2 * (t / 4294967296) - 1;
      r = p * p + q * q;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    spare = q * f;
    hasSpare = true;
    out[k] = p * f;
  }
  Object.assign(stream, { a, b, c, d, spare, hasSpare });
}

/** The network and the per-node constants of one Euler step (fixed for a run). */
interface Lattice {
  n: number;
  runs: number;
  start: Int32Array;
  col: Int32Array;
  /** J_ij·w_j per neighbour-list entry: the product every step formed anew, formed once. */
  coupling: Float64Array;
  /** Every entry of `coupling` is 1 (unit weights, full participation): c·ψ = ψ exactly, so no product is formed. */
  unit: boolean;
  w: Float64Array;
  diagonal: Float64Array;
  cubic: Float64Array;
  pullConstant: Float64Array;
  kappa: number;
}

/**
 * One Euler–Maruyama step of every node and run, from `x` into `next`. `noise` holds the step's normals in the
 * order of the entries (node by node, run by run), as a draw per entry in that order would give them. One loop per
 * run count (1, 2, any), each in a function of its own with its arrays in parameters (in closure-captured variables,
 * or with the run count a variable, the same loop ran slower); every one forms the same numbers in the same order.
 */
function eulerStep(
  lattice: Lattice,
  x: Float64Array,
  next: Float64Array,
  h: number,
  sigma: number,
  noise: Float64Array,
  pulled: Float64Array,
): void {
  if (lattice.runs === 1) stepOneRun(lattice, x, next, h, sigma, noise);
  else if (lattice.runs === 2) stepTwoRuns(lattice, x, next, h, sigma, noise);
  else stepRuns(lattice, x, next, h, sigma, noise, pulled);
}

/** {@link eulerStep} for one run (a large network): no per-run buffer. */
function stepOneRun(lattice: Lattice, x: Float64Array, next: Float64Array, h: number, sigma: number, noise: Float64Array): void {
  const { n, start, col, coupling, unit, w, diagonal, cubic, pullConstant, kappa } = lattice;
  for (let i = 0; i < n; i++) {
    const a = start[i]!,
      b = start[i + 1]!,
      pairing = 2 * kappa * w[i]!,
      d = diagonal[i]!,
      c3 = cubic[i]!,
      p0 = pullConstant[i]!;
    let sum = 0;
    if (unit) for (let q = a; q < b; q++) sum += x[col[q]!]!;
    else for (let q = a; q < b; q++) sum += coupling[q]! * x[col[q]!]!;
    const v = x[i]!;
    next[i] = v - h * (d * v + c3 * v * v * v - pairing * sum - p0) + (sigma > 0 ? sigma * noise[i]! : 0);
  }
}

/** {@link eulerStep} for two runs (the scale study's 10⁵ nodes): the two sums in locals. */
function stepTwoRuns(lattice: Lattice, x: Float64Array, next: Float64Array, h: number, sigma: number, noise: Float64Array): void {
  const { n, start, col, coupling, unit, w, diagonal, cubic, pullConstant, kappa } = lattice;
  for (let i = 0; i < n; i++) {
    const a = start[i]!,
      b = start[i + 1]!,
      pairing = 2 * kappa * w[i]!,
      d = diagonal[i]!,
      c3 = cubic[i]!,
      p0 = pullConstant[i]!;
    let sum0 = 0,
      sum1 = 0;
    if (unit)
      for (let q = a; q < b; q++) {
        const other = 2 * col[q]!;
        sum0 += x[other]!;
        sum1 += x[other + 1]!;
      }
    else
      for (let q = a; q < b; q++) {
        const other = 2 * col[q]!,
          c = coupling[q]!;
        sum0 += c * x[other]!;
        sum1 += c * x[other + 1]!;
      }
    const k = 2 * i,
      v0 = x[k]!,
      v1 = x[k + 1]!;
    next[k] = v0 - h * (d * v0 + c3 * v0 * v0 * v0 - pairing * sum0 - p0) + (sigma > 0 ? sigma * noise[k]! : 0);
    next[k + 1] = v1 - h * (d * v1 + c3 * v1 * v1 * v1 - pairing * sum1 - p0) + (sigma > 0 ? sigma * noise[k + 1]! : 0);
  }
}

/** {@link eulerStep} for any number of runs: Σ_j J_ij w_j ψ_j per run in `pulled`. */
function stepRuns(
  lattice: Lattice,
  x: Float64Array,
  next: Float64Array,
  h: number,
  sigma: number,
  noise: Float64Array,
  pulled: Float64Array,
): void {
  const { n, runs, start, col, coupling, unit, w, diagonal, cubic, pullConstant, kappa } = lattice;
  for (let i = 0; i < n; i++) {
    const row = i * runs,
      a = start[i]!,
      b = start[i + 1]!,
      pairing = 2 * kappa * w[i]!,
      d = diagonal[i]!,
      c3 = cubic[i]!,
      p0 = pullConstant[i]!;
    for (let r = 0; r < runs; r++) pulled[r] = 0; // not fill(): a call per node costs more than the loop at few runs
    if (unit)
      for (let q = a; q < b; q++) {
        const other = col[q]! * runs;
        for (let r = 0; r < runs; r++) pulled[r]! += x[other + r]!;
      }
    else
      for (let q = a; q < b; q++) {
        const other = col[q]! * runs,
          c = coupling[q]!;
        for (let r = 0; r < runs; r++) pulled[r]! += c * x[other + r]!;
      }
    for (let r = 0; r < runs; r++) {
      const v = x[row + r]!;
      const gradient = d * v + c3 * v * v * v - pairing * pulled[r]! - p0;
      next[row + r] = v - h * gradient + (sigma > 0 ? sigma * noise[row + r]! : 0);
    }
  }
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
  const lattice: Lattice = { n, runs, start, col, coupling, unit, w, diagonal, cubic, pullConstant, kappa };
  // The engine's SIMD step where it runs (the module ready; ops/ambient-step): the same numbers
  // as eulerStep, its buffers in the module's memory.
  const pairing = Float64Array.from(w, (wi) => 2 * kappa * wi);
  const stepper = ambientStepper({ ...lattice, pairing }, temperature > 0);
  let x = stepper ? stepper.buffers[0] : new Float64Array(n * runs);
  let next = stepper ? stepper.buffers[1] : new Float64Array(n * runs);
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
  const noise = stepper ? stepper.noise : new Float64Array(sigma > 0 ? n * runs : 0);
  observe(0, 0);
  const pulled = new Float64Array(runs); // Σ_j J_ij w_j ψ_j per run, for the node being stepped
  let from: 0 | 1 = 0; // the stepper's buffer holding x
  for (let s = 0; s < steps; s++) {
    for (let sub = 0; sub < substeps; sub++) {
      if (sigma > 0) {
        if (stepper) stepper.draw(normals);
        else fillNormals(normals, noise);
      }
      if (stepper) {
        stepper.step(from, h, sigma);
        from = from === 0 ? 1 : 0;
      } else eulerStep(lattice, x, next, h, sigma, noise, pulled);
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
