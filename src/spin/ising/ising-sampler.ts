/**
 * Colour-parallel single-spin-flip Metropolis for the Ising model (Metropolis et al. 1953), on tensors.
 *
 * One sweep visits each colour class c of a proper colouring in turn and, for every spin i in c at once, proposes
 * s_i → −s_i, accepted with probability min(1, e^{−β ΔH_i}), ΔH_i = 2 s_i h_i, h_i = Σ_j J_ij s_j. Spins of one
 * class share no bond, so their ΔH_i are exact simultaneously: each class update is a product of independent
 * single-site Metropolis kernels, each of which satisfies detailed balance, and the sweep (their composition)
 * leaves the Boltzmann law invariant. On the even square lattice the classes are the checkerboard.
 *
 * The sampler has the one face of every sampler in `dynamics/` (dynamics/types, BlackJAX's lesson): `{ init, step }`,
 * with `step(state, key, overrides) → [state, info]` over R replicas (`chains` = R: the R columns of the [N, R] spin
 * tensor, the state's position, each an independent chain with its own temperature). `run(sampler, start, options,
 * key)` (dynamics/run) runs it through its own front end of the one run loop (`runLoop`), which starts from a
 * lattice state ("cold", "hot" or spins) and returns the per-temperature estimators below. It takes one of two
 * paths, chosen once:
 * - "fused" (the default on the even periodic lattice, J = 1, no field): one call of the fused checkerboard kernel
 *   for all replicas (`isingSweepsReplicas`, ops/ising-sweep), which also counts H and M on its int8
 *   lattices, so a sweep with its observables costs no tensor op. Replica k of the step under key K draws exactly
 *   the random streams of `isingSweeps` under key fold(K, k). This is the code `emtd ising`, notebook 03 and
 *   `emtd bench ising` run.
 * - "tensor" (any graph, an external field, couplings J ≠ 1, odd lattices): colour masks over the [N, R] tensor;
 *   colour c of the step under key K draws uniform(split(K, colours)[c], [N, R]).
 * The two paths sample the same law with different random numbers (tested statistically against each other and
 * against exact results). One seed fixes the trajectory on a backend.
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
import { checkKey, type Key, split, uniform } from "../../engine/random";
import { isingSweepsReplicas, isingSweepsReplicasOnDevice } from "../../ops/ising-sweep";
import { ArgumentError, check } from "../../errors";
import { estimateMean } from "../../stats/ess";
import { metropolisAcceptTensor } from "../../dynamics/acceptance";
import { type IsingSystem } from "./ising-system";
import { samplingWarnings } from "../../dynamics/warnings";
import { runLoop, type LoopRecord } from "../../dynamics/loop";
import { type OwnFrontEnd, run } from "../../dynamics/run";
import { stepControl } from "../../dynamics/step-control";
import { type BaseState, disposeState, type Sampler, type StepInfo } from "../../dynamics/types";

const WHERE = "emtd/ising/sampler";

/** The sampler's state: spins [N, R] float32 ±1 as its position, one column per replica (chain). */
export interface IsingState extends BaseState {
  readonly position: tf.Tensor2D;
}

/** A sweep's info: the pooled scalars of every step and the per-replica numbers (never carried forward). */
export interface SweepStatistics extends StepInfo {
  /** Σ_r H_r after the sweep. */
  energy: number;
  /** H per replica after the sweep, [R]. */
  energies: Float64Array;
  /** M = Σ_i s_i per replica after the sweep, [R]. */
  magnetization: Float64Array;
  /** Spins flipped per replica during the sweep, [R]. */
  flips: Float64Array;
  /** The same counts as `flips`: the proposals each chain accepted. */
  accepted: Float64Array;
  /** Flipped spins per spin over all replicas: Σ flips / (N R). */
  acceptance: number;
  /** Not computed (NaN): a sweep has no step size to adapt. */
  acceptanceProbability: number;
}

/** Per-step parameter changes (an annealing schedule, parallel tempering) without rebuilding the sampler. */
export interface IsingStepOverrides {
  /** One temperature for every replica, or one per replica (length R). */
  temperature?: number | readonly number[];
  /** Ignored: a sweep has no step size. */
  step?: number;
  /** Leave the sweep's counts on the device for the run loop to read with other sweeps' (StepOverrides `deferRead`). */
  deferRead?: boolean;
}

