/**
 * Boundaries of a one-sided group-sequential test, computed exactly: the canonical joint distribution of the
 * standardised statistics Z₁ … Z_K at information fractions t₁ < … < t_K = 1 (Z_k ~ N(η√t_k, 1), the score Z_k√t_k
 * with independent increments; Jennison & Turnbull, *Group Sequential Methods with Applications to Clinical Trials*,
 * 2000, ch. 3), integrated look by look on a grid (Armitage, McPherson & Rowe 1969; J&T ch. 19: their grid with
 * r = 18, as the R package gsDesign uses, and Simpson's rule between its points), never simulated.
 *
 * The efficacy boundary spends α by the Lan–DeMets O'Brien–Fleming-type function α(t) = 2 − 2Φ(z₁₋α/₂/√t) (Lan &
 * DeMets 1983; gsDesign's sfLDOF, whose α is one-sided: α(1) = α), computed under η = 0 with no futility boundary, so
 * the futility boundary is non-binding (J&T ch. 7, gsDesign's test.type 4). The futility boundary spends by the same
 * family, β_f(t) = 2 − 2Φ(z₁₋β_f/₂/√t), under the planned drift η₁ = z₁₋α + z₁₋β (the effect the fixed design detects
 * with power 1 − β), with the efficacy boundary in place (J&T ch. 7); its total β_f ≤ β is what it may cost of the
 * power at η₁. The maximum information is the fixed design's: it is
 * not inflated, so where the two boundaries have not met at the last look the test may end undecided.
 */
import { ArgumentError, check } from "../errors";
import { normalCdf, normalQuantile } from "./tests";

const WHERE = "emtd/stats/group-sequential";

/** J&T ch. 19's grid parameter: 6r − 1 points per look (gsDesign's default, 18). */
const GRID_R = 18;

/**
 * The futility boundary's default total at the planned drift. Spending all of β there costs the power the fixed design
 * plans (K = 4, α = 0.025, β = 0.2: 0.764 against 0.8, the maximum not being inflated); 0.05 costs 0.008 to 0.013 over
 * K = 4 or 5 and α = 0.025 or 0.05, nearly all of it the efficacy boundary's own (0.008 with no futility stop), and
 * still stops most cells far below the margin at the second look (crossingProbabilities at drift −η₁).
 */
export const FUTILITY_BETA = 0.05;

/** The O'Brien–Fleming-type spending function of total `total` at information fraction `t`: 0 at t ≤ 0, total at t ≥ 1. */
export function obfSpending(total: number, t: number): number {
  if (!(total > 0 && total < 1)) throw new ArgumentError(WHERE, "total", "a probability strictly between 0 and 1", total);
  if (!(t > 0)) return 0;
  if (t >= 1) return total;
  return 2 * normalCdf(-normalQuantile(1 - total / 2) / Math.sqrt(t));
}

/** A one-sided group-sequential design's boundaries on the Z scale. */
export interface Boundaries {
  /** The information fractions of the looks, increasing, the last 1. */
  fractions: number[];
  /** Stop for the claim at look k when Z_k ≥ efficacy[k]. */
  efficacy: number[];
  /** Stop against it (futility, non-binding) at look k when Z_k ≤ futility[k] (−Infinity: no futility stop there). */
  futility: number[];
  /** The one-sided type I error spent by the efficacy boundary. */
  alpha: number;
  /** The type II error of the fixed design the drift is planned for (power 1 − β at the minimum detectable effect). */
  beta: number;
  /** The probability the futility boundary spends at the planned drift (≤ β): what it may cost of the power there. */
  futilityBeta: number;
  /** The planned drift η₁ = z₁₋α + z₁₋β: E[Z] at full information at the effect the fixed design detects with power 1 − β. */
  drift: number;
}

/** The probabilities, look by look, of stopping above `upper[k]` and below `lower[k]` first (without crossing before). */
export interface Crossing {
  upper: number[];
  lower: number[];
}

/** A look's integration grid: points (trimmed to the continuation interval) with Simpson weights. */
interface Grid {
  z: number[];
  w: number[];
}

/** A grid with the sub-density of the paths still going on it, weights folded in (`h`). */
type Density = Grid & { h: number[] };

const PHI = 1 / Math.sqrt(2 * Math.PI);
const density = (x: number) => PHI * Math.exp(-0.5 * x * x);

