/**
 * The essay's claims as experiments on the ambient model (src/studies/ambient/simulate.ts). Each function runs a seeded
 * design and returns the measured numbers; the verdicts live in src/claims/essay*.ts. Defaults: a Watts–Strogatz
 * network (k = 6, p = 0.1), γ = 0.1, κ = 1, b = 1, h = 0.05. The network is the one fixed ws:N:6:0.1 of key(1)
 * unless `network` draws another (the claims draw one per replicate from their "graph" stream).
 */
import { type Proportion, wilson } from "../../stats/binomial";
import { checkKey, type Key, fold } from "../../engine/random";
import { check } from "../../errors";
import { displacementCurve, type FinalityCurve } from "./finality";
import { type AdversaryOptions, type AmbientOptions, simulateAmbient } from "./simulate";
import {
  ADVERSARY_DESIGN,
  constants,
  designOf,
  displacedRuns,
  type ModelConstants,
  type NetworkOf,
  networkSize,
  networkTrace,
  type OverNetworks,
  withNetworks,
} from "./networks";

/**
 * The finality experiment: A injected at 8 nodes of the network of `nodes` (64), one adversary identity (ω = 0.5,
 * 3 targets), T = `temperature` (0.5), γ = `decay` (0.1).
 *
 * @example
 * ```ts
 * // The claims use 600 runs over 40 time units; a small design for a quick look:
 * const curve = finalityExperiment(key(2026), { runs: 8, duration: 6, horizon: 2 });
 * curve.ages.length; // → 9 (ages 0, 0.5, …, 4)
 * curve.held.at(-1); // → 0.5 (4 of the 8 runs hold the value at age 4, and it is not displaced within H = 2)
 * ```
 */
export function finalityExperiment(key: Key, options: FinalityOptions = {}): FinalityCurve {
  return finalityOverNetworks(key, { ...options, networks: 1 })[0]!;
}

/** The finality experiment's design: see {@link finalityExperiment}; `runs` per network. */
export type FinalityOptions = {
  nodes?: number;
  runs?: number;
  duration?: number;
  horizon?: number;
  temperature?: number;
  decay?: number;
  network?: NetworkOf;
} & ModelConstants;

/**
 * {@link finalityExperiment} on `networks` networks at once (network c from `network(n, c)`, `runs` runs on each,
 * simulated as one disjoint union): the curve of each network, in order. One network is finalityExperiment itself.
 *
 * @example
 * ```ts
 * const curves = finalityOverNetworks(key(2026), { networks: 3, runs: 4, duration: 6, horizon: 2, network: (n, c) => ambientGraph(n, key(40 + (c ?? 0))) });
 * curves.map((c) => c.ages.length); // → [9, 9, 9]
 * ```
 */
export function finalityOverNetworks(key: Key, options: OverNetworks<FinalityOptions> = {}): FinalityCurve[] {
  checkKey("emtd/ambient/experiments", "key", key);
  const networks = options.networks ?? 1;
  return withNetworks(networkSize("finalityExperiment", options.nodes, 64), options.network, networks, (graph) => {
    const trace = simulateAmbient(
      {
        graph,
        networks,
        runs: options.runs ?? 600,
        ...designOf(options, { duration: 40, temperature: 0.5, decay: 0.1 }),
        injections: [{ nodes: [0, 1, 2, 3, 4, 5, 6, 7], value: 1 }],
        adversary: { identities: 1, weightEach: 0.5, targets: 3 },
      },
      key,
    );
    return Array.from({ length: networks }, (_, c) => displacementCurve(networkTrace(trace, c, networks), options.horizon ?? 10));
  });
}

export interface ScalePoint {
  n: number;
  identities: number;
  displaced: Proportion;
  /** The fraction of honest nodes still holding A at the end: the mean over runs and its standard error. */
  heldAtEnd: { value: number; se: number };
  /**
   * The fraction of honest nodes holding A averaged over the run's records (1 at the start): how far and how fast
   * the attacker pushes it down. The mean over runs and its standard error.
   */
  heldOverTime: { value: number; se: number };
}

/**
 * Resilience against N: the network starts holding A; an adversary pushes B for `duration`; the fraction of runs
 * in which A is displaced. `mode: "fraction"`: round(N·`share`) identities (`share` = 1/16: a fixed fraction of the
 * participants); `mode: "budget"`: one identity whatever N (a fixed budget). Each identity has weight `weightEach`
 * (½) on 3 targets; T = `temperature` (0.5). `runs` may depend on N (a function). Runs on the ambient model's
 * ambient step ({@link simulateAmbient}: typed arrays, no worker threads), so N = 10⁵ runs in seconds.
 *
 * @example
 * ```ts
 * const rows = scaleExperiment("budget", key(11), { sizes: [16, 32], runs: 4, duration: 2 });
 * rows.map((r) => [r.n, r.identities, r.displaced.k]); // → [[16, 1, 4], [32, 1, 0]] (of 4 runs each)
 * ```
 */
