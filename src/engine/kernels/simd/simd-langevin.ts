/**
 * The driver of the fused Langevin step in the SIMD module (simd.ts; its text in langevin-wat.ts): per group of four
 * noise blocks the streams drawn in SIMD lanes, one fused pass per block for the drift and the ziggurat's fast path,
 * the misses in the module's slow path, the rare draws that need exp or log here. Used by the CSR step
 * ({@link simdLangevin2}) and the chunked stencils (kernels/stencils/ring-stencil, kernels/stencils/torus-stencil), on every thread of kernels/threads/pool.
 */
import type { Key } from "../../random";
import { NOISE_BLOCK_ROWS, normalMiss, PhiloxStream, PURPOSE_NORMAL, ZIGGURAT, ZIGGURAT_FAST } from "../../fastrandom";
import type { GraphPlan } from "../loops/graph-plan";
import type { RestGradient } from "../loops/row-loops";
import { MISS_RECORD_BYTES, RING_UNROLLED_MAX, ZIG_TABLES } from "./langevin-wat";
import { planCuts, runShares, willParallelize } from "../threads/pool";
import { jobKind } from "../threads/worker-jobs";
import {
  type Exports,
  type Layout,
  residentField,
  residentLayout,
  ringHalfWidth,
  ringStencilOn,
  simdExports,
  simdScratch,
} from "./simd-module";

/** The fused SIMD Langevin step on the shared memory ({@link fusedRows}; simd-jobs runs it on a worker). */
export const JOB_FUSED = jobKind(5, "langevin (SIMD)");

/** Rows of a group of four noise blocks (the fused step's unit of work). */
const GROUP_ROWS = 4 * NOISE_BLOCK_ROWS;

/**
 * Offsets of the fused step's scratch in the module's memory ({@link FUSED_SCRATCH} bytes, independent of N): the
 * four lanes' Philox stream states (SoA: key words, blocks, positions), a group's draws, a group's miss records, the slow path's ziggurat tables
 * (ZIG_TABLES) and its scalar stream state + stop kind, K8 and W8 interleaved (16 bytes per entry) for the pass.
 */
export interface FusedScratch {
  lanes: number;
  draws: number;
  groupMiss: number;
  zig: number;
  slowState: number;
  kw: number;
}

/**
 * Bytes of {@link FusedScratch} (every part a multiple of 16), rounded up to whole 64-byte cache lines: threads' scratch
 * regions lie side by side, and a line shared by two threads (one writing its streams' state, the other reading its
 * tables) would bounce between their cores.
 */
export const FUSED_SCRATCH =
  Math.ceil((64 + 4 * 2 * GROUP_ROWS + MISS_RECORD_BYTES * 2 * GROUP_ROWS + ZIG_TABLES.bytes + 32 + 16 * 256) / 64) * 64;

/**
 * What the fused step's driver uses of a module: the SIMD module of kernels/simd/simd-module (its own shared memory), or simd-heap's
 * (tfjs-wasm's memory, kernels/stencils/ring-heap), which assembles the same functions.
 */
export type FusedModule = Pick<Exports, "memory" | "rng4" | "slow" | "widen2" | `fuse2${string}`>;

/** Lay the fused step's scratch out from byte `at` (a multiple of 16) of `ex`'s memory and write its tables. */
export function fusedScratchAt(at: number, ex: FusedModule = simdExports()): FusedScratch {
  const f: FusedScratch = {
    lanes: at,
    draws: at + 64,
    groupMiss: at + 64 + 4 * 2 * GROUP_ROWS,
    zig: at + 64 + 4 * 2 * GROUP_ROWS + MISS_RECORD_BYTES * 2 * GROUP_ROWS,
    slowState: at + FUSED_SCRATCH - 16 * 256 - 32,
    kw: at + FUSED_SCRATCH - 16 * 256,
  };
  const buffer = ex.memory.buffer;
  const tables = zigguratTables();
  for (const [name, values, from] of tables.parts) new Float64Array(buffer, f.zig + ZIG_TABLES[name] + 8 * from, values.length).set(values);
  new Uint8Array(buffer, f.kw, 16 * 256).set(tables.kw);
  return f;
}

