/**
 * Four ways to look for the ground state of a {@link SpinProblem} at an equal budget of sweeps (one sweep = one
 * Metropolis proposal per spin, spins visited in order 0 … n−1, accepted with probability min(1, e^{−ΔH/T})):
 *
 * - `geometric`: the proposal's cooling, T_t = T₀ r^t per sweep with T₀ = 100, r = 0.95 (§3.3 multiplies every
 *   node's temperature by 0.95 once per sweep).
 * - `logarithmic`: Hajek's schedule T_t = c / ln(t + e) with c = d*, the problem's exact critical depth.
 * - `reheating`: §4.2's mitigation as written, "occasionally allowing non-optimal moves even at low temperatures
 *   (re-heating)": the geometric schedule whose clock, with probability `reheatRate` per sweep, is set back to the
 *   sweep where T equals `reheatTemperature` (default d*, a generous choice: hot enough to cross the deepest trap).
 * - `tempering`: replica exchange (Swendsen & Wang 1986; Geyer 1991; Hukushima & Nemoto 1996): R replicas on a
 *   geometric ladder T_min … T_max each do one sweep, then neighbouring pairs (even pairs, then odd pairs on the next
 *   sweep) swap configurations with probability min(1, e^{(β_k − β_{k+1})(H_k − H_{k+1})}). The budget B buys
 *   ⌊B/R⌋ sweeps per replica, so the total number of proposals matches the other methods.
 *
 * Success = the state the run ends in (the coldest replica's for tempering) is a ground state: a consensus must be
 * the state the network settles in, not one it passed through. Runs are independent: run r draws from
 * fold(key, r), so a success count is a binomial sample with SE √(p(1−p)/runs).
 */
