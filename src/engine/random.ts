/**
 * Explicit, splittable random keys in the style of JAX: nothing in the library reads a global random source.
 * A {@link Key} is two uint32 words; `split` and `fold` derive independent keys by hashing, so a run's trajectory
 * is a pure function of its seed (on a given backend). Streams of numbers come from seedrandom's Alea generator
 * seeded by the key, in JavaScript, so they are identical on every backend.
 *
 * Where a key goes (one rule for the whole API; test/unit/engine/key-position.test.ts checks every exported declaration):
 * - A random primitive — `fold`, `split`, `seedOf`, `uniformSource`, `normal`, `uniform` here, and the generators
 *   `langevinNoise`, `isingUniforms`, `Xoshiro128` of `emtd/engine` — takes the key first, as jax.random does:
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
import seedrandom from "seedrandom";
import { ArgumentError, check } from "../errors";

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
 * A 53-bit integer seed for APIs that take a number (tfjs random ops, Alea).
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

/** Alea's state: three fractions in [0, 1) and a carry (seedrandom's `alea` state). */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

/** A uniform [0, 1) generator with its Alea state exposed (the copy sweep's WebAssembly loop advances it in place). */
export interface UniformSource {
  (): number;
  readonly alea: AleaState;
}

/**
 * A uniform [0, 1) generator seeded by `k` (for graph generators and accept/reject decisions): Alea, in
 * JavaScript, so the same stream on every backend. seedrandom seeds it (Alea's Mash of the seed); the step is
 * {@link aleaNext} on a state the generator exposes, so a loop elsewhere (spin/update-kernels' WebAssembly sweep) can
 * draw from the same stream. The numbers are seedrandom.alea's.
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * [u(), u()]; // → [0.534, 0.759]
 * ```
 */
export function uniformSource(k: Key): UniformSource {
  const alea: AleaState = seedrandom.alea(String(seedOf(k)), { state: true }).state();
  return Object.assign(() => aleaNext(alea), { alea });
}

/** One step of Alea on `s` (in place): seedrandom's `alea.next`, operation for operation. */
export function aleaNext(s: AleaState): number {
  const t = 2091639 * s.s0 + s.c * 2.3283064365386963e-10; // 2^-32
  s.s0 = s.s1;
  s.s1 = s.s2;
  return (s.s2 = t - (s.c = t | 0));
}

/**
 * A float32 tensor of standard normal draws of `shape` (tfjs randomNormal seeded by {@link seedOf}); caller disposes.
 *
 * @example
 * ```ts
 * const z = normal(key(1), [3]);
 * await z.data(); // → [0.210, 1.599, 0.075] (on the cpu backend)
 * z.dispose();
 * ```
 */
export function normal(k: Key, shape: number[]): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, "float32", seedOf(k));
}

/**
 * A float32 tensor of uniform [0, 1) draws of `shape` (tfjs randomUniform seeded by {@link seedOf}); caller disposes.
 *
 * @example
 * ```ts
 * const u = uniform(key(1), [3]);
 * await u.data(); // → [0.534, 0.759, 0.537] (on the cpu backend)
 * u.dispose();
 * ```
 */
export function uniform(k: Key, shape: number[]): tf.Tensor {
  return tf.randomUniform(shape, 0, 1, "float32", seedOf(k));
}
