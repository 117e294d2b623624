/**
 * The driver of the ambient model's step in the SIMD module (its text in ambient-wat.ts): the run's network, per-node
 * constants, the field's two buffers and the step's normals laid out once in the module's scratch, the buffers and
 * the normals handed back as views for the caller's loop to fill, observe and swap. One thread; the same numbers as
 * the JavaScript loop of ops/ambient-step.ts (same operations, same order).
 */
import { simdReady, simdScratch } from "./simd-module";
import { zigguratFastImage } from "./simd-langevin";
import { counterMissNormalFrom } from "../../fastrandom";

/** What the step reads: the network's neighbour lists and its constants (as studies/ambient/fast.ts forms them). */
export interface AmbientLattice {
  n: number;
  /** Runs per node: two per f64x2, the last of an odd count in scalar f64. */
  runs: number;
  /**
   * Equal blocks of nodes with streams of their own (default 1): the networks of a disjoint union, so a network's
   * runs draw the same normals alone or beside others. A divisor of `n`.
   */
  blocks?: number;
  start: Int32Array;
  col: Int32Array;
  /** J_ij·w_j per entry (unread when `unit`). */
  coupling: Float64Array;
  unit: boolean;
  /** Per node: 2κ·w_i, the diagonal d_i, the cubic coefficient and the pull's constant. */
  pairing: Float64Array;
  diagonal: Float64Array;
  cubic: Float64Array;
  pullConstant: Float64Array;
}

/** What {@link AmbientStepper.update} replaces: the lattice's constants, its neighbour lists kept. */
export type AmbientConstants = Pick<AmbientLattice, "coupling" | "pairing" | "diagonal" | "cubic" | "pullConstant">;

/**
 * One run's normals (ops/ambient-step.ts draws them in JavaScript too): its Philox key and the step its next draw is
 * counted by (each draw advances it by one). Node i's normal at step t is a pure function of the key, t and i.
 */
export interface AmbientStream {
  key0: number;
  key1: number;
  step: number;
}

/** Misses whose streams' first words one call of the module computes (a multiple of 4, the lanes). */
const MISS_CHUNK = 1024;

/** The Philox counter's last word of the ambient normals (engine/random's streams use 1 and 2, the copy sweep 0). */
export const AMBIENT_STREAM = 3;

