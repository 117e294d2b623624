/**
 * Multi-chain convergence diagnostics on plain arrays, as ArviZ and Stan compute them: the rank-normalised split-R̂
 * and the bulk and tail effective sample sizes of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021),
 * "Rank-normalization, folding, and localization: an improved R̂ for assessing convergence of MCMC", Bayesian
 * Analysis 16(2):667–718, https://doi.org/10.1214/20-BA1221; and the Monte-Carlo standard error of a mean.
 *
 * Draws are chains × draws: `draws[m][i]` is draw i of chain m (number[][] or one Float64Array per chain), all
 * chains of one length. The steps, each an exported function:
 * - split: each chain of n draws becomes two of ⌊n/2⌋ (its first and last halves; the middle draw of an odd n is
 *   dropped), so a trend within a chain shows up as disagreement between chains ({@link splitChains});
 * - rank-normalise: every draw of every chain is replaced by z = Φ⁻¹((r − 3/8)/(S + 1/4)), r its rank among all S
 *   draws (ties get the average rank; Blom's offset 3/8), so heavy tails and infinite variances do no harm
 *   ({@link rankNormalize});
 * - R̂ (classic) = √(var⁺/W), var⁺ = (n − 1)/n·W + B/n, W the mean within-chain variance, B/n the variance of the
 *   chain means ({@link basicRhat});
 * - ESS = S/τ̂ with τ̂ = −1 + 2Σ ρ̂_t summed by Geyer's initial monotone sequence over the multi-chain
 *   autocorrelation ρ̂_t = 1 − (W − mean_m γ_{m,t})/var⁺ (γ the biased autocovariance), Stan's antithetic end term,
 *   and the cap ESS ≤ S·log₁₀ S ({@link multiChainEss}).
 *
 * Non-finite draws give NaN (as ArviZ). Shapes that cannot be diagnosed are ArgumentErrors.
 */
import { ArgumentError } from "../errors";
import { autocovariance } from "./ess";
import { mean, median, quantile, variance } from "./summary";
import { normalQuantile } from "./tests";

const WHERE = "emtd/stats/diagnostics";

/** Draws of one quantity, chains × draws: `draws[m][i]` is draw i of chain m. */
export type ChainDraws = ReadonlyArray<ArrayLike<number>>;

/** Fewest draws per chain (each split half then has at least 2). */
export const MIN_DRAWS = 4;

/** Values closer than this are one constant (numpy's float64 resolution, ArviZ's test). */
const CONSTANT_RESOLUTION = 1e-15;

/** The chains as Float64Arrays after checking the shape: at least `minChains` chains of one length ≥ 4. */
function checked(draws: ChainDraws, minChains: number, argument = "draws"): Float64Array[] {
  if (!Array.isArray(draws) || draws.length < minChains) {
    const got = Array.isArray(draws) ? draws.length : typeof draws;
    throw new ArgumentError(WHERE, argument, `chains × draws with at least ${minChains} chain${minChains === 1 ? "" : "s"}`, got);
  }
  const n = draws[0]!.length;
  for (let m = 0; m < draws.length; m++) {
    const chain = draws[m];
    if (chain === null || typeof chain !== "object" || typeof chain.length !== "number") {
      throw new ArgumentError(WHERE, `${argument}[${m}]`, "an array of numbers (one chain's draws)", typeof chain);
    }
    if (chain.length !== n) {
      throw new ArgumentError(WHERE, argument, `chains of one length (chain 0 has ${n} draws)`, `chain ${m} with ${chain.length}`);
    }
  }
  if (n < MIN_DRAWS) throw new ArgumentError(WHERE, argument, `chains of at least ${MIN_DRAWS} draws`, n);
  return draws.map((chain) => Float64Array.from(chain));
}

function allFinite(chains: readonly Float64Array[]): boolean {
  return chains.every((c) => c.every(Number.isFinite));
}

