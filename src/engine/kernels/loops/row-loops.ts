/**
 * Plain typed-array implementations of the fused kernels, shared by the cpu and wasm backends, the worker
 * threads and the benchmarks (tfjs's lesson: one implementation, thin per-backend wrappers). Every function works
 * on a row range [rowStart, rowEnd) so that the rows can be split between threads; sums are accumulated in
 * float64 (JavaScript numbers) and stored as float32.
 *
 * Fields are row-major [N, C] Float32Arrays. L = D − A with A_ij = J_ij, so (L x)_i = deg_i x_i − Σ_j J_ij x_j.
 */
import type { Key } from "../../random";
import { NOISE_BLOCK_ROWS, normalMiss, normalRun, PhiloxStream, PURPOSE_NORMAL, PURPOSE_UNIFORM, ZIGGURAT_FAST } from "../../fastrandom";
import { philoxInto } from "../../philox";
import type { GraphPlan } from "./graph-plan";

/** out = scale · L x on rows [rowStart, rowEnd). */
export function laplacianRows(
  plan: GraphPlan,
  x: Float32Array,
  channels: number,
  out: Float32Array,
  rowStart: number,
  rowEnd: number,
  scale = 1,
): void {
  const { rowPtr, col, weight, degree } = plan;
  if (channels === 2 && weight === null) {
    for (let i = rowStart; i < rowEnd; i++) {
      let a0 = 0;
      let a1 = 0;
      for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
        const j = col[p]! << 1;
        a0 += x[j]!;
        a1 += x[j + 1]!;
      }
      const d = degree[i]!;
      out[2 * i] = scale * (d * x[2 * i]! - a0);
      out[2 * i + 1] = scale * (d * x[2 * i + 1]! - a1);
    }
    return;
  }
  // V8 does not unroll a loop over a run-time channel count (≈3× slower here): widths 1–4 get their own loops.
  if (channels === 2) {
    for (let i = rowStart; i < rowEnd; i++) {
      let a0 = 0;
      let a1 = 0;
      for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
        const w = weight === null ? 1 : weight[p]!;
        const j = col[p]! << 1;
        a0 += w * x[j]!;
        a1 += w * x[j + 1]!;
      }
      const d = degree[i]!;
      out[2 * i] = scale * (d * x[2 * i]! - a0);
      out[2 * i + 1] = scale * (d * x[2 * i + 1]! - a1);
    }
    return;
  }
  if (channels === 3) {
    for (let i = rowStart; i < rowEnd; i++) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
        const w = weight === null ? 1 : weight[p]!;
        const j = col[p]! * 3;
        a0 += w * x[j]!;
        a1 += w * x[j + 1]!;
        a2 += w * x[j + 2]!;
      }
      const d = degree[i]!;
      const b = 3 * i;
      out[b] = scale * (d * x[b]! - a0);
      out[b + 1] = scale * (d * x[b + 1]! - a1);
      out[b + 2] = scale * (d * x[b + 2]! - a2);
    }
    return;
  }
  if (channels === 4) {
    for (let i = rowStart; i < rowEnd; i++) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
        const w = weight === null ? 1 : weight[p]!;
        const j = col[p]! << 2;
        a0 += w * x[j]!;
        a1 += w * x[j + 1]!;
        a2 += w * x[j + 2]!;
        a3 += w * x[j + 3]!;
      }
      const d = degree[i]!;
      const b = 4 * i;
      out[b] = scale * (d * x[b]! - a0);
      out[b + 1] = scale * (d * x[b + 1]! - a1);
      out[b + 2] = scale * (d * x[b + 2]! - a2);
      out[b + 3] = scale * (d * x[b + 3]! - a3);
    }
    return;
  }
  if (channels === 1) {
    for (let i = rowStart; i < rowEnd; i++) {
      let a0 = 0;
      for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) a0 += (weight === null ? 1 : weight[p]!) * x[col[p]!]!;
      out[i] = scale * (degree[i]! * x[i]! - a0);
    }
    return;
  }
  if (weight === null && channels % 4 === 0) {
    // Wide unit-weight fields (R chains of d channels side by side, dynamics/chains): four channels at a time in
    // local accumulators, neighbours in CSR order — the same float64 sums as the loop below, ≈2× fewer memory ops.
    for (let i = rowStart; i < rowEnd; i++) {
      const base = i * channels;
      const d = degree[i]!;
      const p0 = rowPtr[i]!;
      const p1 = rowPtr[i + 1]!;
      for (let c = 0; c < channels; c += 4) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        for (let p = p0; p < p1; p++) {
          const j = col[p]! * channels + c;
          a0 += x[j]!;
          a1 += x[j + 1]!;
          a2 += x[j + 2]!;
          a3 += x[j + 3]!;
        }
        const b = base + c;
        out[b] = scale * (d * x[b]! - a0);
        out[b + 1] = scale * (d * x[b + 1]! - a1);
        out[b + 2] = scale * (d * x[b + 2]! - a2);
        out[b + 3] = scale * (d * x[b + 3]! - a3);
      }
    }
    return;
  }
  const acc = new Float64Array(channels);
  for (let i = rowStart; i < rowEnd; i++) {
    acc.fill(0);
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
      const w = weight === null ? 1 : weight[p]!;
      const j = col[p]! * channels;
      for (let c = 0; c < channels; c++) acc[c]! += w * x[j + c]!;
    }
    const d = degree[i]!;
    const base = i * channels;
    for (let c = 0; c < channels; c++) out[base + c] = scale * (d * x[base + c]! - acc[c]!);
  }
}

