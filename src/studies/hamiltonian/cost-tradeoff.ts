/**
 * §1.2's cost term μ∫ρ: the noiseless §1.3 flow with and without it from one start, and what it trades (the cost
 * Σρ_i against the disagreement Σ‖ψ_i − ψ_j‖²). One function for the claim p1.2-computational-cost, figure
 * cost-term-flow and notebook 01.
 */
import * as tf from "@tensorflow/tfjs";
import { normal, type Key } from "../../engine/random";
import { graphFromSpec } from "../../graph/spec";
import type { Graph } from "../../graph/graph";
import { releaseGraph } from "../../ops/tensors";
import { defineTerm, energyValue, sum, type Term } from "../../hamiltonian/term";
import { interaction } from "../../hamiltonian/interaction";
import { computationalCost, constantDensity, massDensity } from "../../hamiltonian/cost";
import { gradientFlow } from "../../dynamics/gradient";
import { run } from "../../dynamics/run";
import { flowToRest } from "../../dynamics/flow-to-rest";

/** The density ρ: "1" (as written, ρ = 1 per node) or "mass" (ρ = ‖ψ_i‖², §2.1's data as mass). */
export type CostDensity = "1" | "mass";

/** The end of one flow, and its trace. */
export interface CostFlowEnd {
  /** Σ‖ψ_i − ψ_j‖² at the end. */
  disagreement: number;
  /** Σ_i ρ_i at the end. */
  cost: number;
  /** Mean of Ψ at the end (the agreed value). */
  agreed: number;
  /** Per recorded step: the mean of Ψ and the consensus error (empty for a flow run to rest). */
  trace: Array<{ step: number; mean: number; consensusError: number }>;
  /** Steps the flow took. */
  steps: number;
}

/** What {@link costTradeoff} finds: the flow at μ = 0 and with the cost term, and the exact mass-term factor. */
export interface CostTradeoff {
  /** The starting field's disagreement and cost (ρ as given), the scale of a change. */
  start: { disagreement: number; cost: number };
  free: CostFlowEnd;
  priced: CostFlowEnd;
  /** (1 − 2μh)^k, the factor by which a mass term shrinks the agreed value (k the priced flow's steps). */
  factor: number;
}

/**
 * On the graph `spec` (`stream("graph")`), a 2-channel field N(3, 1) (`stream("field")`); gradient flow (h, `steps`)
 * of `energy` on the graph, and of `energy` + μΣρ_i, from that start (`stream("run")`); with `rest`, each flow runs to
 * rest instead.
 *
 * @example
 * ```ts
 * const stream = (name: string) => streamKey("example", name, 0, 0);
 * const t = costTradeoff(stream, { energy: (g) => interaction(g), mu: 0.05, rho: "mass" });
 * t.priced.agreed / t.free.agreed; // → 0.8183 (t.factor = (1 − 2·0.05·0.05)^40)
 * ```
 */
export function costTradeoff(
  stream: (name: string) => Key,
  o: {
    energy: (graph: Graph) => Term;
    mu: number;
    rho: CostDensity;
    spec?: string;
    step?: number;
    steps?: number;
    recordEvery?: number;
    /** Run each flow to rest (dynamics/flow-to-rest: ‖∇H‖ ≤ tolerance·‖∇H₀‖) instead of `steps` steps. */
    rest?: { tolerance: number; maxSteps: number };
  },
): CostTradeoff {
  const density = o.rho === "mass" ? massDensity : constantDensity;
  const graph = graphFromSpec(o.spec ?? "ws:100:4:0.1", stream("graph"));
  const start = tf.tidy(() => tf.add(normal(stream("field"), [graph.n, 2]), 3) as tf.Tensor2D);
  const h = o.step ?? 0.05,
    steps = o.steps ?? 40;
  const disagreementOf = interaction(graph),
    costOf = computationalCost({ mu: 1, density });
  const meanOf = (t: tf.Tensor): number => tf.tidy(() => tf.mean(t).dataSync()[0]!);
  const end = (H: Term): CostFlowEnd => {
    if (o.rest) {
      const r = flowToRest(H, start, { step: h, ...o.rest }, stream("run"));
      const out = {
        disagreement: energyValue(disagreementOf, r.final),
        cost: energyValue(costOf, r.final),
        agreed: meanOf(r.final),
        trace: [],
        steps: r.steps,
      };
      r.final.dispose();
      return out;
    }
    const r = run(
      gradientFlow(H, { step: h }),
      start,
      { steps, recordEvery: o.recordEvery ?? steps, observe: (p) => ({ mean: meanOf(p) }) },
      stream("run"),
    );
    const out = {
      disagreement: energyValue(disagreementOf, r.final),
      cost: energyValue(costOf, r.final),
      agreed: meanOf(r.final),
      trace: r.trace.map((x) => ({ step: x.step, mean: x.mean!, consensusError: x.consensusError! })),
      steps,
    };
    r.final.dispose();
    return out;
  };
  const initial = { disagreement: energyValue(disagreementOf, start), cost: energyValue(costOf, start) };
  const base = o.energy(graph);
  const free = end(base);
  // The cost term with a zero-weight link to Ψ: ρ = 1 does not depend on Ψ, and tfjs's tape leaks the tensors of a
  // gradient it refuses (hamiltonian/term's autodiff then falls back to zero); 0·ΣΨ changes no number.
  const cost = computationalCost({ mu: o.mu, density });
  const linked = defineTerm({ name: cost.name, energy: (psi) => tf.add(cost.energy(psi), tf.mul(tf.sum(psi), 0)) });
  const priced = end(sum(base, linked));
  start.dispose();
  releaseGraph(graph);
  return { start: initial, free, priced, factor: (1 - 2 * o.mu * h) ** priced.steps };
}
