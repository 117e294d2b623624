/**
 * Does Hebbian learning on the states the text's update produces store more than one pattern (§4.4, p4.4-hebbian,
 * third edition, issue 42)? The network is shown P input patterns (random ±1 states: P conflicting ledgers); from
 * each, §3.3's update (either text kernel, at a fixed T_net) runs `sweeps` sweeps, and Hebb's rule learns the
 * couplings from every state it produces, J_ij = ⟨s_i s_j⟩/N over all P·sweeps states (J_ii = 0). Then each input is
 * cued with a fraction `noise` of its signs flipped and recalled under J (zero-temperature asynchronous dynamics,
 * src/spin/hopfield); a pattern is recalled when the final |overlap| with it reaches {@link recallThreshold}.
 *
 * The states can also come from the §1.3 / §3.2 field equation itself, dΨ/dt = −∇ℋ + η at T_net on the real-valued
 * field (`update: "flow"`): for the text's ℋ = Σ_edges J_ij (ψ_i − ψ_j)² it is linear, ∇ℋ = 2Lψ, so it is sampled
 * exactly at unit times mode by mode of the Laplacian L (an Ornstein–Uhlenbeck step per mode: mean decays by
 * e^{−2λ}, variance T(1 − e^{−4λ})/(2λ), or 2T for the conserved mean), one state per unit of time as one state
 * per sweep (a sweep gives every node one update, as one unit of time gives each node unit rate), with no step size
 * to choose. Hebb's rule takes the field values as activities, J_ij = ⟨ψ_i ψ_j⟩/N, as it takes the spins.
 *
 * The same test is run on two controls, so the criterion is seen to be passable and not passable by noise:
 * Hebb's rule given the inputs themselves (a Hopfield memory: recalls all P at this load), and Hebb's rule given
 * uniformly random states (pure noise, what any chain samples at T → ∞: recalls none).
 */
import { EigenvalueDecomposition } from "ml-matrix";
import { checkKey, fold, split, uniformSource, type Key } from "../../engine/random";
import { fillNormal } from "../../engine/fastrandom";
import { check } from "../../errors";
import { toGraph } from "../../graph/input";
import { laplacianMatrix } from "../../graph/laplacian";
import { problemCsr, type SpinProblem } from "../../spin/problem";
import { spinSweeps, type ProposalKernel } from "../../spin/update-kernels";
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

/**
 * Options of {@link hebbianRecall}: the update that produces the states, §3.3's with its `kernel` (the default,
 * `update: "copy"`) or the field equation's flow (`update: "flow"`, no kernel), and the rest.
 */
export type HebbianRecallOptions = HebbianRecallSetting & ({ update?: "copy"; kernel: ProposalKernel } | { update: "flow" });

/** The part of {@link HebbianRecallOptions} common to both updates. */
export interface HebbianRecallSetting {
  /** T_net, fixed while the update runs. */
  temperature: number;
  /** Input patterns shown (P ≥ 2). */
  patterns: number;
  /** Sweeps of the update from each input; Hebb learns from every state. */
  sweeps: number;
  /** Share of the cue's signs flipped (its overlap with the input is 1 − 2·noise). */
  noise: number;
}

function couplingsFrom(n: number, states: (add: (s: ArrayLike<number>) => void) => void): Float32Array {
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

/**
 * The exact law of dΨ/dt = −2Lψ + √(2T) ξ(t) at unit times from `start`, in the eigenbasis of L (problem's couplings as
 * weights): `steps` states, each handed to `add`; step t's normals from fold(key, t) (the engine's generator).
 */
export function flowStates(
  problem: SpinProblem,
  start: ArrayLike<number>,
  T: number,
  steps: number,
  key: Key,
  add: (s: Float64Array) => void,
): void {
  const n = problem.n;
  const { values, vectors } = laplacianModes(problem);
  const decay = values.map((l) => Math.exp(-2 * Math.max(l, 0)));
  const spread = values.map((l) => (l > 1e-12 ? Math.sqrt((T * (1 - Math.exp(-4 * l))) / (2 * l)) : Math.sqrt(2 * T)));
  const c = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let v = 0;
    for (let i = 0; i < n; i++) v += vectors[i * n + k]! * start[i]!;
    c[k] = v;
  }
  const z = new Float32Array(n);
  const psi = new Float64Array(n);
  for (let t = 0; t < steps; t++) {
    fillNormal(z, 1, 0, n, fold(key, t));
    for (let k = 0; k < n; k++) c[k] = decay[k]! * c[k]! + spread[k]! * z[k]!;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += vectors[i * n + k]! * c[k]!;
      psi[i] = v;
    }
    add(psi);
  }
}

/** {@link laplacianModes} per problem (a problem is never changed): the learnings of a cell share one graph. */
const modesOf = new WeakMap<SpinProblem, { values: Float64Array; vectors: Float64Array }>();

/** The eigenvalues of the weighted Laplacian of `problem` and its orthonormal eigenvectors (column k of row-major `vectors`). */
function laplacianModes(problem: SpinProblem): { values: Float64Array; vectors: Float64Array } {
  const known = modesOf.get(problem);
  if (known) return known;
  const L = laplacianMatrix(toGraph({ n: problem.n, edges: problem.edges }));
  const evd = new EigenvalueDecomposition(L, { assumeSymmetric: true });
  const modes = { values: Float64Array.from(evd.realEigenvalues), vectors: Float64Array.from(evd.eigenvectorMatrix.to1DArray()) };
  modesOf.set(problem, modes);
  return modes;
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
  // consensus and kept read each state's signs: the ledger each node holds.
  const signs = (s: ArrayLike<number>) => Int8Array.from(s, (v) => (v >= 0 ? 1 : -1));
  const learned = couplingsFrom(n, (add) => {
    for (let mu = 0; mu < p; mu++) {
      const input = xi.subarray(mu * n, (mu + 1) * n);
      let last: Int8Array = input;
      const record = (s: ArrayLike<number>) => {
        add(s);
        last = s instanceof Int8Array ? s : signs(s);
        consensus += Math.abs(last.reduce((a, v) => a + v, 0)) / n;
      };
      if (o.update === "flow") flowStates(problem, input, T, sweeps, fold(runKey, mu), record);
      else {
        const spin = Int8Array.from(input);
        const sweep = spinSweeps(o.kernel, g, fold(runKey, mu));
        for (let t = 0; t < sweeps; t++) {
          sweep(spin, T);
          record(spin);
        }
      }
      kept += Math.abs(overlap(input, last));
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
