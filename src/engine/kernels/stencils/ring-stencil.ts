/**
 * The Langevin (ULA) step on a structured ring lattice (ring:N:2h, the plan's `structure`) without index arrays:
 * row i's neighbours are i ± 1 … i ± h (mod N), read at fixed offsets. Made for sizes whose CSR would not fit
 * (ring:10⁸:10 has 10⁹ adjacency entries): the only arrays of size N are the field and its update.
 *
 * The WebAssembly module (simd.ts) has a 32-bit memory, so the rows go through it in chunks: for rows [r0, r1)
 * (r0 a multiple of the noise block, NOISE_BLOCK_ROWS), x[r0 − h, r1 + h) is copied in (wrapping around at the ends),
 * the fused step of simd.simdLangevin2 runs there block group by block group (four streams in SIMD lanes, one pass
 * per block for the drift and the ziggurat's fast path, the misses in the module's slow path), with the interior rows
 * by the fixed-offset stencil (for h ≤ RING_UNROLLED_MAX over the window widened to f64x2 once per chunk, `widen2`:
 * a load and an add per neighbour; ring:10⁷:10, alternating in one process: one thread 131.6 → 115.3 ms, two threads
 * 72.2 → 65.4 ms, min of 24 steps) and the wrapping rows by a one-row CSR, and the result is copied out. Without the module
 * the same arithmetic runs in JavaScript.
 *
 * Bit-identical to the CSR kernels (impl.langevinRows, simd.simdLangevin2) for the same key, chunk size aside:
 * every row sums its neighbours in ascending column order in double (the wrapping rows, whose ascending order is
 * not the stencil's, from their sorted columns), the drift is kept in double and rounded once with the noise, and
 * each noise block draws from its own stream (key, block) in element order.
 */
import type { Key } from "../../random";
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import { ArgumentError } from "../../../errors";
import type { GraphPlan } from "../loops/graph-plan";
import { ringStencilOn, simdExports, simdReady, simdScratch } from "../simd/simd-module";
import { FUSED_SCRATCH, fusedBlocks, fusedScratchAt } from "../simd/simd-langevin";
import { RING_UNROLLED_MAX } from "../simd/langevin-wat";
import { blockSum } from "../simd/simd-rows";
import { ringLangevinJs, ringLaplacianJs } from "./ring-loops";
import { jobKind } from "../threads/worker-jobs";
import { rowCuts, runShares, shareProgress, type Staging, stagedField, swapStaging, threadCount } from "../threads/pool";

/** The chunked ring stencil's Langevin step ({@link ringLangevinRows}; stencil-jobs runs it on a worker). */
export const JOB_RING = jobKind(6, "langevin (ring stencil)");
/** The ring stencil's L·X in the SIMD module ({@link ringLaplacianRows}). */
export const JOB_RING_LAPLACIAN = jobKind(8, "laplacian (ring stencil)");

const WHERE = "emtd/engine/ring";

/** Rows per chunk through the module's memory: 64 noise blocks (≈ 2.5 MB of scratch at h = 5, see {@link ringScratchBytes}). */
export const RING_CHUNK_ROWS = 64 * NOISE_BLOCK_ROWS;

let chunkRows = RING_CHUNK_ROWS;

/**
 * Set the rows per chunk (a positive multiple of NOISE_BLOCK_ROWS; tests force small chunks to cross their
 * boundaries); returns the previous value.
 *
 * @example
 * ```ts
 * const before = setRingChunkRows(2048); // two noise blocks per chunk
 * setRingChunkRows(before); // → 2048
 * ```
 */
export function setRingChunkRows(rows: number): number {
  if (!Number.isInteger(rows) || rows < NOISE_BLOCK_ROWS || rows % NOISE_BLOCK_ROWS !== 0) {
    throw new ArgumentError(WHERE, "rows", `a positive multiple of ${NOISE_BLOCK_ROWS}`, rows);
  }
  const previous = chunkRows;
  chunkRows = rows;
  return previous;
}

/** The rows per chunk now ({@link setRingChunkRows}); kernels/stencils/torus-stencil chunks its rows by the same setting. */
export function ringChunkRowsNow(): number {
  return chunkRows;
}

/**
 * h when the stencil step applies to this plan and field width: a ring-lattice plan (no index arrays) with N > 4h
 * (interior rows exist), two channels, the stencil switched on (simd.setRingStencilEnabled); else 0 and the CSR
 * kernels run (building the CSR on first read).
 */
