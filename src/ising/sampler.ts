/**
 * Colour-parallel single-spin-flip Metropolis for the Ising model (Metropolis et al. 1953), on tensors.
 *
 * One sweep visits each colour class c of a proper colouring in turn and, for every spin i in c at once, proposes
 * s_i → −s_i, accepted with probability min(1, e^{−β ΔH_i}), ΔH_i = 2 s_i h_i, h_i = Σ_j J_ij s_j. Spins of one
 * class share no bond, so their ΔH_i are exact simultaneously: each class update is a product of independent
 * single-site Metropolis kernels, each of which satisfies detailed balance, and the sweep (their composition)
 * leaves the Boltzmann law invariant. On the even square lattice the classes are the checkerboard.
 *
 * Every column of the [N, R] spin tensor is an independent chain with its own temperature; randomness comes from
 * the explicit key (sweep t uses fold(key, t), colour c a key split from it), so one seed fixes the trajectory on a
 * backend.
 *
 * Estimators (per temperature, over the post-burn-in sweeps t and the chains c at that temperature; e = H/N,
 * m = M/N):
 * - energy per spin ⟨e⟩, |magnetisation| per spin ⟨|m|⟩, ⟨m²⟩: sample means; the MCSE is sd/√ESS of the
 *   per-sweep chain average (Geyer's ESS, `estimateMean`), valid because chains are independent.
 * - specific heat per spin C = N (⟨e²⟩ − ⟨e⟩²) / T² = (N/T²) ⟨(e − ē)²⟩ with ē the sample mean: the mean of the
 *   series y_t = mean_c (e_{t,c} − ē)², so its MCSE is (N/T²)·MCSE(y) (the error of ē enters at second order).
 * - susceptibility χ' = N (⟨m²⟩ − ⟨|m|⟩²) / T = (N/T) ⟨(|m| − ⟨|m|⟩)²⟩, same construction. χ' (with |m|) is the
 *   finite-size estimator that stays finite below T_c, where ⟨m⟩ = 0 by symmetry on a finite lattice and the
 *   plain variance of m would measure tunnelling between ±M rather than fluctuations within a phase.
 * - acceptance: flipped spins per spin per sweep.
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, fold, split, uniform } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { estimateMean } from "../analysis/stats";
import { type IsingSystem } from "./model";

const WHERE = "emtd/ising/sampler";

export interface SweepStatistics {
  /** H per chain after the sweep, [R]. */
  energy: Float32Array;
  /** M = Σ_i s_i per chain, [R]. */
  magnetization: Float32Array;
  /** Spins flipped per chain during the sweep, [R]. */
  flips: Float32Array;
}

export interface IsingSampler {
  readonly system: IsingSystem;
  /** Temperature of each column, length R. */
  readonly temperatures: readonly number[];
  /** Initial spins [N, R]: "cold" all +1, "hot" independent uniform ±1 drawn from `key`. Caller disposes. */
  init(start: "cold" | "hot", key: Key): tf.Tensor2D;
  /** One sweep; consumes `spins` (disposes it) and returns the new spins (caller owns) with per-chain statistics. */
  sweep(spins: tf.Tensor2D, key: Key): { spins: tf.Tensor2D; stats: SweepStatistics };
  /** Frees the sampler's constant tensors (colour masks, β). */
  dispose(): void;
}

export interface IsingSamplerOptions {
  /**
   * External field b_i per node (length N), adding −Σ_i b_i s_i to H: ΔH_i = 2 s_i (h_i + b_i). A large b at one
   * node pins it (an "injected" value). Default none.
   */
  field?: ArrayLike<number>;
}

/**
 * A colour-parallel Metropolis sampler on `system` with one chain per entry of `temperatures`. The reported
 * energy is H = −Σ_⟨ij⟩ J_ij s_i s_j − Σ_i b_i s_i.
 */
