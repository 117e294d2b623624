/**
 * Does Hebbian learning on the states the text's update produces store more than one pattern (§4.4, p4.4-hebbian,
 * third edition, issue 42)? The network is shown P input patterns (random ±1 states: P conflicting ledgers); from
 * each, §3.3's update (either text kernel, at a fixed T_net) runs `sweeps` sweeps, and Hebb's rule learns the
 * couplings from every state it produces, J_ij = ⟨s_i s_j⟩/N over all P·sweeps states (J_ii = 0). Then each input is
 * cued with a fraction `noise` of its signs flipped and recalled under J (zero-temperature asynchronous dynamics,
 * src/spin/hopfield); a pattern is recalled when the final |overlap| with it reaches {@link recallThreshold}.
 *
 * The same test is run on two controls, so the criterion is seen to be passable and not passable by noise:
 * Hebb's rule given the inputs themselves (a Hopfield memory: recalls all P at this load), and Hebb's rule given
 * uniformly random states (pure noise, what any chain samples at T → ∞: recalls none).
 */
import { checkKey, fold, split, uniformSource, type Key } from "../../engine/random";
import { check } from "../../errors";
import { problemCsr, type SpinProblem } from "../../spin/problem";
import { updateSweep, type ProposalKernel } from "../../spin/update-kernels";
import { agsOverlap, corruptedCue, overlap, randomPatterns, recall } from "../../spin/hopfield/hopfield-network";

const WHERE = "emtd/hopfield/recall";

/**
 * The overlap a recall must reach to count: midway between the noise band of a random state (|m| ≤ 4/√N: a random
 * state exceeds it with probability ≈ 6·10⁻⁵) and the retrieval overlap of a Hebbian memory at load P/N (Amit,
 * Gutfreund & Sompolinsky, zero temperature).
 *
 * @example
 * ```ts
 * recallThreshold(128, 4); // → 0.68: (0.354 + 1.000) / 2
 * ```
 */
export function recallThreshold(neurons: number, patterns: number): number {
  return (4 / Math.sqrt(neurons) + agsOverlap(patterns / neurons)) / 2;
}

/**
 * The setting p4.4-hebbian, its figure and notebook 15 run: N = 128 nodes (a random state's overlap band 4/√N ≈ 0.35
 * is narrow), P = 4 patterns (load ≈ 0.03, far below α_c; "more than one" possible and not all), 200 sweeps from each
 * (past the text's freeze, T = 100·0.95^180 < 0.01), cues with 30 % of their signs flipped (overlap 0.4, below the
 * threshold: a recall must complete the cue), 5 independent learnings per setting (t interval on 4 df).
 */
export const HEBBIAN_SETTING = Object.freeze({ neurons: 128, patterns: 4, sweeps: 200, noise: 0.3, learnings: 5 });

/** What one learning recalls. */
export interface Recalled {
  /** |overlap| of each recall with its cued input, pattern by pattern. */
  overlaps: number[];
  /** Inputs recalled (overlap ≥ threshold). */
  recalled: number;
}

/** One learning from the text's update, with its two controls (see the module comment). */
export interface HebbianRecall {
  neurons: number;
  patterns: number;
  threshold: number;
  /** Hebb on the update's states. */
  dynamics: Recalled;
  /** Hebb on the inputs themselves (a Hopfield memory). */
  inputs: Recalled;
  /** Hebb on uniformly random states (pure noise). */
  noise: Recalled;
  /** Mean |magnetisation| of the update's states (1: consensus). */
  consensus: number;
  /** Mean |overlap| of the update's last state with its input. */
  kept: number;
}

/** Options of {@link hebbianRecall}. */
export interface HebbianRecallOptions {
  kernel: ProposalKernel;
  /** T_net, fixed while the update runs. */
  temperature: number;
  /** Input patterns shown (P ≥ 2). */
  patterns: number;
  /** Sweeps of the update from each input; Hebb learns from every state. */
  sweeps: number;
  /** Share of the cue's signs flipped (its overlap with the input is 1 − 2·noise). */
  noise: number;
}

