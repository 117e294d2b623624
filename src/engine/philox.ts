/**
 * Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3"): the library's
 * counter-based generator. A draw is a pure function of a 2-word key and a 4-word counter, with no state to carry,
 * so a run keyed by its own key draws the same numbers alone or beside others, on one thread or two, in JavaScript,
 * WebAssembly lanes or WGSL. Its users: the GPU step (a lane draws a row's four normals at counter (row, quad) under
 * the step's key; step-wgsl.ts must match {@link philox4x32} word for word), the CPU loops that key each run
 * by its own key ({@link philoxInto}, the same words without an allocation) and engine/random's streams
 * (`uniformSource`, `normal`, `uniform`: word 3 of the counter names the stream). Checked against Random123's published known-answer vectors (test/unit/engine/philox.test.ts).
 *
 * The GPU step's noise is not the CPU Langevin path's (engine/fastrandom's block streams through the ziggurat): the two paths
 * agree in law, not bit for bit.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High and low 32-bit words of the 64-bit product a·b of two unsigned 32-bit integers. */
export function mulHiLo(a: number, b: number): [number, number] {
  return [mulHi(a, b), Math.imul(a, b) >>> 0];
}

/** Philox4x32 with 10 rounds: four 32-bit words of output for a 4-word counter and a 2-word key. */
export function philox4x32(
  counter: readonly [number, number, number, number],
  key: readonly [number, number],
): [number, number, number, number] {
  let [c0, c1, c2, c3] = counter.map((v) => v >>> 0) as [number, number, number, number];
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let round = 0; round < 10; round++) {
    const [hi0, lo0] = mulHiLo(M0, c0);
    const [hi1, lo1] = mulHiLo(M1, c2);
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  return [c0, c1, c2, c3];
}

/** The high 32-bit word of the 64-bit product a·b of two unsigned 32-bit integers (the low word is Math.imul's); ⌊w·m/2³²⌋ draws one of m choices from a word w. */
export function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lolo = aLo * bLo;
  const lohi = aLo * bHi;
  const hilo = aHi * bLo;
  const mid = (lolo >>> 16) + (lohi & 0xffff) + (hilo & 0xffff);
  return (aHi * bHi + (lohi >>> 16) + (hilo >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * {@link philox4x32} without an allocation, for CPU hot loops: the four words for counter (c0, c1, c2, c3) under key
 * (k0, k1) written to `out[0 … 3]`. The same words as philox4x32 (test/unit/engine/philox.test.ts).
 */
export function philoxInto(out: Uint32Array, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number): Uint32Array {
  c0 >>>= 0;
  c1 >>>= 0;
  c2 >>>= 0;
  c3 >>>= 0;
  k0 >>>= 0;
  k1 >>>= 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulHi(M0, c0),
      lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi(M1, c2),
      lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/** 2⁻²⁴: the spacing of the uniforms made from the top 24 bits of a word (exact in float32). */
const U24 = 2 ** -24;

/**
 * The two standard normals at Philox counter (row, `step`) under `key` (the GPU step's channels 4·step and
 * 4·step + 1 of row `row`, `step` being the quad), by Box–Muller on
 * the first two Philox words: u₁ = (⌊w₀/2⁸⌋ + 1)·2⁻²⁴ ∈ (0, 1], u₂ = ⌊w₁/2⁸⌋·2⁻²⁴ ∈ [0, 1),
 * ξ = √(−2 ln u₁)·(cos 2πu₂, sin 2πu₂). In float64 here; the shader computes the same in float32. The largest
 * |ξ| is √(2·24·ln 2) ≈ 5.77: the law's tails beyond are cut (probability 2⁻²⁴ per pair).
 */
export function philoxNormals(row: number, step: number, key: readonly [number, number]): [number, number] {
  const [w0, w1] = philox4x32([row, step, 0, 0], key);
  const u1 = ((w0 >>> 8) + 1) * U24;
  const u2 = (w1 >>> 8) * U24;
  const r = Math.sqrt(-2 * Math.log(u1));
  return [r * Math.cos(2 * Math.PI * u2), r * Math.sin(2 * Math.PI * u2)];
}
