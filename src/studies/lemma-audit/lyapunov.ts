/**
 * Lemma 1 (§3.2) steps 1–3 audited: is the free energy a Lyapunov function of dΨ/dt = −∇H + η?
 *
 * For the interaction energy H(x) = Σ_{edges} (x_i − x_j)² = xᵀLx (L the graph Laplacian, one channel), the
 * Langevin equation dx = −2Lx dt + √(2T) dW is linear, so the law stays Gaussian and everything is exact mode by
 * mode (eigenvalues λ_k of L). From an isotropic start N(0, σ₀² I), mode k has variance
 *   V_k(t) = σ₀² e^{−4λ_k t} + (T / 2λ_k)(1 − e^{−4λ_k t})   (λ_k > 0),   V_k(t) = σ₀² + 2Tt   (λ_k = 0),
 * and the free energy of the law is F(t) = Σ_k λ_k V_k − T·Σ_k ½ ln(2πe V_k), with
 *   dF/dt = −Σ_k (2λ_k V_k − T)² / V_k ≤ 0   (the Fokker–Planck H-theorem).
 * So F is a Lyapunov function of the LAW — but on a connected graph λ₁ = 0 (H is invariant under a common shift),
 * the consensus mode diffuses freely, S grows like ½ ln t and F → −∞: e^{−H/T} is not normalisable on ℝ^N and there
 * is no stationary Boltzmann law to converge to. Along a single noisy trajectory H is not monotone at all.
 */
import { check } from "../../errors";

/**
 * V_k(t) = σ₀² e^{−4λt} + (T/2λ)(1 − e^{−4λt}) for λ > 0, σ₀² + 2Tt for λ = 0 (module comment; T in units of the
 * coupling, k_B = 1, t in the dynamics' time units).
 *
 * @example
 * ```ts
 * modeVariance(1, 1, 1, 10); // → 0.5 (relaxed to T/2λ)
 * modeVariance(0, 1, 1, 10); // → 21 (the consensus mode diffuses)
 * ```
 */
export function modeVariance(lambda: number, temperature: number, sigma0sq: number, t: number): number {
  if (lambda <= 1e-12) return sigma0sq + 2 * temperature * t;
  const decay = Math.exp(-4 * lambda * t);
  return sigma0sq * decay + (temperature / (2 * lambda)) * (1 - decay);
}

export interface GaussianFreeEnergy {
  /** ⟨H⟩ = Σ λ_k V_k. */
  energy: number;
  /** Differential entropy Σ ½ ln(2πe V_k) (nats). */
  entropy: number;
  /** F = ⟨H⟩ − T S. */
  freeEnergy: number;
  /** dF/dt = −Σ (2λV − T)²/V. */
  derivative: number;
}

/**
 * Exact ⟨H⟩ = Σ λ_k V_k, S = Σ ½ ln(2πe V_k) (nats), F = ⟨H⟩ − TS and dF/dt = −Σ (2λ_kV_k − T)²/V_k at time t, for
 * the eigenvalues `lambdas` of L and the start N(0, σ₀² I).
 *
 * @example
 * ```ts
 * const lambdas = laplacianEigenvalues(ringGraph(6, 2));
 * const early = langevinFreeEnergy(lambdas, 1, 1, 0.1), late = langevinFreeEnergy(lambdas, 1, 1, 100);
 * [early.derivative, late.freeEnergy < early.freeEnergy]; // → [−19.39, true]: F decreases
 * ```
 */
export function langevinFreeEnergy(lambdas: ArrayLike<number>, temperature: number, sigma0sq: number, t: number): GaussianFreeEnergy {
  check.positive("emtd/audit/langevinFreeEnergy", "sigma0sq", sigma0sq);
  check.nonNegative("emtd/audit/langevinFreeEnergy", "temperature", temperature);
  let energy = 0;
  let entropy = 0;
  let derivative = 0;
  for (let k = 0; k < lambdas.length; k++) {
    const l = Math.max(lambdas[k]!, 0);
    const v = modeVariance(l, temperature, sigma0sq, t);
    energy += l * v;
    entropy += 0.5 * Math.log(2 * Math.PI * Math.E * v);
    derivative -= (2 * l * v - temperature) ** 2 / v;
  }
  return { energy, entropy, freeEnergy: energy - temperature * entropy, derivative };
}

/**
 * One Euler–Maruyama path of dx = −2Lx dt + √(2T) dW on the edge list (one channel), returning H after each step
 * (H(x₀) first). T = 0 is the noise-free gradient flow. `normal` draws standard normals.
 * @example
 * ```ts
 * const normal = normalSource(uniformSource(key(1)));
 * const path = langevinEnergyPath(3, [[0, 1], [1, 2]], Float64Array.from([0, 1, 2]), { dt: 0.01, steps: 500, temperature: 1, normal });
 * [path[0], increaseFraction(path)]; // → [2, 0.482]: H rises in about half the steps
 * ```
 */
export function langevinEnergyPath(
  n: number,
  edges: readonly (readonly [number, number])[],
  x0: Float64Array,
  options: { dt: number; steps: number; temperature: number; normal: () => number },
): Float64Array {
  const { dt, steps, temperature, normal } = options;
  const x = Float64Array.from(x0);
  const lx = new Float64Array(n);
  const energy = (): number => edges.reduce((h, [i, j]) => h + (x[i]! - x[j]!) ** 2, 0);
  const out = new Float64Array(steps + 1);
  out[0] = energy();
  const noise = Math.sqrt(2 * temperature * dt);
  for (let s = 1; s <= steps; s++) {
    lx.fill(0);
    for (const [i, j] of edges) {
      const d = x[i]! - x[j]!;
      lx[i]! += d;
      lx[j]! -= d;
    }
    for (let i = 0; i < n; i++) x[i] = x[i]! - 2 * dt * lx[i]! + (temperature > 0 ? noise * normal() : 0);
    out[s] = energy();
  }
  return out;
}

/**
 * Fraction of steps in which the trace increased (0 for a Lyapunov function along the path).
 * @example
 * ```ts
 * increaseFraction([3, 2, 2.5, 1, 1.2]); // → 0.5
 * ```
 */
export function increaseFraction(trace: ArrayLike<number>): number {
  let up = 0;
  for (let s = 1; s < trace.length; s++) if (trace[s]! > trace[s - 1]!) up++;
  return up / Math.max(trace.length - 1, 1);
}

/**
 * Standard normal draws from a uniform source (Box–Muller, both outputs used).
 * @example
 * ```ts
 * const z = normalSource(uniformSource(key(1)));
 * const draws = Array.from({ length: 10000 }, z);
 * [mean(draws), variance(draws)]; // → [−0.0129, 0.994] (N(0, 1): standard error of the mean 0.01)
 * ```
 */
export function normalSource(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
