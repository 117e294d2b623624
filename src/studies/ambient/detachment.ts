/**
 * The detachment experiment of the essay's claims on what leaving the field does (src/claims/essay-value.ts): node 0
 * of a network holding A stops participating, and its value, its weight and the rest of the network are observed.
 */
import { type Proportion, wilson } from "../../stats/binomial";
import { checkKey, type Key } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { simulateAmbient, type AdversaryOptions } from "./simulate";
import {
  constants,
  displacedRuns,
  type ModelConstants,
  type NetworkOf,
  networkSize,
  networkTrace,
  type OverNetworks,
  withNetworks,
} from "./networks";

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
  /** Fraction of runs in which the rest of the network lost its A majority (held by ½ or fewer) at some record. */
  networkDisplaced: Proportion;
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
 * r.measuredRate.toFixed(3); // → "0.034" (γ = 0.1 once detached, but one run's fit is noisy and low: it keeps the records above 0.1, the high side of the node's spread; 100 runs fit 0.116)
 * ```
 */
export function detachmentExperiment(key: Key, options: DetachmentOptions = {}): DetachmentResult {
  return detachmentOverNetworks(key, { ...options, networks: 1 })[0]!;
}

/** The detachment experiment's design: see {@link detachmentExperiment}; `runs` per network. */
export type DetachmentOptions = {
  /**
   * Whether node 0 leaves at `detachAt` (true, the default). False runs the same runs with node 0 participating
   * throughout: the baseline of what its leaving takes from the rest of the network.
   */
  leaves?: boolean;
  /**
   * An attacker pushing B through identities on the network's nodes (none by default): e-not-stolen-hoarded's "stolen"
   * arm, the same runs (the noise's key is the same with or without one) with an adversary present.
   */
  adversary?: AdversaryOptions;
  decay?: number;
  runs?: number;
  nodes?: number;
  temperature?: number;
  duration?: number;
  network?: NetworkOf;
} & ModelConstants;

/**
 * {@link detachmentExperiment} on `networks` networks at once (`runs` on each, node 0 of every network detaching;
 * simulated as one disjoint union): each network's result, in order.
 */
export function detachmentOverNetworks(key: Key, options: OverNetworks<DetachmentOptions> = {}): DetachmentResult[] {
  const networks = options.networks ?? 1;
  checkKey("emtd/ambient/experiments", "key", key);
  const where = "emtd/ambient/detachmentExperiment";
  const decayRate = check.nonNegative(where, "decay", options.decay ?? 0.1);
  const nodes = networkSize("detachmentExperiment", options.nodes, 64);
  const detachAt = 5;
  const duration = check.positive(where, "duration", options.duration ?? 45);
  if (!(duration >= detachAt + 5))
    throw new ArgumentError(where, "duration", `at least ${detachAt + 5} (detaching at ${detachAt})`, duration);
  const fade = 2;
  const leaves = options.leaves ?? true;
  return withNetworks(nodes, options.network, networks, (graph) => {
    const all = simulateAmbient(
      {
        graph,
        networks,
        runs: options.runs ?? 100,
        duration,
        ...constants(options),
        decay: decayRate,
        temperature: check.nonNegative(where, "temperature", options.temperature ?? 0.01),
        fade,
        participation: (t) => Float32Array.from({ length: nodes }, (_, i) => (leaves && i === 0 && t >= detachAt ? 0 : 1)),
        excludeFromObservables: [0],
        watch: [0],
        recordEvery: 0.5,
        ...(options.adversary ? { adversary: options.adversary } : {}),
      },
      key,
    );
    return Array.from({ length: networks }, (_, c) => {
      const trace = networkTrace(all, c, networks);
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
      const networkDisplaced = displacedRuns(trace);
      return {
        times,
        nodeValue,
        nodeWeight: Array.from(trace.watchedWeight[0]!),
        holdsBefore: holdsAt(before),
        holdsAfter: holdsAt(last),
        valueBefore: { value: nodeValue[before]!, se: spread(before) },
        valueAfter: { value: nodeValue[last]!, se: spread(last) },
        networkHolds: wilson(networkHolds, runs),
        networkDisplaced,
        measuredRate: detachedDecayRate(times, nodeValue, detachAt, fade),
        decay: decayRate,
        detachAt,
      };
    });
  });
}

/**
 * The decay rate of a detached node's mean value: log v(t) = c − rate·t fitted by least squares over
 * t ∈ [detachAt + 5/fade, end] (where its weight is below e^{−5}) at the records whose mean is above 0.1. NaN with
 * fewer than two such records.
 */
export function detachedDecayRate(times: readonly number[], nodeValue: readonly number[], detachAt: number, fade: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  times.forEach((t, k) => {
    if (t >= detachAt + 5 / fade && nodeValue[k]! > 0.1) {
      xs.push(t);
      ys.push(Math.log(nodeValue[k]!));
    }
  });
  if (xs.length < 2) return Number.NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return -slope;
}
