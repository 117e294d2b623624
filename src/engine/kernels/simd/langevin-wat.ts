/**
 * WebAssembly text of the fused Langevin step for unit-weight, width-2 fields, assembled into the SIMD module of
 * simd.ts. Per group of four consecutive noise blocks:
 *
 * - `rng4`: the four blocks' Philox streams (engine/fastrandom `PhiloxStream`) in the four i32x4 lanes, one lane per
 *   block at the same counter, by the copy sweep's rounds (copy-lanes-wat `philoxLanes`): one call gives each block
 *   four draws, written lane-interleaved to a 32 KiB buffer (draw k of lane j at 16k + 4j). Each lane is exactly its
 *   block's scalar stream: the same numbers as the JavaScript loops, sixteen at a time.
 * - `fuse2*`: per row of one block, x_i − drift·(deg_i x_i − Σ_j x_j) in f64 (the neighbour sums in CSR order, or
 *   for the ring lattice's interior rows at fixed offsets — unrolled for half-widths 1 … {@link RING_UNROLLED_MAX}),
 *   then the ziggurat's fast path on the row's two draws, rounded once to float32. No f64 intermediate array: the
 *   drift part stays in registers. A miss is recorded as (element, draw, drift part) for the slow path, which the
 *   caller runs after the block in element order (so the stream continues exactly as in impl.langevinRows).
 * - `slow`: that slow path for a block's misses (fastrandom.normalMiss, restarts included), the wedge test decided by
 *   linear and Taylor bounds on exp(−x²/2) with margins far above every rounding; the rare draws that need the
 *   exact Math.log or Math.exp (the tail; a wedge too close to call) are handed back to JavaScript at the exact draw.
 *
 * Arithmetic and summation order are those of impl.ts's loops: results are bit-identical to them.
 */
import { NOISE_BLOCK_ROWS } from "../../fastrandom";
import { PHILOX_CONSTANTS, PHILOX_LOCALS, philoxLanesUnder } from "./copy-lanes-wat";
import { PURPOSE_LANES, STREAM_LOCALS, STREAM_SETUP, streamWord } from "./philox-stream-wat";

/** Largest ring half-width h with an unrolled stencil (wider rings use the stencil's loop). */
export const RING_UNROLLED_MAX = 8;

/** Bytes of one miss record: element index (i32), draw (i32), drift part (f64). */
export const MISS_RECORD_BYTES = 16;

const RNG4 = String.raw`
  ;; $count draws (even) of four Philox block streams at once, from a position that is a multiple of 4 and the same in
  ;; every lane; state: four v128 (key words, blocks, positions; lane j = stream j) at $st, the positions moved on;
  ;; draw k of lane j stored at $rb + 16k + 4j (Philox's word w of counter q of the lanes is draw 4q + w of each).
  (func (export "rng4") (param $st i32) (param $count i32) (param $rb i32)
    (local $k0 v128) (local $k1 v128) (local $blk v128) (local $q v128) (local $end i32) ${PHILOX_LOCALS}
    ${PHILOX_CONSTANTS}
    (local.set $k0 (v128.load (local.get $st)))
    (local.set $k1 (v128.load offset=16 (local.get $st)))
    (local.set $blk (v128.load offset=32 (local.get $st)))
    (local.set $q (i32x4.shr_u (v128.load offset=48 (local.get $st)) (i32.const 2)))
    (v128.store offset=48 (local.get $st) (i32x4.add (v128.load offset=48 (local.get $st)) (i32x4.splat (local.get $count))))
    (local.set $end (i32.add (local.get $rb) (i32.shl (local.get $count) (i32.const 4))))
    (block $done (loop $draws
      (br_if $done (i32.ge_u (local.get $rb) (local.get $end)))
      ${philoxLanesUnder(["(local.get $blk)", "(local.get $q)", "(v128.const i32x4 0 0 0 0)", PURPOSE_LANES], "(local.get $k0)", "(local.get $k1)")}
      (v128.store (local.get $rb) (local.get $x0))
      (v128.store offset=16 (local.get $rb) (local.get $x1))
      (if (i32.lt_u (i32.add (local.get $rb) (i32.const 32)) (local.get $end))
        (then
          (v128.store offset=32 (local.get $rb) (local.get $x2))
          (v128.store offset=48 (local.get $rb) (local.get $x3))))
      (local.set $q (i32x4.add (local.get $q) (v128.const i32x4 1 1 1 1)))
      (local.set $rb (i32.add (local.get $rb) (i32.const 64)))
      (br $draws)))
  )`;

