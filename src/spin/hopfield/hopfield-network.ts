/**
 * §4.4's "neuromorphic" reading made concrete: a Hopfield network (Hopfield 1982) is an Ising model
 * H(s) = −½ Σ_{i≠j} J_ij s_i s_j with Hebbian couplings J = (1/N) Σ_μ ξ^μ ξ^μᵀ, J_ii = 0, over P stored random
 * patterns ξ^μ ∈ {±1}^N. Retrieval is the Ising dynamics started from a corrupted cue: asynchronous single-neuron
 * updates (one neuron at a time, a fresh random order each sweep); at T = 0 s_i ← sign(h_i) (h_i = 0 keeps s_i), at
 * T > 0 the heat-bath rule P(s_i = +1) = 1 / (1 + e^{−2h_i/T}), with the local field h_i = Σ_j J_ij s_j.
 *
 * Reference (Amit, Gutfreund & Sompolinsky 1985, 1987): at T = 0 and N → ∞ retrieval states exist up to the load
 * α = P/N ≈ 0.138 with overlap m ≈ 0.967 just below it; above, the overlap reached from a cue collapses.
 *
 * Plain typed arrays: J is a dense Float32Array [N, N] (4 MB at N = 1000) built once per trial; the local fields
 * are kept up to date incrementally (a flip of s_k adds 2 s_k J[k, :]), so a sweep costs O(N · flips), not O(N²)
 * per neuron.
 */
import { jStat } from "jstat";
import { checkKey, type Key, fold, split, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { graphFromEdgeList } from "../../graph/direct";
import type { Graph } from "../../graph/graph";

const WHERE = "emtd/hopfield";

/**
 * P random patterns of N neurons, row-major [P, N], entries ±1 (independent, each sign with probability ½).
 *
 * @example
 * ```ts
 * const xi = randomPatterns(100, 5, key(1)); // Int8Array [5 × 100] of ±1
 * [xi.length, mean(xi)]; // → [500, 0.068]
 * ```
 */
export function randomPatterns(neurons: number, patterns: number, k: Key): Int8Array {
  const n = check.integer(WHERE, "neurons", neurons, 1);
  const p = check.integer(WHERE, "patterns", patterns, 1);
  const u = uniformSource(k);
  const xi = new Int8Array(n * p);
  for (let i = 0; i < xi.length; i++) xi[i] = u() < 0.5 ? 1 : -1;
  return xi;
}

/**
 * Hebbian couplings J_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ, J_ii = 0, from patterns [P, N] (row-major). Returns a dense
 * symmetric Float32Array [N, N]. Cost O(P N²).
 *
 * @example
 * ```ts
 * const J = hebbianCouplings(randomPatterns(100, 5, key(1)), 100);
 * [J.length, J[0], Math.abs(J[1]) <= Math.fround(5 / 100)]; // → [10000, 0, true]: J_ii = 0, |J_ij| ≤ P/N (in float32)
 * ```
 */
export function hebbianCouplings(patterns: Int8Array, neurons: number): Float32Array {
  const n = check.integer(WHERE, "neurons", neurons, 1);
  if (patterns.length === 0 || patterns.length % n !== 0)
    throw new ArgumentError(WHERE, "patterns", `a non-empty multiple of N = ${n} entries`, patterns.length);
  const p = patterns.length / n;
  const J = new Float32Array(n * n);
  // Column-major copy (ξ_i^μ contiguous over μ for each neuron i) so the inner product runs over one short row.
  const byNeuron = new Int32Array(n * p);
  for (let mu = 0; mu < p; mu++) for (let i = 0; i < n; i++) byNeuron[i * p + mu] = patterns[mu * n + i]!;
  for (let i = 0; i < n; i++) {
    const a = i * p;
    for (let j = i + 1; j < n; j++) {
      const b = j * p;
      let dot = 0;
      for (let mu = 0; mu < p; mu++) dot += byNeuron[a + mu]! * byNeuron[b + mu]!;
      const v = dot / n;
      J[i * n + j] = v;
      J[j * n + i] = v;
    }
  }
  return J;
}

/**
 * The network as the library's weighted {@link Graph} (an edge i–j with weight J_ij for every non-zero coupling), so
 * that `isingGraph(hopfieldGraph(J, N))` is the same Ising model seen by src/ising: its H(s) = −Σ_⟨ij⟩ J_ij s_i s_j
 * equals {@link hopfieldEnergy}. Dense: N(N − 1)/2 edges, for modest N.
 *
 * @example
 * ```ts
 * const J = hebbianCouplings(randomPatterns(20, 3, key(1)), 20);
 * const graph = hopfieldGraph(J, 20);
 * graph.edgeCount; // → 190: N(N − 1)/2, as with P odd no coupling is zero
 * const s = randomPatterns(20, 1, key(2));
 * const spins = tf.tensor2d(Float32Array.from(s), [20, 1]);
 * const e = isingEnergy(isingGraph(graph), spins);
 * [(await e.data())[0], hopfieldEnergy(J, s)]; // → [0.9, 0.9]: the same model
 * tf.dispose([spins, e]);
 * releaseGraph(graph);
 * ```
 */
export function hopfieldGraph(couplings: Float32Array, neurons: number): Graph {
  const n = check.integer(WHERE, "neurons", neurons, 2);
  if (couplings.length !== n * n) throw new ArgumentError(WHERE, "couplings", `N² = ${n * n} entries`, couplings.length);
  const a: number[] = [];
  const b: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = couplings[i * n + j]!;
      if (v === 0) continue;
      a.push(i);
      b.push(j);
      w.push(v);
    }
  return graphFromEdgeList(n, Int32Array.from(a), Int32Array.from(b), Float64Array.from(w), `hopfield(${n})`);
}

