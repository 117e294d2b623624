/**
 * The gradient samplers' factories, for one field (a term) and R chains side by side (a `ChainEnergy`, hamiltonian/chain-energy)
 * alike: each has one step over chains (dynamics/langevin), R = 1 being one field.
 *
 * - {@link gradientFlow}: explicit Euler on dΨ/dt = −∇H, Ψ' = Ψ − h∇H. For H_int it is Ψ' = (I − 2hL)Ψ: it keeps
 *   the mean and contracts the disagreement by (1 − 2hλ₂) per step (stable for h < 1/λ_max).
 * - {@link ula}: unadjusted Langevin (Euler–Maruyama) for dΨ = −∇H dt + √(2T) dW:
 *   Ψ' = Ψ − h∇H + √(2hT) ξ. Its stationary law is biased: for H_int each mode's energy is T/(2(1 − hλ_m)).
 * - {@link mala}: the same proposal (the same fused noisy-descent kernel as ULA) followed by the library's one
 *   Metropolis–Hastings accept/reject (dynamics/acceptance; Roberts & Tweedie 1996), which removes the bias; a NaN
 *   ratio rejects.
 * - {@link unadjustedSampler}: an unadjusted sampler with a proposal of your own, for one field and R chains, on every
 *   backend (docs/architecture.md, "add an integrator").
 */
import type { Key } from "../engine/random";
import { check } from "../errors";
import type { Term } from "../hamiltonian/term";
import { type ChainEnergy, chainsOf, isChainEnergy } from "../hamiltonian/chain-energy";
import { flowProposal, type GradientSteps, malaSteps, type Proposal, type Start, ulaProposal, unadjustedSteps } from "./langevin";
import type { ChainIntegrator, StepOverrides } from "./types";

export interface GradientOptions {
  /** Time step h > 0. */
  step: number;
  /** Temperature T ≥ 0 (k_B = 1); ignored by gradient flow. Default 1. */
  temperature?: number;
}

/** One field starts evaluated (`run` checks its H); R chains of a chain energy start lazily (dynamics/langevin `Start`). */
const startOf = (energy: Term | ChainEnergy): Start => (isChainEnergy(energy) ? "lazy" : "evaluated");

/** MALA's optimal acceptance rate (Roberts & Rosenthal 1998): the step-size adaptation target of every MALA. */
export const MALA_TARGET_ACCEPTANCE = 0.574;

/** How one gradient sampler is built by {@link gradientSampler}. */
export interface GradientSamplerSpec extends GradientSteps {
  name: string;
  /** The factory named in errors. */
  where: string;
  options: GradientOptions;
  /** Whether it accepts or rejects (MALA): then T > 0 and step-size adaptation aims at {@link MALA_TARGET_ACCEPTANCE}. */
  adjusted: boolean;
  /** The energy it steps: a chain energy's R chains, or a term's one field. */
  energy: Term | ChainEnergy;
}

/**
 * The face every gradient sampler shares (one field and R chains): checked defaults, the target acceptance of MALA,
 * and per step h and T after overrides. The temperature must be > 0 where a Metropolis–Hastings ratio divides by it
 * (MALA), ≥ 0 elsewhere (T = 0 is gradient descent).
 */