/** $acc += x at the f32 pair at `addr` (promoted to f64). */
const addAt = (addr: string) => `(local.set $acc (f64x2.add (local.get $acc) (f64x2.promote_low_f32x4 (v128.load64_zero ${addr}))))`;

/**
 * Row i's neighbour sum in CSR order, four entries per step, then the 0 … 3 remaining entries in a branch-free tail of
 * three slots whose unused ones read the sentinel node n (x_n = (−0, −0): acc + (−0) = acc exactly, −0 included).
 * Why: the exit of a per-entry loop is mispredicted whenever the degree changes from row to row (Watts–Strogatz:
 * ≈ 0.4 ms of 1.0 at N = 10⁵); ⌊deg/4⌋ changes far less often. Reads up to 3 column entries past the last row
 * (the caller pads the column array).
 */
function csrSum(): string {
  const entry = (m: number, masked: boolean) => {
    const column = `(i32.load offset=${4 * m} (local.get $pp))`;
    const index = masked
      ? `(select ${column} (local.get $n) (i32.lt_u (i32.add (local.get $p) (i32.const ${m})) (local.get $end)))`
      : column;
    return addAt(`(i32.add (local.get $x) (i32.shl ${index} (i32.const 3)))`);
  };
  const full = [0, 1, 2, 3].map((m) => entry(m, false)).join("\n          ");
  const tail = [0, 1, 2].map((m) => entry(m, true)).join("\n        ");
  return String.raw`
        (local.set $p (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $pp (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2))))
        (block $nb (loop $next
          (br_if $nb (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $end)))
          ${full}
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (local.set $pp (i32.add (local.get $pp) (i32.const 16)))
          (br $next)))
        ${tail}`;
}
const CSR_SUM = csrSum();

/** An interior ring row's sum over i − h … i − 1, i + 1 … i + h (ascending columns, as CSR): unrolled for h > 0, else a loop over $h. */
function stencilSum(h: number): string {
  if (h === 0)
    return String.raw`
        (local.set $o (local.get $h))
        (block $lo (loop $below
          (br_if $lo (i32.eqz (local.get $o)))
          ${addAt("(i32.sub (local.get $at) (i32.shl (local.get $o) (i32.const 3)))")}
          (local.set $o (i32.sub (local.get $o) (i32.const 1)))
          (br $below)))
        (local.set $o (i32.const 1))
        (block $hi (loop $above
          (br_if $hi (i32.gt_u (local.get $o) (local.get $h)))
          ${addAt("(i32.add (local.get $at) (i32.shl (local.get $o) (i32.const 3)))")}
          (local.set $o (i32.add (local.get $o) (i32.const 1)))
          (br $above)))`;
  const lines: string[] = [];
  for (let o = h; o >= 1; o--) lines.push(addAt(`(i32.sub (local.get $at) (i32.const ${8 * o}))`));
  for (let o = 1; o <= h; o++) lines.push(addAt(`offset=${8 * o} (local.get $at)`));
  return lines.join("\n        ");
}

/**
 * {@link stencilSum} for h > 0 over a window of rows already widened to f64x2 (16 bytes a row: kernels/stencils/ring-stencil's chunk window
 * after `widen2`): the same additions in the same order, a load and an add per neighbour instead of a load, a
 * promotion and an add.
 */
function wideStencilSum(h: number): string {
  const add = (addr: string) => `(local.set $acc (f64x2.add (local.get $acc) (v128.load ${addr})))`;
  const lines: string[] = [];
  for (let o = h; o >= 1; o--) lines.push(add(`(i32.sub (local.get $at) (i32.const ${16 * o}))`));
  for (let o = 1; o <= h; o++) lines.push(add(`offset=${16 * o} (local.get $at)`));
  return lines.join("\n        ");
}

/** Rows [0, $rows) of two float32 channels at $src widened to f64x2 at $dst (exact). */
const WIDEN2 = String.raw`
  (func (export "widen2") (param $rows i32) (param $src i32) (param $dst i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $rows) (i32.const 3))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (v128.store (local.get $dst) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $src))))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $each)))
  )`;

