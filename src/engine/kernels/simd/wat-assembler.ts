/**
 * WebAssembly text → binary for the engine's SIMD modules (simd.ts, simd-heap.ts), by `wabt` (the WebAssembly
 * Binary Toolkit compiled to JS, from npm): no binary is committed. One wabt instance serves every module (loading it
 * costs tens of ms at start-up).
 */

interface Wabt {
  parseWat(name: string, text: string, features: object): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void };
}

let wabt: Promise<Wabt> | null = null;

/**
 * The binary of the module `text` (SIMD enabled), named `name` in wabt's error messages. Rejects when wabt is not
 * installed or the text does not assemble; the callers then keep their JavaScript loops.
 *
 * @example
 * ```ts
 * const bytes = await assembleWat("tiny.wat", "(module (func (export \"one\") (result i32) (i32.const 1)))");
 * [...bytes.subarray(0, 4)]; // → [0, 97, 115, 109] ("\0asm", the WebAssembly magic)
 * ```
 */
export async function assembleWat(name: string, text: string): Promise<Uint8Array> {
  wabt ??= (require("wabt") as () => Promise<Wabt>)();
  const parsed = (await wabt).parseWat(name, text, { simd: true });
  try {
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}
