/**
 * A small WebAssembly SIMD module for the two hottest loops of unit-weight, width-2 fields (the benchmark's case):
 * the CSR row sums of L·X and the ziggurat's fast path. Written in WebAssembly text (below, in this repository)
 * and assembled at start-up by `wabt` (the WebAssembly Binary Toolkit compiled to JS, from npm) — no binary is
 * committed. V8's JavaScript loops pay a bounds check per typed-array access and cannot pair the two channels;
 * here one 64-bit load brings both channels of a neighbour (f32x2 promoted to f64x2), measured ≈2× faster.
 * The Langevin step runs four noise blocks' generators in the four i32x4 lanes and fuses the drift with the
 * ziggurat's fast path in one pass per block (langevin-wat.ts): 1.35 → 1.02 ms at ring:100000:10 on this machine.
 *
 * Arithmetic is the same IEEE double arithmetic in the same order as the JavaScript loops in impl.ts (one rounding
 * to float32 at the end), so the results are bit-identical to them, on every tfjs backend and thread count.
 *
 * The module's memory is a shared WebAssembly.Memory, owned by the calling thread: the CSR plan of the graph in use
 * is copied in once (one resident plan; another graph replaces it), X is copied in and the result out at every call
 * (≈0.03 ms at N = 10⁵). Worker threads (kernels/threads/pool) instantiate the same compiled module over the same memory
 * ({@link adoptSimd}) and run their rows there; only the calling thread lays the memory out.
 *
 * The text of the module is in simd-wat.ts (and langevin-wat.ts); the fused Langevin step's driver in fused.ts; the
 * drivers of L·X, the interaction and the Ising sweeps, on every thread, in simd-rows.ts.
 */
import type { Key } from "../../random";
import { NOISE_BLOCK_ROWS, PhiloxStream, PURPOSE_NORMAL, ZIGGURAT_FAST } from "../../fastrandom";
import type { GraphPlan } from "../loops/graph-plan";
import { SIMD_WAT } from "./simd-wat";
import { assembleWat } from "./wat-assembler";
import { shareModule } from "../threads/worker-jobs";

/** The parts of the WebAssembly API used here (the project's TypeScript lib has no DOM/WebAssembly typings). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** A compiled module (opaque here: it travels to the workers and is instantiated there). */
export type WasmModule = object;
const Wasm = (
  globalThis as unknown as {
    WebAssembly: {
      compile(bytes: Uint8Array): Promise<WasmModule>;
      Instance: new (module: WasmModule, imports: object) => { exports: unknown };
      Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
    };
  }
).WebAssembly;

/** Pages of the shared memory's maximum: the whole 32-bit range (4 GiB, reserved, not committed). */
const MAX_PAGES = 65536;

/** What every pass over a range of CSR rows [r0, r1) takes first: the sizes, the graph, the field and where it writes. */
type RowPassArgs = [r0: number, r1: number, n: number, h: number, rowPtr: number, col: number, deg: number, x: number, out: number];
/** A fused Langevin pass's arguments (langevin-wat `fuse2*`): a row pass's, then the noise's draws and the step's constants. */
type FusedPassArgs = [...rows: RowPassArgs, draws: number, kw: number, drift: number, sigma: number, miss: number, misses: number];

/** What every pass that draws the noise takes first: the draws, their blocks, the streams' states and the ziggurat. */
type NoiseArgs = [total: number, perBlock: number, states: number, k8: number, w8: number];

