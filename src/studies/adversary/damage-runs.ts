/**
 * "The topology routes around damage" (§4.1), as p4.1-routes-around-damage measures it: runs on their own graphs in
 * which the same F nodes are damaged two ways, crashed (removed: the survivors run on the induced subgraph) or
 * corrupted (stubborn at V), and whether the honest nodes still agree inside their own initial hull. The claim, its
 * figure (damage-routing) and notebook 11 call this one function.
 */
import { fold, type Key } from "../../engine/random";
import { familyMember } from "../../graph/families";
import { releaseGraph } from "../../ops/tensors";
import { check } from "../../errors";
import { withoutNodes } from "./crash";
import { notRobustWitness } from "./robustness";
import { neighbours, type Graph } from "../../graph/graph";
import { runFaultyConsensus, type FaultyConsensusResult } from "./faulty-consensus";
import type { RuleName } from "./rules";

/** The damage families: §3.3's ws graph, and the complete graph. */
export type DamageFamily = "ws" | "complete";

/**
 * True when some split of the node ring (0 … n−1, the order ws:N:4:0.1 is built on) into two arcs witnesses that
 * `graph` is not r-robust (no node of either arc has r neighbours in the other; {@link notRobustWitness}), or when a
 * node of degree below r does (itself against the rest). One witness proves the graph is not r-robust.
 * (p4.1-routes-around-damage's witness, the same test as its local copy in src/claims/section4-1.ts.)
 *
 * `stream(name)` is the key of a named stream (the claim's `ctx.key`): "graph" draws the graphs, "runs" the runs.
 *
 * @example
 * ```ts
 * [notRobustByArcs(graphs.ring(12, 4), 3), notRobustByArcs(graphs.complete(12), 3)]; // → [true, false]
 * ```
 */
export function notRobustByArcs(graph: Graph, r: number): boolean {
  const lists = neighbours(graph);
  const all = Array.from({ length: graph.n }, (_, i) => i);
  for (let i = 0; i < graph.n; i++)
    if (
      lists[i]!.length < r &&
      notRobustWitness(
        graph,
        [i],
        all.filter((j) => j !== i),
        r,
      )
    )
      return true;
  // The arc [a, b) against the rest, counted in place (the same test as notRobustWitness, without its set copies).
  for (let a = 0; a < graph.n; a++)
    for (let b = a + 1; b < graph.n; b++) {
      let witness = true;
      for (let i = 0; witness && i < graph.n; i++) {
        const inside = i >= a && i < b;
        let across = 0;
        for (const j of lists[i]!) if (j >= a && j < b ? !inside : inside) across++;
        if (across >= r) witness = false;
      }
      if (witness) return true;
    }
  return false;
}

/** The design of the damage runs. */
export interface DamageDesign {
  /** Nodes of each graph. */
  nodes: number;
  /** Rounds at most. */
  rounds: number;
  /** The value V corrupted nodes hold (stubborn). */
  corruptValue: number;
  /** Runs, each on its own graph. */
  runs: number;
  /** The first run's index (default 0): runs first … first + runs − 1, each from its own key, so a look's runs are the plan's. */
  first: number;
  /** One kind of damage only (default both): a cell decided look by look stops each kind at its own look. */
  only?: "crash" | "corrupt";
  /** Agreement: the honest spread below this. */
  agreement: number;
  /** Validity: the honest values leave their initial hull by less than this (float64 rounding over the rounds). */
  rounding: number;
}

/** p4.1-routes-around-damage's design: 40 nodes, at most 5000 rounds, corrupted nodes stubborn at V = 5, 60 runs per kind. */
export const DAMAGE_DESIGN: Readonly<DamageDesign> = {
  nodes: 40,
  rounds: 5000,
  corruptValue: 5,
  runs: 60,
  first: 0,
  agreement: 1e-6,
  rounding: 1e-9,
};

export interface DamageRuns {
  /** One result per run: the survivors after the F nodes crashed, and the honest nodes with the F nodes corrupted. */
  crash: FaultyConsensusResult[];
  corrupt: FaultyConsensusResult[];
  /** Runs whose graph has a witness ({@link notRobustByArcs}) of not being (2F + 1)-robust. */
  notRobust: number;
  /** Runs routed: agreement (spread below `agreement` within the rounds) and validity (hull left by < `rounding`). */
  crashRouted: number;
  corruptRouted: number;
  /** Mean fraction of the way from the honest initial mean to V the honest mean moved, corrupted runs. */
  corruptCaptured: number;
}

/**
 * `runs` runs, run r on graph familyMember(family, nodes, fold(stream("graph"), r)) with honest starts from fold(stream("runs"), r):
 * the nodes 0 … damaged−1 crashed, and (on the same graph and key) corrupted, the honest nodes running `rule` (W-MSR
 * with parameter F = damaged) for at most `rounds` rounds until their spread is below `agreement`.
 *
 * @example
 * ```ts
 * const d = damageRuns("complete", 1, "mean", (name) => key(name === "graph" ? 1 : 2), { runs: 2, rounds: 200 });
 * [d.crashRouted, d.corruptRouted]; // → [2, 0]: K_40 survives a crash; averaging is carried to V by a stubborn node
 * ```
 */
export function damageRuns(
  family: DamageFamily,
  damaged: number,
  rule: RuleName,
  stream: (name: string) => Key,
  design: Partial<DamageDesign> = {},
): DamageRuns {
  const graphs = stream("graph");
  const dynamics = stream("runs");
  const where = "emtd/adversary/damageRuns";
  const d = { ...DAMAGE_DESIGN, ...design };
  check.integer(where, "runs", d.runs, 1);
  check.integer(where, "first", d.first, 0);
  check.integer(where, "damaged", damaged, 0, d.nodes - 1);
  const ids = Array.from({ length: damaged }, (_, i) => i);
  const options = {
    fault: "stubborn" as const,
    faultValue: d.corruptValue,
    rule,
    trim: damaged,
    rounds: d.rounds,
    tolerance: d.agreement,
    traceEvery: d.rounds,
  };
  const crash: FaultyConsensusResult[] = [];
  const corrupt: FaultyConsensusResult[] = [];
  let notRobust = 0;
  for (let r = d.first; r < d.first + d.runs; r++) {
    const graph = familyMember(family, d.nodes, fold(graphs, r)).graph!;
    const survivors = withoutNodes(graph, ids);
    try {
      if (d.only !== "corrupt") crash.push(runFaultyConsensus(survivors, { ...options, faulty: 0 }, fold(dynamics, r)));
      if (d.only !== "crash") corrupt.push(runFaultyConsensus(graph, { ...options, faulty: damaged }, fold(dynamics, r)));
      // A low-degree node against the rest, or two arcs of the ring, witness that the graph is not (2F + 1)-robust.
      if (notRobustByArcs(graph, 2 * damaged + 1)) notRobust++;
    } finally {
      releaseGraph(survivors);
      releaseGraph(graph);
    }
  }
  const ok = (r: FaultyConsensusResult) => r.converged && r.hullViolation < d.rounding;
  const captured = corrupt.map((r) => (r.honestMean - r.initialHonestMean) / (d.corruptValue - r.initialHonestMean));
  return {
    crash,
    corrupt,
    notRobust,
    crashRouted: crash.filter(ok).length,
    corruptRouted: corrupt.filter(ok).length,
    corruptCaptured: captured.reduce((a, b) => a + b, 0) / captured.length,
  };
}