/** An interior torus node's sum over i − L, i − 1, i + 1, i + L (ascending columns, as CSR), L = $h. */
const TORUS_SUM = [
  addAt("(i32.sub (local.get $at) (i32.shl (local.get $h) (i32.const 3)))"),
  addAt("(i32.sub (local.get $at) (i32.const 8))"),
  addAt("offset=8 (local.get $at)"),
  addAt("(i32.add (local.get $at) (i32.shl (local.get $h) (i32.const 3)))"),
].join("\n        ");

/**
 * Channel `lane` of row i: fast path into out, or a miss record (element 2i + lane, draw, drift part). The
 * ziggurat's fast-path tables interleaved at $kw, 16 bytes per low byte q of the draw: K8[q] (i32), W8[q] (f64 at + 8).
 */
const channel = (lane: number, offset: number) => String.raw`
      (local.set $r (i32.load offset=${offset} (local.get $rb)))
      (local.set $q (i32.add (local.get $kw) (i32.shl (i32.and (local.get $r) (i32.const 255)) (i32.const 4))))
      (local.set $m (i32.shr_u (local.get $r) (i32.const 8)))
      (local.set $dv (f64x2.extract_lane ${lane} (local.get $det)))
      (if (i32.lt_s (local.get $m) (i32.load (local.get $q)))
        (then
          (f32.store offset=${4 * lane} (local.get $ot)
            (f32.demote_f64 (f64.add (local.get $dv)
              (f64.mul (local.get $sigma) (f64.mul (f64.convert_i32_s (local.get $m)) (f64.load offset=8 (local.get $q))))))))
        (else
          (local.set $mp (i32.add (local.get $miss) (i32.shl (local.get $misses) (i32.const 4))))
          (i32.store (local.get $mp) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const ${lane})))
          (i32.store offset=4 (local.get $mp) (local.get $r))
          (f64.store offset=8 (local.get $mp) (local.get $dv))
          (local.set $misses (i32.add (local.get $misses) (i32.const 1)))))`;

/**
 * The end of a row in the fused passes (fuse2*, xg2): row i's two channels from the drift part in $det (fast path into
 * out, or miss records), its draws consumed, the next row; the pass returns the miss count.
 */
const NOISE_ROW = String.raw`(local.set $ot (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
      ${channel(0, 0)}
      ${channel(1, 16)}
      (local.set $rb (i32.add (local.get $rb) (i32.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
    (local.get $misses)`;

/** The kinds of row loops: CSR rows, ring rows (interior by the stencil), interior ring rows widened, torus interiors. */
type RowKind = "csr" | "ring" | "interior" | "torus";

/**
 * A row loop's parts for row i: `at` (its address in x, 8 bytes a row, or 16 widened), `sum` (the neighbours into
 * $acc), `self` (x_i as f64x2) and `degree` (f64; an interior ring row's is 2h, exact in float32, so the constant is
 * the same double the loaded one would be).
 */
function rowParts(kind: RowKind, h: number) {
  const interior = kind === "interior";
  const sum =
    kind === "ring"
      ? `(if (i32.ge_u (i32.sub (local.get $i) (local.get $h)) (i32.sub (local.get $n) (i32.shl (local.get $h) (i32.const 1))))
        (then ${CSR_SUM})
        (else ${stencilSum(h)}))`
      : interior
        ? wideStencilSum(h)
        : kind === "torus"
          ? TORUS_SUM
          : CSR_SUM;
  return {
    at: `(local.set $at (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const ${interior ? 4 : 3}))))`,
    sum,
    self: interior ? "(v128.load (local.get $at))" : "(f64x2.promote_low_f32x4 (v128.load64_zero (local.get $at)))",
    degree: interior
      ? `(f64.const ${2 * h})`
      : "(f64.promote_f32 (f32.load (i32.add (local.get $deg) (i32.shl (local.get $i) (i32.const 2)))))",
  };
}

