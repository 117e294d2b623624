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
 * share the field. Marsaglia's polar method on Philox4x32-10 (copy-lanes-wat's, four pairs of nodes' blocks at once
 * in the i32x4 lanes): the pair (2m, 2m + 1) of the stream's step takes the first accepted pair of uniforms
 * u = 2·w/2³² − 1 from the words (0, 1), then (2, 3), of the block at counter (m, step, a, 3), a = 0, 1, … (a block
 * drawn again, a ≥ 1, is computed alone into the stream's scratch); lane r's stream at $states + 32·r: its key's
 * two words and its step (i32), then 16 bytes of scratch. The logarithm is the imported Math.log itself: the same
 * numbers as the loop.
 */
import { PHILOX_CONSTANTS, PHILOX_LOCALS, philoxLanes } from "./copy-lanes-wat";

/** u = 2·w/2³² − 1 of the i32 word `w`, into the f64 local `into`, as the JavaScript loop forms it. */
const centred = (into: string, w: string) =>
  `(local.set ${into} (f64.sub (f64.mul (f64.const 2) (f64.div (f64.convert_i32_u ${w}) (f64.const 4294967296))) (f64.const 1)))`;

/** Whether the pair (p, q) in $p, $q (r = p² + q² into $r) is accepted: 0 < r < 1. */
const ACCEPTED = `(block (result i32)
            (local.set $r (f64.add (f64.mul (local.get $p) (local.get $p)) (f64.mul (local.get $q) (local.get $q))))
            (i32.and (f64.lt (local.get $r) (f64.const 1)) (f64.ne (local.get $r) (f64.const 0))))`;

/**
 * The pair of lane `l` of the four blocks in $x0 … $x3 (pair $m + l), when it is one of the step's pairs: inline where
 * its block's words (0, 1) or (2, 3) are accepted (nineteen pairs in twenty), else by $polarPair, which draws the
 * blocks of later attempts.
 */
const lanePair = (l: number) => `(block $pair${l}
          (br_if $pair${l} (i32.ge_u (i32.add (local.get $m) (i32.const ${l})) (local.get $pairs)))
          ${centred("$p", `(i32x4.extract_lane ${l} (local.get $x0))`)}
          ${centred("$q", `(i32x4.extract_lane ${l} (local.get $x1))`)}
          (if (i32.eqz ${ACCEPTED})
            (then
              ${centred("$p", `(i32x4.extract_lane ${l} (local.get $x2))`)}
              ${centred("$q", `(i32x4.extract_lane ${l} (local.get $x3))`)}
              (if (i32.eqz ${ACCEPTED})
                (then
                  (call $polarPair
                    (i32x4.extract_lane ${l} (local.get $x0)) (i32x4.extract_lane ${l} (local.get $x1))
                    (i32x4.extract_lane ${l} (local.get $x2)) (i32x4.extract_lane ${l} (local.get $x3))
                    (i32.add (local.get $m) (i32.const ${l})) (local.get $state) (local.get $o) (local.get $stride) (local.get $n))
                  (br $pair${l})))))
          (local.set $f (f64.sqrt (f64.div (f64.mul (f64.const -2) (call $log (local.get $r))) (local.get $r))))
          (local.set $at (i32.add (local.get $o) (i32.mul (i32.shl (i32.add (local.get $m) (i32.const ${l})) (i32.const 1)) (local.get $stride))))
          (f64.store (local.get $at) (f64.mul (local.get $p) (local.get $f)))
          (if (i32.lt_u (i32.add (i32.shl (i32.add (local.get $m) (i32.const ${l})) (i32.const 1)) (i32.const 1)) (local.get $n))
            (then (f64.store (i32.add (local.get $at) (local.get $stride)) (f64.mul (local.get $q) (local.get $f))))))`;

/** The Philox counter's last word of the ambient normals (simd-ambient `AMBIENT_STREAM`). */
const STREAM = 3;

/** The module's import of Math.log (simd-module instantiates it with `math: { log: Math.log }`). */
export const AMBIENT_IMPORTS = `(import "math" "log" (func $log (param f64) (result f64)))`;

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

  (func (export "ambientLaneNormals") (param $states i32) (param $out i32) (param $n i32) (param $runs i32)
    ${PHILOX_LOCALS}
    (local $lane i32) (local $state i32) (local $stride i32) (local $o i32) (local $m i32) (local $pairs i32) (local $at i32)
    (local $p f64) (local $q f64) (local $r f64) (local $f f64)
    ${PHILOX_CONSTANTS}
    (local.set $stride (i32.shl (local.get $runs) (i32.const 3)))
    (local.set $pairs (i32.shr_u (i32.add (local.get $n) (i32.const 1)) (i32.const 1)))
    (block $lanes_done (loop $lanes
      (br_if $lanes_done (i32.ge_u (local.get $lane) (local.get $runs)))
      (local.set $state (i32.add (local.get $states) (i32.shl (local.get $lane) (i32.const 5))))
      (local.set $key0 (i32x4.splat (i32.load (local.get $state))))
      (local.set $key1 (i32x4.splat (i32.load offset=4 (local.get $state))))
      (local.set $o (i32.add (local.get $out) (i32.shl (local.get $lane) (i32.const 3))))
      (local.set $m (i32.const 0))
      (block $done (loop $each
        (br_if $done (i32.ge_u (local.get $m) (local.get $pairs)))
        ${philoxLanes(
          "(i32x4.add (i32x4.splat (local.get $m)) (v128.const i32x4 0 1 2 3))",
          "(i32x4.splat (i32.load offset=8 (local.get $state)))",
          "(v128.const i32x4 0 0 0 0)",
          `(v128.const i32x4 ${STREAM} ${STREAM} ${STREAM} ${STREAM})`,
        )}
        ${[0, 1, 2, 3].map(lanePair).join("\n        ")}
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $each)))
      (i32.store offset=8 (local.get $state) (i32.add (i32.load offset=8 (local.get $state)) (i32.const 1)))
      (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
      (br $lanes)))
  )

  ;; The normals of pair $m of the stream at $state from its block's words $w0 … $w3 (attempt 0), drawing the blocks
  ;; of attempts 1, 2, … where neither pair of words is accepted; node 2m's at $o + 2m·stride, 2m + 1's after it
  ;; (when it is below $n).
  (func $polarPair (param $w0 i32) (param $w1 i32) (param $w2 i32) (param $w3 i32) (param $m i32) (param $state i32)
        (param $o i32) (param $stride i32) (param $n i32)
    (local $p f64) (local $q f64) (local $r f64) (local $f f64) (local $a i32) (local $at i32)
    (block $accepted (loop $attempt
      ${centred("$p", "(local.get $w0)")}
      ${centred("$q", "(local.get $w1)")}
      (local.set $r (f64.add (f64.mul (local.get $p) (local.get $p)) (f64.mul (local.get $q) (local.get $q))))
      (br_if $accepted (i32.and (f64.lt (local.get $r) (f64.const 1)) (f64.ne (local.get $r) (f64.const 0))))
      ${centred("$p", "(local.get $w2)")}
      ${centred("$q", "(local.get $w3)")}
      (local.set $r (f64.add (f64.mul (local.get $p) (local.get $p)) (f64.mul (local.get $q) (local.get $q))))
      (br_if $accepted (i32.and (f64.lt (local.get $r) (f64.const 1)) (f64.ne (local.get $r) (f64.const 0))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (call $polarBlock (local.get $m) (local.get $a) (local.get $state))
      (local.set $w0 (i32.load offset=16 (local.get $state)))
      (local.set $w1 (i32.load offset=20 (local.get $state)))
      (local.set $w2 (i32.load offset=24 (local.get $state)))
      (local.set $w3 (i32.load offset=28 (local.get $state)))
      (br $attempt)))
    (local.set $f (f64.sqrt (f64.div (f64.mul (f64.const -2) (call $log (local.get $r))) (local.get $r))))
    (local.set $at (i32.add (local.get $o) (i32.mul (i32.shl (local.get $m) (i32.const 1)) (local.get $stride))))
    (f64.store (local.get $at) (f64.mul (local.get $p) (local.get $f)))
    (if (i32.lt_u (i32.add (i32.shl (local.get $m) (i32.const 1)) (i32.const 1)) (local.get $n))
      (then (f64.store (i32.add (local.get $at) (local.get $stride)) (f64.mul (local.get $q) (local.get $f))))))

  ;; The block of pair $m at attempt $a of the stream at $state (counter (m, step, a, 3) under its key), alone (lane 0
  ;; of the four), into the stream's scratch at +16.
  (func $polarBlock (param $m i32) (param $a i32) (param $state i32)
    ${PHILOX_LOCALS}
    ${PHILOX_CONSTANTS}
    (local.set $key0 (i32x4.splat (i32.load (local.get $state))))
    (local.set $key1 (i32x4.splat (i32.load offset=4 (local.get $state))))
    ${philoxLanes(
      "(i32x4.splat (local.get $m))",
      "(i32x4.splat (i32.load offset=8 (local.get $state)))",
      "(i32x4.splat (local.get $a))",
      `(v128.const i32x4 ${STREAM} ${STREAM} ${STREAM} ${STREAM})`,
    )}
    (i32.store offset=16 (local.get $state) (i32x4.extract_lane 0 (local.get $x0)))
    (i32.store offset=20 (local.get $state) (i32x4.extract_lane 0 (local.get $x1)))
    (i32.store offset=24 (local.get $state) (i32x4.extract_lane 0 (local.get $x2)))
    (i32.store offset=28 (local.get $state) (i32x4.extract_lane 0 (local.get $x3))))
`;