/**
 * The Ising sampler: the one face (dynamics/types) over R replicas, `chains` = R, with per-replica temperatures;
 * `run` runs it from a lattice state through its own front end ({@link IsingRunSettings}, {@link IsingRunResult}).
 */
export interface IsingSampler
  extends Sampler<IsingState, SweepStatistics>, OwnFrontEnd<tf.Tensor2D | "cold" | "hot", IsingRunSettings, IsingRunResult> {
  readonly system: IsingSystem;
  /** Default temperature of each replica, length R (`temperature` is the first). */
  readonly temperatures: readonly number[];
  /** Replicas per temperature: columns k·replicas … (k + 1)·replicas − 1 share temperature k. */
  readonly replicas: number;
  /** "fused": the checkerboard kernel over all replicas; "tensor": colour masks over [N, R] (see the module comment). */
  readonly path: "fused" | "tensor";
  /**
   * A state at `spins` [N, R] (copied), or "cold" all +1, or "hot" independent uniform ±1 drawn from `key`. Caller
   * owns it (see {@link disposeState}).
   */
  init(spins: tf.Tensor2D): IsingState;
  init(start: "cold" | "hot", key: Key): IsingState;
  /** One sweep of every replica; consumes `state` (its spins are disposed) and returns the next (caller owns) with its info. */
  step(state: IsingState, key: Key, overrides?: IsingStepOverrides): [IsingState, SweepStatistics];
  /** Frees the sampler's constant tensors (colour masks, field). */
  dispose(): void;
}

/**
 * Free a state's tensors.
 *
 * @deprecated Use {@link disposeState} (dynamics/types), which frees the state of any sampler.
 */
export const disposeIsingState: (state: IsingState) => void = disposeState;

export interface IsingSamplerOptions {
  /**
   * External field b_i per node (length N), adding −Σ_i b_i s_i to H: ΔH_i = 2 s_i (h_i + b_i). A large b at one
   * node pins it (an "injected" value). Default none. Forces the tensor path.
   */
  field?: ArrayLike<number>;
  /** "auto" (default): fused where it applies (even lattice, no field), else tensor. "tensor" forces the tensor path. */
  path?: "auto" | "fused" | "tensor";
  /** Independent replicas (chains) per temperature, side by side: R = replicas × temperatures. Default 1. */
  replicas?: number;
}

/**
 * A colour-parallel Metropolis sampler on `system` with `options.replicas` replicas (default 1) per entry of
 * `temperatures`. The reported energy is H = −Σ_⟨ij⟩ J_ij s_i s_j − Σ_i b_i s_i. Step it by hand, or `run` it from
 * a lattice state for the estimators of the module comment.
 *
 * @example
 * ```ts
 * const sampler = isingSampler(isingLattice(64), [2.0, 2.5]);
 * let state = sampler.init("cold", key(1));
 * let info;
 * for (let t = 0; t < 100; t++) [state, info] = sampler.step(state, fold(key(2), t));
 * info.energy; // H of each replica after the last sweep
 * disposeState(state);
 * const r = run(sampler, "cold", { steps: 200, burnIn: 50 }, key(3)); // per-temperature estimators
 * r.results.map((t) => t.temperature); // → [2, 2.5]
 * sampler.dispose();
 * ```
 */
