/**
 * Scale: how consensus time and equilibrium disagreement of the proposal's dynamics depend on the number of nodes N,
 * per graph family, beside the spectral reference 1/λ₂ (λ₂ the Fiedler value of the Laplacian).
 *
 * The dynamics is the gradient flow of H = Σ_⟨ij⟩ (x_i − x_j)², x ← x − 2h·L x, with the Gershgorin-safe step
 * h = 1/(4·d_max) (2h·λ_max ≤ 1), from honest values uniform in [0, 1). A round is one step. Consensus time is the
 * number of rounds until max − min < tolerance. Each mode m decays by (1 − 2hλ_m) per round, so the slowest one sets
 *   rounds ≈ ln(spread₀/tol) / −ln(1 − λ₂/(2 d_max))  ≈ 2·d_max·ln(spread₀/tol)/λ₂  (the prediction used here),
 * and the relaxation time (rounds per e-fold of the spread at late times) is τ = 1/−ln(1 − λ₂/(2 d_max)) exactly.
 *
 * At temperature T the Langevin dynamics dx = −2Lx dt + √(2T) dW has a Gaussian stationary law; the disagreement
 * D = (1/N) Σ_i (x_i − x̄)² has the exact mean (T/2N)·Σ_{m≥2} 1/λ_m, and under ULA with step h the mean
 * (T/2N)·Σ_{m≥2} 1/(λ_m(1 − hλ_m)).
 *
 * The families (ring:N:4, torus L×L, ws:N:4:0.1, Erdős–Rényi with p = 3·ln N / N, ba:N:2, K_N) are built by
 * graph/families.
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key, split, uniformSource } from "../../engine/random";
import { ArgumentError, EmtdError, check } from "../../errors";
import { laplacianProduct } from "../../ops/laplacian";
import {
  closedFormSpectrum,
  COMPLETE_EDGE_LIMIT,
  type FamilyMember,
  SCALE_FAMILIES,
  type ScaleFamily,
  familyMember,
} from "../../graph/families";
import { isConnected } from "../../graph/graph";
import { laplacianEigenvalues } from "../../graph/spectrum";
import { fiedlerLanczos } from "../../analysis/fiedler";
import { langevinUpdate } from "../../ops/langevin-update";
import { estimateMean } from "../../stats/ess";
import { fold } from "../../engine/random";

const WHERE = "emtd/studies/scale";

export interface FiedlerValue {
  value: number;
  method: "closed form" | "dense" | "lanczos" | "measured decay";
}

/** Largest N whose full spectrum is computed densely here (O(N³)). */
export const SCALE_DENSE_LIMIT = 400;

/**
 * λ₂: closed form (ring, torus, complete), dense eigenvalues up to {@link SCALE_DENSE_LIMIT}, above that Lanczos
 * ({@link fiedlerLanczos}) run until the residual bound guarantees an eigenvalue of L within `tolerance`·λ₂ below
 * the returned Ritz value (default 1e-4). (A fixed 100 steps, used before, had not converged on ws and ba at
 * N = 10⁵: its Ritz value was ~11 % above the converged one.)
 *
 * @example
 * ```ts
 * fiedlerValue(familyMember("ring", 32, key(1))); // → { value: 0.19067037417096566, method: "closed form" }
 * fiedlerValue(familyMember("ws", 32, key(1))).value.toFixed(4); // → "0.3679" (dense eigenvalues)
 * ```
 */
export function fiedlerValue(member: FamilyMember, tolerance = 1e-4): FiedlerValue {
  const closed = closedFormSpectrum(member);
  if (closed) return { value: closed[0]!, method: "closed form" };
  const g = member.graph!;
  if (!isConnected(g)) return { value: 0, method: "dense" };
  if (g.n <= SCALE_DENSE_LIMIT) return { value: laplacianEigenvalues(g)[1]!, method: "dense" };
  const estimate = fiedlerLanczos(g, { tolerance, maxSteps: 20_000 });
  if (!estimate.converged)
    throw new EmtdError(`${WHERE}: Lanczos did not reach a relative residual of ${tolerance} on ${member.spec} in ${estimate.steps} steps`);
  return { value: estimate.value, method: "lanczos" };
}

/**
 * The full non-zero spectrum where it is available (closed form, or dense up to {@link SCALE_DENSE_LIMIT}), else null.
 *
 * @example
 * ```ts
 * Array.from(nonZeroSpectrum(familyMember("ring", 8, key(1)))!, (v) => +v.toFixed(4));
 * // → [2.5858, 2.5858, 4, 5.4142, 5.4142, 6, 6] (ring:8:4, λ = 0 dropped)
 * ```
 */
