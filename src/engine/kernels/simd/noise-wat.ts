/**
 * The skeleton every noise pass of the SIMD module shares (`noise`, `noiseXG` in simd-wat.ts, `noiseLap` in
 * wide-wat.ts): elements 0 … total − 1 in blocks of `perBlock`, block b drawing from its own Philox stream (four i32
 * at $states + 16 b: key, block, position, as fastrandom's PhiloxStream; read before the block and written back
 * after it, its position moved on; philox-stream-wat), one draw per element in element order,
 * accepted by the ziggurat's fast path (k8: 256 × i32, w8: 256 × f64); the misses are listed as (a, bits) pairs at
 * $miss, in order, for the caller to finish from the block's stream; the pass returns their count. What each pass
 * stores for an accepted draw is its own: `store`, a WebAssembly statement over $a (the element), $sigma and
 * {@link FAST_NORMAL}.
 */
import { STREAM_LOCALS, STREAM_RESET, STREAM_SETUP, streamWord } from "./philox-stream-wat";

/** The accepted draw's standard normal, m·W8[q] in f64 (impl.normalRun's fast path). */
export const FAST_NORMAL =
  "(f64.mul (f64.convert_i32_s (local.get $m)) (f64.load (i32.add (local.get $w8) (i32.shl (local.get $q) (i32.const 3)))))";

/**
 * The text of one exported noise pass: `params` are those between $w8 and $miss (the pass's own arrays and $sigma),
 * `locals` any it adds, `store` its fast-path statement.
 */
export function noisePass(name: string, params: string, store: string, locals = ""): string {
  return String.raw`
  (func (export "${name}") (param $total i32) (param $perBlock i32) (param $states i32) (param $k8 i32) (param $w8 i32)
        ${params} (param $miss i32) (result i32)
    (local $a i32) (local $end i32) (local $st i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $r i32) (local $q i32) (local $m i32) (local $misses i32) ${STREAM_LOCALS}${locals ? ` ${locals}` : ""}
    ${STREAM_SETUP}
    (local.set $st (local.get $states))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $a) (local.get $total)))
      (local.set $end (i32.add (local.get $a) (local.get $perBlock)))
      (if (i32.gt_u (local.get $end) (local.get $total)) (then (local.set $end (local.get $total))))
      (local.set $s0 (i32.load (local.get $st)))
      (local.set $s1 (i32.load offset=4 (local.get $st)))
      (local.set $s2 (i32.load offset=8 (local.get $st)))
      (local.set $s3 (i32.load offset=12 (local.get $st)))
      ${STREAM_RESET}
      (block $bd (loop $elems
        (br_if $bd (i32.ge_u (local.get $a) (local.get $end)))
        ${streamWord("$r")}
        (local.set $q (i32.and (local.get $r) (i32.const 255)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 8)))
        (if (i32.lt_s (local.get $m) (i32.load (i32.add (local.get $k8) (i32.shl (local.get $q) (i32.const 2)))))
          (then
            ${store})
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
  )`;
}