/**
 * Rows [r0, r1) of one block: drift part and fast-path noise, draws of row i at $rb + 32(i − r0) (channel 0) and
 * + 16 (channel 1) — one lane of {@link RNG4}'s buffer. `ring`: rows h ≤ i < n − h by the stencil (h = `h`, or the
 * $h parameter when 0), the wrapping rows by CSR; x must hold the sentinel (−0, −0) at row n (see CSR_SUM). `torus`:
 * every row by the torus's interior stencil i − L, i − 1, i + 1, i + L (L = $h; the caller passes interior nodes
 * only, whose columns in that order are the CSR's). `interior`: interior ring rows only (h = `h` > 0), from x widened
 * to f64x2 (16 bytes a row, `widen2`), the degree 2h a constant. Misses appended at $miss from index $misses; returns
 * the count.
 */
function fused(name: string, kind: RowKind, h: number, rest = false): string {
  const row = rowParts(kind, h);
  // With `rest` (the rest2* passes): the drift part less step·g_i, g a second [N, 2] float32 field at $g (a sum's
  // other terms' gradient), in the same f64 registers before the noise: x' = x − drift·L x − step·g + σ ξ in one pass.
  const less = rest
    ? String.raw`(local.set $det (f64x2.sub (local.get $det) (f64x2.mul (f64x2.splat (local.get $step))
        (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 3))))))))`
    : "";
  return String.raw`
  (func (export "${name}") (param $r0 i32) (param $r1 i32) (param $n i32) (param $h i32) (param $rowPtr i32) (param $col i32)
        (param $deg i32) (param $x i32) (param $out i32) (param $rb i32) (param $kw i32) (param $drift f64)
        (param $sigma f64) (param $miss i32) (param $misses i32)${rest ? " (param $g i32) (param $step f64)" : ""} (result i32)
    (local $i i32) (local $p i32) (local $end i32) (local $o i32) (local $at i32) (local $ot i32) (local $acc v128) (local $xi v128)
    (local $det v128) (local $dv f64) (local $r i32) (local $q i32) (local $m i32) (local $mp i32) (local $pp i32)
    (local.set $i (local.get $r0))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $r1)))
      (local.set $acc (v128.const f64x2 0 0))
      ${row.at}
      ${row.sum}
      (local.set $xi ${row.self})
      (local.set $det (f64x2.sub (local.get $xi) (f64x2.mul (f64x2.splat (local.get $drift))
        (f64x2.sub (f64x2.mul (f64x2.splat ${row.degree}) (local.get $xi)) (local.get $acc)))))
      ${less}
      ${NOISE_ROW}
  )`;
}

/**
 * The noisy descent's pass (kernels/simd/simd-noisy-descent) over rows [r0, r1) of one block, two channels: the drift part
 * f64(x_i) − h·f64(g_i) (impl.noisyDescentRows' arithmetic, one rounding per op in each f64x2 lane), then the
 * ziggurat's fast path on the row's two draws as in fuse2*, misses recorded for the slow path. What the fused step
 * does with its Laplacian, with the gradient given: so the noisy descent draws four streams at a time too (rng4).
 */
const XG2 = String.raw`
  (func (export "xg2") (param $r0 i32) (param $r1 i32) (param $x i32) (param $g i32) (param $h f64) (param $out i32)
        (param $rb i32) (param $kw i32) (param $sigma f64) (param $miss i32) (param $misses i32) (result i32)
    (local $i i32) (local $ot i32) (local $det v128) (local $dv f64) (local $r i32) (local $q i32) (local $m i32) (local $mp i32)
    (local.set $i (local.get $r0))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $r1)))
      (local.set $det (f64x2.sub
        (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
        (f64x2.mul (f64x2.splat (local.get $h))
          (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 3))))))))
      ${NOISE_ROW}
  )`;

/**
 * out_i = f32(scale · (deg_i x_i − Σ_j x_j)) for rows [r0, r1), two channels, f64 sums in the CSR's order (as
 * impl.laplacianRows): `ring` takes rows h ≤ i < n − h by the stencil (h = `h`, or the $h parameter when 0) and
 * the others by CSR, `csr` every row by CSR (kernels/stencils/ring-stencil's wrapping rows, one at a time), `torus` every row by the
 * torus's interior stencil i − L, i − 1, i + 1, i + L with L the $h parameter (kernels/stencils/torus-stencil: interior runs only),
 * `interior` the ring's interior rows from x widened to f64x2 (as in {@link fused}). x must hold the sentinel
 * (−0, −0) at row n (see CSR_SUM). With `dot` (the interaction kernel, `int2*`): also Σ x_a·out_a over the elements
 * of each noise block of rows (block b = ⌊i / NOISE_BLOCK_ROWS⌋), summed in element order from 0 in f64 as
 * impl.interactionRows does, stored at $partials + 8b when the block's last row in [r0, r1) is done (a call from
 * inside a block continues its stored partial: CONTINUE_PARTIAL). Without
 * `store` (`en2*`, the energy alone): the same partials, nothing written to out.
 */