export function nonZeroSpectrum(member: FamilyMember): Float64Array | null {
  const closed = closedFormSpectrum(member);
  if (closed) return closed;
  if (member.graph && member.graph.n <= SCALE_DENSE_LIMIT && isConnected(member.graph)) return laplacianEigenvalues(member.graph).slice(1);
  return null;
}

/**
 * The predicted consensus time in rounds: ln(spread₀/tol) / −ln(1 − λ₂/(2 d_max)) (see the module comment).
 *
 * @example
 * ```ts
 * predictedRounds(0.5, 4, 1, 1e-3); // → 107.03305804385373 (= ln 1000 / −ln(1 − 0.5/8))
 * predictedRounds(0, 4, 1, 1e-3); // → Infinity (disconnected: no consensus)
 * ```
 */
export function predictedRounds(fiedler: number, maxDegree: number, spread0: number, tolerance: number): number {
  if (fiedler <= 0) return Number.POSITIVE_INFINITY;
  return Math.log(spread0 / tolerance) / -Math.log(1 - fiedler / (2 * maxDegree));
}

/**
 * Exact mean disagreement (1/N)Σ(x_i − x̄)² at temperature T from the non-zero eigenvalues: (T/2N)Σ 1/λ_m for the
 * continuous dynamics, (T/2N)Σ 1/(λ_m(1 − hλ_m)) for ULA with step h (h < 1/λ_max).
 *
 * @example
 * ```ts
 * const eigenvalues = closedFormSpectrum(familyMember("complete", 10, key(1)))!; // nine 10s
 * exactDisagreement(eigenvalues, 10, 1); // → 0.045 (= (1/20)·9/10)
 * exactDisagreement(eigenvalues, 10, 1, 0.05); // → 0.09 (ULA's bias: 1/(1 − hλ) = 2)
 * try {
 *   exactDisagreement(eigenvalues, 10, 1, 0.2);
 * } catch (e) {
 *   (e as Error).message; // → "emtd/studies/scale: step must be below 1/λ_max = 0.1 (got 0.2)"
 * }
 * ```
 */
export function exactDisagreement(eigenvalues: ArrayLike<number>, n: number, temperature: number, step = 0): number {
  let s = 0;
  for (let m = 0; m < eigenvalues.length; m++) {
    const l = eigenvalues[m]!;
    if (!(step * l < 1)) throw new ArgumentError(WHERE, "step", `below 1/λ_max = ${1 / l}`, step);
    s += 1 / (l * (1 - step * l));
  }
  return (temperature / (2 * n)) * s;
}

export interface ConsensusTimeResult {
  /** Rounds until spread < tolerance (Infinity if not within maxRounds). */
  rounds: number;
  /** Rounds per e-fold of the spread over the last half of the run (the relaxation time τ). */
  relaxation: number;
  spread0: number;
  step: number;
}

/**
 * Rounds of x ← x − 2h·L x, h = 1/(4 d_max), from uniform [0, 1) values until max − min < tolerance. Runs through
 * the fused Laplacian kernel in float32 when it is registered (call `ready()` first), through the closed form
 * L x = N x − Σx for K_N above {@link COMPLETE_EDGE_LIMIT}. The spread is read every `checkEvery` rounds (default 1);
 * the block in which it first falls below the tolerance is replayed round by round, so `rounds` is exact either way.
 * No tensors are left behind.
 *
 * @example
 * ```ts
 * await ready();
 * consensusTime(familyMember("ring", 64, key(1)), { tolerance: 1e-3 }, key(2)).rounds; // ≈ 0.2·N² for ring:N:4
 * ```
 */
