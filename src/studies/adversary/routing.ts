/**
 * W-MSR where its guarantee applies and where it does not: one run with F faulty nodes, reporting agreement
 * (the honest spread at the start and the end) as well as validity (the hull), since a run that stays in the hull
 * but never agrees has routed around nothing.
 */
import type { Key } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import { runFaultyConsensus, type FaultKind } from "./faulty-consensus";
import type { RuleName } from "./rules";

export interface AgreementResult {
  initialSpread: number;
  finalSpread: number;
  /** Spread below `tolerance` within the rounds. */
  converged: boolean;
  rounds: number;
  /** How far honest values left their initial hull (0 = validity kept). */
  hullViolation: number;
  /** Fraction of the way from the honest initial mean to V the honest mean moved. */
  captured: number;
}

/**
 * Faulty nodes 0 … F−1 of kind `fault` pulling toward V, honest nodes running `rule` (W-MSR uses parameter F) for at
 * most `rounds` rounds or until the honest spread is below `tolerance`.
 *
 * @example
 * ```ts
 * const r = agreementUnderFaults(graphs.complete(13), "wmsr", "adversarial", 3, 5, 2000, 1e-6, key(1));
 * [r.converged, r.hullViolation]; // → [true, 0]: K_13 is 7-robust = (2F + 1)-robust for F = 3
 * ```
 */
export function agreementUnderFaults(
  graph: Graph,
  rule: RuleName,
  fault: FaultKind,
  faulty: number,
  faultValue: number,
  rounds: number,
  tolerance: number,
  key: Key,
): AgreementResult {
  const r = runFaultyConsensus(graph, { faulty, fault, faultValue, rule, trim: faulty, rounds, tolerance, traceEvery: rounds }, key);
  return {
    initialSpread: r.initialHonestMax - r.initialHonestMin,
    finalSpread: r.honestSpread,
    converged: r.converged,
    rounds: r.rounds,
    hullViolation: r.hullViolation,
    captured: (r.honestMean - r.initialHonestMean) / (faultValue - r.initialHonestMean),
  };
}
