/**
 * Explicit, splittable random keys in the style of JAX: nothing in the library reads a global random source.
 * A {@link Key} is two uint32 words; `split` and `fold` derive independent keys by hashing, so a run's trajectory
 * is a pure function of its seed (on a given backend). Streams of numbers come from Philox4x32-10 (engine/philox) under
 * the key, counted by the draw's index, in JavaScript, so they are identical on every backend and in any order.
 *
 * Where a key goes (one rule for the whole API; test/unit/engine/key-position.test.ts checks every exported declaration):
 * - A random primitive — `fold`, `split`, `seedOf`, `uniformSource`, `normal`, `uniform` here, and the generators
 *   `langevinNoise`, `isingUniforms`, `PhiloxStream` of `emtd/engine` — takes the key first, as jax.random does:
 *   `normal(key, shape)`.
 * - Every other function or method takes the key as its last required parameter, after the data and any required
 *   configuration, before what is optional: `graphFromSpec(spec, key)`, `run(integrator, x0, { steps }, key)`,
 *   `measureConsensus(graph, key, { reduction })`, a sampler's `step(state, key, overrides?)`. A function whose
 *   every other argument is optional takes the key first: `finalityExperiment(key, { runs })`.
 * - A key is never optional and never a field of an options object: a missing or malformed key is an ArgumentError
 *   naming the argument and saying `pass key(seed)` ({@link checkKey}). Commands keep their `--seed` flags and
 *   turn the seed into a key at the edge.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import { philoxInto } from "./philox";
import { philoxUniforms, UNIFORM_BATCH } from "./kernels/simd/philox-blocks";

/** A random key: two uint32 words. Create with {@link key}; derive with {@link split} or {@link fold}. */
export type Key = readonly [number, number];

/**
 * `k` as a {@link Key}, or an ArgumentError from `where` naming `argument` and saying to pass `key(seed)`. A key is
 * always an explicit argument: nothing defaults it, and a bare seed where a key belongs is the commonest mistake.
 *
 * @example
 * ```ts
 * checkKey("emtd/ops/noisyDescent", "key", key(3)); // → [1020716019, 3888307089] (the key itself)
 * try {
 *   checkKey("emtd/ops/noisyDescent", "key", 3); // a bare seed where a key belongs
 * } catch (e) {
 *   (e as Error).message; // → "emtd/ops/noisyDescent: key must be a Key (two uint32 words): pass key(3), or one derived with fold/split (got 3)"
 * }
 * ```
 */
export function checkKey(where: string, argument: string, k: unknown): Key {
  if (Array.isArray(k) && k.length === 2 && isWord(k[0]) && isWord(k[1])) return k as unknown as Key;
  const hint = typeof k === "number" && Number.isInteger(k) && k >= 0 ? ` key(${k})` : " key(seed)";
  throw new ArgumentError(where, argument, `a Key (two uint32 words): pass${hint}, or one derived with fold/split`, k);
}

function isWord(x: unknown): boolean {
  return typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
}

/** murmur3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A key from an integer seed in [0, 2^53): two uint32 words mixed by murmur3's finaliser, so nearby seeds give
 * unrelated keys. A negative or fractional seed is an ArgumentError.
 *
 * @example
 * ```ts
 * key(1); // → [1020716019, 1863002342]
 * key(2); // → [1020716019, 577680360]
 * ```
 */
export function key(seed: number): Key {
  check.integer("emtd/random", "seed", seed, 0, Number.MAX_SAFE_INTEGER);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return [fmix32(hi ^ 0x3c6ef372), fmix32(lo ^ fmix32(hi + 0x9e3779b9))];
}

/**
 * A key derived from `k` and the integer `data` (e.g. a step index); distinct data give independent keys.
 *
 * @example
 * ```ts
 * fold(key(1), 0); // → [2456589401, 2005720640]
 * fold(key(1), 1); // → [1732278992, 929796529] (step t of a run uses fold(key, t))
 * ```
 */
export function fold(k: Key, data: number): Key {
  checkKey("emtd/random/fold", "key", k);
  const d = data >>> 0;
  const dHi = Math.floor(data / 4294967296) >>> 0;
  const a = fmix32(k[0] ^ fmix32(d + 0x7f4a7c15));
  const b = fmix32(k[1] ^ fmix32(a ^ (dHi + 0x61c88647)));
  return [a, fmix32(b + 0x165667b1)];
}