function laplacian(name: string, kind: RowKind, h: number, dot = false, store = true): string {
  const parts = rowParts(kind, h);
  const result = String.raw`(f32x4.demote_f64x2_zero (f64x2.mul (f64x2.splat (local.get $scale))
          (f64x2.sub (f64x2.mul (f64x2.splat ${parts.degree}) (local.get $xi)) (local.get $acc))))`;
  const storeAt = (value: string) =>
    store ? `(v128.store64_lane 0 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) ${value})` : "";
  // The row's two products (exact in f64: float32 × float32) added in element order, then the block's partial out.
  const row = dot
    ? String.raw`(local.set $g ${result})
      ${storeAt("(local.get $g)")}
      (local.set $prod (f64x2.mul (local.get $xi) (f64x2.promote_low_f32x4 (local.get $g))))
      (local.set $dot (f64.add (f64.add (local.get $dot) (f64x2.extract_lane 0 (local.get $prod))) (f64x2.extract_lane 1 (local.get $prod))))
      (if (i32.or (i32.eq (i32.and (local.get $i) (i32.const ${BLOCK_MASK})) (i32.const ${BLOCK_MASK}))
                  (i32.eq (i32.add (local.get $i) (i32.const 1)) (local.get $r1)))
        (then
          (f64.store (i32.add (local.get $partials) (i32.shl (i32.shr_u (local.get $i) (i32.const ${BLOCK_SHIFT})) (i32.const 3)))
            (local.get $dot))
          (local.set $dot (f64.const 0))))`
    : storeAt(result);
  return String.raw`
  (func (export "${name}") (param $r0 i32) (param $r1 i32) (param $n i32) (param $h i32) (param $rowPtr i32) (param $col i32)
        (param $deg i32) (param $x i32) (param $out i32) (param $scale f64)${dot ? " (param $partials i32) (param $carry i32)" : ""}
    (local $i i32) (local $p i32) (local $end i32) (local $o i32) (local $at i32) (local $acc v128) (local $xi v128) (local $pp i32)
    ${dot ? "(local $g v128) (local $prod v128) (local $dot f64)" : ""}
    (local.set $i (local.get $r0))
    ${dot ? CONTINUE_PARTIAL : ""}
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $r1)))
      (local.set $acc (v128.const f64x2 0 0))
      ${parts.at}
      ${parts.sum}
      (local.set $xi ${parts.self})
      ${row}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  )`;
}

/**
 * With $carry = 1, a call that starts inside a noise block continues that block's partial where an earlier call on the
 * same thread left it (the chunked ring stencil takes a block's wrapping rows, interior rows and chunks in separate
 * calls), so the block still sums in element order from its first row. A thread's first call passes 0: it starts
 * from 0 even inside a block (only a split off the blocks does that, which tests make), and never reads a partial
 * another thread may be writing.
 */
const CONTINUE_PARTIAL = String.raw`(if (i32.and (local.get $carry) (i32.ne (i32.and (local.get $r0) (i32.const ${NOISE_BLOCK_ROWS - 1})) (i32.const 0)))
      (then (local.set $dot (f64.load (i32.add (local.get $partials)
        (i32.shl (i32.shr_u (local.get $r0) (i32.const ${Math.log2(NOISE_BLOCK_ROWS)})) (i32.const 3)))))))`;

/** log2 of NOISE_BLOCK_ROWS (a power of two): the interaction's energy partials are per noise block. */
const BLOCK_SHIFT = Math.log2(NOISE_BLOCK_ROWS);
const BLOCK_MASK = NOISE_BLOCK_ROWS - 1;
if (!Number.isInteger(BLOCK_SHIFT)) throw new Error("emtd/engine/langevin-wat: NOISE_BLOCK_ROWS must be a power of two");

