/**
 * The essay's claims as experiments on the ambient model (src/studies/ambient/simulate.ts). Each function runs a seeded
 * design and returns the measured numbers; the verdicts live in src/claims/essay*.ts. Defaults: a Watts–Strogatz
 * network (k = 6, p = 0.1), γ = 0.1, κ = 1, b = 1, h = 0.05. The network is the one fixed ws:N:6:0.1 of key(1)
 * unless `network` draws another (the claims draw one per replicate from their "graph" stream).
 */
import { type Proportion, wilson } from "../../stats/binomial";
import { checkKey, type Key, fold, key as makeKey } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { graphFromSpec } from "../../graph/spec";
import type { Graph } from "../../graph/graph";
import { releaseGraph } from "../../ops/tensors";
import { displacementCurve, type FinalityCurve } from "./finality";
import { type AdversaryOptions, type AmbientOptions, type AmbientTrace, simulateAmbient } from "./simulate";
import { simulateAmbientFast } from "./fast";

/**
 * The ambient network ws:N:k:0.1 (Watts–Strogatz, degree k = `degree` (6; the family refuses an odd k or one ≥ N),
 * p = 0.1) drawn from `key`. The experiments below run on ambientGraph(N, key(1)) unless given a network: one fixed
 * network, so that their keys vary the dynamics only.
 *
 * @example
 * ```ts
 * const graph = ambientGraph(32, key(1));
 * [graph.label, graph.n, graph.edgeCount]; // → ["ws:32:6:0.1", 32, 96]
 * releaseGraph(graph);
 * ```
 */
export function ambientGraph(n: number, key: Key, degree = 6) {
  checkKey("emtd/ambient/experiments", "key", key);
  return graphFromSpec(`ws:${n}:${degree}:0.1`, key);
}

/**
 * The model's coupling κ (default 1) and its explicit step dt (default 0.05), as every experiment below takes them:
 * a stronger coupling stiffens the dynamics (h·λ_max grows with κ), so a caller that raises κ shortens dt with it.
 */
export interface ModelConstants {
  coupling?: number;
  dt?: number;
}

/** {@link ModelConstants} with their defaults, spread into a simulation's options. */
const constants = (o: ModelConstants): { coupling: number; dt: number } => ({ coupling: o.coupling ?? 1, dt: o.dt ?? 0.05 });

/** The fixed network of the experiments when no `network` is given (see {@link ambientGraph}). */
const EXPERIMENT_NETWORK = makeKey(1);

/**
 * How an experiment draws its network of n nodes; the experiment releases the graph when it is done. Default: the
 * fixed network ambientGraph(n, key(1)). A claim passes `(n) => ambientGraph(n, graphKey)` so that every replicate
 * runs on its own random network.
 */
export type NetworkOf = (n: number) => Graph;

/**
 * Runs r in which the network stopped holding A (≤ half of the honest nodes with ψ > ½) at some record.
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 4); // every node starts holding A
 * const adversary = { identities: 2, weightEach: 2, targets: 4 }; // a strong adversary pushing B
 * const trace = simulateAmbient({ graph, runs: 8, duration: 5, temperature: 0.5, adversary }, key(2));
 * const p = displacedRuns(trace);
 * [p.k, p.n, p.lower]; // → [8, 8, 0.6756] (Wilson 95 % lower bound)
 * releaseGraph(graph);
 * ```
 */
export function displacedRuns(trace: AmbientTrace): Proportion {
  let displaced = 0;
  for (let r = 0; r < trace.runs; r++) {
    for (let k = 0; k < trace.times.length; k++) {
      if (trace.holdA[k * trace.runs + r]! <= 0.5) {
        displaced++;
        break;
      }
    }
  }
  return wilson(displaced, trace.runs);
}

/** The smallest network an experiment accepts: the finality experiment injects A at 8 of its nodes. */
const MIN_NODES = 16;

/** `nodes` checked: an integer ≥ {@link MIN_NODES}, or `fallback` (the claims' size) when not given. */
function networkSize(where: string, nodes: number | undefined, fallback: number): number {
  return check.integer(`emtd/ambient/${where}`, "nodes", nodes ?? fallback, MIN_NODES);
}