/**
 * The cue: `pattern` with exactly round(noise · N) distinct neurons flipped, chosen uniformly by `k`.
 *
 * @example
 * ```ts
 * const xi = randomPatterns(100, 5, key(1));
 * const cue = corruptedCue(xi.subarray(0, 100), 0.1, key(2));
 * overlap(xi.subarray(0, 100), cue); // → 0.8 (10 of 100 signs flipped)
 * ```
 */
export function corruptedCue(pattern: Int8Array, noise: number, k: Key): Int8Array {
  check.probability(WHERE, "noise", noise);
  const n = pattern.length;
  const cue = Int8Array.from(pattern);
  const order = shuffled(n, uniformSource(k));
  const flips = Math.round(noise * n);
  for (let f = 0; f < flips; f++) cue[order[f]!] = -cue[order[f]!]! as 1 | -1;
  return cue;
}

/**
 * Overlap m = ξ·s / N (signed; |m| = 1 is perfect recall of ξ or of its mirror image).
 *
 * @example
 * ```ts
 * overlap([1, 1, -1, -1], [1, -1, -1, -1]); // → 0.5
 * ```
 */
export function overlap(pattern: ArrayLike<number>, spins: ArrayLike<number>): number {
  if (pattern.length !== spins.length) throw new ArgumentError(WHERE, "spins", `${pattern.length} entries (as the pattern)`, spins.length);
  let m = 0;
  for (let i = 0; i < pattern.length; i++) m += pattern[i]! * spins[i]!;
  return m / pattern.length;
}

/**
 * Hopfield energy H(s) = −½ Σ_{ij} J_ij s_i s_j for dense J [N, N] (row-major) and spins ±1 (dimensionless, J's units).
 *
 * @example
 * ```ts
 * const xi = randomPatterns(100, 5, key(1));
 * const J = hebbianCouplings(xi, 100);
 * const cue = corruptedCue(xi.subarray(0, 100), 0.1, key(2));
 * [hopfieldEnergy(J, cue), hopfieldEnergy(J, xi.subarray(0, 100))]; // → [−32.58, −49.30]: the stored pattern lies lower
 * ```
 */
export function hopfieldEnergy(couplings: Float32Array, spins: ArrayLike<number>): number {
  const n = spins.length;
  if (couplings.length !== n * n) throw new ArgumentError(WHERE, "couplings", `N² = ${n * n} entries`, couplings.length);
  let h = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < n; j++) f += couplings[i * n + j]! * spins[j]!;
    h -= 0.5 * spins[i]! * f;
  }
  return h;
}

