/**
 * Can "the tensor field equations map directly to Hebbian learning" (§4.4) be made concrete? The field equations
 * have fixed couplings: nothing in them learns. The nearest concrete reading: run the consensus dynamics (the Ising
 * form of §2.1, Metropolis at temperature T on the consensus problem) and apply Hebb's rule to what it produces,
 * ΔJ_ij = η ⟨s_i s_j⟩ (i ≠ j), averaged over the sampled states, then ask what the learned couplings store.
 *
 * In the consensus phase every pair agrees, ⟨s_i s_j⟩ ≈ 1, so ΔJ ≈ (η)(11ᵀ − I): a rank-one matrix whose one stored
 * pattern is "everyone agrees". A Hopfield network stores ≈ 0.138 N independent patterns; consensus dynamics, whose
 * goal is to erase differences between nodes, hands Hebb's rule a single one.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { checkKey, type Key, fold, split, uniformSource } from "../../engine/random";
import { check } from "../../errors";
import { metropolisSweep } from "../../spin/metropolis-sweep";
import { problemCsr, randomSpins, type SpinProblem } from "../../spin/problem";
import { corruptedCue, overlap, randomPatterns, recall } from "../../spin/hopfield/hopfield-network";

const WHERE = "emtd/hopfield/consensus";

export interface ConsensusHebbian {
  /** Learned couplings J_ij = ⟨s_i s_j⟩ / N, zero diagonal, dense [N, N]. */
  couplings: Float32Array;
  /** Mean |magnetisation| over the sampled states (1 = full consensus). */
  consensus: number;
  /** Largest eigenvalue² / Σ eigenvalue² of J: 1 for a rank-one matrix. */
  topFraction: number;
  /** |cos| between J's top eigenvector and the uniform vector. */
  uniformAlignment: number;
  /** Final |overlap| recalling the uniform pattern from a cue with 25 % of its signs flipped, under the learned J. */
  recallUniform: number;
  /** Mean final |overlap| with a random pattern recalled from its 25 %-corrupted cue under the learned J (trials). */
  recallRandom: number;
  /** Number of random patterns tried. */
  trials: number;
}

/**
 * Hebb's rule on the states of the consensus dynamics: `sweeps` Metropolis sweeps at T after `burnIn`, from random
 * spins; then the learned couplings are analysed as a Hopfield memory (see {@link ConsensusHebbian}).
 *
 * @example
 * ```ts
 * const r = consensusHebbian(injectedConsensusProblem({ n: 32 }), { temperature: 0.5, sweeps: 200 }, key(1));
 * // topFraction = (N − 1)/N: the learned couplings store one pattern, "everyone agrees".
 * [r.consensus, r.topFraction, r.uniformAlignment]; // → [1, 0.969, 1.000]
 * ```
 */
export function consensusHebbian(
  problem: SpinProblem,
  options: { temperature: number; sweeps: number; burnIn?: number; trials?: number },
  key: Key,
): ConsensusHebbian {
  checkKey(WHERE, "key", key);
  const T = check.positive(WHERE, "temperature", options.temperature);
  const sweeps = check.integer(WHERE, "sweeps", options.sweeps, 1);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn ?? 100, 0);
  const trials = check.integer(WHERE, "trials", options.trials ?? 8, 1);
  const g = problemCsr(problem);
  const n = g.n;
  const [runKey, startKey, testKey] = split(key, 3) as [Key, Key, Key];
  const u = uniformSource(runKey);
  const start = uniformSource(startKey);
  const spin = randomSpins(n, start);
  for (let t = 0; t < burnIn; t++) metropolisSweep(g, spin, T, u);
  const correlation = new Float64Array(n * n);
  let consensus = 0;
  for (let t = 0; t < sweeps; t++) {
    metropolisSweep(g, spin, T, u);
    let m = 0;
    for (let i = 0; i < n; i++) {
      m += spin[i]!;
      const si = spin[i]!;
      for (let j = 0; j < n; j++) correlation[i * n + j]! += si * spin[j]!;
    }
    consensus += Math.abs(m) / n;
  }
  const J = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) J[i * n + j] = correlation[i * n + j]! / sweeps / n;
  const eig = new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(J.subarray(i * n, (i + 1) * n)))), {
    assumeSymmetric: true,
  });
  const values = eig.realEigenvalues;
  let top = 0;
  values.forEach((v, i) => {
    if (Math.abs(v) > Math.abs(values[top]!)) top = i;
  });
  const sumSquares = values.reduce((a, v) => a + v * v, 0);
  const vector = eig.eigenvectorMatrix.getColumn(top);
  const norm = Math.sqrt(vector.reduce((a, v) => a + v * v, 0));
  const uniformAlignment = Math.abs(vector.reduce((a, v) => a + v, 0)) / (norm * Math.sqrt(n));
  const ones = new Int8Array(n).fill(1);
  const cue = corruptedCue(ones, 0.25, fold(testKey, 0));
  const recallUniform = Math.abs(overlap(ones, recall(J, cue, fold(testKey, 1)).spins));
  let recallRandom = 0;
  for (let t = 0; t < trials; t++) {
    const [pKey, cKey, rKey] = split(fold(testKey, 2 + t), 3) as [Key, Key, Key];
    const xi = randomPatterns(n, 1, pKey);
    recallRandom += Math.abs(overlap(xi, recall(J, corruptedCue(xi, 0.25, cKey), rKey).spins));
  }
  return {
    couplings: J,
    consensus: consensus / sweeps,
    topFraction: values[top]! ** 2 / sumSquares,
    uniformAlignment,
    recallUniform,
    recallRandom: recallRandom / trials,
    trials,
  };
}
