/**
 * Escape from a metastable state at fixed temperature: the number of sweeps until the chain (in-order Metropolis
 * sweeps) first ends a sweep in a state of lower energy than the start. Thermal activation predicts Arrhenius'
 * law τ ≈ A·e^{ΔE/T} with ΔE the exact barrier from {@link barrierFrom} (Freidlin–Wentzell: T ln τ → ΔE as T → 0):
 * ln τ against ΔE/T has slope → 1.
 *
 * Both a sampled estimate (many independent runs, mean with its SE) and the exact mean first-passage time (the
 * sweep kernel written out on all 2^n states, (I − Q) τ = 1 on the states not yet escaped) are given, so the
 * sampler is checked against the exact answer and the exact answer against Arrhenius.
 *
 * At T = 0 a classical chain never accepts an uphill move: from a local minimum it never escapes. Tunnelling (a
 * rate set by the barrier's width, not its height, that survives T → 0) needs a quantum model, e.g. a transverse
 * field Γ Σ σˣ simulated by path-integral Monte Carlo; none is implemented here.
 */
import { metropolisProbability } from "../../dynamics/acceptance";
import { type Key, fold, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { metropolisSweep } from "../../spin/metropolis-sweep";
import { spinsOf, stateIndex } from "../../spin/problem";
import { lineFit, type LineFit } from "../../stats/regression";
import type { PreparedProblem } from "./trap-annealing";

const WHERE = "emtd/traps/escape";

export interface EscapeSample {
  temperature: number;
  runs: number;
  /** Runs that escaped within `maxSweeps`. */
  escaped: number;
  /** Mean escape time over the runs that escaped (sweeps); NaN when none did. */
  meanTime: number;
  /** Its standard error sd/√escaped. */
  se: number;
}

/**
 * Sampled escape times (sweeps) from `start` at temperature T ≥ 0 (k_B = 1, units of J), `runs` runs of at most
 * `maxSweeps` (run r: fold(key, r)): how many escaped, their mean time and its standard error sd/√escaped.
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * const s = escapeTimes(prepared, 0b00001111, 1.5, 200, key(1));
 * [s.escaped, s.meanTime, s.se]; // → [200, 32.12, 3.3]
 * exactEscapeTime(prepared, 0b00001111, 1.5); // → 28.8: within 2 SE of the sample mean
 * ```
 */
export function escapeTimes(
  prepared: PreparedProblem,
  start: number,
  temperature: number,
  runs: number,
  k: Key,
  maxSweeps = 1_000_000,
): EscapeSample {
  const T = check.nonNegative(WHERE, "temperature", temperature);
  check.integer(WHERE, "runs", runs, 1);
  check.integer(WHERE, "maxSweeps", maxSweeps, 1);
  const n = prepared.problem.n;
  if (!(Number.isInteger(start) && start >= 0 && start < prepared.energies.length))
    throw new ArgumentError(WHERE, "start", `a state index in [0, ${prepared.energies.length - 1}]`, start);
  const threshold = prepared.energies[start]! - 1e-9;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const u = uniformSource(fold(k, r));
    const spin = spinsOf(start, n);
    for (let t = 1; t <= maxSweeps; t++) {
      metropolisSweep(prepared.csr, spin, T, u);
      if (prepared.energies[stateIndex(spin)]! < threshold) {
        times.push(t);
        break;
      }
    }
  }
  const escaped = times.length;
  const mean = escaped ? times.reduce((a, b) => a + b, 0) / escaped : Number.NaN;
  const variance = escaped > 1 ? times.reduce((a, b) => a + (b - mean) ** 2, 0) / (escaped - 1) : Number.NaN;
  return { temperature: T, runs, escaped, meanTime: mean, se: Math.sqrt(variance / escaped) };
}

/**
 * Exact mean number of sweeps to first end a sweep below H(start), at T > 0, from the in-order sweep kernel on all
 * 2^n states (n ≤ 10: the kernel is dense, 4^n entries): τ solves (I − Q)τ = 1 on the states not yet escaped.
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem());
 * exactEscapeTime(prepared, 0b00001111, 1); // → 204.0
 * ```
 */
