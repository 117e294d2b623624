/**
 * A small WebAssembly SIMD module for the two hottest loops of unit-weight, width-2 fields (the benchmark's case):
 * the CSR row sums of L·X and the ziggurat's fast path. Written in WebAssembly text (below, in this repository)
 * and assembled at start-up by `wabt` (the WebAssembly Binary Toolkit compiled to JS, from npm) — no binary is
 * committed. V8's JavaScript loops pay a bounds check per typed-array access and cannot pair the two channels;
 * here one 64-bit load brings both channels of a neighbour (f32x2 promoted to f64x2), measured ≈2× faster.
 * The Langevin step runs four noise blocks' generators in the four i32x4 lanes and fuses the drift with the
 * ziggurat's fast path in one pass per block (langevin-wat.ts): 1.35 → 1.02 ms at ring:100000:10 on this machine.
 *
 * Arithmetic is the same IEEE double arithmetic in the same order as the JavaScript loops in impl.ts (one rounding
 * to float32 at the end), so the results are bit-identical to them, on every tfjs backend and thread count.
 *
 * The module owns its memory: the CSR plan of the graph in use is copied in once (one resident plan; another
 * graph replaces it), X is copied in and the result out at every call (≈0.03 ms at N = 10⁵).
 */
import type { Key } from "../random";
import { NOISE_BLOCK_ROWS, normalMiss, PURPOSE_NORMAL, PURPOSE_UNIFORM, Xoshiro128, ZIGGURAT, ZIGGURAT_FAST } from "../fastrandom";
import type { GraphPlan } from "./plan";
import { LANGEVIN_WAT, MISS_RECORD_BYTES, RING_UNROLLED_MAX, xoshiroNext, ZIG_TABLES } from "./langevin-wat";
import { assembleWat } from "./wat";

