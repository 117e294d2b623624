/**
 * The Langevin (ULA) step on a structured torus (torus:L, the plan's `structure`) without index arrays: node
 * i = r·L + c has the four neighbours r·L + (c ± 1 mod L) and (r ± 1 mod L)·L + c. Made for sizes whose CSR would
 * not fit or is not worth building (torus:10⁴ has 10⁸ nodes, 4·10⁸ adjacency entries): the only arrays of size N
 * are the field and its update.
 *
 * As kernels/stencils/ring-stencil: the rows go through the WebAssembly module in chunks (rows [r0, r1), x[r0 − L, r1 + L) copied
 * in, wrapping around at the ends), the fused step of simd.simdLangevin2 runs there block group by block group
 * (simd.fusedBlocks), with the interior nodes (1 ≤ r ≤ L − 2 and 1 ≤ c ≤ L − 2), whose neighbours i − L, i − 1,
 * i + 1, i + L are already in ascending order, by the fused torus stencil (one call per run of a lattice row's
 * interior), and each boundary node (first or last lattice row or column) by the fused CSR pass over a one-row CSR
 * holding its neighbours in ascending GLOBAL order (its wrapping neighbours sort elsewhere than the stencil's), and
 * the result copied out. Without the module the same arithmetic runs in JavaScript.
 *
 * Bit-identical to the CSR kernels (impl.langevinRows, simd.simdLangevin2) for the same key, chunk size aside: every
 * row sums its neighbours in ascending column order in double, the drift is kept in double and rounded once with
 * the noise, and each noise block draws from its own stream (key, block) in element order.
 */
import type { Key } from "../../random";
import { NOISE_BLOCK_ROWS, normalRun, PhiloxStream, PURPOSE_NORMAL } from "../../fastrandom";
import { ArgumentError } from "../../../errors";
import type { GraphPlan } from "../loops/graph-plan";
import { ringStencilOn, simdExports, simdReady } from "../simd/simd-module";
import { fusedBlocks, fusedScratchAt } from "../simd/simd-langevin";
import {
  copyWindow,
  ENERGY_ALONE,
  LX_ONLY,
  RING_CHUNK_ROWS,
  stencilInteraction,
  stencilLayout,
  stencilMinRows,
  stencilShares,
  WITH_ENERGY,
} from "./ring-stencil";
import type { Staging } from "../threads/pool";
import { jobKind } from "../threads/worker-jobs";

/** The chunked torus stencil's Langevin step ({@link torusLangevinRows}; stencil-jobs runs it on a worker). */
export const JOB_TORUS = jobKind(7, "langevin (torus stencil)");
/** The torus stencil's L·X in the SIMD module ({@link torusLaplacianRows}). */
export const JOB_TORUS_LAPLACIAN = jobKind(10, "laplacian (torus stencil)");

const WHERE = "emtd/engine/torus";

/**
 * L when the torus stencil applies to this plan and field width: a structured torus plan (no index arrays), two
 * channels, the stencils switched on (simd.setRingStencilEnabled switches the ring's and this one); else 0.
 */
export function torusStencilSide(plan: GraphPlan, channels: number): number {
  const s = plan.structure;
  if (s === undefined || s.kind !== "torus" || channels !== 2 || !ringStencilOn()) return 0;
  return s.side;
}

/**
 * Whether the Langevin kernel takes {@link torusLangevin2} for this plan and width: the stencil applies and the
 * torus has at least ring.stencilMinRows() nodes (the ring's threshold, RING_LAPLACIAN_MIN_ROWS by default), or the
 * SIMD module is not in use. Below, the fused SIMD step on the CSR (built on first use) runs: faster in cache (1.00
 * against 1.20 ms at torus:316), slower from 2²⁰ nodes (10.7 against 7.7 ms at torus:1024; docs/scale.md).
 */
export function torusStencilApplies(plan: GraphPlan, channels: number): boolean {
  return torusStencilSide(plan, channels) > 0 && (plan.n >= stencilMinRows() || !simdReady());
}

function sideOf(plan: GraphPlan): number {
  const s = plan.structure;
  if (s?.kind !== "torus") throw new ArgumentError(WHERE, "plan", "a structured torus", s?.kind ?? "no structure");
  return s.side;
}

/**
 * Node i's four neighbours in ascending global order into cols[0 … 3] (r = ⌊i / L⌋, c = i − rL): the CSR's order.
 * An insertion sort: four values, at most six moves.
 */
