/**
 * "If a subset of nodes is corrupted (high local entropy), the gradient flow naturally isolates them" (§4.1), as
 * p4.1-self-healing measures it: runs on their own ws graphs in which the nodes 0 … F−1 send V + N(0, 1) drawn afresh
 * each round, and where the honest mean ends against the honest initial range. The claim, its figure (healing-runs)
 * and notebook 11 call this one function.
 */
import { fold, type Key } from "../../engine/random";
import { familyMember } from "../../graph/families";
import { releaseGraph } from "../../ops/tensors";
import { check } from "../../errors";
import { runFaultyConsensus, type FaultyConsensusResult } from "./faulty-consensus";
import type { RuleName } from "./rules";

/** The design of the self-healing runs. */
export interface HealingDesign {
  /** Nodes of each ws:N:4:0.1 graph (§3.3's topology). */
  nodes: number;
  /** The value V the corrupted nodes send noise around. */
  corruptValue: number;
  /** Runs, each on its own graph. */
  runs: number;
}

/** p4.1-self-healing's design: 40 nodes, V = 5, 8 runs per cell. */
export const HEALING_DESIGN: Readonly<HealingDesign> = { nodes: 40, corruptValue: 5, runs: 8 };

/**
 * `runs` runs, run s on familyMember("ws", nodes, fold(stream("graph"), s)) with honest starts and noise from fold(stream("runs"), s):
 * the nodes 0 … corrupted−1 send V + N(0, 1), the honest nodes run `rule` (W-MSR and the trimmed mean with parameter
 * F = corrupted) for `rounds` rounds. One result per run.
 *
 * `stream(name)` is the key of a named stream (the claim's `ctx.key`): "graph" draws the graphs, "runs" the runs.
 *
 * @example
 * ```ts
 * const [r] = healingRuns(1, 1000, "mean", (name) => key(name === "graph" ? 1 : 2), { runs: 1 });
 * r.honestMean > r.initialHonestMax; // → true: averaging carries the honest nodes out of their range toward V = 5
 * ```
 */
export function healingRuns(
  corrupted: number,
  rounds: number,
  rule: RuleName,
  stream: (name: string) => Key,
  design: Partial<HealingDesign> = {},
): FaultyConsensusResult[] {
  const graphs = stream("graph");
  const dynamics = stream("runs");
  const d = { ...HEALING_DESIGN, ...design };
  check.integer("emtd/adversary/healingRuns", "runs", d.runs, 1);
  return Array.from({ length: d.runs }, (_, s) => {
    const graph = familyMember("ws", d.nodes, fold(graphs, s)).graph!;
    try {
      return runFaultyConsensus(
        graph,
        { faulty: corrupted, fault: "noise", faultValue: d.corruptValue, rule, trim: corrupted, rounds, tolerance: 0, traceEvery: rounds },
        fold(dynamics, s),
      );
    } finally {
      releaseGraph(graph);
    }
  });
}