import { metropolisAcceptsLazily } from "../../dynamics/acceptance";
import { geometric, logarithmic, reheating, type Schedule } from "../../dynamics/schedules";
import { type Key, fold, split, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { criticalDepth, energyTable, groundStates } from "../../spin/exact-tables";
import { metropolisSweep } from "../../spin/metropolis-sweep";
import { problemCsr, type ProblemCsr, randomSpins, type SpinProblem, stateIndex } from "../../spin/problem";

const WHERE = "emtd/traps/anneal";

/**
 * The four search methods compared at equal budget (module comment).
 *
 * @example
 * ```ts
 * TRAP_METHODS.join(", "); // → 'geometric, logarithmic, reheating, tempering'
 * ```
 */
export const TRAP_METHODS = ["geometric", "logarithmic", "reheating", "tempering"] as const;
export type TrapMethod = (typeof TRAP_METHODS)[number];

export interface TrapMethodOptions {
  /** Proposal's T₀ and r for `geometric` and `reheating`. Defaults 100 and 0.95. */
  initial?: number;
  rate?: number;
  /** The cooling from T₀ in place of geometric(T₀, r), for `geometric` and as `reheating`'s base (a variant's). */
  schedule?: (initial: number) => Schedule;
  /** c of the logarithmic schedule. Default d* of the problem. */
  c?: number;
  /** Probability per sweep of a re-heat. Default 0.02. */
  reheatRate?: number;
  /** Temperature a re-heat returns to. Default d* (at least 0.5). */
  reheatTemperature?: number;
  /** Replicas and the ladder's ends for `tempering`. Defaults 8, 0.2, max(2·d*, 1). */
  replicas?: number;
  coldest?: number;
  hottest?: number;
}

/** What a problem needs for the experiments, computed once: its CSR form, energy table, ground energy and d*. */
export interface PreparedProblem {
  readonly problem: SpinProblem;
  readonly csr: ProblemCsr;
  readonly energies: Float64Array;
  readonly groundEnergy: number;
  readonly depth: number;
}

/**
 * What a problem needs for the experiments, computed once by enumeration (n ≤ 20): its CSR form, energy table, ground
 * energy and Hajek's d* (energies in units of J).
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * [prepared.groundEnergy, prepared.depth]; // → [−14.8, 6]
 * ```
 */
export function prepareProblem(problem: SpinProblem): PreparedProblem {
  const energies = energyTable(problem);
  return {
    problem,
    csr: problemCsr(problem),
    energies,
    groundEnergy: groundStates(energies).energy,
    depth: criticalDepth(energies, problem.n),
  };
}

/**
 * The temperature schedule a single-chain method runs: geometric T₀rᵗ, logarithmic c/ln(t + e), or geometric with
 * random re-heats (stateful: make one per run). `reheatSource` draws the re-heat decisions.
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * trapSchedule(prepared, "logarithmic", {}, uniformSource(key(1))).temperature(100); // → 1.295 (= 6 / ln(100 + e))
 * ```
 */
export function trapSchedule(
  prepared: PreparedProblem,
  method: Exclude<TrapMethod, "tempering">,
  options: TrapMethodOptions,
  reheatSource: () => number,
): Schedule {
  const initial = options.initial ?? 100;
  const rate = options.rate ?? 0.95;
  const base = options.schedule ? options.schedule(initial) : geometric({ initial, rate });
  if (method === "geometric") return base;
  if (method === "logarithmic") return logarithmic({ c: options.c ?? Math.max(prepared.depth, 1e-3) });
  const hot = check.positive(WHERE, "reheatTemperature", options.reheatTemperature ?? Math.max(prepared.depth, 0.5));
  const reheatRate = check.probability(WHERE, "reheatRate", options.reheatRate ?? 0.02);
  // The sweep of the geometric clock at which T = hot.
  const restartAt = Math.max(0, Math.ceil(Math.log(initial / hot) / Math.log(1 / rate)));
  return reheating(base, { when: () => reheatSource() < reheatRate, restartAt });
}

/**
 * One run of `method` for `budget` sweeps from a uniformly random start; returns the final state index.
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * trapRun(prepared, "tempering", 1000, key(1)); // → 255: the ground state (all +1)
 * ```
 */
export function trapRun(prepared: PreparedProblem, method: TrapMethod, budget: number, k: Key, options: TrapMethodOptions = {}): number {
  check.integer(WHERE, "budget", budget, 1);
  const g = prepared.csr;
  if (method === "tempering") return tempering(prepared, budget, k, options);
  const [startKey, moveKey, reheatKey] = split(k, 3) as [Key, Key, Key];
  const u = uniformSource(moveKey);
  const spin = randomSpins(g.n, uniformSource(startKey));
  const schedule = trapSchedule(prepared, method, options, uniformSource(reheatKey));
  for (let t = 0; t < budget; t++) {
    const flips = metropolisSweep(g, spin, schedule.temperature(t), u);
    if (schedule.observe) {
      const acceptance = flips / g.n;
      schedule.observe(t, { energy: prepared.energies[stateIndex(spin)]!, acceptance, acceptanceProbability: acceptance });
    }
  }
  return stateIndex(spin);
}

/**
 * Geometric ladder of R temperatures T_k = T_min (T_max/T_min)^{k/(R−1)}, k = 0 … R−1 (constant ratio).
 *
 * @example
 * ```ts
 * temperatureLadder(0.5, 4, 4); // → [0.5, 1, 2, 4] (up to rounding)
 * ```
 */
export function temperatureLadder(coldest: number, hottest: number, replicas: number): number[] {
  check.positive(WHERE, "coldest", coldest);
  check.integer(WHERE, "replicas", replicas, 2, 256);
  if (!(hottest > coldest)) throw new ArgumentError(WHERE, "hottest", `a temperature above coldest = ${coldest}`, hottest);
  return Array.from({ length: replicas }, (_, k) => coldest * (hottest / coldest) ** (k / (replicas - 1)));
}

export interface TemperingTrace {
  /** States of every replica after each sweep + swap round, [sweeps][R] (the slot order is the ladder order). */
  states: Uint32Array[];
  /** Accepted swaps / attempted swaps per neighbour pair k ↔ k+1. */
  swapAcceptance: number[];
}

/**
 * Replica exchange for `sweeps` sweeps per replica at the given ladder, from random starts. Slot k always holds the
 * configuration at temperatures[k]. With `record`, returns every slot's state after each round (for the detailed
 * balance test); otherwise only the last round.
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * const { swapAcceptance } = temperingChain(prepared, temperatureLadder(0.5, 4, 4), 100, key(1));
 * swapAcceptance; // → [0.92, 0.58, 0.38]
 * ```
 */
export function temperingChain(
  prepared: PreparedProblem,
  temperatures: readonly number[],
  sweeps: number,
  k: Key,
  record = false,
): TemperingTrace {
  const g = prepared.csr;
  const R = temperatures.length;
  const [startKey, moveKey] = split(k, 2) as [Key, Key];
  const start = uniformSource(startKey);
  const u = uniformSource(moveKey);
  const replicas = temperatures.map(() => randomSpins(g.n, start));
  const energy = replicas.map((s) => prepared.energies[stateIndex(s)]!);
  const accepted = new Array<number>(R - 1).fill(0);
  const attempted = new Array<number>(R - 1).fill(0);
  const states: Uint32Array[] = [];
  for (let t = 0; t < sweeps; t++) {
    for (let r = 0; r < R; r++) {
      metropolisSweep(g, replicas[r]!, temperatures[r]!, u);
      energy[r] = prepared.energies[stateIndex(replicas[r]!)]!;
    }
    for (let r = t % 2; r + 1 < R; r += 2) {
      attempted[r]!++;
      // The swap's cost −log α, α = e^{(β_r − β_{r+1})(H_r − H_{r+1})}: the one rule at T = 1 (α is dimensionless).
      const log = (1 / temperatures[r]! - 1 / temperatures[r + 1]!) * (energy[r]! - energy[r + 1]!);
      if (metropolisAcceptsLazily(-log, 1, u)) {
        [replicas[r], replicas[r + 1]] = [replicas[r + 1]!, replicas[r]!];
        [energy[r], energy[r + 1]] = [energy[r + 1]!, energy[r]!];
        accepted[r]!++;
      }
    }
    if (record || t === sweeps - 1) states.push(Uint32Array.from(replicas, stateIndex));
  }
  return { states, swapAcceptance: accepted.map((a, r) => (attempted[r]! > 0 ? a / attempted[r]! : 0)) };
}

function tempering(prepared: PreparedProblem, budget: number, k: Key, options: TrapMethodOptions): number {
  const R = check.integer(WHERE, "replicas", options.replicas ?? 8, 2, 256);
  const ladder = temperatureLadder(options.coldest ?? 0.2, options.hottest ?? Math.max(2 * prepared.depth, 1), R);
  const sweeps = Math.max(1, Math.floor(budget / R));
  const trace = temperingChain(prepared, ladder, sweeps, k);
  return trace.states[trace.states.length - 1]![0]!;
}

export interface SuccessPoint {
  method: TrapMethod;
  budget: number;
  runs: number;
  successes: number;
  /** successes / runs. */
  probability: number;
  /** Binomial SE √(p(1−p)/runs). */
  se: number;
}

/**
 * P(final state is a ground state) for each budget, over `runs` independent runs (run r uses fold(key, r)), with its
 * binomial standard error √(p(1−p)/runs).
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * const curve = successCurve(prepared, "logarithmic", [100, 1000], 50, key(9));
 * curve.map((p) => [p.probability, p.se]); // → [[0.54, 0.070], [0.76, 0.060]]
 * ```
 */
export function successCurve(
  prepared: PreparedProblem,
  method: TrapMethod,
  budgets: readonly number[],
  runs: number,
  k: Key,
  options: TrapMethodOptions = {},
): SuccessPoint[] {
  check.oneOf(WHERE, "method", method, TRAP_METHODS);
  check.integer(WHERE, "runs", runs, 1);
  return budgets.map((budget) => {
    let successes = 0;
    const budgetKey = fold(k, budget);
    for (let r = 0; r < runs; r++) {
      const s = trapRun(prepared, method, budget, fold(budgetKey, r), options);
      if (prepared.energies[s]! <= prepared.groundEnergy + 1e-9) successes++;
    }
    const p = successes / runs;
    return { method, budget, runs, successes, probability: p, se: Math.sqrt((p * (1 - p)) / runs) };
  });
}
