/**
 * The driver of §3.3's copy-and-accept runs in the SIMD module's lanes (the text in copy-lanes-wat.ts): runs laid out
 * four to a group, lane-interleaved, in the module's shared memory, a wave of groups at a time (so a cell's thousand
 * runs never hold more than 8 MiB), the groups of a wave split over the worker threads (kernels/threads/pool), each
 * run to its own stop, and the labels, sweeps and stops read back. A run's numbers depend on its key and counter
 * alone, so the grouping, the padding of the last group and the thread count change nothing.
 */
import { jobKind } from "../threads/worker-jobs";
import { runShares, threadCount } from "../threads/pool";
import { COPY_GROUP_BYTES, COPY_LANES } from "./copy-lanes-wat";
import { simdExports, simdReady, simdScratch } from "./simd-module";

/** The job of a share of a wave's groups on a worker thread (simd-jobs.ts). */
export const JOB_COPY_LANES = jobKind(40, "copy lanes (SIMD)");

/** A network's neighbour lists in CSR form (the neighbours of i are `col[rowPtr[i] .. rowPtr[i + 1])`). */
export interface CopyNetwork {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
}

/** One run as the lanes take it: its network, its labels (updated in place) and its own key, counter and stop. */
export interface LaneRun extends CopyNetwork {
  labels: Int32Array;
  /** Per node: 0 follows the rule, 1 pinned, 2 noisy (redrawn before each sweep); undefined: every node follows it. */
  readonly flags: Uint8Array | undefined;
  /** T at sweep t for t < its length, the run's sweep limit. */
  readonly temperatures: Float64Array;
  readonly key: readonly [number, number];
  /** Philox's sweep counter at the run's first sweep. */
  readonly from: number;
  /** A quiet sweep (total change < 10⁻⁴) stops the run. */
  readonly stop: boolean;
  /** A sweep ending in a consensus stops the run. */
  readonly consensus: boolean;
}

/** How one run ended: sweeps performed, and whether a stop (not the limit) ended it. */
export interface LaneRunEnd {
  sweeps: number;
  frozen: boolean;
}

/** Most ledgers the lanes take: the cost's table holds K³ doubles (2 MiB at 64); more run in the JavaScript loop. */
export const MAX_LEDGERS = 64;

/**
 * Bytes a wave may lay out before it runs (its groups then run, and the next wave reuses the memory): small enough
 * that a thread's share of a wave of large networks (a group of 4 × 10⁵ nodes is about 5 MiB) stays far below the
 * pool's watchdog, large enough that a wave of small ones feeds every thread.
 */
const WAVE_BYTES = 8 << 20;

/** The factor cache of a group: per lane 64 slots of T, cost and factor (copy-lanes-wat.ts). */
const CACHE_BYTES = 4 * 2048;

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Bytes of one group's arrays (its descriptor aside). */
function groupBytes(lanes: readonly LaneRun[]): number {
  const n = Math.max(...lanes.map((r) => r.n));
  const limit = Math.max(...lanes.map((r) => r.temperatures.length));
  const cols = lanes.reduce((s, r) => s + r.rowPtr[r.n]! - r.rowPtr[0]!, 0) + 1;
  const flags = lanes.some((r) => r.flags) ? align(16 * n) : 0;
  return align(16 * (n + 1)) + align(4 * cols) + align(16 * n) + flags + align(32 * limit) + CACHE_BYTES;
}

/**
 * Every run of `runs` in the module's lanes, updating each run's labels in place; null (the caller keeps its
 * JavaScript loop) when the module is not ready or its memory has no room. `kernel`: 0 node 0's ledger, 1 a drawn
 * neighbour's, 2 one of the K drawn uniformly; `distances` the K × K squared distances, row-major.
 */
export function simdCopyRuns(runs: readonly LaneRun[], distances: Float64Array, K: number, kernel: number): LaneRunEnd[] | null {
  if (!simdReady() || K > MAX_LEDGERS) return null;
  const groups: LaneRun[][] = [];
  for (let r = 0; r < runs.length; r += COPY_LANES) groups.push(runs.slice(r, r + COPY_LANES));
  const ends: LaneRunEnd[] = [];
  for (let first = 0; first < groups.length;) {
    let last = first;
    let bytes = align(8 * K * K) + align(8 * K * K * K) + COPY_GROUP_BYTES * 1;
    do bytes += COPY_GROUP_BYTES + groupBytes(groups[last++]!);
    while (last < groups.length && bytes + COPY_GROUP_BYTES + groupBytes(groups[last]!) <= WAVE_BYTES);
    const wave = runWave(groups.slice(first, last), distances, K, kernel, bytes);
    if (wave === null) return null;
    ends.push(...wave);
    first = last;
  }
  return ends;
}

