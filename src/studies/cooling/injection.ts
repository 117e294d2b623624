/**
 * §3.3's script with its proposal rule as a parameter: node 0 takes the injected transaction (3.14159) by Metropolis
 * at T₀, then §3.3's loop sweeps the nodes in order, each proposing node 0's value (kernel "node0", §3.3's code) or a
 * uniformly drawn neighbour's (kernel "neighbour", the pull gossip) and taking it by Metropolis on
 * ½Σ_j‖s_i − s_j‖² at the schedule's temperature, until a sweep changes nothing or 1000 sweeps (`limit` in their place) (the library's one
 * implementation of that update, `copyAndAccept`). Every node starts on the old value 0 (reputation 1 everywhere,
 * so only the Merkle component differs), on watts_strogatz(N, 4, 0.1) drawn per run. The measurement of the copy
 * cells of p2.2-crystallisation, p2.2-diffusion-propagates and p2.2-diffusion-messages, and of notebook 06's copy
 * figures. Plain typed arrays, no tensors.
 *
 * A run decides on the injected value only when the injection survives node 0's own first update: node 0 is swept
 * first, and under kernel "neighbour" it draws a neighbour (all on the old value) and copies the old value back by a
 * downhill move, erasing the injection before any node sees it; the next sweep is quiet. Each run says whether it
 * did (`survived`), and the counts are kept among those runs too.
 *
 * `pinned` runs the pinned-injection repair's discrete form (sign-off N1): the anchor s(x₀ − v)² with s = deg₀ makes
 * step 1 downhill (ΔE = ½·deg₀·π² − deg₀·π² < 0, so node 0 takes v in every run), and node 0 then holds v: it is a
 * pinned node of {@link copyAndAccept}, skipped by every sweep, as the anchor holds it in the flow.
 */
import { metropolisAcceptsLazily } from "../../dynamics/acceptance";
import type { Schedule } from "../../dynamics/schedules";
import { fold, type Key, split, uniformSource } from "../../engine/random";
import { wattsStrogatzAdjacency } from "../../reference-port/smallworld";
import { copyAndAcceptRuns, copyKey, type ProposalKernel, UPDATE_SWEEP_CAP } from "../../spin/update-kernels";

/** §3.3's injected transaction, `input_signal = 3.14159`. */
export const SIGNAL = 3.14159;

/** ‖x_a − x_b‖² of the two Merkle values, old (label 0, value 0) and the signal (label 1), row-major. */
const DISTANCES = Float64Array.of(0, SIGNAL * SIGNAL, SIGNAL * SIGNAL, 0);

/** One run of {@link injectionRun}. */
export interface InjectionRun {
  nodes: number;
  /** Node 0 took the injected value (step 1 happened). */
  injected: boolean;
  /**
   * Node 0 still holds the injected value after its own first update (sweep 1, where it goes first): the run is a
   * decision on the injected value. Under kernel "neighbour" node 0 draws a neighbour, all of whom hold the old
   * value, and copies it back by a downhill move, so the injection is erased before any node can see it.
   */
  survived: boolean;
  /** Nodes holding the signal at the end. */
  holding: number;
  /** Every node holds one value at the end (the signal or the old one). */
  consensus: boolean;
  /** Sweeps of §3.3's loop. */
  sweeps: number;
  /** Σ_i degree(i) = 2E: the neighbour states one sweep reads for ΔE. */
  reads: number;
}

/**
 * One run of the script (module comment) with `kernel`, `nodes` nodes and `schedule` (its T(0) is the injection's
 * temperature); deterministic in `k`.
 *
 * @example
 * ```ts
 * const r = injectionRun("node0", 50, geometric({ initial: 100, rate: 0.95 }), key(0));
 * [r.injected, r.holding, r.consensus]; // → [false, 0, true]: node 0 refused the injection (about 1 run in 6 at T₀ = 100), so the network stays on the old value
 * ```
 */
export function injectionRun(
  kernel: ProposalKernel,
  nodes: number,
  schedule: Schedule,
  k: Key,
  o: { pinned?: boolean; stop?: boolean; limit?: number } = {},
): InjectionRun {
  return injectionBatch(kernel, nodes, [schedule], [k], o)[0]!;
}

/**
 * Runs of {@link injectionRun}, run r under `schedules[r]` and `keys[r]`, all at once: each sweep phase of every run
 * goes to the copy lanes in one call (a run's numbers are its key's and counter's alone, so each run is what it is
 * alone; one call of hundreds of runs fills the lanes and threads where one at a time used one lane).
 */