const WAT = String.raw`
(module
  (memory (export "memory") 1)

  ;; out[i] = scale · (deg_i x_i − Σ_j x_j), two channels, unit weights; f64 sums in CSR order.
  (func (export "lap2") (param $n i32) (param $rowPtr i32) (param $col i32) (param $deg i32) (param $x i32)
        (param $out i32) (param $scale f64)
    (local $i i32) (local $p i32) (local $end i32) (local $acc v128) (local $xi v128) (local $d f64)
    (local.set $p (i32.load (local.get $rowPtr)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $end (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $acc (v128.const f64x2 0 0))
      (block $nb (loop $next
        (br_if $nb (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.promote_low_f32x4 (v128.load64_zero
          (i32.add (local.get $x) (i32.shl (i32.load (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2)))) (i32.const 3)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
      (local.set $xi (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))))
      (local.set $d (f64.promote_f32 (f32.load (i32.add (local.get $deg) (i32.shl (local.get $i) (i32.const 2))))))
      (v128.store64_lane 0 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
        (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.splat (local.get $scale))
          (f64x2.sub (f64x2.mul (f64x2.splat (local.get $d)) (local.get $xi)) (local.get $acc)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  )

  ;; out[a] = f32(det[a] + sigma · z_a) for every element, z from xoshiro128** block streams (states: 4 × i32 per
  ;; block, updated in place) through the ziggurat's fast path (k8: 256 × i32, w8: 256 × f64). Misses are listed
  ;; as (a, bits) pairs at $miss, in order, and left for the caller; returns their count.
  (func (export "noise") (param $total i32) (param $perBlock i32) (param $states i32) (param $k8 i32) (param $w8 i32)
        (param $det i32) (param $out i32) (param $sigma f64) (param $miss i32) (result i32)
    (local $a i32) (local $end i32) (local $st i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $r i32) (local $t i32) (local $q i32) (local $m i32) (local $misses i32)
    (local.set $st (local.get $states))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $a) (local.get $total)))
      (local.set $end (i32.add (local.get $a) (local.get $perBlock)))
      (if (i32.gt_u (local.get $end) (local.get $total)) (then (local.set $end (local.get $total))))
      (local.set $s0 (i32.load (local.get $st)))
      (local.set $s1 (i32.load offset=4 (local.get $st)))
      (local.set $s2 (i32.load offset=8 (local.get $st)))
      (local.set $s3 (i32.load offset=12 (local.get $st)))
      (block $bd (loop $elems
        (br_if $bd (i32.ge_u (local.get $a) (local.get $end)))
        ${xoshiroNext("$r")}
        (local.set $q (i32.and (local.get $r) (i32.const 255)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 8)))
        (if (i32.lt_s (local.get $m) (i32.load (i32.add (local.get $k8) (i32.shl (local.get $q) (i32.const 2)))))
          (then
            (f32.store (i32.add (local.get $out) (i32.shl (local.get $a) (i32.const 2)))
              (f32.demote_f64 (f64.add (f64.load (i32.add (local.get $det) (i32.shl (local.get $a) (i32.const 3))))
                (f64.mul (local.get $sigma) (f64.mul (f64.convert_i32_s (local.get $m))
                  (f64.load (i32.add (local.get $w8) (i32.shl (local.get $q) (i32.const 3))))))))))
          (else
            (i32.store (i32.add (local.get $miss) (i32.shl (local.get $misses) (i32.const 3))) (local.get $a))
            (i32.store offset=4 (i32.add (local.get $miss) (i32.shl (local.get $misses) (i32.const 3))) (local.get $r))
            (local.set $misses (i32.add (local.get $misses) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $elems)))
      (i32.store (local.get $st) (local.get $s0))
      (i32.store offset=4 (local.get $st) (local.get $s1))
      (i32.store offset=8 (local.get $st) (local.get $s2))
      (i32.store offset=12 (local.get $st) (local.get $s3))
      (local.set $st (i32.add (local.get $st) (i32.const 16)))
      (br $blocks)))
    (local.get $misses)
  )

  ;; One colour of the Ising checkerboard on the padded int8 lattice at $lat (side L + 2, see impl.padSpins) for
  ;; rows [0, L): row r's xoshiro128** state is at $states + 16 r (seeded by the caller), one draw per site of the
  ;; colour in column order; accept when (bits >>> 8) < thr[s·h + 4] (thr: 9 × i32). Returns the flips.
  (func (export "ising") (param $L i32) (param $colour i32) (param $lat i32) (param $thr i32) (param $states i32) (result i32)
    (local $r i32) (local $W i32) (local $a i32) (local $end i32) (local $st i32) (local $flips i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $bits i32) (local $t i32) (local $s i32) (local $sh i32)
    (local.set $W (i32.add (local.get $L) (i32.const 2)))
    (local.set $st (local.get $states))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $L)))
      (local.set $s0 (i32.load (local.get $st)))
      (local.set $s1 (i32.load offset=4 (local.get $st)))
      (local.set $s2 (i32.load offset=8 (local.get $st)))
      (local.set $s3 (i32.load offset=12 (local.get $st)))
      (local.set $a (i32.add (i32.add (local.get $lat) (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $W)))
        (i32.add (i32.const 1) (i32.and (i32.add (local.get $r) (local.get $colour)) (i32.const 1)))))
      (local.set $end (i32.add (i32.add (local.get $lat) (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $W)))
        (i32.add (i32.const 1) (local.get $L))))
      (block $rd (loop $sites
        (br_if $rd (i32.ge_u (local.get $a) (local.get $end)))
        ${xoshiroNext("$bits")}
        (local.set $s (i32.load8_s (local.get $a)))
        (local.set $sh (i32.mul (local.get $s) (i32.add
          (i32.add (i32.load8_s (i32.sub (local.get $a) (local.get $W))) (i32.load8_s (i32.add (local.get $a) (local.get $W))))
          (i32.add (i32.load8_s (i32.sub (local.get $a) (i32.const 1))) (i32.load8_s offset=1 (local.get $a))))))
        (if (i32.lt_s (i32.shr_u (local.get $bits) (i32.const 8))
                      (i32.load offset=16 (i32.add (local.get $thr) (i32.shl (local.get $sh) (i32.const 2)))))
          (then
            (i32.store8 (local.get $a) (i32.sub (i32.const 0) (local.get $s)))
            (local.set $flips (i32.add (local.get $flips) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 2)))
        (br $sites)))
      (local.set $st (i32.add (local.get $st) (i32.const 16)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
    (local.get $flips)
  )
  ;; The observables of the padded lattice at $lat (ghosts current): H = −Σ s (s_right + s_down) (each bond once)
  ;; at $out and M = Σ s at $out + 4. Sixteen sites per step: s·(right + down) as (nb ^ m) − m with m = s >> 7
  ;; (s = ±1), widened pairwise into i32 lanes; a scalar tail for rows whose length is not a multiple of 16.
  (func (export "isingObs") (param $L i32) (param $lat i32) (param $out i32)
    (local $r i32) (local $W i32) (local $row i32) (local $c i32) (local $a i32) (local $s v128) (local $nb v128)
    (local $m v128) (local $accB v128) (local $accM v128) (local $bonds i32) (local $mag i32) (local $sv i32)
    (local.set $W (i32.add (local.get $L) (i32.const 2)))
    (local.set $r (i32.const 1))
    (block $done (loop $rows
      (br_if $done (i32.gt_u (local.get $r) (local.get $L)))
      (local.set $row (i32.add (local.get $lat) (i32.add (i32.mul (local.get $r) (local.get $W)) (i32.const 1))))
      (local.set $c (i32.const 0))
      (block $vend (loop $vec
        (br_if $vend (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $L)))
        (local.set $a (i32.add (local.get $row) (local.get $c)))
        (local.set $s (v128.load align=1 (local.get $a)))
        (local.set $nb (i8x16.add (v128.load offset=1 align=1 (local.get $a)) (v128.load align=1 (i32.add (local.get $a) (local.get $W)))))
        (local.set $m (i8x16.shr_s (local.get $s) (i32.const 7)))
        (local.set $nb (i8x16.sub (v128.xor (local.get $nb) (local.get $m)) (local.get $m)))
        (local.set $accB (i32x4.add (local.get $accB) (i32x4.extadd_pairwise_i16x8_s (i16x8.extadd_pairwise_i8x16_s (local.get $nb)))))
        (local.set $accM (i32x4.add (local.get $accM) (i32x4.extadd_pairwise_i16x8_s (i16x8.extadd_pairwise_i8x16_s (local.get $s)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $vec)))
      (block $tend (loop $tail
        (br_if $tend (i32.ge_u (local.get $c) (local.get $L)))
        (local.set $a (i32.add (local.get $row) (local.get $c)))
        (local.set $sv (i32.load8_s (local.get $a)))
        (local.set $mag (i32.add (local.get $mag) (local.get $sv)))
        (local.set $bonds (i32.add (local.get $bonds) (i32.mul (local.get $sv)
          (i32.add (i32.load8_s offset=1 (local.get $a)) (i32.load8_s (i32.add (local.get $a) (local.get $W)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
    (local.set $bonds (i32.add (local.get $bonds)
      (i32.add (i32.add (i32x4.extract_lane 0 (local.get $accB)) (i32x4.extract_lane 1 (local.get $accB)))
               (i32.add (i32x4.extract_lane 2 (local.get $accB)) (i32x4.extract_lane 3 (local.get $accB))))))
    (local.set $mag (i32.add (local.get $mag)
      (i32.add (i32.add (i32x4.extract_lane 0 (local.get $accM)) (i32x4.extract_lane 1 (local.get $accM)))
               (i32.add (i32x4.extract_lane 2 (local.get $accM)) (i32x4.extract_lane 3 (local.get $accM))))))
    (i32.store (local.get $out) (i32.sub (i32.const 0) (local.get $bonds)))
    (i32.store offset=4 (local.get $out) (local.get $mag))
  )
${LANGEVIN_WAT}
)
`;

