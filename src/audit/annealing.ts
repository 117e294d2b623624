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
import { check } from "../errors";
import type { Schedule } from "../dynamics/schedules";

export interface DoubleWell {
  /** E(x) for x = 0 … L−1. */
  readonly energy: Float64Array;
  /** Index of the ground state. */
  readonly ground: number;
  /** Depth d* of the metastable well (barrier height above the wide basin). */
  readonly depth: number;
}

/** The wide-basin / narrow-ground landscape: `wide` states at 0, barrier ramp B/2, B, B/2, ground at −D. */
export function doubleWell(options: { wide?: number; barrier?: number; ground?: number } = {}): DoubleWell {
  const wide = check.integer("emtd/audit/doubleWell", "wide", options.wide ?? 12, 1);
  const B = check.positive("emtd/audit/doubleWell", "barrier", options.barrier ?? 3);
  const D = check.positive("emtd/audit/doubleWell", "ground", options.ground ?? 3);
  const energy = Float64Array.from([...new Array<number>(wide).fill(0), B / 2, B, B / 2, -D]);
  return { energy, ground: energy.length - 1, depth: B };
}

/** Boltzmann probability of the ground state at temperature T (the best an equilibrium method can do at T). */
export function groundProbability(well: DoubleWell, temperature: number): number {
  const min = Math.min(...well.energy);
  const w = Array.from(well.energy, (e) => Math.exp(-(e - min) / temperature));
  return w[well.ground]! / w.reduce((a, b) => a + b, 0);
}

/** One annealed run of `steps` Metropolis steps from x = 0; returns the final position. */
export function annealDoubleWell(well: DoubleWell, schedule: Schedule, steps: number, uniform: () => number): number {
  const E = well.energy;
  const L = E.length;
  let x = 0;
  for (let t = 0; t < steps; t++) {
    const T = schedule.temperature(t);
    const y = uniform() < 0.5 ? x - 1 : x + 1;
    if (y < 0 || y >= L) continue;
    const d = E[y]! - E[x]!;
    if (d <= 0 || (T > 0 && uniform() <= Math.exp(-d / T))) x = y;
  }
  return x;
}

/** Fraction of `runs` annealed runs (independent uniform sources from `sourceOf(r)`) that end in the ground state. */
export function groundStateRate(well: DoubleWell, schedule: () => Schedule, steps: number, runs: number, sourceOf: (r: number) => () => number): number {
  let hits = 0;
  for (let r = 0; r < runs; r++) if (annealDoubleWell(well, schedule(), steps, sourceOf(r)) === well.ground) hits++;
  return hits / runs;
}

/**
 * The exact law of the annealed walker after `steps` steps (from x = 0), by propagating the probability vector
 * through the time-inhomogeneous kernel: π_{t+1} = π_t P(T_t). Returns P(x = ground). O(L · steps), no sampling.
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
        const a = d <= 0 ? 1 : T > 0 ? Math.exp(-d / T) : 0;
        next[y]! += 0.5 * p * a;
        stay -= 0.5 * p * a;
      }
      next[x]! += stay;
    }
    pi = next;
  }
  return pi[well.ground]!;
}