/** One wave's groups laid out, run (split over the threads) and read back. */
function runWave(groups: readonly LaneRun[][], distances: Float64Array, K: number, kernel: number, bytes: number): LaneRunEnd[] | null {
  const scratch = simdScratch(bytes);
  if (scratch === null) return null;
  const buffer = scratch.ex.memory.buffer;
  const dist = scratch.at;
  new Float64Array(buffer, dist, K * K).set(distances.subarray(0, K * K));
  // The cost's terms ½(d[p, l] − d[c, l]), the JavaScript loop's expression, so the sums agree bit for bit.
  const delta = dist + align(8 * K * K);
  const terms = new Float64Array(buffer, delta, K * K * K);
  for (let p = 0; p < K; p++)
    for (let c = 0; c < K; c++)
      for (let l = 0; l < K; l++) terms[(p * K + c) * K + l] = 0.5 * (distances[p * K + l]! - distances[c * K + l]!);
  const desc = delta + align(8 * K * K * K);
  let next = desc + COPY_GROUP_BYTES * groups.length;
  const take = (size: number) => {
    const at = next;
    next += align(size);
    return at;
  };
  const layouts = groups.map((lanes, g) => {
    const n = Math.max(...lanes.map((r) => r.n));
    const limit = Math.max(...lanes.map((r) => r.temperatures.length));
    const d = desc + COPY_GROUP_BYTES * g;
    const words = new Int32Array(buffer, d, COPY_GROUP_BYTES / 4);
    words.fill(0);
    const row = take(16 * (n + 1));
    const cols = lanes.reduce((s, r) => s + r.rowPtr[r.n]! - r.rowPtr[0]!, 0) + 1;
    const col = take(4 * cols);
    const lab = take(16 * n);
    const skip = lanes.some((r) => r.flags) ? take(16 * n) : 0;
    const temps = take(32 * limit);
    const cache = take(CACHE_BYTES);
    const rowView = new Int32Array(buffer, row, 4 * (n + 1));
    const colView = new Int32Array(buffer, col, cols);
    const labView = new Int32Array(buffer, lab, 4 * n);
    const skipView = skip ? new Int32Array(buffer, skip, 4 * n) : null;
    const tempView = new Float64Array(buffer, temps, 4 * limit);
    labView.fill(0);
    skipView?.fill(0);
    tempView.fill(0);
    new Float64Array(buffer, cache, CACHE_BYTES / 8).fill(Number.NaN);
    // Addresses, not indices: a row offset is the byte address of its col entry, a col entry the byte address of its
    // neighbour's label in the lane's own column, so the module's gathers are two loads.
    const pad = col + 4 * (cols - 1);
    colView[cols - 1] = lab;
    let base = 0;
    for (let l = 0; l < COPY_LANES; l++) {
      const r = lanes[l];
      if (!r) {
        for (let i = 0; i <= n; i++) rowView[4 * i + l] = pad;
        continue;
      }
      const first = r.rowPtr[0]!;
      for (let i = 0; i <= n; i++) rowView[4 * i + l] = col + 4 * (base + (i <= r.n ? r.rowPtr[i]! : r.rowPtr[r.n]!) - first);
      for (let q = first; q < r.rowPtr[r.n]!; q++) colView[base + q - first] = lab + 16 * r.col[q]! + 4 * l;
      base += r.rowPtr[r.n]! - first;
      for (let i = 0; i < r.n; i++) labView[4 * i + l] = r.labels[i]!;
      if (r.flags && skipView) for (let i = 0; i < r.n; i++) skipView[4 * i + l] = r.flags[i]!;
      for (let t = 0; t < r.temperatures.length; t++) tempView[4 * t + l] = r.temperatures[t]!;
      words[8 + l] = r.key[0] | 0;
      words[12 + l] = r.key[1] | 0;
      words[16 + l] = r.from | 0;
      words[20 + l] = r.temperatures.length;
      words[24 + l] = r.stop ? -1 : 0;
      words[28 + l] = r.consensus ? -1 : 0;
      words[32 + l] = -1;
      words[48 + l] = r.n;
    }
    words[0] = n;
    words[1] = row;
    words[2] = col;
    words[3] = lab;
    words[4] = skip;
    words[5] = temps;
    words[6] = cache;
    words[7] = lanes.some((r) => r.flags?.includes(2)) ? 1 : 0;
    words[44] = pad;
    return { words, labView };
  });
  const args = [desc, dist, delta, K, kernel];
  const threads = Math.min(threadCount(), groups.length);
  const cuts = Array.from({ length: threads + 1 }, (_, w) => Math.round((groups.length * w) / threads));
  runShares(JOB_COPY_LANES, cuts, args, (g0, g1) => copyLaneShare(args, g0, g1));
  const ends: LaneRunEnd[] = [];
  groups.forEach((lanes, g) => {
    const { words, labView } = layouts[g]!;
    lanes.forEach((r, l) => {
      for (let i = 0; i < r.n; i++) r.labels[i] = labView[4 * i + l]!;
      ends.push({ sweeps: words[36 + l]!, frozen: words[40 + l] !== 0 });
    });
  });
  return ends;
}

/**
 * Groups [g0, g1) of a wave on this thread; `args`: descriptors, distances, terms, K, kernel (as runWave's). Returns 0.
 * One call per group: V8 swaps a function's baseline code for its optimised code between calls only, so a wave in one
 * call would run on the baseline code to its end.
 */
export function copyLaneShare(args: ArrayLike<number>, g0: number, g1: number): number {
  const ex = simdExports();
  for (let g = g0; g < g1; g++) ex.copyLaneGroups(args[0]!, g, g + 1, args[1]!, args[2]!, args[3]!, args[4]!);
  return 0;
}