/** The parts of the WebAssembly API used here (the project's TypeScript lib has no DOM/WebAssembly typings). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const Wasm = (globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> } })
  .WebAssembly;

export interface Exports {
  memory: WasmMemory;
  lap2(n: number, rowPtr: number, col: number, deg: number, x: number, out: number, scale: number): void;
  noise(
    total: number,
    perBlock: number,
    states: number,
    k8: number,
    w8: number,
    det: number,
    out: number,
    sigma: number,
    miss: number,
  ): number;
  rng4(states: number, count: number, draws: number): void;
  slow(records: number, from: number, end: number, state: number, tables: number, out: number, sigma: number): number;
  [fuse: `fuse2${string}`]: (
    r0: number,
    r1: number,
    n: number,
    h: number,
    rowPtr: number,
    col: number,
    deg: number,
    x: number,
    out: number,
    draws: number,
    kw: number,
    drift: number,
    sigma: number,
    miss: number,
    misses: number,
  ) => number;
  ising(L: number, colour: number, lattice: number, thresholds: number, states: number): number;
  isingObs(L: number, lattice: number, out: number): void;
}

let simd: Exports | null = null;
let tried = false;

/**
 * Assemble and instantiate the module (once; async because wabt's loader is). Returns false, and the JavaScript
 * loops stay in use, when wabt is not installed, SIMD is unavailable or `EMTD_SIMD=0`.
 */
export async function prepareSimd(): Promise<boolean> {
  if (tried) return simd !== null;
  tried = true;
  if (process.env.EMTD_SIMD === "0") return false;
  try {
    const { instance } = await Wasm.instantiate(await assembleWat("emtd-simd.wat", WAT));
    simd = instance.exports as unknown as Exports;
    layout = null;
    return true;
  } catch {
    simd = null;
    return false;
  }
}