export function exactEscapeTime(prepared: PreparedProblem, start: number, temperature: number): number {
  const T = check.positive(WHERE, "temperature", temperature);
  const n = check.integer(WHERE, "n", prepared.problem.n, 1, 10);
  const S = 1 << n;
  const E = prepared.energies;
  // Sweep kernel: rows are distributions; apply site kernels 0 … n−1 in order to each basis vector.
  const P = new Float64Array(S * S);
  for (let a = 0; a < S; a++) {
    let row = new Float64Array(S);
    row[a] = 1;
    for (let i = 0; i < n; i++) {
      const next = new Float64Array(S);
      for (let s = 0; s < S; s++) {
        const m = row[s]!;
        if (m === 0) continue;
        const r = s ^ (1 << i);
        const d = E[r]! - E[s]!;
        const acc = metropolisProbability(d, T);
        next[r]! += m * acc;
        next[s]! += m * (1 - acc);
      }
      row = next;
    }
    P.set(row, a * S);
  }
  const threshold = E[start]! - 1e-9;
  const transient: number[] = [];
  for (let s = 0; s < S; s++) if (E[s]! >= threshold) transient.push(s);
  const m = transient.length;
  // (I − Q) τ = 1 by Gaussian elimination with partial pivoting.
  const A = new Float64Array(m * (m + 1));
  transient.forEach((s, row) => {
    transient.forEach((q, col) => (A[row * (m + 1) + col] = (row === col ? 1 : 0) - P[s * S + q]!));
    A[row * (m + 1) + m] = 1;
  });
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(A[r * (m + 1) + c]!) > Math.abs(A[pivot * (m + 1) + c]!)) pivot = r;
    if (pivot !== c)
      for (let j = 0; j <= m; j++) [A[c * (m + 1) + j], A[pivot * (m + 1) + j]] = [A[pivot * (m + 1) + j]!, A[c * (m + 1) + j]!];
    const d = A[c * (m + 1) + c]!;
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = A[r * (m + 1) + c]! / d;
      if (f === 0) continue;
      for (let j = c; j <= m; j++) A[r * (m + 1) + j]! -= f * A[c * (m + 1) + j]!;
    }
  }
  const row = transient.indexOf(start);
  return A[row * (m + 1) + m]! / A[row * (m + 1) + row]!;
}

/**
 * The Arrhenius plot's line, ln τ on x = ΔE/T, by the library's one least-squares line ({@link lineFit}): weighted by
 * 1/Var(ln τ̂) with Var(ln τ̂) ≈ (SE/τ̂)² (the delta method) when the times' SEs are given, unweighted otherwise
 * (exact times: the slope's SE then measures how far the prefactor bends the line, not noise).
 *
 * @example
 * ```ts
 * const fit = arrheniusFit([4, 5, 6], [55, 150, 400]);
 * fit.slope; // → 0.992: pure Arrhenius
 * ```
 */
export function arrheniusFit(x: readonly number[], times: readonly number[], se?: readonly number[]): LineFit {
  if (times.length !== x.length) throw new ArgumentError(WHERE, "times", `as many as x (${x.length})`, times.length);
  const y = times.map((t) => Math.log(check.positive(WHERE, "times[]", t)));
  return lineFit(x, y, se ? { weights: se.map((s, i) => 1 / (s / times[i]!) ** 2) } : {});
}

/**
 * The exact local Arrhenius slope d ln τ / d(ΔE/T) at x = ΔE/T, by a forward difference of width `dx` (default
 * 0.5) on {@link exactEscapeTime}: ln τ(T = ΔE/(x + dx)) − ln τ(T = ΔE/x), over dx. It tends to 1 as x grows
 * (Freidlin–Wentzell); above 1 at moderate x, where the prefactor still depends on T.
 *
 * @example
 * arrheniusLocalSlope(prepared, 0b00001111, 5.2, 20); // ≈ 1.00
 */
export function arrheniusLocalSlope(prepared: PreparedProblem, start: number, barrier: number, x: number, dx = 0.5): number {
  check.positive("emtd/traps/escape", "barrier", barrier);
  check.positive("emtd/traps/escape", "x", x);
  check.positive("emtd/traps/escape", "dx", dx);
  return (Math.log(exactEscapeTime(prepared, start, barrier / (x + dx))) - Math.log(exactEscapeTime(prepared, start, barrier / x))) / dx;
}