/**
 * `n` independent keys derived from `k` (default 2), distinct from every fold(k, t) with t < 2^32.
 *
 * @example
 * ```ts
 * const [noiseKey, acceptKey] = split(key(1));
 * noiseKey; // → [2456589401, 2207129874]
 * ```
 */
export function split(k: Key, n = 2): Key[] {
  checkKey("emtd/random/split", "key", k);
  check.integer("emtd/random", "n", n, 1);
  return Array.from({ length: n }, (_, i) => fold(k, 0x100000000 + i));
}

/**
 * A 53-bit integer seed for APIs that take a number (a library's own generator, a seed on a command line).
 *
 * @example
 * ```ts
 * seedOf(key(1)); // → 6443084167194854
 * ```
 */
export function seedOf(k: Key): number {
  checkKey("emtd/random/seedOf", "key", k);
  return (k[0] & 0x1fffff) * 4294967296 + k[1];
}

/**
 * The Philox counter's last word for each stream drawn here, so one key's uniforms ({@link uniformSource},
 * {@link uniform}) and normals ({@link normal}) never read one another's blocks, nor the copy sweep's (ops/copy-sweep:
 * word 3 is 0 there).
 */
const STREAM = { source: 1, normal: 2 } as const;

/** 2⁻⁵³: the spacing of a 53-bit uniform (exact in double). */
const U53 = 2 ** -53;

/** 2⁻²⁴: the spacing of a float32 uniform from a word's top 24 bits (exact in float32). */
const U24 = 2 ** -24;

/** 2⁻³²: a word's fraction of the circle or of (0, 1]. */
const U32 = 2 ** -32;

/** A uniform [0, 1) generator (graph generators, starting states, accept/reject draws). */
export type UniformSource = () => number;

/**
 * A uniform [0, 1) generator keyed by `k`: Philox4x32-10 (engine/philox) under the key's two words, in JavaScript,
 * so the same stream on every backend and in any loop. Draw n is a pure function of (k, n): block ⌊n/2⌋ at counter
 * (⌊n/2⌋ mod 2³², ⌊n/2³³⌋, 0, 1), its words (0, 1) for even n and (2, 3) for odd, joined to 53 bits as
 * (⌊a/2⁵⌋·2²⁶ + ⌊b/2⁶⌋)·2⁻⁵³ (every double of that spacing, as NumPy's random_sample). The key's words are Philox's
 * key as they are: {@link key} and {@link fold} already mix them through murmur3's finaliser, and no fold of the
 * pair would add to Philox's own key schedule. One block serves two draws, and nothing is allocated per draw. After
 * its first {@link WARM_BLOCKS} blocks a source fills 64 blocks at a time in WebAssembly SIMD where the engine has
 * prepared it (kernels/simd/philox-blocks, at `ready()`): the same draws, bit for bit, at a fraction of the cost.
 * `from` starts the source at draw `from` of the stream (a loop that drew the first ones elsewhere, by the same
 * counters, goes on here).
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * [u(), u()]; // → [0.491, 0.146]
 * uniformSource(key(1), 1)(); // → 0.146
 * ```
 */
export function uniformSource(k: Key, from = 0): UniformSource {
  const [k0, k1] = checkKey("emtd/random/uniformSource", "key", k);
  check.integer("emtd/random/uniformSource", "from", from, 0);
  const w = new Uint32Array(4);
  let drawn = new Float64Array(2); // the draws of the last block or blocks computed, served from `next` to `end`
  let next = 0;
  let end = 0;
  let block = Math.floor(from / 2);
  const source = () => {
    if (next < end) return drawn[next++]!;
    if (block >= WARM_BLOCKS) {
      if (drawn.length < UNIFORM_BATCH) drawn = new Float64Array(UNIFORM_BATCH);
      if (philoxUniforms(drawn, block, k0, k1, STREAM.source)) {
        block += UNIFORM_BATCH / 2;
        next = 1;
        end = UNIFORM_BATCH;
        return drawn[0]!;
      }
    }
    philoxInto(w, block, Math.floor(block / 4294967296), 0, STREAM.source, k0, k1);
    block++;
    drawn[0] = ((w[0]! >>> 5) * 67108864 + (w[1]! >>> 6)) * U53;
    drawn[1] = ((w[2]! >>> 5) * 67108864 + (w[3]! >>> 6)) * U53;
    next = 1;
    end = 2;
    return drawn[0];
  };
  if (from % 2 === 1) source(); // the block's first draw is before `from`
  return source;
}

