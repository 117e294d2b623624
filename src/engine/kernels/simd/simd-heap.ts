/**
 * WebAssembly SIMD loops that run inside tfjs-wasm's own memory, for the kernels of the autodiff path on the wasm
 * backend: the incidence pair (`EmtdEdgeDifferences` B·X, `EmtdIncidenceTranspose` Bᵀ·Y, kernels/configs/incidence-kernel), the row
 * broadcast [R, 1] → [R, C] of `EmtdBroadcast` (kernels/configs/broadcast-kernel), `EmtdSquareGradient` (kernels/configs/square-gradient-kernel), and for tfjs's own wasm kernels (kernels/configs/autodiff-overrides) the
 * the binary ops of a column with rows, [R, 1] ∘ [R, C] or [R, C] ∘ [R, 1] (`Add`, `Sub`, `Multiply`, `RealDiv`), the sum over a last axis of size 2 (`Sum`), row
 * gathers (`GatherV2`) and their gradient, the scatter-add `UnsortedSegmentSum` (which tfjs-wasm lacks).
 *
 * Why: these are gathers and scatters of 10⁶ floats at E = 5·10⁵, C = 2; the JavaScript loops over the wasm heap
 * took ≈2.6 ms each (a bounds check per typed-array access, one channel at a time). Here one 64-bit load moves both
 * channels of a node. Unlike kernels/simd/simd-module (which owns its memory and copies in and out), this module imports the memory
 * of the tfjs-wasm instance, so it reads the inputs and writes the outputs where tfjs keeps them: no copies. The
 * edge list of the graph in use is copied once onto that heap (tfjs-wasm's malloc; one resident graph, another one
 * replaces it), as interleaved (src, dst) int32 pairs.
 *
 * Arithmetic is float32 (f32x4 on the two low lanes), which equals the JavaScript loops' double arithmetic rounded
 * to float32 at every store (a double holds a sum of two floats exactly enough: rounding twice is innocuous), in the
 * same edge order: results are bit-identical to them. Written in WebAssembly text, assembled by `wabt` at start-up.
 */
import type { GraphPlan } from "../loops/graph-plan";
import { type WasmBackendInternals, wasmInternals, wasmModuleOf } from "../tfjs/private-hooks";
import { simdReady } from "./simd-module";
import { assembleWat } from "./wat-assembler";
import { CONSENSUS_WAT } from "./consensus-wat";
import { PAIR_CHAIN_WAT } from "./pair-chain-wat";
import { RING_STEP_WAT } from "./langevin-wat";

/** The binary ops of a column with rows: tfjs kernel name → WebAssembly float32 instruction suffix. */
export const COLUMN_ROWS_OPS = { Add: "add", Sub: "sub", Multiply: "mul", RealDiv: "div" } as const;
export type ColumnRowsOp = (typeof COLUMN_ROWS_OPS)[keyof typeof COLUMN_ROWS_OPS];

/**
 * For each op ∘ and side of the column: out[r, c] = col[r] ∘ rows[r, c] ("…A": the column is the left operand) or
 * rows[r, c] ∘ col[r] ("…B"), float32, r < R; "…2" for C = 2 (both channels in one 64-bit load), "…N" for any C.
 */
