/**
 * Integrators driven by the gradient of H:
 *
 * - {@link gradientFlow}: explicit Euler on dΨ/dt = −∇H, Ψ' = Ψ − h∇H. For H_int it is Ψ' = (I − 2hL)Ψ: it keeps
 *   the mean and contracts the disagreement by (1 − 2hλ₂) per step (stable for h < 1/λ_max).
 * - {@link ula}: unadjusted Langevin (Euler–Maruyama) for dΨ = −∇H dt + √(2T) dW:
 *   Ψ' = Ψ − h∇H + √(2hT) ξ. Its stationary law is biased: for H_int each mode's energy is T/(2(1 − hλ_m)).
 * - {@link mala}: the same proposal (the same fused noisy-descent kernel as ULA) followed by the library's one
 *   Metropolis–Hastings accept/reject (dynamics/acceptance; Roberts & Tweedie 1996), which removes the bias; a NaN
 *   ratio rejects.
 *
 * ULA and MALA are one factory each for one chain and for R chains side by side: given a term they step one field
 * [N, C]; given a `ChainEnergy` (dynamics/chains) they step R fields [N, R·d] at once, with per-chain info.
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, split, uniformSource } from "../engine/random";
import { noisyDescent } from "../ops/noisy-descent";
import { type DeviceMalaStep, fusedMalaCorrection, readDeviceStep } from "../ops/mala-correction";
import { fusedMalaStep, fusedUlaStep, fusedUlaSteps, preciseEnergy } from "../ops/term-steps";
import { check } from "../errors";
import { metropolisAccepts, metropolisProbability } from "./acceptance";
import { checkScalarEnergy, energyAndGradient, gradient, type Term } from "../hamiltonian/term";
import { type BaseState, disposeState, type Integrator, type Sampler, type SamplerState, type StepInfo, type StepOverrides } from "./types";
import { type ChainEnergy, type ChainIntegrator, chainMalaSteps, chainUlaSteps, isChainEnergy } from "./batched";
import { fillStep, pendingSteps, unreadStep } from "./fused-steps";

export interface GradientOptions {
  /** Time step h > 0. */
  step: number;
  /** Temperature T ≥ 0 (k_B = 1); ignored by gradient flow. Default 1. */
  temperature?: number;
}

function evaluate(energy: Term, position: tf.Tensor2D): SamplerState {
  const { energy: e, gradient } = energyAndGradient(energy, position);
  const value = energyNumber(e, position);
  e.dispose();
  return { position, energy: value, gradient };
}

/**
 * An unadjusted step's state and info from its H tensor `e` (consumed): H read now, or, with `defer`, left on the
 * device (StepInfo `pending`), its number filled into the info and the state when the run loop reads it. A large
 * field's float64 value ({@link energyNumber}) is already on the host: that step needs no read and defers none.
 */
function unadjustedStep(e: tf.Scalar, position: tf.Tensor2D, gradient: tf.Tensor2D | null, defer: boolean): [SamplerState, StepInfo] {
  const precise = preciseEnergy(e, position);
  if (!defer || precise !== undefined) {
    const value = energyNumber(e, position);
    e.dispose();
    return [
      { position, energy: value, gradient },
      { energy: value, acceptance: 1, acceptanceProbability: 1 },
    ];
  }
  const state = { position, energy: Number.NaN, gradient };
  const info: StepInfo = {
    energy: Number.NaN,
    acceptance: 1,
    acceptanceProbability: 1,
    pending: {
      values: e,
      complete(values) {
        state.energy = info.energy = values[0]!;
      },
    },
  };
  return [state, info];
}

/** H as a number: its float64 value where ops/ kept one (ops/term-steps `preciseEnergy`), else the float32 scalar. */
function energyNumber(e: tf.Scalar, position: tf.Tensor2D, read = () => e.dataSync()[0]!): number {
  return preciseEnergy(e, position) ?? read();
}

/** MALA's optimal acceptance rate (Roberts & Rosenthal 1998): the step-size adaptation target of every MALA. */
export const MALA_TARGET_ACCEPTANCE = 0.574;

