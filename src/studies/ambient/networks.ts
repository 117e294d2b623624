/**
 * What the ambient experiments share: their network (ws:N:k:0.1, one fixed network or one drawn per block of runs),
 * its size, the model's constants, and the displacement read from a trace.
 *
 * Many random networks at once: a sample whose runs all share one network speaks for that network, not for the
 * family it was drawn from (eighth-edition referee: pseudo-replication). Drawing a network per block of runs fixes
 * that, and simulating the blocks as one disjoint union (../../graph/union, simulateAmbient `networks`) keeps the
 * cost of one simulation: 109 networks × 8 runs took 1.8–2.0 s here against 1.3–1.6 s for 872 runs on one network
 * (e-double-spend's design, wasm), where 109 separate simulations took 27 s.
 */
import { type Proportion, wilson } from "../../stats/binomial";
import { checkKey, type Key, key as makeKey } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { graphFromSpec } from "../../graph/spec";
import type { Graph } from "../../graph/graph";
import { disjointUnion } from "../../graph/union";
import { releaseGraph } from "../../ops/tensors";
import type { AmbientTrace } from "./simulate";

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

/** {@link ModelConstants} with their defaults, spread into a simulation's options. */
export const constants = (o: ModelConstants): { coupling: number; dt: number } => ({ coupling: o.coupling ?? 1, dt: o.dt ?? 0.05 });

/** What an experiment's design fixes when its options leave it out: its duration, T and γ. */
export type DesignDefaults = { duration: number; temperature: number; decay: number };

/** The adversary experiments' design (scale, Sybil, Byzantine): 20 time units at T = 0.5, γ = 0.1. */
export const ADVERSARY_DESIGN: DesignDefaults = { duration: 20, temperature: 0.5, decay: 0.1 };

/**
 * The options every ambient experiment passes to the simulation: duration, T and γ from `options` or the
 * experiment's `defaults`, the model's {@link constants}, and a record every half time unit.
 */
export function designOf(
  options: ModelConstants & { duration?: number; temperature?: number; decay?: number },
  defaults: DesignDefaults,
): DesignDefaults & { coupling: number; dt: number; recordEvery: number } {
  return {
    duration: options.duration ?? defaults.duration,
    temperature: options.temperature ?? defaults.temperature,
    ...constants(options),
    decay: options.decay ?? defaults.decay,
    recordEvery: 0.5,
  };
}

/** The fixed network of the experiments when no `network` is given (see {@link ambientGraph}). */
const EXPERIMENT_NETWORK = makeKey(1);

/** The smallest network an experiment accepts: the finality experiment injects A at 8 of its nodes. */
const MIN_NODES = 16;

/** `nodes` checked: an integer ≥ {@link MIN_NODES}, or `fallback` (the claims' size) when not given. */
export function networkSize(where: string, nodes: number | undefined, fallback: number): number {
  return check.integer(`emtd/ambient/${where}`, "nodes", nodes ?? fallback, MIN_NODES);
}

export type NetworkOf = (n: number, block?: number) => Graph;

/** An experiment's options over networks: `networks` simulated at once as one disjoint union (default 1). */
export type OverNetworks<O> = O & { networks?: number };

/**
 * `body` on the union of `count` networks of n nodes (network c from `network(n, c)`, or the fixed
 * ambientGraph(n, key(1)) when no `network` is given; one network is itself), every graph released after it.
 */
export function withNetworks<T>(n: number, network: NetworkOf | undefined, count: number, body: (graph: Graph) => T): T {
  check.integer("emtd/ambient/networks", "networks", count, 1);
  const parts = Array.from({ length: count }, (_, c) => (network ? network(n, c) : ambientGraph(n, EXPERIMENT_NETWORK)));
  const graph = count === 1 ? parts[0]! : disjointUnion(parts);
  try {
    return body(graph);
  } finally {
    for (const part of parts) releaseGraph(part);
    if (count > 1) releaseGraph(graph);
  }
}

/**
 * Network c's runs of a trace over `networks` networks (simulateAmbient `networks`): a trace of its own, as if it
 * had been simulated alone. The trace itself where there is one network.
 *
 * @example
 * ```ts
 * const graph = disjointUnion([ringGraph(16, 4), ringGraph(16, 4)]);
 * const trace = simulateAmbient({ graph, networks: 2, runs: 3, duration: 1 }, key(1));
 * const second = networkTrace(trace, 1, 2);
 * [trace.runs, second.runs, second.holdA.length / second.times.length]; // → [6, 3, 3]
 * releaseGraph(graph);
 * ```
 */
export function networkTrace(trace: AmbientTrace, c: number, networks: number): AmbientTrace {
  const where = "emtd/ambient/networkTrace";
  check.integer(where, "networks", networks, 1);
  check.integer(where, "c", c, 0, networks - 1);
  if (networks === 1) return trace;
  if (trace.runs % networks !== 0) throw new ArgumentError(where, "networks", `a divisor of the trace's ${trace.runs} runs`, networks);
  const runs = trace.runs / networks;
  const records = trace.times.length;
  const slice = (all: Float32Array) => {
    const out = new Float32Array(records * runs);
    for (let k = 0; k < records; k++) out.set(all.subarray(k * trace.runs + c * runs, k * trace.runs + (c + 1) * runs), k * runs);
    return out;
  };
  return {
    times: trace.times,
    holdA: slice(trace.holdA),
    holdB: slice(trace.holdB),
    mean: slice(trace.mean),
    watched: trace.watched.map(slice),
    watchedWeight: trace.watchedWeight,
    runs,
    nodes: trace.nodes,
  };
}
