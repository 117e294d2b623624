/**
 * §3.3's copy-and-accept update on ledger labels as one op, many independent runs at once: per sweep t, node
 * i = 0 … N − 1 in order (skipped nodes aside, and isolated ones) proposes a label by the kernel ("node0": node 0's;
 * "neighbour": a uniformly drawn neighbour's; "symmetric": one of the K drawn uniformly) and takes it by the
 * Metropolis rule on its local energy change ½Σ_j (‖x_p − x_j‖² − ‖x_c − x_j‖²) at the run's temperature; a proposal
 * equal to the current label changes nothing. Each run's draws are Philox4x32-10 (engine/philox) under the run's own
 * key, one block per pair of nodes at counter (from + t, ⌊i/2⌋, 0, 0): words 2(i mod 2) and 2(i mod 2) + 1 are node
 * i's proposal (⌊w·m/2³²⌋ of m choices) and accept (u = w·2⁻³² < e^{−ΔE/T}, taken outright when ΔE ≤ 0); a noisy
 * node's redraw before the sweep is word 0 at (from + t, i, 1, 0). So a run's
 * labels are a function of its inputs, key and counter alone. The front end {@link copyRuns} checks the runs and
 * takes the engine's lanes (engine/kernels/simd/simd-copy-lanes: four runs to a group, groups over the threads) where
 * the module is ready, else the JavaScript loop here ({@link copyRunsReference}); both form the same labels, sweeps and
 * stops (test/unit/ops/copy-sweep.test.ts), so which one ran, and beside which runs, changes nothing.
 */
import { simdCopyRuns, type CopyNetwork, type LaneRun } from "../engine/kernels/simd/simd-copy-lanes";
import { mulHi, philoxInto } from "../engine/philox";
import { checkKey, type Key } from "../engine/random";
import { ArgumentError, check } from "../errors";

export type { CopyNetwork };

/** Kernels by the module's number: 0 node0, 1 neighbour, 2 symmetric (their names declared here once). */
const KERNEL_CODE = { node0: 0, neighbour: 1, symmetric: 2 } as const;

/** A proposal kernel of the update, by name. */
export type CopyKernel = keyof typeof KERNEL_CODE;

/** Every kernel's name, for the front end's check. */
export const COPY_KERNELS: readonly CopyKernel[] = Object.freeze(Object.keys(KERNEL_CODE) as CopyKernel[]);

/**
 * The copy kernel's draw: a uniformly drawn neighbour of node i (one uniform) in neighbour lists of CSR form (the
 * neighbours of i are `neighbour[start[i] .. start[i + 1])`); node i must have one.
 */
export function neighbourDraw(start: Int32Array, neighbour: Int32Array, i: number, u: () => number): number {
  const a = start[i]!;
  return neighbour[a + Math.floor(u() * (start[i + 1]! - a))]!;
}

/** What every run of one call shares: the ledgers' squared distances and the proposal kernel. */
export interface CopyLedgers {
  /** ‖x_a − x_b‖² for the K ledgers, row-major (K² numbers). */
  distances: Float64Array;
  K: number;
  kernel: CopyKernel;
}

/** One run: its network, the ledger each node holds (updated in place), its schedule, its stop and its key. */
export interface CopyRunInput {
  network: CopyNetwork;
  /** The ledger each node holds, 0 … K − 1 (N of them), updated in place. */
  labels: Int32Array;
  /** Nodes that never follow the rule and hold their ledger. */
  pinned?: Uint8Array | undefined;
  /** Nodes that never follow the rule and redraw their ledger uniformly from the K before every sweep. */
  noisy?: Uint8Array | undefined;
  /** T at the run's sweep t (t = 0, 1, …), T ≥ 0. */
  schedule: { temperature(t: number): number };
  /** Most sweeps. */
  limit: number;
  /**
   * A sweep whose total change Σ‖x_i − x_i^prev‖ is below 10⁻⁴ stops the run (§3.3's stop); without it a copy
   * kernel's run stops at a consensus with no pinned or noisy node (which nothing leaves), else at `limit`.
   */
  stop: boolean;
  /** Philox's sweep counter at the run's first sweep (a run continued from sweep s passes s). Default 0. */
  from?: number;
}

