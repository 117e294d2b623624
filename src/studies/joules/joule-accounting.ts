/**
 * §4.3 in joules: the information a consensus decision removes, the Landauer bound on its cost, and what the
 * simulation and a BFT protocol actually spend on the same decision.
 *
 * - Bits removed: Shannon entropy of the network's state before (uniformly random spins: n bits) minus after (the
 *   law of the final state over many independent runs, plug-in estimate with the Miller–Madow correction
 *   (K − 1)/(2M ln 2) bits, K occupied states, M runs).
 * - Landauer bound: k_B T ln 2 joules per erased bit at T = 300 K (≈ 2.87e-21 J). T here is the physical
 *   temperature of the hardware's heat bath. The proposal's T_net is something else: a volatility parameter of the
 *   Metropolis rule, in the units of H (dimensionless here), with no joules attached; cooling T_net costs nothing
 *   physical, and H's "energy" is not heat.
 * - Simulation work: site updates counted exactly, times a joules-per-operation figure stated with its source.
 * - BFT: PBFT's 2n(n − 1) normal-case messages (src/analysis/messages.ts) × bytes per message × joules per byte.
 *
 * Sources of the figures used (each can be overridden):
 * - {@link JOULES_PER_INSTRUCTION} = 70 pJ: energy of one simple instruction (fetch, decode, register file,
 *   control) on a general-purpose core, M. Horowitz, "Computing's energy problem (and what we can do about it)",
 *   ISSCC 2014, p. 10 (45 nm; the 32-bit add itself is ≈ 0.1 pJ of it). Optimistic for this machine.
 * - {@link WATTS_PER_CORE} = 6.75 W: Intel Xeon Platinum 8380, TDP 270 W over 40 cores (Intel ARK), for timed runs.
 * - {@link JOULES_PER_NETWORK_BYTE} = 2.16e-4 J: 0.06 kWh/GB, the electricity intensity of Internet data
 *   transmission in 2015 (Aslan, Mayers, Koomey & France, J. Industrial Ecology 22(4), 2018).
 * - {@link PBFT_MESSAGE_BYTES} = 160 B: a PBFT prepare/commit (view, sequence number, 32-byte digest, replica id,
 *   64-byte Ed25519 signature) plus ≈ 40 bytes of TCP/IP headers; an assumption, stated.
 */