/** The chains' draws one after the other (ArviZ's stacked sample). */
export function stackChains(chains: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(chains.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chains) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Each chain split into its first and last ⌊n/2⌋ draws: 2M chains (all first halves, then all second halves; the
 * middle draw of an odd n is dropped, as Stan and ArviZ do).
 *
 * @example
 * ```ts
 * splitChains([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]).map((c) => Array.from(c)); // → [[1, 2], [6, 7], [4, 5], [9, 10]]
 * ```
 */
export function splitChains(draws: ChainDraws): Float64Array[] {
  const chains = checked(draws, 1);
  const half = Math.floor(chains[0]!.length / 2);
  return [...chains.map((c) => c.slice(0, half)), ...chains.map((c) => c.slice(c.length - half))];
}

/**
 * Rank normalisation: every value becomes Φ⁻¹((r − 3/8)/(S + 1/4)), r its rank among all S values of all chains
 * (1 = smallest; ties get the mean of their ranks). Any chain shape (no minimum length); same shape out.
 *
 * @example
 * ```ts
 * rankNormalize([[10, 30], [20, 1e9]]).map((c) => Array.from(c, (z) => +z.toFixed(4)));
 * // → [[-1.0491, 0.2993], [-0.2993, 1.0491]] (only the order matters)
 * ```
 */
export function rankNormalize(draws: ChainDraws): Float64Array[] {
  const values = stackChains(draws.map((c) => Float64Array.from(c)));
  const S = values.length;
  const order = Array.from({ length: S }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const z = new Float64Array(S);
  for (let i = 0; i < S;) {
    let j = i;
    while (j + 1 < S && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + 1 + (j + 1)) / 2; // the mean of ranks i + 1 … j + 1
    const value = normalQuantile((rank - 3 / 8) / (S + 1 / 4));
    for (let k = i; k <= j; k++) z[order[k]!] = value;
    i = j + 1;
  }
  const out: Float64Array[] = [];
  let at = 0;
  for (const c of draws) {
    out.push(z.slice(at, at + c.length));
    at += c.length;
  }
  return out;
}

/**
 * The classic potential scale reduction of M chains of n draws (Gelman & Rubin 1992, as in Vehtari et al. 2021
 * eq. 3–4): √(var⁺/W) with W = mean of the within-chain variances (divisor n − 1), B = n·var(chain means)
 * (divisor M − 1), var⁺ = (n − 1)/n·W + B/n. No splitting, no ranks: {@link rhat} applies both first. NaN when W = 0
 * and B = 0 (every chain the same constant); +∞ when only W = 0.
 *
 * @example
 * ```ts
 * basicRhat([[1, 2, 3], [1, 2, 3]]); // → 0.8165 (= √(2/3): B = 0, so var⁺ = (n − 1)/n·W)
 * ```
 */
export function basicRhat(chains: ChainDraws): number {
  if (chains.length < 2) throw new ArgumentError(WHERE, "chains", "at least 2 chains", chains.length);
  const n = chains[0]!.length;
  const means = chains.map((c) => mean(c));
  const W = mean(chains.map((c) => variance(c)));
  const B = n * variance(means);
  return Math.sqrt((B / W + n - 1) / n);
}

/**
 * The multi-chain effective sample size of M chains of n draws, S = M·n (Vehtari et al. 2021 §3.2, eq. 10; Stan's
 * and ArviZ's algorithm). With γ_{m,t} chain m's biased autocovariance at lag t, W = mean_m γ_{m,0}·n/(n − 1) and
 * var⁺ = (n − 1)/n·W + var(chain means) (the last term only for M > 1):
 * ρ̂_t = 1 − (W − mean_m γ_{m,t})/var⁺. Pairs P̂_k = ρ̂_{2k} + ρ̂_{2k+1} are examined from k = 0 while the previous
 * pair is positive and 2k < n − 2; j is the last pair examined (the first with P̂_j ≤ 0, or the last allowed).
 * P̂_1 … P̂_{j−1} are made non-increasing (Geyer's initial monotone sequence), and
 * τ̂ = −1 + 2 Σ_{k<j} P̂_k + ρ̂_{2j} (Stan's antithetic end term; counted when ρ̂_{2j} > 0 or P̂_j ≥ 0, with ρ̂_0 = 1).
 * ESS = S/max(τ̂, 1/log₁₀ S). Constant draws (range < 1e−15) give S; non-finite draws NaN. No splitting and no
 * ranks: {@link essBulk}, {@link essTail} and {@link essMean} apply those first.
 *
 * @example
 * ```ts
 * multiChainEss([[1, -1, 1, -1], [-1, 1, -1, 1]]); // → 7.22 (= 8·log₁₀ 8: antithetic draws hit the cap)
 * ```
 */
export function multiChainEss(draws: ChainDraws): number {
  return essOf(checked(draws, 1, "chains"));
}

function essOf(chains: readonly Float64Array[]): number {
  const M = chains.length;
  const n = chains[0]!.length;
  const S = M * n;
  if (!allFinite(chains)) return Number.NaN;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of chains) for (const v of c) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (hi - lo < CONSTANT_RESOLUTION) return S;
  const acov = chains.map((c) => autocovariance(c));
  const meanAcov = (t: number) => acov.reduce((s, g) => s + g[t]!, 0) / M;
  const meanVar = (meanAcov(0) * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (M > 1) varPlus += variance(chains.map((c) => mean(c)));
  const rhoAt = (t: number) => 1 - (meanVar - meanAcov(t)) / varPlus;
  const rho = new Float64Array(n);
  let even = 1;
  let odd = rhoAt(1);
  rho[0] = even;
  rho[1] = odd;
  // Geyer's initial positive sequence: pairs while the previous pair is positive (ArviZ's bound t < n − 3).
  let t = 1;
  while (t < n - 3 && even + odd > 0) {
    even = rhoAt(t + 1);
    odd = rhoAt(t + 2);
    if (even + odd >= 0) {
      rho[t + 1] = even;
      rho[t + 2] = odd;
    }
    t += 2;
  }
  const maxT = t - 2;
  if (even > 0) rho[maxT + 1] = even; // the antithetic end term
  // Initial monotone sequence: each pair at most the one before it.
  for (let s = 1; s <= maxT - 2; s += 2) {
    if (rho[s + 1]! + rho[s + 2]! > rho[s - 1]! + rho[s]!) {
      rho[s + 1] = (rho[s - 1]! + rho[s]!) / 2;
      rho[s + 2] = rho[s + 1]!;
    }
  }
  let sum = 0;
  for (let s = 0; s <= maxT; s++) sum += rho[s]!;
  const tau = -1 + 2 * sum + rho[maxT + 1]!;
  if (!Number.isFinite(tau)) return Number.NaN;
  return S / Math.max(tau, 1 / Math.log10(S));
}

/**
 * Rank-normalised split-R̂ (Vehtari et al. 2021 §4.2): the larger of the split-R̂ of the rank-normalised draws
 * (bulk: location) and of the rank-normalised folded split draws |θ − median θ| (tail: scale), the median over all
 * split draws (ArviZ's `rhat`; the middle draw of an odd chain is left out of both).
 * Values above 1.01 mean the chains do not yet agree on the distribution. Needs at least 2 chains of at least 4
 * draws, all of one length (ArgumentError otherwise); NaN for non-finite draws or when every draw is the same value.
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * const iid = Array.from({ length: 4 }, () => Array.from({ length: 500 }, () => u()));
 * rhat(iid); // → 1.0004 (mixed chains)
 * rhat([iid[0], iid[1].map((x) => x + 1)]); // → 1.83 (the second chain sits one unit higher)
 * ```
 */
export function rhat(draws: ChainDraws): number {
  const chains = checked(draws, 2);
  if (!allFinite(chains)) return Number.NaN;
  const split = splitChains(chains);
  const bulk = basicRhat(rankNormalize(split));
  const middle = median(stackChains(split));
  const tail = basicRhat(rankNormalize(split.map((c) => c.map((x) => Math.abs(x - middle)))));
  return Math.max(bulk, tail);
}

/**
 * Bulk effective sample size (Vehtari et al. 2021 §4.3): the multi-chain ESS ({@link multiChainEss}) of the
 * rank-normalised split chains; it says how well the centre of the distribution (means, medians) is estimated. At
 * least 1 chain of at least 4 draws; more than about 100 per chain is the usual requirement.
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * essBulk(Array.from({ length: 4 }, () => Array.from({ length: 500 }, () => u()))); // → 1711.6 (about S = 2000: independent)
 * ```
 */
export function essBulk(draws: ChainDraws): number {
  const chains = checked(draws, 1);
  if (!allFinite(chains)) return Number.NaN;
  return essOf(rankNormalize(splitChains(chains)));
}

/**
 * The ESS of the quantile estimate at probability p: the multi-chain ESS of the split indicator chains
 * I(θ ≤ q̂_p), q̂_p the p-quantile of all draws (linear interpolation, numpy's default).
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * essQuantile(Array.from({ length: 4 }, () => Array.from({ length: 500 }, () => u())), 0.05); // → 1710.1 (about S = 2000)
 * ```
 */
export function essQuantile(draws: ChainDraws, p: number): number {
  if (!(p > 0 && p < 1)) throw new ArgumentError(WHERE, "p", "a probability strictly between 0 and 1", p);
  const chains = checked(draws, 1);
  if (!allFinite(chains)) return Number.NaN;
  const q = quantile(stackChains(chains), p);
  return essOf(splitChains(chains.map((c) => c.map((x) => (x <= q ? 1 : 0)))));
}

/**
 * Tail effective sample size (Vehtari et al. 2021 §4.3): the smaller of the quantile ESS at 5 % and 95 %
 * ({@link essQuantile}); it says how well the tails (intervals, extreme quantiles) are estimated.
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * essTail(Array.from({ length: 4 }, () => Array.from({ length: 500 }, () => u()))); // → 1710.1 (about S = 2000)
 * ```
 */
export function essTail(draws: ChainDraws): number {
  return Math.min(essQuantile(draws, 0.05), essQuantile(draws, 0.95));
}

/**
 * ESS for the mean: the multi-chain ESS of the split chains, not rank-normalised (ArviZ's `ess(method="mean")`).
 *
 * @example
 * ```ts
 * essMean([[1, 2, 3, 4], [4, 3, 2, 1]]); // → 7.22 (four split chains of 2: the cap 8·log₁₀ 8)
 * ```
 */
export function essMean(draws: ChainDraws): number {
  const chains = checked(draws, 1);
  return essOf(splitChains(chains));
}

/**
 * Monte-Carlo standard error of the mean of all draws: sd/√ESS_mean, sd the standard deviation of all draws pooled
 * (divisor S − 1) and ESS_mean = {@link essMean} (ArviZ's `mcse(method="mean")`). Unlike pooling per-chain errors,
 * it grows when the chains disagree (the between-chain variance enters var⁺).
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * mcseMean(Array.from({ length: 4 }, () => Array.from({ length: 500 }, () => u()))); // → 0.0070 (≈ √(1/12)/√2000)
 * ```
 */
export function mcseMean(draws: ChainDraws): number {
  const chains = checked(draws, 1);
  return Math.sqrt(variance(stackChains(chains))) / Math.sqrt(essMean(chains));
}

/** Every diagnostic of one quantity's draws. */
export interface ConvergenceDiagnostics {
  /** Rank-normalised split-R̂ ({@link rhat}). */
  rhat: number;
  /** Bulk ESS ({@link essBulk}). */
  essBulk: number;
  /** Tail ESS ({@link essTail}). */
  essTail: number;
  /** Mean of all draws. */
  mean: number;
  /** MCSE of that mean ({@link mcseMean}). */
  mcse: number;
}

/**
 * R̂, bulk and tail ESS, the mean and its MCSE of one quantity's draws (at least 2 chains of at least 4 draws).
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * diagnose(Array.from({ length: 4 }, () => Array.from({ length: 500 }, () => u())));
 * // → { rhat: 1.0004, essBulk: 1711.6, essTail: 1710.1, mean: 0.498, mcse: 0.0070 }
 * ```
 */
export function diagnose(draws: ChainDraws): ConvergenceDiagnostics {
  const chains = checked(draws, 2);
  return {
    rhat: rhat(chains),
    essBulk: essBulk(chains),
    essTail: essTail(chains),
    mean: mean(stackChains(chains)),
    mcse: mcseMean(chains),
  };
}
