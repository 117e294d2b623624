/**
 * Is the GPU Langevin step right? Three measured checks, each against an exact result, run by `emtd bench gpu`
 * before it times anything (a fast wrong step is worth nothing):
 * - drift: one step with σ = 0 from a random field equals x − drift·L x computed here in float64, within the
 *   float32 rounding bound of the shader's sums (|error| ≤ (deg + 3)·2⁻²⁴·Σ|terms| per entry);
 * - noise: the shader's ξ equal philox.ts's reference for the first rows within the error the WGSL specification
 *   allows its log, sqrt, cos and sin ({@link wgslNormalBound}: not one vendor's accuracy), and one step from 0 with
 *   drift 0 gives draws of mean 0 and variance σ² per channel, uncorrelated across channels;
 * - law: ⟨H⟩ of a long run equals ULA's exact stationary energy (CT/2)Σ 1/(1 − hJλ_m) (analysis/gaussian-exact) within
 *   4 MCSE, on a ring (stencil), the same ring through CSR rows, and a torus.
 */
import { ulaStationaryEnergy } from "../analysis/gaussian-exact";
import { fold, key, type Key } from "../engine/random";
import { fillNormal } from "../engine/fastrandom";
import { philox4x32, philoxNormals, gpuLangevin, type GpuGraph, type Gpu } from "../engine/kernel-paths";
import { estimateMean } from "../stats/ess";
import { ringLatticeEigenvalues } from "../graph/spectrum";
import { roundTo } from "../format";
import { edgesToCsr } from "../engine/edges";
import { ringGraph } from "../graph/direct";

/** Neighbours of row i under the shader's rule (the check's own float64 reference, independent of the plan). */
function neighbours(g: GpuGraph, i: number): number[] {
  if (g.kind === "ring") {
    const out: number[] = [];
    for (let k = 1; k <= g.width; k++) out.push((i + k) % g.n, (i - k + g.n) % g.n);
    return out;
  }
  if (g.kind === "torus") {
    const L = g.width;
    const r = Math.floor(i / L);
    const c = i % L;
    return [r * L + ((c + L - 1) % L), r * L + ((c + 1) % L), ((r + L - 1) % L) * L + c, ((r + 1) % L) * L + c];
  }
  return Array.from(g.col!.subarray(g.rowPtr![i]!, g.rowPtr![i + 1]!));
}

/** Laplacian eigenvalues of a check graph in closed form (ring lattice; torus: 4 − 2cos 2πp/L − 2cos 2πq/L). */
function eigenvalues(g: GpuGraph): Float64Array {
  if (g.kind === "torus") {
    const L = g.width;
    const out = new Float64Array(L * L);
    for (let p = 0; p < L; p++)
      for (let q = 0; q < L; q++) out[p * L + q] = 4 - 2 * Math.cos((2 * Math.PI * p) / L) - 2 * Math.cos((2 * Math.PI * q) / L);
    return out;
  }
  // The CSR check graph is the ring lattice of checkGraphs read through its rows.
  return ringLatticeEigenvalues(g.n, 2 * (g.kind === "csr" ? CHECK_RING_HALF_WIDTH : g.width));
}

/** H = Σ_⟨ij⟩ ‖x_i − x_j‖² (each edge once) of a field [N, 2], in float64. */
function energy(g: GpuGraph, x: Float32Array, offset: number): number {
  let h = 0;
  for (let i = 0; i < g.n; i++) {
    for (const j of neighbours(g, i)) {
      if (j <= i) continue;
      const a = x[offset + 2 * i]! - x[offset + 2 * j]!;
      const b = x[offset + 2 * i + 1]! - x[offset + 2 * j + 1]!;
      h += a * a + b * b;
    }
  }
  return h;
}