/** The step in the module: its buffers (views of the module's memory) and the step itself. */
export interface AmbientStepper {
  /** The field's two buffers, [N·R] each, zeroed. */
  buffers: readonly [Float64Array, Float64Array];
  /** The step's normals, [N·R], in entry order (empty without noise). */
  noise: Float64Array;
  /**
   * Fills `noise` from one stream per run and block of nodes (B·R streams, advanced in place), as the JavaScript
   * loop of ops/ambient-step.ts would: block b's run r from `streams[b·R + r]`, node by node, into entries i·R + r.
   * A run's numbers in a network depend on its own stream alone, not on the runs or networks beside it.
   */
  draw(streams: readonly AmbientStream[]): void;
  /**
   * Replaces the network's constants (participation that varies in time): `coupling` (one per entry; the lattice
   * must not be `unit`), `pairing`, `diagonal`, `cubic`, `pullConstant` (one per node), the shapes the stepper was built with;
   * only those of `rows` (nodes, with their neighbour lists' couplings) where given.
   */
  update(constants: AmbientConstants, rows?: readonly number[]): void;
  /** ψ' of buffers[1 − from] from buffers[from]: one step of h with noise σ (σ = 0: none, `noise` unread). */
  step(from: 0 | 1, h: number, sigma: number): void;
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * The step of `lattice` in the SIMD module, or null (the caller keeps its JavaScript loop) when the module is not
 * ready or the memory has no room. `noisy`: whether steps draw noise (the noise buffer's room).
 */
export function simdAmbientStepper(lattice: AmbientLattice, noisy: boolean): AmbientStepper | null {
  const { n, runs } = lattice;
  const blocks = lattice.blocks ?? 1;
  if (!simdReady() || runs < 1 || n < 1) return null;
  const entries = n * runs;
  const parts = {
    start: align(4 * (n + 1)),
    col: align(4 * lattice.col.length),
    coupling: lattice.unit ? 0 : align(8 * lattice.coupling.length),
    node: 32 * n,
    x: 8 * entries,
    next: 8 * entries,
    noise: noisy ? 8 * entries : 0,
    streams: 16 * runs * blocks,
    // K8 and W8 interleaved (16 bytes a layer), and one block's misses (entry, word) at most one per entry
    kw: noisy ? 16 * 256 : 0,
    miss: noisy ? (8 * entries) / blocks : 0,
    // a chunk of misses' counters and their first Philox words (eight i32 arrays of MISS_CHUNK)
    missWords: noisy ? 32 * MISS_CHUNK : 0,
  };
  const bytes = Object.values(parts).reduce((a, b) => a + b, 0);
  const scratch = simdScratch(bytes);
  if (scratch === null) return null;
  const { ex } = scratch;
  let at = scratch.at;
  const offset = {} as Record<keyof typeof parts, number>;
  for (const name of Object.keys(parts) as Array<keyof typeof parts>) {
    offset[name] = at;
    at += parts[name];
  }
  const buffer = ex.memory.buffer;
  new Int32Array(buffer, offset.start, n + 1).set(lattice.start);
  new Int32Array(buffer, offset.col, lattice.col.length).set(lattice.col);
  const coupling = lattice.unit ? null : new Float64Array(buffer, offset.coupling, lattice.coupling.length);
  const node = new Float64Array(buffer, offset.node, 4 * n);
  const row = (c: AmbientConstants, i: number) => {
    node[4 * i] = c.pairing[i]!;
    node[4 * i + 1] = c.diagonal[i]!;
    node[4 * i + 2] = c.cubic[i]!;
    node[4 * i + 3] = c.pullConstant[i]!;
  };
  const { start } = lattice;
  const update = (c: AmbientConstants, rows?: readonly number[]) => {
    if (rows === undefined) {
      coupling?.set(c.coupling);
      for (let i = 0; i < n; i++) row(c, i);
      return;
    }
    for (const i of rows) {
      if (coupling) for (let q = start[i]!; q < start[i + 1]!; q++) coupling[q] = c.coupling[q]!;
      row(c, i);
    }
  };
  update(lattice);
  const x = new Float64Array(buffer, offset.x, entries).fill(0);
  const next = new Float64Array(buffer, offset.next, entries).fill(0);
  const fields = [offset.x, offset.next] as const;
  const unit = lattice.unit ? 1 : 0;
  // Stream s at 16·s: its key's two words and its step (i32 0–2).
  const words = new Int32Array(buffer, offset.streams, 4 * runs * blocks);
  if (noisy) new Uint8Array(buffer, offset.kw, 16 * 256).set(zigguratFastImage());
  const noise = new Float64Array(buffer, offset.noise, noisy ? entries : 0);
  const rec = new Int32Array(buffer, offset.missWords, noisy ? 8 * MISS_CHUNK : 0);
  return {
    buffers: [x, next],
    noise,
    draw: (streams) => {
      streams.forEach((t, s) => {
        [words[4 * s], words[4 * s + 1], words[4 * s + 2]] = [t.key0, t.key1, t.step];
      });
      const nodes = n / blocks;
      for (let b = 0; b < blocks; b++) {
        const base = nodes * runs * b;
        const misses = ex.ambientLaneNormals(offset.streams + 16 * runs * b, offset.noise + 8 * base, nodes, runs, offset.kw, offset.miss);
        // The misses' normals from their own counters (node i, the step drawn), as the JavaScript loop finishes them:
        // each stream's first four words in the module, a chunk at a time, the slow path here.
        const listed = new Int32Array(buffer, offset.miss, 2 * misses);
        for (let from = 0; from < misses; from += MISS_CHUNK) {
          const count = Math.min(MISS_CHUNK, misses - from);
          for (let q = 0; q < count; q++) {
            const entry = listed[2 * (from + q)]!;
            const t = streams[b * runs + (entry % runs)]!;
            rec[q] = t.key0;
            rec[MISS_CHUNK + q] = t.key1;
            rec[2 * MISS_CHUNK + q] = Math.floor(entry / runs);
            rec[3 * MISS_CHUNK + q] = t.step;
          }
          ex.ambientMissWords(offset.missWords, count, MISS_CHUNK);
          for (let q = 0; q < count; q++) {
            const w = 4 * MISS_CHUNK + q;
            noise[base + listed[2 * (from + q)]!] = counterMissNormalFrom(
              rec[q]!,
              rec[MISS_CHUNK + q]!,
              rec[2 * MISS_CHUNK + q]!,
              rec[3 * MISS_CHUNK + q]!,
              AMBIENT_STREAM,
              listed[2 * (from + q) + 1]!,
              rec[w]!,
              rec[w + MISS_CHUNK]!,
              rec[w + 2 * MISS_CHUNK]!,
              rec[w + 3 * MISS_CHUNK]!,
            );
          }
        }
      }
      streams.forEach((t, s) => {
        t.step = words[4 * s + 2]! >>> 0;
      });
    },
    update,
    step: (from, h, sigma) =>
      ex.ambientStep(
        n,
        runs,
        offset.start,
        offset.col,
        offset.coupling,
        unit,
        offset.node,
        fields[from],
        fields[1 - from]!,
        offset.noise,
        h,
        sigma,
        sigma > 0 ? 1 : 0,
      ),
  };
}
