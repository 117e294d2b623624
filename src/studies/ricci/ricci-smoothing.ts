/**
 * §2.1's Ricci flow against consensus speed and curvature spread: per random graph of a family, the discrete Ricci
 * flow run on its weights (as lengths, the text's, or as couplings), and the log-ratios after/before of the gradient
 * flow's consensus time and of the Ollivier–Ricci curvature's spread. One function for the claim p2.1-ricci-flow,
 * figure nb04's smoothing figure and notebook 04.
 */
import { fold, type Key } from "../../engine/random";
import { graphFromSpec } from "../../graph/spec";
import { isConnected, type Graph } from "../../graph/graph";
import { flowCurvature } from "../../graph/ricci";
import { releaseGraph } from "../../ops/tensors";
import type { Term } from "../../hamiltonian/term";
import { ricciConsensus } from "../../analysis/consensus-time";
import { variance } from "../../stats/summary";

/** Per graph: ln(consensus time after/before) and ln(curvature sd after/before). */
export interface RicciFlowSmoothing {
  /** ln(consensus time after the flow / before), one per graph. */
  logSpeed: number[];
  /** ln(curvature sd after / before), one per graph. */
  logSpread: number[];
}

/** What the study runs. */
export interface RicciFlowSmoothingOptions {
  /** The graph family, a graphFromSpec spec (e.g. "ws:30:4:0.1"); each graph redrawn until connected. */
  spec: string;
  /** Graphs drawn. */
  graphs: number;
  /** What the flow evolves: the weights as lengths (the text's Ricci flow) or as couplings (the inverse flow). */
  weights: "length" | "coupling";
  /** The mechanism's interaction on a graph, the energy whose gradient flow is timed. */
  interaction: (graph: Graph) => Term;
  /** Flow steps (ε = 0.1, α = ½). Default 20. */
  steps?: number;
}

/**
 * Graph g is drawn from `fold(stream("graph"), g)` (folded further per redraw until connected); its field from
 * `fold(stream("field"), g)`. Deterministic for the stream.
 *
 * @example
 * ```ts
 * const r = ricciFlowSmoothing((name) => (name === "graph" ? key(0) : key(1)), { spec: "ws:30:4:0.1", graphs: 8, weights: "length", interaction: (g) => interaction(g) });
 * Math.exp(mean(r.logSpeed)); // → 1.35 (> 1: consensus is slower after the text's flow)
 * Math.exp(mean(r.logSpread)); // → 0.463 (< 1: the lengths' own curvature is more uniform after their flow)
 * ```
 */
export function ricciFlowSmoothing(stream: (name: string) => Key, o: RicciFlowSmoothingOptions): RicciFlowSmoothing {
  const keys = { graph: stream("graph"), field: stream("field") };
  const logSpeed: number[] = [],
    logSpread: number[] = [];
  for (let g = 0; g < o.graphs; g++) {
    const graph = connectedGraph(o.spec, fold(keys.graph, g));
    const r = ricciConsensus(graph, { steps: o.steps ?? 20, epsilon: 0.1, alpha: 0.5, weights: o.weights }, fold(keys.field, g), {
      reduction: 1e-3,
      interaction: o.interaction,
    });
    logSpeed.push(Math.log(r.speedup));
    // The spread in the metric the flow used: the lengths' own curvature for the length reading, hop for couplings.
    const curvature = (g: Graph) => flowCurvature(g, { alpha: 0.5, weights: o.weights });
    logSpread.push(Math.log(sdOf(curvature(r.flowed)) / sdOf(curvature(graph))));
    releaseGraph(r.flowed);
    releaseGraph(graph);
  }
  return { logSpeed, logSpread };
}

/** A graph of the family, redrawn (keys folded further) until connected. */
function connectedGraph(spec: string, key: Key): Graph {
  for (let attempt = 0; ; attempt++) {
    const graph = graphFromSpec(spec, fold(key, attempt));
    if (isConnected(graph)) return graph;
    releaseGraph(graph);
  }
}

function sdOf(k: Float64Array): number {
  return Math.sqrt((variance(k) * (k.length - 1)) / k.length);
}