const COLUMN_ROWS_WAT = Object.values(COLUMN_ROWS_OPS)
  .flatMap((op) =>
    (["A", "B"] as const).map((side) => {
      const [l2, r2] =
        side === "A"
          ? ["(v128.load32_splat (local.get $col))", "(v128.load64_zero (local.get $rows))"]
          : ["(v128.load64_zero (local.get $rows))", "(v128.load32_splat (local.get $col))"];
      const lo = "(i8x16.shuffle 0 1 2 3 0 1 2 3 4 5 6 7 4 5 6 7 (local.get $c) (local.get $c))";
      const hi = "(i8x16.shuffle 8 9 10 11 8 9 10 11 12 13 14 15 12 13 14 15 (local.get $c) (local.get $c))";
      const [r0, r1] = ["(v128.load (local.get $rows))", "(v128.load offset=16 (local.get $rows))"];
      const [q0, q1] = side === "A" ? [`${lo} ${r0}`, `${hi} ${r1}`] : [`${r0} ${lo}`, `${r1} ${hi}`];
      const [lN, rN] =
        side === "A"
          ? ["(local.get $v)", "(f32.load (i32.add (local.get $rows) (local.get $c)))"]
          : ["(f32.load (i32.add (local.get $rows) (local.get $c)))", "(local.get $v)"];
      return String.raw`
  (func (export "${op}${side}2") (param $R i32) (param $col i32) (param $rows i32) (param $out i32)
    (local $end i32) (local $c v128)
    ;; Four rows per step: one load of four column values, spread to (c0 c0 c1 c1) and (c2 c2 c3 c3).
    (local.set $end (i32.add (local.get $col) (i32.shl (i32.shr_u (local.get $R) (i32.const 2)) (i32.const 4))))
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.ge_u (local.get $col) (local.get $end)))
      (local.set $c (v128.load (local.get $col)))
      (v128.store (local.get $out) (f32x4.${op} ${q0}))
      (v128.store offset=16 (local.get $out) (f32x4.${op} ${q1}))
      (local.set $col (i32.add (local.get $col) (i32.const 16)))
      (local.set $rows (i32.add (local.get $rows) (i32.const 32)))
      (local.set $out (i32.add (local.get $out) (i32.const 32)))
      (br $quads)))
    (local.set $end (i32.add (local.get $col) (i32.shl (i32.and (local.get $R) (i32.const 3)) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $col) (local.get $end)))
      (v128.store64_lane 0 (local.get $out) (f32x4.${op} ${l2} ${r2}))
      (local.set $col (i32.add (local.get $col) (i32.const 4)))
      (local.set $rows (i32.add (local.get $rows) (i32.const 8)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (br $each)))
  )
  (func (export "${op}${side}N") (param $R i32) (param $C i32) (param $col i32) (param $rows i32) (param $out i32)
    (local $end i32) (local $v f32) (local $c i32) (local $row i32)
    (local.set $row (i32.shl (local.get $C) (i32.const 2)))
    (local.set $end (i32.add (local.get $col) (i32.shl (local.get $R) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $col) (local.get $end)))
      (local.set $v (f32.load (local.get $col)))
      (local.set $c (i32.const 0))
      (block $cd (loop $channels
        (br_if $cd (i32.ge_u (local.get $c) (local.get $row)))
        (f32.store (i32.add (local.get $out) (local.get $c)) (f32.${op} ${lN} ${rN}))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $channels)))
      (local.set $col (i32.add (local.get $col) (i32.const 4)))
      (local.set $rows (i32.add (local.get $rows) (local.get $row)))
      (local.set $out (i32.add (local.get $out) (local.get $row)))
      (br $each)))
  )`;
    }),
  )
  .join("\n");

/**
 * out[i] = a[i] ∘ b[i] for i < n (`${op}Same`, float32, same shapes), four per step, a scalar tail; and
 * out[i] = x[i] · x[i] (`square`). One IEEE rounding per element, as tfjs-wasm's own kernels.
 */
const SAME_SHAPE_WAT = [...Object.values(COLUMN_ROWS_OPS).map((op) => [`${op}Same`, op, "$b"] as const), ["square", "mul", "$a"] as const]
  .map(
    ([name, op, right]) => String.raw`
  (func (export "${name}") (param $n i32) (param $a i32) (param $b i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.shr_u (local.get $n) (i32.const 2)) (i32.const 4))))
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.ge_u (local.get $a) (local.get $end)))
      (v128.store (local.get $out) (f32x4.${op} (v128.load (local.get $a)) (v128.load (local.get ${right}))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $quads)))
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (f32.store (local.get $out) (f32.${op} (f32.load (local.get $a)) (f32.load (local.get ${right}))))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (local.set $out (i32.add (local.get $out) (i32.const 4)))
      (br $each)))
  )`,
  )
  .join("\n");

/**
 * The binary ops of a tensor with one value, four per step and a scalar tail: out[i] = s ∘ x[i] (`${op}ScalarA`, the
 * value on the left) or x[i] ∘ s (`…B`); and the unary `sqrt`, `neg` (IEEE: correctly rounded, sign flipped).
 */