/** Byte offsets of the ziggurat tables the slow path reads (f64): X[0 … 128], F[0 … 128], RATIO, C and E[0 … 127]. */
export const ZIG_TABLES = { X: 0, F: 1032, RATIO: 2064, C: 3088, E: 4112, SL: 5136, IL: 6160, SH: 7184, IH: 8208, bytes: 9232 } as const;

/** Absolute margin of the linear bounds (f ≤ 1; their rounding and Math.exp's are ~10⁻¹⁶). */
export const LINEAR_MARGIN = 1e-12;

/**
 * Relative margin of the wedge test's bounds: 200× the Taylor polynomial's truncation error (≤ 4.7·10⁻¹⁰ for
 * |d| ≤ 0.366, the widest layer) and far above the rounding of both evaluations (here and Math.exp, ~10⁻¹⁵); a y
 * closer than this to exp(−x²/2) is handed back (about 10⁻⁷ of the wedge tests).
 */
const WEDGE_MARGIN = 1e-7;

/** One draw of the block's stream into $r (philox-stream-wat). */
const NEXT = streamWord("$r");

/**
 * exp(d) for |d| ≤ 0.37 by its Taylor polynomial of degree 8 in Estrin's form (short dependency chains: the slow
 * path's latency): (1 + d + d²/2! + d³/3!) + d⁴ (1/4! + d/5! + d²/6! + d³/7!) + d⁸/8!, with d² in $d2 and d⁴ in $d4.
 */
function expNear(d: string): string {
  const c = [1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 720, 1 / 5040, 1 / 40320];
  const pair = (a: number, b: number) => `(f64.add (f64.const ${a}) (f64.mul ${d} (f64.const ${b})))`;
  const quad = (k: number) => `(f64.add ${pair(c[k]!, c[k + 1]!)} (f64.mul (local.get $d2) ${pair(c[k + 2]!, c[k + 3]!)}))`;
  return `(f64.add (f64.add ${quad(0)} (f64.mul (local.get $d4) ${quad(4)})) (f64.mul (f64.mul (local.get $d4) (local.get $d4)) (f64.const ${c[8]})))`;
}

const tableAt = (table: keyof typeof ZIG_TABLES, index: string) =>
  `(f64.load offset=${ZIG_TABLES[table]} (i32.add (local.get $zt) (i32.shl ${index} (i32.const 3))))`;

const LINEAR_MARGIN_TEXT = String(LINEAR_MARGIN);

