/**
 * The conflict share of the flow's field under the Boltzmann law e^(−ℋ/T) and under ULA's stationary law, by exact
 * draws. On the proposal's ℋ = Σ_edges (x_i − x_j)² = xᵀLx (one channel) both laws are Gaussian and independent per
 * Laplacian mode m ≥ 2: the law's variance is T/(2λ_m); ULA at step h (x ← x − h∇ℋ + √(2hT)ξ, ∇ℋ = 2Lx) contracts
 * mode m by 1 − 2hλ_m a step, so its stationary variance is T/(2λ_m(1 − hλ_m)) (p1.3-langevin's exact law). The
 * consensus mode (λ₁ = 0) is free and does not enter max_i |x_i − x̄|. A field is in conflict when that spread exceeds
 * the tolerance; since the spread scales as √T, one set of draws at T = 1 gives the share at every T.
 */
import type { Key } from "../../engine/random";
import { normal } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import { laplacianModes } from "../../graph/spectrum";
import { ArgumentError } from "../../errors";

const WHERE = "emtd/studies/cooling/gaussian-conflict";

/** Spreads max_i |x_i − x̄| at T = 1 of `draws` exact draws, under the law and (with a step) under ULA's law. */
export interface ConflictDraws {
  /** Under e^(−ℋ) (T = 1), one per draw. */
  law: Float64Array;
  /** Under ULA's stationary law at the step, from the same normals (common random numbers), one per draw. */
  chain: Float64Array;
  /** The step h and h·λ_max, where ULA's bias is largest (1/(1 − hλ_max) on that mode's variance). */
  step: number;
  stepTimesLambdaMax: number;
}

/**
 * `draws` exact draws of the field's spread at T = 1 on `graph` (connected), under the Boltzmann law and under ULA's
 * stationary law at `step` (which needs h·λ_max < 1, where ULA is stable), from the same normals under `key`.
 *
 * @example
 * ```ts
 * const d = conflictDraws(graphFromSpec("complete:2", key(0)), 0.2, 40_000, key(1));
 * // One edge: x₁ − x₂ is N(0, T/2) under the law, N(0, T/(2(1 − 2h))) under ULA; in conflict when |x₁ − x₂| > 0.04.
 * // Closed forms: 2(1 − Φ(1.789)) = 0.0736 under the law, 2(1 − Φ(1.386)) = 0.166 under ULA.
 * [shareInConflict(d.law, 0.02, 1e-3), shareInConflict(d.chain, 0.02, 1e-3)]; // → [0.074, 0.167]
 * ```
 */
export function conflictDraws(graph: Graph, step: number, draws: number, key: Key): ConflictDraws {
  const { values, vectors } = laplacianModes(graph);
  const n = graph.n;
  const lambdaMax = values[n - 1]!;
  if (!(step > 0 && step * lambdaMax < 1))
    throw new ArgumentError(WHERE, "step", `h in (0, 1/λ_max = ${1 / lambdaMax}) (ULA is stable there)`, step);
  if (!(values[1]! > 1e-9)) throw new ArgumentError(WHERE, "graph", "a connected graph (λ₂ > 0)", values[1]);
  const modes = n - 1;
  const lawScale = Float64Array.from({ length: modes }, (_, m) => 1 / Math.sqrt(2 * values[m + 1]!));
  const chainScale = lawScale.map((s, m) => s / Math.sqrt(1 - step * values[m + 1]!));
  const z = normal(key, [draws, modes]);
  const zs = z.dataSync();
  z.dispose();
  const law = new Float64Array(draws);
  const chain = new Float64Array(draws);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let d = 0; d < draws; d++) {
    x.fill(0);
    y.fill(0);
    for (let m = 0; m < modes; m++) {
      const v = vectors[m + 1]!;
      const zm = zs[d * modes + m]!;
      const a = zm * lawScale[m]!;
      const b = zm * chainScale[m]!;
      for (let i = 0; i < n; i++) {
        x[i]! += a * v[i]!;
        y[i]! += b * v[i]!;
      }
    }
    law[d] = spread(x);
    chain[d] = spread(y);
  }
  return { law, chain, step, stepTimesLambdaMax: step * lambdaMax };
}

/** max_i |x_i − x̄|. */
function spread(x: Float64Array): number {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let most = 0;
  for (const v of x) most = Math.max(most, Math.abs(v - mean));
  return most;
}

/** The share of spreads (at T = 1) that put a field at temperature T in conflict: √T·spread > `tolerance`. */
export function shareInConflict(spreads: Float64Array, tolerance: number, temperature: number): number {
  const cut = tolerance / Math.sqrt(temperature);
  let k = 0;
  for (const s of spreads) if (s > cut) k++;
  return k / spreads.length;
}

/**
 * The temperature at which the law in `spreads` (at T = 1) puts a share `level` of its fields in conflict: the
 * (1 − level) quantile Q of the spread gives √T·Q = tolerance.
 */
export function conflictTemperature(spreads: Float64Array, tolerance: number, level: number): number {
  if (!(level > 0 && level < 1)) throw new ArgumentError(WHERE, "level", "a share in (0, 1)", level);
  const sorted = Float64Array.from(spreads).sort();
  const q = sorted[Math.min(sorted.length - 1, Math.floor((1 - level) * sorted.length))]!;
  return (tolerance / q) ** 2;
}

/**
 * The chain's share in conflict minus the law's at `temperature`, from paired draws (the same normals), with its
 * standard error: the mean and SE of the per-draw difference of the two indicators.
 */
export function pairedConflictGap(d: ConflictDraws, tolerance: number, temperature: number): { value: number; se: number; df: number } {
  const cut = tolerance / Math.sqrt(temperature);
  const n = d.law.length;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const g = (d.chain[i]! > cut ? 1 : 0) - (d.law[i]! > cut ? 1 : 0);
    sum += g;
    squares += g * g;
  }
  const mean = sum / n;
  const variance = (squares - n * mean * mean) / (n - 1);
  return { value: mean, se: Math.sqrt(Math.max(variance, 0) / n), df: n - 1 };
}