/** How one gradient sampler is built by {@link gradientSampler}. */
export interface GradientSamplerSpec<S extends BaseState, I extends StepInfo> {
  name: "gradient-flow" | "ula" | "mala";
  /** The factory named in errors. */
  where: string;
  options: GradientOptions;
  /** Chains side by side in the state. Default 1. */
  chains?: number;
  /** The state at `position` (already copied). */
  init(position: tf.Tensor2D): S;
  /** One step at time step h and temperature T (overrides applied and checked); `defer`: StepOverrides `deferRead`. */
  step(state: S, parameters: { h: number; temperature: number; defer: boolean }, key: Key): [S, I];
  /** Several steps in one call (the face's `steps`: deferred, each step's h and T checked), or null where it cannot. */
  steps?(state: S, parameters: ReadonlyArray<{ h: number; temperature: number }>, keys: readonly Key[]): [S, I[]] | null;
}

/**
 * The setup every gradient sampler factory shares (one chain and batched chains): the face around `spec.step`, its
 * checked defaults, the target acceptance of MALA, and per step h and T after overrides. The temperature must be
 * > 0 where a Metropolis–Hastings ratio divides by it (MALA), ≥ 0 elsewhere (T = 0 is gradient descent).
 */
export function gradientSampler<S extends BaseState, I extends StepInfo>(spec: GradientSamplerSpec<S, I>): Sampler<S, I> {
  const { where, options } = spec;
  const adjusted = spec.name === "mala";
  const temperatureCheck = adjusted ? check.positive : check.nonNegative;
  const step = check.positive(where, "step", options.step);
  const defaultTemperature = temperatureCheck(where, "temperature", options.temperature ?? 1);
  return {
    name: spec.name,
    chains: spec.chains ?? 1,
    // Given `chains`, the state is a batched one (per-chain energies), whatever R.
    batched: spec.chains !== undefined,
    temperature: defaultTemperature,
    stepSize: step,
    targetAcceptance: adjusted ? MALA_TARGET_ACCEPTANCE : null,
    init: (position) => spec.init(position.clone()),
    step(state, key, overrides) {
      const h = check.positive(where, "step", overrides?.step ?? step);
      const temperature = temperatureCheck(where, "temperature", overrides?.temperature ?? defaultTemperature);
      return spec.step(state, { h, temperature, defer: overrides?.deferRead === true }, key);
    },
    ...(spec.steps === undefined
      ? {}
      : {
          steps: (state: S, keys: readonly Key[], overrides: readonly StepOverrides[]) =>
            spec.steps!(
              state,
              overrides.map((o) => ({
                h: check.positive(where, "step", o.step ?? step),
                temperature: temperatureCheck(where, "temperature", o.temperature ?? defaultTemperature),
              })),
              keys,
            ),
        }),
  };
}

