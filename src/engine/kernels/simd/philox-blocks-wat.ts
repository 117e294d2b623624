/**
 * engine/random's uniform stream (`uniformSource`) in blocks, as WebAssembly text: the module of philox-blocks.ts.
 * `uniforms` writes the draws of `groups`·4 consecutive Philox blocks, four blocks at a time in the i32x4 lanes
 * (lane l: counter (c0 + 4g + l, c1, 0, c3) under the key (k0, k1)), each block's two draws
 * (⌊a/2⁵⌋·2²⁶ + ⌊b/2⁶⌋)·2⁻⁵³ from its words (0, 1) then (2, 3): the JavaScript path's draws, bit for bit (every step
 * is exact in double: a 27-bit and a 26-bit integer joined below 2⁵³, then scaled by a power of two). The caller keeps
 * c0 + 4·groups within 2³² (no carry into c1 here). Philox itself is copy-lanes-wat's, not a second one.
 */
import { PHILOX_CONSTANTS, PHILOX_LOCALS, philoxLanes } from "./copy-lanes-wat";

/** Lanes 0, 1 of two f64x2 (bytes 0–7 of each), and lanes 1, 1 (bytes 8–15): a block's two draws side by side. */
const FIRST = "0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23";
const SECOND = "8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31";

/** i32x4 lanes 2, 3 moved to 0, 1 (for f64x2.convert_low). */
const HIGH_HALF = "8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7";

/** The f64x2 draws of the lanes (0, 1) of the i32x4 words `a` (high) and `b` (low): (⌊a/2⁵⌋·2²⁶ + ⌊b/2⁶⌋)·2⁻⁵³. */
const draws = (a: string, b: string) =>
  `(f64x2.mul (local.get $scale)
          (f64x2.add
            (f64x2.mul (f64x2.convert_low_i32x4_u (i32x4.shr_u ${a} (i32.const 5))) (local.get $join))
            (f64x2.convert_low_i32x4_u (i32x4.shr_u ${b} (i32.const 6)))))`;

const high = (v: string) => `(i8x16.shuffle ${HIGH_HALF} (local.get ${v}) (local.get ${v}))`;

/** The locals {@link storeUniformGroup} uses (besides Philox's own, PHILOX_LOCALS). */
export const UNIFORM_GROUP_LOCALS =
  "(local $pc0 v128) (local $e01 v128) (local $e23 v128) (local $o01 v128) (local $o23 v128) (local $join v128) (local $scale v128)";

/** What a function that stores groups runs first, after PHILOX_CONSTANTS: the draws' scales. */
export const UNIFORM_GROUP_SETUP = `(local.set $join (f64x2.splat (f64.const 67108864)))
    (local.set $scale (f64x2.splat (f64.const 0x1p-53)))`;

/**
 * The eight draws of blocks $pc0 (four lanes: counter ($pc0, c1, 0, c3) under ($key0, $key1)) stored in draw order at
 * the i32 address `out`: block b's two draws are draws 2b and 2b + 1 of the stream.
 */
export const storeUniformGroup = (out: string, c1: string, c3: string): string => String.raw`
      ${philoxLanes("(local.get $pc0)", `(i32x4.splat ${c1})`, "(v128.const i32x4 0 0 0 0)", `(i32x4.splat ${c3})`)}
      (local.set $e01 ${draws("(local.get $x0)", "(local.get $x1)")})
      (local.set $e23 ${draws(high("$x0"), high("$x1"))})
      (local.set $o01 ${draws("(local.get $x2)", "(local.get $x3)")})
      (local.set $o23 ${draws(high("$x2"), high("$x3"))})
      (v128.store ${out} (i8x16.shuffle ${FIRST} (local.get $e01) (local.get $o01)))
      (v128.store offset=16 ${out} (i8x16.shuffle ${SECOND} (local.get $e01) (local.get $o01)))
      (v128.store offset=32 ${out} (i8x16.shuffle ${FIRST} (local.get $e23) (local.get $o23)))
      (v128.store offset=48 ${out} (i8x16.shuffle ${SECOND} (local.get $e23) (local.get $o23)))`;

export const PHILOX_BLOCKS_WAT = String.raw`(module
  (memory (export "memory") 1)
  (func (export "uniforms") (param $out i32) (param $groups i32) (param $c0 i32) (param $c1 i32) (param $c3 i32)
        (param $k0 i32) (param $k1 i32)
    ${PHILOX_LOCALS}
    (local $g i32) ${UNIFORM_GROUP_LOCALS}
    ${PHILOX_CONSTANTS}
    ${UNIFORM_GROUP_SETUP}
    (local.set $key0 (i32x4.splat (local.get $k0)))
    (local.set $key1 (i32x4.splat (local.get $k1)))
    (local.set $pc0 (i32x4.add (i32x4.splat (local.get $c0)) (v128.const i32x4 0 1 2 3)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $g) (local.get $groups)))
      ${storeUniformGroup("(local.get $out)", "(local.get $c1)", "(local.get $c3)")}
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $pc0 (i32x4.add (local.get $pc0) (v128.const i32x4 4 4 4 4)))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (br $each)))
  )
)`;
