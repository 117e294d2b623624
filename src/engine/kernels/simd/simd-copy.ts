/**
 * The driver of the copy-and-accept sweep in the SIMD module (its text in copy-wat.ts): a network's neighbour lists,
 * the ledgers' squared distances and the skipped nodes laid out once in the module's scratch, the labels handed back
 * as a view for the caller's loop (spin/update-kernels `copyAndAccept`) to read and redraw, and Alea's state copied in
 * and out around each sweep. One thread; the same numbers as the JavaScript sweep (same operations, same order).
 */
import type { AleaState } from "../../random";
import { simdReady, simdScratch } from "./simd-module";

/** A network's neighbour lists in CSR form (spin/update-kernels `NeighbourLists`). */
export interface CopyNetwork {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
}

/** The sweep in the module: the ledgers it updates (a view of the module's memory) and the sweep itself. */
export interface CopySweeper {
  /** The ledgers, N of them, in the module's memory: read and write them between sweeps. */
  labels: Int32Array;
  /** One sweep at temperature T, advancing `alea` in place; returns the sweep's total change. */
  sweep(temperature: number, alea: AleaState): number;
}

/** Kernels by the module's number: 0 node0, 1 neighbour, 2 symmetric (their names declared here once). */
const KERNEL_CODE = { node0: 0, neighbour: 1, symmetric: 2 } as const;

/** A proposal kernel of the sweep, by name. */
export type CopyKernel = keyof typeof KERNEL_CODE;

/** Every kernel's name, for the front end's check. */
export const COPY_KERNELS: readonly CopyKernel[] = Object.freeze(Object.keys(KERNEL_CODE) as CopyKernel[]);

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * The sweep of `network` in the SIMD module, starting from `labels` (copied in), or null (the caller keeps its
 * JavaScript loop) when the module is not ready or its memory has no room. `skip`: nodes that never follow the rule.
 */
export function simdCopySweeper(
  network: CopyNetwork,
  labels: Int32Array,
  distances: Float64Array,
  K: number,
  kernel: keyof typeof KERNEL_CODE,
  skip: Uint8Array | undefined,
): CopySweeper | null {
  const { n, rowPtr, col } = network;
  if (!simdReady() || n < 1) return null;
  const parts = {
    distances: align(8 * K * K),
    state: 32,
    cache: 1024,
    row: align(4 * (n + 1)),
    col: align(4 * col.length),
    labels: align(4 * n),
    skip: skip ? align(n) : 0,
  };
  const scratch = simdScratch(Object.values(parts).reduce((a, b) => a + b, 0));
  if (scratch === null) return null;
  const { ex } = scratch;
  let next = scratch.at;
  const offset = {} as Record<keyof typeof parts, number>;
  for (const name of Object.keys(parts) as Array<keyof typeof parts>) {
    offset[name] = next;
    next += parts[name];
  }
  const buffer = ex.memory.buffer;
  new Float64Array(buffer, offset.distances, K * K).set(distances.subarray(0, K * K));
  new Float64Array(buffer, offset.cache, 64).fill(Number.NaN);
  new Int32Array(buffer, offset.row, n + 1).set(rowPtr.subarray(0, n + 1));
  new Int32Array(buffer, offset.col, col.length).set(col);
  if (skip) new Uint8Array(buffer, offset.skip, n).set(skip.subarray(0, n));
  const view = new Int32Array(buffer, offset.labels, n);
  view.set(labels.subarray(0, n));
  const state = new Float64Array(buffer, offset.state, 4);
  const code = KERNEL_CODE[kernel];
  return {
    labels: view,
    sweep: (temperature, alea) => {
      state[0] = alea.s0;
      state[1] = alea.s1;
      state[2] = alea.s2;
      state[3] = alea.c;
      const total = ex.copySweep(
        n,
        offset.row,
        offset.col,
        offset.labels,
        offset.distances,
        K,
        code,
        skip ? offset.skip : 0,
        temperature,
        offset.state,
        offset.cache,
      );
      [alea.s0, alea.s1, alea.s2, alea.c] = [state[0]!, state[1]!, state[2]!, state[3]!];
      return total;
    },
  };
}
