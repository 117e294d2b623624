/**
 * `emtd consensus`: honest nodes run an update rule on a graph while faulty nodes send what their kind sends; the
 * run stops when the honest spread max − min falls below the tolerance or after the given rounds. With --faulty 0
 * it is plain consensus and `rounds` is the consensus time.
 */
import { key, split, type Key } from "../../engine/random";
import { graphFromSpec, GRAPH_SPEC_FORMS } from "../../graph/spec";
import { FAULT_KINDS, runFaultyConsensus, type FaultKind } from "../../studies/adversary/faulty-consensus";
import { RULES, type RuleName } from "../../studies/adversary/rules";
import type { Command } from "../../command/command";
import { fixed } from "../../format";

const summary =
  "Consensus with faulty nodes: honest values start uniform in [0, 1) from the seed; faulty nodes are node ids 0 … F−1 " +
  "(for --fault sybil: F new identities n … n+F−1, each linked to --sybil-links existing nodes by preferential attachment). " +
  "mean = the proposal's gradient flow x ← x − 2h·Lx with h = 1/(4·max degree).";

const options: Command["options"] = {
  graph: { kind: "string", default: "complete:13", placeholder: "spec", help: `graph: ${GRAPH_SPEC_FORMS}` },
  faulty: { kind: "int", min: 0, max: 1e6, default: 0, help: "faulty nodes F (ids 0 … F−1; sybil: F identities added)" },
  fault: {
    kind: "choice",
    choices: FAULT_KINDS,
    default: "stubborn",
    help: "stubborn: holds V; noise: V + N(0,1) each round; adversarial: best message toward V per honest neighbour; sybil: adversarial identities joined to the graph",
  },
  "fault-value": { kind: "number", default: 5, help: "V: the value faulty nodes hold or pull toward" },
  rule: { kind: "choice", choices: RULES, default: "mean", help: "honest update rule" },
  trim: { kind: "int", min: 0, max: 1e6, help: "values trimmed per end (trimmed) or the W-MSR parameter F (default --faulty)" },
  delta: { kind: "number", min: 0, exclusiveMin: true, default: 0.1, help: "Huber threshold δ > 0" },
  "sybil-links": { kind: "int", min: 1, max: 1e6, default: 2, help: "links each Sybil identity opens (preferential attachment)" },
  rounds: { kind: "int", min: 0, max: 1e9, default: 10000, help: "maximum rounds" },
  tolerance: { kind: "number", min: 0, default: 1e-6, help: "stop when the honest spread max − min < TOL" },
};

async function consensus(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  const [graphKey, runKey] = split(key(values.seed as number), 2) as [Key, Key];
  const graph = graphFromSpec(values.graph as string, graphKey, { needsEdges: true });
  const faulty = values.faulty as number;
  const fault = values.fault as FaultKind;
  if (fault !== "sybil" && faulty > graph.n - 1)
    fail(`emtd consensus: --faulty must be an integer in [0, ${graph.n - 1}] (one honest node at least) (got ${faulty})`);
  if (fault === "sybil" && (values["sybil-links"] as number) > graph.n)
    fail(`emtd consensus: --sybil-links must be an integer in [1, ${graph.n}] (got ${values["sybil-links"]})`);
  const r = runFaultyConsensus(
    graph,
    {
      faulty,
      fault,
      faultValue: values["fault-value"] as number,
      rule: values.rule as RuleName,
      trim: values.trim as number | undefined,
      delta: values.delta as number,
      sybilLinks: values["sybil-links"] as number,
      rounds: values.rounds as number,
      tolerance: values.tolerance as number,
      traceEvery: Math.max(1, Math.ceil((values.rounds as number) / 1000)),
    },
    runKey,
  );
  return {
    command: "consensus",
    graph: graph.label,
    nodes: r.nodes,
    edges: r.edges,
    honest: r.honest,
    faulty: r.faulty,
    fault: r.fault,
    faultValue: values["fault-value"],
    rule: r.rule,
    trim: r.trim,
    delta: r.delta,
    step: r.weight / 2,
    seed: values.seed,
    tolerance: values.tolerance,
    honestMin: r.honestMin,
    honestMax: r.honestMax,
    honestSpread: r.honestSpread,
    honestMean: r.honestMean,
    initialHonestMin: r.initialHonestMin,
    initialHonestMax: r.initialHonestMax,
    initialHonestMean: r.initialHonestMean,
    hullViolation: r.hullViolation,
    rounds: r.rounds,
    converged: r.converged,
    byzantineBound: r.honest + r.faulty >= 3 * r.faulty + 1,
  };
}

function render(r: Record<string, unknown>): string {
  return [
    `${r.rule} on ${r.graph} (${r.nodes} nodes, ${r.edges} edges): ${r.faulty} ${r.fault} faulty (V = ${r.faultValue}), ${r.honest} honest`,
    `honest initial range [${fixed(r.initialHonestMin, 4)}, ${fixed(r.initialHonestMax, 4)}], mean ${fixed(r.initialHonestMean, 4)}`,
    `after ${r.rounds} rounds: [${fixed(r.honestMin, 6)}, ${fixed(r.honestMax, 6)}], spread ${Number(r.honestSpread).toExponential(2)}, mean ${fixed(r.honestMean, 6)}`,
    `${r.converged ? `converged (spread < ${Number(r.tolerance).toExponential(0)})` : `not converged in ${r.rounds} rounds (spread ${Number(r.honestSpread).toExponential(2)} ≥ tolerance ${Number(r.tolerance).toExponential(0)})`}; left the initial hull by ${fixed(r.hullViolation, 6)}`,
  ].join("\n");
}

export const consensusCommand: Command = { name: "consensus", summary, options, run: consensus, render };