const SLOW = String.raw`
  ;; The wedge test y < exp(−x²/2) of layer $i (1 … 127) decided without exp where it is certain: exp(v) = E[i]·exp(v − C[i])
  ;; with C[i] the middle of the layer's v range and a Taylor polynomial; 1 = accept, 0 = reject, 2 = too close to call.
  (func $wedge (param $zt i32) (param $i i32) (param $x f64) (param $y f64) (result i32)
    (local $a f64) (local $d f64) (local $d2 f64) (local $d4 f64)
    ;; First the layer's linear bounds lo(x) ≤ f(x) ≤ hi(x) (chord and tangent, by the curvature's sign): one
    ;; multiply-add each, enough for most draws.
    (if (f64.lt (local.get $y) (f64.sub (f64.add (f64.mul (local.get $x) ${tableAt("SL", "(local.get $i)")}) ${tableAt("IL", "(local.get $i)")})
          (f64.const ${LINEAR_MARGIN_TEXT})))
      (then (return (i32.const 1))))
    (if (f64.gt (local.get $y) (f64.add (f64.add (f64.mul (local.get $x) ${tableAt("SH", "(local.get $i)")}) ${tableAt("IH", "(local.get $i)")})
          (f64.const ${LINEAR_MARGIN_TEXT})))
      (then (return (i32.const 0))))
    (local.set $d (f64.sub (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x)) ${tableAt("C", "(local.get $i)")}))
    (local.set $d2 (f64.mul (local.get $d) (local.get $d)))
    (local.set $d4 (f64.mul (local.get $d2) (local.get $d2)))
    (local.set $a (f64.mul ${tableAt("E", "(local.get $i)")} ${expNear("(local.get $d)")}))
    (if (f64.lt (local.get $y) (f64.mul (local.get $a) (f64.const ${1 - WEDGE_MARGIN}))) (then (return (i32.const 1))))
    (if (f64.gt (local.get $y) (f64.mul (local.get $a) (f64.const ${1 + WEDGE_MARGIN}))) (then (return (i32.const 0))))
    (i32.const 2)
  )

  ;; The ziggurat's slow path for miss records [$k, $end) of one block (fastrandom.normalMiss, then PhiloxStream.normal on
  ;; a rejected wedge), continuing the block's stream (four i32 at $st: key, block, position), out[a] = f32(det + σ z). Stops at a miss it
  ;; cannot finish without exp or log — the tail (layer 0) or a wedge too close to call — leaving the stream as it
  ;; was before that miss's draws (kind 1: redo normalMiss) or before the restarted normal's draw (kind 2: redo
  ;; normal()); the kind at $st + 16. Returns the index it stopped at ($end when done).
  (func (export "slow") (param $rec i32) (param $k i32) (param $end i32) (param $st i32) (param $zt i32) (param $out i32)
        (param $sigma f64) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $b3 i32)
    (local $r i32) (local $first i32) (local $i i32) (local $rp i32) (local $kind i32) (local $dec i32)
    (local $u f64) (local $x f64) (local $y f64) (local $z f64) (local $sign f64) ${STREAM_LOCALS}
    ${STREAM_SETUP}
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=4 (local.get $st)))
    (local.set $s2 (i32.load offset=8 (local.get $st)))
    (local.set $s3 (i32.load offset=12 (local.get $st)))
    (block $stop (loop $misses
      (br_if $stop (i32.ge_u (local.get $k) (local.get $end)))
      (local.set $rp (i32.add (local.get $rec) (i32.shl (local.get $k) (i32.const 4))))
      (local.set $first (i32.load offset=4 (local.get $rp)))
      (local.set $b3 (local.get $s3))
      (local.set $kind (i32.const 1))
      (local.set $i (i32.and (local.get $first) (i32.const 127)))
      (br_if $stop (i32.eqz (local.get $i)))
      (local.set $x (f64.mul (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $first) (i32.const 8))) (f64.const 0x1p-24))
        ${tableAt("X", "(local.get $i)")}))
      ${NEXT}
      (local.set $y (f64.add ${tableAt("F", "(local.get $i)")} (f64.mul
        (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $r) (i32.const 8))) (f64.const 0x1p-24))
        (f64.sub ${tableAt("F", "(i32.add (local.get $i) (i32.const 1))")} ${tableAt("F", "(local.get $i)")}))))
      (local.set $dec (call $wedge (local.get $zt) (local.get $i) (local.get $x) (local.get $y)))
      (br_if $stop (i32.eq (local.get $dec) (i32.const 2)))
      (if (local.get $dec)
        (then (local.set $z (select (f64.neg (local.get $x)) (local.get $x) (i32.and (local.get $first) (i32.const 128)))))
        (else
          ;; A rejected wedge: a fresh normal from the same stream (PhiloxStream.normal).
          (local.set $kind (i32.const 2))
          (block $found (loop $again
            (local.set $b3 (local.get $s3))
            ${NEXT}
            (local.set $first (local.get $r))
            (local.set $i (i32.and (local.get $first) (i32.const 127)))
            (local.set $u (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $first) (i32.const 8))) (f64.const 0x1p-24)))
            (local.set $sign (select (f64.const -1) (f64.const 1) (i32.and (local.get $first) (i32.const 128))))
            (if (f64.lt (local.get $u) ${tableAt("RATIO", "(local.get $i)")})
              (then
                (local.set $z (f64.mul (f64.mul (local.get $sign) (local.get $u)) ${tableAt("X", "(local.get $i)")}))
                (br $found)))
            (br_if $stop (i32.eqz (local.get $i)))
            (local.set $x (f64.mul (local.get $u) ${tableAt("X", "(local.get $i)")}))
            ${NEXT}
            (local.set $y (f64.add ${tableAt("F", "(local.get $i)")} (f64.mul
              (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $r) (i32.const 8))) (f64.const 0x1p-24))
              (f64.sub ${tableAt("F", "(i32.add (local.get $i) (i32.const 1))")} ${tableAt("F", "(local.get $i)")}))))
            (local.set $dec (call $wedge (local.get $zt) (local.get $i) (local.get $x) (local.get $y)))
            (br_if $stop (i32.eq (local.get $dec) (i32.const 2)))
            (if (local.get $dec) (then (local.set $z (f64.mul (local.get $sign) (local.get $x))) (br $found)))
            (br $again)))))
      (f32.store (i32.add (local.get $out) (i32.shl (i32.load (local.get $rp)) (i32.const 2)))
        (f32.demote_f64 (f64.add (f64.load offset=8 (local.get $rp)) (f64.mul (local.get $sigma) (local.get $z)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $misses)))
    ;; Stopped early: the stream as it was before the unfinished draws.
    (if (i32.lt_u (local.get $k) (local.get $end))
      (then (local.set $s3 (local.get $b3))))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=4 (local.get $st) (local.get $s1))
    (i32.store offset=8 (local.get $st) (local.get $s2))
    (i32.store offset=12 (local.get $st) (local.get $s3))
    (i32.store offset=16 (local.get $st) (local.get $kind))
    (local.get $k)
  )`;