/** How a run ended: sweeps performed (the last included), and whether a stop, not the limit, ended it. */
export interface CopyRunEnd {
  sweeps: number;
  frozen: boolean;
}

function checkRun(where: string, run: CopyRunInput, runKey: Key, r: number, ledgers: CopyLedgers): LaneRun {
  const { network, labels, pinned, noisy } = run;
  const { K } = ledgers;
  const n = check.integer(where, "network.n", network.n, 0);
  const { rowPtr, col } = network;
  if (rowPtr.length < n + 1) throw new ArgumentError(where, "network.rowPtr", `at least ${n + 1} row offsets`, rowPtr.length);
  for (let i = 0; i < n; i++)
    if (!(rowPtr[i]! <= rowPtr[i + 1]! && rowPtr[i]! >= 0 && rowPtr[i + 1]! <= col.length))
      throw new ArgumentError(where, "network.rowPtr", `non-decreasing offsets in [0, ${col.length}]`, `row ${i} of run ${r}`);
  for (let q = rowPtr[0]!; q < rowPtr[n]!; q++)
    if (!(col[q]! >= 0 && col[q]! < n)) throw new ArgumentError(where, "network.col", `nodes in [0, ${n - 1}]`, col[q]);
  if (labels.length < n) throw new ArgumentError(where, "labels", `at least ${n} labels (one per node)`, labels.length);
  for (let i = 0; i < n; i++)
    if (!(labels[i]! >= 0 && labels[i]! < K))
      throw new ArgumentError(where, "labels", `ledgers in [0, ${K - 1}]`, `${labels[i]} at node ${i} of run ${r}`);
  if (pinned && pinned.length < n) throw new ArgumentError(where, "pinned", `at least ${n} flags (one per node)`, pinned.length);
  if (noisy && noisy.length < n) throw new ArgumentError(where, "noisy", `at least ${n} flags (one per node)`, noisy.length);
  const limit = check.integer(where, "limit", run.limit, 0, 2 ** 31 - 1);
  const from = check.integer(where, "from", run.from ?? 0, 0, 2 ** 32 - limit);
  const key = checkKey(where, "keys", runKey);
  // The schedule tabulated once: the lanes read T from memory, on whichever thread runs them.
  const temperatures = new Float64Array(limit);
  for (let t = 0; t < limit; t++) temperatures[t] = check.nonNegative(where, "temperature", run.schedule.temperature(t));
  const flags = pinned || noisy ? Uint8Array.from({ length: n }, (_, i) => (noisy?.[i] ? 2 : pinned?.[i] ? 1 : 0)) : undefined;
  const consensus = !run.stop && ledgers.kernel !== "symmetric" && !pinned && !noisy;
  return { n, rowPtr, col, labels, flags, temperatures, key, from, stop: run.stop, consensus };
}

function checkLedgers(where: string, ledgers: CopyLedgers): void {
  const { distances, K, kernel } = ledgers;
  check.integer(where, "K", K, 1);
  if (!COPY_KERNELS.includes(kernel)) throw new ArgumentError(where, "kernel", `one of ${COPY_KERNELS.join(", ")}`, kernel);
  if (distances.length < K * K) throw new ArgumentError(where, "distances", `at least K² = ${K * K} numbers`, distances.length);
}

function checkKeys(where: string, runs: readonly CopyRunInput[], keys: readonly Key[]): void {
  if (!Array.isArray(keys) || keys.length !== runs.length)
    throw new ArgumentError(where, "keys", `one key per run (${runs.length})`, Array.isArray(keys) ? keys.length : keys);
}

