/**
 * The Ising sampler's front end of the one run loop, `runIsing(isingSampler(…), initial, settings, key)`: it starts
 * from a lattice state, runs the sweeps through `runLoop` (dynamics/loop) and returns the per-temperature estimators.
 * (A field's samplers run through `run`, dynamics/run: their start is a field and their result one RunResult.)
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
import { checkKey, type Key, split } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { estimateMean } from "../../stats/ess";
import { samplingWarnings } from "../../dynamics/warnings";
import { runLoop, type LoopRecord } from "../../dynamics/loop";
import { stepControl } from "../../dynamics/step-control";
import { disposeState } from "../../dynamics/types";
import type { Estimate, IsingCheckpoint, IsingRunResult, IsingRunSettings, IsingSampler, IsingState } from "./ising-types";

const WHERE = "emtd/ising/sampler";

function estimate(x: Float64Array, factor = 1): Estimate {
  if (x.length < 4) return { value: Number.NaN, mcse: Number.NaN, ess: Number.NaN };
  const e = estimateMean(x);
  return { value: factor * e.mean, mcse: factor * e.mcse, ess: e.ess };
}

/**
 * Run the Ising sampler from `initial`: "cold" or "hot" (drawn from the first of split(key, 2)) or spins [N, R]; sweep
 * t under fold(second, t); the estimators per temperature (module comment). `until` pauses with a checkpoint that
 * `resume` continues exactly. Leaves no tensors behind: it frees the sampler's constants at the end (rebuilt if it
 * steps again).
 *
 * @example
 * ```ts
 * const r = runIsing(isingSampler(isingLattice(8), [1.5, 3.5], { replicas: 4 }), "cold", { steps: 400, burnIn: 100 }, key(1));
 * r.results.map((t) => t.absMagnetization.value > 0.5); // → [true, false]: ordered below T_c ≈ 2.269, not above
 * ```
 */
export function runIsing(
  sampler: IsingSampler,
  initial: tf.Tensor2D | "cold" | "hot",
  settings: IsingRunSettings,
  key: Key,
): IsingRunResult {
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