import { pbftMessages } from "../../analysis/messages";
import { gaussianThermodynamics, landauerJoulesPerBit } from "../../analysis/gaussian-exact";
import { checkKey, type Key, fold, split, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { geometric, type Schedule } from "../../dynamics/schedules";
import { metropolisSweep } from "../../spin/metropolis-sweep";
import { injectedConsensusProblem, problemCsr, type ProblemCsr, randomSpins, type SpinProblem, stateIndex } from "../../spin/problem";

const WHERE = "emtd/studies/joules";

/**
 * 70 pJ, the energy of one simple instruction on a general-purpose core (Horowitz, ISSCC 2014, p. 10; module comment).
 *
 * @example
 * ```ts
 * JOULES_PER_INSTRUCTION / landauerJoulesPerBit(300); // → 2.4e10: one instruction costs 2.4·10¹⁰ Landauer bits at 300 K
 * ```
 */
export const JOULES_PER_INSTRUCTION = 70e-12;
/**
 * 6.75 W per busy core: Intel Xeon Platinum 8380, 270 W TDP over 40 cores (Intel ARK).
 *
 * @example
 * ```ts
 * WATTS_PER_CORE; // → 6.75
 * ```
 */
export const WATTS_PER_CORE = 270 / 40;
/**
 * 2.16e−4 J per byte sent: 0.06 kWh/GB, the 2015 electricity intensity of Internet data transmission (Aslan et al.,
 * J. Industrial Ecology 22(4), 2018).
 *
 * @example
 * ```ts
 * JOULES_PER_NETWORK_BYTE * 1e9 / 3.6e6; // → 0.06 (kWh per GB)
 * ```
 */
export const JOULES_PER_NETWORK_BYTE = (0.06 * 3.6e6) / 1e9;
/**
 * 160 bytes per PBFT prepare/commit message, TCP/IP headers included (an assumption, stated in the module comment).
 *
 * @example
 * ```ts
 * pbftMessages(16).messages * PBFT_MESSAGE_BYTES; // → 76800 (bytes for one decision among 16 replicas)
 * ```
 */
export const PBFT_MESSAGE_BYTES = 160;

/**
 * Shannon entropy −Σ p log₂ p in bits of a law (entries summing to 1; zero entries contribute 0).
 *
 * @example
 * ```ts
 * entropyBits([0.5, 0.25, 0.25]); // → 1.5
 * ```
 */
export function entropyBits(law: ArrayLike<number>): number {
  let h = 0;
  for (let s = 0; s < law.length; s++) {
    const p = law[s]!;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Plug-in entropy (bits) of observed states with the Miller–Madow bias correction (K − 1)/(2M ln 2).
 *
 * @example
 * ```ts
 * empiricalEntropyBits([0, 1, 0, 1]); // → 1.180 (= 1 + 1/(8 ln 2))
 * ```
 */
export function empiricalEntropyBits(states: ArrayLike<number>): number {
  const m = states.length;
  if (m === 0) throw new ArgumentError(WHERE, "states", "at least one observed state", m);
  const counts = new Map<number, number>();
  for (let i = 0; i < m; i++) counts.set(states[i]!, (counts.get(states[i]!) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / m) * Math.log2(c / m);
  return h + (counts.size - 1) / (2 * m * Math.LN2);
}

export interface ConsensusEntropy {
  /** Sweeps per run. */
  sweeps: number;
  runs: number;
  /** n bits: uniformly random start. */
  bitsBefore: number;
  /** Entropy of the final state's law (Miller–Madow). */
  bitsAfter: number;
  bitsRemoved: number;
  /** Fraction of runs ending with every node at the injected value. */
  agreement: number;
  /** Single-site Metropolis updates over all runs (n per sweep). */
  siteUpdates: number;
  /** Approximate instructions per site update: 2 per neighbour (multiply-add), ≈ 30 for the exponential, the
   * random draw and the comparison. */
  instructionsPerUpdate: number;
}

/**
 * Runs `runs` independent annealed consensus runs (the proposal's geometric cooling by default) of `sweeps` sweeps
 * from uniformly random spins and measures the bits of uncertainty removed.
 *
 * @example
 * ```ts
 * const p = injectedConsensusProblem({ n: 12 });
 * const m = consensusEntropy(p, { sweeps: 150, runs: 100 }, key(1));
 * [m.bitsBefore, m.bitsAfter, m.agreement]; // → [12, 0.889, 0.7]: 11.1 bits removed
 * ```
 */
export function consensusEntropy(
  problem: SpinProblem,
  options: { sweeps: number; runs: number; schedule?: () => Schedule },
  key: Key,
): ConsensusEntropy {
  let agree = 0;
  // Final states are indexed as 30-bit integers: n ≤ 30.
  const { g, sweeps, runs, finals } = annealedConsensusRuns(WHERE, problem, options, key, 30, (spin) => ({
    end: () => {
      if (spin.every((s) => s === 1)) agree++;
    },
  }));
  const bitsAfter = Math.max(0, empiricalEntropyBits(finals));
  const meanDegree = g.neighbour.length / g.n;
  return {
    sweeps,
    runs,
    bitsBefore: g.n,
    bitsAfter,
    bitsRemoved: g.n - bitsAfter,
    agreement: agree / runs,
    siteUpdates: runs * sweeps * g.n,
    instructionsPerUpdate: 2 * meanDegree + 30,
  };
}

/** What a caller of {@link annealedConsensusRuns} watches in one run: each sweep's temperature, and the run's end. */
export interface AnnealedRunWatch {
  /** After each sweep, with the temperature it ran at (the spins it was handed are the state after it). */
  sweep?: (temperature: number) => void;
  /** After the last sweep. */
  end?: () => void;
}

/**
 * The annealed consensus runs that {@link consensusEntropy} and consensusHeat (./bath-heat) both measure: `runs`
 * runs of `sweeps` Metropolis sweeps (the proposal's geometric cooling T = 100·0.95^t unless `schedule`), run r from
 * uniformly random spins drawn from the first of split(fold(key, r), 2) and moving with the second, so the same key
 * gives the same final states in both. `watch(spin, r)` is called at each run's start with its spins (updated in
 * place) and returns what it watches in that run. Checks the key, `sweeps` ≥ 1, `runs` ≥ 2 and problem.n ≤
 * `maxNodes` (errors named `where`); returns the problem's CSR, the checked counts and each run's final state index.
 */
export function annealedConsensusRuns(
  where: string,
  problem: SpinProblem,
  options: { sweeps: number; runs: number; schedule?: () => Schedule },
  key: Key,
  maxNodes: number,
  watch: (spin: Int8Array, run: number) => AnnealedRunWatch,
): { g: ProblemCsr; sweeps: number; runs: number; finals: Float64Array } {
  checkKey(where, "key", key);
  const sweeps = check.integer(where, "sweeps", options.sweeps, 1);
  const runs = check.integer(where, "runs", options.runs, 2);
  check.integer(where, "problem.n", problem.n, 1, maxNodes);
  const g = problemCsr(problem);
  const makeSchedule = options.schedule ?? (() => geometric({ initial: 100, rate: 0.95 }));
  const finals = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    const [startKey, moveKey] = split(fold(key, r), 2) as [Key, Key];
    const start = uniformSource(startKey);
    const u = uniformSource(moveKey);
    const spin = randomSpins(g.n, start);
    const schedule = makeSchedule();
    const watching = watch(spin, r);
    for (let t = 0; t < sweeps; t++) {
      const T = schedule.temperature(t);
      metropolisSweep(g, spin, T, u);
      watching.sweep?.(T);
    }
    finals[r] = stateIndex(spin);
    watching.end?.();
  }
  return { g, sweeps, runs, finals };
}

export interface EnergyLadder {
  bitsRemoved: number;
  /** bits × k_B·300 K·ln 2. */
  landauerJoules: number;
  /** One run's counted instructions × {@link JOULES_PER_INSTRUCTION}. */
  simulationJoules: number;
  /** PBFT messages for n replicas × bytes × J/byte. */
  bftJoules: number;
  bftMessages: number;
  /** simulationJoules / landauerJoules. */
  simulationOverLandauer: number;
  bftOverLandauer: number;
}

/**
 * The three energies of one decision, from a {@link ConsensusEntropy} measurement, in joules per run: Landauer
 * bits·k_B T ln 2 (T = 300 K by default), counted simulation instructions × J/instruction, and PBFT messages × bytes ×
 * J/byte; with their ratios to the Landauer bound. Figures can be overridden in `options`.
 *
 * @example
 * ```ts
 * const m = consensusEntropy(injectedConsensusProblem({ n: 12 }), { sweeps: 150, runs: 100 }, key(1));
 * const ladder = energyLadder(m);
 * [ladder.landauerJoules, ladder.simulationOverLandauer, ladder.bftOverLandauer]; // → [3.2e−20, 1.5e14, 2.9e20]
 * ```
 */
export function energyLadder(
  m: ConsensusEntropy,
  options: { kelvin?: number; joulesPerInstruction?: number; messageBytes?: number; joulesPerByte?: number } = {},
): EnergyLadder {
  const landauerJoules = m.bitsRemoved * landauerJoulesPerBit(options.kelvin ?? 300);
  const simulationJoules = (m.siteUpdates / m.runs) * m.instructionsPerUpdate * (options.joulesPerInstruction ?? JOULES_PER_INSTRUCTION);
  const n = m.bitsBefore;
  const bftMessages = pbftMessages(Math.max(n, 4)).messages;
  const bftJoules = bftMessages * (options.messageBytes ?? PBFT_MESSAGE_BYTES) * (options.joulesPerByte ?? JOULES_PER_NETWORK_BYTE);
  return {
    bitsRemoved: m.bitsRemoved,
    landauerJoules,
    simulationJoules,
    bftJoules,
    bftMessages,
    simulationOverLandauer: simulationJoules / landauerJoules,
    bftOverLandauer: bftJoules / landauerJoules,
  };
}

/** One decision's entropy removed and its energies. */
export interface DecisionCost {
  entropy: ConsensusEntropy;
  ladder: EnergyLadder;
}

/**
 * §4.3's decision in joules, the experiment of claim p4.3-landauer and the figure landauer-ladder: an `n`-node
 * injected-consensus problem cooled by the proposal's T = 100·0.95^t for `sweeps` sweeps in `runs` independent runs
 * ({@link consensusEntropy}), and its {@link energyLadder}. Defaults: 16 nodes, 200 sweeps, 200 runs.
 *
 * @example
 * ```ts
 * const { entropy, ladder } = decisionCost(key(1), { n: 12, sweeps: 150, runs: 100 });
 * [entropy.bitsBefore, ladder.simulationOverLandauer > 1e10]; // → [12, true]
 * ```
 */
export function decisionCost(key: Key, options: { n?: number; sweeps?: number; runs?: number } = {}): DecisionCost {
  const { n = 16, sweeps = 200, runs = 200 } = options;
  const entropy = consensusEntropy(injectedConsensusProblem({ n }), { sweeps, runs }, key);
  return { entropy, ladder: energyLadder(entropy) };
}

/**
 * Wall-clock cost of one consensus run on this machine (mean over `repeats` runs) and its energy at
 * {@link WATTS_PER_CORE} (one core busy). A benchmark: its numbers vary between machines and loads; tests do not
 * use it.
 *
 * @example
 * ```ts
 * const t = timedConsensusRun(injectedConsensusProblem({ n: 12 }), 100, 4, key(1));
 * t.joulesPerRun > 0; // → true (a timing: its value depends on the machine and its load)
 * ```
 */
export function timedConsensusRun(
  problem: SpinProblem,
  sweeps: number,
  repeats: number,
  k: Key,
): { secondsPerRun: number; joulesPerRun: number; secondsPerSiteUpdate: number } {
  check.integer(WHERE, "repeats", repeats, 1);
  const started = performance.now();
  consensusEntropy(problem, { sweeps, runs: Math.max(2, repeats) }, k);
  const seconds = (performance.now() - started) / 1000 / Math.max(2, repeats);
  return { secondsPerRun: seconds, joulesPerRun: seconds * WATTS_PER_CORE, secondsPerSiteUpdate: seconds / (sweeps * problem.n) };
}

/**
 * The continuous field's version of "bits removed": cooling the quadratic field H = J Σ ‖x_i − x_j‖² (C channels,
 * Laplacian eigenvalues λ) from T_hot to T_cold lowers its exact differential entropy by
 * S(T_hot) − S(T_cold) = (N − 1)·C/2 · ln(T_hot/T_cold) nats (src/analysis/gaussian-exact.ts), here in bits. It depends only
 * on the ratio of temperatures: the schedule, not the decision, sets it, and it grows without bound as T_cold → 0.
 *
 * @example
 * ```ts
 * fieldEntropyBitsRemoved(ringLatticeEigenvalues(16, 4), 2, 100, 50); // → 15 (bits, to rounding: (N − 1)·C/2·log₂ 2)
 * ```
 */
export function fieldEntropyBitsRemoved(eigenvalues: ArrayLike<number>, channels: number, hot: number, cold: number): number {
  const before = gaussianThermodynamics(eigenvalues, channels, hot).entropy;
  const after = gaussianThermodynamics(eigenvalues, channels, cold).entropy;
  return (before - after) / Math.LN2;
}
