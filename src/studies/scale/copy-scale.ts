/**
 * §3.3's discrete update against N (p4.1-scale-invariance's copy cells): a value injected at node 0 of a graph of N
 * nodes whose other nodes hold the old value, then §3.3's loop (src/spin/update-kernels.ts, {@link copyAndAccept}):
 * sweeps in node order, each node proposing by the text's kernel ("node0": node 0's value; "neighbour": a drawn
 * neighbour's), Metropolis on ½Σ_j‖s_i − s_j‖² at T = schedule(t), until a sweep changes nothing or 1000 sweeps.
 * The time to a decision is the number of sweeps to §3.3's stop; beside it, whether the run ended on one value and
 * on which, and whether the injection survived node 0's first update (under "neighbour" node 0, swept first, draws
 * a neighbour holding the old value and copies it back downhill, so the signal is gone before anyone copies it: the
 * run's "decision" is then the erasure of the input, not a decision about it). Typed arrays only; a graph of 10⁵
 * nodes takes about a second.
 */
import { fold, uniformSource, type Key } from "../../engine/random";
import { check } from "../../errors";
import type { Schedule } from "../../dynamics/schedules";
import { familyMember, type ScaleFamily } from "../../graph/families";
import { releaseGraph } from "../../ops/tensors";
import { adjacencyOf } from "../../reference-port/port";
import { copyAndAccept, type ProposalKernel } from "../../spin/update-kernels";

/** §3.3's injected value `input_signal`; the other nodes hold the old ledger, 0. */
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
  /** Share of nodes ending on the injected value. */
  onSignal: number;
  /**
   * Node 0 (the only holder of the signal, swept first) still holds it after its first update: only then is the run
   * a decision about the injected value (otherwise no node holds it from then on, and the stop is its erasure).
   */
  kept: boolean;
}

/**
 * One run: family member of about `n` nodes from fold(key, 0), node 0 holding the signal, §3.3's loop by `kernel`
 * from fold(key, 1). `kept` is read from a one-sweep run on a copy of the labels from the same stream (same draws):
 * node 0 is updated once per sweep, so it holds the signal after sweep 1 exactly when its first update kept it.
 *
 * @example
 * ```ts
 * const r = copyDecision("ws", 1000, "node0", geometric({ initial: 100, rate: 0.95 }), key(1));
 * [r.consensus, r.onSignal, r.kept]; // → [true, 1, true]: every node copies node 0's value within a few sweeps
 * ```
 */
export function copyDecision(family: ScaleFamily, n: number, kernel: ProposalKernel, schedule: Schedule, key: Key): CopyDecision {
  check.integer("emtd/studies/scale/copy", "n", n, 5);
  const member = familyMember(family, n, fold(key, 0));
  try {
    const adjacency = adjacencyOf(member.graph!);
    const size = adjacency.n;
    const labels = new Int32Array(size);
    labels[0] = 1;
    const d2 = SIGNAL * SIGNAL;
    const distances = Float64Array.from([0, d2, d2, 0]);
    const first = labels.slice();
    copyAndAccept(adjacency, first, distances, 2, { schedule, kernel, limit: 1 }, uniformSource(fold(key, 1)));
    const run = copyAndAccept(adjacency, labels, distances, 2, { schedule, kernel }, uniformSource(fold(key, 1)));
    let onSignal = 0;
    for (let i = 0; i < size; i++) onSignal += labels[i]!;
    return {
      n: size,
      sweeps: run.sweeps,
      frozen: run.frozen,
      consensus: onSignal === 0 || onSignal === size,
      onSignal: onSignal / size,
      kept: first[0] === 1,
    };
  } finally {
    releaseGraph(member.graph!);
  }
}

/**
 * `runs(n)` runs of {@link copyDecision} at each size, run r at size index s from fold(key, 1000·s + r).
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
  return sizes.flatMap((n, s) =>
    Array.from({ length: runs(n) }, (_, r) => copyDecision(family, n, kernel, schedule, fold(key, 1000 * s + r))),
  );
}