export function ringStencilWidth(plan: GraphPlan, channels: number): number {
  const s = plan.structure;
  if (s === undefined || s.kind !== "ring" || channels !== 2 || !ringStencilOn()) return 0;
  return plan.n > 4 * s.halfWidth ? s.halfWidth : 0;
}

/** h of a ring-lattice plan; a plan of another kind here is a caller's bug (typed, not a misread). */
function halfWidthOf(plan: GraphPlan): number {
  const s = plan.structure;
  if (s?.kind !== "ring") throw new ArgumentError(WHERE, "plan", "a structured ring lattice", s?.kind ?? "no structure");
  return s.halfWidth;
}

/**
 * out = x − drift·L x + σ ξ(key) on the ring lattice of `plan` ({@link ringStencilWidth} > 0), x and out [N, 2]
 * row-major: the same numbers as the CSR kernels. Uses the WebAssembly module in chunks of the configured rows
 * when it is ready, else the JavaScript loop. `local`: the calling thread's rows (kernels/stencils/ring-heap's, inside
 * tfjs-wasm's memory, on that backend); the workers run {@link ringLangevinRows}.
 */
export function ringLangevin2(
  plan: GraphPlan,
  x: Float32Array,
  out: Float32Array,
  drift: number,
  sigma: number,
  key: Key,
  input: object | null = null,
  local: StencilRows = ringLangevinRows,
): Staging | null {
  const h = halfWidthOf(plan);
  const n = plan.n;
  if (!simdReady() || 2 * n >= 2 ** 31) {
    ringLangevinJs(n, h, x, out, drift, sigma, key);
    return null;
  }
  return stencilShares(JOB_RING, n, h, 2 * h, x, out, drift, sigma, key, local, input);
}

/** A thread's share of a chunked stencil step (ringLangevinRows, torus.torusLangevinRows). */
export type StencilRows = (
  n: number,
  margin: number,
  x: Float32Array,
  out: Float32Array,
  drift: number,
  sigma: number,
  key: Key,
  rowStart: number,
  rowEnd: number,
  at: number,
  rowsMax: number,
) => void;

/**
 * A chunked stencil step over the threads (kernels/threads/pool): rows split on noise blocks, each share with its own
 * scratch in the module's shared memory (`margin` rows of neighbours each side, `width` neighbours a row); the
 * workers read a shared copy of x and write a shared result, the calling thread its share from x into out directly.
 * Bit-identical whatever the thread count: every block draws from its own stream and every row sums in the CSR's order.
 *
 * `input` names the tensor x is the values of (its tfjs dataId; null when unknown). Returns the staging buffers when
 * workers took part — their `out` holds the result on the workers' rows (`heldRows`), and the caller marks `holder`
 * with the output tensor's dataId, so that the next step from that tensor copies in only the rows the workers read
 * from the calling thread's share — or null on one thread. `partials` (an energy pass): that many bytes are reserved
 * after the shares' scratch, their offset written to `partials.at` and passed to the rows in the σ slot.
 */