function neighbours(L: number, n: number, i: number, r: number, c: number, cols: Int32Array): void {
  cols[0] = r === 0 ? i + n - L : i - L;
  cols[1] = c === 0 ? i + L - 1 : i - 1;
  cols[2] = c === L - 1 ? i - L + 1 : i + 1;
  cols[3] = r === L - 1 ? i + L - n : i + L;
  for (let m = 1; m < 4; m++) {
    const v = cols[m]!;
    let q = m - 1;
    while (q >= 0 && cols[q]! > v) {
      cols[q + 1] = cols[q]!;
      q--;
    }
    cols[q + 1] = v;
  }
}

/**
 * Boundary node i's one-row CSR: its neighbours in ascending global order, written as their unwrapped rows in the
 * window. A neighbour across the lattice's first/last row is N − L away (> L for L ≥ 3); one across its first/last
 * column stays within L − 1.
 */
function boundaryColumns(L: number, n: number, i: number, r: number, c: number, cols: Int32Array, colView: Int32Array): void {
  neighbours(L, n, i, r, c, cols);
  for (let m = 0; m < 4; m++) {
    const g = cols[m]!;
    colView[m] = g - i > L ? g - n : i - g > L ? g + n : g;
  }
}

/**
 * out = x − drift·L x + σ ξ(key) on the torus of `plan` ({@link torusStencilSide} > 0), x and out [N, 2] row-major:
 * the same numbers as the CSR kernels. Uses the WebAssembly module in chunks of ring.setRingChunkRows rows when it is
 * ready, else the JavaScript loop.
 */
export function torusLangevin2(
  plan: GraphPlan,
  x: Float32Array,
  out: Float32Array,
  drift: number,
  sigma: number,
  key: Key,
  input: object | null = null,
): Staging | null {
  const L = sideOf(plan);
  if (!simdReady() || 2 * L * L >= 2 ** 31) {
    torusLangevinJs(L, x, out, drift, sigma, key);
    return null;
  }
  return stencilShares(JOB_TORUS, L * L, L, 4, x, out, drift, sigma, key, torusLangevinRows, input);
}

function torusLangevinJs(L: number, x: Float32Array, out: Float32Array, drift: number, sigma: number, key: Key): void {
  const n = L * L;
  const det = new Float64Array(2 * NOISE_BLOCK_ROWS);
  const cols = new Int32Array(4);
  for (let b0 = 0; b0 < n; b0 += NOISE_BLOCK_ROWS) {
    const b1 = Math.min(n, b0 + NOISE_BLOCK_ROWS);
    let r = Math.floor(b0 / L);
    let c = b0 - r * L;
    for (let i = b0; i < b1; i++) {
      if (r >= 1 && r <= L - 2 && c >= 1 && c <= L - 2) {
        cols[0] = i - L;
        cols[1] = i - 1;
        cols[2] = i + 1;
        cols[3] = i + L;
      } else {
        neighbours(L, n, i, r, c, cols);
      }
      let a0 = 0;
      let a1 = 0;
      for (let m = 0; m < 4; m++) {
        const j = cols[m]! << 1;
        a0 += x[j]!;
        a1 += x[j + 1]!;
      }
      const x0 = x[2 * i]!;
      const x1 = x[2 * i + 1]!;
      const at = 2 * (i - b0);
      det[at] = x0 - drift * (4 * x0 - a0);
      det[at + 1] = x1 - drift * (4 * x1 - a1);
      if (++c === L) {
        c = 0;
        r++;
      }
    }
    normalRun(new PhiloxStream(key, b0 / NOISE_BLOCK_ROWS, PURPOSE_NORMAL), out, 2 * b0, 2 * b1, sigma, det, 2 * b0);
  }
}

/**
 * Bytes of the chunked torus step's scratch in the WebAssembly module for side L at `rows` rows per chunk (default
 * RING_CHUNK_ROWS): O(rows + L), against 16·L² bytes for the CSR's columns alone.
 *
 * @example
 * ```ts
 * torusScratchBytes(10000); // → 1648064 (≈ 1.6 MB for torus:10⁴, 10⁸ nodes)
 * ```
 */
export function torusScratchBytes(L: number, rows: number = RING_CHUNK_ROWS): number {
  return stencilLayout(rows, L, 4).bytes;
}

