/**
 * §3.3's sweep on ±1 spins (spin/update-kernels `updateSweep`) as WebAssembly text: the module of spin-sweep.ts.
 * `sweep` visits the nodes in order, proposes by the kernel (0 "node0", 1 "neighbour", 2 "symmetric"), sums the local
 * field in the CSR's order and accepts by the library's Metropolis rule (ops/sweep-acceptance: downhill without a
 * draw, uphill at T = 0 rejected without a draw, else u < e^{−Δ/T}, a NaN cost drawing and rejecting), drawing from
 * engine/random's `uniformSource` stream at position $pos: draw p is block ⌊p/2⌋'s, eight draws (four blocks, one pass
 * of Philox's lanes) computed at a time. Every operation is the JavaScript loop's, in its order, so the spins, the
 * energy change and the stream's position are the same, bit for bit.
 *
 * Memory (laid out by spin-sweep.ts): [0, 64) the draws of the chunk at hand; [64, 576) e^{−Δ/T} of whole costs
 * Δ < 64 at the sweep's T (the JavaScript rule's cache: the same numbers, one Math.exp per cost and sweep); [576, 592)
 * the result (changes i32, the stream's position i32, ΔH f64); the graph and the spins from 1024.
 */
import { PHILOX_CONSTANTS, PHILOX_LOCALS } from "./copy-lanes-wat";
import { storeUniformGroup, UNIFORM_GROUP_LOCALS, UNIFORM_GROUP_SETUP } from "./philox-blocks-wat";

/** Byte offsets of the module's fixed areas. */
export const SWEEP_FACTORS = 64;
export const SWEEP_RESULT = 576;
export const SWEEP_GRAPH = 1024;

/** Whole costs below this have their factor kept for the sweep (ops/sweep-acceptance's CACHED_COSTS). */
const CACHED_COSTS = 64;

/** engine/random's counter word for `uniformSource` (its STREAM.source). */
const SOURCE_PURPOSE = 1;

/** Draw $pos of the stream into the f64 local `out`, $pos moved on ($uc: 1 + the chunk ⌊p/8⌋ held at [0, 64)). */
const draw = (out: string) => String.raw`
      (if (i32.ne (i32.add (i32.shr_u (local.get $pos) (i32.const 3)) (i32.const 1)) (local.get $uc))
        (then
          (local.set $uc (i32.add (i32.shr_u (local.get $pos) (i32.const 3)) (i32.const 1)))
          (local.set $pc0 (i32x4.add (i32x4.splat (i32.shl (i32.shr_u (local.get $pos) (i32.const 3)) (i32.const 2)))
            (v128.const i32x4 0 1 2 3)))
          ${storeUniformGroup("(i32.const 0)", "(i32.const 0)", `(i32.const ${SOURCE_PURPOSE})`)}))
      (local.set ${out} (f64.load (i32.shl (i32.and (local.get $pos) (i32.const 7)) (i32.const 3))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))`;

const at32 = (base: string, index: string) => `(i32.add (local.get ${base}) (i32.shl ${index} (i32.const 2)))`;
const at64 = (base: string, index: string) => `(i32.add (local.get ${base}) (i32.shl ${index} (i32.const 3)))`;

