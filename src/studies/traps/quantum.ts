/**
 * What "quantum tunnelling" would have to mean to be testable: the transverse-field version of a spin problem,
 *
 *   H_Q = H(σᶻ) − Γ Σ_i σˣ_i ,
 *
 * whose off-diagonal term lets the state change without climbing a barrier. At temperature T it is simulated by
 * path-integral Monte Carlo (Suzuki 1976; Trotter decomposition into P imaginary-time slices): classical spins
 * s_i^k, k = 0 … P−1 (periodic in k), with weight
 *
 *   w(s) ∝ exp( −(β/P) Σ_k H(s^k) + K Σ_k Σ_i s_i^k s_i^{k+1} ),   K = ½ ln coth(βΓ/P),
 *
 * which is exactly the law of the P-slice Trotter product Tr[(e^{−βH/P} e^{βΓΣσˣ/P})^P]. Single-spin Metropolis on
 * the slices samples it; {@link trotterEnergy} computes the same expectation exactly from that product (small n), and
 * {@link quantumEnergy} the exact quantum value (the P → ∞ limit) from the spectrum of H_Q.
 *
 * The proposal defines no Γ and no quantum dynamics: this module shows what a testable claim would look like, it
 * does not test the proposal's mechanism (which is classical re-heating). PIMC sweeps are Monte Carlo time, not
 * physical time.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { metropolisAcceptsLazily } from "../../dynamics/acceptance";
import { checkKey, type Key, split, uniformSource } from "../../engine/random";
import { check } from "../../errors";
import { flipCost, randomSpins, spinsOf } from "../../spin/problem";
import type { PreparedProblem } from "./trap-annealing";

const WHERE = "emtd/traps/quantum";

/** e^{(β/P)Γ Σσˣ} on 2^n states: a product over spins of cosh (spin kept) or sinh (spin flipped). */
function transverseFactor(n: number, a: number): Matrix {
  const S = 1 << n;
  const c = Math.cosh(a);
  const s = Math.sinh(a);
  const X = new Matrix(S, S);
  for (let p = 0; p < S; p++)
    for (let q = 0; q < S; q++) {
      const d = p ^ q;
      let flipped = 0;
      for (let x = d; x; x &= x - 1) flipped++;
      X.set(p, q, c ** (n - flipped) * s ** flipped);
    }
  return X;
}

/**
 * Exact ⟨H(σᶻ)⟩ of the P-slice Trotter approximation at (Γ, T): Tr[diag(H) M^P] / Tr[M^P], M = e^{−βH/P} X (the
 * law PIMC samples). Small problems only (n ≤ 8). Energies are shifted by their minimum before exponentiating.
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem({ size: 3 }));
 * trotterEnergy(prepared, 0.5, 0.5, 8); // → −8.200
 * trotterEnergy(prepared, 0.5, 0.5, 64); // → −8.159
 * quantumEnergy(prepared, 0.5, 0.5); // → −8.158: the P → ∞ limit
 * ```
 */
export function trotterEnergy(prepared: PreparedProblem, field: number, temperature: number, slices: number): number {
  const n = check.integer(WHERE, "n", prepared.problem.n, 1, 8);
  const gamma = check.positive(WHERE, "field", field);
  const beta = 1 / check.positive(WHERE, "temperature", temperature);
  const P = check.integer(WHERE, "slices", slices, 1, 4096);
  const S = 1 << n;
  const E = prepared.energies;
  const X = transverseFactor(n, (beta * gamma) / P);
  const M = new Matrix(S, S);
  for (let p = 0; p < S; p++) {
    const d = Math.exp((-beta * (E[p]! - prepared.groundEnergy)) / P);
    for (let q = 0; q < S; q++) M.set(p, q, d * X.get(p, q));
  }
  // M^P by repeated squaring, renormalising to keep the numbers finite.
  let result: Matrix | null = null;
  let base = M;
  const normalise = (A: Matrix) => A.div(Matrix.abs(A).max());
  for (let e = P; e > 0; e >>= 1) {
    if (e & 1) result = result ? normalise(result.mmul(base)) : base;
    if (e > 1) base = normalise(base.mmul(base));
  }
  let z = 0;
  let h = 0;
  for (let p = 0; p < S; p++) {
    z += result!.get(p, p);
    h += E[p]! * result!.get(p, p);
  }
  return h / z;
}

/**
 * Exact thermal ⟨H(σᶻ)⟩ = Tr[H(σᶻ) e^{−βH_Q}]/Tr[e^{−βH_Q}] of H_Q = H(σᶻ) − Γ Σσˣ at temperature T = 1/β (k_B = 1,
 * units of J), from its spectrum (n ≤ 8). Γ = 0 gives the classical Boltzmann mean.
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem({ size: 3 }));
 * [quantumEnergy(prepared, 0, 0.5), quantumEnergy(prepared, 1, 0.5)]; // → [−8.471, −7.126]: Γ = 0 is classical
 * ```
 */