/** True when the SIMD loops are ready (after {@link prepareSimd}) and not switched off. */
export function simdReady(): boolean {
  return simd !== null && enabled;
}

let enabled = true;

/** Switch the SIMD loops off or on (tests compare both paths). */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

let ringStencilEnabled = true;

/** Switch the ring-lattice stencil off or on (tests compare it with the CSR loop). */
export function setRingStencilEnabled(on: boolean): void {
  ringStencilEnabled = on;
}

/** Whether the ring-lattice stencil is on (kernels/ring reads it too). */
export function ringStencilOn(): boolean {
  return ringStencilEnabled;
}

/**
 * The module's exports and its memory grown to hold `bytes` of scratch from the returned offset (after the resident
 * plan, which stays), for kernels laid out in other files (kernels/ring). Null when the SIMD loops are not ready.
 */
export function simdScratch(bytes: number): { ex: Exports; at: number } | null {
  if (!simdReady()) return null;
  const ex = simd!;
  const at = Math.ceil((layout ? layoutEnd : 0) / 16) * 16;
  const need = at + bytes - ex.memory.buffer.byteLength;
  try {
    if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  } catch {
    return null; // past the 32-bit memory's 4 GiB (beside a large resident plan): the caller takes its JS loop
  }
  return { ex, at };
}

/**
 * Whether {@link simdNoisyDescent} on a [rows, channels] field fits beside the resident plan (it grows the memory
 * to what it needs now; false, and the caller takes the JavaScript loop, past the 32-bit memory's 4 GiB).
 */
export function simdNoisyDescentFits(rows: number, channels: number): boolean {
  return simdScratch(20 * rows * channels + 16 * Math.ceil(rows / NOISE_BLOCK_ROWS) + 4096) !== null;
}

const ringWidths = new WeakMap<GraphPlan, number>();

/**
 * h when the plan is the ring lattice ring:N:2h with unit weights (row i's columns are exactly (i ± 1 … i ± h) mod N,
 * sorted, and N > 4h so that interior rows exist and no two offsets collide), else 0. O(E) once per plan.
 */
export function ringHalfWidth(plan: GraphPlan): number {
  const s = plan.structure;
  if (s !== undefined && s.kind === "ring") return plan.weight === null && plan.n > 4 * s.halfWidth ? s.halfWidth : 0;
  if (s !== undefined) return 0; // another structure (the torus): not a ring, known without reading its arrays
  const known = ringWidths.get(plan);
  if (known !== undefined) return known;
  const { n, rowPtr, col } = plan;
  const h = n > 0 ? (rowPtr[1]! - rowPtr[0]!) / 2 : 0;
  let ok = plan.weight === null && h >= 1 && Number.isInteger(h) && n > 4 * h;
  const want = new Int32Array(2 * h);
  for (let i = 0; ok && i < n; i++) {
    if (rowPtr[i + 1]! - rowPtr[i]! !== 2 * h) {
      ok = false;
      break;
    }
    for (let o = 1; o <= h; o++) {
      want[o - 1] = (i - o + n) % n;
      want[h + o - 1] = (i + o) % n;
    }
    want.sort();
    for (let m = 0; m < 2 * h; m++) if (col[rowPtr[i]! + m] !== want[m]) ok = false;
  }
  const width = ok ? h : 0;
  ringWidths.set(plan, width);
  return width;
}

/** Can this plan/field take the SIMD path? Unit weights, width 2, and it fits a 32-bit wasm memory. */
export function simdApplies(plan: GraphPlan, channels: number): boolean {
  return simdReady() && channels === 2 && plan.weight === null && bytesFor(plan) < 3.5 * 2 ** 30;
}

interface Layout {
  plan: GraphPlan;
  rowPtr: number;
  col: number;
  deg: number;
  x: number;
  out: number;
  /** The fused step's scratch (after the plan's arrays). */
  fused: FusedScratch;
}

/** Rows of a group of four noise blocks (the fused step's unit of work). */
const GROUP_ROWS = 4 * NOISE_BLOCK_ROWS;

/**
 * Offsets of the fused step's scratch in the module's memory ({@link FUSED_SCRATCH} bytes, independent of N): the
 * four lanes' xoshiro128** states (SoA), a group's draws, a group's miss records, the slow path's ziggurat tables
 * (ZIG_TABLES) and its scalar stream state + stop kind, K8 and W8 interleaved (16 bytes per entry) for the pass.
 */
