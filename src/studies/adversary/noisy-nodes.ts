/**
 * §4.1 "Self-Healing" read on its own terms: corrupted nodes of HIGH local entropy (each sends V + N(0, 1) afresh
 * every round) among honest nodes averaging by the proposal's quadratic coupling, with the couplings either as the
 * proposal writes them (every neighbour weight 1) or weakened with the sender's entropy, the mechanism the sentence
 * suggests ("the energy cost to sync with a high-entropy node becomes prohibitive").
 *
 * Entropy weighting: every node's messages are public (it sends one value to all its neighbours), so each receiver
 * can keep the running variance v_j of what j has sent (Welford, over the whole run: no window to choose). The
 * coupling to j is J·v₀/(v₀ + v_j), v₀ the variance of the honest initial values (1/12 for uniform [0, 1)): a
 * neighbour whose messages vary much more than honest nodes disagree is discounted in proportion (a Gaussian
 * sender's entropy ½ ln(2πe v_j) grows with v_j, so the coupling falls as the entropy rises).
 */
import { checkKey, fold, split, uniformSource, type Key } from "../../engine/random";
import { check } from "../../errors";
import { adjacencyCsr, type Graph } from "../../graph/graph";

const WHERE = "emtd/adversary/noisy-nodes";

/** Variance of uniform [0, 1): the scale of honest disagreement at the start. */
export const HONEST_VARIANCE = 1 / 12;

export interface NoisyNodesOptions {
  /** Noisy nodes 0 … F−1. */
  noisy: number;
  /** The centre V of their messages V + N(0, 1). */
  centre: number;
  rounds: number;
  /** "quadratic": every coupling 1 (the proposal); "entropy": coupling v₀/(v₀ + v_j) (see the module comment). */
  coupling: "quadratic" | "entropy";
}

export interface NoisyNodesResult {
  /** Honest mean at the start and the end, and the largest honest initial value (the validity bound). */
  initialMean: number;
  initialMax: number;
  finalMean: number;
  /** Fraction of the way from the honest initial mean to V the honest mean moved (1 = captured). */
  captured: number;
  /** Coupling weight of noisy node 0 and the smallest honest weight at the end (1 for "quadratic"). */
  noisyWeight: number;
  honestWeight: number;
}

function gaussian(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * One run: honest nodes start uniform on [0, 1) and step x_i ← x_i − (1/(2 d_max))·Σ_j w_j (x_i − m_j), m_j what
 * j sent this round, w_j its coupling weight. Deterministic for one key.
 *
 * @example
 * ```ts
 * const ring = ringGraph(40, 4);
 * noisyNodes(ring, { noisy: 1, centre: 5, rounds: 4000, coupling: "quadratic" }, key(1)).captured; // ≈ 1 (captured)
 * noisyNodes(ring, { noisy: 1, centre: 5, rounds: 4000, coupling: "entropy" }, key(1)).noisyWeight; // ≈ 0.08
 * ```
 */
export function noisyNodes(graph: Graph, o: NoisyNodesOptions, key: Key): NoisyNodesResult {
  checkKey(WHERE, "key", key);
  const n = graph.n;
  const noisy = check.integer(WHERE, "noisy", o.noisy, 1, n - 1);
  const rounds = check.integer(WHERE, "rounds", o.rounds, 1);
  const centre = check.finite(WHERE, "centre", o.centre);
  check.oneOf(WHERE, "coupling", o.coupling, ["quadratic", "entropy"] as const);
  const [initKey, noiseKey] = split(key, 2) as [Key, Key];
  const csr = adjacencyCsr(graph);
  let dMax = 1;
  for (let i = 0; i < n; i++) dMax = Math.max(dMax, csr.rowPtr[i + 1]! - csr.rowPtr[i]!);
  const h = 1 / (2 * dMax);
  const x = new Float64Array(n);
  const init = uniformSource(initKey);
  for (let i = noisy; i < n; i++) x[i] = init();
  const honestStats = () => {
    let s = 0;
    let hi = -Infinity;
    for (let i = noisy; i < n; i++) {
      s += x[i]!;
      hi = Math.max(hi, x[i]!);
    }
    return { mean: s / (n - noisy), max: hi };
  };
  const start = honestStats();
  const sent = new Float64Array(n);
  const runMean = new Float64Array(n);
  const runM2 = new Float64Array(n);
  const w = new Float64Array(n).fill(1);
  const next = new Float64Array(n);
  for (let t = 0; t < rounds; t++) {
    const rng = uniformSource(fold(noiseKey, t));
    for (let j = 0; j < n; j++) sent[j] = j < noisy ? centre + gaussian(rng) : x[j]!;
    if (o.coupling === "entropy") {
      // Welford's running variance of each sender's messages, rounds 0 … t.
      for (let j = 0; j < n; j++) {
        const d = sent[j]! - runMean[j]!;
        runMean[j] = runMean[j]! + d / (t + 1);
        runM2[j] = runM2[j]! + d * (sent[j]! - runMean[j]!);
        const v = t > 0 ? runM2[j]! / t : 0;
        w[j] = HONEST_VARIANCE / (HONEST_VARIANCE + v);
      }
    }
    for (let i = 0; i < n; i++) {
      if (i < noisy) continue;
      let s = 0;
      for (let p = csr.rowPtr[i]!; p < csr.rowPtr[i + 1]!; p++) {
        const j = csr.col[p]!;
        s += w[j]! * (x[i]! - sent[j]!);
      }
      next[i] = x[i]! - h * s;
    }
    for (let i = noisy; i < n; i++) x[i] = next[i]!;
  }
  const end = honestStats();
  let honestWeight = 1;
  for (let i = noisy; i < n; i++) honestWeight = Math.min(honestWeight, w[i]!);
  return {
    initialMean: start.mean,
    initialMax: start.max,
    finalMean: end.mean,
    captured: (end.mean - start.mean) / (centre - start.mean),
    noisyWeight: w[0]!,
    honestWeight,
  };
}
