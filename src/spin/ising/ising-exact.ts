/**
 * Exact results for the ferromagnetic Ising model H = −Σ_⟨ij⟩ J_ij s_i s_j (s = ±1, each undirected edge once,
 * k_B = 1), the references the sampler is measured against.
 *
 * Infinite square lattice, J = 1 (Onsager 1944; Yang 1952; McCoy & Wu, "The Two-Dimensional Ising Model", ch. V):
 * - critical temperature T_c = 2 / ln(1 + √2) ≈ 2.269185;
 * - energy per spin u(T) = −coth(2β) [1 + (2/π)(2 tanh²(2β) − 1) K(κ)], κ = 2 sinh(2β) / cosh²(2β), β = 1/T,
 *   with K the complete elliptic integral of the first kind (modulus κ); u(T_c) = −√2;
 * - spontaneous magnetisation M(T) = (1 − sinh(2β)^−4)^(1/8) below T_c, 0 above;
 * - exponential correlation length ξ(T): 1/ξ = ln coth β − 2β above T_c and 2(2β − ln coth β) below
 *   (the row-transfer-matrix gaps; McCoy & Wu ch. XI). On an L×L torus, finite-size corrections to the energy
 *   per spin away from T_c are O(e^{−L/ξ}); tests use it to choose L.
 *
 * Any small graph: exact enumeration of the 2^n states (n ≤ 24) gives the finite-size ⟨e⟩, ⟨|m|⟩, χ and C that a
 * correct sampler must reproduce within its Monte-Carlo standard error.
 */
import { symmetricCsr } from "../../engine/edges";
import { ArgumentError, check } from "../../errors";
import type { Graph } from "../../graph/graph";

const WHERE = "emtd/ising/exact";

/** T_c = 2 / ln(1 + √2) of the square lattice with J = 1 (Kramers–Wannier 1941). */
export const CRITICAL_TEMPERATURE = 2 / Math.log(1 + Math.SQRT2);

/**
 * Complete elliptic integral of the first kind K(k) = ∫₀^{π/2} dθ / √(1 − k² sin²θ), modulus k ∈ [0, 1]
 * (so parameter m = k²), by the arithmetic–geometric mean: K(k) = π / (2·AGM(1, √(1 − k²))) (Abramowitz & Stegun
 * 17.6). Converges quadratically: machine precision in ≤ 6 iterations for k < 1 − 1e-12. K(1) = +∞.
 *
 * Written here rather than taken from npm: the one maintained implementation (@stdlib/math-base-special-ellipk)
 * pulls in ~130 packages for these ten lines, and it takes the parameter m, not the modulus, a classic trap.
 *
 * @example
 * ```ts
 * ellipticK(0); // → 1.5708 (π/2)
 * ellipticK(Math.SQRT1_2); // → 1.8541 (K(1/√2) = Γ(1/4)²/(4√π))
 * ```
 */
export function ellipticK(k: number): number {
  if (!(Number.isFinite(k) && k >= 0 && k <= 1)) throw new ArgumentError(WHERE, "k", "a modulus in [0, 1]", k);
  if (k === 1) return Number.POSITIVE_INFINITY;
  let a = 1;
  let g = Math.sqrt((1 - k) * (1 + k)); // √(1 − k²) without cancellation near k = 1
  for (let i = 0; i < 64 && Math.abs(a - g) > 1e-15 * a; i++) {
    const next = (a + g) / 2;
    g = Math.sqrt(a * g);
    a = next;
  }
  return Math.PI / (a + g);
}

/**
 * Onsager's energy per spin u(T) of the infinite square lattice (J = 1), dimensionless, in [−2, 0).
 * At T = T_c the K term is 0·∞ and its limit 0 is used, so u(T_c) = −coth(2β_c) = −√2.
 *
 * @example
 * ```ts
 * onsagerEnergy(CRITICAL_TEMPERATURE); // → -1.4142 (−√2)
 * onsagerEnergy(1); // → -1.9972 (nearly the ground state, −2)
 * ```
 */
export function onsagerEnergy(temperature: number): number {
  const beta = 1 / check.positive(WHERE, "temperature", temperature);
  const t2 = Math.tanh(2 * beta);
  // κ = 2 sinh(2β)/cosh²(2β) written as 2 tanh(2β)/cosh(2β): finite as T → 0, where sinh and cosh overflow (κ → 0).
  const kappa = (2 * t2) / Math.cosh(2 * beta);
  const coefficient = 2 * t2 * t2 - 1;
  // κ ≤ 1 always (2 sinh x ≤ cosh² x); round-off can push it a hair above 1 at T_c.
  const kTerm = kappa >= 1 - 1e-15 ? 0 : coefficient * ellipticK(kappa);
  return -(1 / t2) * (1 + (2 / Math.PI) * kTerm);
}

/**
 * Yang's spontaneous magnetisation per spin M(T) = (1 − sinh(2/T)^−4)^(1/8) for T < T_c, 0 otherwise.
 *
 * @example
 * ```ts
 * [yangMagnetization(2), yangMagnetization(3)]; // → [0.9113, 0] (T_c ≈ 2.269)
 * ```
 */
export function yangMagnetization(temperature: number): number {
  const t = check.positive(WHERE, "temperature", temperature);
  if (t >= CRITICAL_TEMPERATURE) return 0;
  const s = Math.sinh(2 / t);
  return Math.max(0, 1 - s ** -4) ** 0.125;
}

/**
 * Exponential correlation length ξ(T) in lattice spacings (infinite at T_c). See the module comment.
 *
 * @example
 * ```ts
 * [correlationLength(2), correlationLength(3)]; // → [2.192, 2.137]
 * correlationLength(CRITICAL_TEMPERATURE); // → Infinity (the gap is below float64 rounding there)
 * ```
 */
