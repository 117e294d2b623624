/**
 * The noisy descent X' = X − h·G + σ ξ (the ULA and MALA proposal, `EmtdNoisyDescent`) in the SIMD module, in
 * chunks of whole noise blocks and on every thread (kernels/threads/pool): per chunk x and g are copied into the thread's
 * scratch and the module forms x − h·g in double and adds the noise. Two channels (the fields users run) take the
 * fused step's machinery (kernels/simd/simd-langevin): four blocks' streams drawn at once in SIMD lanes (rng4), one pass for the
 * drift part and the ziggurat's fast path (`xg2`), the misses in the module's slow path; other widths draw one stream
 * at a time (`noiseXG`) and finish the misses here. Either way the misses continue their block's stream in element
 * order: the same numbers as impl.noisyDescentRows whatever the thread count and chunk size (each noise block draws
 * from its own stream), and a fixed scratch per thread whatever N, so fields of any size go through the module.
 */
import type { Key } from "../../random";
import { NOISE_BLOCK_ROWS, normalMiss, PhiloxStream, PURPOSE_NORMAL, ZIGGURAT_FAST } from "../../fastrandom";
import { rowCuts, runShares, stagingFor } from "../threads/pool";
import { jobKind } from "../threads/worker-jobs";
import { simdExports, simdReady, simdScratch } from "./simd-module";
import { FUSED_SCRATCH, fusedBlocks, fusedScratchAt } from "./simd-langevin";

/** The noisy descent in the SIMD module ({@link noisyRows}; simd-jobs runs it on a worker). */
export const JOB_NOISY = jobKind(9, "noisy descent");

/** Rows per chunk: 64 noise blocks (20 B per element of scratch: 2.6 MB per thread at two channels). */
export const NOISY_CHUNK_ROWS = 64 * NOISE_BLOCK_ROWS;

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Byte offsets of a thread's scratch for chunks of `rows` rows × 2 channels: the fused step's scratch, x, g, out (f32). */
function pairLayout(rows: number) {
  const x = FUSED_SCRATCH;
  const g = x + align(8 * rows);
  const out = g + align(8 * rows);
  return { x, g, out, bytes: Math.ceil((out + 8 * rows) / 64) * 64 }; // whole cache lines per share
}

type NoisyLayout = Readonly<ReturnType<typeof layoutOf>>;

/** The layouts asked for, by rows and channels: every step of a chain asks for its one again. */
const layouts = new Map<string, NoisyLayout>();

/** Byte offsets of a thread's scratch for chunks of `rows` rows × `channels`: x, g, out (f32), states, tables, misses. */
function noisyLayout(rows: number, channels: number): NoisyLayout {
  const id = `${rows}×${channels}`;
  let lay = layouts.get(id);
  if (lay === undefined) layouts.set(id, (lay = Object.freeze(layoutOf(rows, channels))));
  return lay;
}

function layoutOf(rows: number, channels: number) {
  if (channels === 2) return { ...pairLayout(rows), states: 0, k8: 0, w8: 0, miss: 0 };
  const elements = rows * channels;
  const x = 0;
  const g = align(4 * elements);
  const out = g + align(4 * elements);
  const states = out + align(4 * elements);
  const k8 = states + align(16 * Math.ceil(rows / NOISE_BLOCK_ROWS));
  const w8 = k8 + 1024;
  const miss = w8 + 2048;
  return { x, g, out, states, k8, w8, miss, bytes: Math.ceil((miss + 8 * elements) / 64) * 64 }; // whole cache lines per share
}

/**
 * out = f32(x − h·g + σ ξ(key)) for a [rows, channels] field in the module (see the module comment); false, and the
 * caller takes the JavaScript loop, when the module is not ready or has no room for the scratch.
 */
