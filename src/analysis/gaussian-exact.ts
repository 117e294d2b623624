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

/**
 * ⟨H⟩ = (N − 1)·C·T/2 for the quadratic field on a connected graph: equipartition, T/2 per non-consensus mode and
 * channel (energies in units of the coupling J, k_B = 1, T in the same units). Plain numbers.
 *
 * @example
 * ```ts
 * equipartitionEnergy(10, 2, 0.5); // → 4.5
 * ```
 */
export function equipartitionEnergy(nodes: number, channels: number, temperature: number): number {
  check.integer("emtd/analysis/exact", "nodes", nodes, 1);
  return ((nodes - 1) * channels * temperature) / 2;
}

/**
 * ⟨H⟩ under unadjusted Langevin with step h: each mode's energy is T/(2(1 − hJλ_m)), so
 * ⟨H⟩_h = (C T/2) Σ_m 1/(1 − hJλ_m). Diverges as h → 1/(Jλ_max), where ULA becomes unstable.
 * `eigenvalues` are the graph Laplacian's (e.g. {@link laplacianEigenvalues}); zero modes are dropped. Throws an
 * ArgumentError when h ≥ 1/(Jλ_max). Plain numbers.
 *
 * @example
 * ```ts
 * const lambda = laplacianEigenvalues(ringGraph(10, 2));
 * ulaStationaryEnergy(lambda, 1, 1, 0); // → 4.5 (= equipartition, (N − 1)T/2)
 * ulaStationaryEnergy(lambda, 1, 1, 0.1); // → 5.955 (the step's bias)
 * ```
 */
export function ulaStationaryEnergy(
  eigenvalues: ArrayLike<number>,
  channels: number,
  temperature: number,
  step: number,
  coupling = 1,
): number {
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

/**
 * Exact free energy F = −T ln Z, mean energy ⟨H⟩ = M·C·T/2 and differential entropy S = Σ_m (C/2) ln(πeT/(Jλ_m)) of the
 * quadratic field over its M non-zero Laplacian modes λ_m (the flat consensus mode is excluded). Units: J, k_B = 1.
 *
 * @example
 * ```ts
 * const { freeEnergy, meanEnergy, entropy } = gaussianThermodynamics(laplacianEigenvalues(ringGraph(6, 2)), 1, 0.5);
 * [freeEnergy, meanEnergy, entropy]; // → [0.331, 1.25, 1.837]
 * ```
 */
export function gaussianThermodynamics(
  eigenvalues: ArrayLike<number>,
  channels: number,
  temperature: number,
  coupling = 1,
): GaussianThermodynamics {
  const t = check.positive("emtd/analysis/exact", "temperature", temperature);
  const modes = nonZero(eigenvalues);
  let entropy = 0;
  for (const l of modes) entropy += (channels / 2) * Math.log((Math.PI * Math.E * t) / (coupling * l));
  const meanEnergy = (modes.length * channels * t) / 2;
  return { freeEnergy: meanEnergy - t * entropy, meanEnergy, entropy };
}

/**
 * Continuous-time decay rate 2Jλ₂ of the disagreement under the gradient flow dx/dt = −2JLx (λ₂ the Fiedler value); a
 * discrete step h contracts it by 1 − 2hJλ₂. Units: 1/time.
 *
 * @example
 * ```ts
 * gradientFlowRate(spectralSummary(ringGraph(10, 2)).fiedler); // → 0.764 (λ₂ = 2 − 2cos(2π/10) = 0.382)
 * ```
 */
export function gradientFlowRate(fiedler: number, coupling = 1): number {
  return 2 * coupling * fiedler;
}

/**
 * Landauer's bound k_B T ln 2 in joules per erased bit, T in kelvin (k_B = 1.380649e−23 J/K, exact SI). Landauer 1961,
 * IBM J. Res. Dev. 5:183.
 *
 * @example
 * ```ts
 * landauerJoulesPerBit(300); // → 2.871e-21
 * ```
 */
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
 * const lambda = laplacianEigenvalues(ringGraph(10, 2));
 * ulaStationaryFreeEnergy(lambda, 2, 1, 0.05); // → -5.602
 * ulaStationaryFreeEnergy(lambda, 2, 1, 0); // → -5.697 (= gaussianThermodynamics(lambda, 2, 1).freeEnergy)
 * ```
 */
export function ulaStationaryFreeEnergy(
  eigenvalues: ArrayLike<number>,
  channels: number,
  temperature: number,
  step: number,
  coupling = 1,
): number {
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
