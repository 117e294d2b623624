/**
 * The skeleton every noise pass of the SIMD module shares (`noise`, `noiseXG` in simd-wat.ts, `noiseLap` in
 * wide-wat.ts): elements 0 … total − 1 in blocks of `perBlock`, block b drawing from its own Philox stream (four i32
 * at $states + 16 b: key, block, position, as fastrandom's PhiloxStream; read before the block, its position moved
 * on after it; philox-stream-wat), one draw per element in element order, sixteen words per Philox call picked by
 * constant lanes (unrolled: no per-element choice of word; a block's position must start on a multiple of 16, as every
 * caller seeds it at 0),
 * accepted by the ziggurat's fast path (k8: 256 × i32, w8: 256 × f64); the misses are listed as (a, bits) pairs at
 * $miss, in order, for the caller to finish from the block's stream; the pass returns their count. What each pass
 * stores for an accepted draw is its own: `store`, a WebAssembly statement over $a (the element), $sigma and
 * {@link FAST_NORMAL}.
 */
import { STREAM_CHUNK, STREAM_LOCALS, STREAM_SETUP } from "./philox-stream-wat";

/** The accepted draw's standard normal, m·W8[q] in f64 (impl.normalRun's fast path). */
export const FAST_NORMAL =
  "(f64.mul (f64.convert_i32_s (local.get $m)) (f64.load (i32.add (local.get $w8) (i32.shl (local.get $q) (i32.const 3)))))";

/**
 * The text of one exported noise pass: `params` are those between $w8 and $miss (the pass's own arrays and $sigma),
 * `locals` any it adds, `store` its fast-path statement.
 */
export function noisePass(name: string, params: string, store: string, locals = ""): string {
  // One element: its draw from lane l of $c{w} (draw 4l + w of the chunk), the fast path or a miss record, the next.
  const element = (k: number) => String.raw`
        ${k === 0 ? "" : "(br_if $bd (i32.ge_u (local.get $a) (local.get $end)))"}
        (local.set $r (i32x4.extract_lane ${k >> 2} (local.get $c${k & 3})))
        (local.set $q (i32.and (local.get $r) (i32.const 255)))
        (local.set $m (i32.shr_u (local.get $r) (i32.const 8)))
        (if (i32.lt_s (local.get $m) (i32.load (i32.add (local.get $k8) (i32.shl (local.get $q) (i32.const 2)))))
          (then
            ${store})
          (else
            (i32.store (i32.add (local.get $miss) (i32.shl (local.get $misses) (i32.const 3))) (local.get $a))
            (i32.store offset=4 (i32.add (local.get $miss) (i32.shl (local.get $misses) (i32.const 3))) (local.get $r))
            (local.set $misses (i32.add (local.get $misses) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))`;
  return String.raw`
  (func (export "${name}") (param $total i32) (param $perBlock i32) (param $states i32) (param $k8 i32) (param $w8 i32)
        ${params} (param $miss i32) (result i32)
    (local $a i32) (local $end i32) (local $st i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $r i32) (local $q i32) (local $m i32) (local $misses i32) (local $from i32) ${STREAM_LOCALS}${locals ? ` ${locals}` : ""}
    ${STREAM_SETUP}
    (local.set $st (local.get $states))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $a) (local.get $total)))
      (local.set $from (local.get $a))
      (local.set $end (i32.add (local.get $a) (local.get $perBlock)))
      (if (i32.gt_u (local.get $end) (local.get $total)) (then (local.set $end (local.get $total))))
      (local.set $s0 (i32.load (local.get $st)))
      (local.set $s1 (i32.load offset=4 (local.get $st)))
      (local.set $s2 (i32.load offset=8 (local.get $st)))
      (local.set $s3 (i32.load offset=12 (local.get $st)))
      ;; sixteen elements per chunk of the stream, its words picked by constant lanes
      (block $bd (loop $chunks
        (br_if $bd (i32.ge_u (local.get $a) (local.get $end)))
        ${STREAM_CHUNK}
        ${Array.from({ length: 16 }, (_, k) => element(k)).join("")}
        (local.set $s3 (i32.add (local.get $s3) (i32.const 16)))
        (br $chunks)))
      ;; the position after the block's draws, one per element
      (i32.store offset=12 (local.get $st) (i32.add (i32.load offset=12 (local.get $st)) (i32.sub (local.get $end) (local.get $from))))
      (local.set $st (i32.add (local.get $st) (i32.const 16)))
      (br $blocks)))
    (local.get $misses)
  )`;
}