export function simdNoisyDescentChunked(
  x: Float32Array,
  g: Float32Array,
  out: Float32Array,
  channels: number,
  rows: number,
  h: number,
  sigma: number,
  key: Key,
): boolean {
  if (!simdReady()) return false;
  const chunk = Math.min(NOISY_CHUNK_ROWS, Math.ceil(rows / NOISE_BLOCK_ROWS) * NOISE_BLOCK_ROWS);
  const bytes = noisyLayout(chunk, channels).bytes;
  let cuts = rowCuts(rows, rows * channels);
  const length = rows * channels;
  // The staging first: in the module's memory, its growth moves what lies above it (simd.simdStaging).
  const stage = cuts.length > 2 ? stagingFor(length, true) : null;
  let scratch = simdScratch(bytes * (cuts.length - 1));
  if (scratch === null && cuts.length > 2) [cuts, scratch] = [[0, rows], simdScratch(bytes)];
  if (scratch === null) return false;
  const at = scratch.at;
  const run = (r0: number, r1: number, xv: Float32Array, gv: Float32Array, ov: Float32Array) =>
    noisyRows(xv, gv, ov, channels, h, sigma, key, r0, r1, at, chunk);
  if (cuts.length <= 2) {
    run(0, rows, x, g, out);
    return true;
  }
  const from = cuts[1]! * channels;
  // Row by row, no neighbours: the workers read only their own rows, and the calling thread's share needs no copy.
  stage!.x.set(x.subarray(from, length), from);
  stage!.g!.set(g.subarray(from, length), from);
  runShares(JOB_NOISY, cuts, [channels, h, sigma, key[0], key[1], at, bytes, chunk], (r0, r1) => {
    run(r0, r1, x, g, out);
    return 0;
  });
  out.set(stage!.out.subarray(from, length), from);
  return true;
}

/**
 * Rows [rowStart, rowEnd) (rowStart on a noise block's boundary) of {@link simdNoisyDescentChunked} with this thread's
 * scratch at byte `at` (laid out for `chunk` rows): what each thread runs.
 */
export function noisyRows(
  x: Float32Array,
  g: Float32Array,
  out: Float32Array,
  channels: number,
  h: number,
  sigma: number,
  key: Key,
  rowStart: number,
  rowEnd: number,
  at: number,
  chunk: number,
): void {
  if (channels === 2) return noisyPairRows(x, g, out, h, sigma, key, rowStart, rowEnd, at, chunk);
  const ex = simdExports();
  const lay = noisyLayout(chunk, channels);
  const buffer = ex.memory.buffer;
  new Int32Array(buffer, at + lay.k8, 256).set(ZIGGURAT_FAST.K8);
  new Float64Array(buffer, at + lay.w8, 256).set(ZIGGURAT_FAST.W8);
  const perBlock = NOISE_BLOCK_ROWS * channels;
  const streams: PhiloxStream[] = [];
  for (let r0 = rowStart; r0 < rowEnd; r0 += chunk) {
    const r1 = Math.min(rowEnd, r0 + chunk);
    const base = r0 * channels;
    const total = (r1 - r0) * channels;
    new Float32Array(buffer, at + lay.x, total).set(x.subarray(base, base + total));
    new Float32Array(buffer, at + lay.g, total).set(g.subarray(base, base + total));
    const blocks = Math.ceil((r1 - r0) / NOISE_BLOCK_ROWS);
    const st = new Int32Array(buffer, at + lay.states, 4 * blocks);
    streams.length = 0;
    for (let b = 0; b < blocks; b++) {
      const s = new PhiloxStream(key, r0 / NOISE_BLOCK_ROWS + b, PURPOSE_NORMAL);
      streams.push(s);
      s.save(st, 4 * b);
    }
    const misses = ex.noiseXG(
      total,
      perBlock,
      at + lay.states,
      at + lay.k8,
      at + lay.w8,
      at + lay.x,
      at + lay.g,
      h,
      at + lay.out,
      sigma,
      at + lay.miss,
    );
    out.set(new Float32Array(buffer, at + lay.out, total), base);
    if (misses === 0) continue;
    for (let b = 0; b < blocks; b++) streams[b]!.load(st, 4 * b);
    const list = new Int32Array(buffer, at + lay.miss, 2 * misses);
    for (let k = 0; k < misses; k++) {
      const a = list[2 * k]!;
      const d = x[base + a]! - h * g[base + a]!;
      out[base + a] = d + sigma * normalMiss(streams[Math.floor(a / perBlock)]!, list[2 * k + 1]!);
    }
  }
}