/**
 * What {@link fusedScratchAt} writes into the scratch, computed once (every fused step lays its scratch out anew, and
 * computing the slow path's tables there, with their 256 exps, cost more than a small field's step): the slow path's
 * tables, each with the first index it fills, and K8 and W8 interleaved (16 bytes per entry).
 */
let tablesOnce: { parts: Array<[keyof typeof ZIG_TABLES, Float64Array, number]>; kw: Uint8Array } | null = null;

/**
 * The ziggurat's fast-path tables as the WebAssembly modules read them: K8 and W8 interleaved, 16 bytes per entry
 * (i32 K8, padding, f64 W8), computed once; the fused Langevin and the ambient step copy it into their scratch.
 */
export function zigguratFastImage(): Uint8Array {
  return zigguratTables().kw;
}

function zigguratTables(): NonNullable<typeof tablesOnce> {
  if (tablesOnce) return tablesOnce;
  const image = new ArrayBuffer(ZIG_TABLES.bytes);
  writeZigguratTables(image, 0);
  const part = (name: keyof typeof ZIG_TABLES, from: number, length: number): [keyof typeof ZIG_TABLES, Float64Array, number] => [
    name,
    new Float64Array(image, ZIG_TABLES[name] + 8 * from, length - from),
    from,
  ];
  const kw = new DataView(new ArrayBuffer(16 * 256));
  for (let q = 0; q < 256; q++) {
    kw.setInt32(16 * q, ZIGGURAT_FAST.K8[q]!, true);
    kw.setFloat64(16 * q + 8, ZIGGURAT_FAST.W8[q]!, true);
  }
  tablesOnce = {
    // C and E from layer 1, as writeZigguratTables fills them.
    parts: [
      part("X", 0, 129),
      part("F", 0, 129),
      part("RATIO", 0, 128),
      part("C", 1, 128),
      part("E", 1, 128),
      part("SL", 0, 128),
      part("IL", 0, 128),
      part("SH", 0, 128),
      part("IH", 0, 128),
    ],
    kw: new Uint8Array(kw.buffer),
  };
  return tablesOnce;
}

/**
 * out = x − drift·L x + σ ξ for a unit-weight plan and x [N, 2], with ξ the same draws as impl.langevinRows (block
 * streams of `key`); with `rest` (G [N, 2] and h, copied beside the threads' scratch), out = x − drift·L x − h·G + σ ξ
 * by the rest2* passes, h·G taken from the drift part in the same f64 registers. Per group of four blocks: the four
 * streams drawn together in SIMD lanes (rng4), then per block one fused pass (drift part and the ziggurat's fast
 * path, fuse2* or rest2*), then the block's misses here in element order, continuing its stream (see
 * langevin-wat.ts). Bit-identical to the JavaScript loops, with the rest or without.
 *
 * The field stays in the module's memory between steps: `input` names the tensor x is the values of (its tfjs
 * dataId; null when unknown), and when the module's result region already holds it — the previous step's output,
 * as in every chain of steps — x and out swap roles instead of x being copied in. The caller marks the returned
 * layout's `holder` with the output tensor's dataId once it has one.
 *
 * On several threads (kernels/threads/pool; graphs past its size threshold) each thread runs its share of whole noise blocks
 * with its own scratch, and the calling thread copies its own share out while the workers run theirs: the same
 * numbers whatever the thread count, since every block draws from its own stream.
 */
