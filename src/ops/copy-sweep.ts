/**
 * §3.3's copy-and-accept sweep on ledger labels as one op: node i = 0 … N − 1 in order (skipped nodes aside, and
 * isolated ones) proposes a label by the kernel ("node0": node 0's; "neighbour": a uniformly drawn neighbour's;
 * "symmetric": one of the K drawn uniformly) and takes it by the Metropolis rule on its local energy change
 * ½Σ_j (‖x_p − x_j‖² − ‖x_c − x_j‖²) at the sweep's temperature; a proposal equal to the current label changes nothing
 * and draws no more. The front end {@link copySweeper} checks the network, labels and distances and picks the engine's
 * WebAssembly sweep (engine/kernels/simd/simd-copy) where the module is ready and `u` exposes its Alea state (engine/random
 * `uniformSource`), else the JavaScript loop here ({@link copySweeperReference}). Both form the same labels and draws
 * in the same order (test/unit/spin/update-kernels.test.ts runs §3.3's loop on each), so which one ran changes nothing.
 */
import { simdCopySweeper, COPY_KERNELS, type CopyKernel, type CopyNetwork } from "../engine/kernels/simd/simd-copy";
import type { UniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { sweepAccepts } from "./sweep-acceptance";

export type { CopyKernel, CopyNetwork };

/** A sweeper over one network's labels: read and write `labels` between sweeps. */
export interface CopySweep {
  /** The ledgers, N of them (the caller's array, or a view of the module's memory: read it here). */
  labels: Int32Array;
  /** One sweep at temperature T ≥ 0, drawing from the sweeper's `u`; returns the total change Σ‖x_i − x_i^prev‖. */
  sweep(temperature: number): number;
}

/**
 * The copy kernel's draw: a uniformly drawn neighbour of node i (one uniform) in neighbour lists of CSR form (the
 * neighbours of i are `neighbour[start[i] .. start[i + 1])`); node i must have one.
 */
export function neighbourDraw(start: Int32Array, neighbour: Int32Array, i: number, u: () => number): number {
  const a = start[i]!;
  return neighbour[a + Math.floor(u() * (start[i + 1]! - a))]!;
}

/** What a sweeper sweeps: a network's neighbour lists, the ledger each node holds and the ledgers' squared distances. */
export interface CopySweepInput {
  network: CopyNetwork;
  /** The ledger each node holds, 0 … K − 1 (N of them). */
  labels: Int32Array;
  /** ‖x_a − x_b‖² for the K ledgers, row-major (K² numbers). */
  distances: Float64Array;
  K: number;
  kernel: CopyKernel;
  /** Nodes that never follow the rule (pinned, or redrawn by the caller). */
  skip?: Uint8Array | undefined;
}

function checkInputs(where: string, input: CopySweepInput): void {
  const { network, labels, distances, K, kernel, skip } = input;
  const n = check.integer(where, "network.n", network.n, 0);
  const { rowPtr, col } = network;
  if (rowPtr.length < n + 1) throw new ArgumentError(where, "network.rowPtr", `at least ${n + 1} row offsets`, rowPtr.length);
  for (let i = 0; i < n; i++)
    if (!(rowPtr[i]! <= rowPtr[i + 1]! && rowPtr[i]! >= 0 && rowPtr[i + 1]! <= col.length))
      throw new ArgumentError(where, "network.rowPtr", `non-decreasing offsets in [0, ${col.length}]`, `row ${i}`);
  for (let q = rowPtr[0]!; q < rowPtr[n]!; q++)
    if (!(col[q]! >= 0 && col[q]! < n)) throw new ArgumentError(where, "network.col", `nodes in [0, ${n - 1}]`, col[q]);
  check.integer(where, "K", K, 1);
  if (!COPY_KERNELS.includes(kernel)) throw new ArgumentError(where, "kernel", `one of ${COPY_KERNELS.join(", ")}`, kernel);
  if (distances.length < K * K) throw new ArgumentError(where, "distances", `at least K² = ${K * K} numbers`, distances.length);
  if (labels.length < n) throw new ArgumentError(where, "labels", `at least ${n} labels (one per node)`, labels.length);
  for (let i = 0; i < n; i++)
    if (!(labels[i]! >= 0 && labels[i]! < K))
      throw new ArgumentError(where, "labels", `ledgers in [0, ${K - 1}]`, `${labels[i]} at node ${i}`);
  if (skip && skip.length < n) throw new ArgumentError(where, "skip", `at least ${n} flags (one per node)`, skip.length);
}

/**
 * The sweep of `input`, drawing from `u`: the engine's WebAssembly sweep where the module is ready and `u` exposes its
 * Alea state (its labels then a view of the module's memory, `input.labels` copied in), else the JavaScript loop on
 * `input.labels` itself; the same labels and draws either way.
 */
export function copySweeper(input: CopySweepInput, u: () => number): CopySweep {
  const where = "emtd/ops/copySweeper";
  checkInputs(where, input);
  const { alea } = u as Partial<UniformSource>;
  const fast = alea ? simdCopySweeper(input.network, input.labels, input.distances, input.K, input.kernel, input.skip) : null;
  if (fast) return { labels: fast.labels, sweep: (T) => fast.sweep(check.nonNegative(where, "temperature", T), alea!) };
  return { labels: input.labels, sweep: (T) => copySweep(input, check.nonNegative(where, "temperature", T), u) };
}

/** The JavaScript loop of {@link copySweeper} alone, on `input.labels` itself (the reference the WebAssembly sweep is held to). */
export function copySweeperReference(input: CopySweepInput, u: () => number): CopySweep {
  const where = "emtd/ops/copySweeperReference";
  checkInputs(where, input);
  return { labels: input.labels, sweep: (T) => copySweep(input, check.nonNegative(where, "temperature", T), u) };
}

/** One sweep of §3.3's update in node order at T (the JavaScript loop); returns the total change Σ‖x_i − x_i^prev‖. */
function copySweep(input: CopySweepInput, T: number, u: () => number): number {
  const { network, labels, distances, K, kernel, skip } = input;
  const { rowPtr, col, n } = network;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = rowPtr[i]!,
      b = rowPtr[i + 1]!;
    if (skip?.[i] || b === a) continue;
    const current = labels[i]!;
    const proposed =
      kernel === "node0" ? labels[0]! : kernel === "neighbour" ? labels[neighbourDraw(rowPtr, col, i, u)]! : Math.floor(u() * K);
    if (proposed === current) continue; // ΔE = 0 exactly: accepted without a draw, nothing changes
    const to = proposed * K,
      from = current * K;
    let cost = 0;
    for (let q = a; q < b; q++) {
      const l = labels[col[q]!]!;
      cost += 0.5 * (distances[to + l]! - distances[from + l]!);
    }
    if (sweepAccepts(cost, T, u)) {
      labels[i] = proposed;
      total += Math.sqrt(distances[proposed * K + current]!);
    }
  }
  return total;
}
