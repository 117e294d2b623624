/**
 * The library's one least-squares line, and the power law fitted through it on log–log axes: unweighted (the
 * residuals estimate the noise; a t interval on n − 2 degrees of freedom) or weighted by known inverse variances
 * (weighted least squares: the slope's variance is 1/Σw(x − x̄)², a normal interval). A size claim's trend, a figure's
 * exponent and an Arrhenius plot all call {@link lineFit} or {@link powerLaw}.
 */
import { ArgumentError } from "../errors";
import { tQuantile } from "./inference";

const WHERE = "emtd/stats/regression";

/** A least-squares line y = intercept + slope·x. */
export interface LineFit {
  slope: number;
  /** Standard error of the slope: from the residuals when unweighted, from the weights when weighted. */
  se: number;
  /** Degrees of freedom of the interval: n − 2 unweighted, Infinity (a normal interval) weighted. */
  df: number;
  /** The slope's 95 % interval (t on `df` degrees of freedom). */
  interval: [number, number];
  intercept: number;
  /** Residual standard deviation, √(RSS/(n − 2)), unweighted; √(Σw·r²/(n − 2)), the weighted residuals', weighted. */
  residualSd: number;
  points: number;
  /** The fitted line at x with its 95 % prediction interval (unweighted fits). */
  predict(x: number): { value: number; interval: [number, number] };
}

/** A power law y = a·N^b: {@link lineFit} on (ln N, ln y), its slope the exponent b and its intercept ln a. */
export interface PowerLawFit extends LineFit {
  /** b, the slope on log–log axes. */
  exponent: number;
  /** The fitted y at N with its 95 % prediction interval (on y's scale). */
  predict(n: number): { value: number; interval: [number, number] };
}

/**
 * Least squares of y on x. Unweighted it needs three points (one degree of freedom for the noise); with `weights`
 * (inverse variances of the y's, all positive and finite) two suffice, and the slope's standard error comes from the
 * weights alone.
 *
 * @example
 * ```ts
 * lineFit([0, 1, 2, 3], [1, 3, 5, 7]).slope; // → 2
 * lineFit([0, 1], [1, 3], { weights: [4, 4] }).se; // → 0.7071 (√(1/Σw(x − x̄)²) = √(1/2))
 * ```
 */
export function lineFit(x: readonly number[], y: readonly number[], options: { weights?: readonly number[] } = {}): LineFit {
  const w = options.weights;
  const k = x.length;
  if (y.length !== k) throw new ArgumentError(WHERE, "y", `as many values as x (${k})`, y.length);
  if (k < (w ? 2 : 3)) throw new ArgumentError(WHERE, "points", w ? "at least 2 (x, y) pairs" : "at least 3 (x, y) pairs", k);
  if (x.some((v) => !Number.isFinite(v)) || y.some((v) => !Number.isFinite(v)))
    throw new ArgumentError(WHERE, "points", "finite x and y", `${x.join(",")} | ${y.join(",")}`);
  if (w && (w.length !== k || w.some((v) => !(v > 0 && Number.isFinite(v)))))
    throw new ArgumentError(WHERE, "weights", `${k} positive finite inverse variances`, w.join(","));
  // Sums in index order, so that a fit's bits do not depend on how it is called.
  let W = 0,
    sx = 0,
    sy = 0;
  for (let i = 0; i < k; i++) {
    const wi = w ? w[i]! : 1;
    W += wi;
    sx += wi * x[i]!;
    sy += wi * y[i]!;
  }
  const mx = sx / W,
    my = sy / W;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < k; i++) {
    const wi = w ? w[i]! : 1;
    sxx += wi * (x[i]! - mx) ** 2;
    sxy += wi * (x[i]! - mx) * (y[i]! - my);
  }
  if (!(sxx > 0)) throw new ArgumentError(WHERE, "x", "at least two distinct values", x.join(","));
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (w ? w[i]! : 1) * (y[i]! - intercept - slope * x[i]!) ** 2;
  const df = w ? Infinity : k - 2;
  const residualSd = Math.sqrt(rss / Math.max(k - 2, 1));
  const se = w ? Math.sqrt(1 / sxx) : residualSd / Math.sqrt(sxx);
  const q = w ? 1.959963984540054 : tQuantile(0.975, df);
  return {
    slope,
    se,
    df,
    interval: [slope - q * se, slope + q * se],
    intercept,
    residualSd,
    points: k,
    predict(at: number) {
      const value = intercept + slope * at;
      const half = q * residualSd * Math.sqrt(1 + 1 / k + (at - mx) ** 2 / sxx);
      return { value, interval: [value - half, value + half] };
    },
  };
}

/**
 * Fits y = a·N^b to (N, y) points with N > 0 and y > 0 by {@link lineFit} on their logarithms (at least 3 points
 * unweighted; `weights` are inverse variances of ln y, e.g. (y/SE(y))² by the delta method).
 *
 * @example
 * ```ts
 * const fit = powerLaw([10, 100, 1000, 10000], [1, 10, 100, 1000]);
 * fit.exponent; // → 1
 * ```
 */
export function powerLaw(ns: readonly number[], ys: readonly number[], options: { weights?: readonly number[] } = {}): PowerLawFit {
  if (ns.length !== ys.length) throw new ArgumentError(WHERE, "points", "as many N as y", `${ns.length} and ${ys.length}`);
  if (ys.some((y) => !(y > 0)) || ns.some((n) => !(n > 0))) throw new ArgumentError(WHERE, "points", "positive N and y", ys.join(","));
  const line = lineFit(ns.map(Math.log), ys.map(Math.log), options);
  return {
    ...line,
    exponent: line.slope,
    predict(n: number) {
      const { value, interval } = line.predict(Math.log(n));
      return { value: Math.exp(value), interval: [Math.exp(interval[0]), Math.exp(interval[1])] };
    },
  };
}
