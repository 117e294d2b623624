/**
 * The ambient model's Euler–Maruyama step (ops/ambient-step.ts) as WebAssembly SIMD text, in the shared module of
 * kernels/simd/simd-module: a field of N nodes × R runs (node-major, f64), two runs of a node per f64x2 lane pair and,
 * for an odd R, the last run in scalar f64 (R = 1, the scale study's one run per network, is that lane alone). Per
 * node i and run (or pair of runs), in the JavaScript loop's order (so the same numbers, bit for bit):
 *
 *   s = Σ_q c_q·ψ_{col q} over i's neighbour list (c_q·ψ is ψ where every coupling is 1, `unit`),
 *   ψ' = (ψ − h·(((d·ψ + ((c3·ψ)·ψ)·ψ) − pairing·s) − p0)) + σ·ξ   (+ 0 without noise),
 *
 * with the node's constants (pairing, d, c3, p0) interleaved at $node (32 bytes a node) and ξ the step's normals at
 * $noise, in entry order. The loads of a neighbour's two runs are one 16-byte load, where V8's loop pays a bounds check
 * per run.
 *
 * `ambientLaneNormals` draws those normals as ops/ambient-step.ts's loop does, one stream per run (lane): run r's N
 * normals, node by node, into entries i·R + r, from its own key, so a run's numbers do not depend on how many runs
 * share the field. Node i's normal at the stream's step t is the ziggurat's fast path (engine/fastrandom: the low 8
 * bits pick the layer and sign, the high 24 the abscissa, accepted when below K8 and then m·W8) on word i mod 4 of
 * Philox4x32-10 at counter (⌊i/4⌋, t, 0, 3) under the run's key, four blocks (sixteen nodes) at once in the i32x4
 * lanes; a word the fast path misses (about 2.8 %) is listed at $miss as (entry, word) for the caller to finish from
 * the node's own counter stream (ops/ambient-step `ambientMissNormal`), so every normal is a pure function of the
 * key, the step and the node. The pass returns how many it listed.
 *
 * `ambientMissWords` computes the first block of those misses' own streams, four misses at once: miss q's Philox at
 * counter (c0_q, c1_q, 1, 3) under (k0_q, k1_q), read from four i32 arrays of `cap` entries at $rec (k0, k1, c0, c1)
 * and written to the four after them (words 0 … 3), so the caller's slow path runs Philox only past a fourth word.
 */
import { PHILOX_CONSTANTS, PHILOX_LOCALS, philoxLanes, philoxLanesUnder } from "./copy-lanes-wat";

/**
 * Node 4g + k of the four blocks in $x0 … $x3 (block 4g + ⌊k/4⌋'s word k mod 4: lane ⌊k/4⌋ of $x{k mod 4}), when it is
 * below $n: the ziggurat's fast path (K8 and W8 interleaved at $kw, 16 bytes a layer), stored at its entry, else
 * listed at $miss as (entry i·R + lane, word).
 */
const fastNormal = (
  k: number,
) => `(br_if $sixteen (i32.ge_u (i32.add (i32.shl (local.get $g) (i32.const 2)) (i32.const ${k})) (local.get $n)))
          (local.set $r (i32x4.extract_lane ${k >> 2} (local.get $x${k & 3})))
          (local.set $q (i32.add (local.get $kw) (i32.shl (i32.and (local.get $r) (i32.const 255)) (i32.const 4))))
          (local.set $m (i32.shr_u (local.get $r) (i32.const 8)))
          (if (i32.lt_s (local.get $m) (i32.load (local.get $q)))
            (then
              (f64.store
                (i32.add (local.get $o) (i32.mul (i32.add (i32.shl (local.get $g) (i32.const 2)) (i32.const ${k})) (local.get $stride)))
                (f64.mul (f64.convert_i32_s (local.get $m)) (f64.load offset=8 (local.get $q)))))
            (else
              (local.set $at (i32.add (local.get $miss) (i32.shl (local.get $misses) (i32.const 3))))
              (i32.store (local.get $at)
                (i32.add (i32.mul (i32.add (i32.shl (local.get $g) (i32.const 2)) (i32.const ${k})) (local.get $runs)) (local.get $lane)))
              (i32.store offset=4 (local.get $at) (local.get $r))
              (local.set $misses (i32.add (local.get $misses) (i32.const 1)))))`;

/** The Philox counter's last word of the ambient normals (simd-ambient `AMBIENT_STREAM`). */
const STREAM = 3;

/**
 * The scalar lane of an odd run count: the last run of node i (byte offset $off = 16·pairs in its row), the pair
 * loop's operations in f64 in the same order: s = Σ_q c_q·ψ, then ψ' = (ψ − h·(((d·ψ + ((c3·ψ)·ψ)·ψ) − pairing·s) − p0)) + σ·ξ
 * (+ 0 without noise, as the loop adds).
 */