export interface FusedScratch {
  lanes: number;
  draws: number;
  groupMiss: number;
  zig: number;
  slowState: number;
  kw: number;
}

/** Bytes of {@link FusedScratch} (every part a multiple of 16). */
export const FUSED_SCRATCH = 64 + 4 * 2 * GROUP_ROWS + MISS_RECORD_BYTES * 2 * GROUP_ROWS + ZIG_TABLES.bytes + 32 + 16 * 256;

/** Lay the fused step's scratch out from byte `at` (a multiple of 16) and write its tables. */
export function fusedScratchAt(at: number): FusedScratch {
  const f: FusedScratch = {
    lanes: at,
    draws: at + 64,
    groupMiss: at + 64 + 4 * 2 * GROUP_ROWS,
    zig: at + 64 + 4 * 2 * GROUP_ROWS + MISS_RECORD_BYTES * 2 * GROUP_ROWS,
    slowState: at + FUSED_SCRATCH - 16 * 256 - 32,
    kw: at + FUSED_SCRATCH - 16 * 256,
  };
  const buffer = simd!.memory.buffer;
  writeZigguratTables(buffer, f.zig);
  const kw = new DataView(buffer, f.kw, 16 * 256);
  for (let q = 0; q < 256; q++) {
    kw.setInt32(16 * q, ZIGGURAT_FAST.K8[q]!, true);
    kw.setFloat64(16 * q + 8, ZIGGURAT_FAST.W8[q]!, true);
  }
  return f;
}

let layout: Layout | null = null;
let layoutEnd = 0; // first free byte after the resident plan's region

function bytesFor(plan: GraphPlan): number {
  const n = plan.n;
  // rowPtr, col (+ tail), deg, x (+ sentinel), out, the fused scratch, alignment slack.
  return 4 * (n + 1) + 4 * plan.col.length + 16 + 4 * n + 8 * n + 16 + 8 * n + FUSED_SCRATCH + 1024;
}