const SCALAR_WAT = [
  ...Object.values(COLUMN_ROWS_OPS).flatMap((op) => [
    [`${op}ScalarA`, `(f32x4.${op} (local.get $s) (v128.load (local.get $x)))`, `(f32.${op} (local.get $v) (f32.load (local.get $x)))`],
    [`${op}ScalarB`, `(f32x4.${op} (v128.load (local.get $x)) (local.get $s))`, `(f32.${op} (f32.load (local.get $x)) (local.get $v))`],
  ]),
  ["sqrt", "(f32x4.sqrt (v128.load (local.get $x)))", "(f32.sqrt (f32.load (local.get $x)))"],
  ["neg", "(f32x4.neg (v128.load (local.get $x)))", "(f32.neg (f32.load (local.get $x)))"],
]
  .map(
    ([name, quad, one]) => String.raw`
  (func (export "${name}") (param $n i32) (param $v f32) (param $x i32) (param $out i32)
    (local $end i32) (local $s v128)
    (local.set $s (f32x4.splat (local.get $v)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.shr_u (local.get $n) (i32.const 2)) (i32.const 4))))
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.ge_u (local.get $x) (local.get $end)))
      (v128.store (local.get $out) ${quad})
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $quads)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (f32.store (local.get $out) ${one})
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $out (i32.add (local.get $out) (i32.const 4)))
      (br $each)))
  )`,
  )
  .join("\n");

