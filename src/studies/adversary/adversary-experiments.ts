/**
 * The §4.1 measurements shared by the claims (src/claims/section4-1) and the notebooks: each is a pure function of its
 * options and a key, built from runFaultyConsensus, harmonicExtension and the scale module.
 */
import { checkKey, type Key, fold } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import { runFaultyConsensus, type FaultKind } from "./faulty-consensus";
import { harmonicExtension } from "./harmonic";
import type { RuleName } from "./rules";
import { withoutNodes } from "./crash";
import { mean, variance } from "../../stats/summary";

export interface CaptureResult {
  /** Final honest mean, the stubborn value V and the honest initial mean (what plain averaging would reach). */
  finalMean: number;
  faultValue: number;
  initialMean: number;
  /** max_i |x_i(final) − h_i| over honest nodes, h the harmonic extension of the stubborn values. */
  harmonicGap: number;
  /** Fraction of the way from the honest initial mean to V the honest mean moved: 1 = fully captured. */
  captured: number;
  rounds: number;
  values: Float64Array;
  harmonic: Float64Array;
}

/**
 * Averaging (the `mean` rule, the proposal's gradient flow) with stubborn nodes 0 … F−1 holding `values`, run for
 * `rounds` rounds (no early stop), compared with the harmonic extension of the stubborn values.
 *
 * @example
 * ```ts
 * const graph = ringGraph(12, 2);
 * const one = captureByStubborn(graph, [1], 2000, key(1)); // node 0 holds 1 forever
 * [one.captured.toFixed(4), one.rounds]; // → ["1.0000", 2000] (averaging ends at the stubborn value)
 * const two = captureByStubborn(graph, [1, 0], 2000, key(1)); // nodes 0, 1 hold 1 and 0
 * Array.from(two.harmonic.slice(0, 4), (v) => +v.toFixed(3)); // → [1, 0, 0.091, 0.182] (linear around the ring)
 * two.harmonicGap < 1e-12; // → true (the honest nodes end at the harmonic extension)
 * ```
 */
export function captureByStubborn(graph: Graph, stubbornValues: readonly number[], rounds: number, key: Key): CaptureResult {
  const r = runFaultyConsensus(
    graph,
    {
      faulty: stubbornValues.length,
      fault: "stubborn",
      faultValue: stubbornValues,
      rule: "mean",
      rounds,
      tolerance: 0,
      traceEvery: Math.max(1, Math.floor(rounds / 200)),
    },
    key,
  );
  const boundary = new Float64Array(graph.n).fill(Number.NaN);
  stubbornValues.forEach((v, i) => (boundary[i] = v));
  const harmonic = harmonicExtension(graph, boundary);
  let gap = 0;
  for (let i = stubbornValues.length; i < graph.n; i++) gap = Math.max(gap, Math.abs(r.values[i]! - harmonic[i]!));
  const v = mean(stubbornValues);
  return {
    finalMean: r.honestMean,
    faultValue: v,
    initialMean: r.initialHonestMean,
    harmonicGap: gap,
    captured: (r.honestMean - r.initialHonestMean) / (v - r.initialHonestMean),
    rounds: r.rounds,
    values: r.values,
    harmonic,
  };
}

export interface ResilienceCell {
  rule: RuleName;
  fault: FaultKind;
  faulty: number;
  n: number;
  /** Runs in which honest values left their initial hull by more than 1e-9, out of `seeds`. */
  escapes: number;
  seeds: number;
  /** Mean over seeds of the hull violation and of |final honest mean − V|/|initial honest mean − V|. */
  meanViolation: number;
  meanPullToTarget: number;
  /** Mean final spread. */
  meanSpread: number;
}

/**
 * For one rule and fault kind on `graph`: over `seeds` seeds, how often and how far the honest nodes leave their
 * initial hull, and how far toward V they are pulled. Faulty nodes 0 … F−1 (Sybil: F added identities). `trim` is
 * the rule's parameter (default F: the defender knows the number of faulty nodes).
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 6);
 * const design = { fault: "stubborn" as const, faulty: 1, faultValue: 10, rounds: 200, seeds: 4 };
 * const averaging = resilience(graph, { ...design, rule: "mean" }, key(1));
 * [averaging.escapes, averaging.meanPullToTarget.toFixed(3)]; // → [4, "0.995"] (4 of 4 seeds leave the hull, pulled to V)
 * const wmsr = resilience(graph, { ...design, rule: "wmsr" }, key(1));
 * [wmsr.escapes, wmsr.meanViolation]; // → [0, 0]
 * ```
 */
export function resilience(
  graph: Graph,
  o: {
    rule: RuleName;
    fault: FaultKind;
    faulty: number;
    faultValue: number;
    rounds: number;
    seeds: number;
    sybilLinks?: number;
    trim?: number;
  },
  key: Key,
): ResilienceCell {
  checkKey("emtd/adversary/experiments", "key", key);
  let escapes = 0;
  let violation = 0;
  let pull = 0;
  let spread = 0;
  for (let s = 0; s < o.seeds; s++) {
    const r = runFaultyConsensus(
      graph,
      {
        faulty: o.faulty,
        fault: o.fault,
        faultValue: o.faultValue,
        rule: o.rule,
        rounds: o.rounds,
        tolerance: 1e-9,
        traceEvery: o.rounds,
        sybilLinks: o.sybilLinks,
        trim: o.trim,
      },
      fold(key, s),
    );
    if (r.hullViolation > 1e-9) escapes++;
    violation += r.hullViolation;
    pull += Math.abs(r.honestMean - r.initialHonestMean) / Math.abs(o.faultValue - r.initialHonestMean);
    spread += r.honestSpread;
  }
  return {
    rule: o.rule,
    fault: o.fault,
    faulty: o.faulty,
    n: graph.n,
    escapes,
    seeds: o.seeds,
    meanViolation: violation / o.seeds,
    meanPullToTarget: pull / o.seeds,
    meanSpread: spread / o.seeds,
  };
}