function withGraph<T>(n: number, network: NetworkOf | undefined, body: (graph: Graph) => T): T {
  const graph = network ? network(n) : ambientGraph(n, EXPERIMENT_NETWORK);
  try {
    return body(graph);
  } finally {
    releaseGraph(graph);
  }
}

/**
 * The finality experiment: A injected at 8 nodes of the network of `nodes` (64), one adversary identity (ω = 0.5,
 * 3 targets), T = `temperature` (0.5), γ = `decay` (0.1).
 *
 * @example
 * ```ts
 * // The claims use 600 runs over 40 time units; a small design for a quick look:
 * const curve = finalityExperiment(key(2026), { runs: 8, duration: 6, horizon: 2 });
 * curve.ages.length; // → 9 (ages 0, 0.5, …, 4)
 * curve.held.at(-1); // → 0.75 (6 of 8 runs hold A at age 4; none displaced within H = 2)
 * ```
 */
export function finalityExperiment(
  key: Key,
  options: {
    nodes?: number;
    runs?: number;
    duration?: number;
    horizon?: number;
    temperature?: number;
    decay?: number;
    network?: NetworkOf;
  } & ModelConstants = {},
): FinalityCurve {
  checkKey("emtd/ambient/experiments", "key", key);
  return withGraph(networkSize("finalityExperiment", options.nodes, 64), options.network, (graph) =>
    displacementCurve(
      simulateAmbient(
        {
          graph,
          runs: options.runs ?? 600,
          duration: options.duration ?? 40,
          temperature: options.temperature ?? 0.5,
          ...constants(options),
          decay: options.decay ?? 0.1,
          injections: [{ nodes: [0, 1, 2, 3, 4, 5, 6, 7], value: 1 }],
          adversary: { identities: 1, weightEach: 0.5, targets: 3 },
          recordEvery: 0.5,
        },
        key,
      ),
      options.horizon ?? 10,
    ),
  );
}

export interface DetachmentResult {
  times: number[];
  /** Mean over runs of the detached node's value, and of its influence weight. */
  nodeValue: number[];
  nodeWeight: number[];
  /** Fraction of runs in which the detached node holds A (ψ > ½) just before it detaches / at the end. */
  holdsBefore: Proportion;
  holdsAfter: Proportion;
  /** The detached node's value just before it detaches / at the end: the mean over runs and its standard error. */
  valueBefore: { value: number; se: number };
  valueAfter: { value: number; se: number };
  /** Fraction of runs in which the rest of the network still holds A at the end. */
  networkHolds: Proportion;
  /** Fitted decay rate of the node's mean value once its weight has faded (log-linear least squares). */
  measuredRate: number;
  decay: number;
  detachAt: number;
}

/**
 * Node 0 of a network holding A stops participating at `detachAt` (5; its activity drops to 0; its weight fades at
 * rate `fade` = 2) and is observed until `duration` (45). Noise T = `temperature` (default 0.01, low, so that the
 * node's own relaxation is visible). A network of `nodes` (64).
 *
 * @example
 * ```ts
 * const r = detachmentExperiment(key(7), { runs: 1 }); // the claims use 100 runs
 * r.times.length; // → 91 (a record every 0.5 over 45 time units)
 * [r.holdsBefore.k, r.networkHolds.k]; // → [1, 1]
 * r.measuredRate.toFixed(3); // → "0.059" (the node's value relaxes at about γ = 0.1 once detached; one run is noisy)
 * ```
 */
