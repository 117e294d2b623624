/**
 * "If a subset of nodes is corrupted (high local entropy), the gradient flow naturally isolates them" (§4.1), as
 * p4.1-self-healing measures it: runs on their own ws graphs in which the nodes 0 … F−1 send V + N(0, 1) drawn afresh
 * each round, and where the honest mean ends against the honest initial range. The claim, its figure (healing-runs)
 * and notebook 11 call this one function.
 */
import { fold, split, uniformSource, type Key } from "../../engine/random";
import { familyMember } from "../../graph/families";
import { adjacencyCsr, type Graph } from "../../graph/graph";
import { toGraph } from "../../graph/input";
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

/**
 * One self-healing run: the corrupted run, and beside it the same honest nodes, starts and rule with the corrupted
 * nodes removed (the run "as if the corrupted nodes were not there").
 */
export interface HealingRun extends FaultyConsensusResult {
  /** The honest mean at the horizon of the run without the corrupted nodes (their induced subgraph, the same starts). */
  uncorruptedMean: number;
  /** (honestMean − uncorruptedMean) / (V − uncorruptedMean): the share of the way to V the corrupted nodes pulled. */
  capture: number;
}

/** p4.1-self-healing's design: 40 nodes, V = 5, 8 runs per cell. */
export const HEALING_DESIGN: Readonly<HealingDesign> = { nodes: 40, corruptValue: 5, runs: 8 };

/**
 * `runs` runs, run s on familyMember("ws", nodes, fold(stream("graph"), s)) with honest starts (uniform on [0, 1)) and
 * noise from fold(stream("runs"), s): the nodes 0 … corrupted−1 send V + N(0, 1), the honest nodes run `rule` (W-MSR
 * and the trimmed mean with parameter F = corrupted) for `rounds` rounds. Each run is paired with the honest nodes'
 * run on their induced subgraph from the same starts under the same rule, and carries its end mean and the capture
 * against it. One result per run.
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
): HealingRun[] {
  const graphs = stream("graph");
  const dynamics = stream("runs");
  const d = { ...HEALING_DESIGN, ...design };
  check.integer("emtd/adversary/healingRuns", "runs", d.runs, 1);
  return Array.from({ length: d.runs }, (_, s) => {
    const graph = familyMember("ws", d.nodes, fold(graphs, s)).graph!;
    const honest = withoutFirst(graph, corrupted);
    try {
      const [startKey, runKey, aloneKey] = split(fold(dynamics, s), 3) as [Key, Key, Key];
      const draw = uniformSource(startKey);
      const initial = Float64Array.from({ length: d.nodes - corrupted }, () => draw());
      const common = {
        fault: "noise",
        faultValue: d.corruptValue,
        rule,
        trim: corrupted,
        rounds,
        tolerance: 0,
        traceEvery: rounds,
        initial,
      } as const;
      const run = runFaultyConsensus(graph, { ...common, faulty: corrupted }, runKey);
      const uncorruptedMean = runFaultyConsensus(honest, { ...common, faulty: 0 }, aloneKey).honestMean;
      return { ...run, uncorruptedMean, capture: (run.honestMean - uncorruptedMean) / (d.corruptValue - uncorruptedMean) };
    } finally {
      releaseGraph(graph);
      releaseGraph(honest);
    }
  });
}

/** The subgraph induced by the nodes `count` … n − 1, renumbered from 0: the graph without the nodes 0 … count − 1. */
function withoutFirst(graph: Graph, count: number): Graph {
  const { rowPtr, col } = adjacencyCsr(graph);
  const adjacency = Array.from({ length: graph.n - count }, (_, i) => {
    const row: number[] = [];
    for (let p = rowPtr[i + count]!; p < rowPtr[i + count + 1]!; p++) if (col[p]! >= count) row.push(col[p]! - count);
    return row;
  });
  return toGraph({ adjacency });
}