/** Drift check on `g`: the largest |GPU − float64| over its rounding bound (≤ 1 passes). */
export async function checkDrift(gpu: Gpu, g: GpuGraph, k: Key): Promise<{ worstOverBound: number; pass: boolean }> {
  const x0 = new Float32Array(2 * g.n);
  fillNormal(x0, 2, 0, g.n, k);
  const drift = 0.05;
  const field = gpuLangevin(gpu, g, x0, { drift, sigma: 0, key: k });
  await field.run(1);
  const y = await field.read();
  field.dispose();
  let worst = 0;
  for (let i = 0; i < g.n; i++) {
    const nb = neighbours(g, i);
    for (let c = 0; c < 2; c++) {
      const xi = x0[2 * i + c]!;
      let acc = 0;
      let mass = 0;
      for (const j of nb) {
        acc += x0[2 * j + c]!;
        mass += Math.abs(x0[2 * j + c]!);
      }
      const exact = xi - drift * (nb.length * xi - acc);
      const bound = (nb.length + 3) * 2 ** -24 * (Math.abs(xi) + drift * (nb.length * Math.abs(xi) + mass)) + 2 ** -149;
      worst = Math.max(worst, Math.abs(y[2 * i + c]! - exact) / bound);
    }
  }
  return { worstOverBound: roundTo(worst, 3), pass: worst <= 1 };
}

/** 2⁻²⁴: float32's unit roundoff, and the spacing of the shader's uniforms. */
const U = 2 ** -24;

/** One unit in the last place of a float32 value near |v|. */
function ulp32(v: number): number {
  return v === 0 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(Math.abs(v))) - 23);
}

/**
 * The largest error the WGSL specification allows the shader's Box–Muller draw at Philox counter (row, step) under
 * `key` (step-wgsl.ts: r = sqrt(−2 log u₁), t = 2πu₂ − π, ξ = −r·(cos t, sin t)), against the exact value: log's absolute error 2⁻²¹ on
 * [0.5, 2] and 3 ULP elsewhere, sqrt's as 1/inverseSqrt (2 + 2.5 ULP), cos and sin 2⁻¹¹ absolute on [−π, π], each
 * product and difference rounded (½ ULP). The bound is per draw, from the draw's own u₁ and u₂, in float64.
 */
export function wgslNormalBound(row: number, step: number, key: readonly [number, number]): number {
  const [w0, w1] = philox4x32([row, step, 0, 0], key);
  const u1 = ((w0 >>> 8) + 1) * U;
  const u2 = (w1 >>> 8) * U;
  const y = -2 * Math.log(u1);
  const logError = u1 >= 0.5 ? 2 ** -21 : 3 * ulp32(Math.log(u1));
  const yError = 2 * logError + ulp32(y) / 2;
  const r = Math.sqrt(y);
  // |√(y + δ) − √y| ≤ min(√δ, δ/(2√y)): the first near u₁ = 1, where y is as small as its own error.
  const rError = Math.min(Math.sqrt(yError), y > 0 ? yError / (2 * r) : Infinity) + 4.5 * ulp32(r + Math.sqrt(yError));
  const t = 2 * Math.PI * u2 - Math.PI;
  const tError = ulp32(2 * Math.PI * u2) / 2 + ulp32(t) / 2 + 2 ** -22; // the product, the difference, π and 2π in float32
  const trigError = 2 ** -11 + tError;
  return (r + rError) * trigError + rError + ulp32(r + rError);
}

/**
 * Noise check: the shader's draws against philox.ts's within the WGSL specification's bound on each
 * ({@link wgslNormalBound}; worst |error|/bound ≤ 1 passes), and their moments (z-scores; |z| < 4 passes).
 */
