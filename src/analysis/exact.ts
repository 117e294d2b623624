/**
 * Exact references for the quadratic field H = J Σ_⟨ij⟩ J_ij ‖Ψ_i − Ψ_j‖² with C channels at temperature T
 * (k_B = 1). Its Hessian is 2J L; on the complement of the consensus direction the Boltzmann law is Gaussian with
 * per-mode variance T/(2Jλ_m) over the non-zero Laplacian eigenvalues λ_m (connected graph: N − 1 of them).
 */
import { ArgumentError, check } from "../errors";

function nonZero(eigenvalues: ArrayLike<number>): number[] {
  const values = Array.from(eigenvalues);
  const scale = values.reduce((m, l) => Math.max(m, Math.abs(l)), 1);
  return values.filter((l) => l > 1e-9 * scale);
}

/** ⟨H⟩ = (N − 1)·C·T/2 on a connected graph (equipartition over the non-consensus modes). */
export function equipartitionEnergy(nodes: number, channels: number, temperature: number): number {
  check.integer("emtd/analysis/exact", "nodes", nodes, 1);
  return ((nodes - 1) * channels * temperature) / 2;
}

/**
 * ⟨H⟩ under unadjusted Langevin with step h: each mode's energy is T/(2(1 − hJλ_m)), so
 * ⟨H⟩_h = (C T/2) Σ_m 1/(1 − hJλ_m). Diverges as h → 1/(Jλ_max), where ULA becomes unstable.
 */
export function ulaStationaryEnergy(eigenvalues: ArrayLike<number>, channels: number, temperature: number, step: number, coupling = 1): number {
  let s = 0;
  for (const l of nonZero(eigenvalues)) {
    const q = 1 - step * coupling * l;
    if (q <= 0) throw new ArgumentError("emtd/analysis/exact", "step", `< 1/(J·λ_max) = ${1 / (coupling * l)} for a stationary law`, step);
    s += 1 / q;
  }
  return ((channels * temperature) / 2) * s;
}

export interface GaussianThermodynamics {
  /** F = −T ln Z over the non-consensus modes. */
  freeEnergy: number;
  meanEnergy: number;
  /** Differential entropy S = (⟨H⟩ − F)/T = Σ_m (C/2) ln(πeT/(Jλ_m)). */
  entropy: number;
}

/** Exact F, ⟨H⟩ and S of the quadratic field (the consensus mode, which is flat, is excluded). */
export function gaussianThermodynamics(eigenvalues: ArrayLike<number>, channels: number, temperature: number, coupling = 1): GaussianThermodynamics {
  const t = check.positive("emtd/analysis/exact", "temperature", temperature);
  const modes = nonZero(eigenvalues);
  let entropy = 0;
  for (const l of modes) entropy += (channels / 2) * Math.log((Math.PI * Math.E * t) / (coupling * l));
  const meanEnergy = (modes.length * channels * t) / 2;
  return { freeEnergy: meanEnergy - t * entropy, meanEnergy, entropy };
}

/** Per-step contraction of the disagreement under gradient flow with step h: 1 − 2hJλ₂; continuous rate 2Jλ₂. */
export function gradientFlowRate(fiedler: number, coupling = 1): number {
  return 2 * coupling * fiedler;
}

/** Landauer's bound k_B T ln 2 in joules per erased bit (T in kelvin). */
export function landauerJoulesPerBit(kelvin = 300): number {
  const kB = 1.380649e-23; // J/K, exact since the 2019 SI
  return kB * check.positive("emtd/analysis/exact", "kelvin", kelvin) * Math.LN2;
}

/**
 * F = ⟨H⟩ − T·S of unadjusted Langevin's stationary law measured against the true energy: per mode and channel a
 * Gaussian of variance v_m = T/(2Jλ_m(1 − hJλ_m)), so F_h = C Σ_m [Jλ_m v_m − (T/2) ln(2πe v_m)]. At h = 0 it is
 * the Boltzmann free energy ({@link gaussianThermodynamics}); by the Gibbs variational principle F_h > F_0 for h > 0.
 *
 * @example
 * ```ts
 * ulaStationaryFreeEnergy(laplacianEigenvalues(graph), 2, 1, 0.05);
 * ```
 */
export function ulaStationaryFreeEnergy(eigenvalues: ArrayLike<number>, channels: number, temperature: number, step: number, coupling = 1): number {
  const t = check.positive("emtd/analysis/exact", "temperature", temperature);
  let f = 0;
  for (const l of nonZero(eigenvalues)) {
    const q = 1 - step * coupling * l;
    if (q <= 0) throw new ArgumentError("emtd/analysis/exact", "step", `< 1/(J·λ_max) = ${1 / (coupling * l)} for a stationary law`, step);
    const v = t / (2 * coupling * l * q);
    f += channels * (coupling * l * v - (t / 2) * Math.log(2 * Math.PI * Math.E * v));
  }
  return f;
}