/**
 * Every run of `runs` to its stop or limit, run r drawing under `keys[r]`, each updating its own labels in place: in
 * the engine's SIMD lanes where the module is ready, else in the JavaScript loop; the same labels, sweeps and stops
 * either way, for each run whatever runs beside it. Returns how each run ended, in order.
 */
export function copyRuns(runs: readonly CopyRunInput[], ledgers: CopyLedgers, keys: readonly Key[]): CopyRunEnd[] {
  const where = "emtd/ops/copyRuns";
  checkLedgers(where, ledgers);
  checkKeys(where, runs, keys);
  const lanes = runs.map((run, r) => checkRun(where, run, keys[r]!, r, ledgers));
  const code = KERNEL_CODE[ledgers.kernel];
  return simdCopyRuns(lanes, ledgers.distances, ledgers.K, code) ?? lanes.map((run) => copyRun(run, ledgers.distances, ledgers.K, code));
}

/** The JavaScript loop of {@link copyRuns} alone, one run after another (the reference the lanes are held to). */
export function copyRunsReference(runs: readonly CopyRunInput[], ledgers: CopyLedgers, keys: readonly Key[]): CopyRunEnd[] {
  const where = "emtd/ops/copyRunsReference";
  checkLedgers(where, ledgers);
  checkKeys(where, runs, keys);
  const code = KERNEL_CODE[ledgers.kernel];
  return runs.map((run, r) => copyRun(checkRun(where, run, keys[r]!, r, ledgers), ledgers.distances, ledgers.K, code));
}

/** 2⁻³²: a word's uniform in [0, 1), exact in double. */
const U32 = 2 ** -32;

/** One run of §3.3's update to its stop (the JavaScript loop); the lanes' arithmetic, operation for operation. */
function copyRun(run: LaneRun, distances: Float64Array, K: number, kernel: number): CopyRunEnd {
  const { n, rowPtr, col, labels, flags, temperatures, key } = run;
  const w = new Uint32Array(4);
  let sweeps = 0;
  let frozen = false;
  while (!frozen && sweeps < temperatures.length) {
    const c0 = run.from + sweeps;
    const T = temperatures[sweeps]!;
    if (flags) for (let i = 0; i < n; i++) if (flags[i] === 2) labels[i] = mulHi(philoxInto(w, c0, i, 1, 0, key[0], key[1])[0]!, K);
    let total = 0;
    let pair = -1; // the pair whose block is in w
    for (let i = 0; i < n; i++) {
      const a = rowPtr[i]!,
        b = rowPtr[i + 1]!;
      if (b === a || flags?.[i]) continue;
      const current = labels[i]!;
      if (pair !== i >> 1) philoxInto(w, c0, (pair = i >> 1), 0, 0, key[0], key[1]);
      const draw = w[2 * (i & 1)]!;
      const proposed = kernel === 0 ? labels[0]! : kernel === 1 ? labels[col[a + mulHi(draw, b - a)]!]! : mulHi(draw, K);
      if (proposed === current) continue; // ΔE = 0 exactly: nothing changes
      const to = proposed * K,
        from = current * K;
      let cost = 0;
      for (let q = a; q < b; q++) {
        const l = labels[col[q]!]!;
        cost += 0.5 * (distances[to + l]! - distances[from + l]!);
      }
      // Downhill taken; uphill when u < e^{−ΔE/T} (T = 0: e^{−∞} = 0, never; NaN: never).
      if (cost <= 0 || (cost > 0 && w[2 * (i & 1) + 1]! * U32 < Math.exp(-cost / T))) {
        labels[i] = proposed;
        total += Math.sqrt(distances[proposed * K + current]!);
      }
    }
    if (run.stop && total < 1e-4) frozen = true;
    sweeps++;
    if (!frozen && run.consensus && labels.subarray(0, n).every((l) => l === labels[0])) frozen = true;
  }
  return { sweeps, frozen };
}