export function simdLangevin2(
  plan: GraphPlan,
  x: Float32Array,
  out: Float32Array,
  drift: number,
  sigma: number,
  key: Key,
  input: object | null = null,
  rest: RestGradient | null = null,
): Layout {
  const l = residentField(plan);
  const ex = simdExports();
  const n = plan.n;
  if (input !== null && l.holder === input) {
    [l.x, l.out] = [l.out, l.x];
    residentSteps.kept++;
  } else {
    new Float32Array(ex.memory.buffer, l.x, 2 * n).set(x.subarray(0, 2 * n));
    residentSteps.copied++;
  }
  l.holder = null; // out is rewritten below
  const h = ringStencilOn() ? ringHalfWidth(plan) : 0;
  const cuts = willParallelize(plan) ? planCuts(plan, CALLER_SHARE) : [0, n];
  // The threads' scratch, then (with `rest`) g beside it: the module's memory is all every thread reads.
  const at = simdScratch(FUSED_SCRATCH * (cuts.length - 1) + (rest === null ? 0 : 8 * n))!.at;
  const g = rest === null ? 0 : at + FUSED_SCRATCH * (cuts.length - 1);
  if (rest !== null) new Float32Array(ex.memory.buffer, g, 2 * n).set(rest.g.subarray(0, 2 * n));
  const rows: FusedRows = { n, h, rowPtr: l.rowPtr, col: l.col, deg: l.deg, x: l.x, out: l.out, g, step: rest?.step ?? 0 };
  const args = [n, h, l.rowPtr, l.col, l.deg, l.x, l.out, at, drift, sigma, key[0], key[1], g, rows.step];
  const copyOut = (r0: number, r1: number) => out.set(new Float32Array(ex.memory.buffer, l.out + 8 * r0, 2 * (r1 - r0)), 2 * r0);
  runShares(JOB_FUSED, cuts, args, (r0, r1) => {
    fusedRows(rows, at, r0, r1, drift, sigma, key);
    copyOut(r0, r1); // while the workers run theirs
    return 0;
  });
  copyOut(cuts[1]!, n);
  return l;
}

/**
 * The calling thread's share of the fused step's rows against a worker's: it also copies the whole result out (its
 * share while the workers run, theirs after), about 8 % of the step's compute (ring:1000000:10 on one thread: 0.93 ms
 * of copy against 11 ms; a CSR graph's rows cost more, so less there).
 */
const CALLER_SHARE = 0.92;

/**
 * Fused steps since start-up that found their input in the module's memory (`kept`) or copied it in (`copied`), and
 * interaction passes that read a kept field there (`read`, simd-rows); tests read them.
 */
export const residentSteps = { kept: 0, copied: 0, read: 0 };

/** Where a plan's arrays, X and the result lie in the module's memory, for {@link fusedRows} on any thread. */
export interface FusedRows {
  n: number;
  /** The ring's half-width for the interior rows' stencil, or 0 (CSR sums). */
  h: number;
  rowPtr: number;
  col: number;
  deg: number;
  x: number;
  out: number;
  /** Byte offset of the rest's gradient [N, 2] (the rest2* passes, less `step`·g), or 0: none (the fuse2* passes). */
  g: number;
  step: number;
}

/**
 * Rows [r0, r1) of {@link simdLangevin2}'s step (r0 on a noise block's boundary), with the fused scratch at byte
 * `scratchAt` (FUSED_SCRATCH bytes, this thread's own): what each thread runs. Returns 0 (no energy share).
 */
export function fusedRows(l: FusedRows, scratchAt: number, r0: number, r1: number, drift: number, sigma: number, key: Key): number {
  const ex = simdExports();
  const { n, h } = l;
  const f = fusedScratchAt(scratchAt);
  const outView = new Float32Array(ex.memory.buffer, l.out, 2 * n);
  if (l.g !== 0) {
    const rest = h === 0 ? ex.rest2csr : h <= RING_UNROLLED_MAX ? ex[`rest2ring${h}`] : ex.rest2ring;
    fusedBlocks(f, key, r0, r1, sigma, l.out, outView, 0, (a, b, draws, misses) =>
      rest(a, b, n, h, l.rowPtr, l.col, l.deg, l.x, l.out, draws, f.kw, drift, sigma, f.groupMiss, misses, l.g, l.step),
    );
    return 0;
  }
  const pass = h === 0 ? ex.fuse2csr : h <= RING_UNROLLED_MAX ? ex[`fuse2ring${h}`] : ex.fuse2ring;
  fusedBlocks(f, key, r0, r1, sigma, l.out, outView, 0, (a, b, draws, misses) =>
    pass(a, b, n, h, l.rowPtr, l.col, l.deg, l.x, l.out, draws, f.kw, drift, sigma, f.groupMiss, misses),
  );
  return 0;
}

