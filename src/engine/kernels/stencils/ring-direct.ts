/**
 * The ring's chunked fused step over rows whose field lies in the module's own memory: the window widened to f64x2
 * straight from x and the result written straight into out, where ring.ringLangevinRows copies the window in and the
 * result out. Two callers: the calling thread's share inside tfjs-wasm's memory (kernels/stencils/ring-heap: x and out are the
 * tensors' values), and a worker's share in kernels/simd/simd-module's memory when the pool stages the field there (simd.simdStaging).
 * The same passes on the same values in the same order: bit-identical to ring.ringLangevinRows.
 */
import type { Key } from "../../random";
import { type FusedModule, fusedBlocks, fusedScratchAt } from "../simd/simd-langevin";
import { type InteriorRows, ringBlockRows, stencilLayout } from "./ring-stencil";

/**
 * Rows [rowStart, rowEnd) of the ring's fused step with x and out on the module's own memory (byte offsets from the
 * views), scratch at `at` ({@link stencilLayout} for `rowsMax` rows, widened). Per chunk [r0, r1): rows
 * [max(0, r0 − h), min(n, r1 + h)) widened into the scratch (the interior rows read no further), the interior rows
 * by fuse2ringIn{h}, the 2h wrapping rows by fuse2csr over a one-row CSR of their neighbours' global indices in
 * ascending order (x's own rows; the CSR tail's sentinel is a (−0, −0) row in the scratch, addressed from x), the
 * result written into out where it belongs; then `chunkDone(r1)` (a worker reports its progress: pool.shareProgress).
 */
export function directLangevinRows(
  ex: FusedModule,
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
  chunkDone: ((rows: number) => void) | null = null,
): void {
  const lay = stencilLayout(rowsMax, h, 2 * h, true);
  const f = fusedScratchAt(at, ex);
  const buffer = ex.memory.buffer;
  new Float32Array(buffer, at + lay.deg, rowsMax).fill(2 * h);
  new Int32Array(buffer, at + lay.rowPtr, 2).set([0, 2 * h]);
  // The sentinel row (−0, −0) in the window's slot (unused here), as a row index from x (i32 arithmetic wraps).
  new Float32Array(buffer, at + lay.xw, 2).fill(-0);
  const xp = x.byteOffset;
  const op = out.byteOffset;
  const sentinel = (at + lay.xw - xp) / 8;
  const colView = new Int32Array(buffer, at + lay.col, 2 * h);
  const interior = ex[`fuse2ringIn${h}`]!;
  for (let r0 = rowStart; r0 < rowEnd; r0 += rowsMax) {
    const r1 = Math.min(rowEnd, r0 + rowsMax);
    const lo = Math.max(0, r0 - h);
    ex.widen2(Math.min(n, r1 + h) - lo, xp + 8 * lo, at + lay.xw64);
    const xs64 = (at + lay.xw64 - 16 * lo) | 0;
    const deg = (at + lay.deg - 4 * r0) | 0;
    const wrapping = (i: number, draws: number, misses: number) => {
      for (let o = 1; o <= h; o++) {
        colView[o - 1] = (i - o + n) % n;
        colView[h + o - 1] = (i + o) % n;
      }
      colView.sort();
      const rowPtr = (at + lay.rowPtr - 4 * i) | 0;
      return ex.fuse2csr(i, i + 1, sentinel, h, rowPtr, at + lay.col, deg, xp, op, draws, f.kw, drift, sigma, f.groupMiss, misses);
    };
    const inner: InteriorRows = (i0, i1, draws, misses) =>
      interior(i0, i1, n, h, 0, 0, deg, xs64, op, draws, f.kw, drift, sigma, f.groupMiss, misses);
    fusedBlocks(f, key, r0, r1, sigma, op, out, 0, (a, b, draws, misses) => ringBlockRows(n, h, a, b, draws, misses, wrapping, inner), ex);
    chunkDone?.(r1);
  }
}