function injectionBatch(
  kernel: ProposalKernel,
  nodes: number,
  schedules: readonly Schedule[],
  keys: readonly Key[],
  o: { pinned?: boolean; stop?: boolean; limit?: number },
): InjectionRun[] {
  const stop = o.stop ?? true;
  const pinned = o.pinned ? Uint8Array.from({ length: nodes }, (_, i) => (i === 0 ? 1 : 0)) : undefined;
  const runs = keys.map((k, r) => {
    const [kGraph, kMoves] = split(k, 2) as [Key, Key];
    const adjacency = wattsStrogatzAdjacency(nodes, 4, 0.1, uniformSource(kGraph));
    const labels = new Int32Array(nodes);
    const degree0 = adjacency.rowPtr[1]! - adjacency.rowPtr[0]!;
    // Step 1, `update_state(node 0, signal)`: ΔE = ½·deg₀·π² against neighbours all on the old value; under the pin's
    // anchor (s = deg₀) ΔE = −½·deg₀·π², downhill: taken in every run.
    const schedule = schedules[r]!;
    if (o.pinned || metropolisAcceptsLazily(0.5 * degree0 * SIGNAL * SIGNAL, schedule.temperature(0), uniformSource(kMoves))) labels[0] = 1;
    return { adjacency, labels, schedule, injected: labels[0] === 1, sweepKey: copyKey(kMoves) };
  });
  const ledgers = { distances: DISTANCES, K: 2, kernel };
  // Sweep 1 alone, then the rest from sweep 2 (the same draws and temperatures as one call): node 0 updates once a
  // sweep, first, so its value after sweep 1 is its value after its first update.
  const first = copyAndAcceptRuns(
    runs.map((r) => ({ adjacency: r.adjacency, labels: r.labels, schedule: r.schedule, pinned, stop, limit: 1 })),
    ledgers,
    runs.map((r) => r.sweepKey),
  );
  const survived = runs.map((r) => r.injected && r.labels[0] === 1);
  const going = runs.flatMap((_, i) => (first[i]!.frozen ? [] : [i]));
  const rest = copyAndAcceptRuns(
    going.map((i) => {
      const { adjacency, labels, schedule } = runs[i]!;
      const later: Schedule = { name: schedule.name, temperature: (t) => schedule.temperature(t + 1) };
      return { adjacency, labels, schedule: later, pinned, stop, limit: (o.limit ?? UPDATE_SWEEP_CAP) - 1, from: 1 };
    }),
    ledgers,
    going.map((i) => runs[i]!.sweepKey),
  );
  const later = new Map(going.map((i, j) => [i, rest[j]!.sweeps]));
  return runs.map((r, i) => {
    let holding = 0;
    for (let q = 0; q < nodes; q++) holding += r.labels[q]!;
    return {
      nodes,
      injected: r.injected,
      survived: survived[i]!,
      holding,
      consensus: holding === 0 || holding === nodes,
      sweeps: first[i]!.sweeps + (later.get(i) ?? 0),
      reads: r.adjacency.rowPtr[nodes]!,
    };
  });
}

/** Counts over runs of {@link injectionRuns}. */
export interface InjectionRuns {
  runs: number;
  /** Runs where node 0 took the signal. */
  injected: number;
  /** Runs where node 0 still held it after its first update (the runs that decide on the injected value). */
  survived: number;
  /** Runs ending in consensus, among those whose injection survived. */
  consensusSurvived: number;
  /** Runs ending with every node on one value. */
  consensus: number;
  /** Runs ending with every node on the signal. */
  all: number;
  /** Runs ending with every node on the signal, among those where node 0 took it. */
  allInjected: number;
  /** Runs ending with every node on the signal, among those whose injection survived. */
  allSurvived: number;
  /** Most sweeps in any run. */
  maxSweeps: number;
}

/**
 * `runs` runs of {@link injectionRun} (run r from fold(k, r), a new `schedule()` each; node 0 pinned with `pinned`).
 * With `floor`, further blocks of `runs` (runs r = runs, runs + 1, …) are drawn while fewer than `floor` runs kept the
 * injection past node 0's first update, until `most` runs in all or a block in which none kept it: the stop reads the
 * survivors, never an outcome. The counts' `runs` is the number drawn.
 */