export async function checkNoise(gpu: Gpu, n: number, k: Key) {
  const g: GpuGraph = { n, kind: "ring", width: 1 };
  const field = gpuLangevin(gpu, g, new Float32Array(2 * n), { drift: 0, sigma: 1, key: k });
  await field.run(1);
  const xi = await field.read();
  field.dispose();
  let referenceError = 0;
  let worstOverBound = 0;
  for (let i = 0; i < Math.min(n, 4096); i++) {
    // Step 0 draws under fold(k, 0), channels 0 and 1 at Philox counter (row, 0).
    const [a, b] = philoxNormals(i, 0, fold(k, 0));
    const error = Math.max(Math.abs(xi[2 * i]! - a), Math.abs(xi[2 * i + 1]! - b));
    referenceError = Math.max(referenceError, error);
    worstOverBound = Math.max(worstOverBound, error / wgslNormalBound(i, 0, fold(k, 0)));
  }
  const moments = [0, 1].map((c) => {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = xi[2 * i + c]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    return { mean, variance, zMean: mean * Math.sqrt(n), zVariance: (variance - 1) / Math.sqrt(2 / n) };
  });
  let cross = 0;
  for (let i = 0; i < n; i++) cross += xi[2 * i]! * xi[2 * i + 1]!;
  const zCorrelation = cross / Math.sqrt(n);
  const zs = [moments[0]!.zMean, moments[0]!.zVariance, moments[1]!.zMean, moments[1]!.zVariance, zCorrelation];
  return {
    draws: 2 * n,
    referenceMaxAbsError: referenceError,
    referenceWorstOverBound: roundTo(worstOverBound, 3),
    z: zs.map((z) => roundTo(z, 3)),
    pass: worstOverBound <= 1 && zs.every((z) => Math.abs(z) < 4),
  };
}

/** Law check on `g`: ⟨H⟩ over a long run against ULA's exact stationary energy at this step (|z| < 4 passes). */
export async function checkLaw(gpu: Gpu, g: GpuGraph, k: Key, o = { step: 0.01, temperature: 1, burn: 2000, steps: 40000, every: 5 }) {
  const field = gpuLangevin(gpu, g, new Float32Array(2 * g.n), {
    drift: 2 * o.step,
    sigma: Math.sqrt(2 * o.step * o.temperature),
    key: k,
  });
  await field.run(o.burn);
  const history = await field.runWithSnapshots(o.steps, o.every);
  field.dispose();
  const count = history.length / (2 * g.n);
  const energies = Array.from({ length: count }, (_, s) => energy(g, history, 2 * g.n * s));
  const estimate = estimateMean(energies);
  const exact = ulaStationaryEnergy(eigenvalues(g), 2, o.temperature, o.step);
  const z = (estimate.mean - exact) / estimate.mcse;
  return {
    graph: `${g.kind}:${g.n}:${g.width}`,
    exact: roundTo(exact, 4),
    mean: roundTo(estimate.mean, 4),
    mcse: roundTo(estimate.mcse, 4),
    ess: Math.round(estimate.ess),
    z: roundTo(z, 3),
    pass: Math.abs(z) < 4,
  };
}

/** Half-width h of the check ring (ring:64:10). */
const CHECK_RING_HALF_WIDTH = 5;

/** The check graphs: ring:64:10 by its rule and through CSR rows, and torus:8 (64 nodes each). */
export function checkGraphs(): GpuGraph[] {
  const n = 64;
  const h = CHECK_RING_HALF_WIDTH;
  // The same ring by its edge list: each row's neighbours ascending, as the shader's rule lists them sorted.
  const { rowPtr, col } = edgesToCsr(ringGraph(n, 2 * h), (length) => new Int32Array(length), null);
  return [
    { n, kind: "ring", width: h },
    { n, kind: "csr", width: 0, rowPtr, col },
    { n, kind: "torus", width: 8 },
  ];
}

/** Every check, keyed from `seed`. */
export async function checkGpu(gpu: Gpu, seed: number) {
  const k = key(seed);
  const graphs = checkGraphs();
  const drift = [];
  for (const g of graphs) drift.push({ graph: `${g.kind}:${g.n}:${g.width}`, ...(await checkDrift(gpu, g, k)) });
  const noise = await checkNoise(gpu, 1 << 20, k);
  const law = [];
  for (const g of graphs) law.push(await checkLaw(gpu, g, k));
  return { drift, noise, law, pass: drift.every((d) => d.pass) && noise.pass && law.every((l) => l.pass) };
}