/**
 * Gradient flow Ψ' = Ψ − h∇H (explicit Euler; deterministic, the key is unused). Ψ [N, C]; `options.step` is h
 * (time units of the flow). Each `step` consumes its state; the caller disposes the last one ({@link disposeState}).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const flow = gradientFlow(interaction(graph), { step: 0.1 });
 * const x0 = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i === 0 ? 1 : 0])); // one node disagrees
 * let state = flow.init(x0); // copies x0
 * state.energy; // → 2 (its two edges)
 * for (let t = 0; t < 20; t++) [state] = flow.step(state, key(0));
 * state.energy; // → 0.00318 (at time 2: the disagreement has diffused away)
 * disposeState(state);
 * x0.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function gradientFlow(energy: Term, options: GradientOptions): Integrator {
  return gradientSampler({
    name: "gradient-flow",
    where: "emtd/dynamics/gradientFlow",
    options: { step: options.step, temperature: 0 },
    init: (position) => evaluate(energy, position),
    // Where the term has the multi-step kernel (the interaction on webgpu): ULA at T = 0 is the flow's Euler step,
    // Ψ − h∇H(Ψ), with no noise drawn (the keys go unused).
    steps: (state, parameters, keys) =>
      fusedUla(
        energy,
        state,
        parameters.map(({ h }) => ({ h, temperature: 0 })),
        keys,
        true,
      ),
    step(state, { h, defer }, key) {
      const steps = fusedUla(energy, state, [{ h, temperature: 0 }], [key], defer);
      if (steps !== null) return [steps[0], steps[1][0]!];
      const next = tf.tidy(() => tf.sub(state.position, tf.mul(state.gradient!, h)) as tf.Tensor2D);
      disposeState(state);
      const { energy: e, gradient: g } = energyAndGradient(energy, next);
      return unadjustedStep(e, next, g, defer);
    },
  });
}

/**
 * Unadjusted Langevin: Ψ' = Ψ − h∇H + √(2hT) ξ, ξ ~ N(0, 1) per entry from the step's key. Ψ [N, C]; h the time
 * step, T the temperature (k_B = 1, default 1). Its stationary law is biased by O(h) (see
 * {@link ulaStationaryEnergy}); every proposal is accepted. Pass it to {@link run}. Given a `ChainEnergy` of R
 * chains (e.g. `interactionChains(graph, R)`), it steps X [N, R·d] in one fused call per step and reports per chain
 * (dynamics/chains' `chainUlaSteps`).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const r = run(ula(interaction(graph), { step: 0.05, temperature: 1 }), x0, { steps: 200, burnIn: 50 }, key(1));
 * [r.meanEnergy, r.energyMcse]; // → [5.45, 0.49]
 * ulaStationaryEnergy(laplacianEigenvalues(graph), 1, 1, 0.05); // → 5.09 (exact for this h; 4.5 as h → 0)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
// The term's signature last: `ReturnType<typeof ula>` reads it.
export function ula(energy: ChainEnergy, options: GradientOptions): ChainIntegrator;
export function ula(energy: Term, options: GradientOptions): Integrator;
export function ula(energy: Term | ChainEnergy, options: GradientOptions): Integrator | ChainIntegrator {
  if (isChainEnergy(energy))
    return gradientSampler({ name: "ula", where: "emtd/dynamics/ula", options, chains: energy.chains, ...chainUlaSteps(energy) });
  return ulaOneChain(energy, options);
}

function ulaOneChain(energy: Term, options: GradientOptions): Integrator {
  return gradientSampler({
    name: "ula",
    where: "emtd/dynamics/ula",
    options,
    init: (position) => evaluate(energy, position),
    steps: (state, parameters, keys) => fusedUla(energy, state, parameters, keys, true),
    step(state, { h, temperature, defer }, key) {
      // The fused multi-step path, one step (ops/term-steps; the interaction on webgpu: H and the consensus error in
      // the same pass).
      const steps = fusedUla(energy, state, [{ h, temperature }], [key], defer);
      if (steps !== null) return [steps[0], steps[1][0]!];
      // The fused step where ops/ has one for this energy (the interaction on a large field: the drift computed inside
      // it, so no gradient is kept); else the fused noisy descent with the gradient. ξ from the fast seeded generator.
      const fused = fusedUlaStep(energy, state.position, h, temperature, key);
      let next = fused;
      if (next === null) {
        // A state from the fused step (or a checkpoint of one) carries no gradient: made here when needed.
        const g = state.gradient ?? gradient(energy, state.position);
        next = noisyDescent(state.position, g, h, temperature, key);
        if (g !== state.gradient) g.dispose();
      }
      disposeState(state);
      // After a fused step H alone: its next step needs no gradient.
      if (fused) return unadjustedStep(checkScalarEnergy(energy.name, energy.energy(next)), next, null, defer);
      const { energy: e, gradient: g } = energyAndGradient(energy, next);
      return unadjustedStep(e, next, g, defer);
    },
  });
}

/**
 * ULA steps through ops/' multi-step kernel for this energy (ops/term-steps `fusedUlaSteps`), or null where it has none: the field after them,
 * and each step's info completed from one read of the steps' sums (dynamics/fused-steps). The state carries no
 * gradient (the next fused step needs none; a step that does makes it).
 */
function fusedUla(
  energy: Term,
  state: SamplerState,
  parameters: ReadonlyArray<{ h: number; temperature: number }>,
  keys: readonly Key[],
  defer: boolean,
): [SamplerState, StepInfo[]] | null {
  const fused = fusedUlaSteps(
    energy,
    state.position,
    parameters.map(({ h, temperature }, k) => ({ step: h, temperature, key: keys[k]! })),
  );
  if (!fused) return null;
  disposeState(state);
  const next = { position: fused.position, energy: Number.NaN, gradient: null };
  const infos = parameters.map(unreadStep);
  pendingSteps(
    fused,
    infos,
    (stats) => {
      stats.forEach((s, k) => fillStep(infos[k]!, s));
      next.energy = stats[stats.length - 1]!.energy;
    },
    defer,
  );
  return [next, infos];
}