/**
 * The chunked WebAssembly path over rows [rowStart, rowEnd) of the torus with N = n = L² nodes (rowStart on a noise
 * block's boundary), with its scratch at byte `at` ({@link stencilLayout} for `rowsMax` rows), on any thread (see
 * ring.stencilShares). Per chunk of rows [r0, r1): x[r0 − L, r1 + L) copied into the module (wrapping around
 * at the ends), then simd.fusedBlocks over the chunk's noise blocks, with the pass's pointers shifted (i32
 * arithmetic wraps) so that global row i addresses the chunk's copies: each run of interior nodes of a lattice row
 * by fuse2torus, each boundary node by fuse2csr over a one-row CSR whose columns are its neighbours in ascending
 * global order, written as their unwrapped offsets into the window; the result copied out.
 */
export function torusLangevinRows(
  n: number,
  L: number,
  x: Float32Array,
  out: Float32Array,
  drift: number,
  sigma: number,
  key: Key,
  rowStart: number,
  rowEnd: number,
  at: number,
  rowsMax: number,
): void {
  const lay = stencilLayout(rowsMax, L, 4);
  const ex = simdExports();
  const f = fusedScratchAt(at);
  const buffer = ex.memory.buffer;
  new Float32Array(buffer, at + lay.deg, rowsMax).fill(4);
  new Int32Array(buffer, at + lay.rowPtr, 2).set([0, 4]);
  const xView = new Float32Array(buffer, at + lay.xw, 2 * (rowsMax + 2 * L + 1));
  const outView = new Float32Array(buffer, at + lay.outAt, 2 * rowsMax);
  const colView = new Int32Array(buffer, at + lay.col, 4);
  const cols = new Int32Array(4);
  for (let r0 = rowStart; r0 < rowEnd; r0 += rowsMax) {
    const r1 = Math.min(rowEnd, r0 + rowsMax);
    const rows = r1 - r0;
    // Window row W is global row r0 − L + W (mod N), then the sentinel that the CSR pass's tail reads (row r1 + L).
    copyWindow(n, L, x, xView, r0, r1);
    // Bases shifted so that row i (unwrapped, r0 − L ≤ i < r1 + L) is at base + 8i, its degree at deg + 4i.
    const xs = (at + lay.xw - 8 * (r0 - L)) | 0;
    const deg = (at + lay.deg - 4 * r0) | 0;
    const os = (at + lay.outAt - 8 * r0) | 0;
    const sentinel = r1 + L;
    const boundary = (i: number, r: number, c: number, draws: number, misses: number) => {
      boundaryColumns(L, n, i, r, c, cols, colView);
      const rowPtr = (at + lay.rowPtr - 4 * i) | 0;
      return ex.fuse2csr(i, i + 1, sentinel, 0, rowPtr, at + lay.col, deg, xs, os, draws, f.kw, drift, sigma, f.groupMiss, misses);
    };
    fusedBlocks(f, key, r0, r1, sigma, os, outView, 2 * r0, (a, b, draws, misses) => {
      let r = Math.floor(a / L);
      let c = a - r * L;
      for (let i = a; i < b;) {
        if (r >= 1 && r <= L - 2 && c >= 1 && c <= L - 2) {
          // A run of the lattice row's interior: columns 1 … L − 2.
          const end = Math.min(b, r * L + L - 1);
          misses = ex.fuse2torus(i, end, n, L, 0, 0, deg, xs, os, draws + 32 * (i - a), f.kw, drift, sigma, f.groupMiss, misses);
          c += end - i;
          i = end;
        } else {
          misses = boundary(i, r, c, draws + 32 * (i - a), misses);
          i++;
          c++;
        }
        if (c === L) {
          c = 0;
          r++;
        }
      }
      return misses;
    });
    out.set(outView.subarray(0, 2 * rows), 2 * r0);
  }
}

/**
 * out = scale · L x on the torus of `plan` ({@link torusStencilSide} > 0), x and out [N, 2] row-major, without index
 * arrays: the same numbers as the CSR kernels (impl.laplacianRows: neighbours summed in ascending column order in
 * double, rounded once). In the SIMD module in chunks on every thread when it is ready ({@link torusLaplacianRows}),
 * else in JavaScript.
 */
export function torusLaplacian2(plan: GraphPlan, x: Float32Array, out: Float32Array, scale: number): void {
  const L = sideOf(plan);
  if (!simdReady() || 2 * L * L >= 2 ** 31) return torusLaplacianJs(L, x, out, scale);
  stencilShares(JOB_TORUS_LAPLACIAN, L * L, L, 4, x, out, scale, 0, [0, 0], torusLaplacianRows);
}

