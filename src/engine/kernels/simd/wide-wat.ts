/**
 * L·X and the Langevin step's noise for fields of any width C (the flows' runs side by side as channels, C in the
 * hundreds) as WebAssembly SIMD text, in the shared module of kernels/simd/simd-module. The arithmetic is
 * impl.laplacianRows' and impl.langevinRows', operation for operation, so both paths form the same numbers bit for bit:
 *
 *   `lapWide`:  out[i, c] = f32(scale · (d_i·x[i, c] − Σ_q w_q·x[col q, c])), the sum in f64 in neighbour order
 *               (w_q·x is x where the plan has unit weights, `$w` = 0);
 *   `noiseLap`: out[a] = f32((out[a] + x[a]) + f32(σ·z_a)), z_a from Philox block streams through the ziggurat's
 *               fast path, the misses listed as (a, bits) for the caller (as `noise` does), which leaves them as L·X.
 *
 * Four channels of a neighbour's row are one 16-byte load, widened to two f64x2 accumulators; a width that is not a
 * multiple of four ends in scalar f64.
 */
import { FAST_NORMAL, noisePass } from "./noise-wat";

/** The scalar f64 of the `c`-th f32 at row address `row` (an i32 expression). */
const f64At = (row: string) => `(f64.promote_f32 (f32.load (i32.add ${row} (i32.shl (local.get $c) (i32.const 2)))))`;

/** The high two f32 of a v128 moved low, for f64x2.promote_low_f32x4. */
const high = (v: string) => `(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${v} ${v})`;

export const WIDE_WAT = String.raw`
  (func (export "lapWide") (param $r0 i32) (param $r1 i32) (param $C i32) (param $rowPtr i32) (param $col i32)
        (param $w i32) (param $deg i32) (param $x i32) (param $out i32) (param $scale f64)
    (local $i i32) (local $a i32) (local $b i32) (local $q i32) (local $c i32) (local $stride i32) (local $row i32)
    (local $orow i32) (local $src i32) (local $quads i32) (local $acc0 v128) (local $acc1 v128) (local $v v128)
    (local $wv v128) (local $d v128) (local $sv v128) (local $ds f64) (local $acc f64) (local $ws f64)
    (local.set $stride (i32.shl (local.get $C) (i32.const 2)))
    (local.set $quads (i32.and (local.get $C) (i32.const -4)))
    (local.set $sv (f64x2.splat (local.get $scale)))
    (local.set $i (local.get $r0))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $r1)))
      (local.set $a (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $b (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $ds (f64.promote_f32 (f32.load (i32.add (local.get $deg) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $d (f64x2.splat (local.get $ds)))
      (local.set $row (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $orow (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $c (i32.const 0))
      (block $quadsDone (loop $quad
        (br_if $quadsDone (i32.ge_u (local.get $c) (local.get $quads)))
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $acc1 (v128.const f64x2 0 0))
        (local.set $q (local.get $a))
        (block $nd (loop $nb
          (br_if $nd (i32.ge_u (local.get $q) (local.get $b)))
          (local.set $v (v128.load (i32.add
            (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $q) (i32.const 2)))) (local.get $stride)))
            (i32.shl (local.get $c) (i32.const 2)))))
          (if (local.get $w)
            (then
              (local.set $wv (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $w) (i32.shl (local.get $q) (i32.const 2)))))))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $wv) (f64x2.promote_low_f32x4 (local.get $v)))))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $wv) (f64x2.promote_low_f32x4 ${high("(local.get $v)")})))))
            (else
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.promote_low_f32x4 (local.get $v))))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.promote_low_f32x4 ${high("(local.get $v)")})))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $nb)))
        (local.set $v (v128.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))))
        (v128.store64_lane 0 (i32.add (local.get $orow) (i32.shl (local.get $c) (i32.const 2)))
          (f32x4.demote_f64x2_zero (f64x2.mul (local.get $sv)
            (f64x2.sub (f64x2.mul (local.get $d) (f64x2.promote_low_f32x4 (local.get $v))) (local.get $acc0)))))
        (v128.store64_lane 0 (i32.add (i32.add (local.get $orow) (i32.shl (local.get $c) (i32.const 2))) (i32.const 8))
          (f32x4.demote_f64x2_zero (f64x2.mul (local.get $sv)
            (f64x2.sub (f64x2.mul (local.get $d) (f64x2.promote_low_f32x4 ${high("(local.get $v)")})) (local.get $acc1)))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quad)))
      (block $tailDone (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $c) (local.get $C)))
        (local.set $acc (f64.const 0))
        (local.set $q (local.get $a))
        (block $nd1 (loop $nb1
          (br_if $nd1 (i32.ge_u (local.get $q) (local.get $b)))
          (local.set $src (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $q) (i32.const 2)))) (local.get $stride))))
          (if (local.get $w)
            (then
              (local.set $ws (f64.promote_f32 (f32.load (i32.add (local.get $w) (i32.shl (local.get $q) (i32.const 2))))))
              (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $ws) ${f64At("(local.get $src)")}))))
            (else (local.set $acc (f64.add (local.get $acc) ${f64At("(local.get $src)")}))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $nb1)))
        (f32.store (i32.add (local.get $orow) (i32.shl (local.get $c) (i32.const 2)))
          (f32.demote_f64 (f64.mul (local.get $scale)
            (f64.sub (f64.mul (local.get $ds) ${f64At("(local.get $row)")}) (local.get $acc)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  )

  ${noisePass(
    "noiseLap",
    "(param $x i32) (param $out i32) (param $sigma f64)",
    `(local.set $o (i32.add (local.get $out) (i32.shl (local.get $a) (i32.const 2))))
            (f32.store (local.get $o)
              (f32.demote_f64 (f64.add
                (f64.add (f64.promote_f32 (f32.load (local.get $o)))
                  (f64.promote_f32 (f32.load (i32.add (local.get $x) (i32.shl (local.get $a) (i32.const 2))))))
                (f64.promote_f32 (f32.demote_f64 (f64.mul (local.get $sigma) ${FAST_NORMAL}))))))`,
    "(local $o i32)",
  )}
`;