export function scaleExperiment(
  mode: "fraction" | "budget",
  key: Key,
  options: {
    sizes?: number[];
    runs?: number | ((n: number) => number);
    duration?: number;
    temperature?: number;
    /** γ, the decay toward neutral (default 0.1, the ambient model's). */
    decay?: number;
    weightEach?: number;
    share?: number;
    network?: NetworkOf;
    /** Runs per network: the runs drawn in blocks of this many, each on its own network. Default: all on one. */
    runsPerNetwork?: number;
  } & ModelConstants = {},
): ScalePoint[] {
  checkKey("emtd/ambient/experiments", "key", key);
  const where = "emtd/ambient/scaleExperiment";
  const sizes = options.sizes ?? [16, 32, 64, 128];
  const share = check.positive(where, "share", options.share ?? 1 / 16);
  const weightEach = check.nonNegative(where, "weightEach", options.weightEach ?? 0.5);
  const perNetwork = options.runsPerNetwork === undefined ? undefined : check.integer(where, "runsPerNetwork", options.runsPerNetwork, 1);
  return sizes.map((n, i) => {
    const adversary: AdversaryOptions =
      mode === "fraction"
        ? { identities: Math.max(1, Math.round(n * share)), weightEach, targets: 3 }
        : { identities: 1, weightEach, targets: 3 };
    const runs = check.integer(where, "runs", typeof options.runs === "function" ? options.runs(n) : (options.runs ?? 60), 1);
    // Runs in blocks of `runsPerNetwork`, each block on its own network (block b from fold(fold(key, i), b)); all runs
    // on one network, from fold(key, i), when it is not given.
    const m = perNetwork ?? runs;
    const blocks = Math.ceil(runs / m);
    let displaced = 0;
    const held: number[] = [];
    const average: number[] = [];
    for (let b = 0; b < blocks; b++) {
      withNetworks(n, options.network ? (size) => options.network!(size, b) : undefined, 1, (graph) => {
        // The SIMD ambient step (typed arrays, no worker threads): one batch of the block's runs.
        const trace = simulateAmbient(
          {
            graph,
            runs: Math.min(m, runs - b * m),
            ...designOf(options, ADVERSARY_DESIGN),
            adversary,
            substeps: "auto", // N/16 identities pile their pull on some nodes: stiff
          },
          perNetwork === undefined ? fold(key, i) : fold(fold(key, i), b),
        );
        displaced += displacedRuns(trace).k;
        const records = trace.times.length;
        for (let r = 0; r < trace.runs; r++) {
          held.push(trace.holdA[(records - 1) * trace.runs + r]!);
          let sum = 0;
          for (let k = 0; k < records; k++) sum += trace.holdA[k * trace.runs + r]!;
          average.push(sum / records);
        }
      });
    }
    return {
      n,
      identities: adversary.identities,
      displaced: wilson(displaced, runs),
      heldAtEnd: meanAndSe(held),
      heldOverTime: meanAndSe(average),
    };
  });
}

/** Mean of a list and its standard error (n − 1 in the variance). */
function meanAndSe(xs: readonly number[]): { value: number; se: number } {
  const m = xs.reduce((a, x) => a + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(xs.length - 1, 1));
  return { value: m, se: sd / Math.sqrt(xs.length) };
}

export interface SybilPoint {
  identities: number;
  /** Weight of each identity. */
  weightEach: number;
  displaced: Proportion;
}

/**
 * One attacker splits into s identities, each attached to 3 honest nodes: with a fixed participation budget B = ½
 * (ω = B/s each: presence costs), or free (ω = ½ each). N = `nodes` (64), network starts holding A, T =
 * `temperature` (0.5).
 *
 * @example
 * ```ts
 * const rows = sybilExperiment("budget", key(13), { identities: [1, 4], runs: 4, duration: 2 });
 * rows.map((r) => [r.identities, r.weightEach, r.displaced.k]); // → [[1, 0.5, 0], [4, 0.125, 0]]
 * ```
 */
export function sybilExperiment(mode: "budget" | "free", key: Key, options: SybilOptions = {}): SybilPoint[] {
  return sybilOverNetworks(mode, key, { ...options, networks: 1 })[0]!;
}

/** The Sybil experiment's design: see {@link sybilExperiment}; `runs` per network. */
export type SybilOptions = {
  identities?: number[];
  runs?: number;
  duration?: number;
  nodes?: number;
  temperature?: number;
  /** γ, the decay toward neutral (default 0.1, the ambient model's). */
  decay?: number;
  network?: NetworkOf;
} & ModelConstants;