export function stencilShares(
  kind: number,
  n: number,
  margin: number,
  width: number,
  x: Float32Array,
  out: Float32Array,
  drift: number,
  sigma: number,
  key: Key,
  rows: StencilRows,
  input: object | null = null,
  partials: { bytes: number; at: number } | null = null,
): Staging | null {
  const rowsMax = Math.min(chunkRows, Math.ceil(n / NOISE_BLOCK_ROWS) * NOISE_BLOCK_ROWS);
  const bytes = stencilLayout(rowsMax, margin, width, (kind === JOB_RING || kind === JOB_RING_LAPLACIAN) && widens(margin)).bytes;
  const extra = partials?.bytes ?? 0;
  // The ring's passes share one split (a step finds the rows an energy pass left staged), the calling thread's share
  // smaller: it also copies the workers' rows out.
  const ring = (kind === JOB_RING || kind === JOB_RING_LAPLACIAN) && widens(margin) && simdReady();
  let cuts = rowCuts(n, n * (width + 1), ring ? Math.max(0.1, 1 - COPY_OUT_PER_ROW * (threadCount() - 1)) : 1);
  // The staging first: in the module's memory, its growth moves what lies above it (simd.simdStaging).
  const staged = cuts.length > 2 ? stagedField(2 * n) : null;
  let scratch = simdScratch(bytes * (cuts.length - 1) + extra);
  if (scratch === null && cuts.length > 2) [cuts, scratch] = [[0, n], simdScratch(bytes + extra)];
  if (scratch === null) throw new ArgumentError(WHERE, "n", "a field whose chunk scratch fits the SIMD module's memory", n);
  const at = scratch.at;
  // An energy pass (ringInteraction2) has no σ: the slot carries its partials' offset, after the shares' scratch.
  if (partials !== null) sigma = partials.at = at + bytes * (cuts.length - 1);
  if (cuts.length <= 2) {
    rows(n, margin, x, out, drift, sigma, key, 0, n, at, rowsMax);
    return null;
  }
  // The workers read rows [c1 − margin, n) and, wrapping, [0, margin): the shared copy needs those. When the staged
  // result is the previous step's on the same split (its worker rows), it becomes the copy and only the rows of the
  // calling thread's share that workers read are copied in.
  const c1 = cuts[1]!;
  const stage = staged!;
  const kept = input !== null && stage.holder === input && stage.heldRows[0] === c1 && stage.heldRows[1] === n;
  if (kept) swapStaging();
  stage.holder = null;
  const copyIn = (r0: number, r1: number) => stage.x.set(x.subarray(2 * r0, 2 * r1), 2 * r0);
  copyIn(Math.max(0, c1 - margin), kept ? c1 : n);
  copyIn(0, Math.min(margin, c1));
  stencilStats[kept ? "kept" : "copied"]++;
  // Workers that report their rows (the ring's step on a field staged in the module's memory, kernels/stencils/ring-direct):
  // once its own share is done, the calling thread copies their rows out as they come instead of all after them.
  const follows = ring && kind === JOB_RING && stage.inModule && out.length > 0;
  const copied = cuts.slice(1, -1); // share w's rows [cuts[w], copied[w − 1]) are in out
  const copyOut = (w: number, to: number) => {
    out.set(stage.out.subarray(2 * copied[w - 1]!, 2 * to), 2 * copied[w - 1]!);
    copied[w - 1] = to;
  };
  runShares(kind, cuts, [n, margin, at, bytes, rowsMax, drift, sigma, key[0], key[1]], (r0, r1) => {
    rows(n, margin, x, out, drift, sigma, key, r0, r1, at, rowsMax);
    if (follows) for (let w = 1; w < cuts.length - 1; w++) followShare(w, cuts[w + 1]!, copied[w - 1]!, copyOut);
    return 0;
  });
  // The rest (an energy alone writes no rows).
  if (out.length > 0) for (let w = 1; w < cuts.length - 1; w++) copyOut(w, cuts[w + 1]!);
  stage.heldRows = [c1, n];
  return stage;
}

/**
 * Copy share w's rows out as its worker reports them (pool.shareProgress), from row `from` until row `to`, the worker
 * done, or a second without progress (a stalled worker is the watchdog's to report: runShares waits for it next).
 */
function followShare(w: number, to: number, from: number, copyOut: (w: number, to: number) => void): void {
  for (let done = from, idle = 0; done < to && idle < 1000;) {
    const p = shareProgress(w, done, 5);
    if (p.rows > done) [done, idle] = [p.rows, 0];
    else idle += 5;
    copyOut(w, done);
    if (p.finished) return;
  }
}

/**
 * The calling thread's copy of a worker's row out of the staging against its own row's step: ring:10⁷:10 on two
 * threads, 7.0 ms for the worker's 5·10⁶ rows against 52 ms for its own 4.9·10⁶ (1.4 against 10.6 ns a row). It also
 * copies the workers' rows out, so its share of a followed step weighs 1 − 0.13 (P − 1) times a worker's (0.87 on two
 * threads: measured in one process against 1, 0.9, 0.85 and 0.8, min of 24 steps 55.3, 53.1, 53.4, 55.5 ms; beyond
 * two threads an extrapolation).
 */
const COPY_OUT_PER_ROW = 0.13;