/**
 * The interaction energy and gradient in one pass: gradient = 2J·L x on the rows, and the return value is this
 * range's share of H = J Σ_i x_i·(L x)_i (= J Σ_⟨ij⟩ J_ij‖x_i − x_j‖²).
 */
export function interactionRows(
  plan: GraphPlan,
  x: Float32Array,
  channels: number,
  coupling: number,
  gradient: Float32Array,
  rowStart: number,
  rowEnd: number,
): number {
  laplacianRows(plan, x, channels, gradient, rowStart, rowEnd, 2 * coupling);
  // x·(2J L x)/2: the gradient rows are still in cache.
  let energy = 0;
  for (let a = rowStart * channels, end = rowEnd * channels; a < end; a++) energy += x[a]! * gradient[a]!;
  return energy / 2;
}

/**
 * The full Langevin (ULA) update on rows [rowStart, rowEnd): out = x − 2hJ·L x + σ ξ, ξ standard normal from the
 * block streams of `key` (see fastrandom); with `rest`, out = x − 2hJ·L x − h·G + σ ξ in the same pass. `scratch`
 * holds one block of noise (NOISE_BLOCK_ROWS·C floats). `rowStart` must be a multiple of NOISE_BLOCK_ROWS.
 * Unit-weight fields of width 2 (the benchmark's case) take a single pass with the ziggurat's fast path inlined in
 * the row loop; the rest compute L x, then add the noise.
 */
export function langevinRows(
  plan: GraphPlan,
  x: Float32Array,
  channels: number,
  drift: number,
  sigma: number,
  key: Key,
  out: Float32Array,
  rowStart: number,
  rowEnd: number,
  scratch: Float32Array,
  rest: RestGradient | null = null,
): void {
  if (channels === 2 && plan.weight === null) {
    langevinRowsUnit2(plan, x, drift, sigma, key, out, rowStart, rowEnd, rest);
    return;
  }
  for (let b0 = rowStart; b0 < rowEnd; b0 += NOISE_BLOCK_ROWS) {
    const b1 = Math.min(rowEnd, b0 + NOISE_BLOCK_ROWS);
    // out = −drift·L x on the block, then out += x + σξ with the noise drawn in the same element order.
    laplacianRows(plan, x, channels, out, b0, b1, -drift);
    const stream = new PhiloxStream(key, b0 / NOISE_BLOCK_ROWS, PURPOSE_NORMAL);
    const count = (b1 - b0) * channels;
    normalRun(stream, scratch, 0, count, sigma, null);
    const offset = b0 * channels;
    if (rest === null) for (let a = 0; a < count; a++) out[offset + a] = out[offset + a]! + x[offset + a]! + scratch[a]!;
    else {
      // The rest's −h·g in the same double sum, before the noise: one rounding, as without it.
      const { g, step } = rest;
      for (let a = 0; a < count; a++) out[offset + a] = out[offset + a]! + x[offset + a]! - step * g[offset + a]! + scratch[a]!;
    }
  }
}