/**
 * Metropolis-adjusted Langevin: the ULA proposal y = Ψ − h∇H(Ψ) + √(2hT) ξ, accepted with min(1, e^{−Δ/T}) where Δ
 * adds the proposal's asymmetry to ΔH, so the Boltzmann law e^{−H/T} is exact for any h. Ψ [N, C]; T > 0.
 * Target acceptance for step-size adaptation: 0.574 (Roberts & Rosenthal 1998). Given a `ChainEnergy` of R chains,
 * it proposes for all of them at once and accepts or rejects per chain (dynamics/chains' `chainMalaSteps`).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const r = run(mala(interaction(graph), { step: 0.05, temperature: 1 }), x0, { steps: 200, burnIn: 50 }, key(1));
 * [r.meanEnergy, r.energyMcse]; // → [4.39, 0.31] (exact: equipartitionEnergy(10, 1, 1) = 4.5)
 * r.acceptance; // → 0.887
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
// The term's signature last: `ReturnType<typeof mala>` reads it.
export function mala(energy: ChainEnergy, options: GradientOptions): ChainIntegrator;
export function mala(energy: Term, options: GradientOptions): Integrator;
export function mala(energy: Term | ChainEnergy, options: GradientOptions): Integrator | ChainIntegrator {
  if (isChainEnergy(energy))
    return gradientSampler({ name: "mala", where: "emtd/dynamics/mala", options, chains: energy.chains, ...chainMalaSteps(energy) });
  return malaOneChain(energy, options);
}

function malaOneChain(energy: Term, options: GradientOptions): Integrator {
  // MALA's Boltzmann factor is evaluated in float64 (log α in JS numbers), so any T > 0 is safe here, unlike the
  // float32 tensor kernels of Metropolis and Ising (MIN_TEMPERATURE).
  return gradientSampler({
    name: "mala",
    where: "emtd/dynamics/mala",
    options,
    init: (position) => evaluate(energy, position),
    step(state, { h, temperature }, key) {
      // ops/' fused MALA step where it has one for this energy (the interaction on webgpu): the whole step in one pass.
      const fused = fusedMalaStep(energy, state.position, h, temperature, key);
      if (fused !== null) return fusedMalaResult(fused, state);
      const [noiseKey, acceptKey] = split(key, 2) as [Key, Key];
      const x = state.position;
      const gx = state.gradient ?? gradient(energy, x);
      // The fused proposal y = x − h∇H(x) + √(2hT) ξ (the noisy-descent kernel ULA uses).
      const y = noisyDescent(x, gx, h, temperature, noiseKey);
      const { energy: ey, gradient: gy } = energyAndGradient(energy, y);
      // One synchronous read for the scalars of the ratio. Both proposal densities are evaluated at the y actually
      // produced (float32), so the correction is exact for the chain that runs. On a large field, their difference
      // in one float64 pass (ops/mala-correction, where the kernel is registered); else each sum in tfjs ops.
      const parts = tf.tidy(() => {
        const fused = fusedMalaCorrection(x, y, gx, gy, h);
        if (fused !== null) return tf.stack([ey, fused]);
        const forward = tf.sum(tf.square(tf.add(tf.sub(y, x), tf.mul(gx, h))));
        const back = tf.sum(tf.square(tf.add(tf.sub(x, y), tf.mul(gy, h))));
        return tf.stack([ey, forward, back]);
      });
      const values = parts.dataSync() as Float32Array;
      const [energy32, first, second] = values;
      const energyY = energyNumber(ey, y, () => energy32!);
      tf.dispose([parts, ey]);
      // ‖x − y + h∇H(y)‖² − ‖y − x + h∇H(x)‖²
      const asymmetry = values.length === 2 ? first! : second! - first!; // the fused difference, or the two sums
      // Cost Δ = −T log α = ΔH + asymmetry/(4h); the shared rule rejects NaN.
      const cost = energyY - state.energy + asymmetry / (4 * h);
      const u = uniformSource(acceptKey)();
      const accept = metropolisAccepts(cost, temperature, u);
      const probability = metropolisProbability(cost, temperature);
      let next: SamplerState;
      if (accept) {
        x.dispose();
        gx.dispose();
        next = { position: y, energy: energyY, gradient: gy };
      } else {
        y.dispose();
        gy.dispose();
        next = { ...state, gradient: gx };
      }
      const info: StepInfo = { energy: next.energy, acceptance: accept ? 1 : 0, acceptanceProbability: probability };
      return [next, info];
    },
  });
}

/** A fused MALA step: its one read, and the kept state (no gradient: the next step needs none). */
function fusedMalaResult(device: DeviceMalaStep, state: SamplerState): [SamplerState, StepInfo] {
  const stats = readDeviceStep(device);
  disposeState(state);
  const info: StepInfo = {
    energy: stats.energy,
    acceptance: stats.accepted ? 1 : 0,
    acceptanceProbability: stats.probability,
    consensusError: stats.consensusError,
    columnMeans: stats.columnMeans,
  };
  return [{ position: device.position, energy: stats.energy, gradient: null }, info];
}