/** Chunked stencil steps on several threads that found the workers' rows staged (`kept`) or copied them (tests). */
export const stencilStats = { kept: 0, copied: 0 };

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * Byte offsets of a chunked stencil step's scratch in the module (from the scratch start), for chunks of `rows` rows,
 * `margin` rows of neighbours on each side (the ring's h, the torus's L) and `width` neighbours per row: the fused
 * step's scratch (simd.FusedScratch), the degrees and the output over a chunk, x over the chunk's window
 * [r0 − margin, r1 + margin) plus one sentinel row, one wrapping row's CSR (row pointers, `width` columns + 3 read past
 * the end by the pass's tail). With `wide` (the ring's fused step at h ≤ RING_UNROLLED_MAX), also the window widened
 * to f64x2 (`xw64`, 16 bytes a row), which its interior pass reads. Independent of N. Shared with kernels/stencils/torus-stencil.
 */
export function stencilLayout(rows: number, margin: number, width: number, wide = false) {
  const deg = FUSED_SCRATCH;
  const xw = deg + align(4 * rows);
  const outAt = xw + align(8 * (rows + 2 * margin + 1));
  const rowPtr = outAt + align(8 * rows);
  const col = rowPtr + 16;
  const xw64 = col + align(4 * (width + 3));
  const end = wide ? xw64 + 16 * (rows + 2 * margin) : xw64;
  // Whole cache lines per share (threads' scratch regions lie side by side: see fused.FUSED_SCRATCH).
  return { deg, xw, outAt, rowPtr, col, xw64, bytes: Math.ceil(end / 64) * 64 };
}

/** Whether the ring's fused step at half-width h widens its window (its interior pass is unrolled for h). */
export const widens = (h: number) => h <= RING_UNROLLED_MAX;

/**
 * Bytes of the chunked step's scratch in the WebAssembly module for half-width h at `rows` rows per chunk (default
 * {@link RING_CHUNK_ROWS}): independent of N.
 *
 * @example
 * ```ts
 * ringScratchBytes(5); // → 2536960 (≈ 2.5 MB at the default chunk, any N: the window widened to f64x2 is 1 MB of it)
 * ```
 */
export function ringScratchBytes(h: number, rows: number = RING_CHUNK_ROWS): number {
  return stencilLayout(rows, h, 2 * h, widens(h)).bytes;
}

/**
 * The chunked WebAssembly path over rows [rowStart, rowEnd) (rowStart on a noise block's boundary), with its scratch
 * at byte `at` of the module's memory ({@link stencilLayout} for `rowsMax` rows), on any thread. Per chunk of rows
 * [r0, r1): x[r0 − h, r1 + h) copied into the module (wrapping around at the ends), then simd.fusedBlocks over the chunk's noise blocks, with the pass's pointers shifted (i32
 * arithmetic wraps) so that global row i addresses the chunk's copies: interior rows by the fused ring stencil, the
 * 2h wrapping rows one at a time by the fused CSR pass over a one-row CSR whose columns are the row's neighbours in
 * ascending global order, written as their offsets i ± o into the window; the result copied out.
 */
export function ringLangevinRows(
  n: number,
  h: number,
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
  const wide = widens(h);
  const lay = stencilLayout(rowsMax, h, 2 * h, wide);
  const ex = simdExports();
  const f = fusedScratchAt(at);
  const buffer = ex.memory.buffer;
  new Float32Array(buffer, at + lay.deg, rowsMax).fill(2 * h);
  new Int32Array(buffer, at + lay.rowPtr, 2).set([0, 2 * h]);
  const xView = new Float32Array(buffer, at + lay.xw, 2 * (rowsMax + 2 * h + 1));
  const outView = new Float32Array(buffer, at + lay.outAt, 2 * rowsMax);
  const colView = new Int32Array(buffer, at + lay.col, 2 * h);
  const cols = new Int32Array(2 * h);
  // Unrolled h: the interior pass reads the window widened to f64x2 once per chunk (the same sums, fewer instructions).
  const interior = wide ? ex[`fuse2ringIn${h}`] : ex.fuse2ring;
  for (let r0 = rowStart; r0 < rowEnd; r0 += rowsMax) {
    const r1 = Math.min(rowEnd, r0 + rowsMax);
    const rows = r1 - r0;
    copyWindow(n, h, x, xView, r0, r1); // window row L is global row r0 − h + L (mod N), then the sentinel row
    if (wide) ex.widen2(rows + 2 * h, at + lay.xw, at + lay.xw64);
    // Bases shifted so that row i (unwrapped, r0 − h ≤ i < r1 + h) is at base + 8i (+ 16i widened), its degree at deg + 4i.
    const xs = (at + lay.xw - 8 * (r0 - h)) | 0;
    const xs64 = (at + lay.xw64 - 16 * (r0 - h)) | 0;
    const deg = (at + lay.deg - 4 * r0) | 0;
    const os = (at + lay.outAt - 8 * r0) | 0;
    const sentinel = r1 + h;
    const wrapping = (i: number, draws: number, misses: number) => {
      wrappingColumns(n, h, i, cols, colView);
      const rowPtr = (at + lay.rowPtr - 4 * i) | 0;
      return ex.fuse2csr(i, i + 1, sentinel, h, rowPtr, at + lay.col, deg, xs, os, draws, f.kw, drift, sigma, f.groupMiss, misses);
    };
    const inner: InteriorRows = (i0, i1, draws, misses) =>
      interior(i0, i1, n, h, 0, 0, deg, wide ? xs64 : xs, os, draws, f.kw, drift, sigma, f.groupMiss, misses);
    fusedBlocks(f, key, r0, r1, sigma, os, outView, 2 * r0, (a, b, draws, misses) =>
      ringBlockRows(n, h, a, b, draws, misses, wrapping, inner),
    );
    out.set(outView.subarray(0, 2 * rows), 2 * r0);
  }
}

