/**
 * §1.3's Langevin step-size study, one function for the claim p1.3-langevin and notebook 02's figure: ⟨H⟩ of a
 * Langevin integrator (the proposal's "stochastic gradient descent", ULA, or MALA) run on a quadratic field at steps
 * h = factor/λ_max, beside the two exact references (equipartition (N−1)dT/2, and ULA's biased law
 * (dT/2)Σ_m 1/(1 − hλ_m)).
 *
 * Run lengths can be planned from the spectrum: on the interaction H = Σ_⟨ij⟩‖ψ_i − ψ_j‖² (Hessian 2L) each mode and
 * channel of a Langevin chain has energy variance T²/2 and integrated autocorrelation time ≈ 1/(2hλ_m) steps, so the
 * Monte-Carlo variance of ⟨H⟩ after K kept steps is ≈ d·T²·Σ_m 1/(4hλ_m)/K ({@link plannedLangevinRun}); the burn-in
 * covers six e-folds of the slowest mode's variance, 1/(4hλ_2) steps each.
 *
 * For a Hamiltonian that is not quadratic (a user's variant) equipartition of ⟨H⟩ is no reference, but the generalised
 * equipartition theorem is: ⟨ψ·∇H⟩ = T per confined degree of freedom under the Boltzmann law of every smooth H
 * (integration by parts). The `virial` observable ½ψ·∇H is H itself on a quadratic H (Euler: ψ·∇H = 2H), so the same
 * reference (N − 1)dT/2 holds for both; a shift-invariant H leaves the consensus mode free and unconfined.
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { gradient, type Term } from "../../hamiltonian/term";
import type { Integrator } from "../../dynamics/types";
import { run, type RunOptions } from "../../dynamics/run";
import { estimateMean } from "../../stats/ess";
import { equipartitionEnergy, ulaStationaryEnergy } from "../../analysis/gaussian-exact";

const WHERE = "emtd/studies/langevin-sweep";

/** Steps of one run: total (burn-in included; the cap under sequential stopping), burn-in, trace interval. */
export interface LangevinRunLength {
  steps: number;
  burnIn: number;
  recordEvery?: number;
  /**
   * Sequential stopping (the fixed-width rule of Jones, Haran, Caffo & Neath 2006): with it, the run stops at the
   * first record after `minKept` kept steps where the MCSE of ⟨H⟩ is at most `targetMcse`, else at `steps`. A chain
   * that mixes slowly (MALA at a large step) runs longer; one that mixes as planned stops at `minKept`.
   */
  targetMcse?: number;
  minKept?: number;
}

/** One point of the sweep: the step, the measured ⟨H⟩ with its MCSE, and the exact references. */
export interface LangevinStepPoint {
  /** h·λ_max. */
  factor: number;
  /** h. */
  step: number;
  /** What `meanEnergy` averages: H, or ½ψ·∇H (equal on a quadratic H). */
  observable: "energy" | "virial";
  meanEnergy: number;
  /** Monte-Carlo standard error of `meanEnergy`. */
  mcse: number;
  /** Mean acceptance after burn-in (1 for ULA). */
  acceptance: number;
  /**
   * The Boltzmann law's value of the observable: (N − 1)dT/2 (one mode fewer per extra component); for the virial of
   * an H that is not shift-invariant, NdT/2.
   */
  equipartition: number;
  /** ULA's exact ⟨H⟩ at this step, (dT/2)Σ_m 1/(1 − hλ_m) (h < 1/λ_max). */
  ulaExact: number;
  /** The run length used. */
  run: LangevinRunLength;
  /** The kept draws of the observable (every step after burn-in), with `keepDraws`: for diagnostics across chains. */
  draws?: Float64Array;
}

export interface LangevinSweepOptions {
  /** H on the graph: the interaction (or a mechanism's Hamiltonian built on it). */
  energy: Term;
  /** The graph's Laplacian eigenvalues, ascending (laplacianEigenvalues): λ_max sets h, all of them the references. */
  eigenvalues: ArrayLike<number>;
  /** The integrator factory: ula, mala, or a mechanism's `integrator`. */
  integrator: (energy: Term, options: { step: number; temperature: number }) => Integrator;
  /** Steps as fractions of the stability limit: h = factor/λ_max, each in (0, 1). */
  factors: readonly number[];
  /** Channels d of the field (independent copies under the interaction). */
  channels: number;
  temperature: number;
  /** The run length of each point: fixed, or chosen per step (e.g. {@link plannedLangevinRun}). */
  run: LangevinRunLength | ((step: number, factor: number) => LangevinRunLength);
  /** The key of point i. */
  key: (index: number) => Key;
  /** The starting field [N, d] (not disposed here); default Ψ = 0, the consensus. */
  start?: tf.Tensor2D;
  /**
   * Consecutive rejections after burn-in that stop an accept/reject chain as stuck (run's `stuckAfter`); default
   * run's. `Infinity` keeps a sticky chain: it is still a valid chain, and its MCSE says how little it mixed.
   */
  stuckAfter?: number;
  /**
   * What is averaged: `energy`, H (default; its equipartition is exact on a quadratic H), or `virial`, ½ψ·∇H
   * (generalised equipartition: exact for every smooth H; one gradient more per kept step).
   */
  observable?: "energy" | "virial";
  /** Keep each point's draws of the observable (`draws`), e.g. for R̂ across chains from different starts. */
  keepDraws?: boolean;
}