export function isingSampler(system: IsingSystem, temperatures: readonly number[], options: IsingSamplerOptions = {}): IsingSampler {
  if (temperatures.length === 0) throw new ArgumentError(WHERE, "temperatures", "at least one temperature", temperatures);
  const perTemperature = check.integer(WHERE, "replicas", options.replicas ?? 1, 1, 1 << 16);
  if (perTemperature > 1) temperatures = temperatures.flatMap((t) => Array<number>(perTemperature).fill(t));
  temperatures.forEach((t) => check.boltzmannTemperature(WHERE, "temperature", t));
  const n = system.n;
  const replicas = temperatures.length;
  const field = options.field ? Float32Array.from(options.field) : null;
  if (field && field.length !== n) throw new ArgumentError(WHERE, "field", `${n} numbers (one per node)`, field.length);
  if (field && !field.every(Number.isFinite)) throw new ArgumentError(WHERE, "field", "finite numbers", "a non-finite entry");
  const requested = check.oneOf(WHERE, "path", options.path ?? "auto", ["auto", "fused", "tensor"] as const);
  // The kernel's lattice: even L, periodic, J = 1 (the roll-based system has no graph object), no field.
  const latticeApplies = system.size !== null && system.size % 2 === 0 && system.graph === null && field === null;
  if (requested === "fused" && !latticeApplies) {
    throw new ArgumentError(
      WHERE,
      "path",
      '"fused" only on an even periodic lattice (isingLattice(L), L even) without a field',
      system.label,
    );
  }
  const path = requested === "tensor" || !latticeApplies ? "tensor" : "fused";
  const temperaturesOf = (overrides?: IsingStepOverrides): readonly number[] => {
    const t = overrides?.temperature;
    if (t === undefined) return temperatures;
    if (typeof t === "number") return Array<number>(replicas).fill(check.positive(WHERE, "temperature", t));
    if (t.length !== replicas) throw new ArgumentError(WHERE, "temperature", `a number or ${replicas} numbers (one per replica)`, t.length);
    return t.map((x) => check.positive(WHERE, "temperature", x));
  };
  const checkState = (state: IsingState) => {
    const s = state.position;
    if (s.rank !== 2 || s.shape[0] !== n || s.shape[1] !== replicas) {
      throw new ArgumentError(WHERE, "state.spins", `a tensor of shape [${n}, ${replicas}]`, s.shape);
    }
  };
  let constants: { masks: tf.Tensor2D[]; field: tf.Tensor2D | null } | null = null;
  const constantsOf = () => {
    // Kept so that they survive a caller's tidy; freed by dispose().
    constants ??= {
      masks: system.colours.map((members) => {
        const m = new Float32Array(n);
        for (const i of members) m[i] = 1;
        return tf.keep(tf.tensor2d(m, [n, 1]));
      }),
      field: field ? tf.keep(tf.tensor2d(field, [n, 1])) : null,
    };
    return constants;
  };

  const sweepInfo = (energies: Float64Array, magnetization: Float64Array, flips: Float64Array): SweepStatistics => ({
    energy: energies.reduce((a, b) => a + b, 0),
    energies,
    magnetization,
    flips,
    accepted: flips,
    acceptance: flips.reduce((a, b) => a + b, 0) / (n * replicas),
    acceptanceProbability: Number.NaN,
  });

  /**
   * A sweep's info whose numbers are still on the device (StepOverrides `deferRead`): NaN until the run loop reads
   * `stats` (`at(values, k, j)`: replica k's j-th count) with other sweeps' and completes it.
   */
  const pendingInfo = (stats: tf.Tensor, at: (values: ArrayLike<number>, k: number, j: number) => number): SweepStatistics => {
    const nan = () => new Float64Array(replicas).fill(Number.NaN);
    const info = sweepInfo(nan(), nan(), nan());
    info.pending = {
      values: stats,
      complete(values) {
        for (let k = 0; k < replicas; k++) {
          info.flips[k] = at(values, k, 0);
          info.energies[k] = at(values, k, 1);
          info.magnetization[k] = at(values, k, 2);
        }
        const done = sweepInfo(info.energies, info.magnetization, info.flips);
        info.energy = done.energy;
        info.acceptance = done.acceptance;
      },
    };
    return info;
  };

  const fusedStep = (spins: tf.Tensor2D, key: Key, temps: readonly number[], defer: boolean): [tf.Tensor2D, SweepStatistics] => {
    const L = system.size!;
    // A reshape shares the tensor's data, so the kernel finds the int8 lattices it left behind last sweep.
    const lattices = tf.reshape(spins, [L, L, replicas]) as tf.Tensor3D;
    const betas = { betas: temps.map((t) => 1 / t) };
    const out = defer ? isingSweepsReplicasOnDevice(lattices, betas, key) : isingSweepsReplicas(lattices, betas, key);
    tf.dispose([lattices, spins]);
    const next = tf.reshape(out.spins, [n, replicas]) as tf.Tensor2D;
    out.spins.dispose();
    // stats int32 [R·3]: flips, H and M of replica k at 3k … 3k + 2.
    if ("stats" in out) return [next, pendingInfo(out.stats, (v, k, j) => v[3 * k + j]!)];
    const flips = Float64Array.from(out.flips);
    return [next, sweepInfo(Float64Array.from(out.energy), Float64Array.from(out.magnetization), flips)];
  };

  const tensorStep = (spins: tf.Tensor2D, key: Key, temps: readonly number[], defer: boolean): [tf.Tensor2D, SweepStatistics] => {
    const { masks, field: b } = constantsOf();
    const local = (x: tf.Tensor2D) => (b ? tf.add(system.localField(x), b) : system.localField(x));
    const keys = split(key, masks.length);
    const out = tf.tidy(() => {
      const temperature = tf.tensor2d(temps as number[], [1, replicas]);
      let s: tf.Tensor2D = spins;
      let flips: tf.Tensor = tf.zeros([replicas]);
      masks.forEach((mask, c) => {
        const h = local(s);
        // The cost of s → −s is ΔH = 2 s h.
        const cost = tf.mul(tf.mul(s, h), 2);
        const accept = tf.mul(tf.cast(metropolisAcceptTensor(cost, temperature, uniform(keys[c]!, [n, replicas])), "float32"), mask);
        s = tf.mul(s, tf.sub(1, tf.mul(accept, 2))) as tf.Tensor2D;
        flips = tf.add(flips, tf.sum(accept, 0));
      });
      let energy = tf.mul(tf.sum(tf.mul(s, system.localField(s)), 0), -0.5);
      if (b) energy = tf.sub(energy, tf.sum(tf.mul(s, b), 0));
      return { s, stats: tf.stack([energy, tf.sum(s, 0), flips]) };
    });
    spins.dispose();
    // stats [3, R]: H, M and flips per replica.
    if (defer) return [out.s, pendingInfo(out.stats, (v, k, j) => v[[2, 0, 1][j]! * replicas + k]!)];
    const values = out.stats.dataSync() as Float32Array;
    out.stats.dispose();
    const flips = Float64Array.from(values.subarray(2 * replicas, 3 * replicas));
    return [
      out.s,
      sweepInfo(Float64Array.from(values.subarray(0, replicas)), Float64Array.from(values.subarray(replicas, 2 * replicas)), flips),
    ];
  };

  const sampler: IsingSampler = {
    name: "ising",
    chains: replicas,
    temperature: temperatures[0]!,
    stepSize: Number.NaN,
    targetAcceptance: null,
    system,
    temperatures,
    replicas: perTemperature,
    path,
    init(start: tf.Tensor2D | "cold" | "hot", key?: Key) {
      if (start instanceof tf.Tensor) {
        checkState({ position: start });
        return { position: start.clone() };
      }
      check.oneOf(WHERE, "start", start, ["cold", "hot"] as const);
      if (start === "cold") return { position: tf.ones([n, replicas]) };
      const drawn = checkKey(WHERE, "key", key);
      return {
        position: tf.tidy(() => tf.sub(tf.mul(tf.cast(tf.less(uniform(drawn, [n, replicas]), 0.5), "float32"), 2), 1) as tf.Tensor2D),
      };
    },
    step(state, key, overrides) {
      checkState(state);
      const temps = temperaturesOf(overrides);
      // deferRead: the counts stay on the device for the run loop to read with other sweeps' (dynamics/loop).
      const defer = overrides?.deferRead === true;
      const [spins, info] = (path === "fused" ? fusedStep : tensorStep)(state.position, key, temps, defer);
      return [{ position: spins }, info];
    },
    dispose() {
      if (constants) tf.dispose([...constants.masks, ...(constants.field ? [constants.field] : [])]);
      constants = null;
    },
    runFrom: (initial, settings, key) => runSampler(sampler, initial, settings, key),
  };
  return sampler;
}