/** The fused pass over interior rows [i0, i1), their draws from `draws` on; returns the new miss count. */
export type InteriorRows = (i0: number, i1: number, draws: number, misses: number) => number;

/**
 * A noise block's rows [a, b) of the ring's fused step (row i's draws at draws + 32 (i − a)): the wrapping rows
 * (i < h, i ≥ n − h) one at a time by `wrapping`, the interior ones in one call of `interior`. Returns the miss count.
 * Shared by the chunked step here and its direct form (kernels/stencils/ring-direct).
 */
export function ringBlockRows(
  n: number,
  h: number,
  a: number,
  b: number,
  draws: number,
  misses: number,
  wrapping: (i: number, draws: number, misses: number) => number,
  interior: InteriorRows,
): number {
  let i = a;
  for (const end = Math.min(b, h); i < end; i++) misses = wrapping(i, draws + 32 * (i - a), misses);
  const end = Math.min(b, n - h);
  if (i < end) {
    misses = interior(i, end, draws + 32 * (i - a), misses);
    i = end;
  }
  for (; i < b; i++) misses = wrapping(i, draws + 32 * (i - a), misses);
  return misses;
}

/**
 * Rows from which the Langevin step, L·X and the interaction kernels take the stencil on a structured ring (below,
 * they build the CSR on first use and run the SIMD loops; the fused Langevin step there has its own stencil for the
 * interior rows and runs as fast as the chunked one, 0.89 against 0.91 ms at N = 10⁵): in cache the SIMD loop of L·X is 2–3× faster than this JavaScript stencil
 * (0.72 against 1.7–2.1 ms at N = 10⁵), from 10⁶ rows both are memory-bound and equal (21 ms), and the stencil
 * saves the index arrays.
 */
export const RING_LAPLACIAN_MIN_ROWS = 2 ** 20;

let laplacianMinRows = RING_LAPLACIAN_MIN_ROWS;

/**
 * Set the rows from which L·X and the interaction kernels take the ring stencil, and the Langevin step the ring's
 * and the torus's (kernels/stencils/torus-stencil) stencils (tests force it at small N); returns the previous value.
 *
 * @example
 * ```ts
 * const before = setRingLaplacianMinRows(0); // the stencil at every size
 * setRingLaplacianMinRows(before); // → 0
 * ```
 */
export function setRingLaplacianMinRows(rows: number): number {
  if (!Number.isInteger(rows) || rows < 0) throw new ArgumentError(WHERE, "rows", "an integer ≥ 0", rows);
  const previous = laplacianMinRows;
  laplacianMinRows = rows;
  return previous;
}

/**
 * The rows from which the stencils run now ({@link setRingLaplacianMinRows}): the ring's L·X, interaction and
 * Langevin step, and the torus's Langevin step (kernels/stencils/torus-stencil).
 */
export function stencilMinRows(): number {
  return laplacianMinRows;
}

/** Whether L·X and the interaction kernels take {@link ringLaplacian2} for this plan and width (see above). */
export function ringLaplacianApplies(plan: GraphPlan, channels: number): boolean {
  return ringStencilWidth(plan, channels) > 0 && (plan.n >= laplacianMinRows || !simdReady());
}

