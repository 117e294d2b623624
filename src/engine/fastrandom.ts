/**
 * The fused kernels' normals: block streams on Philox4x32-10 (engine/philox, issue 72 item 1) and standard normals
 * by the ziggurat method (Marsaglia & Tsang 2000, 128 layers).
 *
 * Why streams per row block, in counter mode: a value depends only on (key, block, position in the block), never on
 * how the rows are split between threads or which loop draws them. A block's "stream" is Philox at counter
 * (block, ⌊p/4⌋, 0, purpose) under the run's key, word p mod 4 being its draw p: its state is that counter (key,
 * block, position: {@link PhiloxStream}), so the JavaScript loops, the WebAssembly passes (four blocks in the i32x4
 * lanes, simd/langevin-wat's rng4; a block's scalar draws, simd/philox-stream-wat) and any thread compute the same
 * words with nothing carried but a position. Why not counter = (step, node): the callers already hand each step its
 * own key (fold(key, t)), the ziggurat's misses need a stream that goes on past the block's fast-path draws, and
 * every driver, miss list and bitwise test is built on the block streams; a position per block keeps all of them.
 * The purpose sits in the counter's last word, where engine/random puts its stream names (1, 2: never a purpose).
 *
 * Bits: each normal uses one 32-bit output r: layer = r & 127, sign = bit 7, magnitude u = (r >>> 8)·2⁻²⁴ (24 bits,
 * disjoint from the layer bits, avoiding the layer/magnitude correlation Doornik (2005) found in the original
 * RNOR). About 2.8 % of draws (Σ_j (1 − K8[j]·2⁻²⁴)/256 = 0.0276) take the slow path, which draws more words
 * from the same stream. Uniforms are (r >>> 8)·2⁻²⁴: exactly representable in float32, in [0, 1). The ziggurat stays
 * (not Box–Muller on the words): its fast path is a compare and a multiply, no log, in WAT as in JavaScript.
 *
 * Not cryptographic. Philox is checked against its known-answer vectors (test/unit/engine/philox.test.ts); the
 * normals here for determinism and their first four moments. The Ising kernel's uniforms (configs/ising-kernel,
 * simd-rows, row-loops' isingRows, simd-wat's `ising` pass) are the same block streams under PURPOSE_UNIFORM.
 */
import type { Key } from "./random";
import { philoxInto } from "./philox";

/** Rows per independent stream. Partitions between threads are aligned to it. */
export const NOISE_BLOCK_ROWS = 1024;

/** Stream purposes, so the same key drives unrelated streams for different uses. */
export const PURPOSE_NORMAL = 0x6e6f726d; // "norm"
export const PURPOSE_UNIFORM = 0x756e6966; // "unif"

const TWO_M24 = 1 / 16777216;

// ---------------------------------------------------------------------------------------------------------------
// Ziggurat tables for f(x) = exp(−x²/2), 128 layers of equal area v; r is the start of the tail.
const LAYERS = 128;
const R = 3.442619855899;
const V = 9.91256303526217e-3;
/** X[i]: right edge of layer i (X[0] = v/f(r) is the base strip's virtual width, X[1] = r, X[128] = 0). */
const X = new Float64Array(LAYERS + 1);
/** F[i] = f(X[i]). */
const F = new Float64Array(LAYERS + 1);
/** RATIO[i] = X[i+1]/X[i]: u below it is inside the curve for sure (the fast path). */
const RATIO = new Float64Array(LAYERS);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  X[0] = V / f(R);
  X[1] = R;
  for (let i = 1; i < LAYERS - 1; i++) X[i + 1] = Math.sqrt(-2 * Math.log(V / X[i]! + f(X[i]!)));
  X[LAYERS] = 0;
  for (let i = 0; i <= LAYERS; i++) F[i] = f(X[i]!);
  for (let i = 0; i < LAYERS; i++) RATIO[i] = X[i + 1]! / X[i]!;
}

// ---------------------------------------------------------------------------------------------------------------

/** What the ziggurat's slow path draws from: a stream's uniforms and, after a rejected wedge, a fresh normal. */
export interface DrawStream {
  uniform(): number;
  normal(): number;
}