export function gradientSampler(spec: GradientSamplerSpec): ChainIntegrator {
  const { where, options, adjusted } = spec;
  const temperatureCheck = adjusted ? check.positive : check.nonNegative;
  const step = check.positive(where, "step", options.step);
  const defaultTemperature = temperatureCheck(where, "temperature", options.temperature ?? 1);
  const chains = isChainEnergy(spec.energy) ? spec.energy.chains : 1;
  return {
    name: spec.name,
    chains,
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
          steps: (state, keys: readonly Key[], overrides: readonly StepOverrides[]) =>
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
 * state.energies; // → Float64Array [2] (its two edges)
 * for (let t = 0; t < 20; t++) [state] = flow.step(state, key(0));
 * state.energies; // → Float64Array [0.00318] (at time 2: the disagreement has diffused away)
 * disposeState(state);
 * x0.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function gradientFlow(energy: Term | ChainEnergy, options: GradientOptions): ChainIntegrator {
  // ULA at T = 0 is the flow's Euler step, Ψ − h∇H(Ψ): ops/' multi-step kernel takes it with no noise drawn.
  const steps = unadjustedSteps(chainsOf(energy), startOf(energy), flowProposal, { temperature: () => 0, oneStep: false });
  return gradientSampler({
    name: "gradient-flow",
    where: "emtd/dynamics/gradientFlow",
    options: { step: options.step, temperature: 0 },
    adjusted: false,
    energy,
    ...steps,
  });
}

/**
 * Unadjusted Langevin: Ψ' = Ψ − h∇H + √(2hT) ξ, ξ ~ N(0, 1) per entry from the step's key. Ψ [N, C]; h the time
 * step, T the temperature (k_B = 1, default 1). Its stationary law is biased by O(h) (see
 * {@link ulaStationaryEnergy}); every proposal is accepted. Pass it to {@link run}. Given a `ChainEnergy` of R
 * chains (e.g. `interactionChains(graph, R)`), it steps X [N, R·d] in one fused call per step and reports per chain,
 * with the same step (dynamics/langevin `unadjustedSteps`).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const r = run(ula(interaction(graph), { step: 0.05, temperature: 1 }), x0, { steps: 200, burnIn: 50 }, key(1));
 * [r.meanEnergy, r.energyMcse]; // → [4.83, 0.35]
 * ulaStationaryEnergy(laplacianEigenvalues(graph), 1, 1, 0.05); // → 5.09 (exact for this h; 4.5 as h → 0)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function ula(energy: Term | ChainEnergy, options: GradientOptions): ChainIntegrator {
  const steps = unadjustedSteps(chainsOf(energy), startOf(energy), ulaProposal, { temperature: (t) => t, oneStep: true });
  return gradientSampler({ name: "ula", where: "emtd/dynamics/ula", options, adjusted: false, energy, ...steps });
}

/**
 * An unadjusted sampler of your own: every chain moves to `propose`'s field each step (acceptance 1), for one field
 * (a term) or R chains side by side (a `ChainEnergy`), on every backend: the proposal is written once, in tensor ops
 * over X [N, R·d] (dynamics/langevin `Proposal`). Register it with `registerIntegrator` to choose it by name.
 *
 * @example
 * ```ts
 * // Stochastic Heun: a predictor X̃ = X − h∇H(X) + √(2hT) ξ, then X − (h/2)(∇H(X) + ∇H(X̃)) + √(2hT) ξ.
 * const heun: Proposal = (x, g, { h, temperature }, at, k) =>
 *   tf.tidy(() => {
 *     const noise = tf.mul(normal(k, x.shape), Math.sqrt(2 * h * temperature));
 *     const gp = at.gradient(tf.add(tf.sub(x, tf.mul(g, h)), noise) as tf.Tensor2D);
 *     return tf.add(tf.sub(x, tf.mul(tf.add(g, gp), h / 2)), noise) as tf.Tensor2D;
 *   });
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const r = run(unadjustedSampler("heun", interaction(graph), heun, { step: 0.05 }), x0, { steps: 400, burnIn: 50 }, key(1));
 * r.meanEnergy; // → 4.22 (one short run: Heun's exact law at this h is 4.41, ULA's 5.09)
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function unadjustedSampler(name: string, energy: Term | ChainEnergy, propose: Proposal, options: GradientOptions): ChainIntegrator {
  return gradientSampler({
    name,
    where: `emtd/dynamics/${name}`,
    options,
    adjusted: false,
    energy,
    ...unadjustedSteps(chainsOf(energy), startOf(energy), propose),
  });
}

/**
 * Metropolis-adjusted Langevin: the ULA proposal y = Ψ − h∇H(Ψ) + √(2hT) ξ, accepted with min(1, e^{−Δ/T}) where Δ
 * adds the proposal's asymmetry to ΔH, so the Boltzmann law e^{−H/T} is exact for any h. Ψ [N, C]; T > 0.
 * Target acceptance for step-size adaptation: 0.574 (Roberts & Rosenthal 1998). Given a `ChainEnergy` of R chains,
 * it proposes for all of them at once and accepts or rejects per chain, with the same step (dynamics/langevin `malaSteps`).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const x0 = tf.zeros([graph.n, 1]);
 * const r = run(mala(interaction(graph), { step: 0.05, temperature: 1 }), x0, { steps: 200, burnIn: 50 }, key(1));
 * [r.meanEnergy, r.energyMcse]; // → [5.09, 0.52] (exact: equipartitionEnergy(10, 1, 1) = 4.5)
 * r.acceptance; // → 0.91
 * tf.dispose([x0, r.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function mala(energy: Term | ChainEnergy, options: GradientOptions): ChainIntegrator {
  // MALA's Boltzmann factor is evaluated in float64 (log α in JS numbers), so any T > 0 is safe here, unlike the
  // float32 tensor kernels of Metropolis and Ising (MIN_TEMPERATURE).
  return gradientSampler({
    name: "mala",
    where: "emtd/dynamics/mala",
    options,
    adjusted: true,
    energy,
    ...malaSteps(chainsOf(energy), startOf(energy)),
  });
}