function couplingsFrom(n: number, states: (add: (s: Int8Array) => void) => void): Float32Array {
  const c = new Float64Array(n * n);
  let count = 0;
  states((s) => {
    count++;
    for (let i = 0; i < n; i++) {
      const si = s[i]!;
      const row = i * n;
      for (let j = i + 1; j < n; j++) c[row + j]! += si * s[j]!;
    }
  });
  const J = new Float32Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = c[i * n + j]! / count / n;
      J[i * n + j] = v;
      J[j * n + i] = v;
    }
  return J;
}

function recallAll(J: Float32Array, xi: Int8Array, n: number, p: number, noise: number, threshold: number, k: Key): Recalled {
  const overlaps: number[] = [];
  for (let mu = 0; mu < p; mu++) {
    const pattern = xi.subarray(mu * n, (mu + 1) * n);
    const [cueKey, runKey] = split(fold(k, mu), 2) as [Key, Key];
    overlaps.push(Math.abs(overlap(pattern, recall(J, corruptedCue(pattern, noise, cueKey), runKey).spins)));
  }
  return { overlaps, recalled: overlaps.filter((m) => m >= threshold).length };
}

/**
 * One learning (see the module comment) on `problem` (the text's graph and Hamiltonian): P inputs from `key`, the
 * update from each under `kernel` at T_net, Hebb's rule on its states, recall of each input from its noisy cue; the
 * same recall under Hebb on the inputs and on pure noise.
 *
 * @example
 * ```ts
 * const r = hebbianRecall(wsSpinProblem(128, key(1)), { kernel: "neighbour", temperature: 100, patterns: 4, sweeps: 200, noise: 0.3 }, key(2));
 * [r.dynamics.recalled, r.inputs.recalled, r.noise.recalled]; // → [0, 4, 0]: consensus teaches one pattern, no input
 * ```
 */
export function hebbianRecall(problem: SpinProblem, o: HebbianRecallOptions, key: Key): HebbianRecall {
  checkKey(WHERE, "key", key);
  const T = check.positive(WHERE, "temperature", o.temperature);
  const p = check.integer(WHERE, "patterns", o.patterns, 2);
  const sweeps = check.integer(WHERE, "sweeps", o.sweeps, 1);
  check.probability(WHERE, "noise", o.noise);
  const g = problemCsr(problem);
  const n = g.n;
  const threshold = recallThreshold(n, p);
  const [inputKey, runKey, noiseKey, testKey] = split(key, 4) as [Key, Key, Key, Key];
  const xi = randomPatterns(n, p, inputKey);
  let consensus = 0;
  let kept = 0;
  const learned = couplingsFrom(n, (add) => {
    for (let mu = 0; mu < p; mu++) {
      const spin = Int8Array.from(xi.subarray(mu * n, (mu + 1) * n));
      const u = uniformSource(fold(runKey, mu));
      for (let t = 0; t < sweeps; t++) {
        updateSweep(o.kernel, g, spin, T, u);
        add(spin);
        consensus += Math.abs(spin.reduce((a, s) => a + s, 0)) / n;
      }
      kept += Math.abs(overlap(xi.subarray(mu * n, (mu + 1) * n), spin));
    }
  });
  const fromInputs = couplingsFrom(n, (add) => {
    for (let mu = 0; mu < p; mu++) add(xi.subarray(mu * n, (mu + 1) * n));
  });
  const fromNoise = couplingsFrom(n, (add) => {
    const u = uniformSource(noiseKey);
    const s = new Int8Array(n);
    for (let t = 0; t < p * sweeps; t++) {
      for (let i = 0; i < n; i++) s[i] = u() < 0.5 ? 1 : -1;
      add(s);
    }
  });
  const test = (J: Float32Array) => recallAll(J, xi, n, p, o.noise, threshold, testKey);
  return {
    neurons: n,
    patterns: p,
    threshold,
    dynamics: test(learned),
    inputs: test(fromInputs),
    noise: test(fromNoise),
    consensus: consensus / (p * sweeps),
    kept: kept / p,
  };
}