/**
 * A block's stream on Philox4x32-10: draw p is word p mod 4 of Philox at counter (block, ⌊p/4⌋, 0, purpose) under
 * the key's two words. Its state is (k0, k1, block, pos), four int32 words as the WebAssembly passes keep it
 * ({@link PhiloxStream.save}, {@link PhiloxStream.load}); `next()` returns draw `pos` and moves on. The readable
 * reference the kernels inline (the last counter's words cached, so four draws cost one Philox call).
 *
 * @example
 * ```ts
 * const stream = new PhiloxStream(key(7), 0, 0); // key, block, purpose
 * console.log(stream.next(), stream.uniform().toFixed(6), stream.normal().toFixed(6)); // → 525141904 0.881662 -1.855818
 * new PhiloxStream(key(7), 0, 0).next(); // → 525141904 (same key, block, purpose: same stream)
 * ```
 */
export class PhiloxStream {
  k0: number;
  k1: number;
  block: number;
  /** The next draw's position in the block's stream. */
  pos = 0;
  readonly purpose: number;
  private readonly words = new Uint32Array(4);
  /** ⌊pos/4⌋ of the words cached (−1: none). */
  private q = -1;
  constructor(k: Key, block: number, purpose: number) {
    this.k0 = k[0] | 0;
    this.k1 = k[1] | 0;
    this.block = block | 0;
    this.purpose = purpose;
  }
  /** The next 32 bits, as an int32 (use `>>> 8` etc. to extract bits). */
  next(): number {
    const q = this.pos >>> 2;
    if (q !== this.q) {
      philoxInto(this.words, this.block, q, 0, this.purpose, this.k0, this.k1);
      this.q = q;
    }
    return this.words[this.pos++ & 3]! | 0;
  }
  /** The state (k0, k1, block, pos) into `into[at … at + 3]`, as a pass reads it. */
  save(into: Int32Array, at = 0): void {
    into[at] = this.k0;
    into[at + 1] = this.k1;
    into[at + 2] = this.block;
    into[at + 3] = this.pos;
  }
  /** The state back from `from[at … at + 3]` (what a pass left there). */
  load(from: ArrayLike<number>, at = 0): void {
    this.k0 = from[at]! | 0;
    this.k1 = from[at + 1]! | 0;
    this.block = from[at + 2]! | 0;
    this.pos = from[at + 3]! | 0;
    this.q = -1;
  }
  /** Uniform in [0, 1) with 24 bits (exact in float32). */
  uniform(): number {
    return (this.next() >>> 8) * TWO_M24;
  }
  /** Standard normal (ziggurat). */
  normal(): number {
    return zigguratNormal(this);
  }
}

/** A standard normal from `stream` by the ziggurat: the fast path, else the slow one, else a fresh draw. */
function zigguratNormal(stream: DrawStream & { next(): number }): number {
  for (;;) {
    const r = stream.next();
    const i = r & 127;
    const u = (r >>> 8) * TWO_M24;
    const sign = r & 128 ? -1 : 1;
    if (u < RATIO[i]!) return sign * u * X[i]!;
    const x = zigguratSlow(stream, i, u);
    if (x === x) return sign * x; // NaN means "start over"
  }
}

/** The ziggurat's rare path: the tail beyond r (layer 0) or the wedge test (other layers); NaN = retry. */
export function zigguratSlow(stream: DrawStream, i: number, u: number): number {
  if (i === 0) {
    // Marsaglia's tail: x = r + a with a ~ Exp(r) conditioned by 2b ≥ a², b ~ Exp(1).
    for (;;) {
      const a = -Math.log(1 - stream.uniform()) / R;
      const b = -Math.log(1 - stream.uniform());
      if (2 * b >= a * a) return R + a;
    }
  }
  const x = u * X[i]!;
  const y = F[i]! + stream.uniform() * (F[i + 1]! - F[i]!);
  return y < Math.exp(-0.5 * x * x) ? x : Number.NaN;
}

/** Ziggurat tables, read-only (exported for the kernels, which inline the fast path). */
export const ZIGGURAT = { X, RATIO, F, R };

