/**
 * The consensus error's two passes over two-channel rows as WebAssembly SIMD text, included in both modules: the
 * shared one of kernels/simd/simd-module (each thread a share of whole noise blocks) and the one inside tfjs-wasm's memory
 * (kernels/simd/simd-heap, one thread). Per noise block of rows, in row order, the even rows' and the odd rows' sums are
 * kept apart (two chains), an odd last row goes to the even ones, and the block's partial (even + odd, per channel,
 * f64) is stored at $partials + 16·block; kernels/configs/consensus-kernel adds the partials in block order. So every path and
 * thread count forms the same numbers (consensus.ts's JavaScript loop too).
 */
import { NOISE_BLOCK_ROWS } from "../../fastrandom";

const SHIFT = Math.log2(NOISE_BLOCK_ROWS);

/** One pass: `sums` adds x, `squares` adds (x − m)² with m = ($m0, $m1). */
function pass(name: string, squares: boolean): string {
  const add = (acc: string, v: string) =>
    squares
      ? `(local.set $d (f64x2.sub ${v} (local.get $m)))
        (local.set ${acc} (f64x2.add (local.get ${acc}) (f64x2.mul (local.get $d) (local.get $d))))`
      : `(local.set ${acc} (f64x2.add (local.get ${acc}) ${v}))`;
  return String.raw`
  (func (export "${name}") (param $r0 i32) (param $r1 i32) (param $x i32) (param $m0 f64) (param $m1 f64) (param $partials i32)
    (local $i i32) (local $end i32) (local $p i32) (local $pairs i32) (local $v v128) (local $e v128) (local $o v128)
    (local $d v128) (local $m v128)
    (local.set $m (f64x2.replace_lane 1 (f64x2.splat (local.get $m0)) (local.get $m1)))
    (local.set $i (local.get $r0))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $i) (local.get $r1)))
      ;; this block's rows [i, end)
      (local.set $end (i32.add (i32.and (local.get $i) (i32.const ${-NOISE_BLOCK_ROWS})) (i32.const ${NOISE_BLOCK_ROWS})))
      (if (i32.gt_u (local.get $end) (local.get $r1)) (then (local.set $end (local.get $r1))))
      (local.set $e (v128.const f64x2 0 0))
      (local.set $o (v128.const f64x2 0 0))
      (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $pairs (i32.add (local.get $p) (i32.shl (i32.shr_u (i32.sub (local.get $end) (local.get $i)) (i32.const 1)) (i32.const 4))))
      (block $pd (loop $each
        (br_if $pd (i32.ge_u (local.get $p) (local.get $pairs)))
        (local.set $v (v128.load (local.get $p)))
        ${add("$e", "(f64x2.promote_low_f32x4 (local.get $v))")}
        ${add("$o", "(f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))")}
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $each)))
      (if (i32.and (i32.sub (local.get $end) (local.get $i)) (i32.const 1)) (then
        ${add("$e", "(f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p)))")}))
      (v128.store (i32.add (local.get $partials) (i32.shl (i32.shr_u (local.get $i) (i32.const ${SHIFT})) (i32.const 4)))
        (f64x2.add (local.get $e) (local.get $o)))
      (local.set $i (local.get $end))
      (br $blocks)))
  )`;
}

/** consensusSums2(r0, r1, x, 0, 0, partials) and consensusSquares2(r0, r1, x, m0, m1, partials). */
export const CONSENSUS_WAT = [pass("consensusSums2", false), pass("consensusSquares2", true)].join("\n");