const WAT = String.raw`
(module
  (import "env" "memory" (memory 1))

  ;; y[e] = x[src_e] − x[dst_e], two channels per load; pairs: (src, dst) int32 per edge.
  (func (export "diff2") (param $E i32) (param $pairs i32) (param $x i32) (param $y i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $E) (i32.const 3))))
    (block $done (loop $edges
      (br_if $done (i32.ge_u (local.get $pairs) (local.get $end)))
      (v128.store64_lane 0 (local.get $y)
        (f32x4.sub
          (v128.load64_zero (i32.add (local.get $x) (i32.shl (i32.load (local.get $pairs)) (i32.const 3))))
          (v128.load64_zero (i32.add (local.get $x) (i32.shl (i32.load offset=4 (local.get $pairs)) (i32.const 3))))))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (br $edges)))
  )

  ;; The same for any width C, one channel at a time.
  (func (export "diffN") (param $E i32) (param $C i32) (param $pairs i32) (param $x i32) (param $y i32)
    (local $end i32) (local $s i32) (local $d i32) (local $c i32) (local $row i32)
    (local.set $row (i32.shl (local.get $C) (i32.const 2)))
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $E) (i32.const 3))))
    (block $done (loop $edges
      (br_if $done (i32.ge_u (local.get $pairs) (local.get $end)))
      (local.set $s (i32.add (local.get $x) (i32.mul (i32.load (local.get $pairs)) (local.get $row))))
      (local.set $d (i32.add (local.get $x) (i32.mul (i32.load offset=4 (local.get $pairs)) (local.get $row))))
      (local.set $c (i32.const 0))
      (block $cd (loop $channels
        (br_if $cd (i32.ge_u (local.get $c) (local.get $row)))
        (f32.store (i32.add (local.get $y) (local.get $c))
          (f32.sub (f32.load (i32.add (local.get $s) (local.get $c))) (f32.load (i32.add (local.get $d) (local.get $c)))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $channels)))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (local.get $row)))
      (br $edges)))
  )

  ;; z[src_e] += y[e]; z[dst_e] −= y[e], in edge order, two channels per load (z zeroed by the caller).
  (func (export "scatter2") (param $E i32) (param $pairs i32) (param $y i32) (param $z i32)
    (local $end i32) (local $v v128) (local $a i32)
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $E) (i32.const 3))))
    (block $done (loop $edges
      (br_if $done (i32.ge_u (local.get $pairs) (local.get $end)))
      (local.set $v (v128.load64_zero (local.get $y)))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.add (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load offset=4 (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.sub (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (br $edges)))
  )

  ;; v = g[e] · (y[e] + y[e]) (float32, two channels), then z[src_e] += v; z[dst_e] −= v, in edge order: the Sum
  ;; gradient's broadcast, the Square gradient and scatter2 in one pass (kernels/configs/edge-square-kernel; z zeroed by the caller).
  (func (export "edgeSquare2") (param $E i32) (param $pairs i32) (param $g i32) (param $y i32) (param $z i32)
    (local $end i32) (local $v v128) (local $a i32)
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $E) (i32.const 3))))
    (block $done (loop $edges
      (br_if $done (i32.ge_u (local.get $pairs) (local.get $end)))
      (local.set $v (v128.load64_zero (local.get $y)))
      (local.set $v (f32x4.mul (v128.load32_splat (local.get $g)) (f32x4.add (local.get $v) (local.get $v))))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.add (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load offset=4 (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.sub (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (br $edges)))
  )

  ;; The same with the factor c · w[e] (float32) in place of g[e].
  (func (export "edgeScaledSquare2") (param $E i32) (param $pairs i32) (param $c f32) (param $w i32) (param $y i32) (param $z i32)
    (local $end i32) (local $v v128) (local $a i32) (local $s v128)
    (local.set $s (f32x4.splat (local.get $c)))
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $E) (i32.const 3))))
    (block $done (loop $edges
      (br_if $done (i32.ge_u (local.get $pairs) (local.get $end)))
      (local.set $v (v128.load64_zero (local.get $y)))
      (local.set $v
        (f32x4.mul (f32x4.mul (local.get $s) (v128.load32_splat (local.get $w))) (f32x4.add (local.get $v) (local.get $v))))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.add (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load offset=4 (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.sub (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (br $edges)))
  )

  ;; The same for any width C, one channel at a time.
  (func (export "scatterN") (param $E i32) (param $C i32) (param $pairs i32) (param $y i32) (param $z i32)
    (local $end i32) (local $s i32) (local $d i32) (local $c i32) (local $row i32) (local $v f32)
    (local.set $row (i32.shl (local.get $C) (i32.const 2)))
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $E) (i32.const 3))))
    (block $done (loop $edges
      (br_if $done (i32.ge_u (local.get $pairs) (local.get $end)))
      (local.set $s (i32.add (local.get $z) (i32.mul (i32.load (local.get $pairs)) (local.get $row))))
      (local.set $d (i32.add (local.get $z) (i32.mul (i32.load offset=4 (local.get $pairs)) (local.get $row))))
      (local.set $c (i32.const 0))
      (block $cd (loop $channels
        (br_if $cd (i32.ge_u (local.get $c) (local.get $row)))
        (local.set $v (f32.load (i32.add (local.get $y) (local.get $c))))
        (f32.store (i32.add (local.get $s) (local.get $c)) (f32.add (f32.load (i32.add (local.get $s) (local.get $c))) (local.get $v)))
        (f32.store (i32.add (local.get $d) (local.get $c)) (f32.sub (f32.load (i32.add (local.get $d) (local.get $c))) (local.get $v)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $channels)))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (local.get $row)))
      (br $edges)))
  )

  ;; out[2r] = out[2r + 1] = x[r] for r < R (4-byte values: float32 or int32 alike).
  (func (export "rows2") (param $R i32) (param $x i32) (param $out i32)
    (local $end i32) (local $v v128)
    ;; Four rows per step (one load, two full stores), then the rest one by one.
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.shr_u (local.get $R) (i32.const 2)) (i32.const 4))))
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      (v128.store (local.get $out) (i8x16.shuffle 0 1 2 3 0 1 2 3 4 5 6 7 4 5 6 7 (local.get $v) (local.get $v)))
      (v128.store offset=16 (local.get $out) (i8x16.shuffle 8 9 10 11 8 9 10 11 12 13 14 15 12 13 14 15 (local.get $v) (local.get $v)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 32)))
      (br $quads)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $R) (i32.const 3)) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (v128.store64_lane 0 (local.get $out) (v128.load32_splat (local.get $x)))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (br $rows)))
  )

  ;; out[r, c] = x[r] for r < R, c < C (4-byte values), the same for any width.
  (func (export "rowsN") (param $R i32) (param $C i32) (param $x i32) (param $out i32)
    (local $end i32) (local $v i32) (local $rowEnd i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $R) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $v (i32.load (local.get $x)))
      (local.set $rowEnd (i32.add (local.get $out) (i32.shl (local.get $C) (i32.const 2))))
      (block $cd (loop $channels
        (br_if $cd (i32.ge_u (local.get $out) (local.get $rowEnd)))
        (i32.store (local.get $out) (local.get $v))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $channels)))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $rows)))
  )

    ;; out[r] = (0 + x[2r]) + x[2r + 1] for r < R: tfjs-wasm's Sum over a last axis of size 2, in its order (a sum
  ;; that starts at 0, so that −0 + −0 gives +0 as it does there). Two rows per step, a scalar tail.
  (func (export "sumPairs") (param $R i32) (param $x i32) (param $out i32)
    (local $end i32) (local $v v128) (local $w v128)
    ;; Four rows per step: the first channels (lanes 0, 2 of both loads) and the second ones (lanes 1, 3).
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.shr_u (local.get $R) (i32.const 2)) (i32.const 5))))
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      (local.set $w (v128.load offset=16 (local.get $x)))
      (v128.store (local.get $out)
        (f32x4.add
          (f32x4.add (v128.const f32x4 0 0 0 0)
            (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $v) (local.get $w)))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $v) (local.get $w))))
      (local.set $x (i32.add (local.get $x) (i32.const 32)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $quads)))
    (local.set $R (i32.and (local.get $R) (i32.const 3)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.shr_u (local.get $R) (i32.const 1)) (i32.const 4))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      (v128.store64_lane 0 (local.get $out)
        (f32x4.add
          (f32x4.add (v128.const f32x4 0 0 0 0)
            (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $v) (local.get $v)))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 4 5 6 7 12 13 14 15 (local.get $v) (local.get $v))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (br $rows)))
    (if (i32.and (local.get $R) (i32.const 1))
      (then (f32.store (local.get $out)
        (f32.add (f32.add (f32.const 0) (f32.load (local.get $x))) (f32.load offset=4 (local.get $x))))))
  )

  ;; out[i] = dy[i] · (x[i] + x[i]) for i < n (the gradient of Square, float32), four per step, a scalar tail.
  (func (export "squareGrad") (param $n i32) (param $dy i32) (param $x i32) (param $out i32)
    (local $end i32) (local $v v128) (local $w f32)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.shr_u (local.get $n) (i32.const 2)) (i32.const 4))))
    (block $done (loop $quads
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $dy)) (f32x4.add (local.get $v) (local.get $v))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $quads)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $tdone (loop $tail
      (br_if $tdone (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $w (f32.load (local.get $x)))
      (f32.store (local.get $out) (f32.mul (f32.load (local.get $dy)) (f32.add (local.get $w) (local.get $w))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
      (local.set $out (i32.add (local.get $out) (i32.const 4)))
      (br $tail)))
  )

  ;; 1 when every index idx[0 … n) lies in [0, limit), else 0 (one unsigned compare catches negatives too).
  (func (export "inRange") (param $n i32) (param $idx i32) (param $limit i32) (result i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $idx) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $idx) (local.get $end)))
      (if (i32.ge_u (i32.load (local.get $idx)) (local.get $limit)) (then (return (i32.const 0))))
      (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
      (br $each)))
    (i32.const 1)
  )

  ;; out[k] = x[idx[k]] for rows of S four-byte words (bits copied: float32 or int32), k < n; S = 2 by 64-bit moves.
  (func (export "gatherRows") (param $n i32) (param $S i32) (param $idx i32) (param $x i32) (param $out i32)
    (local $end i32) (local $row i32) (local $from i32) (local $c i32)
    (local.set $end (i32.add (local.get $idx) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eq (local.get $S) (i32.const 2))
      (then
        (block $done2 (loop $each2
          (br_if $done2 (i32.ge_u (local.get $idx) (local.get $end)))
          (i64.store (local.get $out) (i64.load (i32.add (local.get $x) (i32.shl (i32.load (local.get $idx)) (i32.const 3)))))
          (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
          (local.set $out (i32.add (local.get $out) (i32.const 8)))
          (br $each2)))
        (return)))
    (local.set $row (i32.shl (local.get $S) (i32.const 2)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $idx) (local.get $end)))
      (local.set $from (i32.add (local.get $x) (i32.mul (i32.load (local.get $idx)) (local.get $row))))
      (local.set $c (i32.const 0))
      (block $cd (loop $words
        (br_if $cd (i32.ge_u (local.get $c) (local.get $row)))
        (i32.store (i32.add (local.get $out) (local.get $c)) (i32.load (i32.add (local.get $from) (local.get $c))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $words)))
      (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
      (local.set $out (i32.add (local.get $out) (local.get $row)))
      (br $each)))
  )

  ;; out[ids[k]] += x[k] in row order for rows of S floats (out zeroed by the caller); ids outside [0, limit) are
  ;; dropped, as TensorFlow's UnsortedSegmentSum does. S = 2 two channels per load.
  (func (export "segmentSum") (param $n i32) (param $S i32) (param $ids i32) (param $limit i32) (param $x i32) (param $out i32)
    (local $end i32) (local $row i32) (local $to i32) (local $c i32) (local $id i32)
    (local.set $end (i32.add (local.get $ids) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $row (i32.shl (local.get $S) (i32.const 2)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $ids) (local.get $end)))
      (local.set $id (i32.load (local.get $ids)))
      (if (i32.lt_u (local.get $id) (local.get $limit))
        (then
          (local.set $to (i32.add (local.get $out) (i32.mul (local.get $id) (local.get $row))))
          (if (i32.eq (local.get $S) (i32.const 2))
            (then
              (v128.store64_lane 0 (local.get $to)
                (f32x4.add (v128.load64_zero (local.get $to)) (v128.load64_zero (local.get $x)))))
            (else
              (local.set $c (i32.const 0))
              (block $cd (loop $words
                (br_if $cd (i32.ge_u (local.get $c) (local.get $row)))
                (f32.store (i32.add (local.get $to) (local.get $c))
                  (f32.add (f32.load (i32.add (local.get $to) (local.get $c))) (f32.load (i32.add (local.get $x) (local.get $c)))))
                (local.set $c (i32.add (local.get $c) (i32.const 4)))
                (br $words)))))))
      (local.set $ids (i32.add (local.get $ids) (i32.const 4)))
      (local.set $x (i32.add (local.get $x) (local.get $row)))
      (br $each)))
  )

${COLUMN_ROWS_WAT}
${SAME_SHAPE_WAT}
${SCALAR_WAT}
${CONSENSUS_WAT}
${PAIR_CHAIN_WAT}
${RING_STEP_WAT})
`;