/**
 * out = scale · L x on the ring lattice of `plan` ({@link ringStencilWidth} > 0), x and out [N, 2] row-major, without
 * index arrays: the same numbers as the CSR kernels (impl.laplacianRows, simd-rows.simdLaplacian2), neighbours
 * summed in ascending column order in double, rounded once. In the SIMD module in chunks on every thread when it is
 * ready ({@link ringLaplacianRows}), else in JavaScript. Returns Σ_a x_a·out_a in element order when `dot` is asked
 * for (else 0): on the calling thread, after the shares, so that it is the same whatever the thread count. (The
 * interaction kernel sums its energy per noise block instead, and asks for no dot.)
 */
export function ringLaplacian2(plan: GraphPlan, x: Float32Array, out: Float32Array, scale: number, dot = true): number {
  const h = halfWidthOf(plan);
  const n = plan.n;
  if (!simdReady() || 2 * n >= 2 ** 31) return ringLaplacianJs(n, h, x, out, scale);
  stencilShares(JOB_RING_LAPLACIAN, n, h, 2 * h, x, out, scale, 0, [0, 0], ringLaplacianRows);
  if (!dot) return 0;
  let sum = 0;
  for (let a = 0; a < 2 * n; a++) sum += x[a]! * out[a]!;
  return sum;
}

const NO_ROWS = new Float32Array(0);

/**
 * The interaction's energy on the ring lattice in the SIMD module on every thread: ∇H = scale·L x written into
 * `gradient` (null: not stored, the energy alone), and Σ_a x_a·∇H_a / 2 summed per noise block in element order (the
 * module's `int2*`/`en2*` passes, a block's separate calls continuing its partial) and over the blocks in order: the
 * numbers of interaction.blockwiseDot over the CSR kernels, whatever the thread count. Null when the module is not
 * ready (the caller takes the JavaScript stencil). With `gradient` null and `input` (x's tfjs dataId) the field the
 * fused step left in the workers' staged rows is read there and left there for the next step.
 */
export function ringInteraction2(
  plan: GraphPlan,
  x: Float32Array,
  gradient: Float32Array | null,
  scale: number,
  input: object | null,
): number | null {
  const h = halfWidthOf(plan);
  return stencilInteraction(JOB_RING_LAPLACIAN, plan.n, h, 2 * h, x, gradient, scale, input, ringLaplacianRows);
}

/**
 * The energy pass of a chunked stencil (`rows`: the ring's or the torus's L·X rows, job `kind`), as
 * {@link ringInteraction2} describes it: block partials on every thread, summed over the blocks in order; the energy
 * alone reads a kept field from the staged rows and leaves it there. Null when the module is not ready.
 */
export function stencilInteraction(
  kind: number,
  n: number,
  margin: number,
  width: number,
  x: Float32Array,
  gradient: Float32Array | null,
  scale: number,
  input: object | null,
  rows: StencilRows,
): number | null {
  if (!simdReady() || 2 * n >= 2 ** 31) return null;
  const blocks = Math.ceil(n / NOISE_BLOCK_ROWS);
  const partials = { bytes: 8 * blocks, at: 0 };
  const alone = gradient === null;
  const mode = alone ? ENERGY_ALONE : WITH_ENERGY;
  const stage = stencilShares(kind, n, margin, width, x, gradient ?? NO_ROWS, scale, 0, [mode, 0], rows, alone ? input : null, partials);
  if (stage !== null && alone && input !== null) {
    // The staged x holds the field on the workers' rows (kept or copied in) and out is untouched: swap them back, so
    // that the next fused step from this tensor finds its rows where it left them.
    swapStaging();
    stage.holder = input;
  }
  return blockSum(new Float64Array(simdExports().memory.buffer, partials.at, blocks)) / 2;
}

/**
 * What a chunked L·X pass also forms (in the key slot of JOB_RING_LAPLACIAN and JOB_TORUS_LAPLACIAN): nothing, the
 * energy partials with ∇H, or those alone.
 */
export const LX_ONLY = 0;
export const WITH_ENERGY = 1;
export const ENERGY_ALONE = 2;