/**
 * {@link sybilExperiment} on `networks` networks at once (`runs` on each, one disjoint union per identity count; the
 * attacker's targets drawn in each network): each network's points, in order.
 */
export function sybilOverNetworks(mode: "budget" | "free", key: Key, options: OverNetworks<SybilOptions> = {}): SybilPoint[][] {
  checkKey("emtd/ambient/experiments", "key", key);
  const networks = options.networks ?? 1;
  const counts = options.identities ?? [1, 2, 4, 8, 16];
  const perCount = withNetworks(networkSize("sybilExperiment", options.nodes, 64), options.network, networks, (graph) =>
    counts.map((s, i) => {
      const adversary: AdversaryOptions =
        mode === "budget" ? { identities: s, budget: 0.5, targets: 3 } : { identities: s, weightEach: 0.5, targets: 3 };
      const trace = simulateAmbient(
        {
          graph,
          networks,
          runs: options.runs ?? 60,
          ...designOf(options, ADVERSARY_DESIGN),
          adversary,
        },
        fold(key, i),
      );
      return Array.from({ length: networks }, (_, c) => ({
        identities: s,
        weightEach: mode === "budget" ? 0.5 / s : 0.5,
        displaced: displacedRuns(networkTrace(trace, c, networks)),
      }));
    }),
  );
  return Array.from({ length: networks }, (_, c) => perCount.map((points) => points[c]!));
}

export interface PersistenceCell {
  decay: number;
  participation: number;
  /** Mean time until the network stops holding A, censored at `duration` (runs never displaced count `duration`). */
  persistence: number;
  /** Fraction of runs still holding A at the end. */
  persisting: Proportion;
  /** The deterministic boundary of the uniform field: a held value exists iff w·b > γ. */
  aboveCritical: boolean;
}

/**
 * Persistence time of a value held by every node, on a grid of decay γ and uniform participation w (N = `nodes`
 * (32), T = `temperature` (0.1), b = 1).
 *
 * @example
 * ```ts
 * const cells = persistenceDiagram(key(17), { decays: [0.05, 0.8], participations: [0.3], runs: 4, duration: 2 });
 * cells.map((c) => [c.decay, c.persistence, c.aboveCritical]); // → [[0.05, 2, true], [0.8, 1.25, false]]
 * ```
 */
export function persistenceDiagram(key: Key, options: PersistenceOptions = {}): PersistenceCell[] {
  return persistenceOverNetworks(key, { ...options, networks: 1 })[0]!;
}

/** The persistence diagram's design: see {@link persistenceDiagram}; `runs` per network. */
export type PersistenceOptions = {
  decays?: number[];
  participations?: number[];
  runs?: number;
  duration?: number;
  nodes?: number;
  temperature?: number;
  network?: NetworkOf;
} & ModelConstants;

/** {@link persistenceDiagram} on `networks` networks at once (`runs` on each, one disjoint union per cell): each network's cells. */
export function persistenceOverNetworks(key: Key, options: OverNetworks<PersistenceOptions> = {}): PersistenceCell[][] {
  checkKey("emtd/ambient/experiments", "key", key);
  const networks = options.networks ?? 1;
  const decays = options.decays ?? [0.05, 0.2, 0.4, 0.8];
  const participations = options.participations ?? [0.1, 0.3, 0.6, 1];
  const duration = options.duration ?? 20;
  const cells: PersistenceCell[][] = Array.from({ length: networks }, () => []);
  withNetworks(networkSize("persistenceDiagram", options.nodes, 32), options.network, networks, (graph) => {
    decays.forEach((gamma, a) =>
      participations.forEach((w, b) => {
        const all = simulateAmbient(
          {
            graph,
            networks,
            runs: options.runs ?? 32,
            duration,
            ...constants(options),
            decay: gamma,
            temperature: options.temperature ?? 0.1,
            participation: new Float32Array(graph.n / networks).fill(w),
            recordEvery: 0.5,
          },
          fold(fold(key, a), b),
        );
        for (let c = 0; c < networks; c++) {
          const trace = networkTrace(all, c, networks);
          let total = 0;
          let persisting = 0;
          for (let r = 0; r < trace.runs; r++) {
            let lost = duration;
            for (let k = 0; k < trace.times.length; k++) {
              if (trace.holdA[k * trace.runs + r]! <= 0.5) {
                lost = trace.times[k]!;
                break;
              }
            }
            total += lost;
            if (lost === duration && trace.holdA[(trace.times.length - 1) * trace.runs + r]! > 0.5) persisting++;
          }
          cells[c]!.push({
            decay: gamma,
            participation: w,
            persistence: total / trace.runs,
            persisting: wilson(persisting, trace.runs),
            aboveCritical: w > gamma,
          });
        }
      }),
    );
  });
  return cells;
}

/** The same simulation options as a helper for notebooks that vary one thing. */
export type { AmbientOptions };