/** The parts of the WebAssembly API used here (the project's TypeScript lib has no DOM/WebAssembly typings). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The column-with-rows loops, by name: `${op}${A|B}2(R, col, rows, out)` and `${op}${A|B}N(R, C, col, rows, out)`. */
type ColumnRowsLoops = Record<`${ColumnRowsOp}${"A" | "B"}2`, (R: number, col: number, rows: number, out: number) => void> &
  Record<`${ColumnRowsOp}${"A" | "B"}N`, (R: number, C: number, col: number, rows: number, out: number) => void>;

/** The same-shape loops: `${op}Same(n, a, b, out)`, and `square(n, x, _, out)` (the third argument unused). */
type SameShapeLoops = Record<`${ColumnRowsOp}Same` | "square", (n: number, a: number, b: number, out: number) => void>;

/** The loops with one value: `${op}Scalar{A|B}(n, value, x, out)`, and the unary `sqrt`, `neg` (value unused). */
type ScalarLoops = Record<`${ColumnRowsOp}Scalar${"A" | "B"}` | "sqrt" | "neg", (n: number, value: number, x: number, out: number) => void>;

export interface HeapSimd extends ColumnRowsLoops, SameShapeLoops, ScalarLoops {
  diff2(E: number, pairs: number, x: number, y: number): void;
  diffN(E: number, C: number, pairs: number, x: number, y: number): void;
  scatter2(E: number, pairs: number, y: number, z: number): void;
  scatterN(E: number, C: number, pairs: number, y: number, z: number): void;
  edgeSquare2(E: number, pairs: number, g: number, y: number, z: number): void;
  edgeScaledSquare2(E: number, pairs: number, c: number, w: number, y: number, z: number): void;
  rows2(R: number, x: number, out: number): void;
  rowsN(R: number, C: number, x: number, out: number): void;
  sumPairs(R: number, x: number, out: number): void;
  norms2(R: number, x: number, out: number): void;
  weighted2(R: number, x: number, w: number, out: number): void;
  normsSum2(R: number, x: number): number;
  weightedSum2(R: number, x: number, w: number): number;
  squaresSum(n: number, x: number): number;
  normsE2(E: number, pairs: number, x: number, out: number): void;
  weightedE2(E: number, pairs: number, x: number, w: number, out: number): void;
  normsSumE2(E: number, pairs: number, x: number): number;
  weightedSumE2(E: number, pairs: number, x: number, w: number): number;
  squaresSumE2(E: number, pairs: number, x: number): number;
  edgeSquareE2(E: number, pairs: number, g: number, x: number, z: number): void;
  edgeScaledSquareE2(E: number, pairs: number, c: number, w: number, x: number, z: number): void;
  edgeConstSquareE2(E: number, pairs: number, c: number, x: number, z: number): void;
  edgeSquareNormsSumE2(E: number, pairs: number, g: number, x: number, z: number): number;
  edgeSquareWeightedSumE2(E: number, pairs: number, g: number, tw: number, x: number, z: number): number;
  edgeScaledSquareNormsSumE2(E: number, pairs: number, c: number, w: number, x: number, z: number): number;
  edgeScaledSquareWeightedSumE2(E: number, pairs: number, c: number, w: number, tw: number, x: number, z: number): number;
  edgeConstSquareNormsSumE2(E: number, pairs: number, c: number, x: number, z: number): number;
  edgeConstSquareWeightedSumE2(E: number, pairs: number, c: number, tw: number, x: number, z: number): number;
  allOnes(n: number, w: number): number;
  consensusSums2(r0: number, r1: number, x: number, m0: number, m1: number, partials: number): void;
  consensusSquares2(r0: number, r1: number, x: number, m0: number, m1: number, partials: number): void;
  squareGrad(n: number, dy: number, x: number, out: number): void;
  inRange(n: number, idx: number, limit: number): number;
  gatherRows(n: number, S: number, idx: number, x: number, out: number): void;
  segmentSum(n: number, S: number, ids: number, limit: number, x: number, out: number): void;
}