export function consensusTime(
  member: FamilyMember,
  options: { tolerance: number; maxRounds?: number; checkEvery?: number },
  key: Key,
): ConsensusTimeResult {
  checkKey(WHERE, "key", key);
  const tolerance = check.positive(WHERE, "tolerance", options.tolerance);
  const maxRounds = check.integer(WHERE, "maxRounds", options.maxRounds ?? 10_000_000, 1);
  const checkEvery = check.integer(WHERE, "checkEvery", options.checkEvery ?? 1, 1);
  const n = member.n;
  const h = 1 / (4 * member.maxDegree);
  const rng = uniformSource(key);
  const x0 = new Float32Array(n);
  for (let i = 0; i < n; i++) x0[i] = rng();
  const spreadOf = (v: ArrayLike<number>) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < v.length; i++) {
      const a = v[i]!;
      if (!Number.isFinite(a)) throw new EmtdError(`${WHERE}: the flow diverged on ${member.spec}`);
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    }
    return hi - lo;
  };
  const spread0 = spreadOf(x0);
  // Spreads at the rounds where they were read: every round when checkEvery = 1, else at block ends and, in the
  // block where the spread first fell below tol, every round of that block replayed from its saved start.
  const readRounds: number[] = [0];
  const readSpreads: number[] = [spread0];
  let rounds = 0;
  let spread = spread0;
  if (member.graph === null) {
    // K_N: x_i ← x_i − 2h(N x_i − Σx); Σx is conserved. O(N) a round, so every round is read.
    const x = Float64Array.from(x0);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i]!;
    while (spread >= tolerance && rounds < maxRounds) {
      for (let i = 0; i < n; i++) x[i] = x[i]! - 2 * h * (n * x[i]! - sum);
      rounds++;
      spread = spreadOf(x);
      readRounds.push(rounds);
      readSpreads.push(spread);
    }
  } else {
    const graph = member.graph;
    const step = (x: tf.Tensor2D) => tf.tidy(() => tf.sub(x, tf.mul(laplacianProduct(x, graph), 2 * h))) as tf.Tensor2D;
    let x = tf.tensor2d(x0, [n, 1]);
    let blockSize = checkEvery;
    while (spread >= tolerance && rounds < maxRounds) {
      const start = blockSize > 1 ? tf.clone(x) : null;
      const block = Math.min(blockSize, maxRounds - rounds);
      for (let b = 0; b < block; b++) {
        const next = step(x);
        x.dispose();
        x = next;
      }
      const s = spreadOf(x.dataSync());
      if (s < tolerance && start) {
        // Replay this block one round at a time to find the exact crossing.
        x.dispose();
        x = start;
        blockSize = 1;
        continue;
      }
      start?.dispose();
      rounds += block;
      spread = s;
      readRounds.push(rounds);
      readSpreads.push(spread);
    }
    x.dispose();
  }
  // τ from the read spreads: from the read nearest half the run to the last one.
  const half = readRounds.findIndex((r) => r >= rounds / 2);
  const last = readRounds.length - 1;
  const relaxation =
    last - half >= 1 && readRounds[last]! - readRounds[half]! >= 2
      ? (readRounds[last]! - readRounds[half]!) / Math.log(readSpreads[half]! / readSpreads[last]!)
      : Number.NaN;
  return { rounds: spread < tolerance ? rounds : Number.POSITIVE_INFINITY, relaxation, spread0, step: h };
}

export interface DisagreementSample {
  mean: number;
  mcse: number;
  ess: number;
  step: number;
}

/**
 * The stationary disagreement (1/N)Σ(x_i − x̄)² at temperature T, measured by ULA on the fused Langevin kernel
 * (X ← X − 2h·LX + √(2hT)ξ, h = 1/(4 d_max)) from x = 0: mean over `steps` after `burnIn`, with its MCSE.
 *
 * @example
 * ```ts
 * const member = familyMember("complete", 10, key(1));
 * const s = sampleDisagreement(member, { temperature: 1, steps: 400, burnIn: 50 }, key(3));
 * [s.mean.toFixed(4), s.mcse.toFixed(4), s.step]; // → ["0.0635", "0.0018", 0.027777777777777776]
 * exactDisagreement(closedFormSpectrum(member)!, 10, 1, s.step).toFixed(4); // → "0.0623" (within 0.7 MCSE)
 * releaseGraph(member.graph!);
 * ```
 */
export function sampleDisagreement(
  member: FamilyMember,
  options: { temperature: number; steps: number; burnIn: number },
  key: Key,
): DisagreementSample {
  checkKey(WHERE, "key", key);
  const graph = member.graph;
  if (!graph) throw new ArgumentError(WHERE, "member", `a built graph (K_N up to ${COMPLETE_EDGE_LIMIT} nodes)`, member.spec);
  const temperature = check.positive(WHERE, "temperature", options.temperature);
  const steps = check.integer(WHERE, "steps", options.steps, 2);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn, 0);
  const h = 1 / (4 * member.maxDegree);
  const n = graph.n;
  let x = tf.zeros([n, 1]) as tf.Tensor2D;
  const values: number[] = [];
  const [runKey] = split(key, 1) as [Key];
  for (let t = 0; t < burnIn + steps; t++) {
    const next = langevinUpdate(x, graph, { step: h, temperature }, fold(runKey, t));
    x.dispose();
    x = next;
    if (t < burnIn) continue;
    const v = x.dataSync();
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v[i]!;
    mean /= n;
    let d = 0;
    for (let i = 0; i < n; i++) d += (v[i]! - mean) ** 2;
    values.push(d / n);
  }
  x.dispose();
  const est = estimateMean(values);
  return { mean: est.mean, mcse: est.mcse, ess: est.ess, step: h };
}