/**
 * A sum's other terms' gradient G [N, C] float32 (∇ of the parts beside the interaction) and the step h: the fused
 * Langevin step subtracts h·G inside its one pass, x' = x − drift·L x − h·G + σ ξ.
 */
export interface RestGradient {
  g: Float32Array;
  step: number;
}

const missAt = new Int32Array(2 * NOISE_BLOCK_ROWS);
const missBits = new Int32Array(2 * NOISE_BLOCK_ROWS);
const missDet = new Float64Array(2 * NOISE_BLOCK_ROWS); // the drift part of a miss, kept in double: one rounding
const words = new Uint32Array(4); // the Philox counter's words at hand

/**
 * One pass per block for C = 2, unit weights: row sums, drift and the ziggurat's fast path together; the ~2.8 %
 * misses get the deterministic part first and their noise after the block, continuing the stream in order — the
 * same draws as {@link normalRun} over the block, so the same numbers as the two-pass path and the reference.
 */
function langevinRowsUnit2(
  plan: GraphPlan,
  x: Float32Array,
  drift: number,
  sigma: number,
  key: Key,
  out: Float32Array,
  rowStart: number,
  rowEnd: number,
  rest: RestGradient | null,
): void {
  const { rowPtr, col, degree } = plan;
  const { K8, W8 } = ZIGGURAT_FAST;
  // Without a rest, g = null and the drift part is x − drift·(d x − Σ) as ever; with one, less h·g in the same doubles.
  const g = rest?.g ?? null;
  const step = rest?.step ?? 0;
  const at = missAt;
  const bitsOf = missBits;
  for (let b0 = rowStart; b0 < rowEnd; b0 += NOISE_BLOCK_ROWS) {
    const b1 = Math.min(rowEnd, b0 + NOISE_BLOCK_ROWS);
    const stream = new PhiloxStream(key, b0 / NOISE_BLOCK_ROWS, PURPOSE_NORMAL);
    const { k0, k1, block } = stream;
    let misses = 0;
    let p = rowPtr[b0]!;
    for (let i = b0; i < b1; i++) {
      const end = rowPtr[i + 1]!;
      let a0 = 0;
      let a1 = 0;
      for (; p < end; p++) {
        const j = col[p]! << 1;
        a0 += x[j]!;
        a1 += x[j + 1]!;
      }
      const d = degree[i]!;
      const i0 = 2 * i;
      const x0 = x[i0]!;
      const x1 = x[i0 + 1]!;
      const det0 = g === null ? x0 - drift * (d * x0 - a0) : x0 - drift * (d * x0 - a0) - step * g[i0]!;
      const det1 = g === null ? x1 - drift * (d * x1 - a1) : x1 - drift * (d * x1 - a1) - step * g[i0 + 1]!;
      // Two draws, channel 0 then channel 1 (element order): draws 2(i − b0) and + 1, a Philox call every other row.
      const pos = 2 * (i - b0);
      if ((pos & 3) === 0) philoxInto(words, block, pos >>> 2, 0, PURPOSE_NORMAL, k0, k1);
      let r = words[pos & 3]! | 0;
      let q = r & 255;
      let m = r >>> 8;
      if (m < K8[q]!) out[i0] = det0 + sigma * (m * W8[q]!);
      else {
        missDet[misses] = det0;
        at[misses] = i0;
        bitsOf[misses++] = r;
      }
      r = words[(pos + 1) & 3]! | 0;
      q = r & 255;
      m = r >>> 8;
      if (m < K8[q]!) out[i0 + 1] = det1 + sigma * (m * W8[q]!);
      else {
        missDet[misses] = det1;
        at[misses] = i0 + 1;
        bitsOf[misses++] = r;
      }
    }
    stream.pos = 2 * (b1 - b0);
    for (let k = 0; k < misses; k++) out[at[k]!] = missDet[k]! + sigma * normalMiss(stream, bitsOf[k]!);
  }
}

