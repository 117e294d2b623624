/**
 * An integrator added as a user would add one (docs/architecture.md, "add an integrator"): stochastic Heun, a proposal
 * written once in tensor ops, registered by name, run for one field and for R chains on any backend; and its exact
 * stationary ⟨H⟩ on the interaction, which a wrong step would miss.
 */
import * as tf from "@tensorflow/tfjs";
import { normal } from "../src/engine/random";
import { unadjustedSampler } from "../src/dynamics/gradient";
import type { Proposal } from "../src/dynamics/langevin";
import { integratorNames, registerIntegrator } from "../src/dynamics/registry";

/** Stochastic Heun: predictor X̃ = X − h∇H(X) + √(2hT) ξ, then X − (h/2)(∇H(X) + ∇H(X̃)) + √(2hT) ξ, one ξ. */
export const heun: Proposal = (x, g, { h, temperature }, at, k) =>
  tf.tidy(() => {
    const noise = tf.mul(normal(k, x.shape), Math.sqrt(2 * h * temperature));
    const gp = at.gradient(tf.add(tf.sub(x, tf.mul(g, h)), noise) as tf.Tensor2D);
    return tf.add(tf.sub(x, tf.mul(tf.add(g, gp), h / 2)), noise) as tf.Tensor2D;
  });

/** Registers "heun" once per process. */
export function registerHeun(): void {
  if (integratorNames().includes("heun")) return;
  registerIntegrator("heun", {
    chains: true,
    build: (energy, _graph, { step, temperature }) => unadjustedSampler("heun", energy, heun, { step, temperature }),
  });
}

/**
 * Heun's exact stationary ⟨H⟩ per chain for H = xᵀLx (∇H = Ax, A = 2L) with d channels: per mode of A's eigenvalue
 * a > 0 the update is y = m·x + c·ξ, m = 1 − ha + (ha)²/2, c = (1 − ha/2)√(2hT), so its variance is c²/(1 − m²) and
 * its mean energy (a/2)·c²/(1 − m²). (The zero mode carries no energy.)
 */
export function heunStationaryEnergy(laplacian: ArrayLike<number>, channels: number, temperature: number, h: number): number {
  let s = 0;
  for (const l of Array.from(laplacian)) {
    const a = 2 * l;
    if (a < 1e-9) continue;
    const m = 1 - h * a + (h * a) ** 2 / 2;
    const c2 = (1 - (h * a) / 2) ** 2 * 2 * h * temperature;
    s += ((a / 2) * c2) / (1 - m * m);
  }
  return channels * s;
}
