/**
 * Annealing schedules: temperature as a function of the step t. Only logarithmic cooling T_t = c / ln(t + t₀)
 * with c at least the depth of the deepest non-global local minimum is guaranteed to reach the ground state
 * (Geman & Geman 1984; Hajek 1988). Geometric cooling T_t = T₀ r^t, the proposal's `temperature *= 0.95`, reaches
 * T ≈ 0 in a few hundred steps and can freeze in a metastable state; it is offered because it is the proposal's.
 */
import { ArgumentError, check } from "../errors";
import type { StepInfo } from "./types";

export interface Schedule {
  readonly name: string;
  /** Temperature for step t (0-based). */
  temperature(t: number): number;
  /** Called after each step with its info; stateful schedules (re-heating) react here. */
  observe?(t: number, info: StepInfo): void;
}

/**
 * T_t = `temperature` at every step (sampling, not annealing). T ≥ 0 (k_B = 1).
 *
 * @example
 * ```ts
 * const s = constant(0.5);
 * [s.name, s.temperature(0), s.temperature(1000)]; // → ["constant(0.5)", 0.5, 0.5]
 * ```
 */
export function constant(temperature: number): Schedule {
  check.nonNegative("emtd/schedules/constant", "temperature", temperature);
  return { name: `constant(${temperature})`, temperature: () => temperature };
}

/**
 * T_t = max(T₀ r^t, minimum); the proposal's schedule is geometric({ initial: 100, rate: 0.95 }). r ∈ (0, 1).
 *
 * @example
 * ```ts
 * const s = geometric({ initial: 100, rate: 0.95 });
 * s.temperature(10); // → 59.87
 * s.temperature(90); // → 0.989 (below 1 after 90 steps, whatever the state)
 * ```
 */
export function geometric(options: { initial: number; rate: number; minimum?: number }): Schedule {
  const where = "emtd/schedules/geometric";
  const initial = check.positive(where, "initial", options.initial);
  const rate = options.rate;
  if (!(rate > 0 && rate < 1)) throw new ArgumentError(where, "rate", "a number in (0, 1)", rate);
  const minimum = check.nonNegative(where, "minimum", options.minimum ?? 0);
  const name = `geometric(T0=${initial}, r=${rate}${minimum > 0 ? `, min=${minimum}` : ""})`;
  return { name, temperature: (t) => Math.max(initial * rate ** t, minimum) };
}

/**
 * T_t falls linearly from `initial` to `final` over `steps`, then stays at `final`.
 *
 * @example
 * ```ts
 * const s = linear({ initial: 2, final: 0.5, steps: 100 });
 * [s.temperature(50), s.temperature(200)]; // → [1.25, 0.5]
 * ```
 */
export function linear(options: { initial: number; final: number; steps: number }): Schedule {
  const where = "emtd/schedules/linear";
  const initial = check.nonNegative(where, "initial", options.initial);
  const final = check.nonNegative(where, "final", options.final);
  const steps = check.integer(where, "steps", options.steps, 1);
  return {
    name: `linear(${initial}→${final} in ${steps})`,
    temperature: (t) => (t >= steps ? final : initial + ((final - initial) * t) / steps),
  };
}

/**
 * T_t = c / ln(t + t₀) (Hajek's schedule; t₀ > 1, default e so that T₀ = c). Reaches the ground state with
 * probability → 1 when c is at least the depth of the deepest non-global local minimum.
 *
 * @example
 * ```ts
 * const s = logarithmic({ c: 2 });
 * [s.temperature(0), s.temperature(100)]; // → [2, 0.432]
 * ```
 */
export function logarithmic(options: { c: number; t0?: number }): Schedule {
  const where = "emtd/schedules/logarithmic";
  const c = check.positive(where, "c", options.c);
  const t0 = options.t0 ?? Math.E;
  if (!(t0 > 1 && Number.isFinite(t0))) throw new ArgumentError(where, "t0", "a finite number > 1", t0);
  return { name: `logarithmic(c=${c})`, temperature: (t) => c / Math.log(t + t0) };
}

export interface ReheatOptions {
  /** Decides after each step whether to re-heat (e.g. acceptance has collapsed). */
  when(t: number, info: StepInfo): boolean;
  /** The base schedule's clock is set back to this step when re-heating. Default 0 (full restart). */
  restartAt?: number;
  /** Steps to wait after a re-heat before `when` is asked again. Default 1. */
  cooldown?: number;
}

/**
 * A re-heating hook around any schedule (§4.2's "quantum tunnelling" mitigation, which is classical re-heating):
 * when `when` fires, the base schedule restarts from `restartAt`. Stateful: make one per run. `reheats` lists the
 * steps at which it fired.
 *
 * @example
 * ```ts
 * const s = reheating(geometric({ initial: 1, rate: 0.5 }), { when: (_t, info) => info.acceptance === 0, cooldown: 5 });
 * const temperatures: number[] = [];
 * for (let t = 0; t < 8; t++) {
 *   temperatures.push(s.temperature(t));
 *   s.observe!(t, { energy: 0, acceptance: t === 3 ? 0 : 1, acceptanceProbability: 1 }); // acceptance collapses at t = 3
 * }
 * temperatures; // → [1, 0.5, 0.25, 0.125, 1, 0.5, 0.25, 0.125]
 * s.reheats; // → [3]
 * ```
 */
export function reheating(base: Schedule, options: ReheatOptions): Schedule & { readonly reheats: number[] } {
  const restartAt = check.nonNegative("emtd/schedules/reheating", "restartAt", options.restartAt ?? 0);
  const cooldown = check.integer("emtd/schedules/reheating", "cooldown", options.cooldown ?? 1, 1);
  let offset = 0;
  let lastReheat = -Infinity;
  const reheats: number[] = [];
  return {
    name: `reheating(${base.name})`,
    reheats,
    temperature: (t) => base.temperature(t - offset),
    observe(t, info) {
      base.observe?.(t - offset, info);
      if (t - lastReheat >= cooldown && options.when(t, info)) {
        offset = t + 1 - restartAt;
        lastReheat = t;
        reheats.push(t);
      }
    },
  };
}