export const SPIN_SWEEP_WAT = String.raw`(module
  (import "math" "exp" (func $exp (param f64) (result f64)))
  (memory (export "memory") 1)
  (func (export "sweep") (param $kernel i32) (param $n i32) (param $start i32) (param $nbr i32) (param $coupling i32)
        (param $field i32) (param $spin i32) (param $T f64) (param $k0 i32) (param $k1 i32) (param $pos i32)
    ${PHILOX_LOCALS}
    ${UNIFORM_GROUP_LOCALS}
    (local $uc i32) (local $i i32) (local $a i32) (local $b i32) (local $q i32) (local $s i32) (local $c i32)
    (local $changes i32) (local $accept i32) (local $have i64)
    (local $local f64) (local $cost f64) (local $u f64) (local $f f64) (local $dH f64)
    ${PHILOX_CONSTANTS}
    ${UNIFORM_GROUP_SETUP}
    (local.set $key0 (i32x4.splat (local.get $k0)))
    (local.set $key1 (i32x4.splat (local.get $k1)))
    (block $done (loop $nodes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (block $next
        (local.set $a (i32.load ${at32("$start", "(local.get $i)")}))
        (local.set $b (i32.load offset=4 ${at32("$start", "(local.get $i)")}))
        (local.set $s (i32.load8_s (i32.add (local.get $spin) (local.get $i))))
        (if (i32.eqz (local.get $kernel))
          (then (br_if $next (i32.eq (i32.load8_s (local.get $spin)) (local.get $s)))))
        (if (i32.eq (local.get $kernel) (i32.const 1))
          (then
            (br_if $next (i32.eq (local.get $b) (local.get $a)))
            ${draw("$u")}
            (br_if $next (i32.eq (local.get $s) (i32.load8_s (i32.add (local.get $spin)
              (i32.load ${at32(
                "$nbr",
                `(i32.add (local.get $a) (i32.trunc_f64_s (f64.floor (f64.mul (local.get $u)
                (f64.convert_i32_s (i32.sub (local.get $b) (local.get $a)))))))`,
              )})))))))
        ;; flipCost: the field, then the couplings in the row's order.
        (local.set $local (f64.load ${at64("$field", "(local.get $i)")}))
        (local.set $q (local.get $a))
        (block $summed (loop $terms
          (br_if $summed (i32.ge_u (local.get $q) (local.get $b)))
          (local.set $local (f64.add (local.get $local) (f64.mul (f64.load ${at64("$coupling", "(local.get $q)")})
            (f64.convert_i32_s (i32.load8_s (i32.add (local.get $spin) (i32.load ${at32("$nbr", "(local.get $q)")})))))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $terms)))
        (local.set $cost (f64.mul (f64.convert_i32_s (i32.shl (local.get $s) (i32.const 1))) (local.get $local)))
        ;; sweepAccepts: downhill without a draw; at T = 0 uphill rejected without one; else u < factor (0 for NaN).
        (local.set $accept (f64.le (local.get $cost) (f64.const 0)))
        (if (i32.and (i32.eqz (local.get $accept)) (f64.ne (local.get $T) (f64.const 0)))
          (then
            ${draw("$u")}
            (if (i32.and (f64.lt (local.get $cost) (f64.const ${CACHED_COSTS})) (f64.eq (f64.trunc (local.get $cost)) (local.get $cost)))
              (then
                (local.set $c (i32.trunc_f64_s (local.get $cost)))
                (if (i64.eqz (i64.and (local.get $have) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $c)))))
                  (then
                    (f64.store offset=${SWEEP_FACTORS} (i32.shl (local.get $c) (i32.const 3))
                      (call $exp (f64.div (f64.neg (local.get $cost)) (local.get $T))))
                    (local.set $have (i64.or (local.get $have) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $c)))))))
                (local.set $f (f64.load offset=${SWEEP_FACTORS} (i32.shl (local.get $c) (i32.const 3)))))
              (else
                (local.set $f (select (f64.const 0) (call $exp (f64.div (f64.neg (local.get $cost)) (local.get $T)))
                  (f64.ne (local.get $cost) (local.get $cost))))))
            (local.set $accept (f64.lt (local.get $u) (local.get $f)))))
        (if (local.get $accept)
          (then
            (i32.store8 (i32.add (local.get $spin) (local.get $i)) (i32.sub (i32.const 0) (local.get $s)))
            (local.set $changes (i32.add (local.get $changes) (i32.const 1)))
            (local.set $dH (f64.add (local.get $dH) (local.get $cost))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $nodes)))
    (i32.store (i32.const ${SWEEP_RESULT}) (local.get $changes))
    (i32.store offset=4 (i32.const ${SWEEP_RESULT}) (local.get $pos))
    (f64.store offset=8 (i32.const ${SWEEP_RESULT}) (local.get $dH))
  )
)`;