/**
 * The functions above as module fields: rng4, fuse2csr, fuse2ring (any h), fuse2ring1 … fuse2ring{RING_UNROLLED_MAX},
 * fuse2torus, the same less step·g (rest2csr, rest2ring, rest2ring1 … rest2ring{RING_UNROLLED_MAX}),
 * slow, xg2 (the noisy descent's pass); lapcsr, lapring (any h), lapring1 … lapring{RING_UNROLLED_MAX}, laptorus; the same with the energy's block
 * partials: int2csr, int2ring, int2ring1 … int2ring{RING_UNROLLED_MAX}, int2torus; and those partials alone, the gradient
 * formed (rounded to float32, as int2* store it) but not stored: en2csr, en2ring, en2ring1 … en2ring{RING_UNROLLED_MAX},
 * en2torus. The unrolled ring passes also come as `…In1` … `…In{RING_UNROLLED_MAX}` (fuse2ringIn, lapringIn,
 * int2ringIn, en2ringIn): interior rows only, from the window widened by `widen2`.
 */
export const LANGEVIN_WAT = [
  RNG4,
  SLOW,
  fused("fuse2csr", "csr", 0),
  fused("fuse2ring", "ring", 0),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => fused(`fuse2ring${k + 1}`, "ring", k + 1)),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => fused(`fuse2ringIn${k + 1}`, "interior", k + 1)),
  WIDEN2,
  fused("fuse2torus", "torus", 0),
  fused("rest2csr", "csr", 0, true),
  fused("rest2ring", "ring", 0, true),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => fused(`rest2ring${k + 1}`, "ring", k + 1, true)),
  XG2,
  laplacian("lapcsr", "csr", 0),
  laplacian("lapring", "ring", 0),
  laplacian("laptorus", "torus", 0),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => laplacian(`lapring${k + 1}`, "ring", k + 1)),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => laplacian(`lapringIn${k + 1}`, "interior", k + 1)),
  laplacian("int2csr", "csr", 0, true),
  laplacian("int2ring", "ring", 0, true),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => laplacian(`int2ring${k + 1}`, "ring", k + 1, true)),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => laplacian(`int2ringIn${k + 1}`, "interior", k + 1, true)),
  laplacian("int2torus", "torus", 0, true),
  laplacian("en2csr", "csr", 0, true, false),
  laplacian("en2torus", "torus", 0, true, false),
  laplacian("en2ring", "ring", 0, true, false),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => laplacian(`en2ring${k + 1}`, "ring", k + 1, true, false)),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => laplacian(`en2ringIn${k + 1}`, "interior", k + 1, true, false)),
].join("\n");

/**
 * The functions the ring's chunked fused step runs (rng4, slow, fuse2csr for the wrapping rows, widen2 and the
 * widened interior passes fuse2ringIn1 … fuse2ringIn{RING_UNROLLED_MAX}): also assembled into simd-heap's module,
 * where the calling thread runs its share inside tfjs-wasm's memory (kernels/stencils/ring-heap). The same text as above.
 */
export const RING_STEP_WAT = [
  RNG4,
  SLOW,
  fused("fuse2csr", "csr", 0),
  ...Array.from({ length: RING_UNROLLED_MAX }, (_, k) => fused(`fuse2ringIn${k + 1}`, "interior", k + 1)),
  WIDEN2,
].join("\n");