/**
 * Blocks a {@link uniformSource} computes one at a time in JavaScript before it fills 64 at once in WebAssembly
 * (kernels/simd/philox-blocks): a source that serves a few draws (a key folded per step) pays for no more blocks
 * than it reads, and a long one (a spin loop's) draws at the module's speed.
 */
const WARM_BLOCKS = 8;

/** The element count of `shape`, each dimension a non-negative integer, or an ArgumentError from `where`. */
function sizeOf(where: string, shape: readonly number[]): number {
  if (!Array.isArray(shape)) throw new ArgumentError(where, "shape", "an array of non-negative integers", shape);
  return shape.reduce((n, d) => n * check.integer(where, "shape", d, 0), 1);
}

/**
 * A float32 tensor of standard normal draws of `shape`, by Box–Muller on Philox words under `k` (counter (b, 0, 0, 2)
 * for block b), computed in JavaScript so every backend holds the same numbers; caller disposes. Element j is a pure
 * function of (k, j): block ⌊j/4⌋, pair (w₀, w₁) for j mod 4 ∈ {0, 1} and (w₂, w₃) for {2, 3}, u₁ = (w₀ + 1)·2⁻³²
 * ∈ (0, 1], θ = 2π·w₁·2⁻³², ξ = √(−2 ln u₁)·(cos θ, sin θ). Box–Muller, not the ziggurat: a fixed two words per
 * pair of normals keeps the counter of every element known without drawing the ones before it (the ziggurat's
 * rejections would not), as the GPU step's normals (engine/philox `philoxNormals`). Tails beyond √(64 ln 2) ≈ 6.66
 * are cut (probability 2⁻³² per pair).
 *
 * @example
 * ```ts
 * const z = normal(key(1), [3]);
 * await z.data(); // → [−0.826, −2.975, 1.976]
 * z.dispose();
 * ```
 */
export function normal(k: Key, shape: number[]): tf.Tensor {
  const [k0, k1] = checkKey("emtd/random/normal", "key", k);
  const out = new Float32Array(sizeOf("emtd/random/normal", shape));
  const w = new Uint32Array(4);
  for (let j = 0; j < out.length; j += 2) {
    if ((j & 3) === 0) philoxInto(w, j / 4, Math.floor(j / 17179869184), 0, STREAM.normal, k0, k1);
    const q = j & 2;
    const r = Math.sqrt(-2 * Math.log((w[q]! + 1) * U32));
    const theta = 2 * Math.PI * w[q + 1]! * U32;
    out[j] = r * Math.cos(theta);
    if (j + 1 < out.length) out[j + 1] = r * Math.sin(theta);
  }
  return tf.tensor(out, shape, "float32");
}

/**
 * A float32 tensor of uniform [0, 1) draws of `shape`: element j is draw j of {@link uniformSource}(k) cut to its top
 * 24 bits, ⌊u·2²⁴⌋·2⁻²⁴ (the pair's first word's top 24 bits: every float32 of that spacing in [0, 1), none rounded up
 * to 1), so a tensor and a JavaScript loop drawing from one key see the same uniforms to float32's precision. Computed
 * in JavaScript, so every backend holds the same numbers; caller disposes.
 *
 * @example
 * ```ts
 * const u = uniform(key(1), [3]);
 * await u.data(); // → [0.491, 0.146, 0.674] (uniformSource(key(1))'s first three, to float32)
 * u.dispose();
 * ```
 */
export function uniform(k: Key, shape: number[]): tf.Tensor {
  const [k0, k1] = checkKey("emtd/random/uniform", "key", k);
  const out = new Float32Array(sizeOf("emtd/random/uniform", shape));
  const w = new Uint32Array(4);
  for (let j = 0; j < out.length; j++) {
    if ((j & 1) === 0) philoxInto(w, j / 2, Math.floor(j / 8589934592), 0, STREAM.source, k0, k1);
    out[j] = (w[2 * (j & 1)]! >>> 8) * U24;
  }
  return tf.tensor(out, shape, "float32");
}