export function correlationLength(temperature: number): number {
  const beta = 1 / check.positive(WHERE, "temperature", temperature);
  const gap = Math.log(1 / Math.tanh(beta)) - 2 * beta; // > 0 above T_c, < 0 below
  // Within a few ulps of the terms (≈ 2β) the gap is rounding noise: 1/gap would be a meaningless 4.5e15 at T_c.
  if (Math.abs(gap) <= 8 * Number.EPSILON * 2 * beta) return Number.POSITIVE_INFINITY;
  return gap > 0 ? 1 / gap : 1 / (-2 * gap);
}

/** Exact thermal averages of the Ising model on a finite graph at temperature T (per spin, k_B = 1). */
export interface IsingExact {
  temperature: number;
  /** ⟨H⟩/N. */
  energyPerSpin: number;
  /** ⟨|M|⟩/N. */
  absMagnetization: number;
  /** ⟨M²⟩/N². */
  magnetizationSquared: number;
  /** C/N = (⟨H²⟩ − ⟨H⟩²) / (N T²). */
  specificHeat: number;
  /** χ' = (⟨M²⟩ − ⟨|M|⟩²) / (N T), the finite-size susceptibility estimated by the sampler. */
  susceptibility: number;
}

/** Largest graph {@link isingEnumeration} accepts (2^24 ≈ 1.7e7 states). */
export const ENUMERATION_LIMIT = 24;

/**
 * Exact ⟨e⟩, ⟨|m|⟩, ⟨m²⟩, C and χ' on `graph` (weights J_ij from the graph, optional external field b_i adding
 * −Σ b_i s_i to H) at each temperature, by summing the
 * Boltzmann weights of all 2^n configurations, visited in Gray-code order so each step flips one spin and updates
 * H and M in O(degree). Weights are shifted by the ground energy (found in a first pass). Cost O(2^n · (deg +
 * number of temperatures)).
 *
 * @example
 * ```ts
 * const [cold, warm] = isingEnumeration(ringGraph(8, 2), [1, 2]); // 2⁸ states
 * [cold.energyPerSpin, cold.absMagnetization]; // → [-0.8177, 0.7978] (8-ring: −(t + t⁷)/(1 + t⁸), t = tanh(1/T); −t = −0.7616 for an infinite ring)
 * [warm.energyPerSpin, warm.specificHeat]; // → [-0.4656, 0.2063]
 * ```
 */
export function isingEnumeration(graph: Graph, temperatures: readonly number[], options: { field?: ArrayLike<number> } = {}): IsingExact[] {
  const n = check.integer(WHERE, "graph.n", graph.n, 1, ENUMERATION_LIMIT);
  const b = options.field ? Float64Array.from(options.field) : new Float64Array(n);
  if (b.length !== n) throw new ArgumentError(WHERE, "field", `${n} numbers (one per node)`, b.length);
  const betas = temperatures.map((t) => 1 / check.positive(WHERE, "temperature", t));
  const { rowPtr: adjStart, col: adj, weight: adjW } = symmetricCsr(graph);
  let allUp = 0;
  for (let e = 0; e < graph.edgeCount; e++) allUp -= graph.weight[e]!;
  for (let i = 0; i < n; i++) allUp -= b[i]!;
  const total = 2 ** n;
  /** Visits every state once, in Gray-code order: g(s) = s ^ (s >> 1) differs from g(s − 1) in the bit of the
   * lowest set bit of s, so each step flips one spin and updates H and M in O(degree). */
  const walk = (visit: (energy: number, magnet: number) => void) => {
    const spin = new Int8Array(n).fill(1);
    let energy = allUp;
    let magnet = n;
    visit(energy, magnet);
    for (let state = 1; state < total; state++) {
      const i = 31 - Math.clz32(state & -state);
      let local = b[i]!;
      for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) local += adjW[p]! * spin[adj[p]!]!;
      energy += 2 * spin[i]! * local; // ΔH of flipping s_i is 2 s_i (b_i + Σ_j J_ij s_j)
      magnet -= 2 * spin[i]!;
      spin[i] = -spin[i]! as -1 | 1;
      visit(energy, magnet);
    }
  };
  // First pass: the ground energy, so that the largest Boltzmann weight is exactly 1 (no overflow, no underflow
  // of the dominant states at any temperature).
  let ground = Number.POSITIVE_INFINITY;
  walk((energy) => {
    if (energy < ground) ground = energy;
  });
  const k = betas.length;
  const z = new Float64Array(k);
  const sumE = new Float64Array(k);
  const sumE2 = new Float64Array(k);
  const sumAbsM = new Float64Array(k);
  const sumM2 = new Float64Array(k);
  walk((energy, magnet) => {
    const absM = Math.abs(magnet);
    for (let t = 0; t < k; t++) {
      const w = Math.exp(-betas[t]! * (energy - ground));
      z[t]! += w;
      sumE[t]! += w * energy;
      sumE2[t]! += w * energy * energy;
      sumAbsM[t]! += w * absM;
      sumM2[t]! += w * magnet * magnet;
    }
  });
  return temperatures.map((temperature, t) => {
    const e = sumE[t]! / z[t]!;
    const e2 = sumE2[t]! / z[t]!;
    const am = sumAbsM[t]! / z[t]!;
    const m2 = sumM2[t]! / z[t]!;
    return {
      temperature,
      energyPerSpin: e / n,
      absMagnetization: am / n,
      magnetizationSquared: m2 / (n * n),
      specificHeat: (e2 - e * e) / (n * temperature * temperature),
      susceptibility: (m2 - am * am) / (n * temperature),
    };
  });
}
