/**
 * §3.3's update on ±1 ledgers: runs of the copy-and-accept update ({@link copyAndAcceptRuns}, either of the text's two
 * proposal rules) from random spins on the proposal's ws(N, 4, 0.1) networks, to §3.3's stop (or its cap: 1000 sweeps);
 * a schedule that states its own `horizon` is run to it, with no quiet-sweep stop (Hajek's guarantee is a statement
 * about the horizon, fifth-edition referee: a stop at T ≈ 1.6 made the pair a straw man). One function for the
 * claims p2.1-ising-alignment and p2.1-ising-thermal-noise, figure nb03's copy figures and notebook 03.
 */
import { fold, uniformSource, type Key } from "../../engine/random";
import type { Schedule } from "../../dynamics/schedules";
import { wattsStrogatzAdjacency } from "../../reference-port/smallworld";
import { copyAndAcceptRuns, type CopyAndAcceptRun, copyKey, type ProposalKernel, UPDATE_SWEEP_CAP } from "../../spin/update-kernels";

/** §3.3's starting temperature of every node, `self.temperature = 100.0`. */
export const INITIAL_TEMPERATURE = 100;

/** Squared distances of the two ±1 ledgers (labels 0 ↔ +1, 1 ↔ −1): ‖(+1) − (−1)‖² = 4. */
const SPIN_DISTANCES = Float64Array.of(0, 4, 4, 0);

/** Outcomes of `runs` runs of §3.3's update on ±1 ledgers drawn at random, each on its own ws(N, 4, 0.1). */
export interface SpinCopyRuns {
  runs: number;
  /** Runs ending with every node on one ledger. */
  aligned: number;
  /** Runs frozen (a sweep without change) with the ledgers still split. */
  frozenSplit: number;
  /** Runs frozen with the honest nodes (every node but the adversaries) still split. */
  honestSplit: number;
  /** Runs whose honest (unpinned) nodes end with a majority on the adversaries' −1. */
  onAdversaries: number;
  /** Runs frozen with every honest node on the −1 that pinned adversaries hold: captured (0 without pinned adversaries). */
  captured: number;
  /**
   * Runs frozen with every honest node on −1, with or without adversaries: `captured` where pinned adversaries hold
   * it, a consensus on −1 where none do (the same end state in both arms of p2.1-ising-thermal-noise's (b)).
   */
  frozenOnMinus: number;
  /** Runs ending with every node on node 0's starting ledger (under kernel "node0", every aligned run). */
  onNodeZero: number;
  meanSweeps: number;
}

/** What one batch of runs uses. */
export interface SpinCopyOptions {
  /** Nodes N of each ws(N, 4, 0.1). */
  nodes: number;
  runs: number;
  /**
   * A fresh schedule per run (each node's temperature, e.g. the mechanism's geometric T₀ = 100 ×0.95); a schedule
   * that states a `horizon` (the logarithmic repair's 10⁴ sweeps) runs that many sweeps in place of §3.3's cap, and no
   * quiet sweep ends it sooner (a copy kernel's run still ends at a consensus, which nothing leaves).
   */
  schedule: () => Schedule & { readonly horizon?: number };
  kernel: ProposalKernel;
  /** Share of the nodes that are adversaries (they never follow the update). Default 0. */
  adversaries?: number;
  /**
   * What an adversary injects: "pinned" (default), −1 always (a zealot); "noisy", a ledger redrawn uniformly before
   * every sweep (noise, the parenthesis' other reading: 'thermal noise (adversarial inputs)').
   */
  adversary?: "pinned" | "noisy";
}

/** How one run of {@link spinCopyRunEnds} ended. */
export interface SpinCopyRunEnd {
  /** Every node on one ledger. */
  aligned: boolean;
  /** Frozen (a sweep without change) with the ledgers still split. */
  frozenSplit: boolean;
  /** Frozen with the honest nodes still split. */
  honestSplit: boolean;
  /** The honest nodes' majority on the adversaries' −1. */
  onAdversaries: boolean;
  /** Frozen with every honest node on the −1 pinned adversaries hold (never without pinned adversaries). */
  captured: boolean;
  /** Frozen with every honest node on −1 (captured where pinned adversaries hold it). */
  frozenOnMinus: boolean;
  /** Every node on node 0's starting ledger. */
  onNodeZero: boolean;
  sweeps: number;
}

/**
 * Runs §3.3's update `runs` times: run r draws its graph from `fold(stream("graph"), r)`, its spins (±1 uniformly) and
 * pinned nodes from `fold(stream("runs"), r)` and the update's draws from Philox under that key's {@link copyKey}; the
 * runs go side by side through the engine's lanes (spin/update-kernels `copyAndAcceptRuns`). Deterministic for the stream.
 *
 * @example
 * ```ts
 * spinCopyRuns((name) => (name === "graph" ? key(0) : key(1)), { nodes: 50, runs: 10, kernel: "node0", schedule: () => geometric({ initial: 100, rate: 0.95 }) });
 * // → { runs: 10, aligned: 10, frozenSplit: 0, … } (node 0 never moves; every node adopts its value)
 * ```
 */
