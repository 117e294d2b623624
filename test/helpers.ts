/** Shared test utilities: backends to run on, dense references, and leak checks. */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../src/engine/backend";
import type { Graph } from "../src/graph/graph";
import { fold, key } from "../src/engine/random";
import { fillNormal, NOISE_BLOCK_ROWS, PhiloxStream, PURPOSE_NORMAL, ZIGGURAT_FAST } from "../src/engine/fastrandom";

/** Backends every deterministic spec runs on (tensorflow too when tfjs-node happens to be installed). */
export const TEST_BACKENDS = ["wasm", "cpu"] as const;

export async function onEachBackend(body: (backend: string) => void | Promise<void>): Promise<void> {
  for (const backend of TEST_BACKENDS) {
    await ready({ backend });
    await body(backend);
  }
}

/** Dense L·X in float64 from the packed edge list: the reference for the sparse operators. */
export function denseLaplacianProduct(graph: Graph, x: Float64Array | Float32Array, channels: number): Float64Array {
  const out = new Float64Array(graph.n * channels);
  for (let e = 0; e < graph.edgeCount; e++) {
    const i = graph.src[e]!;
    const j = graph.dst[e]!;
    const w = graph.weight[e]!;
    for (let c = 0; c < channels; c++) {
      const d = x[i * channels + c]! - x[j * channels + c]!;
      out[i * channels + c]! += w * d;
      out[j * channels + c]! -= w * d;
    }
  }
  return out;
}

export function denseInteraction(graph: Graph, x: ArrayLike<number>, channels: number): number {
  let h = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    let d2 = 0;
    for (let c = 0; c < channels; c++) d2 += (x[graph.src[e]! * channels + c]! - x[graph.dst[e]! * channels + c]!) ** 2;
    h += graph.weight[e]! * d2;
  }
  return h;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** Run `body` and return how many tensors it left behind. */
export function tensorsLeaked(body: () => void): number {
  const before = tf.memory().numTensors;
  body();
  return tf.memory().numTensors - before;
}

/**
 * A field where the order of a row's neighbour sum shows in float32: each entry is ±2⁶⁰ exactly (a third of them,
 * by a hash of the index), or a normal draw times 2²⁰ or 1. A small term added while the accumulator holds ±2⁶⁰ is
 * lost, one added after a +2⁶⁰, −2⁶⁰ pair has cancelled survives, so a sum in another order than the CSR's gives other
 * bits. (With entries of one scale the double sum of four float32s is exact and any order passes.)
 */
export function spreadField(n: number, seed: number): Float32Array {
  const x = new Float32Array(2 * n);
  fillNormal(x, 2, 0, n, key(seed));
  for (let a = 0; a < 2 * n; a++) {
    const h = Math.imul(a + seed, 0x9e3779b1) >>> 0;
    const kind = (h >>> 8) % 3;
    x[a] = kind === 0 ? ((h >>> 20) & 1 ? 2 ** 60 : -(2 ** 60)) : kind === 1 ? x[a]! * 2 ** 20 : x[a]!;
  }
  return x;
}

/** Whether any of draws [from, to) of block b's noise stream misses the ziggurat's fast path (the slow path runs). */
function missIn(k: [number, number], b: number, from: number, to: number): boolean {
  const s = new PhiloxStream(k, b, PURPOSE_NORMAL);
  let hit = false;
  for (let d = 0; d < to; d++) {
    const r = s.next();
    if (d >= from && r >>> 8 >= ZIGGURAT_FAST.K8[r & 255]!) hit = true;
  }
  return hit;
}

/**
 * Two keys (folded from key(3)) for a field of n rows: one whose draws miss the fast path among the first `w`
 * elements of block 0, one among the last `w` elements of the last block — the rows that wrap around (ring) or
 * border the lattice (torus), where the slow path continues a stream inside a one-row CSR pass. Null if none is found
 * among 2000 keys.
 */
export function edgeMissKeys(n: number, w: number): [[number, number], [number, number]] | null {
  const B = NOISE_BLOCK_ROWS;
  const last = Math.ceil(n / B) - 1;
  const lastElements = 2 * (n - last * B);
  let lo: [number, number] | null = null;
  let hi: [number, number] | null = null;
  for (let t = 0; t < 2000 && (lo === null || hi === null); t++) {
    const k = fold(key(3), t) as [number, number];
    if (lo === null && missIn(k, 0, 0, w)) lo = k;
    if (hi === null && missIn(k, last, Math.max(0, lastElements - w), lastElements)) hi = k;
  }
  return lo !== null && hi !== null ? [lo, hi] : null;
}
