/**
 * §3.3's discrete update against N (p4.1-scale-invariance's copy cells) from a two-ledger split, the copy analogue of
 * the flow's disagreement: a graph of N nodes whose first half by index (nodes 0 … ⌈N/2⌉ − 1) holds one ledger (the
 * old value, 0) and whose second half holds the other (§3.3's input 3.14159), then §3.3's loop
 * (src/spin/update-kernels.ts, {@link copyAndAccept}): sweeps in node order, each node proposing by the text's kernel
 * ("node0": node 0's value; "neighbour": a drawn neighbour's), Metropolis on ½Σ_j‖s_i − s_j‖² at T = schedule(t),
 * until a sweep changes nothing or 1000 sweeps. The time is the number of sweeps to §3.3's stop; beside it, whether
 * the run ended on one value (consensus) or stopped with the ledgers split, and the share on node 0's ledger.
 *
 * Contiguous halves, not random ones: the flow's τ is the decay time of its slowest mode, whose sign pattern on these
 * index-ordered graphs (ring:N:4, ws rewired from it, the torus row by row) is two contiguous halves; a random split is
 * mostly fast modes, which no τ of the flow times. The split is a function of N alone (no draw). No node is injected
 * (§3.3's step 1 is not run): both ledgers are held from the start, so node 0's first update erases nothing.
 * Typed arrays only; a graph of 10⁵ nodes takes about a second.
 */
import { fold, type Key } from "../../engine/random";
import { check } from "../../errors";
import type { Schedule } from "../../dynamics/schedules";
import { familyMember, type ScaleFamily } from "../../graph/families";
import { releaseGraph } from "../../ops/tensors";
import { adjacencyOf } from "../../reference-port/port";
import { copyAndAcceptRuns, copyKey, type CopyRun, type NeighbourLists, type ProposalKernel } from "../../spin/update-kernels";

/** The second ledger's Merkle value, §3.3's `input_signal`; the first ledger holds the old value, 0. */
const SIGNAL = 3.14159;

/** One run of {@link copyDecision}. */
export interface CopyDecision {
  /** Nodes of the graph drawn (the torus rounds N to a square). */
  n: number;
  /** Sweeps to §3.3's stop (the converged sweep included), at most 1000. */
  sweeps: number;
  /** True when the run stopped by itself (a sweep changed nothing) rather than at the cap. */
  frozen: boolean;
  /** Every node ends on one value. */
  consensus: boolean;
  /** Share of nodes ending on node 0's starting ledger (the first half's). */
  onNodeZero: number;
}

/**
 * The two-ledger split of {@link copyDecision}: nodes 0 … ⌈n/2⌉ − 1 on ledger 0, the rest on ledger 1.
 */
export function splitLedgers(n: number): Int32Array {
  const labels = new Int32Array(n);
  labels.fill(1, Math.ceil(n / 2));
  return labels;
}

/** Run `key`'s network (family member of about `n` nodes from fold(key, 0), as plain neighbour lists) and split start. */
function copyStart(family: ScaleFamily, n: number, key: Key): { adjacency: NeighbourLists; labels: Int32Array } {
  check.integer("emtd/studies/scale/copy", "n", n, 5);
  const member = familyMember(family, n, fold(key, 0));
  try {
    const adjacency = adjacencyOf(member.graph!);
    return { adjacency, labels: splitLedgers(adjacency.n) };
  } finally {
    releaseGraph(member.graph!);
  }
}

/** The ledgers' squared distances: 0 and §3.3's signal², 3.14159². */
const DISTANCES = Float64Array.from([0, SIGNAL * SIGNAL, SIGNAL * SIGNAL, 0]);

/** A run's {@link CopyDecision} from its final labels and how it ended. */
function decided(labels: Int32Array, run: CopyRun): CopyDecision {
  const size = labels.length;
  let onSecond = 0;
  for (let i = 0; i < size; i++) onSecond += labels[i]!;
  return {
    n: size,
    sweeps: run.sweeps,
    frozen: run.frozen,
    consensus: onSecond === 0 || onSecond === size,
    onNodeZero: (size - onSecond) / size,
  };
}

/**
 * One run: family member of about `n` nodes from fold(key, 0), the two ledgers split in halves
 * ({@link splitLedgers}), §3.3's loop by `kernel` drawing from Philox under copyKey(fold(key, 1)), to §3.3's stop
 * (`stop: false`: on through quiet sweeps) or its 1000-sweep cap (`limit` in its place: a schedule's stated horizon).
 *
 * @example
 * ```ts
 * const r = copyDecision("ws", 1000, "node0", geometric({ initial: 100, rate: 0.95 }), key(1));
 * [r.consensus, r.onNodeZero]; // → [true, 1]: every node copies node 0's ledger within a few sweeps
 * ```
 */
export function copyDecision(
  family: ScaleFamily,
  n: number,
  kernel: ProposalKernel,
  schedule: Schedule,
  key: Key,
  o: { stop?: boolean; limit?: number } = {},
): CopyDecision {
  return copyDecisions(family, n, kernel, [schedule], [key], o)[0]!;
}

/**
 * Runs of {@link copyDecision} at one size, run r under `schedules[r]` and `keys[r]`, side by side in the engine's
 * lanes (a run's numbers are its key's alone: each is what {@link copyDecision} gives it alone).
 */
export function copyDecisions(
  family: ScaleFamily,
  n: number,
  kernel: ProposalKernel,
  schedules: readonly Schedule[],
  keys: readonly Key[],
  o: { stop?: boolean; limit?: number } = {},
): CopyDecision[] {
  const starts = keys.map((k) => copyStart(family, n, k));
  const ends = copyAndAcceptRuns(
    starts.map(({ adjacency, labels }, r) => ({ adjacency, labels, schedule: schedules[r]!, stop: o.stop, limit: o.limit })),
    { distances: DISTANCES, K: 2, kernel },
    keys.map((k) => copyKey(fold(k, 1))),
  );
  return starts.map(({ labels }, r) => decided(labels, ends[r]!));
}

/**
 * `runs(n)` runs of {@link copyDecision} at each size, run r at size index s from fold(key, 1000·s + r); a size's runs
 * side by side in the engine's lanes (the same numbers as one {@link copyDecision} at a time).
 *
 * @example
 * ```ts
 * const rows = copyDecisionSizes("ring", [100, 1000], "neighbour", () => 2, geometric({ initial: 100, rate: 0.95 }), key(3));
 * rows.length; // → 4 (two runs at each size)
 * ```
 */
export function copyDecisionSizes(
  family: ScaleFamily,
  sizes: readonly number[],
  kernel: ProposalKernel,
  runs: (n: number) => number,
  schedule: Schedule,
  key: Key,
): CopyDecision[] {
  return sizes.flatMap((n, s) => {
    const keys = Array.from({ length: runs(n) }, (_, r) => fold(key, 1000 * s + r));
    return copyDecisions(
      family,
      n,
      kernel,
      keys.map(() => schedule),
      keys,
    );
  });
}