export interface Exports {
  memory: WasmMemory;
  noise(...args: [...noise: NoiseArgs, det: number, out: number, sigma: number, miss: number]): number;
  rng4(states: number, count: number, draws: number): void;
  widen2(rows: number, src: number, dst: number): void;
  slow(records: number, from: number, end: number, state: number, tables: number, out: number, sigma: number): number;
  xg2(
    r0: number,
    r1: number,
    x: number,
    g: number,
    h: number,
    out: number,
    draws: number,
    kw: number,
    sigma: number,
    miss: number,
    misses: number,
  ): number;
  [fuse: `fuse2${string}`]: (...args: FusedPassArgs) => number;
  /** fuse2csr, fuse2ring* less step·g: g [N, 2] float32 at byte `g` (langevin-wat `rest2*`). */
  [rest: `rest2${string}`]: (...args: [...pass: FusedPassArgs, g: number, step: number]) => number;
  [lap: `lap${"csr" | "ring" | "torus"}${string}`]: (...args: [...rows: RowPassArgs, scale: number]) => void;
  lapWide(
    r0: number,
    r1: number,
    C: number,
    rowPtr: number,
    col: number,
    w: number,
    deg: number,
    x: number,
    out: number,
    scale: number,
  ): void;
  noiseLap(...args: [...noise: NoiseArgs, x: number, out: number, sigma: number, miss: number]): number;
  noiseXG(...args: [...noise: NoiseArgs, x: number, g: number, h: number, out: number, sigma: number, miss: number]): number;
  [int: `int2${string}` | `en2${string}`]: (...args: [...rows: RowPassArgs, scale: number, partials: number, carry: number]) => void;
  consensusSums2(r0: number, r1: number, x: number, m0: number, m1: number, partials: number): void;
  ambientStep(
    n: number,
    runs: number,
    start: number,
    col: number,
    coupling: number,
    unit: number,
    node: number,
    x: number,
    next: number,
    noise: number,
    h: number,
    sigma: number,
    noisy: number,
  ): void;
  ambientLaneNormals(states: number, out: number, n: number, runs: number, kw: number, miss: number): number;
  ambientMissWords(rec: number, count: number, cap: number): void;
  copyLaneGroups(desc: number, g0: number, g1: number, dist: number, delta: number, K: number, kernel: number): void;
  consensusSquares2(r0: number, r1: number, x: number, m0: number, m1: number, partials: number): void;
  ising(r0: number, r1: number, L: number, colour: number, lattice: number, thresholds: number, states: number): number;
  isingObs(L: number, lattice: number, out: number): void;
}

let simd: Exports | null = null;
let compiled: WasmModule | null = null;
let tried = false;

function instantiate(module: WasmModule, memory: WasmMemory): Exports {
  const exports = new Wasm.Instance(module, { env: { memory }, math: { exp: Math.exp } }).exports as Omit<Exports, "memory">;
  return { ...exports, memory } as Exports;
}

/**
 * Assemble and instantiate the module (once; async because wabt's loader is). Returns false, and the JavaScript
 * loops stay in use, when wabt is not installed, SIMD is unavailable or `EMTD_SIMD=0`.
 */
export async function prepareSimd(): Promise<boolean> {
  if (tried) return simd !== null;
  tried = true;
  if (process.env.EMTD_SIMD === "0") return false;
  try {
    compiled = await Wasm.compile(await assembleWat("emtd-simd.wat", SIMD_WAT));
    simd = instantiate(compiled, new Wasm.Memory({ initial: 1, maximum: MAX_PAGES, shared: true }));
    layout = null;
    return true;
  } catch {
    simd = null;
    return false;
  }
}

/** The compiled module and its shared memory, for worker threads ({@link adoptSimd}); null when not prepared. */
export function simdShared(): { module: WasmModule; memory: WasmMemory } | null {
  return simd && compiled ? { module: compiled, memory: simd.memory } : null;
}

/**
 * In a worker thread: instantiate the calling thread's compiled module over its shared memory (synchronous; no wabt).
 * The worker never lays the memory out: it runs rows at the offsets it is given.
 */
export function adoptSimd(shared: { module: WasmModule; memory: WasmMemory }): void {
  compiled = shared.module;
  simd = instantiate(shared.module, shared.memory);
  tried = true;
}

/** The module's exports (after {@link prepareSimd} or {@link adoptSimd}); callers check {@link simdReady} first. */
export function simdExports(): Exports {
  return simd!;
}

/** True when the SIMD loops are ready (after {@link prepareSimd}) and not switched off. */
export function simdReady(): boolean {
  return simd !== null && enabled;
}

let enabled = true;

/** Switch the SIMD loops off or on (tests compare both paths). */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

let ringStencilEnabled = true;

/** Switch the ring-lattice stencil off or on (tests compare it with the CSR loop). */
export function setRingStencilEnabled(on: boolean): void {
  ringStencilEnabled = on;
}

/** Whether the ring-lattice stencil is on (kernels/stencils/ring-stencil reads it too). */
export function ringStencilOn(): boolean {
  return ringStencilEnabled;
}

