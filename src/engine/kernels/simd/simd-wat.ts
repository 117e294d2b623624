/**
 * WebAssembly text of the engine's SIMD module (simd.ts): the noisy descent's fast path (`noise`), the Ising
 * checkerboard (`ising`, `isingObs`), and from langevin-wat.ts the fused Langevin step, L·X (`lapcsr`, `lapring*`)
 * and the interaction (`int2*`), and from ambient-wat.ts the ambient model's step and its normals (`ambientStep`, `ambientLaneNormals`, the ziggurat's fast path on Philox), and from copy-lanes-wat.ts
 * §3.3's copy-and-accept runs four to a group in lanes (`copyLaneGroups`, which imports Math.exp), and from wide-wat.ts L·X and the Langevin noise
 * of fields of any width (`lapWide`, `noiseLap`).
 * The memory is imported and shared, so that every worker thread instantiates the same module over the same memory
 * (kernels/threads/pool): the plan, X and the result are written once and each thread runs its rows.
 */
import { LANGEVIN_WAT } from "./langevin-wat";
import { FAST_NORMAL, noisePass } from "./noise-wat";
import { CONSENSUS_WAT } from "./consensus-wat";
import { AMBIENT_WAT } from "./ambient-wat";
import { COPY_IMPORTS, COPY_LANES_WAT } from "./copy-lanes-wat";
import { WIDE_WAT } from "./wide-wat";
import { STREAM_LOCALS, STREAM_SETUP, streamWord } from "./philox-stream-wat";

export const SIMD_WAT = String.raw`
(module
  (import "env" "memory" (memory 1 65536 shared))
  ${COPY_IMPORTS}

  ;; out[a] = f32(det[a] + sigma · z_a) for every element, z from the block streams (noise-wat.ts).
  ${noisePass(
    "noise",
    "(param $det i32) (param $out i32) (param $sigma f64)",
    `(f32.store (i32.add (local.get $out) (i32.shl (local.get $a) (i32.const 2)))
              (f32.demote_f64 (f64.add (f64.load (i32.add (local.get $det) (i32.shl (local.get $a) (i32.const 3))))
                (f64.mul (local.get $sigma) ${FAST_NORMAL}))))`,
  )}

  ;; The same with the drift part x[a] − h·g[a] formed here in double from float32 x and g (impl.noisyDescentRows'
  ;; arithmetic), so that no f64 array is written: what the chunked noisy descent (kernels/simd/simd-noisy-descent) runs.
  ${noisePass(
    "noiseXG",
    "(param $x i32) (param $g i32) (param $h f64) (param $out i32) (param $sigma f64)",
    `(f32.store (i32.add (local.get $out) (i32.shl (local.get $a) (i32.const 2)))
              (f32.demote_f64 (f64.add (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $x) (i32.shl (local.get $a) (i32.const 2)))))
                (f64.mul (local.get $h) (f64.promote_f32 (f32.load (i32.add (local.get $g) (i32.shl (local.get $a) (i32.const 2)))))))
                (f64.mul (local.get $sigma) ${FAST_NORMAL}))))`,
  )}

  ;; One colour of the Ising checkerboard on the padded int8 lattice at $lat (side L + 2, see impl.padSpins) for
  ;; rows [r0, r1): row r's Philox block stream (key, block, position 0: engine/fastrandom PhiloxStream under
  ;; PURPOSE_UNIFORM) is at $states + 16 r (set by the caller), one draw per site of the colour in column order; accept when (bits >>> 8) < thr[s·h + 4] (thr: 9 × i32). Returns the flips. Rows of one
  ;; colour read only the other colour's sites: threads run disjoint row ranges of one colour at once (kernels/threads/pool).
  (func (export "ising") (param $r0 i32) (param $r1 i32) (param $L i32) (param $colour i32) (param $lat i32) (param $thr i32)
        (param $states i32) (result i32)
    (local $r i32) (local $W i32) (local $a i32) (local $end i32) (local $st i32) (local $flips i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $bits i32) (local $s i32) (local $sh i32) ${STREAM_LOCALS}
    ${STREAM_SETUP}
    (local.set $W (i32.add (local.get $L) (i32.const 2)))
    (local.set $r (local.get $r0))
    (local.set $st (i32.add (local.get $states) (i32.shl (local.get $r0) (i32.const 4))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $s0 (i32.load (local.get $st)))
      (local.set $s1 (i32.load offset=4 (local.get $st)))
      (local.set $s2 (i32.load offset=8 (local.get $st)))
      (local.set $s3 (i32.load offset=12 (local.get $st)))
      (local.set $cq (i32.const 0))
      (local.set $a (i32.add (i32.add (local.get $lat) (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $W)))
        (i32.add (i32.const 1) (i32.and (i32.add (local.get $r) (local.get $colour)) (i32.const 1)))))
      (local.set $end (i32.add (i32.add (local.get $lat) (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $W)))
        (i32.add (i32.const 1) (local.get $L))))
      (block $rd (loop $sites
        (br_if $rd (i32.ge_u (local.get $a) (local.get $end)))
        ${streamWord("$bits", "uniform")}
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
${CONSENSUS_WAT}
${AMBIENT_WAT}
${COPY_LANES_WAT}
${WIDE_WAT}
)
`;
