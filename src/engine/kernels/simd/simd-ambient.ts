/**
 * The driver of the ambient model's step in the SIMD module (its text in ambient-wat.ts): the run's network, per-node
 * constants, the field's two buffers and the step's normals laid out once in the module's scratch, the buffers and
 * the normals handed back as views for the caller's loop to fill, observe and swap. One thread; the same numbers as
 * the JavaScript loop of ops/ambient-step.ts (same operations, same order).
 */
import { simdReady, simdScratch } from "./simd-module";

/** What the step reads: the network's neighbour lists and its constants (as studies/ambient/fast.ts forms them). */
export interface AmbientLattice {
  n: number;
  /** Runs per node: two per f64x2, the last of an odd count in scalar f64. */
  runs: number;
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

/** The polar method's stream (ops/ambient-step.ts draws from it in JavaScript): sfc32's four words and the spare normal. */
export interface PolarStream {
  a: number;
  b: number;
  c: number;
  d: number;
  spare: number;
  hasSpare: boolean;
}

/** The step in the module: its buffers (views of the module's memory) and the step itself. */
export interface AmbientStepper {
  /** The field's two buffers, [N·R] each, zeroed. */
  buffers: readonly [Float64Array, Float64Array];
  /** The step's normals, [N·R], in entry order (empty without noise). */
  noise: Float64Array;
  /** Fills `noise` from `stream` (advanced in place) as the JavaScript loop of ops/ambient-step.ts would. */
  draw(stream: PolarStream): void;
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
    stream: 32,
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
  if (!lattice.unit) new Float64Array(buffer, offset.coupling, lattice.coupling.length).set(lattice.coupling);
  const node = new Float64Array(buffer, offset.node, 4 * n);
  for (let i = 0; i < n; i++) {
    node[4 * i] = lattice.pairing[i]!;
    node[4 * i + 1] = lattice.diagonal[i]!;
    node[4 * i + 2] = lattice.cubic[i]!;
    node[4 * i + 3] = lattice.pullConstant[i]!;
  }
  const x = new Float64Array(buffer, offset.x, entries).fill(0);
  const next = new Float64Array(buffer, offset.next, entries).fill(0);
  const fields = [offset.x, offset.next] as const;
  const unit = lattice.unit ? 1 : 0;
  const words = new Int32Array(buffer, offset.stream, 8);
  const spare = new Float64Array(buffer, offset.stream + 16, 1);
  return {
    buffers: [x, next],
    noise: new Float64Array(buffer, offset.noise, noisy ? entries : 0),
    draw: (stream) => {
      [words[0], words[1], words[2], words[3], words[6]] = [stream.a, stream.b, stream.c, stream.d, stream.hasSpare ? 1 : 0];
      spare[0] = stream.spare;
      ex.ambientNormals(offset.stream, offset.noise, entries);
      [stream.a, stream.b, stream.c, stream.d] = [words[0]! >>> 0, words[1]! >>> 0, words[2]! >>> 0, words[3]! >>> 0];
      stream.spare = spare[0]!;
      stream.hasSpare = words[6] === 1;
    },
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
