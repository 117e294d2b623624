/**
 * WebAssembly text → binary for the engine's SIMD modules (simd.ts, simd-heap.ts), by `wabt` (the WebAssembly
 * Binary Toolkit compiled to JS, from npm): no binary is committed. One wabt instance serves every module (loading it
 * costs tens of ms at start-up). {@link instantiateWat} builds the modules that own their memory.
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

const Wasm = (
  globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<object>; Instance: new (module: object, imports: object) => { exports: unknown } };
  }
).WebAssembly;

/**
 * The exports of a module of its own (its own memory: philox-blocks, spin-sweep) assembled from `text` and
 * instantiated with `imports`; null where it cannot be built (wabt or SIMD missing) or `EMTD_SIMD=0`, so that the
 * caller keeps its JavaScript path.
 */
export async function instantiateWat(name: string, text: string, imports: object = {}): Promise<unknown> {
  if (process.env.EMTD_SIMD === "0") return null;
  try {
    return new Wasm.Instance(await Wasm.compile(await assembleWat(name, text)), imports).exports;
  } catch {
    return null;
  }
}
