/**
 * §1.2's entropic penalty λΣ_i∇²S_i: does it rise when every node's local entropy rises, and does its force lower
 * the entropy? One function for the claim p1.2-entropic-penalty, figure entropic-penalty and notebook 01.
 */
import * as tf from "@tensorflow/tfjs";
import { normal, type Key } from "../../engine/random";
import { graphFromSpec } from "../../graph/spec";
import type { Graph } from "../../graph/graph";
import { adjacencyProduct } from "../../ops/adjacency";
import { operators, releaseGraph } from "../../ops/tensors";
import { autodiffGradient, defineTerm, energyValue, type Term } from "../../hamiltonian/term";
import { entropicPenalty, localShannonEntropy } from "../../hamiltonian/entropy";

/** The two standard graph Laplacians ∇² of the term. */
export type PenaltyLaplacian = "combinatorial" | "random-walk";

/** Below this largest |∂term/∂Ψ| the term exerts no force (float32 rounding of a gradient). */
const NO_FORCE = 1e-4;

/** What {@link entropicPenaltyResponse} finds. */
export interface EntropicPenaltyResponse {
  /** Change of the term when the field is doubled (every S_i rises by d·ln 2). */
  rise: number;
  /** Mean rise of S_i under that doubling. */
  entropyRise: number;
  /** Σ_i 2deg_i|S_i|, the scale of the summands (what float32 rounding is relative to). */
  summands: number;
  /** Largest |∂term/∂Ψ|. */
  force: number;
  /** Drop of Σ_i S_i after one descent step of size 0.01 (0 when there is no force). */
  entropyDrop: number;
  /** Per node: S_i and the term's summand λ∇²S_i (their sum is the term). */
  perNode: { entropy: number[]; summand: number[] };
}

/**
 * λΣ_i∇²S_i with ∇² the random-walk Laplacian D⁻¹A − I: λΣ_i((1/d_i)Σ_j J_ij S_j − S_i), the other standard graph
 * Laplacian (the combinatorial one is the library's `entropicPenalty`).
 */
export function randomWalkPenalty(graph: Graph, lambda: number): Term {
  return defineTerm({
    name: `λΣ(D⁻¹A − I)S (λ=${lambda})`,
    energy: (psi) => tf.tidy(() => tf.mul(tf.sum(randomWalkLaplacian(psi, graph)), lambda) as tf.Scalar),
  });
}

function randomWalkLaplacian(psi: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  return tf.tidy(() => {
    const s = tf.reshape(localShannonEntropy(psi, graph), [graph.n, 1]) as tf.Tensor2D;
    return tf.sub(tf.div(adjacencyProduct(s, graph), operators(graph).degree), s) as tf.Tensor2D;
  });
}

function combinatorialLaplacian(psi: tf.Tensor2D, graph: Graph): tf.Tensor2D {
  return tf.tidy(() => {
    const s = tf.reshape(localShannonEntropy(psi, graph), [graph.n, 1]) as tf.Tensor2D;
    return tf.sub(adjacencyProduct(s, graph), tf.mul(operators(graph).degree, s)) as tf.Tensor2D;
  });
}

/**
 * On the graph `spec` (`stream("graph")`) a 2-channel standard-normal field (`stream("field")`); the term measured is
 * λΣ_i∇²S_i (λ = 1) with the chosen Laplacian, or `term(graph)` where given (a mechanism's entropic part: the
 * written term for the proposal; never a term merely added to ℋ). The summands' scale is the written term's.
 *
 * @example
 * ```ts
 * const stream = (name: string) => streamKey("example", name, 0, 0);
 * const r = entropicPenaltyResponse(stream, { spec: "ws:200:4:0.1", laplacian: "combinatorial" });
 * Math.abs(r.rise) / r.summands < 1e-6; // → true (Σ_i(LS)_i = 0, up to float32 rounding of the summands)
 * ```
 */
export function entropicPenaltyResponse(
  stream: (name: string) => Key,
  o: { spec: string; laplacian: PenaltyLaplacian; term?: (graph: Graph) => Term },
): EntropicPenaltyResponse {
  const G = graphFromSpec(o.spec, stream("graph"));
  const combinatorial = o.laplacian === "combinatorial";
  const written = combinatorial ? entropicPenalty(G, { lambda: 1 }) : randomWalkPenalty(G, 1);
  const P = o.term?.(G) ?? written;
  const field = normal(stream("field"), [G.n, 2]) as tf.Tensor2D;
  const hot = tf.tidy(() => tf.mul(field, 2) as tf.Tensor2D);
  const entropy = (x: tf.Tensor2D): number => tf.tidy(() => tf.sum(localShannonEntropy(x, G)).dataSync()[0]!);
  const summands = tf.tidy(() => {
    const s = tf.reshape(localShannonEntropy(field, G), [G.n, 1]);
    return tf.sum(tf.mul(tf.mul(operators(G).degree, 2), tf.abs(s))).dataSync()[0]!;
  });
  const perNode = tf.tidy(() => ({
    entropy: Array.from(localShannonEntropy(field, G).dataSync()),
    summand: Array.from((combinatorial ? combinatorialLaplacian(field, G) : randomWalkLaplacian(field, G)).dataSync()),
  }));
  const rise = energyValue(P, hot) - energyValue(P, field);
  const entropyRise = (entropy(hot) - entropy(field)) / G.n;
  const grad = autodiffGradient(P, field);
  const force = tf.tidy(() => tf.max(tf.abs(grad)).dataSync()[0]!);
  let entropyDrop = 0;
  if (force > NO_FORCE) {
    const moved = tf.tidy(() => tf.sub(field, tf.mul(grad, 0.01 / force)) as tf.Tensor2D);
    entropyDrop = entropy(field) - entropy(moved);
    moved.dispose();
  }
  tf.dispose([grad, field, hot]);
  releaseGraph(G);
  return { rise, entropyRise, summands, force, entropyDrop, perNode };
}