/**
 * The module's exports and its memory grown to hold `bytes` of scratch from the returned offset (after the resident
 * plan, which stays), for kernels laid out in other files (kernels/stencils/ring-stencil). Null when the SIMD loops are not ready.
 */
export function simdScratch(bytes: number): { ex: Exports; at: number } | null {
  if (!simdReady()) return null;
  const ex = simd!;
  const at = Math.ceil((layout ? layoutEnd : stagingEnd) / 64) * 64; // on a cache line: threads' shares start there
  const need = at + bytes - ex.memory.buffer.byteLength;
  try {
    if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  } catch {
    return null; // past the 32-bit memory's 4 GiB (beside a large resident plan): the caller takes its JS loop
  }
  return { ex, at };
}

/** [0, stagingEnd): the pool's staging buffers ({@link simdStaging}); the resident plan and the scratch lie above. */
let stagingEnd = 0;

/**
 * The module's memory with its first `bytes` reserved for kernels/threads/pool's staging of the field (grown, never shrunk),
 * or null (the SIMD loops not ready, or past the 32-bit memory). Staged there, a worker's chunked stencil reads the
 * field and writes its rows in the module's own memory, with no copy in or out (kernels/stencils/ring-direct). Growing it
 * drops the resident plan, laid out again above it on its next use: call it before taking any scratch offset.
 */
export function simdStaging(bytes: number): ArrayBuffer | null {
  if (!simdReady()) return null;
  const end = Math.ceil(bytes / 64) * 64;
  if (end > stagingEnd) {
    const need = end - simd!.memory.buffer.byteLength;
    try {
      if (need > 0) simd!.memory.grow(Math.ceil(need / 65536));
    } catch {
      return null;
    }
    stagingEnd = end;
    layout = null;
  }
  return simd!.memory.buffer;
}

// The threads share this module's memory: the pool stages fields in it and its workers run on it (in every thread
// that loads this file, the workers included: kernels/threads/worker-jobs).
shareModule({
  shared: simdShared,
  staging: simdStaging,
  adopt: (shared) => adoptSimd(shared as { module: WasmModule; memory: WasmMemory }),
});

const ringWidths = new WeakMap<GraphPlan, number>();

/**
 * h when the plan is the ring lattice ring:N:2h with unit weights (row i's columns are exactly (i ± 1 … i ± h) mod N,
 * sorted, and N > 4h so that interior rows exist and no two offsets collide), else 0. O(E) once per plan.
 */
export function ringHalfWidth(plan: GraphPlan): number {
  const s = plan.structure;
  if (s !== undefined && s.kind === "ring") return plan.weight === null && plan.n > 4 * s.halfWidth ? s.halfWidth : 0;
  if (s !== undefined) return 0; // another structure (the torus): not a ring, known without reading its arrays
  const known = ringWidths.get(plan);
  if (known !== undefined) return known;
  const { n, rowPtr, col } = plan;
  const h = n > 0 ? (rowPtr[1]! - rowPtr[0]!) / 2 : 0;
  let ok = plan.weight === null && h >= 1 && Number.isInteger(h) && n > 4 * h;
  const want = new Int32Array(2 * h);
  for (let i = 0; ok && i < n; i++) {
    if (rowPtr[i + 1]! - rowPtr[i]! !== 2 * h) {
      ok = false;
      break;
    }
    for (let o = 1; o <= h; o++) {
      want[o - 1] = (i - o + n) % n;
      want[h + o - 1] = (i + o) % n;
    }
    want.sort();
    for (let m = 0; m < 2 * h; m++) if (col[rowPtr[i]! + m] !== want[m]) ok = false;
  }
  const width = ok ? h : 0;
  ringWidths.set(plan, width);
  return width;
}

/** Can this plan/field take the SIMD path? Unit weights, width 2, and it fits a 32-bit wasm memory. */
export function simdApplies(plan: GraphPlan, channels: number): boolean {
  return simdReady() && channels === 2 && plan.weight === null && bytesFor(plan) < 3.5 * 2 ** 30;
}

/** Byte offsets of the resident plan's arrays, X and the result in the module's memory. */
export interface Layout {
  plan: GraphPlan;
  rowPtr: number;
  col: number;
  deg: number;
  x: number;
  out: number;
  /**
   * The tensor (its tfjs dataId) whose values the `out` region holds, or null: set by the fused step
   * ({@link residentField}), cleared whenever anything else takes the layout ({@link residentLayout}). tfjs tensors
   * are immutable, so a dataId names the same values for its whole life.
   */
  holder: object | null;
}