const lastRun = String.raw`(local.set $off (i32.shl (local.get $pairs) (i32.const 4)))
          (local.set $sum (f64.const 0))
          (local.set $q (local.get $a))
          (block $nd3 (loop $nb3
            (br_if $nd3 (i32.ge_u (local.get $q) (local.get $b)))
            (local.set $u (f64.load (i32.add (local.get $x) (i32.add (local.get $off)
              (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $q) (i32.const 2)))) (local.get $stride))))))
            (if (i32.eqz (local.get $unit))
              (then (local.set $u (f64.mul (f64.load (i32.add (local.get $coupling) (i32.shl (local.get $q) (i32.const 3)))) (local.get $u)))))
            (local.set $sum (f64.add (local.get $sum) (local.get $u)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $nb3)))
          (local.set $u (f64.load (i32.add (local.get $x) (i32.add (local.get $row) (local.get $off)))))
          (local.set $sum
            (f64.sub
              (f64.sub
                (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $d)) (local.get $u))
                  (f64.mul (f64.mul (f64.mul (f64x2.extract_lane 0 (local.get $c3)) (local.get $u)) (local.get $u)) (local.get $u)))
                (f64.mul (f64x2.extract_lane 0 (local.get $pairing)) (local.get $sum)))
              (f64x2.extract_lane 0 (local.get $p0))))
          (local.set $u (f64.sub (local.get $u) (f64.mul (local.get $h) (local.get $sum))))
          (local.set $sum (f64.const 0))
          (if (local.get $noisy)
            (then (local.set $sum (f64.mul (local.get $sigma)
              (f64.load (i32.add (local.get $noise) (i32.add (local.get $row) (local.get $off))))))))
          (f64.store (i32.add (local.get $next) (i32.add (local.get $row) (local.get $off))) (f64.add (local.get $u) (local.get $sum)))`;