/**
 * The fused pass over rows [r0, r1) of one noise block (within it, consecutive calls continue one another): row i's
 * two draws at `draws` + 32 (i − r0) and + 16, misses appended to the group's records from index `misses`; returns
 * the new count.
 */
export type FusedRowsPass = (r0: number, r1: number, draws: number, misses: number) => number;

/**
 * Rows [rowStart, rowEnd) of a fused Langevin step (see {@link simdLangevin2}), rowStart on a noise block's boundary
 * (a share or a chunk of the rows), as noise blocks from rowStart: per group of up to four blocks, their streams
 * (key, b) drawn together in the four SIMD lanes (rng4), then per block `pass` over its rows and the
 * block's misses in element order, continuing its stream — in the module (`slow`, writing element a at out + 4a,
 * i32 arithmetic: `out` may be a shifted base), with the rare draws that need exp or log here (into outView[a − base]).
 * `ex`: the module whose memory holds the scratch and `out` (kernels/simd/simd-module's by default).
 */
export function fusedBlocks(
  f: FusedScratch,
  key: Key,
  rowStart: number,
  rowEnd: number,
  sigma: number,
  out: number,
  outView: Float32Array,
  base: number,
  pass: FusedRowsPass,
  ex: FusedModule = simdExports(),
): void {
  const buffer = ex.memory.buffer;
  const lanes = new Int32Array(buffer, f.lanes, 16);
  const records = new Int32Array(buffer, f.groupMiss, (MISS_RECORD_BYTES / 4) * 2 * GROUP_ROWS);
  const driftParts = new Float64Array(buffer, f.groupMiss, (MISS_RECORD_BYTES / 8) * 2 * GROUP_ROWS);
  const slowState = new Int32Array(buffer, f.slowState, 5);
  const blocks = Math.ceil((rowEnd - rowStart) / NOISE_BLOCK_ROWS);
  const first = rowStart / NOISE_BLOCK_ROWS; // block index of the range's first block
  for (let g0 = 0; g0 < blocks; g0 += 4) {
    const count = Math.min(4, blocks - g0);
    seedLanes(lanes, key, first + g0);
    // Only the range's last block can be short (the array's, when the range starts on a block boundary); its slow
    // path goes on from its own last draw, whatever rng4 drew beyond it for the longer lanes.
    const lastRows = g0 + count === blocks ? rowEnd - rowStart - (blocks - 1) * NOISE_BLOCK_ROWS : NOISE_BLOCK_ROWS;
    ex.rng4(f.lanes, 2 * (count > 1 ? NOISE_BLOCK_ROWS : lastRows), f.draws);
    let misses = 0;
    for (let j = 0; j < count; j++) {
      const r0 = rowStart + (g0 + j) * NOISE_BLOCK_ROWS;
      const r1 = Math.min(rowEnd, r0 + NOISE_BLOCK_ROWS);
      const from = misses;
      misses = pass(r0, r1, f.draws + 4 * j, misses);
      if (misses === from) continue;
      // The block's misses in element order, continuing its stream: in the module, with the rare draws that need
      // exp or log (the tail, a wedge too close to call) here.
      slowState.set([lanes[j]!, lanes[4 + j]!, lanes[8 + j]!, 2 * (r1 - r0)]);
      for (let k = ex.slow(f.groupMiss, from, misses, f.slowState, f.zig, out, sigma); k < misses;) {
        const stream = missStream;
        stream.load(slowState);
        const z = slowState[4] === 1 ? normalMiss(stream, records[4 * k + 1]!) : stream.normal();
        slowPathStops[slowState[4] === 1 ? "miss" : "restart"]++;
        outView[(records[4 * k]! - base) | 0] = driftParts[2 * k + 1]! + sigma * z;
        stream.save(slowState);
        k = ex.slow(f.groupMiss, k + 1, misses, f.slowState, f.zig, out, sigma);
      }
    }
  }
}

