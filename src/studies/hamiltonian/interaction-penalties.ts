/**
 * §1.2's "ℋ penalizes entropy (disagreement) and latency": ℋ along a growing disagreement, its interaction against
 * the edge-sum reference, and ℋ on one field with every link's latency doubled, under a reading of where latency
 * enters. One function for the claim p1.2-interaction-energy and notebook 01.
 */
import * as tf from "@tensorflow/tfjs";
import { normal, uniformSource, type Key } from "../../engine/random";
import { graphFromSpec } from "../../graph/spec";
import type { Graph } from "../../graph/graph";
import { withCouplings } from "../../graph/ricci";
import { releaseGraph } from "../../ops/tensors";
import { autodiffGradient, energyValue, gradient, type Term } from "../../hamiltonian/term";

/** Where latency could enter ℋ: "absent" (ℋ as written) or "coupling" (J_ij ∝ 1/ℓ_ij). */
export type LatencyReading = "absent" | "coupling";

/** What {@link interactionPenalties} finds. */
export interface InteractionPenalties {
  /** ℋ at consensus (every ψ = 3) plus s·δ for s = 0, ½, 1, 2 (δ a zero-mean standard-normal disagreement). */
  along: number[];
  /** |H_int − edge-sum reference| / reference on δ. */
  energyGap: number;
  /** max |∇H_int − autodiff ∇reference| / max |autodiff ∇reference| on δ. */
  gradientGap: number;
  /** ℋ(consensus + δ) at latencies ℓ ~ U{1, …, 5}, and with every ℓ doubled. */
  base: number;
  doubled: number;
}

/**
 * The network with per-link latencies ℓ_e under one reading of where latency could enter ℋ: "absent" (ℋ as written:
 * its only link property is J_ij, "network bandwidth", so the graph is the same whatever the latencies), or
 * "coupling" (J_ij ∝ 1/ℓ_ij: a slower link couples less per round).
 */
export function latencyNetwork(graph: Graph, latency: Float64Array, factor: number, reading: LatencyReading): Graph {
  if (reading === "absent") return graph;
  const coupling = Float64Array.from(latency, (l, e) => graph.weight[e]! / (factor * l));
  return withCouplings(graph, coupling, `${graph.label} with J_ij = 1/(${factor}ℓ_ij)`);
}

/**
 * On the graph `spec` (`stream("graph")`), a 2-channel disagreement δ (`stream("field")`) and latencies
 * (`stream("latency")`). `energy` is ℋ on a graph, `interaction` and `reference` the interaction term and its
 * edge-sum reference on a graph.
 *
 * @example
 * ```ts
 * const stream = (name: string) => streamKey("example", name, 0, 0);
 * const p = interactionPenalties(stream, { energy: (g) => interaction(g), interaction: (g) => interaction(g), reference: (g) => interactionReference(g), latency: "absent" });
 * [p.along[0], p.base === p.doubled]; // → [0, true] (no term of ℋ takes a delay)
 * ```
 */
export function interactionPenalties(
  stream: (name: string) => Key,
  o: {
    energy: (graph: Graph) => Term;
    interaction: (graph: Graph) => Term;
    reference: (graph: Graph) => Term;
    latency: LatencyReading;
    spec?: string;
  },
): InteractionPenalties {
  const graph = graphFromSpec(o.spec ?? "ws:200:4:0.1", stream("graph"));
  const raw = normal(stream("field"), [graph.n, 2]);
  const delta = tf.tidy(() => tf.sub(raw, tf.mean(raw, 0, true)) as tf.Tensor2D);
  raw.dispose();
  // A variant's part may throw (compareVariant then reports an error row): the field and the graph are freed anyway.
  let disagreeing: tf.Tensor2D | null = null;
  try {
    const H = o.energy(graph);
    const Hint = o.interaction(graph),
      Href = o.reference(graph);
    const energyGap = Math.abs(energyValue(Hint, delta) - energyValue(Href, delta)) / energyValue(Href, delta);
    const gA = gradient(Hint, delta),
      gB = autodiffGradient(Href, delta);
    const maxAbs = (t: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!);
    const gradientGap = tf.tidy(() => maxAbs(tf.sub(gA, gB)) / maxAbs(gB));
    tf.dispose([gA, gB]);
    const along = [0, 0.5, 1, 2].map((s) => {
      const field = tf.tidy(() => tf.add(tf.mul(delta, s), 3) as tf.Tensor2D);
      const value = energyValue(H, field);
      field.dispose();
      return value;
    });
    // Latency: the same field, the links' latencies doubled.
    const draw = uniformSource(stream("latency"));
    const latency = Float64Array.from({ length: graph.edgeCount }, () => 1 + Math.floor(5 * draw()));
    const field = tf.tidy(() => tf.add(delta, 3) as tf.Tensor2D);
    disagreeing = field;
    const atLatency = (factor: number): number => {
      const net = latencyNetwork(graph, latency, factor, o.latency);
      const value = energyValue(o.energy(net), field);
      if (net !== graph) releaseGraph(net);
      return value;
    };
    const base = atLatency(1),
      doubled = atLatency(2);
    return { along, energyGap, gradientGap, base, doubled };
  } finally {
    tf.dispose([delta, ...(disagreeing ? [disagreeing] : [])]);
    releaseGraph(graph);
  }
}