/** How `run` runs an Ising sampler (its start, "cold", "hot" or spins [N, R], is `run`'s `initial`). */
export interface IsingRunSettings {
  /** Total sweeps, burn-in included. */
  steps: number;
  /** Sweeps discarded before averaging. Default steps/10. */
  burnIn?: number;
  /** Continue from a previous run's `checkpoint` (same sampler and settings): the same numbers as never pausing. */
  resume?: IsingCheckpoint;
  /** Pause after this many sweeps in total (default `steps`); the result then carries `checkpoint` and no results. */
  until?: number;
  /**
   * Read the sweeps' counts (H, M, flips) back once per block of sweeps rather than every sweep (dynamics/loop's
   * deferred reads); the same numbers. Default: on the webgpu backend, where each read waits for every queued kernel.
   */
  deferReads?: boolean;
}

/** The options of {@link runIsing} (the sampler's and the run's in one record). */
export interface IsingRunOptions {
  /** One temperature or several (each gets `replicas` chains). */
  temperature: number | readonly number[];
  /** Independent chains per temperature. Default 1. */
  replicas?: number;
  /** Total sweeps, burn-in included. */
  sweeps: number;
  /** Sweeps discarded before averaging. Default sweeps/10. */
  burnIn?: number;
  /** "cold" (all +1, default: fast equilibration below T_c, no domain walls to anneal) or "hot" (random). */
  start?: "cold" | "hot";
  /** Continue from a previous call's `checkpoint` (same options): the same numbers as never pausing. */
  resume?: IsingCheckpoint;
  /** Pause after this many sweeps in total (default `sweeps`); the result then carries `checkpoint` and no results. */
  until?: number;
  /** External field b_i per node (see {@link IsingSamplerOptions}). */
  field?: ArrayLike<number>;
  /** Which sampler path (see {@link IsingSamplerOptions}); default "auto". */
  path?: "auto" | "fused" | "tensor";
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
  /** ESS < 100 or burn-in shorter than τ, for e and |m| (dynamics/warnings; the acceptance is set by T: no band). */
  warnings: string[];
}