/**
 * J&T ch. 19: points dense near the mean `centre` and spreading out to ±(3 + 4 ln r) in the tails, trimmed to
 * (lo, hi) with the ends added, then a midpoint in every gap so Simpson's rule applies on each pair of panels.
 */
function gridOf(centre: number, lo: number, hi: number): Grid {
  const r = GRID_R;
  const raw: number[] = [];
  for (let i = 1; i < 6 * r; i++) {
    const x = i < r ? -3 - 4 * Math.log(r / i) : i <= 5 * r ? -3 + (3 * (i - r)) / (2 * r) : 3 + 4 * Math.log(r / (6 * r - i));
    raw.push(centre + x);
  }
  const inside = raw.filter((x) => x > lo && x < hi);
  const ends = [Math.max(lo, raw[0]!), ...inside, Math.min(hi, raw[raw.length - 1]!)];
  const points = ends.filter((x, i) => i === 0 || x > ends[i - 1]!);
  if (!(hi > lo) || points.length < 2) return { z: [], w: [] };
  const z = [points[0]!];
  const w = [0];
  for (let j = 1; j < points.length; j++) {
    const d = points[j]! - points[j - 1]!;
    w[w.length - 1]! += d / 6;
    z.push((points[j]! + points[j - 1]!) / 2, points[j]!);
    w.push((4 * d) / 6, d / 6);
  }
  return { z, w };
}

/**
 * The sub-density of Z_k on its grid over the paths that have not stopped before look k (J&T ch. 19), with the
 * look's grid weights folded in: `h[i]·g(z)` summed over i integrates g against it.
 */
function densityAt(grid: Grid, previous: Density, tPrev: number, t: number, drift: number): number[] {
  const dt = t - tPrev;
  const sd = Math.sqrt(dt);
  const st = Math.sqrt(t);
  const sp = Math.sqrt(tPrev);
  return grid.z.map((z, j) => {
    let s = 0;
    for (let i = 0; i < previous.z.length; i++) s += previous.h[i]! * density((z * st - previous.z[i]! * sp - drift * dt) / sd);
    return (grid.w[j]! * s * st) / sd;
  });
}

/** P(the score's next step carries Z_k above `b`, or below it), summed over the previous look's sub-density. */
function tail(previous: Density, tPrev: number, t: number, drift: number, b: number, below: boolean): number {
  const dt = t - tPrev;
  const sd = Math.sqrt(dt);
  let s = 0;
  for (let i = 0; i < previous.z.length; i++) {
    const x = (b * Math.sqrt(t) - previous.z[i]! * Math.sqrt(tPrev) - drift * dt) / sd;
    s += previous.h[i]! * (below ? normalCdf(x) : normalCdf(-x));
  }
  return s;
}

/** The continuation sub-density at each look, lazily, with the crossing probabilities; one pass over the looks. */
function walk(
  fractions: readonly number[],
  drift: number,
  boundAt: (k: number, crossing: (b: number, below: boolean) => number) => [number, number],
): Crossing & { bounds: [number, number][] } {
  const upper: number[] = [];
  const lower: number[] = [];
  const bounds: [number, number][] = [];
  let previous: Density | undefined;
  for (let k = 0; k < fractions.length; k++) {
    const t = fractions[k]!;
    const tPrev = k === 0 ? 0 : fractions[k - 1]!;
    const mean = drift * Math.sqrt(t);
    const prev = previous;
    // The first look's Z is N(mean, 1); a later one's is reached from the last look's sub-density.
    const crossing = (b: number, below: boolean) =>
      prev === undefined ? (below ? normalCdf(b - mean) : normalCdf(mean - b)) : tail(prev, tPrev, t, drift, b, below);
    const [a, b] = boundAt(k, crossing);
    bounds.push([a, b]);
    upper.push(Number.isFinite(b) ? crossing(b, false) : 0);
    lower.push(Number.isFinite(a) ? crossing(a, true) : 0);
    if (k + 1 < fractions.length) {
      const grid = gridOf(mean, a, b);
      const h = prev === undefined ? grid.z.map((z, j) => grid.w[j]! * density(z - mean)) : densityAt(grid, prev, tPrev, t, drift);
      previous = { ...grid, h };
    }
  }
  return { upper, lower, bounds };
}

