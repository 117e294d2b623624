/**
 * engine/random's uniform stream filled in blocks by WebAssembly SIMD (the text in philox-blocks-wat.ts): the same
 * draws as its JavaScript Philox, four blocks per pass of the lanes where JavaScript pays ten rounds of 16-bit
 * multiplies per block. A module of its own, with its own memory, so it serves every stream on the calling thread
 * without touching the fused kernels' shared heap. Until {@link preparePhiloxBlocks} has run (or where wabt or SIMD
 * is missing, or `EMTD_SIMD=0`), {@link philoxUniforms} answers false and the caller draws in JavaScript: the same
 * numbers either way.
 */
import { PHILOX_BLOCKS_WAT } from "./philox-blocks-wat";
import { instantiateWat } from "./wat-assembler";

/** Draws per fill: 64 blocks of two (16 passes of the four lanes). */
export const UNIFORM_BATCH = 128;

interface Exports {
  memory: { readonly buffer: ArrayBuffer };
  uniforms(out: number, groups: number, c0: number, c1: number, c3: number, k0: number, k1: number): void;
}

let blocks: { fill: Exports["uniforms"]; view: Float64Array } | null = null;
let tried = false;

/** Assemble and instantiate the module (once). False, and the JavaScript path stays, where it cannot be built. */
export async function preparePhiloxBlocks(): Promise<boolean> {
  if (tried) return blocks !== null;
  tried = true;
  const made = (await instantiateWat("emtd-philox-blocks.wat", PHILOX_BLOCKS_WAT)) as Exports | null;
  if (made !== null) blocks = { fill: made.uniforms, view: new Float64Array(made.memory.buffer, 0, UNIFORM_BATCH) };
  return blocks !== null;
}

/**
 * The {@link UNIFORM_BATCH} uniforms of blocks `block` … `block` + 63 of the stream under key (k0, k1) whose counter's
 * last word is `c3` (engine/random `uniformSource`: block b at counter (b mod 2³², ⌊b/2³²⌋, 0, c3)) into `out`, in
 * draw order; false, with `out` untouched, where the module is not ready or the blocks would carry into the counter's
 * second word.
 */
export function philoxUniforms(out: Float64Array, block: number, k0: number, k1: number, c3: number): boolean {
  const lo = block % 4294967296;
  if (blocks === null || lo > 4294967296 - UNIFORM_BATCH / 2) return false;
  blocks.fill(0, UNIFORM_BATCH / 8, lo | 0, Math.floor(block / 4294967296) | 0, c3, k0 | 0, k1 | 0);
  out.set(blocks.view);
  return true;
}