export interface RecallOptions {
  /** T ≥ 0; 0 is the deterministic sign rule. Default 0. */
  temperature?: number;
  /** Maximum sweeps (N single-neuron updates each). Default 50. */
  sweeps?: number;
}

export interface RecallResult {
  /** Final spins (length N). */
  spins: Int8Array;
  /** Sweeps done (at T = 0 the run stops at the first sweep without a flip: a fixed point). */
  sweeps: number;
  /** True when a T = 0 run ended at a fixed point. */
  fixedPoint: boolean;
  /** Single-neuron flips over the run. */
  flips: number;
}

/**
 * Asynchronous recall from `cue` under couplings J [N, N] (see the module comment for the rule). Randomness (the
 * order of each sweep, heat-bath draws) from `k` only. Does not modify `cue`.
 *
 * @example
 * ```ts
 * const xi = randomPatterns(100, 5, key(1));
 * const J = hebbianCouplings(xi, 100);
 * const cue = corruptedCue(xi.subarray(0, 100), 0.2, key(2));
 * const r = recall(J, cue, key(3)); // T = 0, at most 50 sweeps
 * [overlap(xi.subarray(0, 100), r.spins), r.fixedPoint, r.sweeps]; // → [1, true, 2]: perfect recall at α = 0.05
 * ```
 */
export function recall(couplings: Float32Array, cue: Int8Array, k: Key, options: RecallOptions = {}): RecallResult {
  const n = cue.length;
  if (couplings.length !== n * n) throw new ArgumentError(WHERE, "couplings", `N² = ${n * n} entries`, couplings.length);
  const T = check.nonNegative(WHERE, "temperature", options.temperature ?? 0);
  const maxSweeps = check.integer(WHERE, "sweeps", options.sweeps ?? 50, 1);
  const u = uniformSource(k);
  const s = Int8Array.from(cue);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let f = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) f += couplings[row + j]! * s[j]!;
    h[i] = f;
  }
  let flips = 0;
  let sweeps = 0;
  let fixedPoint = false;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  while (sweeps < maxSweeps) {
    sweeps++;
    shuffleInPlace(order, u);
    let flipped = 0;
    for (let q = 0; q < n; q++) {
      const i = order[q]!;
      const field = h[i]!;
      let next: number;
      if (T === 0) next = field > 0 ? 1 : field < 0 ? -1 : s[i]!;
      else next = u() < 1 / (1 + Math.exp((-2 * field) / T)) ? 1 : -1;
      if (next !== s[i]) {
        s[i] = next;
        flipped++;
        // h_j += J_ji (s_i' − s_i) = 2 s_i' J_ij (J symmetric).
        const d = 2 * next;
        const row = i * n;
        for (let j = 0; j < n; j++) h[j]! += d * couplings[row + j]!;
      }
    }
    flips += flipped;
    if (T === 0 && flipped === 0) {
      fixedPoint = true;
      break;
    }
  }
  return { spins: s, sweeps, fixedPoint, flips };
}

export interface RetrievalOptions {
  neurons: number;
  patterns: number;
  /** Fraction of the first pattern's signs flipped in the cue, in [0, 1]. */
  noise: number;
  temperature?: number;
  sweeps?: number;
  trials: number;
}

export interface RetrievalResult {
  /** α = P / N. */
  load: number;
  /** Mean over trials of the final |m| = |ξ¹·s| / N. */
  overlap: number;
  /** Its standard error (sd / √trials; 0 for one trial). */
  overlapSe: number;
  /** Each trial's final |m|. */
  overlaps: number[];
  /** Each trial's initial overlap of the cue (1 − 2·round(QN)/N). */
  cueOverlap: number;
  /** Mean sweeps per trial. */
  meanSweeps: number;
  /** Single-neuron updates done over all trials (N per sweep), for operation counts. */
  updates: number;
}