export interface ScaleRow {
  family: ScaleFamily;
  spec: string;
  n: number;
  edges: number;
  maxDegree: number;
  fiedler: number;
  fiedlerMethod: FiedlerValue["method"];
  /** 1/λ₂ (continuous-time units). */
  inverseFiedler: number;
  /** Spread of the initial uniform field. */
  spread0: number;
  /** Predicted rounds to spread < tolerance (module comment). */
  predictedRounds: number;
  /** Exact relaxation time τ = 1/−ln(1 − λ₂/(2 d_max)) in rounds. */
  relaxationExact: number;
  /** Measured rounds and τ (NaN where the size was over the measuring budget). */
  measuredRounds: number;
  measuredRelaxation: number;
  /** Exact mean disagreement at the study's temperature (continuous dynamics), NaN where no full spectrum is available. */
  disagreementExact: number;
}

export interface ScaleStudyOptions {
  families?: readonly ScaleFamily[];
  sizes: readonly number[];
  tolerance: number;
  temperature: number;
  /** Measure the rounds when predicted rounds × (N + E) is at most this (default 2e8). */
  measureBudget?: number;
  /**
   * Above this N (default 200 000), for families without a closed-form spectrum, λ₂ is not computed by Lanczos
   * (O(E) a step, but steps grow as the relative spectral gap shrinks) but read from the measured late decay of the spread, λ₂ = 2·d_max·(1 − e^{−1/τ}) (an upper bound
   * when slower modes have not separated by the end of the run); the rounds are then always measured.
   */
  lanczosLimit?: number;
}

/**
 * Consensus time and equilibrium disagreement against N for each family: λ₂ and the predicted rounds at every size,
 * the rounds measured on the fused kernel where they fit the budget, the exact disagreement where the spectrum is
 * known. Deterministic for one key; no tensors left behind.
 *
 * @example
 * ```ts
 * const rows = scaleStudy({ families: ["ring", "complete"], sizes: [16, 32], tolerance: 1e-3, temperature: 1 }, key(1));
 * rows.map((r) => [r.spec, +r.fiedler.toFixed(4), +r.predictedRounds.toFixed(1), r.measuredRounds]);
 * // → [["ring:16:4", 0.738, 70.9, 55], ["ring:32:4", 0.1907, 282, 229], ["complete:16", 16, 9, 10], ["complete:32", 32, 9.4, 10]]
 * ```
 */
export function scaleStudy(options: ScaleStudyOptions, key: Key): ScaleRow[] {
  checkKey(WHERE, "key", key);
  const families = options.families ?? SCALE_FAMILIES;
  const budget = options.measureBudget ?? 2e8;
  const lanczosLimit = options.lanczosLimit ?? 200_000;
  const rows: ScaleRow[] = [];
  families.forEach((family, f) => {
    for (const size of options.sizes) {
      const k = fold(fold(key, f), size);
      const [graphKey, runKey] = split(k, 2) as [Key, Key];
      const member = familyMember(family, size, graphKey);
      const n = member.n;
      const fromDecay = closedFormSpectrum(member) === null && n > lanczosLimit;
      const rng = uniformSource(runKey);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = Math.fround(rng());
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const spread0 = hi - lo;
      let measured: ConsensusTimeResult | null = fromDecay
        ? consensusTime(member, { tolerance: options.tolerance, checkEvery: 25 }, runKey)
        : null;
      const fiedler: FiedlerValue = measured
        ? { value: 2 * member.maxDegree * (1 - Math.exp(-1 / measured.relaxation)), method: "measured decay" }
        : fiedlerValue(member);
      const predicted = predictedRounds(fiedler.value, member.maxDegree, spread0, options.tolerance);
      const cost = predicted * (member.graph === null ? n : n + member.edges);
      if (!measured && cost <= budget)
        measured = consensusTime(member, { tolerance: options.tolerance, checkEvery: Math.max(1, Math.floor(predicted / 200)) }, runKey);
      const spectrum = nonZeroSpectrum(member);
      rows.push({
        family,
        spec: member.spec,
        n,
        edges: member.edges,
        maxDegree: member.maxDegree,
        fiedler: fiedler.value,
        fiedlerMethod: fiedler.method,
        inverseFiedler: 1 / fiedler.value,
        spread0,
        predictedRounds: predicted,
        relaxationExact: 1 / -Math.log(1 - fiedler.value / (2 * member.maxDegree)),
        measuredRounds: measured ? measured.rounds : Number.NaN,
        measuredRelaxation: measured ? measured.relaxation : Number.NaN,
        disagreementExact: spectrum ? exactDisagreement(spectrum, n, options.temperature) : Number.NaN,
      });
    }
  });
  return rows;
}