export function detachmentExperiment(
  key: Key,
  options: {
    decay?: number;
    runs?: number;
    nodes?: number;
    temperature?: number;
    duration?: number;
    network?: NetworkOf;
  } & ModelConstants = {},
): DetachmentResult {
  checkKey("emtd/ambient/experiments", "key", key);
  const where = "emtd/ambient/detachmentExperiment";
  const decayRate = check.nonNegative(where, "decay", options.decay ?? 0.1);
  const nodes = networkSize("detachmentExperiment", options.nodes, 64);
  const detachAt = 5;
  const duration = check.positive(where, "duration", options.duration ?? 45);
  if (!(duration >= detachAt + 5))
    throw new ArgumentError(where, "duration", `at least ${detachAt + 5} (detaching at ${detachAt})`, duration);
  const fade = 2;
  return withGraph(nodes, options.network, (graph) => {
    const trace = simulateAmbient(
      {
        graph,
        runs: options.runs ?? 100,
        duration,
        ...constants(options),
        decay: decayRate,
        temperature: check.nonNegative(where, "temperature", options.temperature ?? 0.01),
        fade,
        participation: (t) => Float32Array.from({ length: graph.n }, (_, i) => (i === 0 && t >= detachAt ? 0 : 1)),
        excludeFromObservables: [0],
        watch: [0],
        recordEvery: 0.5,
      },
      key,
    );
    const runs = trace.runs;
    const times = Array.from(trace.times);
    const values = trace.watched[0]!;
    const nodeValue = times.map((_, k) => {
      let s = 0;
      for (let r = 0; r < runs; r++) s += values[k * runs + r]!;
      return s / runs;
    });
    const holdsAt = (k: number) => {
      let c = 0;
      for (let r = 0; r < runs; r++) if (values[k * runs + r]! > 0.5) c++;
      return wilson(c, runs);
    };
    const spread = (k: number) => {
      let s = 0;
      for (let r = 0; r < runs; r++) s += (values[k * runs + r]! - nodeValue[k]!) ** 2;
      return Math.sqrt(s / Math.max(runs - 1, 1) / runs);
    };
    const before = times.findIndex((t) => t >= detachAt) - 1;
    const last = times.length - 1;
    let networkHolds = 0;
    for (let r = 0; r < runs; r++) if (trace.holdA[last * runs + r]! > 0.5) networkHolds++;
    // Fit log v(t) = c − rate·t over t ∈ [detachAt + 5/fade, end], where the weight is below e^{−5}.
    const xs: number[] = [];
    const ys: number[] = [];
    times.forEach((t, k) => {
      if (t >= detachAt + 5 / fade && nodeValue[k]! > 0.1) {
        xs.push(t);
        ys.push(Math.log(nodeValue[k]!));
      }
    });
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    return {
      times,
      nodeValue,
      nodeWeight: Array.from(trace.watchedWeight[0]!),
      holdsBefore: holdsAt(before),
      holdsAfter: holdsAt(last),
      valueBefore: { value: nodeValue[before]!, se: spread(before) },
      valueAfter: { value: nodeValue[last]!, se: spread(last) },
      networkHolds: wilson(networkHolds, runs),
      measuredRate: -slope,
      decay: decayRate,
      detachAt,
    };
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
 * structured fast path ({@link simulateAmbientFast}: typed arrays, no worker threads), so N = 10⁵ runs in seconds.
 *
 * @example
 * ```ts
 * const rows = scaleExperiment("budget", key(11), { sizes: [16, 32], runs: 4, duration: 2 });
 * rows.map((r) => [r.n, r.identities, r.displaced.k]); // → [[16, 1, 2], [32, 1, 0]] (of 4 runs each)
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
  } & ModelConstants = {},
): ScalePoint[] {
  checkKey("emtd/ambient/experiments", "key", key);
  const where = "emtd/ambient/scaleExperiment";
  const sizes = options.sizes ?? [16, 32, 64, 128];
  const share = check.positive(where, "share", options.share ?? 1 / 16);
  const weightEach = check.nonNegative(where, "weightEach", options.weightEach ?? 0.5);
  return sizes.map((n, i) =>
    withGraph(n, options.network, (graph) => {
      const adversary: AdversaryOptions =
        mode === "fraction"
          ? { identities: Math.max(1, Math.round(n * share)), weightEach, targets: 3 }
          : { identities: 1, weightEach, targets: 3 };
      const runs = check.integer(where, "runs", typeof options.runs === "function" ? options.runs(n) : (options.runs ?? 60), 1);
      // The structured fast path (typed arrays, no worker threads): one batch of every run, from fold(key, i).
      const trace = simulateAmbientFast(
        {
          graph,
          runs,
          duration: options.duration ?? 20,
          temperature: options.temperature ?? 0.5,
          ...constants(options),
          decay: options.decay ?? 0.1,
          adversary,
          recordEvery: 0.5,
        },
        fold(key, i),
      );
      const displaced = displacedRuns(trace).k;
      const held: number[] = [];
      const average: number[] = [];
      const records = trace.times.length;
      for (let r = 0; r < trace.runs; r++) {
        held.push(trace.holdA[(records - 1) * trace.runs + r]!);
        let sum = 0;
        for (let k = 0; k < records; k++) sum += trace.holdA[k * trace.runs + r]!;
        average.push(sum / records);
      }
      return {
        n,
        identities: adversary.identities,
        displaced: wilson(displaced, runs),
        heldAtEnd: meanAndSe(held),
        heldOverTime: meanAndSe(average),
      };
    }),
  );
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
export function sybilExperiment(
  mode: "budget" | "free",
  key: Key,
  options: {
    identities?: number[];
    runs?: number;
    duration?: number;
    nodes?: number;
    temperature?: number;
    /** γ, the decay toward neutral (default 0.1, the ambient model's). */
    decay?: number;
    network?: NetworkOf;
  } & ModelConstants = {},
): SybilPoint[] {
  checkKey("emtd/ambient/experiments", "key", key);
  const counts = options.identities ?? [1, 2, 4, 8, 16];
  return withGraph(networkSize("sybilExperiment", options.nodes, 64), options.network, (graph) =>
    counts.map((s, i) => {
      const adversary: AdversaryOptions =
        mode === "budget" ? { identities: s, budget: 0.5, targets: 3 } : { identities: s, weightEach: 0.5, targets: 3 };
      const trace = simulateAmbient(
        {
          graph,
          runs: options.runs ?? 60,
          duration: options.duration ?? 20,
          temperature: options.temperature ?? 0.5,
          ...constants(options),
          decay: options.decay ?? 0.1,
          adversary,
          recordEvery: 0.5,
        },
        fold(key, i),
      );
      return { identities: s, weightEach: mode === "budget" ? 0.5 / s : 0.5, displaced: displacedRuns(trace) };
    }),
  );
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
 * cells.map((c) => [c.decay, c.persistence, c.aboveCritical]); // → [[0.05, 2, true], [0.8, 1, false]]
 * ```
 */
export function persistenceDiagram(
  key: Key,
  options: {
    decays?: number[];
    participations?: number[];
    runs?: number;
    duration?: number;
    nodes?: number;
    temperature?: number;
    network?: NetworkOf;
  } & ModelConstants = {},
): PersistenceCell[] {
  checkKey("emtd/ambient/experiments", "key", key);
  const decays = options.decays ?? [0.05, 0.2, 0.4, 0.8];
  const participations = options.participations ?? [0.1, 0.3, 0.6, 1];
  const duration = options.duration ?? 20;
  const cells: PersistenceCell[] = [];
  withGraph(networkSize("persistenceDiagram", options.nodes, 32), options.network, (graph) => {
    decays.forEach((gamma, a) =>
      participations.forEach((w, b) => {
        const trace = simulateAmbient(
          {
            graph,
            runs: options.runs ?? 32,
            duration,
            ...constants(options),
            decay: gamma,
            temperature: options.temperature ?? 0.1,
            participation: new Float32Array(graph.n).fill(w),
            recordEvery: 0.5,
          },
          fold(fold(key, a), b),
        );
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
        cells.push({
          decay: gamma,
          participation: w,
          persistence: total / trace.runs,
          persisting: wilson(persisting, trace.runs),
          aboveCritical: w > gamma,
        });
      }),
    );
  });
  return cells;
}

export interface DoubleSpendResult {
  runs: number;
  /**
   * Outcomes at the horizon: one value replaced the other (it is held by more than half of the nodes and the other
   * by fewer than one in twenty, `replaced`), or split.
   */
  aWins: Proportion;
  bWins: Proportion;
  split: Proportion;
  /** Time until one value replaced the other (runs that resolved), mean and standard error. */
  resolutionTime: number;
  resolutionTimeSe: number;
  /** Per run: the final mean value (for a histogram). */
  finalMean: number[];
}

/**
 * Has one value replaced the other? It is held (ψ beyond ±½) by more than half of the nodes and the other by fewer
 * than one in twenty. Not "held by ≥ 90 %": at T = 0.5 thermal noise alone keeps about one node in nine of a settled
 * field inside (−½, ½), so an agreement threshold of 90 % counts noise as a split (146 of 300 runs at T = 0.5):
 * replaced(0.88, 0) is true (the 12 % in between are noise), replaced(0.6, 0.3) false (both values still held).
 */
function replaced(winner: number, loser: number): boolean {
  return winner > 0.5 && loser < 0.05;
}

/**
 * Two conflicting transactions: A (+1) injected at node `a` (0), B (−1) at node `b` (the middle one, ⌊N/2⌋), every
 * other node neutral, no adversary. The dynamics alone decide; a run is resolved when one value has replaced the
 * other (`replaced`). N = `nodes` (64), T = `temperature` (0.05), γ = `decay` (0.1).
 *
 * @example
 * ```ts
 * const r = doubleSpendExperiment(key(19), { runs: 4, duration: 2 }); // the claims use 200 runs over 30 time units
 * [r.aWins.k + r.bWins.k + r.split.k, r.runs]; // → [4, 4] (every run is resolved one way or the other, or split)
 * ```
 */
export function doubleSpendExperiment(
  key: Key,
  options: {
    a?: number;
    b?: number;
    runs?: number;
    duration?: number;
    nodes?: number;
    temperature?: number;
    decay?: number;
    network?: NetworkOf;
  } & ModelConstants = {},
): DoubleSpendResult {
  checkKey("emtd/ambient/experiments", "key", key);
  const nodes = networkSize("doubleSpendExperiment", options.nodes, 64);
  return withGraph(nodes, options.network, (graph) => {
    const trace = simulateAmbient(
      {
        graph,
        runs: options.runs ?? 300,
        duration: options.duration ?? 30,
        temperature: options.temperature ?? 0.05,
        ...constants(options),
        decay: options.decay ?? 0.1,
        injections: [
          { nodes: [options.a ?? 0], value: 1 },
          { nodes: [options.b ?? Math.floor(nodes / 2)], value: -1 },
        ],
        recordEvery: 0.5,
      },
      key,
    );
    const R = trace.runs;
    const last = trace.times.length - 1;
    let a = 0;
    let b = 0;
    const times: number[] = [];
    const finalMean: number[] = [];
    for (let r = 0; r < R; r++) {
      const [holdA, holdB] = [trace.holdA[last * R + r]!, trace.holdB[last * R + r]!];
      if (replaced(holdA, holdB)) a++;
      else if (replaced(holdB, holdA)) b++;
      finalMean.push(trace.mean[last * R + r]!);
      for (let k = 0; k <= last; k++) {
        const [atA, atB] = [trace.holdA[k * R + r]!, trace.holdB[k * R + r]!];
        if (replaced(atA, atB) || replaced(atB, atA)) {
          times.push(trace.times[k]!);
          break;
        }
      }
    }
    const m = times.reduce((s, t) => s + t, 0) / Math.max(times.length, 1);
    const sd = Math.sqrt(times.reduce((s, t) => s + (t - m) ** 2, 0) / Math.max(times.length - 1, 1));
    return {
      runs: R,
      aWins: wilson(a, R),
      bWins: wilson(b, R),
      split: wilson(R - a - b, R),
      resolutionTime: m,
      resolutionTimeSe: sd / Math.sqrt(Math.max(times.length, 1)),
      finalMean,
    };
  });
}

/** The same simulation options as a helper for notebooks that vary one thing. */
export type { AmbientOptions };