let descentDet = new Float64Array(0);

/**
 * out = x − h·g + σ ξ on rows [rowStart, rowEnd) (any gradient g: the generic ULA/MALA proposal), with ξ from the
 * same block streams as {@link langevinRows}; x − h·g is kept in double and rounded once with the noise added
 * (as in the WebAssembly loop, simd.ts).
 */
export function noisyDescentRows(
  x: Float32Array,
  g: Float32Array,
  channels: number,
  h: number,
  sigma: number,
  key: Key,
  out: Float32Array,
  rowStart: number,
  rowEnd: number,
): void {
  if (descentDet.length < NOISE_BLOCK_ROWS * channels) descentDet = new Float64Array(NOISE_BLOCK_ROWS * channels);
  const det = descentDet;
  for (let b0 = rowStart; b0 < rowEnd; b0 += NOISE_BLOCK_ROWS) {
    const b1 = Math.min(rowEnd, b0 + NOISE_BLOCK_ROWS);
    const from = b0 * channels;
    const to = b1 * channels;
    for (let a = from; a < to; a++) det[a - from] = x[a]! - h * g[a]!;
    const stream = new PhiloxStream(key, b0 / NOISE_BLOCK_ROWS, PURPOSE_NORMAL);
    normalRun(stream, out, from, to, sigma, det, from);
  }
}

/** Metropolis acceptance by s·h ∈ {−4, …, 4} (index s·h + 4): min(1, e^{−2β s h}) rounded to float32. */
export function isingAcceptance(beta: number): Float64Array {
  const table = new Float64Array(9);
  for (let sh = -4; sh <= 4; sh++) table[sh + 4] = Math.fround(Math.min(1, Math.exp(-2 * beta * sh)));
  return table;
}

/**
 * The acceptance table as integer thresholds on the 24-bit uniform m = bits >>> 8: u = m·2⁻²⁴ < p exactly when
 * m < ⌈p·2²⁴⌉ (p is a float32 table entry), so the comparison is integer-only and identical to the float one.
 */
export function isingThresholds(beta: number): Int32Array {
  const p = isingAcceptance(beta);
  return Int32Array.from(p, (q) => Math.ceil(q * 16777216));
}

/**
 * Spins of an L×L periodic lattice stored with a ghost frame: int8, (L + 2)² cells, site (r, c) at
 * (r + 1)(L + 2) + c + 1. The frame mirrors the opposite edges ({@link refreshGhosts}), so the update loop reads its
 * four neighbours at fixed offsets ±1, ±(L + 2) with no wrap-around branches.
 */
export function padSpins(from: Float32Array, L: number, padded: Int8Array): void {
  // float32 ±1 → int8 from the sign bit ((bits >> 31) | 1): faster in V8 than a converting copy.
  const bits = new Int32Array(from.buffer, from.byteOffset, from.length);
  const W = L + 2;
  for (let r = 0; r < L; r++) {
    const src = r * L;
    const dst = (r + 1) * W + 1;
    for (let c = 0; c < L; c++) padded[dst + c] = (bits[src + c]! >> 31) | 1;
  }
  refreshGhosts(padded, L);
}

/** Copy the interior of a padded lattice back to a row-major float32 [L, L]. */
export function unpadSpins(padded: Int8Array, L: number, to: Float32Array): void {
  const W = L + 2;
  for (let r = 0; r < L; r++) to.set(padded.subarray((r + 1) * W + 1, (r + 1) * W + 1 + L), r * L);
}

