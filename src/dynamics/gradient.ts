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
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, split, uniformSource } from "../engine/random";
import { noisyDescent } from "../ops/noisy-descent";
import { check } from "../errors";
import { metropolisAccepts, metropolisProbability } from "./acceptance";
import { energyAndGradient, type Term } from "../hamiltonian/term";
import type { Integrator, SamplerState, StepInfo, StepOverrides } from "./types";

export interface GradientOptions {
  /** Time step h > 0. */
  step: number;
  /** Temperature T ≥ 0 (k_B = 1); ignored by gradient flow. Default 1. */
  temperature?: number;
}

function evaluate(energy: Term, position: tf.Tensor2D): SamplerState {
  const { energy: e, gradient } = energyAndGradient(energy, position);
  const value = e.dataSync()[0]!;
  e.dispose();
  return { position, energy: value, gradient };
}

function initGradientState(energy: Term, position: tf.Tensor2D): SamplerState {
  return evaluate(energy, position.clone());
}

function parameters(where: string, defaults: { step: number; temperature: number }, overrides?: StepOverrides) {
  const h = check.positive(where, "step", overrides?.step ?? defaults.step);
  const t = check.nonNegative(where, "temperature", overrides?.temperature ?? defaults.temperature);
  return { h, t };
}

/** Gradient flow Ψ' = Ψ − h∇H (deterministic; the key is unused). */
export function gradientFlow(energy: Term, options: GradientOptions): Integrator {
  const where = "emtd/dynamics/gradientFlow";
  const defaults = { step: check.positive(where, "step", options.step), temperature: 0 };
  return {
    name: "gradient-flow",
    temperature: 0,
    stepSize: defaults.step,
    targetAcceptance: null,
    init: (position) => initGradientState(energy, position),
    step(state, _key, overrides) {
      const { h } = parameters(where, defaults, overrides);
      const next = tf.tidy(() => tf.sub(state.position, tf.mul(state.gradient!, h)) as tf.Tensor2D);
      state.position.dispose();
      state.gradient?.dispose();
      const out = evaluate(energy, next);
      return [out, { energy: out.energy, acceptance: 1, acceptanceProbability: 1 }];
    },
  };
}

/** Unadjusted Langevin: Ψ' = Ψ − h∇H + √(2hT) ξ. */
export function ula(energy: Term, options: GradientOptions): Integrator {
  const where = "emtd/dynamics/ula";
  const defaults = {
    step: check.positive(where, "step", options.step),
    temperature: check.nonNegative(where, "temperature", options.temperature ?? 1),
  };
  return {
    name: "ula",
    temperature: defaults.temperature,
    stepSize: defaults.step,
    targetAcceptance: null,
    init: (position) => initGradientState(energy, position),
    step(state, key, overrides) {
      const { h, t } = parameters(where, defaults, overrides);
      // Fused drift + noise (engine/kernels/langevin); ξ from the fast seeded generator.
      const next = noisyDescent(state.position, state.gradient!, h, t, key);
      state.position.dispose();
      state.gradient?.dispose();
      const out = evaluate(energy, next);
      return [out, { energy: out.energy, acceptance: 1, acceptanceProbability: 1 }];
    },
  };
}

/** Metropolis-adjusted Langevin. Target acceptance for step-size adaptation: 0.574 (Roberts & Rosenthal 1998). */
export function mala(energy: Term, options: GradientOptions): Integrator {
  const where = "emtd/dynamics/mala";
  const defaults = {
    step: check.positive(where, "step", options.step),
    // MALA's Boltzmann factor is evaluated in float64 (log α in JS numbers), so any T > 0 is safe here, unlike the
    // float32 tensor kernels of Metropolis and Ising (MIN_TEMPERATURE).
    temperature: check.positive(where, "temperature", options.temperature ?? 1),
  };
  return {
    name: "mala",
    temperature: defaults.temperature,
    stepSize: defaults.step,
    targetAcceptance: 0.574,
    init: (position) => initGradientState(energy, position),
    step(state, key, overrides) {
      const { h, t } = parameters(where, defaults, overrides);
      if (t === 0) check.positive(where, "temperature", t);
      const [noiseKey, acceptKey] = split(key, 2) as [Key, Key];
      const x = state.position;
      const gx = state.gradient!;
      // The fused proposal y = x − h∇H(x) + √(2hT) ξ (the noisy-descent kernel ULA uses).
      const y = noisyDescent(x, gx, h, t, noiseKey);
      const { energy: ey, gradient: gy } = energyAndGradient(energy, y);
      // One synchronous read for the three scalars of the ratio. Both proposal densities are evaluated at the y
      // actually produced (float32), so the correction is exact for the chain that runs.
      const parts = tf.tidy(() => {
        const forward = tf.sum(tf.square(tf.add(tf.sub(y, x), tf.mul(gx, h))));
        const back = tf.sum(tf.square(tf.add(tf.sub(x, y), tf.mul(gy, h))));
        return tf.stack([ey, forward, back]);
      });
      const [energyY, forwardSq, backSq] = parts.dataSync() as Float32Array;
      tf.dispose([parts, ey]);
      // Cost Δ = −T log α = ΔH + (‖x − y + h∇H(y)‖² − ‖y − x + h∇H(x)‖²)/(4h); the shared rule rejects NaN.
      const cost = energyY! - state.energy + (backSq! - forwardSq!) / (4 * h);
      const u = uniformSource(acceptKey)();
      const accept = metropolisAccepts(cost, t, u);
      const probability = metropolisProbability(cost, t);
      let next: SamplerState;
      if (accept) {
        x.dispose();
        gx.dispose();
        next = { position: y, energy: energyY!, gradient: gy };
      } else {
        y.dispose();
        gy.dispose();
        next = state;
      }
      const info: StepInfo = { energy: next.energy, acceptance: accept ? 1 : 0, acceptanceProbability: probability };
      return [next, info];
    },
  };
}