function torusLaplacianJs(L: number, x: Float32Array, out: Float32Array, scale: number): void {
  const n = L * L;
  const cols = new Int32Array(4);
  for (let i = 0, r = 0, c = 0; i < n; i++) {
    neighbours(L, n, i, r, c, cols);
    let a0 = 0;
    let a1 = 0;
    for (let m = 0; m < 4; m++) {
      const j = cols[m]! << 1;
      a0 += x[j]!;
      a1 += x[j + 1]!;
    }
    out[2 * i] = scale * (4 * x[2 * i]! - a0);
    out[2 * i + 1] = scale * (4 * x[2 * i + 1]! - a1);
    if (++c === L) {
      c = 0;
      r++;
    }
  }
}

/**
 * The interaction's energy on the torus in the SIMD module on every thread: ring.stencilInteraction with the torus's
 * rows (`int2torus`/`en2torus` for the interior runs, `int2csr`/`en2csr` for boundary nodes). Null when the module is
 * not ready.
 */
export function torusInteraction2(
  plan: GraphPlan,
  x: Float32Array,
  gradient: Float32Array | null,
  scale: number,
  input: object | null,
): number | null {
  const L = sideOf(plan);
  return stencilInteraction(JOB_TORUS_LAPLACIAN, L * L, L, 4, x, gradient, scale, input, torusLaplacianRows);
}

/**
 * Rows [rowStart, rowEnd) of {@link torusLaplacian2} in the SIMD module (any thread; scratch at `at`, laid out by
 * ring.stencilLayout for `rowsMax` rows): per chunk x[r0 − L, r1 + L) copied in, each run of a lattice row's interior
 * nodes by the torus stencil (laptorus), each boundary node by lapcsr over a one-row CSR of its neighbours in
 * ascending global order, the result copied out. In the stencil steps' σ and key slots: the energy partials' offset and
 * the pass (`mode[0]`: L·X alone, with the energy partials, or those alone; see {@link torusInteraction2}).
 */
export function torusLaplacianRows(
  n: number,
  L: number,
  x: Float32Array,
  out: Float32Array,
  scale: number,
  partials: number,
  mode: Key,
  rowStart: number,
  rowEnd: number,
  at: number,
  rowsMax: number,
): void {
  const lay = stencilLayout(rowsMax, L, 4);
  const ex = simdExports();
  const buffer = ex.memory.buffer;
  new Float32Array(buffer, at + lay.deg, rowsMax).fill(4);
  new Int32Array(buffer, at + lay.rowPtr, 2).set([0, 4]);
  const xView = new Float32Array(buffer, at + lay.xw, 2 * (rowsMax + 2 * L + 1));
  const outView = new Float32Array(buffer, at + lay.outAt, 2 * rowsMax);
  const colView = new Int32Array(buffer, at + lay.col, 4);
  const cols = new Int32Array(4);
  const kind = mode[0];
  const prefix = kind === LX_ONLY ? "lap" : kind === WITH_ENERGY ? "int2" : "en2";
  const interior = ex[`${prefix}torus` as "int2torus"];
  const csr = ex[`${prefix}csr` as "int2csr"];
  // A block's later calls on this thread continue its partial; the share's first call starts it (langevin-wat).
  const carry = (i: number) => (i === rowStart ? 0 : 1);
  for (let r0 = rowStart; r0 < rowEnd; r0 += rowsMax) {
    const r1 = Math.min(rowEnd, r0 + rowsMax);
    const rows = r1 - r0;
    copyWindow(n, L, x, xView, r0, r1);
    const xs = (at + lay.xw - 8 * (r0 - L)) | 0;
    const deg = (at + lay.deg - 4 * r0) | 0;
    const os = (at + lay.outAt - 8 * r0) | 0;
    let r = Math.floor(r0 / L);
    let c = r0 - r * L;
    for (let i = r0; i < r1;) {
      if (r >= 1 && r <= L - 2 && c >= 1 && c <= L - 2) {
        const end = Math.min(r1, r * L + L - 1); // a run of the lattice row's interior: columns 1 … L − 2
        interior(i, end, n, L, 0, 0, deg, xs, os, scale, partials, carry(i));
        c += end - i;
        i = end;
      } else {
        boundaryColumns(L, n, i, r, c, cols, colView);
        csr(i, i + 1, r1 + L, 0, (at + lay.rowPtr - 4 * i) | 0, at + lay.col, deg, xs, os, scale, partials, carry(i));
        i++;
        c++;
      }
      if (c === L) {
        c = 0;
        r++;
      }
    }
    if (kind !== ENERGY_ALONE) out.set(outView.subarray(0, 2 * rows), 2 * r0);
  }
}
