/**
 * §3.3's ±1-spin sweep in WebAssembly (the text in spin-sweep-wat.ts), for the loops the §4 claims run millions of
 * times on small graphs (spin/update-kernels `spinSweeps`). A module of its own, with its own memory, which holds one
 * graph at a time: the graph is laid out when a sweep of another graph (another `owner`) comes, the spins are copied
 * in before every sweep and back after one that changed them. Until {@link prepareSpinSweep} has run (or where wabt
 * or SIMD is missing, or `EMTD_SIMD=0`), {@link spinSweepWasm} answers null and the caller sweeps in JavaScript: the
 * same numbers either way.
 */
import { instantiateWat } from "./wat-assembler";
import { SPIN_SWEEP_WAT, SWEEP_GRAPH, SWEEP_RESULT } from "./spin-sweep-wat";

/** A graph as the sweep reads it (spin/problem's `ProblemCsr`). */
export interface SweepGraph {
  readonly n: number;
  readonly start: Int32Array;
  readonly neighbour: Int32Array;
  readonly coupling: Float64Array;
  readonly field: Float64Array;
}

/** The proposal kernels' codes in the module. */
export const SWEEP_KERNEL = { node0: 0, neighbour: 1, symmetric: 2 } as const;

/** What a sweep did: nodes changed, the energy change, and the stream's position after it. */
export interface SweepResult {
  changes: number;
  deltaH: number;
  position: number;
}

/** The last stream position a sweep may start from: positions are i32 in the module. */
export const SWEEP_POSITIONS = 2 ** 31 - 1;

interface Exports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  sweep(
    ...args: [
      kernel: number,
      n: number,
      start: number,
      nbr: number,
      coupling: number,
      field: number,
      spin: number,
      T: number,
      k0: number,
      k1: number,
      pos: number,
    ]
  ): void;
}

let instance: Exports | null = null;
let tried = false;

/** Assemble and instantiate the module (once). False, and the JavaScript sweep stays, where it cannot be built. */
export async function prepareSpinSweep(): Promise<boolean> {
  if (tried) return instance !== null;
  tried = true;
  instance = (await instantiateWat("emtd-spin-sweep.wat", SPIN_SWEEP_WAT, { math: { exp: Math.exp } })) as Exports | null;
  return instance !== null;
}

/** Where the laid-out graph's spins lie, whose graph it is, and a view of its spins. */
interface Laid {
  owner: object;
  start: number;
  nbr: number;
  coupling: number;
  field: number;
  spin: number;
  spins: Int8Array;
}
let laid: Laid | null = null;

/** Views of the whole memory (made again only after it grows). */
let views: { buffer: ArrayBuffer; i32: Int32Array; f64: Float64Array } | null = null;

function viewsOf(ex: Exports): NonNullable<typeof views> {
  const buffer = ex.memory.buffer;
  if (views === null || views.buffer !== buffer) views = { buffer, i32: new Int32Array(buffer), f64: new Float64Array(buffer) };
  return views;
}

function layOut(ex: Exports, owner: object, g: SweepGraph): Laid {
  const m = g.neighbour.length;
  const start = SWEEP_GRAPH;
  const nbr = start + 4 * (g.n + 1);
  const coupling = Math.ceil((nbr + 4 * m) / 8) * 8;
  const field = coupling + 8 * m;
  const spin = field + 8 * g.n;
  const need = spin + g.n - ex.memory.buffer.byteLength;
  if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  const { buffer, i32, f64 } = viewsOf(ex);
  i32.set(g.start, start / 4);
  i32.set(g.neighbour, nbr / 4);
  f64.set(g.coupling, coupling / 8);
  f64.set(g.field, field / 8);
  return (laid = { owner, start, nbr, coupling, field, spin, spins: new Int8Array(buffer, spin, g.n) });
}

/**
 * One sweep of `spin` (updated in place) on `g` by the kernel's code at `temperature`, drawing from engine/random's
 * `uniformSource` stream under (k0, k1) from `position`; null where the module is not ready or the sweep might draw
 * past {@link SWEEP_POSITIONS} (the caller sweeps in JavaScript). `owner` names the graph: the same owner, the same
 * graph (it is laid out again only when another owner's sweep came between).
 */
export function spinSweepWasm(
  owner: object,
  g: SweepGraph,
  kernel: number,
  spin: Int8Array,
  temperature: number,
  k0: number,
  k1: number,
  position: number,
): SweepResult | null {
  if (instance === null || position + 2 * g.n > SWEEP_POSITIONS) return null;
  const ex = instance;
  const at = laid !== null && laid.owner === owner ? laid : layOut(ex, owner, g);
  at.spins.set(spin);
  ex.sweep(kernel, g.n, at.start, at.nbr, at.coupling, at.field, at.spin, temperature, k0 | 0, k1 | 0, position);
  const { i32, f64 } = viewsOf(ex);
  const changes = i32[SWEEP_RESULT / 4]!;
  if (changes > 0) spin.set(at.spins);
  return { changes, deltaH: f64[SWEEP_RESULT / 8 + 1]!, position: i32[SWEEP_RESULT / 4 + 1]! };
}