export interface StressPoint {
  noisy: number;
  /** Mean over seeds of the time-averaged honest spread over the last half of the run, and its standard error. */
  spread: number;
  spreadSe: number;
  /** Mean over seeds of |honest mean − honest initial mean| at the end, with its SE. */
  error: number;
  errorSe: number;
}

/**
 * Antifragility probe: add `noisy` nodes (ids 0 … k−1) that send V + N(0, 1) each round, V = 0.5 (the centre of the
 * honest range, so the noise is unbiased disorder, not a pull), and measure what the honest nodes end with under
 * the proposal's averaging. An antifragile system would do better with more disorder.
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 4);
 * const points = stressResponse(graph, [0, 4], { rounds: 100, seeds: 4 }, key(1));
 * points.map((p) => [p.noisy, +p.spread.toFixed(3), +p.spreadSe.toFixed(3)]); // → [[0, 0, 0], [4, 0.378, 0.018]] (more disorder, more spread)
 * ```
 */
export function stressResponse(
  graph: Graph,
  noisyCounts: readonly number[],
  o: { rounds: number; seeds: number; rule?: RuleName },
  key: Key,
): StressPoint[] {
  checkKey("emtd/adversary/experiments", "key", key);
  return noisyCounts.map((k) => {
    const spreads: number[] = [];
    const errors: number[] = [];
    for (let s = 0; s < o.seeds; s++) {
      const r = runFaultyConsensus(
        graph,
        {
          faulty: k,
          fault: "noise",
          faultValue: 0.5,
          rule: o.rule ?? "mean",
          rounds: o.rounds,
          tolerance: 0,
        },
        fold(key, s),
      );
      const half = Math.floor(r.trace.round.length / 2);
      let acc = 0;
      for (let t = half; t < r.trace.round.length; t++) acc += r.trace.honestMax[t]! - r.trace.honestMin[t]!;
      spreads.push(acc / (r.trace.round.length - half));
      errors.push(Math.abs(r.honestMean - r.initialHonestMean));
    }
    return {
      noisy: k,
      spread: mean(spreads),
      spreadSe: Math.sqrt(variance(spreads) / o.seeds),
      error: mean(errors),
      errorSe: Math.sqrt(variance(errors) / o.seeds),
    };
  });
}

export interface RoutingResult {
  /** Crash faults: survivors converge (spread < tolerance) and stay in their hull. */
  crashConverged: boolean;
  crashHullViolation: number;
  crashRounds: number;
  /** The same nodes corrupted (stubborn at V) instead of crashed: fraction of the way to V the honest mean moved. */
  corruptedCaptured: number;
  /** The same corrupted nodes under W-MSR(F): hull violation (0 = routed around). */
  wmsrHullViolation: number;
}

/**
 * "Routes around damage": the same F nodes crashed (removed) or corrupted (stubborn at V) on `graph`, averaging in
 * both cases, and W-MSR with parameter F on the corrupted case as the baseline that does route around.
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 6);
 * const r = routingAroundDamage(graph, 1, 10, 500, key(1));
 * [r.crashConverged, r.crashRounds, r.corruptedCaptured.toFixed(4), r.wmsrHullViolation]; // → [true, 85, "1.0000", 0]
 * ```
 */
export function routingAroundDamage(graph: Graph, faulty: number, faultValue: number, rounds: number, key: Key): RoutingResult {
  const ids = Array.from({ length: faulty }, (_, i) => i);
  const crashed = runFaultyConsensus(
    withoutNodes(graph, ids),
    {
      faulty: 0,
      fault: "stubborn",
      faultValue,
      rule: "mean",
      rounds,
      tolerance: 1e-6,
      traceEvery: rounds,
    },
    key,
  );
  const corrupted = runFaultyConsensus(
    graph,
    {
      faulty,
      fault: "stubborn",
      faultValue,
      rule: "mean",
      rounds,
      tolerance: 0,
      traceEvery: rounds,
    },
    key,
  );
  const wmsr = runFaultyConsensus(
    graph,
    {
      faulty,
      fault: "stubborn",
      faultValue,
      rule: "wmsr",
      trim: faulty,
      rounds,
      tolerance: 1e-6,
      traceEvery: rounds,
    },
    key,
  );
  return {
    crashConverged: crashed.converged,
    crashHullViolation: crashed.hullViolation,
    crashRounds: crashed.rounds,
    corruptedCaptured: (corrupted.honestMean - corrupted.initialHonestMean) / (faultValue - corrupted.initialHonestMean),
    wmsrHullViolation: wmsr.hullViolation,
  };
}