/**
 * ⟨H⟩ of `integrator` at each step h = factor/λ_max, run from `start` (default Ψ = 0) with point i keyed by `key(i)`:
 * deterministic for one set of keys; disposes every tensor it makes.
 *
 * @example
 * ```ts
 * const graph = graphFromSpec("ws:20:4:0.1", key(1));
 * const eigenvalues = laplacianEigenvalues(graph);
 * const [p] = langevinStepSweep({
 *   energy: interaction(graph), eigenvalues, integrator: ula, factors: [0.5], channels: 2, temperature: 1,
 *   run: { steps: 4000, burnIn: 800 }, key: (i) => fold(key(1), i),
 * });
 * [p.meanEnergy, p.ulaExact, p.equipartition]; // → [27.6, 27.7, 19]: ULA's bias at the 1/L step
 * ```
 */
export function langevinStepSweep(options: LangevinSweepOptions): LangevinStepPoint[] {
  const eigenvalues = Array.from(options.eigenvalues);
  if (eigenvalues.length < 2) throw new ArgumentError(WHERE, "eigenvalues", "the spectrum of a graph with ≥ 2 nodes", eigenvalues.length);
  const lambdaMax = Math.max(...eigenvalues);
  check.positive(WHERE, "λ_max", lambdaMax);
  const channels = check.integer(WHERE, "channels", options.channels, 1);
  const temperature = check.positive(WHERE, "temperature", options.temperature);
  const nodes = eigenvalues.length;
  // Equipartition counts the non-consensus modes: N − 1 on a connected graph (one per extra component fewer).
  const modes = eigenvalues.filter((l) => l > 1e-9 * Math.max(lambdaMax, 1)).length;
  const initial = options.start ?? (tf.zeros([nodes, channels]) as tf.Tensor2D);
  try {
    return options.factors.map((factor, i) => {
      if (!(factor > 0 && factor < 1)) throw new ArgumentError(WHERE, "factors", "fractions of 1/λ_max in (0, 1)", factor);
      const step = factor / lambdaMax;
      const length = typeof options.run === "function" ? options.run(step, factor) : options.run;
      const virials = options.observable === "virial" ? new Float64Array(length.steps - length.burnIn) : null;
      const observe = virials ? virialObserver(options.energy, virials) : undefined;
      const sequential = length.targetMcse !== undefined ? stopWhenPrecise(length, virials, observe) : observe ? { onDraw: observe } : {};
      const r = run(
        options.integrator(options.energy, { step, temperature }),
        initial,
        {
          steps: length.steps,
          burnIn: length.burnIn,
          recordEvery: length.recordEvery ?? 100,
          ...(options.stuckAfter !== undefined ? { stuckAfter: options.stuckAfter } : {}),
          ...sequential,
        },
        options.key(i),
      );
      r.final.dispose();
      const mean = virials ? estimateMean(virials.subarray(0, r.steps - length.burnIn)) : null;
      const confined = virials ? confinedModes(options.energy, initial, modes) : modes;
      return {
        factor,
        step,
        observable: virials ? "virial" : "energy",
        meanEnergy: mean ? mean.mean : r.meanEnergy,
        mcse: mean ? mean.mcse : r.energyMcse,
        acceptance: r.acceptance,
        equipartition: virials ? (confined * channels * temperature) / 2 : equipartitionEnergy(modes + 1, channels, temperature),
        ulaExact: ulaStationaryEnergy(eigenvalues, channels, temperature, step),
        run: { ...length, steps: r.steps },
        ...(options.keepDraws ? { draws: virials ? virials.slice(0, r.steps - length.burnIn) : Float64Array.from(r.energies) } : {}),
      };
    });
  } finally {
    if (initial !== options.start) initial.dispose();
  }
}

type OnDraw = NonNullable<RunOptions["onDraw"]>;

/**
 * Records ½ψ·∇H of each kept draw into `into`: from the gradient the sampler's state already holds at the draw (the
 * next step's drift, so no second evaluation), else one gradient per draw.
 */