/**
 * Rows [rowStart, rowEnd) of {@link ringLaplacian2} in the SIMD module (any thread; scratch at `at`, laid out by
 * {@link stencilLayout} for `rowsMax` rows): per chunk x[r0 − h, r1 + h) copied in, the interior rows by the
 * unrolled stencil (lapring*), the 2h wrapping rows one at a time by lapcsr over a one-row CSR of their neighbours in
 * ascending global order, the result copied out. In the stencil steps' σ and key slots: the energy partials' offset
 * and the pass (`mode[0]`: L·X alone, with the energy partials (int2*), or the partials alone (en2*, nothing stored or
 * copied out); see {@link ringInteraction2}).
 */
export function ringLaplacianRows(
  n: number,
  h: number,
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
  const wide = widens(h);
  const lay = stencilLayout(rowsMax, h, 2 * h, wide);
  const ex = simdExports();
  const buffer = ex.memory.buffer;
  const kind = mode[0];
  new Float32Array(buffer, at + lay.deg, rowsMax).fill(2 * h);
  new Int32Array(buffer, at + lay.rowPtr, 2).set([0, 2 * h]);
  const xView = new Float32Array(buffer, at + lay.xw, 2 * (rowsMax + 2 * h + 1));
  const outView = new Float32Array(buffer, at + lay.outAt, 2 * rowsMax);
  const colView = new Int32Array(buffer, at + lay.col, 2 * h);
  const cols = new Int32Array(2 * h);
  const prefix = kind === LX_ONLY ? "lap" : kind === WITH_ENERGY ? "int2" : "en2";
  const interior = ex[(wide ? `${prefix}ringIn${h}` : `${prefix}ring`) as "int2ring"];
  const csr = ex[`${prefix}csr` as "int2csr"];
  // A block's later calls on this thread continue its partial; the share's first call starts it (langevin-wat).
  const carry = (i: number) => (i === rowStart ? 0 : 1);
  for (let r0 = rowStart; r0 < rowEnd; r0 += rowsMax) {
    const r1 = Math.min(rowEnd, r0 + rowsMax);
    const rows = r1 - r0;
    copyWindow(n, h, x, xView, r0, r1);
    if (wide) ex.widen2(rows + 2 * h, at + lay.xw, at + lay.xw64);
    const xs = (at + lay.xw - 8 * (r0 - h)) | 0;
    const xs64 = (at + lay.xw64 - 16 * (r0 - h)) | 0;
    const deg = (at + lay.deg - 4 * r0) | 0;
    const os = (at + lay.outAt - 8 * r0) | 0;
    const wrapping = (i: number) => {
      wrappingColumns(n, h, i, cols, colView);
      csr(i, i + 1, r1 + h, h, (at + lay.rowPtr - 4 * i) | 0, at + lay.col, deg, xs, os, scale, partials, carry(i));
    };
    let i = r0;
    for (const end = Math.min(r1, h); i < end; i++) wrapping(i);
    const end = Math.min(r1, n - h);
    if (i < end) {
      interior(i, end, n, h, 0, 0, deg, wide ? xs64 : xs, os, scale, partials, carry(i));
      i = end;
    }
    for (; i < r1; i++) wrapping(i);
    if (kind !== ENERGY_ALONE) out.set(outView.subarray(0, 2 * rows), 2 * r0);
  }
}

/**
 * x[r0 − h, r1 + h) (rows mod n) into the window, then the sentinel (−0, −0) the CSR pass's tail reads (the ring's
 * h, the torus's L: kernels/stencils/torus-stencil).
 */
export function copyWindow(n: number, h: number, x: Float32Array, xView: Float32Array, r0: number, r1: number): void {
  let L = 0;
  for (let g = r0 - h, end = r1 + h; g < end;) {
    const gm = ((g % n) + n) % n;
    const len = Math.min(end - g, n - gm);
    xView.set(x.subarray(2 * gm, 2 * (gm + len)), 2 * L);
    L += len;
    g += len;
  }
  xView.fill(-0, 2 * L, 2 * L + 2);
}

/** Wrapping row i's neighbours in ascending global order, written as their unwrapped offsets into the window. */
function wrappingColumns(n: number, h: number, i: number, cols: Int32Array, colView: Int32Array): void {
  for (let o = 1; o <= h; o++) {
    cols[o - 1] = (i - o + n) % n;
    cols[h + o - 1] = (i + o) % n;
  }
  cols.sort();
  for (let m = 0; m < 2 * h; m++) {
    const c = cols[m]!;
    colView[m] = c - i > h ? c - n : i - c > h ? c + n : c;
  }
}