/**
 * {@link noisyRows} for two channels: per chunk, x and g copied in and the fused step's block driver (kernels/simd/simd-langevin)
 * run with the `xg2` pass. The chunk's arrays are addressed by absolute row through bases shifted back by its first
 * row (i32 arithmetic wraps), as the driver's miss records and slow path address elements.
 */
function noisyPairRows(
  x: Float32Array,
  g: Float32Array,
  out: Float32Array,
  h: number,
  sigma: number,
  key: Key,
  rowStart: number,
  rowEnd: number,
  at: number,
  chunk: number,
): void {
  const ex = simdExports();
  const lay = pairLayout(chunk);
  const [xAt, gAt] = [at + lay.x, at + lay.g];
  for (let r0 = rowStart; r0 < rowEnd; r0 += chunk) {
    const r1 = Math.min(rowEnd, r0 + chunk);
    const buffer = ex.memory.buffer;
    new Float32Array(buffer, xAt, 2 * (r1 - r0)).set(x.subarray(2 * r0, 2 * r1));
    new Float32Array(buffer, gAt, 2 * (r1 - r0)).set(g.subarray(2 * r0, 2 * r1));
    out.set(pairChunk(at, lay, key, r0, r1, h, sigma), 2 * r0);
  }
}

/**
 * One chunk of {@link noisyPairRows}, rows [r0, r1), its x and g already in the scratch at `at` (layout `lay`): the
 * fused step's block driver with the `xg2` pass. Returns the view of the result in the scratch.
 */
function pairChunk(
  at: number,
  lay: ReturnType<typeof pairLayout>,
  key: Key,
  r0: number,
  r1: number,
  h: number,
  sigma: number,
): Float32Array {
  const ex = simdExports();
  const f = fusedScratchAt(at);
  const [xAt, gAt, outAt] = [at + lay.x, at + lay.g, at + lay.out];
  const shift = 8 * r0;
  const outView = new Float32Array(ex.memory.buffer, outAt, 2 * (r1 - r0));
  fusedBlocks(f, key, r0, r1, sigma, (outAt - shift) | 0, outView, 2 * r0, (a, b, draws, misses) =>
    ex.xg2(a, b, (xAt - shift) | 0, (gAt - shift) | 0, h, (outAt - shift) | 0, draws, f.kw, sigma, f.groupMiss, misses),
  );
  return outView;
}

/**
 * The seconds this thread takes to draw 2·`rows` standard normals as the fused step and the noisy descent draw them:
 * four block streams per SIMD draw (rng4), the ziggurat's fast path (`xg2` on a zero drift part) and the misses by the
 * slow path, in chunks of the module's scratch (nothing copied in or out). Null without the module or its room. For
 * the benchmark's limit (bench/langevin), beside the one-stream rate it takes its bound from.
 */
export function pairNormalsSeconds(rows: number, key: Key): number | null {
  if (!simdReady()) return null;
  const chunk = Math.min(NOISY_CHUNK_ROWS, Math.ceil(rows / NOISE_BLOCK_ROWS) * NOISE_BLOCK_ROWS);
  const lay = pairLayout(chunk);
  const scratch = simdScratch(lay.bytes);
  if (scratch === null) return null;
  new Float32Array(simdExports().memory.buffer, scratch.at + lay.x, 4 * chunk).fill(0); // x and g: a zero drift part
  const t0 = performance.now();
  for (let r0 = 0; r0 < rows; r0 += chunk) pairChunk(scratch.at, lay, key, r0, Math.min(rows, r0 + chunk), 0, 1);
  return (performance.now() - t0) / 1000;
}
