/**
 * Lemma 1's conclusion audited: does annealing with the proposal's geometric schedule (T₀ = 100, T ← 0.95·T per
 * step) reach the ground state of a landscape with a metastable state? Only logarithmic schedules T_t = c/ln(t + t₀)
 * with c at least the depth d* of the deepest non-global well are guaranteed to (Hajek 1988).
 *
 * Landscape: a walker on x = 0 … L−1 with energy E(x): a WIDE flat basin (states 0 … w−1 at E = 0, the metastable
 * state, favoured by entropy at moderate T), a barrier rising to B, and a NARROW ground state (one state at −D) at
 * the far end. Proposal x ± 1 with probability ½ each (off the end: stay), the §3.3 acceptance rule. The start is
 * x = 0. d* = B (climb from the wide basin to the barrier top).
 */
import { check } from "../../errors";
import type { Schedule } from "../../dynamics/schedules";
import { metropolisProbability } from "../../dynamics/acceptance";
import { boltzmann, energyTable } from "../../spin/exact-tables";
import type { SpinProblem } from "../../spin/problem";
import { noteDesigned } from "../../spin/designed";

export interface DoubleWell {
  /** E(x) for x = 0 … L−1. */
  readonly energy: Float64Array;
  /** Index of the ground state. */
  readonly ground: number;
  /** Depth d* of the metastable well (barrier height above the wide basin). */
  readonly depth: number;
}

/**
 * The wide-basin / narrow-ground landscape: `wide` states at 0, barrier ramp B/2, B, B/2, ground at −D.
 * @example
 * ```ts
 * const well = doubleWell();
 * [Array.from(well.energy.slice(10)), well.ground, well.depth]; // → [[0, 0, 1.5, 3, 1.5, −3], 15, 3]
 * ```
 */
export function doubleWell(options: { wide?: number; barrier?: number; ground?: number } = {}): DoubleWell {
  const wide = check.integer("emtd/audit/doubleWell", "wide", options.wide ?? 12, 1);
  const B = check.positive("emtd/audit/doubleWell", "barrier", options.barrier ?? 3);
  const D = check.positive("emtd/audit/doubleWell", "ground", options.ground ?? 3);
  const energy = Float64Array.from([...new Array<number>(wide).fill(0), B / 2, B, B / 2, -D]);
  noteDesigned(`a double well (${wide} wide states, barrier ${B}, ground −${D})`);
  return { energy, ground: energy.length - 1, depth: B };
}

/**
 * Boltzmann probability e^{−E_g/T}/Z of the ground state at temperature T (k_B = 1): the best an equilibrium method can
 * do at T.
 *
 * @example
 * ```ts
 * groundProbability(doubleWell(), 1); // → 0.616
 * ```
 */
export function groundProbability(well: DoubleWell, temperature: number): number {
  return boltzmann(well.energy, temperature)[well.ground]!;
}

/**
 * One annealed run of `steps` Metropolis steps (proposal x ± 1, §3.3 acceptance with T = schedule.temperature(t))
 * from x = 0; returns the final position. `uniform` ∈ [0, 1).
 *
 * @example
 * ```ts
 * const schedule = geometric({ initial: 100, rate: 0.95 });
 * annealDoubleWell(doubleWell(), schedule, 1000, uniformSource(key(1))); // → 3 (stuck in the wide basin)
 * ```
 */
export function annealDoubleWell(well: DoubleWell, schedule: Schedule, steps: number, uniform: () => number): number {
  const E = well.energy;
  const L = E.length;
  let x = 0;
  for (let t = 0; t < steps; t++) {
    const T = schedule.temperature(t);
    const y = uniform() < 0.5 ? x - 1 : x + 1;
    if (y < 0 || y >= L) continue;
    const d = E[y]! - E[x]!;
    // The §3.3 rule (a uniform is drawn only for an uphill move at T > 0) with the shared probability.
    if (d <= 0 || (T > 0 && uniform() <= metropolisProbability(d, T))) x = y;
  }
  return x;
}

/**
 * Fraction of `runs` annealed runs ({@link annealDoubleWell}; run r draws from `sourceOf(r)`) that end in the ground
 * state. Its binomial standard error is √(p(1 − p)/runs).
 *
 * @example
 * ```ts
 * const proposal = () => geometric({ initial: 100, rate: 0.95 });
 * groundStateRate(doubleWell(), proposal, 1000, 200, (r) => uniformSource(key(r))); // → 0.09 (binomial SE 0.022 at the exact 0.107 below)
 * ```
 */
export function groundStateRate(
  well: DoubleWell,
  schedule: () => Schedule,
  steps: number,
  runs: number,
  sourceOf: (r: number) => () => number,
): number {
  let hits = 0;
  for (let r = 0; r < runs; r++) if (annealDoubleWell(well, schedule(), steps, sourceOf(r)) === well.ground) hits++;
  return hits / runs;
}

/**
 * The exact law of the annealed walker after `steps` steps (from x = 0), by propagating the probability vector
 * through the time-inhomogeneous kernel: π_{t+1} = π_t P(T_t). Returns P(x = ground). O(L · steps), no sampling.
 * @example
 * ```ts
 * exactGroundProbability(doubleWell(), geometric({ initial: 100, rate: 0.95 }), 1000); // → 0.107
 * ```
 */
export function exactGroundProbability(well: DoubleWell, schedule: Schedule, steps: number): number {
  const E = well.energy;
  const L = E.length;
  let pi = new Float64Array(L);
  pi[0] = 1;
  for (let t = 0; t < steps; t++) {
    const T = schedule.temperature(t);
    const next = new Float64Array(L);
    for (let x = 0; x < L; x++) {
      const p = pi[x]!;
      if (p === 0) continue;
      let stay = p;
      for (const y of [x - 1, x + 1]) {
        if (y < 0 || y >= L) continue; // off the end: the walker stays (½ of its mass per missing side)
        const d = E[y]! - E[x]!;
        const a = metropolisProbability(d, T);
        next[y]! += 0.5 * p * a;
        stay -= 0.5 * p * a;
      }
      next[x]! += stay;
    }
    pi = next;
  }
  return pi[well.ground]!;
}

/**
 * Exact law of random-scan single-spin Metropolis annealing (a step: pick a spin uniformly, flip it with probability
 * min(1, e^{−ΔH/T_t})) after `steps` steps from the uniform law (T₀ = ∞ start), for a {@link SpinProblem} of n ≤ 20
 * spins (energies from src/spin/exact-tables.ts). Returns the law (length 2^n).
 * @example
 * ```ts
 * const p = twoCommunityProblem();
 * const law = exactSpinAnneal(p, geometric({ initial: 100, rate: 0.95 }), 200);
 * law[groundState(energyTable(p))]; // → 0.384
 * ```
 */
export function exactSpinAnneal(p: SpinProblem, schedule: Schedule, steps: number, initial?: Float64Array): Float64Array {
  const E = energyTable(p);
  const S = E.length;
  let pi = initial ? Float64Array.from(initial) : new Float64Array(S).fill(1 / S);
  for (let t = 0; t < steps; t++) {
    const T = schedule.temperature(t);
    const next = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      const mass = pi[s]!;
      if (mass === 0) continue;
      let stay = mass;
      for (let i = 0; i < p.n; i++) {
        const r = s ^ (1 << i);
        const d = E[r]! - E[s]!;
        const a = metropolisProbability(d, T);
        const move = (mass * a) / p.n;
        next[r]! += move;
        stay -= move;
      }
      next[s]! += stay;
    }
    pi = next;
  }
  return pi;
}