export const AMBIENT_WAT = String.raw`
  (func (export "ambientStep") (param $n i32) (param $runs i32) (param $start i32) (param $col i32) (param $coupling i32)
        (param $unit i32) (param $node i32) (param $x i32) (param $next i32) (param $noise i32) (param $h f64) (param $sigma f64)
        (param $noisy i32)
    (local $i i32) (local $p i32) (local $q i32) (local $a i32) (local $b i32) (local $stride i32) (local $row i32)
    (local $nd i32) (local $off i32) (local $acc v128) (local $v v128) (local $g v128) (local $hv v128) (local $sv v128)
    (local $pairing v128) (local $d v128) (local $c3 v128) (local $p0 v128) (local $kick v128) (local $pairs i32)
    (local $sum f64) (local $u f64)
    (local.set $pairs (i32.shr_u (local.get $runs) (i32.const 1)))
    (local.set $hv (f64x2.splat (local.get $h)))
    (local.set $sv (f64x2.splat (local.get $sigma)))
    (local.set $stride (i32.shl (local.get $runs) (i32.const 3)))
    (block $done (loop $nodes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $a (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $b (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $nd (i32.add (local.get $node) (i32.shl (local.get $i) (i32.const 5))))
      (local.set $pairing (f64x2.splat (f64.load (local.get $nd))))
      (local.set $d (f64x2.splat (f64.load offset=8 (local.get $nd))))
      (local.set $c3 (f64x2.splat (f64.load offset=16 (local.get $nd))))
      (local.set $p0 (f64x2.splat (f64.load offset=24 (local.get $nd))))
      (local.set $row (i32.mul (local.get $i) (local.get $stride)))
      (local.set $p (i32.const 0))
      (block $pd (loop $pairs_
        (br_if $pd (i32.ge_u (local.get $p) (local.get $pairs)))
        (local.set $off (i32.shl (local.get $p) (i32.const 4)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $q (local.get $a))
        (if (local.get $unit)
          (then
            (block $nd1 (loop $nb1
              (br_if $nd1 (i32.ge_u (local.get $q) (local.get $b)))
              (local.set $acc (f64x2.add (local.get $acc)
                (v128.load (i32.add (local.get $x) (i32.add (local.get $off)
                  (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $q) (i32.const 2)))) (local.get $stride)))))))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br $nb1))))
          (else
            (block $nd2 (loop $nb2
              (br_if $nd2 (i32.ge_u (local.get $q) (local.get $b)))
              (local.set $acc (f64x2.add (local.get $acc)
                (f64x2.mul (f64x2.splat (f64.load (i32.add (local.get $coupling) (i32.shl (local.get $q) (i32.const 3)))))
                  (v128.load (i32.add (local.get $x) (i32.add (local.get $off)
                    (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $q) (i32.const 2)))) (local.get $stride))))))))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br $nb2)))))
        (local.set $v (v128.load (i32.add (local.get $x) (i32.add (local.get $row) (local.get $off)))))
        (local.set $g
          (f64x2.sub
            (f64x2.sub
              (f64x2.add (f64x2.mul (local.get $d) (local.get $v))
                (f64x2.mul (f64x2.mul (f64x2.mul (local.get $c3) (local.get $v)) (local.get $v)) (local.get $v)))
              (f64x2.mul (local.get $pairing) (local.get $acc)))
            (local.get $p0)))
        (local.set $kick (v128.const f64x2 0 0))
        (if (local.get $noisy)
          (then (local.set $kick (f64x2.mul (local.get $sv)
            (v128.load (i32.add (local.get $noise) (i32.add (local.get $row) (local.get $off))))))))
        (v128.store (i32.add (local.get $next) (i32.add (local.get $row) (local.get $off)))
          (f64x2.add (f64x2.sub (local.get $v) (f64x2.mul (local.get $hv) (local.get $g))) (local.get $kick)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pairs_)))
      (if (i32.and (local.get $runs) (i32.const 1))
        (then
          ${lastRun}))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $nodes)))
  )

  (func (export "ambientLaneNormals") (param $states i32) (param $out i32) (param $n i32) (param $runs i32) (param $kw i32)
        (param $miss i32) (result i32)
    ${PHILOX_LOCALS}
    (local $lane i32) (local $state i32) (local $stride i32) (local $o i32) (local $g i32) (local $r i32) (local $q i32)
    (local $m i32) (local $misses i32) (local $at i32)
    ${PHILOX_CONSTANTS}
    (local.set $stride (i32.shl (local.get $runs) (i32.const 3)))
    (block $lanes_done (loop $lanes
      (br_if $lanes_done (i32.ge_u (local.get $lane) (local.get $runs)))
      (local.set $state (i32.add (local.get $states) (i32.shl (local.get $lane) (i32.const 4))))
      (local.set $key0 (i32x4.splat (i32.load (local.get $state))))
      (local.set $key1 (i32x4.splat (i32.load offset=4 (local.get $state))))
      (local.set $o (i32.add (local.get $out) (i32.shl (local.get $lane) (i32.const 3))))
      (local.set $g (i32.const 0))
      ;; blocks 4g … 4g + 3 (nodes 4g … 4g + 15) at once, block b's word w in lane b − 4g of $x{w}
      (block $done (loop $each
        (br_if $done (i32.ge_u (i32.shl (local.get $g) (i32.const 2)) (local.get $n)))
        ${philoxLanes(
          "(i32x4.add (i32x4.splat (local.get $g)) (v128.const i32x4 0 1 2 3))",
          "(i32x4.splat (i32.load offset=8 (local.get $state)))",
          "(v128.const i32x4 0 0 0 0)",
          `(v128.const i32x4 ${STREAM} ${STREAM} ${STREAM} ${STREAM})`,
        )}
        (block $sixteen
          ${Array.from({ length: 16 }, (_, k) => fastNormal(k)).join("\n          ")})
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (br $each)))
      (i32.store offset=8 (local.get $state) (i32.add (i32.load offset=8 (local.get $state)) (i32.const 1)))
      (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
      (br $lanes)))
    (local.get $misses)
  )

  (func (export "ambientMissWords") (param $rec i32) (param $count i32) (param $cap i32)
    ${PHILOX_LOCALS}
    (local $o i32) (local $end i32) (local $bytes i32)
    ${PHILOX_CONSTANTS}
    (local.set $bytes (i32.shl (local.get $cap) (i32.const 2)))
    (local.set $o (local.get $rec))
    (local.set $end (i32.add (local.get $rec) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      ${philoxLanesUnder(
        [
          "(v128.load (i32.add (local.get $o) (i32.shl (local.get $bytes) (i32.const 1))))",
          "(v128.load (i32.add (local.get $o) (i32.mul (local.get $bytes) (i32.const 3))))",
          "(v128.const i32x4 1 1 1 1)",
          `(v128.const i32x4 ${STREAM} ${STREAM} ${STREAM} ${STREAM})`,
        ],
        "(v128.load (local.get $o))",
        "(v128.load (i32.add (local.get $o) (local.get $bytes)))",
      )}
      (v128.store (i32.add (local.get $o) (i32.shl (local.get $bytes) (i32.const 2))) (local.get $x0))
      (v128.store (i32.add (local.get $o) (i32.mul (local.get $bytes) (i32.const 5))) (local.get $x1))
      (v128.store (i32.add (local.get $o) (i32.mul (local.get $bytes) (i32.const 6))) (local.get $x2))
      (v128.store (i32.add (local.get $o) (i32.mul (local.get $bytes) (i32.const 7))) (local.get $x3))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $each)))
  )
`;