/** What is used of tfjs-wasm's backend object: its Emscripten module (heap, malloc, the instance's exports). */
type WasmBackendLike = Pick<WasmBackendInternals, "wasm">;

let compiled: object | null = null;
let tried = false;

/**
 * Assemble and compile the module (once; async because wabt's loader is). False, and the JavaScript loops stay in
 * use, when wabt or SIMD is unavailable or `EMTD_SIMD=0`.
 */
export async function prepareHeapSimd(): Promise<boolean> {
  if (tried) return compiled !== null;
  tried = true;
  if (process.env.EMTD_SIMD === "0") return false;
  try {
    compiled = await Wasm.compile(await assembleWat("emtd-simd-heap.wat", WAT));
    return true;
  } catch {
    compiled = null;
    return false;
  }
}

/** One instance per tfjs-wasm memory (null: that memory could not be imported, e.g. a shared, threaded build). */
const instances = new WeakMap<object, HeapSimd | null>();

/**
 * The loops bound to this tfjs-wasm backend's memory, or null where they do not apply (not prepared, SIMD switched
 * off by kernels/simd/simd-module's `setSimdEnabled(false)` or `EMTD_SIMD=0`, or the memory cannot be imported).
 */
export function heapSimdFor(backend: unknown): HeapSimd | null {
  if (compiled === null || !simdReady()) return null;
  const memory = heapMemoryOf(backend);
  if (!memory) return null;
  let loops = instances.get(memory);
  if (loops === undefined) {
    try {
      loops = new Wasm.Instance(compiled, { env: { memory } }).exports as HeapSimd;
    } catch {
      loops = null;
    }
    instances.set(memory, loops);
  }
  return loops;
}

