/**
 * One block stream's draws in WebAssembly text (engine/fastrandom `PhiloxStream`): the state is four i32 locals,
 * $s0, $s1 the key, $s2 the block, $s3 the position p, and draw p is word p mod 4 of Philox4x32-10 at counter
 * (block, ⌊p/4⌋, 0, PURPOSE_NORMAL). The ziggurat's slow path (langevin-wat's `slow`) draws one word at a time, in
 * order ({@link streamWord}); the noise passes (noise-wat) a chunk of sixteen at a time ({@link STREAM_CHUNK}).
 *
 * Why sixteen words at once: Philox's rounds are the copy sweep's (copy-lanes-wat `philoxLanes`, i32x4 with
 * i64x2.extmul), so one call gives four counters' words; counters 4c … 4c + 3 in the lanes are draws 16c … 16c + 15,
 * kept in $c0 … $c3 (word w of lane l: draw 16c + 4l + w) until the position leaves them, then picked by a swizzle.
 * A scalar Philox per word would cost four times the rounds.
 */
import { PURPOSE_NORMAL, PURPOSE_UNIFORM } from "../../fastrandom";
import { PHILOX_CONSTANTS, PHILOX_LOCALS, philoxLanesUnder } from "./copy-lanes-wat";

/** The locals a function that draws by {@link streamWord} declares (besides $s0 … $s3). */
export const STREAM_LOCALS = `(local $cq i32) (local $wi i32) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) ${PHILOX_LOCALS}`;

/** What such a function runs first: Philox's constants. */
export const STREAM_SETUP = PHILOX_CONSTANTS;

/** The counter's last word, a purpose, in every lane. */
const purposeLanes = (purpose: number) => `(v128.const i32x4 ${purpose} ${purpose} ${purpose} ${purpose})`;

/** The normals' purpose in every lane (rng4's too). */
export const PURPOSE_LANES = purposeLanes(PURPOSE_NORMAL);

/**
 * Draws 16c … 16c + 15 of the stream, c = ⌊$s3/16⌋, into $c0 … $c3: counters 4c … 4c + 3 in the lanes, so draw
 * 16c + 4l + w is word w of lane l, lane l of $c{w}.
 */
const streamChunk = (purpose: number) => String.raw`${philoxLanesUnder(
  [
    "(i32x4.splat (local.get $s2))",
    "(i32x4.add (i32x4.splat (i32.and (i32.shr_u (local.get $s3) (i32.const 2)) (i32.const -4))) (v128.const i32x4 0 1 2 3))",
    "(v128.const i32x4 0 0 0 0)",
    purposeLanes(purpose),
  ],
  "(i32x4.splat (local.get $s0))",
  "(i32x4.splat (local.get $s1))",
)}
          (local.set $c0 (local.get $x0))
          (local.set $c1 (local.get $x1))
          (local.set $c2 (local.get $x2))
          (local.set $c3 (local.get $x3))`;

/** {@link streamChunk} of the normals' streams (the noise passes). */
export const STREAM_CHUNK = streamChunk(PURPOSE_NORMAL);

/**
 * Draw $s3 of the stream into the i32 local `out`, $s3 moved on. $cq holds 1 + the cached chunk ⌊p/16⌋ (0: none:
 * set it to 0 when $s0 … $s3 are loaded with another stream). `purpose`: the counter's last word (the normals' by
 * default; the Ising pass draws the uniforms' streams).
 */
export function streamWord(out: string, purpose: "normal" | "uniform" = "normal"): string {
  const chunk = "(i32.add (i32.shr_u (local.get $s3) (i32.const 4)) (i32.const 1))";
  const pick = (bit: number, a: string, b: string) => `(select (result v128) ${b} ${a} (i32.and (local.get $wi) (i32.const ${bit})))`;
  return String.raw`
      (if (i32.ne ${chunk} (local.get $cq))
        (then
          (local.set $cq ${chunk})
          ${streamChunk(purpose === "normal" ? PURPOSE_NORMAL : PURPOSE_UNIFORM)}))
      (local.set $wi (i32.and (local.get $s3) (i32.const 15)))
      (local.set ${out} (i32x4.extract_lane 0 (i8x16.swizzle
        ${pick(2, pick(1, "(local.get $c0)", "(local.get $c1)"), pick(1, "(local.get $c2)", "(local.get $c3)"))}
        (i32x4.splat (i32.add (i32.mul (i32.shr_u (local.get $wi) (i32.const 2)) (i32.const 0x04040404)) (i32.const 0x03020100))))))
      (local.set $s3 (i32.add (local.get $s3) (i32.const 1)))`;
}