function virialObserver(energy: Term, into: Float64Array): OnDraw {
  return (draw, position, _info, _h, held) => {
    const v = tf.tidy(() => tf.mul(tf.sum(tf.mul(position, held ?? gradient(energy, position))), 0.5));
    into[draw] = v.arraySync() as number;
    v.dispose();
  };
}

/**
 * The degrees of freedom per channel that H confines: N − (zero modes) when H is shift-invariant (Σ_i ∇_i H = 0 at a
 * generic state, as for any coupling of differences), else every node (an on-site term pins the mean too).
 */
function confinedModes(energy: Term, at: tf.Tensor2D, modes: number): number {
  const [net, scale] = tf.tidy(() => {
    const g = gradient(energy, tf.add(at, tf.linspace(0.1, 0.9, at.shape[0] * at.shape[1]).reshape(at.shape)) as tf.Tensor2D);
    return [tf.max(tf.abs(tf.sum(g, 0))).arraySync() as number, tf.sum(tf.abs(g)).arraySync() as number];
  });
  return net <= 1e-4 * Math.max(scale, 1e-30) ? modes : at.shape[0];
}

/**
 * How much the kept draws grow between two checks of the MCSE: a check is an FFT over every kept draw, so checking
 * at each record made a long chain's checks cost as much as its steps (quadratic in its length); at ×1.1 they cost
 * about eleven FFTs of the final length, and a run stops at most 10 % later than at the first precise record.
 */
export const MCSE_CHECK_GROWTH = 1.1;

/**
 * The run options of sequential stopping: the kept observables collected by `onDraw`, the MCSE checked at the first
 * record after `minKept` and then at records where the kept draws have grown by {@link MCSE_CHECK_GROWTH}.
 */
function stopWhenPrecise(
  length: LangevinRunLength,
  virials: Float64Array | null,
  observe?: OnDraw,
): Pick<RunOptions, "onDraw" | "stopWhen"> {
  const energies = virials ?? new Float64Array(length.steps - length.burnIn);
  let nextCheck = Math.max(length.minKept ?? 0, 4);
  return {
    onDraw:
      observe ??
      ((draw, _position, info) => {
        energies[draw] = info.energy;
      }),
    stopWhen: (record) => {
      const kept = record.step - length.burnIn;
      if (kept < nextCheck) return false;
      nextCheck = Math.ceil(kept * MCSE_CHECK_GROWTH);
      return estimateMean(energies.subarray(0, kept)).mcse <= length.targetMcse!;
    },
  };
}

/**
 * A run length planned from the spectrum (module comment) for an MCSE of ⟨H⟩ of about `relativeSe` of equipartition:
 * K = d·Σ_m 1/(4hλ_m) / (relativeSe·(N − 1)d/2)² kept steps, within [minKept, maxKept], with sequential stopping from
 * there ({@link LangevinRunLength}: a chain that mixes worse than a Langevin chain at this step, such as MALA at a
 * large step, continues until the target is met or `maxKept`). Burn-in: six e-folds of the slowest mode's variance,
 * 6/(4hλ_2), at least 1000 steps. Plain numbers.
 *
 * @example
 * ```ts
 * const graph = ringGraph(20, 2);
 * plannedLangevinRun(laplacianEigenvalues(graph), 2, 0.02 / 7, { relativeSe: 0.01 }); // → { steps: 45364, burnIn: 5364, recordEvery: 500, minKept: 40000, targetMcse: 0.19 }
 * ```
 */
export function plannedLangevinRun(
  eigenvalues: ArrayLike<number>,
  channels: number,
  step: number,
  options: { relativeSe: number; temperature?: number; minKept?: number; maxKept?: number },
): LangevinRunLength {
  const values = Array.from(eigenvalues);
  const scale = values.reduce((m, l) => Math.max(m, Math.abs(l)), 1);
  const modes = values.filter((l) => l > 1e-9 * scale);
  if (modes.length === 0) throw new ArgumentError(WHERE, "eigenvalues", "a spectrum with a non-zero eigenvalue", values.length);
  check.positive(WHERE, "step", step);
  check.positive(WHERE, "relativeSe", options.relativeSe);
  const temperature = check.positive(WHERE, "temperature", options.temperature ?? 1);
  const maxKept = options.maxKept ?? 40000;
  const variancePerStep = channels * modes.reduce((s, l) => s + 1 / (4 * step * l), 0);
  const target = (options.relativeSe * modes.length * channels) / 2;
  const kept = Math.min(maxKept, Math.max(options.minKept ?? 4000, Math.ceil(variancePerStep / target ** 2)));
  const burnIn = Math.max(1000, Math.ceil(6 / (4 * step * Math.min(...modes))));
  return { steps: burnIn + maxKept, burnIn, recordEvery: 500, minKept: kept, targetMcse: target * temperature };
}