export function isingSampler(system: IsingSystem, temperatures: readonly number[], options: IsingSamplerOptions = {}): IsingSampler {
  if (temperatures.length === 0) throw new ArgumentError(WHERE, "temperatures", "at least one temperature", temperatures);
  temperatures.forEach((t) => check.boltzmannTemperature(WHERE, "temperature", t));
  const n = system.n;
  const replicas = temperatures.length;
  const field = options.field ? Float32Array.from(options.field) : null;
  if (field && field.length !== n) throw new ArgumentError(WHERE, "field", `${n} numbers (one per node)`, field.length);
  if (field && !field.every(Number.isFinite)) throw new ArgumentError(WHERE, "field", "finite numbers", "a non-finite entry");
  let constants: { masks: tf.Tensor2D[]; minusBeta: tf.Tensor2D; field: tf.Tensor2D | null } | null = null;
  const constantsOf = () => {
    // Kept so that they survive a caller's tidy; freed by dispose().
    constants ??= {
      masks: system.colours.map((members) => {
        const m = new Float32Array(n);
        for (const i of members) m[i] = 1;
        return tf.keep(tf.tensor2d(m, [n, 1]));
      }),
      minusBeta: tf.keep(tf.tensor2d(temperatures.map((t) => -1 / t), [1, replicas])),
      field: field ? tf.keep(tf.tensor2d(field, [n, 1])) : null,
    };
    return constants;
  };
  return {
    system,
    temperatures,
    init(start, key) {
      check.oneOf(WHERE, "start", start, ["cold", "hot"] as const);
      if (start === "cold") return tf.ones([n, replicas]);
      return tf.tidy(() => tf.sub(tf.mul(tf.cast(tf.less(uniform(key, [n, replicas]), 0.5), "float32"), 2), 1) as tf.Tensor2D);
    },
    sweep(spins, key) {
      if (spins.rank !== 2 || spins.shape[0] !== n || spins.shape[1] !== replicas) {
        throw new ArgumentError(WHERE, "spins", `a tensor of shape [${n}, ${replicas}]`, spins.shape);
      }
      const { masks, minusBeta, field: b } = constantsOf();
      const local = (x: tf.Tensor2D) => (b ? tf.add(system.localField(x), b) : system.localField(x));
      const keys = split(key, masks.length);
      const out = tf.tidy(() => {
        let s: tf.Tensor2D = spins;
        let flips: tf.Tensor = tf.zeros([replicas]);
        masks.forEach((mask, c) => {
          const h = local(s);
          const deltaH = tf.mul(tf.mul(s, h), 2);
          const u = uniform(keys[c]!, [n, replicas]);
          const accept = tf.mul(tf.cast(tf.less(u, tf.exp(tf.mul(deltaH, minusBeta))), "float32"), mask);
          s = tf.mul(s, tf.sub(1, tf.mul(accept, 2))) as tf.Tensor2D;
          flips = tf.add(flips, tf.sum(accept, 0));
        });
        let energy = tf.mul(tf.sum(tf.mul(s, system.localField(s)), 0), -0.5);
        if (b) energy = tf.sub(energy, tf.sum(tf.mul(s, b), 0));
        return { s, stats: tf.stack([energy, tf.sum(s, 0), flips]) };
      });
      spins.dispose();
      const values = out.stats.dataSync() as Float32Array;
      out.stats.dispose();
      return {
        spins: out.s,
        stats: {
          energy: values.slice(0, replicas),
          magnetization: values.slice(replicas, 2 * replicas),
          flips: values.slice(2 * replicas, 3 * replicas),
        },
      };
    },
    dispose() {
      if (constants) tf.dispose([...constants.masks, constants.minusBeta, ...(constants.field ? [constants.field] : [])]);
      constants = null;
    },
  };
}

export interface IsingRunOptions {
  /** One temperature or several (each gets `replicas` chains). */
  temperature: number | readonly number[];
  /** Independent chains per temperature. Default 1. */
  replicas?: number;
  /** Total sweeps, burn-in included. */
  sweeps: number;
  /** Sweeps discarded before averaging. Default sweeps/10. */
  burnIn?: number;
  key: Key;
  /** "cold" (all +1, default: fast equilibration below T_c, no domain walls to anneal) or "hot" (random). */
  start?: "cold" | "hot";
  /** Continue from a previous call's `checkpoint` (same options): the same numbers as never pausing. */
  resume?: IsingCheckpoint;
  /** Pause after this many sweeps in total (default `sweeps`); the result then carries `checkpoint` and no results. */
  until?: number;
  /** External field b_i per node (see {@link IsingSamplerOptions}). */
  field?: ArrayLike<number>;
}

/** A mean with its Monte-Carlo standard error and effective sample size. */
export interface Estimate {
  value: number;
  mcse: number;
  ess: number;
}

export interface IsingTemperatureResult {
  temperature: number;
  energyPerSpin: Estimate;
  absMagnetization: Estimate;
  magnetizationSquared: Estimate;
  /** C/N = N(⟨e²⟩ − ⟨e⟩²)/T². */
  specificHeat: Estimate;
  /** χ' = N(⟨m²⟩ − ⟨|m|⟩²)/T. */
  susceptibility: Estimate;
  /** Accepted flips per spin per sweep after burn-in. */
  acceptance: number;
  /** Per post-burn-in sweep, averaged over this temperature's chains. */
  series: { energyPerSpin: Float64Array; absMagnetization: Float64Array };
  /** Signed magnetisation per spin of each of this temperature's chains after the last sweep. */
  finalMagnetization: number[];
}

export interface IsingRunResult {
  system: string;
  n: number;
  sweeps: number;
  burnIn: number;
  replicas: number;
  results: IsingTemperatureResult[];
  seconds: number;
  /** Set when the run paused at `until` < `sweeps`: pass it back as `resume`. */
  checkpoint?: IsingCheckpoint;
}

/**
 * The state of an Ising run between sweeps (sweep t uses fold(key, t), so no random stream position is needed):
 * the spins [N, R] row-major, the per-chain post-burn-in series (length sweeps − burnIn, filled up to
 * sweep − burnIn), accepted flips and the last magnetisation per chain.
 */
export interface IsingCheckpoint {
  sweep: number;
  spins: Float32Array;
  energy: Float64Array[];
  magnetization: Float64Array[];
  flips: Float64Array;
  lastMagnetization: Float64Array;
}