/** The WebAssembly.Memory of a tfjs-wasm backend (its heap), or undefined (another backend, or not exported). */
export function heapMemoryOf(backend: unknown): { buffer: ArrayBuffer } | undefined {
  const module = wasmModuleOf(backend);
  return (module?.asm?.memory ?? module?.wasmExports?.memory) as { buffer: ArrayBuffer } | undefined;
}

/** tfjs-wasm's malloc and free on a backend's heap (kernels/stencils/ring-heap keeps its scratch there). */
export function heapAllocator(backend: unknown): Pick<WasmBackendLike["wasm"], "_malloc" | "_free"> {
  return wasmInternals(backend).wasm;
}

/** The resident edge list on a tfjs-wasm heap: (src, dst) int32 pairs at `ptr`. */
let resident: { module: WasmBackendLike["wasm"]; plan: GraphPlan; ptr: number } | null = null;

/**
 * The byte offset of `plan`'s (src, dst) pairs on the backend's heap, copied there on first use (O(E)); the previous
 * graph's pairs are freed. Call before taking views of the heap: the allocation may grow it.
 */
export function residentPairs(backend: unknown, plan: GraphPlan): number {
  const module = wasmInternals(backend).wasm;
  if (resident && resident.plan === plan && resident.module === module) return resident.ptr;
  if (resident && resident.module === module) module._free(resident.ptr);
  resident = null;
  const E = plan.edgeCount;
  const ptr = module._malloc(8 * Math.max(1, E)) >>> 0;
  const pairs = new Int32Array(module.HEAPU8.buffer, ptr, 2 * E);
  for (let e = 0; e < E; e++) {
    pairs[2 * e] = plan.src[e]!;
    pairs[2 * e + 1] = plan.dst[e]!;
  }
  resident = { module, plan, ptr };
  return ptr;
}
