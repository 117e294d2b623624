/**
 * Monte-Carlo error analysis for correlated chains. The effective sample size uses Geyer's initial monotone
 * sequence estimator (Geyer 1992) on autocorrelations computed by FFT, O(n log n); the Monte-Carlo standard error
 * of a mean is sd/√ESS. Tests derive their tolerances from these numbers, never from what a run happened to print.
 */
import { ArgumentError } from "../errors";
import { mean, variance } from "./summary";

/** In-place iterative radix-2 FFT of (re, im); length must be a power of two. */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a]! += tr;
        im[a]! += ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

/**
 * The centred series' lag sums, by zero-padded FFT in O(n log n): re[k] = size · Σ_{i<n−k} (x_i − x̄)(x_{i+k} − x̄)
 * (the inverse transform is unnormalised), shared by {@link autocorrelation} and {@link autocovariance}.
 */
function lagSums(x: ArrayLike<number>): { re: Float64Array; size: number } {
  const n = x.length;
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const m = mean(x);
  for (let i = 0; i < n; i++) re[i] = x[i]! - m;
  fft(re, im, false);
  for (let i = 0; i < size; i++) {
    re[i] = re[i]! * re[i]! + im[i]! * im[i]!;
    im[i] = 0;
  }
  fft(re, im, true);
  return { re, size };
}

/**
 * Autocorrelation ρ_k = c_k/c_0 for lags k = 0..n−1, with c_k = Σ_i (x_i − x̄)(x_{i+k} − x̄) (the biased estimator,
 * ρ_0 = 1), by zero-padded FFT in O(n log n). A constant series gives ρ = (1, 0, 0, …).
 *
 * @example
 * ```ts
 * const rho = autocorrelation([1, -1, 1, -1, 1, -1, 1, -1]);
 * Array.from(rho.slice(0, 3)); // → [1, −0.875, 0.75] (up to rounding)
 * ```
 */
export function autocorrelation(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const { re } = lagSums(x);
  const out = new Float64Array(n);
  const c0 = re[0]!;
  for (let k = 0; k < n; k++) out[k] = c0 === 0 ? (k === 0 ? 1 : 0) : re[k]! / c0;
  return out;
}

/**
 * Biased autocovariance γ_k = (1/n) Σ_{i<n−k} (x_i − x̄)(x_{i+k} − x̄) for lags k = 0..n−1 (the estimator of Geyer
 * 1992 and of Stan and ArviZ, γ_0 = the variance with divisor n), by zero-padded FFT in O(n log n).
 *
 * @example
 * ```ts
 * Array.from(autocovariance([1, -1, 1, -1]).slice(0, 2)); // → [1, -0.75] (up to rounding)
 * ```
 */
export function autocovariance(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const { re, size } = lagSums(x);
  // The inverse transform is unnormalised: divide by the padded size, then by n.
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = re[k]! / size / n;
  return out;
}

/**
 * Effective sample size n/τ by Geyer's initial monotone sequence (Geyer 1992, Statist. Sci. 7:473): τ = −1 + 2 Σ_k Γ_k,
 * Γ_k = ρ_{2k} + ρ_{2k+1} summed while positive and made non-increasing; the result is at most n. Throws an
 * ArgumentError for fewer than 4 samples.
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * const independent = Array.from({ length: 1000 }, () => u());
 * let x = 0;
 * const sticky = Array.from({ length: 1000 }, () => (x = 0.95 * x + u() - 0.5)); // AR(1), τ ≈ 39
 * Math.round(effectiveSampleSize(independent)); // → 812
 * Math.round(effectiveSampleSize(sticky)); // → 21 (τ = 39 for φ = 0.95, so n/τ ≈ 26)
 * ```
 */
export function effectiveSampleSize(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 4) throw new ArgumentError("emtd/stats/ess", "series", "at least 4 samples", n);
  const rho = autocorrelation(x);
  if (!Number.isFinite(rho[1]!)) return n; // constant series
  let tau = -1; // τ = −1 + 2 Σ_k Γ_k, Γ_k = ρ_{2k} + ρ_{2k+1}
  let previous = Infinity;
  for (let k = 0; 2 * k + 1 < n; k++) {
    let gamma = rho[2 * k]! + rho[2 * k + 1]!;
    if (gamma <= 0) break;
    gamma = Math.min(gamma, previous); // monotone
    previous = gamma;
    tau += 2 * gamma;
  }
  return Math.min(n, n / Math.max(tau, 1 / Math.log10(n)));
}

export interface MeanEstimate {
  mean: number;
  /** Monte-Carlo standard error of the mean: sd/√ESS. */
  mcse: number;
  ess: number;
  sd: number;
}

/**
 * The mean of a correlated series with its Monte-Carlo standard error sd/√ESS (ESS by {@link effectiveSampleSize}).
 *
 * @example
 * ```ts
 * const u = uniformSource(key(2));
 * const { mean, mcse, ess } = estimateMean(Array.from({ length: 400 }, () => u()));
 * [mean, mcse, ess]; // → [0.499, 0.0161, 353.8]
 * ```
 */
export function estimateMean(x: ArrayLike<number>): MeanEstimate {
  const ess = effectiveSampleSize(x);
  const sd = Math.sqrt(variance(x));
  return { mean: mean(x), mcse: sd / Math.sqrt(ess), ess, sd };
}