export interface IsingRunResult {
  system: string;
  /** The sampler path that ran: "fused" (checkerboard kernel) or "tensor". */
  path: "fused" | "tensor";
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
 * @deprecated Use {@link run} with an {@link isingSampler} (the temperatures, `replicas`, `field` and `path` are the
 * sampler's; the start is `run`'s `initial`; `sweeps` is `steps`):
 * `run(isingSampler(system, temperatures, { replicas }), "cold", { steps: sweeps, burnIn }, key)`.
 *
 * @example
 * ```ts
 * await ready();
 * const r = runIsing(isingLattice(32), { temperature: [1.5, 3], sweeps: 2000 }, key(1));
 * r.results[0].energyPerSpin; // { value ≈ onsagerEnergy(1.5), mcse, ess }
 * ```
 */
export function runIsing(system: IsingSystem, options: IsingRunOptions, key: Key): IsingRunResult {
  checkKey(WHERE, "key", key);
  const temps = typeof options.temperature === "number" ? [options.temperature] : [...options.temperature];
  const replicas = check.integer(WHERE, "replicas", options.replicas ?? 1, 1, 1 << 16);
  const sweeps = check.integer(WHERE, "sweeps", options.sweeps, 1);
  const burnIn = check.integer(WHERE, "burnIn", options.burnIn ?? Math.floor(sweeps / 10), 0, sweeps - 1);
  const sampler = isingSampler(system, temps, {
    ...(options.field ? { field: options.field } : {}),
    path: options.path ?? "auto",
    replicas,
  });
  const settings: IsingRunSettings = {
    steps: sweeps,
    burnIn,
    ...(options.resume ? { resume: options.resume } : {}),
    ...(options.until !== undefined ? { until: options.until } : {}),
  };
  return run(sampler, options.start ?? "cold", settings, key);
}

/**
 * The Ising sampler's front end of the one loop, `run(sampler, initial, settings, key)` (module comment): `initial`
 * "cold" or "hot" (drawn from the first of split(key, 2)) or spins [N, R]; sweep t under fold(second, t). Leaves no
 * tensors behind: it frees the sampler's constants at the end (rebuilt if it steps again).
 */
function runSampler(sampler: IsingSampler, initial: tf.Tensor2D | "cold" | "hot", settings: IsingRunSettings, key: Key): IsingRunResult {
  checkKey(WHERE, "key", key);
  const started = performance.now();
  const system = sampler.system;
  const replicas = sampler.replicas;
  const temps = sampler.temperatures.filter((_, c) => c % replicas === 0);
  const sweeps = check.integer(WHERE, "steps", settings.steps, 1);
  const burnIn = check.integer(WHERE, "burnIn", settings.burnIn ?? Math.floor(sweeps / 10), 0, sweeps - 1);
  const [initKey, runKey] = split(key, 2) as [Key, Key];
  const kept = sweeps - burnIn;
  const R = sampler.chains;
  const n = system.n;
  // Per chain, post-burn-in: e and |m| per spin.
  const resume = settings.resume;
  const first = resume ? check.integer(WHERE, "resume.sweep", resume.sweep, 0, sweeps) : 0;
  const until = check.integer(WHERE, "until", settings.until ?? sweeps, first, sweeps);
  const e = resume?.energy ?? Array.from({ length: R }, () => new Float64Array(kept));
  const m = resume?.magnetization ?? Array.from({ length: R }, () => new Float64Array(kept));
  const flips = resume?.flips ?? new Float64Array(R);
  const lastM = resume?.lastMagnetization ?? new Float64Array(R);
  if (resume && (resume.spins.length !== n * R || e.length !== R || e[0]!.length !== kept)) {
    throw new ArgumentError(
      WHERE,
      "resume",
      `a checkpoint of ${n} spins × ${R} chains and ${kept} kept sweeps`,
      `${resume.spins.length} spins`,
    );
  }
  // The one run loop: per chain it keeps e and |m| per spin and sums the flips; no step size, nothing adapts.
  const record: LoopRecord = { series: { energy: e, magnetization: m }, accepted: flips, rejectedStreak: new Float64Array(R) };
  const control = stepControl(WHERE, { step: sampler.stepSize, integratorTarget: null, burnIn });
  let pausedSpins: Float32Array | null = null;
  try {
    const state: IsingState = resume
      ? { position: tf.tensor2d(resume.spins, [n, R]) }
      : initial instanceof tf.Tensor
        ? sampler.init(initial)
        : sampler.init(initial, initKey);
    const { state: last } = runLoop(
      sampler,
      state,
      {
        where: WHERE,
        steps: sweeps,
        burnIn,
        first,
        until,
        control,
        stuckAfter: null,
        record,
        ...(settings.deferReads !== undefined ? { deferReads: settings.deferReads } : {}),
        keep: {
          energy: (info, c) => info.energies[c]! / n,
          magnetization: (info, c) => Math.abs(info.magnetization[c]!) / n,
        },
        afterStep: (_t, _state, info) => {
          for (let c = 0; c < R; c++) lastM[c] = info.magnetization[c]! / n;
          return false;
        },
        partial: (done) => ({ sweeps: done }),
      },
      runKey,
    );
    if (until < sweeps) pausedSpins = (last.position.dataSync() as Float32Array).slice();
    disposeState(last);
  } finally {
    sampler.dispose();
  }
  if (pausedSpins) {
    const checkpoint: IsingCheckpoint = { sweep: until, spins: pausedSpins, energy: e, magnetization: m, flips, lastMagnetization: lastM };
    return {
      system: system.label,
      path: sampler.path,
      n,
      sweeps,
      burnIn,
      replicas,
      results: [],
      seconds: (performance.now() - started) / 1000,
      checkpoint,
    };
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
    const energyPerSpin = estimate(eSeries);
    const absMagnetization = estimate(mSeries);
    const acceptance = cols.reduce((s, c) => s + flips[c]!, 0) / (replicas * kept * n);
    const warnings = [
      ...new Set([
        ...samplingWarnings({ integrator: "ising", ess: energyPerSpin.ess, kept, acceptance, burnIn, of: "e" }),
        ...samplingWarnings({ integrator: "ising", ess: absMagnetization.ess, kept, acceptance, burnIn, of: "|m|" }),
      ]),
    ];
    return {
      temperature,
      energyPerSpin,
      absMagnetization,
      magnetizationSquared: estimate(avg((c, t) => m[c]![t]! ** 2)),
      specificHeat: estimate(
        avg((c, t) => (e[c]![t]! - eBar) ** 2),
        n / temperature ** 2,
      ),
      susceptibility: estimate(
        avg((c, t) => (m[c]![t]! - mBar) ** 2),
        n / temperature,
      ),
      acceptance,
      series: { energyPerSpin: eSeries, absMagnetization: mSeries },
      finalMagnetization: cols.map((c) => lastM[c]!),
      warnings,
    };
  });
  return { system: system.label, path: sampler.path, n, sweeps, burnIn, replicas, results, seconds: (performance.now() - started) / 1000 };
}