/**
 * Fill `out[rowStart·C … rowEnd·C)` of a row-major [rows, C] array with standard normals, block stream by block
 * stream. `rowStart` must be a multiple of {@link NOISE_BLOCK_ROWS} (or 0) so the values do not depend on the split.
 * Optionally computes `out = base + scale·ξ` in the same pass (`base` may be `out` itself).
 *
 * @example
 * ```ts
 * const xi = new Float32Array(4 * 2); // [rows 4, C 2], row-major
 * fillNormal(xi, 2, 0, 4, key(7));
 * console.log(Array.from(xi.slice(0, 2), (v) => v.toFixed(4))); // → [ '1.0833', '0.2391' ]
 * const base = new Float32Array(8).fill(10);
 * const shifted = new Float32Array(8);
 * fillNormal(shifted, 2, 0, 4, key(7), 0.1, base); // shifted = base + 0.1·ξ, the same ξ
 * console.log(shifted[0].toFixed(4)); // → 10.1083
 * ```
 */
export function fillNormal(
  out: Float32Array,
  channels: number,
  rowStart: number,
  rowEnd: number,
  k: Key,
  scale = 1,
  base: Float32Array | null = null,
): void {
  for (let b0 = rowStart; b0 < rowEnd; b0 += NOISE_BLOCK_ROWS) {
    const stream = new PhiloxStream(k, b0 / NOISE_BLOCK_ROWS, PURPOSE_NORMAL);
    const end = Math.min(rowEnd, b0 + NOISE_BLOCK_ROWS) * channels;
    normalRun(stream, out, b0 * channels, end, scale, base);
  }
}

// Fast-path tables over the low 8 bits (layer + sign): accept when (r >>> 8) < K8[j], value (r >>> 8)·W8[j].
// Equivalent to u < RATIO[i], ±u·X[i] with u = (r >>> 8)·2⁻²⁴, in integer compares (2× faster in V8).
const K8 = new Int32Array(256);
const W8 = new Float64Array(256);
for (let j = 0; j < 256; j++) {
  K8[j] = Math.ceil(RATIO[j & 127]! * 16777216);
  W8[j] = (j & 128 ? -1 : 1) * X[j & 127]! * TWO_M24;
}
let missAt = new Int32Array(1024);
let missBits = new Int32Array(1024);

/**
 * out[a] = base[a − baseOffset] + scale·ξ_a (or scale·ξ_a when base is null) for a in [from, to), drawing from `stream` in
 * order. Two passes: a branch-light fast path for every element that records the ~2.8 % misses, then the slow path
 * for the misses in order (continuing the same stream), so the result is a pure function of the stream.
 */
export function normalRun(
  stream: PhiloxStream,
  out: Float32Array,
  from: number,
  to: number,
  scale: number,
  base: Float32Array | Float64Array | null,
  baseOffset = 0,
): void {
  if (missAt.length < to - from) {
    missAt = new Int32Array(to - from);
    missBits = new Int32Array(to - from);
  }
  const at = missAt;
  const bits = missBits;
  const w = runWords;
  const { k0, k1, block, purpose } = stream;
  let misses = 0;
  let pos = stream.pos;
  if ((pos & 3) !== 0 && from < to) philoxInto(w, block, pos >>> 2, 0, purpose, k0, k1);
  for (let a = from; a < to; a++, pos++) {
    if ((pos & 3) === 0) philoxInto(w, block, pos >>> 2, 0, purpose, k0, k1);
    const r = w[pos & 3]! | 0;
    const j = r & 255;
    const m = r >>> 8;
    if (m < K8[j]!) {
      out[a] = base === null ? scale * (m * W8[j]!) : base[a - baseOffset]! + scale * (m * W8[j]!);
    } else {
      at[misses] = a;
      bits[misses++] = r;
    }
  }
  stream.pos = pos;
  for (let q = 0; q < misses; q++) {
    const z = normalMiss(stream, bits[q]!);
    const a = at[q]!;
    out[a] = base === null ? scale * z : base[a - baseOffset]! + scale * z;
  }
}

/** {@link normalRun}'s four words of the counter at hand. */
const runWords = new Uint32Array(4);

/** The normal for a draw `r` that missed the fast path: slow path on its (layer, u), else a fresh draw. */
export function normalMiss(stream: DrawStream, r: number): number {
  const z = zigguratSlow(stream, r & 127, (r >>> 8) * TWO_M24);
  return z === z ? (r & 128 ? -z : z) : stream.normal(); // a rejected wedge restarts from scratch
}