/** Mirror the edges into the ghost frame (periodic boundaries). O(L). */
export function refreshGhosts(padded: Int8Array, L: number): void {
  const W = L + 2;
  for (let r = 1; r <= L; r++) {
    padded[r * W] = padded[r * W + L]!;
    padded[r * W + L + 1] = padded[r * W + 1]!;
  }
  padded.copyWithin(0, L * W, L * W + W); // top ghost row = last row
  padded.copyWithin((L + 1) * W, W, 2 * W); // bottom ghost row = first row
}

/**
 * One colour of the checkerboard Metropolis sweep of the 2D Ising model (J = 1, periodic, L even) on rows
 * [rowStart, rowEnd) of a padded int8 lattice ({@link padSpins}): every site (r, c) with (r + c) mod 2 = colour
 * proposes s → −s and accepts when u < min(1, e^{−βΔE}), ΔE = 2 s Σ_neighbours s'. Row r draws L/2 uniforms, one
 * per site of the colour in column order, from the stream (key, colour·L + r): the same numbers whatever the split
 * and whatever the decisions. Updates in place (sites of one colour do not neighbour each other); the caller
 * refreshes the ghosts before the other colour. `threshold` comes from {@link isingThresholds}. Returns the flips.
 */
export function isingColourRows(
  padded: Int8Array,
  L: number,
  colour: number,
  threshold: Int32Array,
  key: Key,
  rowStart: number,
  rowEnd: number,
): number {
  let flips = 0;
  const W = L + 2;
  for (let r = rowStart; r < rowEnd; r++) {
    const stream = new PhiloxStream(key, colour * L + r, PURPOSE_UNIFORM);
    const end = (r + 1) * W + 1 + L;
    for (let a = (r + 1) * W + 1 + ((r + colour) & 1); a < end; a += 2) {
      const bits = stream.next();
      const s = padded[a]!;
      const sh = s * (padded[a - W]! + padded[a + W]! + padded[a - 1]! + padded[a + 1]!);
      if (bits >>> 8 < threshold[sh + 4]!) {
        padded[a] = -s;
        flips++;
      }
    }
  }
  return flips;
}

/**
 * The observables of a padded lattice ({@link padSpins}, ghosts current) in one pass over the int8 spins:
 * H = −Σ_⟨ij⟩ s_i s_j (each bond once: the right and lower neighbour of every site, J = 1, periodic) and
 * M = Σ_i s_i. Integers, exact. `out` receives [H, M] (an Int32Array: |H| ≤ 2L² < 2³¹ for L ≤ 2¹⁴).
 */
export function isingObservables(padded: Int8Array, L: number, out: Int32Array, offset = 0): void {
  const W = L + 2;
  let bonds = 0;
  let m = 0;
  for (let r = 1; r <= L; r++) {
    const end = r * W + 1 + L;
    for (let a = r * W + 1; a < end; a++) {
      const s = padded[a]!;
      m += s;
      bonds += s * (padded[a + 1]! + padded[a + W]!);
    }
  }
  out[offset] = -bonds;
  out[offset + 1] = m;
}

/** {@link padSpins} for replica k of R interleaved lattices: site (r, c) of replica k at from[(r·L + c)·R + k]. */
export function padSpinsStrided(from: Float32Array, L: number, R: number, k: number, padded: Int8Array): void {
  if (R === 1) return padSpins(from, L, padded);
  const bits = new Int32Array(from.buffer, from.byteOffset, from.length);
  const W = L + 2;
  for (let r = 0; r < L; r++) {
    const dst = (r + 1) * W + 1;
    for (let c = 0, src = r * L * R + k; c < L; c++, src += R) padded[dst + c] = (bits[src]! >> 31) | 1;
  }
  refreshGhosts(padded, L);
}

/** {@link unpadSpins} into replica k of R interleaved lattices. */
export function unpadSpinsStrided(padded: Int8Array, L: number, R: number, k: number, to: Float32Array): void {
  if (R === 1) return unpadSpins(padded, L, to);
  const W = L + 2;
  for (let r = 0; r < L; r++) {
    const src = (r + 1) * W + 1;
    for (let c = 0, dst = r * L * R + k; c < L; c++, dst += R) to[dst] = padded[src + c]!;
  }
}