/**
 * The capacity experiment: each trial draws P fresh patterns, builds J, corrupts pattern 1 by a fraction `noise`
 * and recalls. Trial t uses keys split from fold(key, t), so trials are independent and reproducible.
 *
 * @example
 * ```ts
 * const r = retrieval({ neurons: 200, patterns: 10, noise: 0.1, trials: 4 }, key(1)); // α = 0.05
 * [r.overlap, r.overlapSe, r.cueOverlap]; // → [1, 0, 0.8]
 * ```
 */
export function retrieval(options: RetrievalOptions, key: Key): RetrievalResult {
  checkKey(WHERE, "key", key);
  const n = check.integer(WHERE, "neurons", options.neurons, 2, 20000);
  const p = check.integer(WHERE, "patterns", options.patterns, 1, 100000);
  const trials = check.integer(WHERE, "trials", options.trials, 1);
  const noise = check.probability(WHERE, "noise", options.noise);
  const overlaps: number[] = [];
  let sweeps = 0;
  for (let t = 0; t < trials; t++) {
    const [patternKey, cueKey, runKey] = split(fold(key, t), 3) as [Key, Key, Key];
    const xi = randomPatterns(n, p, patternKey);
    const J = hebbianCouplings(xi, n);
    const first = xi.subarray(0, n);
    const cue = corruptedCue(first, noise, cueKey);
    const r = recall(J, cue, runKey, { temperature: options.temperature ?? 0, sweeps: options.sweeps ?? 50 });
    overlaps.push(Math.abs(overlap(first, r.spins)));
    sweeps += r.sweeps;
  }
  const mean = overlaps.reduce((a, b) => a + b, 0) / trials;
  const variance = trials > 1 ? overlaps.reduce((a, b) => a + (b - mean) ** 2, 0) / (trials - 1) : 0;
  return {
    load: p / n,
    overlap: mean,
    overlapSe: Math.sqrt(variance / trials),
    overlaps,
    cueOverlap: 1 - (2 * Math.round(noise * n)) / n,
    meanSweeps: sweeps / trials,
    updates: sweeps * n,
  };
}

/** erf(x) = 2Φ(x√2) − 1. */
function erf(x: number): number {
  return 2 * jStat.normal.cdf(x * Math.SQRT2, 0, 1) - 1;
}

/**
 * The Amit–Gutfreund–Sompolinsky replica-symmetric retrieval overlap at T = 0 and load α (N → ∞): with
 * y = m / √(2αr), the fixed-point equations reduce to erf(y) = y (√(2α) + (2/√π) e^{−y²}), and m = erf(y). Returns
 * the overlap of the largest root, or 0 where no retrieval solution exists (α > α_c ≈ 0.1379).
 *
 * @example
 * ```ts
 * agsOverlap(0.1); // → 0.998
 * agsOverlap(0.2); // → 0 (above α_c)
 * ```
 */
export function agsOverlap(load: number): number {
  const alpha = check.nonNegative(WHERE, "load", load);
  if (alpha === 0) return 1;
  const g = (y: number) => erf(y) - y * (Math.sqrt(2 * alpha) + (2 / Math.sqrt(Math.PI)) * Math.exp(-y * y));
  // g < 0 for large y; scan down from y = 10 for the first sign change, then bisect.
  const dy = 0.01;
  for (let y = Math.max(10, 2 / Math.sqrt(2 * alpha)); y > dy; y -= dy) {
    if (g(y - dy) > 0) {
      let lo = y - dy;
      let hi = y;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (g(mid) > 0) lo = mid;
        else hi = mid;
      }
      return erf((lo + hi) / 2);
    }
  }
  return 0;
}

/**
 * The critical load α_c: the largest α with a retrieval solution of {@link agsOverlap}, by bisection (≈ 0.1379).
 *
 * @example
 * ```ts
 * agsCriticalLoad(); // → 0.1379
 * ```
 */
export function agsCriticalLoad(): number {
  let lo = 0.05;
  let hi = 0.2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (agsOverlap(mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

function shuffled(n: number, u: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffleInPlace(order, u);
}

/** Fisher–Yates. */
function shuffleInPlace(order: Int32Array, u: () => number): Int32Array {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