/** Make `plan` the resident one: lay out the memory and copy the CSR arrays in (O(N + E), once per plan). */
function residentLayout(plan: GraphPlan): Layout {
  if (layout && layout.plan === plan) return layout;
  const ex = simd!;
  const n = plan.n;
  let offset = 0;
  const take = (bytes: number) => {
    const at = offset;
    offset += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const l: Omit<Layout, "fused"> = {
    plan,
    rowPtr: take(4 * (n + 1)),
    col: take(4 * plan.col.length + 16), // + 16: the fused CSR sum's tail reads up to 3 entries past the end
    deg: take(4 * n),
    x: take(8 * n + 16), // + the fused step's sentinel row n = (−0, −0)
    out: take(8 * n),
  };
  const fusedAt = take(FUSED_SCRATCH);
  const need = offset - ex.memory.buffer.byteLength;
  if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  layoutEnd = offset;
  const buffer = ex.memory.buffer;
  new Int32Array(buffer, l.rowPtr, n + 1).set(plan.rowPtr);
  new Int32Array(buffer, l.col, plan.col.length).set(plan.col);
  new Float32Array(buffer, l.deg, n).set(plan.degree);
  new Float32Array(buffer, l.x + 8 * n, 2).fill(-0);
  layout = { ...l, fused: fusedScratchAt(fusedAt) };
  return layout;
}

/** out = scale · L x for a unit-weight plan and x [N, 2] (see {@link simdApplies}). */
export function simdLaplacian2(plan: GraphPlan, x: Float32Array, out: Float32Array, scale: number): void {
  const l = residentLayout(plan);
  const ex = simd!;
  const n = plan.n;
  new Float32Array(ex.memory.buffer, l.x, 2 * n).set(x.subarray(0, 2 * n));
  ex.lap2(n, l.rowPtr, l.col, l.deg, l.x, l.out, scale);
  out.set(new Float32Array(ex.memory.buffer, l.out, 2 * n));
}

/**
 * out = x − drift·L x + σ ξ for a unit-weight plan and x [N, 2], with ξ the same draws as impl.langevinRows (block
 * streams of `key`). Per group of four blocks: the four streams drawn together in SIMD lanes (rng4), then per block
 * one fused pass (drift part and the ziggurat's fast path, fuse2*), then the block's misses here in element order,
 * continuing its stream (see langevin-wat.ts). Bit-identical to the JavaScript loops.
 */
export function simdLangevin2(plan: GraphPlan, x: Float32Array, out: Float32Array, drift: number, sigma: number, key: Key): void {
  const l = residentLayout(plan);
  const ex = simd!;
  const n = plan.n;
  const buffer = ex.memory.buffer;
  new Float32Array(buffer, l.x, 2 * n).set(x.subarray(0, 2 * n));
  const h = ringStencilEnabled ? ringHalfWidth(plan) : 0;
  const pass = h === 0 ? ex.fuse2csr : h <= RING_UNROLLED_MAX ? ex[`fuse2ring${h}`] : ex.fuse2ring;
  const f = l.fused;
  const outView = new Float32Array(buffer, l.out, 2 * n);
  fusedBlocks(f, key, n, 0, Math.ceil(n / NOISE_BLOCK_ROWS), sigma, l.out, outView, 0, (r0, r1, draws, misses) =>
    pass(r0, r1, n, h, l.rowPtr, l.col, l.deg, l.x, l.out, draws, f.kw, drift, sigma, f.groupMiss, misses),
  );
  out.set(outView);
}

/**
 * The fused pass over rows [r0, r1) of one noise block (within it, consecutive calls continue one another): row i's
 * two draws at `draws` + 32 (i − r0) and + 16, misses appended to the group's records from index `misses`; returns
 * the new count.
 */
export type FusedRowsPass = (r0: number, r1: number, draws: number, misses: number) => number;

/**
 * Noise blocks [b0, b1) of an N-row fused Langevin step (see {@link simdLangevin2}): per group of up to four blocks,
 * their streams (key, b) drawn together in the four SIMD lanes (rng4), then per block `pass` over its rows and the
 * block's misses in element order, continuing its stream — in the module (`slow`, writing element a at out + 4a,
 * i32 arithmetic: `out` may be a shifted base), with the rare draws that need exp or log here (into outView[a − base]).
 */
export function fusedBlocks(
  f: FusedScratch,
  key: Key,
  n: number,
  b0: number,
  b1: number,
  sigma: number,
  out: number,
  outView: Float32Array,
  base: number,
  pass: FusedRowsPass,
): void {
  const ex = simd!;
  const buffer = ex.memory.buffer;
  const lanes = new Int32Array(buffer, f.lanes, 16);
  const records = new Int32Array(buffer, f.groupMiss, (MISS_RECORD_BYTES / 4) * 2 * GROUP_ROWS);
  const driftParts = new Float64Array(buffer, f.groupMiss, (MISS_RECORD_BYTES / 8) * 2 * GROUP_ROWS);
  const slowState = new Int32Array(buffer, f.slowState, 5);
  const blocks = Math.ceil(n / NOISE_BLOCK_ROWS);
  const partial = new Int32Array(4); // the state of a short last block, taken when its draws end
  for (let g0 = b0; g0 < b1; g0 += 4) {
    const count = Math.min(4, b1 - g0);
    for (let j = 0; j < count; j++) {
      const s = new Xoshiro128(key, g0 + j, PURPOSE_NORMAL);
      lanes[j] = s.s0;
      lanes[4 + j] = s.s1;
      lanes[8 + j] = s.s2;
      lanes[12 + j] = s.s3;
    }
    // Only the array's last block can be short; its stream must stop after its own draws (the slow path goes on).
    const lastRows = g0 + count === blocks ? n - (blocks - 1) * NOISE_BLOCK_ROWS : NOISE_BLOCK_ROWS;
    const longest = count > 1 ? NOISE_BLOCK_ROWS : lastRows;
    ex.rng4(f.lanes, 2 * lastRows, f.draws);
    for (let w = 0; w < 4; w++) partial[w] = lanes[4 * w + count - 1]!;
    if (longest > lastRows) ex.rng4(f.lanes, 2 * (longest - lastRows), f.draws + 16 * 2 * lastRows);
    let misses = 0;
    for (let j = 0; j < count; j++) {
      const r0 = (g0 + j) * NOISE_BLOCK_ROWS;
      const r1 = Math.min(n, r0 + NOISE_BLOCK_ROWS);
      const from = misses;
      misses = pass(r0, r1, f.draws + 4 * j, misses);
      if (misses === from) continue;
      // The block's misses in element order, continuing its stream: in the module, with the rare draws that need
      // exp or log (the tail, a wedge too close to call) here.
      const state = j === count - 1 ? partial : [lanes[j]!, lanes[4 + j]!, lanes[8 + j]!, lanes[12 + j]!];
      slowState.set(state);
      for (let k = ex.slow(f.groupMiss, from, misses, f.slowState, f.zig, out, sigma); k < misses;) {
        const stream = missStream;
        stream.s0 = slowState[0]!;
        stream.s1 = slowState[1]!;
        stream.s2 = slowState[2]!;
        stream.s3 = slowState[3]!;
        const z = slowState[4] === 1 ? normalMiss(stream, records[4 * k + 1]!) : stream.normal();
        slowPathStops[slowState[4] === 1 ? "miss" : "restart"]++;
        outView[(records[4 * k]! - base) | 0] = driftParts[2 * k + 1]! + sigma * z;
        slowState.set([stream.s0, stream.s1, stream.s2, stream.s3]);
        k = ex.slow(f.groupMiss, k + 1, misses, f.slowState, f.zig, out, sigma);
      }
    }
  }
}

/**
 * The draws alone of {@link simdLangevin2}'s step for `plan` (every block stream seeded from `key`, four at a time
 * in SIMD lanes, into scratch): what the random-number generation costs, for the benchmark's profile.
 */
export function simdLangevinDraws(plan: GraphPlan, key: Key): void {
  const l = residentLayout(plan);
  const ex = simd!;
  const lanes = new Int32Array(ex.memory.buffer, l.fused.lanes, 16);
  const blocks = Math.ceil(plan.n / NOISE_BLOCK_ROWS);
  for (let b0 = 0; b0 < blocks; b0 += 4) {
    for (let j = 0; j < Math.min(4, blocks - b0); j++) {
      const s = new Xoshiro128(key, b0 + j, PURPOSE_NORMAL);
      lanes[j] = s.s0;
      lanes[4 + j] = s.s1;
      lanes[8 + j] = s.s2;
      lanes[12 + j] = s.s3;
    }
    ex.rng4(l.fused.lanes, 2 * Math.min(NOISE_BLOCK_ROWS, plan.n - b0 * NOISE_BLOCK_ROWS), l.fused.draws);
  }
}

/** The slow path's tables: X, F, RATIO of the ziggurat and, per layer, the middle C of its exponent range and e^C. */
function writeZigguratTables(buffer: ArrayBuffer, at: number): void {
  const { X, F, RATIO } = ZIGGURAT;
  new Float64Array(buffer, at + ZIG_TABLES.X, 129).set(X);
  new Float64Array(buffer, at + ZIG_TABLES.F, 129).set(F);
  new Float64Array(buffer, at + ZIG_TABLES.RATIO, 128).set(RATIO);
  const C = new Float64Array(buffer, at + ZIG_TABLES.C, 128);
  const E = new Float64Array(buffer, at + ZIG_TABLES.E, 128);
  for (let i = 1; i < 128; i++) {
    C[i] = -(X[i]! * X[i]! + X[i + 1]! * X[i + 1]!) / 4;
    E[i] = Math.exp(C[i]!);
  }
  // Linear bounds of f(x) = exp(−x²/2) on the wedge [X[i+1], X[i]]: the chord and the tangent at the middle. f is
  // convex for x ≥ 1 (chord above, tangent below) and concave for x ≤ 1 (the reverse); the layer across x = 1 gets
  // bounds that decide nothing (the Taylor test decides it).
  const SL = new Float64Array(buffer, at + ZIG_TABLES.SL, 128);
  const IL = new Float64Array(buffer, at + ZIG_TABLES.IL, 128);
  const SH = new Float64Array(buffer, at + ZIG_TABLES.SH, 128);
  const IH = new Float64Array(buffer, at + ZIG_TABLES.IH, 128);
  for (let i = 0; i < 128; i++) {
    const [a, b] = [X[i + 1]!, X[i]!];
    const chordSlope = (F[i]! - F[i + 1]!) / (b - a);
    const chord = [chordSlope, F[i + 1]! - chordSlope * a] as const;
    const m = (a + b) / 2;
    const fm = Math.exp(-0.5 * m * m);
    const tangent = [-m * fm, fm + m * m * fm] as const;
    const [lo, hi] = i === 0 || (a < 1 && b > 1) ? [[0, -1] as const, [0, 2] as const] : a >= 1 ? [tangent, chord] : [chord, tangent];
    [SL[i], IL[i], SH[i], IH[i]] = [lo[0], lo[1], hi[0], hi[1]];
  }
}

const missStream = new Xoshiro128([0, 0], 0, PURPOSE_NORMAL);

/** Misses the module's slow path left to JavaScript (exp or log needed), by kind, since start-up (tests read them). */
export const slowPathStops = { miss: 0, restart: 0 };

/**
 * `sweeps` checkerboard sweeps (colour 0 then 1) on a padded int8 lattice, in the module's memory: the same draws
 * and decisions as impl.isingColourRows (row r of colour c uses the stream (keyOf(t), c·L + r)). The lattice is
 * copied in and back (it must not be the module's memory). Returns the flips. Layout: after the resident plan's
 * region, so a graph plan stays resident. With `observables`, also writes [H, M] of the final lattice there
 * (as impl.isingObservables, in SIMD).
 */
export function simdIsingSweeps(
  lattice: Int8Array,
  L: number,
  threshold: Int32Array,
  sweeps: number,
  keyOf: (t: number) => Key,
  refresh: (padded: Int8Array, L: number) => void,
  observables?: Int32Array,
): number {
  const ex = simd!;
  const base = layout ? layoutEnd : 0;
  const cells = (L + 2) * (L + 2);
  const lat = base;
  const thr = lat + Math.ceil(cells / 16) * 16;
  const states = thr + 64;
  const obs = states + 16 * L;
  const end = obs + 16;
  const need = end - ex.memory.buffer.byteLength;
  if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  const buffer = ex.memory.buffer;
  const view = new Int8Array(buffer, lat, cells);
  view.set(lattice);
  new Int32Array(buffer, thr, 9).set(threshold);
  const seeds = new Int32Array(buffer, states, 4 * L);
  let flips = 0;
  for (let t = 0; t < sweeps; t++) {
    const k = keyOf(t);
    for (let colour = 0; colour < 2; colour++) {
      for (let r = 0; r < L; r++) {
        const s = new Xoshiro128(k, colour * L + r, PURPOSE_UNIFORM);
        seeds[4 * r] = s.s0;
        seeds[4 * r + 1] = s.s1;
        seeds[4 * r + 2] = s.s2;
        seeds[4 * r + 3] = s.s3;
      }
      flips += ex.ising(L, colour, lat, thr, states);
      refresh(view, L);
    }
  }
  if (observables) {
    ex.isingObs(L, lat, obs);
    observables.set(new Int32Array(buffer, obs, 2));
  }
  lattice.set(view);
  return flips;
}

/**
 * out = f32(x − h·g + σ ξ) for any [rows, C] field: x − h·g in double here, the noise's fast path in the module,
 * the misses' slow path here, in the order of impl.noisyDescentRows (bit-identical to it).
 */
export function simdNoisyDescent(
  x: Float32Array,
  g: Float32Array,
  out: Float32Array,
  channels: number,
  rows: number,
  h: number,
  sigma: number,
  key: Key,
): void {
  const ex = simd!;
  const total = rows * channels;
  const blocks = Math.ceil(rows / NOISE_BLOCK_ROWS);
  const align = (b: number) => Math.ceil(b / 16) * 16;
  const det = align(layout ? layoutEnd : 0);
  const outAt = det + align(8 * total);
  const states = outAt + align(4 * total);
  const k8 = states + align(16 * blocks);
  const w8 = k8 + 1024;
  const miss = w8 + 2048;
  const need = miss + 8 * total - ex.memory.buffer.byteLength;
  if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  const buffer = ex.memory.buffer;
  const d = new Float64Array(buffer, det, total);
  for (let a = 0; a < total; a++) d[a] = x[a]! - h * g[a]!;
  new Int32Array(buffer, k8, 256).set(ZIGGURAT_FAST.K8);
  new Float64Array(buffer, w8, 256).set(ZIGGURAT_FAST.W8);
  const st = new Int32Array(buffer, states, 4 * blocks);
  const streams: Xoshiro128[] = [];
  for (let b = 0; b < blocks; b++) {
    const s = new Xoshiro128(key, b, PURPOSE_NORMAL);
    streams.push(s);
    st.set([s.s0, s.s1, s.s2, s.s3], 4 * b);
  }
  const perBlock = NOISE_BLOCK_ROWS * channels;
  const misses = ex.noise(total, perBlock, states, k8, w8, det, outAt, sigma, miss);
  out.set(new Float32Array(buffer, outAt, total));
  if (misses === 0) return;
  for (let b = 0; b < blocks; b++) {
    const s = streams[b]!;
    s.s0 = st[4 * b]!;
    s.s1 = st[4 * b + 1]!;
    s.s2 = st[4 * b + 2]!;
    s.s3 = st[4 * b + 3]!;
  }
  const list = new Int32Array(buffer, miss, 2 * misses);
  for (let k = 0; k < misses; k++) {
    const a = list[2 * k]!;
    out[a] = d[a]! + sigma * normalMiss(streams[Math.floor(a / perBlock)]!, list[2 * k + 1]!);
  }
}