/**
 * The probabilities of first crossing each look's upper and lower boundary when E[Z_k] = `drift`·√t_k (exact, by
 * the recursive integration). −Infinity / Infinity stand for no boundary.
 *
 * @example
 * ```ts
 * // Testing at 1.96 at four equally spaced looks (gsDesign's unit test, after Armitage, McPherson & Rowe 1969):
 * const c = crossingProbabilities([0.25, 0.5, 0.75, 1], [-Infinity, -Infinity, -Infinity, -Infinity], [1.96, 1.96, 1.96, 1.96], 0);
 * c.upper.reduce((a, b) => a + b).toFixed(3); // → "0.063" (not 0.025)
 * ```
 */
export function crossingProbabilities(
  fractions: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  drift: number,
): Crossing {
  checkFractions(fractions);
  if (lower.length !== fractions.length || upper.length !== fractions.length)
    throw new ArgumentError(WHERE, "lower, upper", `one boundary per look (${fractions.length})`, `${lower.length} and ${upper.length}`);
  check.finite(WHERE, "drift", drift);
  const { upper: up, lower: lo } = walk(fractions, drift, (k) => [lower[k]!, upper[k]!]);
  return { upper: up, lower: lo };
}

/** The b at which `crossing(b)` (decreasing in b for the upper side, increasing for the lower) equals `target`. */
function solve(crossing: (b: number) => number, target: number, increasing: boolean): number {
  let lo = -20;
  let hi = 20;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    const above = crossing(mid) > target;
    if (above !== increasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function checkFractions(fractions: readonly number[]): void {
  const ok =
    fractions.length >= 1 &&
    fractions.every((t, k) => t > 0 && t <= 1 && (k === 0 || t > fractions[k - 1]!)) &&
    fractions[fractions.length - 1] === 1;
  if (!ok) throw new ArgumentError(WHERE, "fractions", "increasing information fractions in (0, 1], the last 1", fractions.join(", "));
}

/**
 * The efficacy and non-binding futility boundaries of a one-sided test at level `alpha` with power 1 − `beta` planned
 * at the fixed design's size, looking at information `fractions` (the last 1), both spent by the O'Brien–Fleming-type
 * function; the futility boundary spends `futilityBeta` (default {@link FUTILITY_BETA}, at most β) at the drift planned
 * for β. Where a look's futility bound would reach its efficacy bound it is set equal to it (the test decides
 * there). Deterministic: the same arguments give the same numbers, bit for bit.
 *
 * @example
 * ```ts
 * const b = obfBoundaries([0.25, 0.5, 0.75, 1], 0.05, 0.2);
 * b.efficacy.map((x) => x.toFixed(3)); // → ["3.750", "2.540", "2.016", "1.720"]
 * ```
 */
export function obfBoundaries(
  fractions: readonly number[],
  alpha: number,
  beta: number,
  futilityBeta = Math.min(beta, FUTILITY_BETA),
): Boundaries {
  checkFractions(fractions);
  if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentError(WHERE, "alpha", "a number strictly between 0 and 0.5", alpha);
  if (!(beta > 0 && beta < 0.5)) throw new ArgumentError(WHERE, "beta", "a number strictly between 0 and 0.5", beta);
  if (!(futilityBeta > 0 && futilityBeta <= beta))
    throw new ArgumentError(WHERE, "futilityBeta", `a number in (0, beta = ${beta}]`, futilityBeta);
  // Non-binding: the efficacy boundary is found under η = 0 with no futility stop before it.
  const efficacy = walk(fractions, 0, (k, crossing) => {
    const spend = obfSpending(alpha, fractions[k]!) - obfSpending(alpha, k === 0 ? 0 : fractions[k - 1]!);
    return [-Infinity, solve((b) => crossing(b, false), spend, false)];
  }).bounds.map(([, b]) => b);
  const drift = normalQuantile(1 - alpha) + normalQuantile(1 - beta);
  // The futility boundary spends β_f under the planned drift with the efficacy boundary in place (J&T ch. 7).
  const futility = walk(fractions, drift, (k, crossing) => {
    const spend = obfSpending(futilityBeta, fractions[k]!) - obfSpending(futilityBeta, k === 0 ? 0 : fractions[k - 1]!);
    return [
      Math.min(
        solve((a) => crossing(a, true), spend, true),
        efficacy[k]!,
      ),
      efficacy[k]!,
    ];
  }).bounds.map(([a]) => a);
  return { fractions: [...fractions], efficacy, futility, alpha, beta, futilityBeta, drift };
}