export function injectionRuns(
  kernel: ProposalKernel,
  o: {
    nodes: number;
    runs: number;
    schedule: () => Schedule;
    pinned?: boolean;
    stop?: boolean;
    limit?: number;
    floor?: number;
    most?: number;
  },
  k: Key,
): InjectionRuns {
  const out: InjectionRuns = {
    runs: o.runs,
    injected: 0,
    survived: 0,
    consensusSurvived: 0,
    consensus: 0,
    all: 0,
    allInjected: 0,
    allSurvived: 0,
    maxSweeps: 0,
  };
  const most = Math.max(o.runs, o.most ?? o.runs);
  let r = 0;
  // Block by block, each block's runs at once: the stop at a block's end reads the survivors, never an outcome.
  while (r < most) {
    const blockStart = out.survived;
    const indices = Array.from({ length: Math.min(o.runs, most - r) }, (_, i) => r + i);
    const block = injectionBatch(
      kernel,
      o.nodes,
      indices.map(() => o.schedule()),
      indices.map((i) => fold(k, i)),
      { pinned: o.pinned, stop: o.stop, limit: o.limit },
    );
    for (const run of block) {
      const all = run.holding === o.nodes;
      if (run.injected) out.injected++;
      if (run.consensus) out.consensus++;
      if (all) out.all++;
      if (all && run.injected) out.allInjected++;
      if (run.survived) {
        out.survived++;
        if (run.consensus) out.consensusSurvived++;
        if (all) out.allSurvived++;
      }
      out.maxSweeps = Math.max(out.maxSweeps, run.sweeps);
    }
    r += block.length;
    // Stop at the floor, or when the block kept no injection (more runs would keep none either).
    if (out.survived >= (o.floor ?? 0) || out.survived === blockStart) break;
  }
  out.runs = r;
  return out;
}

/**
 * Runs tried per size for one that decides on the injected value (its injection survives node 0's first update and
 * every node ends on it): node 0 takes the signal with probability e^(−½·deg₀·π²/100) ≥ 0.64 for any degree up to
 * 9, so ten attempts all fail with probability below 4·10⁻⁵ unless the update itself erases the injection.
 */
export const DECISION_ATTEMPTS = 10;

/** What {@link copyMessagesBySize} counts, per size. */
export interface CopyMessages {
  sizes: number[];
  /** Messages of the deciding run (of the last run tried where none decided). */
  messages: number[];
  sweeps: number[];
  /** Runs tried until one decided ({@link DECISION_ATTEMPTS} where none did). */
  attempts: number[];
  /** A run ended with every node on the injected value: the messages are those of a decision on it. */
  decided: boolean[];
}

/**
 * Messages of one decision on the injected value by the script at each size: the first of up to
 * {@link DECISION_ATTEMPTS} runs (attempt a from `fold(keyOf(n), a)`) that ends with every node on the injected value
 * (a run where node 0 rejects the signal, or erases it in its first update, decides nothing about it; under kernel
 * node0 every run whose injection survives node 0's first update ends so; where no run does, the last one's count is
 * kept with `decided` false). Per sweep every node reads one proposed value (node 0's
 * or a neighbour's: N messages) and its neighbours' states for ΔE (2E), so sweeps × (N + 2E). Node 0's value is
 * read directly, a lower bound on any real delivery.
 *
 * @example
 * ```ts
 * const T = () => geometric({ initial: 100, rate: 0.95 });
 * copyMessagesBySize("node0", [10, 100], T, (n) => fold(key(1), n)).decided; // → [true, true]
 * copyMessagesBySize("neighbour", [10, 100], T, (n) => fold(key(1), n)).decided; // → [false, false]: node 0 copies the old value back
 * ```
 */
export function copyMessagesBySize(
  kernel: ProposalKernel,
  sizes: readonly number[],
  schedule: () => Schedule,
  keyOf: (n: number) => Key,
): CopyMessages {
  const out: CopyMessages = { sizes: [...sizes], messages: [], sweeps: [], attempts: [], decided: [] };
  for (const n of sizes) {
    const delivered = (r: InjectionRun) => r.holding === n;
    let r = injectionRun(kernel, n, schedule(), fold(keyOf(n), 0));
    let a = 1;
    while (!delivered(r) && a < DECISION_ATTEMPTS) r = injectionRun(kernel, n, schedule(), fold(keyOf(n), a++));
    out.messages.push(r.sweeps * (n + r.reads));
    out.sweeps.push(r.sweeps);
    out.attempts.push(a);
    out.decided.push(delivered(r));
  }
  return out;
}
