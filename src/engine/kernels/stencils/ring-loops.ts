/**
 * The ring stencils in JavaScript (kernels/stencils/ring-stencil without the SIMD module): the fused Langevin step and L·X, the same
 * numbers as the CSR kernels (impl.langevinRows, impl.laplacianRows): every row sums its neighbours in ascending
 * column order in double (the wrapping rows from their sorted columns), each noise block draws from its own stream.
 */
import type { Key } from "../../random";
import { NOISE_BLOCK_ROWS, normalRun, PhiloxStream, PURPOSE_NORMAL } from "../../fastrandom";

/**
 * det = x − drift·(2h x − Σ_j x_j) for a wrapping row i (i < h or i ≥ N − h), neighbours in ascending column order
 * (the CSR's), read from the whole field x [N, 2]; written to det[at], det[at + 1].
 */
function wrapRow(n: number, h: number, i: number, x: Float32Array, drift: number, det: Float64Array, at: number, cols: Int32Array): void {
  for (let o = 1; o <= h; o++) {
    cols[o - 1] = (i - o + n) % n;
    cols[h + o - 1] = (i + o) % n;
  }
  cols.sort();
  let a0 = 0;
  let a1 = 0;
  for (let m = 0; m < 2 * h; m++) {
    const j = cols[m]! << 1;
    a0 += x[j]!;
    a1 += x[j + 1]!;
  }
  const d = 2 * h;
  const x0 = x[2 * i]!;
  const x1 = x[2 * i + 1]!;
  det[at] = x0 - drift * (d * x0 - a0);
  det[at + 1] = x1 - drift * (d * x1 - a1);
}

/** out = x − drift·L x + σ ξ(key) on the ring lattice ring:n:2h in JavaScript (kernels/stencils/ring-stencil.ringLangevin2 without the module). */
export function ringLangevinJs(n: number, h: number, x: Float32Array, out: Float32Array, drift: number, sigma: number, key: Key): void {
  const det = new Float64Array(2 * NOISE_BLOCK_ROWS);
  const cols = new Int32Array(2 * h);
  const d = 2 * h;
  for (let b0 = 0; b0 < n; b0 += NOISE_BLOCK_ROWS) {
    const b1 = Math.min(n, b0 + NOISE_BLOCK_ROWS);
    for (let i = b0; i < b1; i++) {
      const at = 2 * (i - b0);
      if (i < h || i >= n - h) {
        wrapRow(n, h, i, x, drift, det, at, cols);
        continue;
      }
      let a0 = 0;
      let a1 = 0;
      for (let j = 2 * (i - h), end = 2 * i; j < end; j += 2) {
        a0 += x[j]!;
        a1 += x[j + 1]!;
      }
      for (let j = 2 * (i + 1), end = 2 * (i + h); j <= end; j += 2) {
        a0 += x[j]!;
        a1 += x[j + 1]!;
      }
      const x0 = x[2 * i]!;
      const x1 = x[2 * i + 1]!;
      det[at] = x0 - drift * (d * x0 - a0);
      det[at + 1] = x1 - drift * (d * x1 - a1);
    }
    normalRun(new PhiloxStream(key, b0 / NOISE_BLOCK_ROWS, PURPOSE_NORMAL), out, 2 * b0, 2 * b1, sigma, det, 2 * b0);
  }
}

/** {@link ringLaplacian2} in JavaScript (no SIMD module). */
export function ringLaplacianJs(n: number, h: number, x: Float32Array, out: Float32Array, scale: number): number {
  const d = 2 * h;
  const cols = new Int32Array(2 * h);
  const wrap = new Float64Array(2);
  let dot = 0;
  for (let i = 0; i < n; i++) {
    const i0 = 2 * i;
    if (i < h || i >= n - h) {
      // A wrapping row: its sorted columns, as the CSR lists them.
      for (let o = 1; o <= h; o++) {
        cols[o - 1] = (i - o + n) % n;
        cols[h + o - 1] = (i + o) % n;
      }
      cols.sort();
      wrap[0] = 0;
      wrap[1] = 0;
      for (let m = 0; m < 2 * h; m++) {
        const j = cols[m]! << 1;
        wrap[0] += x[j]!;
        wrap[1] += x[j + 1]!;
      }
      out[i0] = scale * (d * x[i0]! - wrap[0]!);
      out[i0 + 1] = scale * (d * x[i0 + 1]! - wrap[1]!);
    } else {
      let a0 = 0;
      let a1 = 0;
      for (let j = 2 * (i - h); j < i0; j += 2) {
        a0 += x[j]!;
        a1 += x[j + 1]!;
      }
      for (let j = i0 + 2, end = 2 * (i + h); j <= end; j += 2) {
        a0 += x[j]!;
        a1 += x[j + 1]!;
      }
      out[i0] = scale * (d * x[i0]! - a0);
      out[i0 + 1] = scale * (d * x[i0 + 1]! - a1);
    }
    dot += x[i0]! * out[i0]!;
    dot += x[i0 + 1]! * out[i0 + 1]!;
  }
  return dot;
}
