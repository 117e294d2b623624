/**
 * L·X and the Langevin step for fields of any width in the SIMD module (text in wide-wat.ts), on the calling thread:
 * what the kernels run where the two-channel paths (simd-rows, simd-langevin) do not apply and the JavaScript loop
 * would take every row on one thread (kernels/threads/pool `oneShare`; where the pool would split the rows, these
 * decline and the threads run them), as for the flows' hundreds of runs side by side on a graph of 50 or 500 nodes. The plan's arrays and X are copied into the module's scratch each call (O(E + N·C),
 * beside the O(E·C) sums). Same numbers as impl.laplacianRows and impl.langevinRows, bit for bit: the same operations
 * in the same order, and the ziggurat's misses finished here from their block's stream as impl.normalRun does.
 */
import { NOISE_BLOCK_ROWS, normalMiss, PhiloxStream, PURPOSE_NORMAL, ZIGGURAT_FAST } from "../../fastrandom";
import type { Key } from "../../random";
import type { GraphPlan } from "../loops/graph-plan";
import { oneShare } from "../threads/pool";
import { simdScratch } from "./simd-module";

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * The plan and X laid out in the scratch (with room for the noise's states, tables and misses when `noisy`), or null
 * where the pool would split the rows over threads or the module is not ready or has no room.
 */
function layOut(plan: GraphPlan, x: Float32Array, channels: number, noisy: boolean) {
  if (!oneShare(plan)) return null;
  const n = plan.n;
  const entries = plan.rowPtr[n]!;
  const elements = n * channels;
  const blocks = Math.ceil(n / NOISE_BLOCK_ROWS);
  const parts = {
    rowPtr: align(4 * (n + 1)),
    col: align(4 * entries),
    weight: plan.weight === null ? 0 : align(4 * entries),
    deg: align(4 * n),
    x: align(4 * elements),
    out: align(4 * elements),
    states: noisy ? align(16 * blocks) : 0,
    k8: noisy ? 1024 : 0,
    w8: noisy ? 2048 : 0,
    miss: noisy ? 8 * elements : 0,
  };
  const scratch = simdScratch(Object.values(parts).reduce((a, b) => a + b, 0));
  if (scratch === null) return null;
  const at = {} as Record<keyof typeof parts, number>;
  let next = scratch.at;
  for (const name of Object.keys(parts) as Array<keyof typeof parts>) {
    at[name] = next;
    next += parts[name];
  }
  const buffer = scratch.ex.memory.buffer;
  new Int32Array(buffer, at.rowPtr, n + 1).set(plan.rowPtr.subarray(0, n + 1));
  new Int32Array(buffer, at.col, entries).set(plan.col.subarray(0, entries));
  if (plan.weight !== null) new Float32Array(buffer, at.weight, entries).set(plan.weight.subarray(0, entries));
  new Float32Array(buffer, at.deg, n).set(plan.degree.subarray(0, n));
  new Float32Array(buffer, at.x, elements).set(x.subarray(0, elements));
  return { ex: scratch.ex, at, elements, blocks };
}

/** out = scale · L x for x [N, C] in the module; false (nothing written) where {@link layOut} declines. */
export function simdLaplacianWide(plan: GraphPlan, x: Float32Array, out: Float32Array, channels: number, scale: number): boolean {
  const l = layOut(plan, x, channels, false);
  if (l === null) return false;
  const { ex, at } = l;
  ex.lapWide(0, plan.n, channels, at.rowPtr, at.col, plan.weight === null ? 0 : at.weight, at.deg, at.x, at.out, scale);
  out.set(new Float32Array(ex.memory.buffer, at.out, l.elements));
  return true;
}

/**
 * The Langevin (ULA) update out = x − drift·L x + σ ξ(key) for x [N, C] in the module (impl.langevinRows' arithmetic:
 * −drift·L x rounded to float32, the noise σ·ξ rounded to float32, their sum with x rounded once); false where
 * {@link layOut} declines, and for two channels with unit weights, which impl.langevinRows forms in one fused pass
 * with other roundings (the fused SIMD step's, simd-langevin).
 */
export function simdLangevinWide(
  plan: GraphPlan,
  x: Float32Array,
  out: Float32Array,
  channels: number,
  drift: number,
  sigma: number,
  key: Key,
): boolean {
  if (channels === 2 && plan.weight === null) return false;
  const l = layOut(plan, x, channels, true);
  if (l === null) return false;
  const { ex, at, elements, blocks } = l;
  ex.lapWide(0, plan.n, channels, at.rowPtr, at.col, plan.weight === null ? 0 : at.weight, at.deg, at.x, at.out, -drift);
  const buffer = ex.memory.buffer;
  new Int32Array(buffer, at.k8, 256).set(ZIGGURAT_FAST.K8);
  new Float64Array(buffer, at.w8, 256).set(ZIGGURAT_FAST.W8);
  const states = new Int32Array(buffer, at.states, 4 * blocks);
  const streams: PhiloxStream[] = [];
  for (let b = 0; b < blocks; b++) {
    const s = new PhiloxStream(key, b, PURPOSE_NORMAL);
    streams.push(s);
    s.save(states, 4 * b);
  }
  const perBlock = NOISE_BLOCK_ROWS * channels;
  const misses = ex.noiseLap(elements, perBlock, at.states, at.k8, at.w8, at.x, at.out, sigma, at.miss);
  const result = new Float32Array(buffer, at.out, elements);
  if (misses > 0) {
    for (let b = 0; b < blocks; b++) streams[b]!.load(states, 4 * b);
    // In element order, each continuing its block's stream after the block's fast-path draws (impl.normalRun).
    const list = new Int32Array(buffer, at.miss, 2 * misses);
    for (let k = 0; k < misses; k++) {
      const a = list[2 * k]!;
      const noise = Math.fround(sigma * normalMiss(streams[Math.floor(a / perBlock)]!, list[2 * k + 1]!));
      result[a] = result[a]! + x[a]! + noise;
    }
  }
  out.set(result);
  return true;
}