export function quantumEnergy(prepared: PreparedProblem, field: number, temperature: number): number {
  const n = check.integer(WHERE, "n", prepared.problem.n, 1, 8);
  const gamma = check.nonNegative(WHERE, "field", field);
  const beta = 1 / check.positive(WHERE, "temperature", temperature);
  const S = 1 << n;
  const H = Matrix.zeros(S, S);
  for (let p = 0; p < S; p++) {
    H.set(p, p, prepared.energies[p]!);
    for (let i = 0; i < n; i++) H.set(p, p ^ (1 << i), -gamma);
  }
  const eig = new EigenvalueDecomposition(H, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const V = eig.eigenvectorMatrix;
  const low = Math.min(...values);
  let z = 0;
  let h = 0;
  values.forEach((lambda, m) => {
    const w = Math.exp(-beta * (lambda - low));
    let diag = 0;
    for (let p = 0; p < S; p++) diag += V.get(p, m) ** 2 * prepared.energies[p]!;
    z += w;
    h += w * diag;
  });
  return h / z;
}

export interface PathIntegralOptions {
  /** Transverse field Γ > 0. */
  field: number;
  temperature: number;
  /** Trotter slices P. Default 32. */
  slices?: number;
  /** Sweeps (each: one Metropolis proposal per spin per slice). */
  sweeps: number;
  /** Initial state index of every slice; default random per spin and slice. */
  start?: number;
}

export interface PathIntegralTrace {
  /** Mean over slices of H(s^k) after each sweep. */
  energy: Float64Array;
  /** First sweep after which some slice is in a state of energy below `start`'s (−1 if never; only with `start`). */
  escapedAt: number;
  /** Fraction of proposals accepted. */
  acceptance: number;
}

/**
 * Path-integral Monte Carlo of H_Q (module comment): P Trotter slices with coupling K = ½ ln coth(βΓ/P) between
 * neighbouring slices, single-spin Metropolis; returns the slice-mean energy after each sweep (units of J), the first
 * sweep some slice went below `start`'s energy, and the acceptance. Deterministic in `key`.
 *
 * @example
 * ```ts
 * const prepared = prepareProblem(twoCommunityProblem({ size: 3 }));
 * const trace = pathIntegral(prepared, { field: 1, temperature: 1, slices: 8, sweeps: 10000 }, key(1));
 * const estimate = estimateMean(trace.energy.subarray(1000));
 * [estimate.mean, estimate.mcse]; // → [−6.779, 0.097]
 * trotterEnergy(prepared, 1, 1, 8); // → −6.659: the exact value PIMC samples
 * ```
 */
export function pathIntegral(prepared: PreparedProblem, options: PathIntegralOptions, key: Key): PathIntegralTrace {
  checkKey(WHERE, "key", key);
  const gamma = check.positive(WHERE, "field", options.field);
  const T = check.positive(WHERE, "temperature", options.temperature);
  const P = check.integer(WHERE, "slices", options.slices ?? 32, 2, 4096);
  const sweeps = check.integer(WHERE, "sweeps", options.sweeps, 1);
  const g = prepared.csr;
  const n = g.n;
  const beta = 1 / T;
  const K = 0.5 * Math.log(1 / Math.tanh((beta * gamma) / P));
  const [startKey, moveKey] = split(key, 2) as [Key, Key];
  const start = uniformSource(startKey);
  const u = uniformSource(moveKey);
  const slices = Array.from({ length: P }, () => (options.start === undefined ? randomSpins(n, start) : spinsOf(options.start, n)));
  const threshold = options.start === undefined ? -Infinity : prepared.energies[options.start]! - 1e-9;
  const energy = new Float64Array(sweeps);
  let escapedAt = -1;
  let accepted = 0;
  for (let t = 0; t < sweeps; t++) {
    for (let k = 0; k < P; k++) {
      const s = slices[k]!;
      const prev = slices[(k + P - 1) % P]!;
      const next = slices[(k + 1) % P]!;
      for (let i = 0; i < n; i++) {
        // Cost −log w(s')/w(s) of the flip, dimensionless: the one rule at T = 1.
        const cost = (beta / P) * flipCost(g, s, i) + 2 * K * s[i]! * (prev[i]! + next[i]!);
        if (metropolisAcceptsLazily(cost, 1, u)) {
          s[i] = -s[i]! as 1 | -1;
          accepted++;
        }
      }
    }
    let sum = 0;
    let below = false;
    for (const s of slices) {
      let index = 0;
      for (let i = 0; i < n; i++) if (s[i] === 1) index |= 1 << i;
      const e = prepared.energies[index]!;
      sum += e;
      if (e < threshold) below = true;
    }
    energy[t] = sum / P;
    if (below && escapedAt < 0) escapedAt = t + 1;
  }
  return { energy, escapedAt, acceptance: accepted / (sweeps * P * n) };
}