let layout: Layout | null = null;
let layoutEnd = 0; // first free byte after the resident plan's region

function bytesFor(plan: GraphPlan): number {
  const n = plan.n;
  // rowPtr, col (+ tail), deg, x and out (+ sentinel each), the fused step's scratch (≈ 180 KiB per thread), slack.
  return 4 * (n + 1) + 4 * plan.col.length + 16 + 4 * n + 2 * (8 * n + 16) + 2 ** 22;
}

/**
 * Make `plan` the resident one: lay out the memory and copy the CSR arrays in (O(N + E), once per plan). The caller
 * may write x and out: the layout no longer holds a field ({@link Layout.holder}).
 */
export function residentLayout(plan: GraphPlan): Layout {
  const l = residentField(plan);
  l.holder = null;
  return l;
}

/** The layout whose `out` region holds this tensor's values (its tfjs dataId), or null. */
export function heldLayout(dataId: object): Layout | null {
  return layout !== null && layout.holder === dataId ? layout : null;
}

/**
 * {@link residentLayout} for the fused step, which keeps the field between its steps: `holder` is left as it is, so
 * a step whose input is the previous step's output swaps x and out instead of copying the field in (kernels/simd/simd-langevin).
 */
export function residentField(plan: GraphPlan): Layout {
  if (layout && layout.plan === plan) return layout;
  const ex = simd!;
  const n = plan.n;
  let offset = stagingEnd;
  const take = (bytes: number) => {
    const at = offset;
    offset += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const l: Layout = {
    plan,
    rowPtr: take(4 * (n + 1)),
    col: take(4 * plan.col.length + 16), // + 16: the fused CSR sum's tail reads up to 3 entries past the end
    deg: take(4 * n),
    // + the fused step's sentinel row n = (−0, −0), after both: the fused step swaps x and out (kernels/simd/simd-langevin).
    x: take(8 * n + 16),
    out: take(8 * n + 16),
    holder: null,
  };
  const need = offset - ex.memory.buffer.byteLength;
  if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  layoutEnd = offset;
  const buffer = ex.memory.buffer;
  new Int32Array(buffer, l.rowPtr, n + 1).set(plan.rowPtr);
  new Int32Array(buffer, l.col, plan.col.length).set(plan.col);
  new Float32Array(buffer, l.deg, n).set(plan.degree);
  new Float32Array(buffer, l.x + 8 * n, 2).fill(-0);
  new Float32Array(buffer, l.out + 8 * n, 2).fill(-0);
  layout = l;
  return layout;
}

/**
 * The generator's throughput on this thread: `total` standard normals by the module's Philox block streams and
 * the ziggurat's fast path (`noise` with a zero drift part; the ≈ 2.8 % misses are left unfinished, as the fast path
 * is what the fused step spends its draws on). Returns the seconds it took, for the benchmark's limit (bench/langevin).
 */
export function simdNormalsSeconds(total: number, key: Key): number {
  const ex = simd!;
  const blocks = Math.ceil(total / (2 * NOISE_BLOCK_ROWS));
  const align = (b: number) => Math.ceil(b / 16) * 16;
  const det = align(layout ? layoutEnd : stagingEnd);
  const outAt = det + align(8 * total);
  const states = outAt + align(4 * total);
  const k8 = states + align(16 * blocks);
  const w8 = k8 + 1024;
  const miss = w8 + 2048;
  const need = miss + 8 * total - ex.memory.buffer.byteLength;
  if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  const buffer = ex.memory.buffer;
  new Float64Array(buffer, det, total).fill(0);
  new Int32Array(buffer, k8, 256).set(ZIGGURAT_FAST.K8);
  new Float64Array(buffer, w8, 256).set(ZIGGURAT_FAST.W8);
  const st = new Int32Array(buffer, states, 4 * blocks);
  for (let b = 0; b < blocks; b++) {
    new PhiloxStream(key, b, PURPOSE_NORMAL).save(st, 4 * b);
  }
  const t0 = performance.now();
  ex.noise(total, 2 * NOISE_BLOCK_ROWS, states, k8, w8, det, outAt, 1, miss);
  return (performance.now() - t0) / 1000;
}