/**
 * The draws alone of {@link simdLangevin2}'s step for `plan` (every block stream seeded from `key`, four at a time
 * in SIMD lanes, into scratch): what the random-number generation costs, for the benchmark's profile.
 */
export function simdLangevinDraws(plan: GraphPlan, key: Key): void {
  residentLayout(plan);
  const ex = simdExports();
  const f = fusedScratchAt(simdScratch(FUSED_SCRATCH)!.at);
  const lanes = new Int32Array(ex.memory.buffer, f.lanes, 16);
  const blocks = Math.ceil(plan.n / NOISE_BLOCK_ROWS);
  for (let b0 = 0; b0 < blocks; b0 += 4) {
    seedLanes(lanes, key, b0);
    ex.rng4(f.lanes, 2 * Math.min(NOISE_BLOCK_ROWS, plan.n - b0 * NOISE_BLOCK_ROWS), f.draws);
  }
}

/** rng4's lanes for blocks `block` … `block` + 3 of `key`'s normals: key words, blocks, positions 0 (SoA). */
function seedLanes(lanes: Int32Array, key: Key, block: number): void {
  const s = new PhiloxStream(key, 0, PURPOSE_NORMAL);
  lanes.fill(s.k0, 0, 4);
  lanes.fill(s.k1, 4, 8);
  for (let j = 0; j < 4; j++) lanes[8 + j] = block + j;
  lanes.fill(0, 12, 16);
}

/** The slow path's tables: X, F, RATIO of the ziggurat and, per layer, the middle C of its exponent range and e^C. */
function writeZigguratTables(buffer: ArrayBuffer, at: number): void {
  const { X, F, RATIO } = ZIGGURAT;
  new Float64Array(buffer, at + ZIG_TABLES.X, 129).set(X);
  new Float64Array(buffer, at + ZIG_TABLES.F, 129).set(F);
  new Float64Array(buffer, at + ZIG_TABLES.RATIO, 128).set(RATIO);
  const C = new Float64Array(buffer, at + ZIG_TABLES.C, 128);
  const E = new Float64Array(buffer, at + ZIG_TABLES.E, 128);
  for (let i = 1; i < 128; i++) {
    C[i] = -(X[i]! * X[i]! + X[i + 1]! * X[i + 1]!) / 4;
    E[i] = Math.exp(C[i]!);
  }
  // Linear bounds of f(x) = exp(−x²/2) on the wedge [X[i+1], X[i]]: the chord and the tangent at the middle. f is
  // convex for x ≥ 1 (chord above, tangent below) and concave for x ≤ 1 (the reverse); the layer across x = 1 gets
  // bounds that decide nothing (the Taylor test decides it).
  const SL = new Float64Array(buffer, at + ZIG_TABLES.SL, 128);
  const IL = new Float64Array(buffer, at + ZIG_TABLES.IL, 128);
  const SH = new Float64Array(buffer, at + ZIG_TABLES.SH, 128);
  const IH = new Float64Array(buffer, at + ZIG_TABLES.IH, 128);
  for (let i = 0; i < 128; i++) {
    const [a, b] = [X[i + 1]!, X[i]!];
    const chordSlope = (F[i]! - F[i + 1]!) / (b - a);
    const chord = [chordSlope, F[i + 1]! - chordSlope * a] as const;
    const m = (a + b) / 2;
    const fm = Math.exp(-0.5 * m * m);
    const tangent = [-m * fm, fm + m * m * fm] as const;
    const [lo, hi] = i === 0 || (a < 1 && b > 1) ? [[0, -1] as const, [0, 2] as const] : a >= 1 ? [tangent, chord] : [chord, tangent];
    [SL[i], IL[i], SH[i], IH[i]] = [lo[0], lo[1], hi[0], hi[1]];
  }
}

const missStream = new PhiloxStream([0, 0], 0, PURPOSE_NORMAL);

/** Misses the module's slow path left to JavaScript (exp or log needed), by kind, since start-up (tests read them). */
export const slowPathStops = { miss: 0, restart: 0 };