/**
 * The normal of a draw `r` that missed the ziggurat's fast path, finished from a stream of its own: Philox4x32-10 under
 * (k0, k1) at counter (c0, c1, 1 + ⌊p/4⌋, c3), word p mod 4 for its p-th word, so it depends on its counter alone
 * (a counter-based draw's miss: the fast path's word was at (c0', c1, 0, c3), a word-2 of 0 no miss stream reads).
 * The ambient model's normals finish their misses here (node i at step t: c0 = i, c1 = t).
 */
export function counterMissNormal(k0: number, k1: number, c0: number, c1: number, c3: number, r: number): number {
  return normalMiss(missStream.reset(k0, k1, c0, c1, c3), r);
}

/**
 * {@link counterMissNormal} with its stream's first block, the words at (c0, c1, 1, c3), already computed (w0 … w3, as
 * the WebAssembly passes compute a step's misses' blocks four at a time): the same normal, Philox run here only for a
 * miss that needs more than four words.
 */
export function counterMissNormalFrom(
  k0: number,
  k1: number,
  c0: number,
  c1: number,
  c3: number,
  r: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
): number {
  return normalMiss(missStream.reset(k0, k1, c0, c1, c3).preload(w0, w1, w2, w3), r);
}

/**
 * {@link counterMissNormal}'s stream: word p of Philox at (c0, c1, 1 + ⌊p/4⌋, c3) under (k0, k1). One, reset per miss:
 * a miss finishes before the next begins (a rejected wedge draws on from the same stream), and a stream made per miss
 * was a tenth of the ambient model's time in allocation and collection.
 */
class CounterStream implements DrawStream {
  private p = 0;
  /** ⌊p/4⌋ of the words held (−1: none). */
  private q = -1;
  private readonly words = new Uint32Array(4);
  private k0 = 0;
  private k1 = 0;
  private c0 = 0;
  private c1 = 0;
  private c3 = 0;
  reset(k0: number, k1: number, c0: number, c1: number, c3: number): this {
    this.k0 = k0;
    this.k1 = k1;
    this.c0 = c0;
    this.c1 = c1;
    this.c3 = c3;
    this.p = 0;
    this.q = -1;
    return this;
  }
  /** The first block's words (at counter (c0, c1, 1, c3)), computed elsewhere. */
  preload(w0: number, w1: number, w2: number, w3: number): this {
    const w = this.words;
    w[0] = w0;
    w[1] = w1;
    w[2] = w2;
    w[3] = w3;
    this.q = 0;
    return this;
  }
  next(): number {
    const q = this.p >>> 2;
    if (q !== this.q) {
      philoxInto(this.words, this.c0, this.c1, 1 + q, this.c3, this.k0, this.k1);
      this.q = q;
    }
    return this.words[this.p++ & 3]! | 0;
  }
  uniform(): number {
    return (this.next() >>> 8) * TWO_M24;
  }
  normal(): number {
    return zigguratNormal(this);
  }
}

const missStream = new CounterStream();

/** Fast-path tables for kernels that inline the ziggurat (see {@link normalRun}). */
export const ZIGGURAT_FAST = { K8, W8 };

/**
 * Same for uniforms in [0, 1).
 *
 * @example
 * ```ts
 * const u = new Float32Array(3 * 2); // [rows 3, C 2], values in [0, 1)
 * fillUniform(u, 2, 0, 3, key(7));
 * console.log(Array.from(u, (v) => v.toFixed(4)).join(" ")); // → 0.1289 0.3937 0.2137 0.7445 0.3193 0.4647
 * ```
 */
export function fillUniform(out: Float32Array, channels: number, rowStart: number, rowEnd: number, k: Key): void {
  for (let b0 = rowStart; b0 < rowEnd; b0 += NOISE_BLOCK_ROWS) {
    const stream = new PhiloxStream(k, b0 / NOISE_BLOCK_ROWS, PURPOSE_UNIFORM);
    const end = Math.min(rowEnd, b0 + NOISE_BLOCK_ROWS) * channels;
    for (let a = b0 * channels; a < end; a++) out[a] = stream.uniform();
  }
}