export function spinCopyRuns(stream: (name: string) => Key, o: SpinCopyOptions): SpinCopyRuns {
  return tallyCopyRuns(spinCopyRunEnds(stream, o));
}

/** The tally of runs' ends, in run order (the mean's sum in that order): what {@link spinCopyRuns} returns of them. */
export function tallyCopyRuns(ends: readonly SpinCopyRunEnd[]): SpinCopyRuns {
  const runs = ends.length;
  const out: SpinCopyRuns = {
    runs,
    aligned: 0,
    frozenSplit: 0,
    honestSplit: 0,
    onAdversaries: 0,
    captured: 0,
    frozenOnMinus: 0,
    onNodeZero: 0,
    meanSweeps: 0,
  };
  for (const e of ends) {
    if (e.aligned) out.aligned++;
    if (e.onNodeZero) out.onNodeZero++;
    if (e.frozenSplit) out.frozenSplit++;
    if (e.honestSplit) out.honestSplit++;
    if (e.onAdversaries) out.onAdversaries++;
    if (e.captured) out.captured++;
    if (e.frozenOnMinus) out.frozenOnMinus++;
    out.meanSweeps += e.sweeps / runs;
  }
  return out;
}

/**
 * Runs `from` … `from + o.runs − 1` of {@link spinCopyRuns}, each run's end: run r is the same whichever batch it is
 * measured in (its keys are folded with r alone), so a cell decided look by look asks for its runs batch by batch.
 */
export function spinCopyRunEnds(stream: (name: string) => Key, o: SpinCopyOptions, from = 0): SpinCopyRunEnd[] {
  const keys = { graph: stream("graph"), runs: stream("runs") };
  const { nodes, runs } = o;
  const pins = Math.round((o.adversaries ?? 0) * nodes);
  const noisy = o.adversary === "noisy";
  const held: Array<{ labels: Int32Array; pinned: Uint8Array; nodeZero: number }> = [];
  const inputs: CopyAndAcceptRun[] = [];
  for (let r = from; r < from + runs; r++) {
    const adjacency = wattsStrogatzAdjacency(nodes, 4, 0.1, uniformSource(fold(keys.graph, r)));
    const u = uniformSource(fold(keys.runs, r));
    const labels = Int32Array.from({ length: nodes }, () => (u() < 0.5 ? 0 : 1));
    const pinned = new Uint8Array(nodes);
    for (let placed = 0; placed < pins;) {
      const i = Math.floor(u() * nodes);
      if (!pinned[i]) {
        pinned[i] = 1;
        if (!noisy) labels[i] = 1; // a pinned adversary injects −1 and never updates
        placed++;
      }
    }
    held.push({ labels, pinned, nodeZero: labels[0]! });
    const schedule = o.schedule();
    // No pins passed where there are none: a pinned run never counts as absorbed, so it would sweep on to the horizon.
    const adversaries = pins > 0 ? pinned : undefined;
    inputs.push({
      adjacency,
      labels,
      schedule,
      ...(noisy ? { noisy: adversaries } : { pinned: adversaries }),
      limit: schedule.horizon ?? UPDATE_SWEEP_CAP,
      stop: schedule.horizon === undefined,
    });
  }
  // The runs side by side in the engine's lanes; run r's sweeps draw under copyKey(fold(stream("runs"), r)).
  const ends = copyAndAcceptRuns(
    inputs,
    { distances: SPIN_DISTANCES, K: 2, kernel: o.kernel },
    inputs.map((_, i) => copyKey(fold(keys.runs, from + i))),
  );
  return ends.map((result, i) => {
    const { labels, pinned, nodeZero } = held[i]!;
    let minus = 0,
      honestMinus = 0;
    for (let j = 0; j < nodes; j++) {
      minus += labels[j]!;
      if (!pinned[j]) honestMinus += labels[j]!;
    }
    const aligned = minus === 0 || minus === nodes;
    return {
      aligned,
      onNodeZero: aligned && labels[0] === nodeZero,
      frozenSplit: result.frozen && !aligned,
      honestSplit: result.frozen && honestMinus !== 0 && honestMinus !== nodes - pins,
      onAdversaries: honestMinus > (nodes - pins) / 2,
      captured: result.frozen && pins > 0 && !noisy && honestMinus === nodes - pins,
      frozenOnMinus: result.frozen && honestMinus === nodes - pins,
      sweeps: result.sweeps,
    };
  });
}