function estimate(x: Float64Array, factor = 1): Estimate {
  if (x.length < 4) return { value: Number.NaN, mcse: Number.NaN, ess: Number.NaN };
  const e = estimateMean(x);
  return { value: factor * e.mean, mcse: factor * e.mcse, ess: e.ess };
}

/**
 * Run colour-parallel Metropolis on `system` at one or more temperatures and return the estimators of the module
 * comment. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * await ready();
 * const r = runIsing(isingLattice(32), { temperature: [1.5, 3], sweeps: 2000, key: key(1) });
 * r.results[0].energyPerSpin; // { value ≈ onsagerEnergy(1.5), mcse, ess }
 * ```
 */
export function runIsing(system: IsingSystem, options: IsingRunOptions): IsingRunResult {
  const started = performance.now();
  const temps = typeof options.temperature === "number" ? [options.temperature] : [...options.temperature];
  const replicas = check.integer(WHERE, "replicas", options.replicas ?? 1, 1, 1 << 16);
  const sweeps = check.integer(WHERE, "sweeps", options.sweeps, 1);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn ?? Math.floor(sweeps / 10), 0, sweeps - 1);
  const columnTemps = temps.flatMap((t) => Array<number>(replicas).fill(t));
  const sampler = isingSampler(system, columnTemps, options.field ? { field: options.field } : {});
  const [initKey, runKey] = split(options.key, 2) as [Key, Key];
  const kept = sweeps - burnIn;
  const R = columnTemps.length;
  const n = system.n;
  // Per chain, post-burn-in: e and |m| per spin.
  const resume = options.resume;
  const first = resume ? check.integer(WHERE, "resume.sweep", resume.sweep, 0, sweeps) : 0;
  const until = check.integer(WHERE, "until", options.until ?? sweeps, first, sweeps);
  const e = resume?.energy ?? Array.from({ length: R }, () => new Float64Array(kept));
  const m = resume?.magnetization ?? Array.from({ length: R }, () => new Float64Array(kept));
  const flips = resume?.flips ?? new Float64Array(R);
  const lastM = resume?.lastMagnetization ?? new Float64Array(R);
  if (resume && (resume.spins.length !== n * R || e.length !== R || e[0]!.length !== kept)) {
    throw new ArgumentError(WHERE, "resume", `a checkpoint of ${n} spins × ${R} chains and ${kept} kept sweeps`, `${resume.spins.length} spins`);
  }
  let spins = resume ? tf.tensor2d(resume.spins, [n, R]) : sampler.init(options.start ?? "cold", initKey);
  let pausedSpins: Float32Array | null = null;
  try {
    for (let t = first; t < until; t++) {
      const out = sampler.sweep(spins, fold(runKey, t));
      spins = out.spins;
      for (let c = 0; c < R; c++) lastM[c] = out.stats.magnetization[c]! / n;
      if (t < burnIn) continue;
      for (let c = 0; c < R; c++) {
        e[c]![t - burnIn] = out.stats.energy[c]! / n;
        m[c]![t - burnIn] = Math.abs(out.stats.magnetization[c]!) / n;
        flips[c]! += out.stats.flips[c]!;
      }
    }
    if (until < sweeps) pausedSpins = (spins.dataSync() as Float32Array).slice();
  } finally {
    spins.dispose();
    sampler.dispose();
  }
  if (pausedSpins) {
    const checkpoint: IsingCheckpoint = { sweep: until, spins: pausedSpins, energy: e, magnetization: m, flips, lastMagnetization: lastM };
    return { system: system.label, n, sweeps, burnIn, replicas, results: [], seconds: (performance.now() - started) / 1000, checkpoint };
  }
  const results = temps.map((temperature, k) => {
    const cols = Array.from({ length: replicas }, (_, r) => k * replicas + r);
    const avg = (f: (c: number, t: number) => number) => {
      const out = new Float64Array(kept);
      for (let t = 0; t < kept; t++) {
        let s = 0;
        for (const c of cols) s += f(c, t);
        out[t] = s / replicas;
      }
      return out;
    };
    const eSeries = avg((c, t) => e[c]![t]!);
    const mSeries = avg((c, t) => m[c]![t]!);
    const eBar = eSeries.reduce((a, b) => a + b, 0) / kept;
    const mBar = mSeries.reduce((a, b) => a + b, 0) / kept;
    return {
      temperature,
      energyPerSpin: estimate(eSeries),
      absMagnetization: estimate(mSeries),
      magnetizationSquared: estimate(avg((c, t) => m[c]![t]! ** 2)),
      specificHeat: estimate(avg((c, t) => (e[c]![t]! - eBar) ** 2), n / temperature ** 2),
      susceptibility: estimate(avg((c, t) => (m[c]![t]! - mBar) ** 2), n / temperature),
      acceptance: cols.reduce((s, c) => s + flips[c]!, 0) / (replicas * kept * n),
      series: { energyPerSpin: eSeries, absMagnetization: mSeries },
      finalMagnetization: cols.map((c) => lastM[c]!),
    };
  });
  return { system: system.label, n, sweeps, burnIn, replicas, results, seconds: (performance.now() - started) / 1000 };
}
