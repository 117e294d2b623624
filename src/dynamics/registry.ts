/**
 * The integrators by name, each with its default step, for front ends that choose one from a string (`emtd
 * sample --integrator`, `emtd run` configs, notebooks). The defaults are for the interaction energy with unit
 * couplings, whose Hessian 2L has λ_max ≤ 2·max_i D_i (D_i the weighted degree):
 *
 * - gradient flow, ULA, MALA: h = 1/4 of the explicit-Euler stability limit 1/λ_max ≥ 1/(2·max D);
 * - random-walk Metropolis: proposal scale σ = √(T / (2·max D)), the thermal width of the stiffest single site.
 */
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import type { Term } from "../hamiltonian/term";
import { type ChainEnergy, type ChainIntegrator, isChainEnergy } from "./batched";
import { gradientFlow, mala, ula } from "./gradient";
import { metropolis } from "./metropolis";
import type { Integrator } from "./types";

/** The names {@link makeIntegrator} accepts, in the order the CLI lists them. */
export const INTEGRATOR_NAMES = ["ula", "mala", "metropolis", "gradient-flow"] as const;
export type IntegratorName = (typeof INTEGRATOR_NAMES)[number];

/** The names {@link makeIntegrator} accepts for R chains in one tensor (a `ChainEnergy`). */
export const CHAIN_INTEGRATOR_NAMES = ["ula", "mala"] as const satisfies readonly IntegratorName[];

export interface IntegratorChoice {
  /** Temperature T > 0 (k_B = 1); ignored by gradient flow. */
  temperature: number;
  /** Step size h (proposal scale σ for Metropolis); {@link defaultStep} when absent. */
  step?: number;
  /** Site order for Metropolis. Default "colour". */
  order?: "colour" | "sequential";
}

const WHERE = "emtd/dynamics/makeIntegrator";

function maxDegree(graph: Graph): number {
  let m = 0;
  for (let i = 0; i < graph.n; i++) m = Math.max(m, graph.degree[i]!);
  return Math.max(m, 1);
}

/**
 * The default step of integrator `name` on `graph` at `temperature` (module comment): 0.25/(2·max D) for the
 * gradient integrators, √(T/(2·max D)) for Metropolis.
 *
 * @example
 * ```ts
 * defaultStep("mala", graphs.ring(200, 10), 1); // 0.0125
 * ```
 */
export function defaultStep(name: IntegratorName, graph: Graph, temperature: number): number {
  checkName(name);
  const d = maxDegree(graph);
  return name === "metropolis" ? Math.sqrt(temperature / (2 * d)) : 0.25 / (2 * d);
}

function checkName(name: string): asserts name is IntegratorName {
  if (!(INTEGRATOR_NAMES as readonly string[]).includes(name))
    throw new ArgumentError(WHERE, "name", `one of ${INTEGRATOR_NAMES.join(", ")}`, name);
}

/**
 * Build integrator `name` for `energy` on `graph` (Metropolis proposes site by site on the graph's colouring or in
 * node order), with `choice.step` or the {@link defaultStep}: one chain for a term, R chains for a `ChainEnergy`
 * (the names in {@link CHAIN_INTEGRATOR_NAMES}). Throws an ArgumentError naming the accepted names.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const integrator = makeIntegrator("mala", interaction(graph), graph, { temperature: 1 });
 * integrator.stepSize; // → 0.0625 (defaultStep("mala", graph, 1) = 0.25 / (2 · degree 2))
 * const x0 = tf.zeros([graph.n, 2]) as tf.Tensor2D;
 * const result = run(integrator, x0, { steps: 200, burnIn: 50 }, key(1));
 * [result.meanEnergy, result.energyMcse]; // → [8.75, 0.48] (exact ⟨H⟩ = equipartitionEnergy(10, 2, 1) = 9)
 * try {
 *   makeIntegrator("leapfrog" as IntegratorName, interaction(graph), graph, { temperature: 1 });
 * } catch (e) {
 *   (e as Error).message; // → "emtd/dynamics/makeIntegrator: name must be one of ula, mala, metropolis, gradient-flow (got \"leapfrog\")"
 * }
 * tf.dispose([x0, result.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function makeIntegrator(name: IntegratorName, energy: ChainEnergy, graph: Graph, choice: IntegratorChoice): ChainIntegrator;
export function makeIntegrator(name: IntegratorName, energy: Term, graph: Graph, choice: IntegratorChoice): Integrator;
export function makeIntegrator(
  name: IntegratorName,
  energy: Term | ChainEnergy,
  graph: Graph,
  choice: IntegratorChoice,
): Integrator | ChainIntegrator {
  checkName(name);
  const temperature = name === "gradient-flow" ? choice.temperature : check.positive(WHERE, "temperature", choice.temperature);
  const step = choice.step ?? defaultStep(name, graph, temperature);
  if (isChainEnergy(energy)) {
    if (!(CHAIN_INTEGRATOR_NAMES as readonly string[]).includes(name))
      throw new ArgumentError(WHERE, "name", `one of ${CHAIN_INTEGRATOR_NAMES.join(", ")} for R chains`, name);
    return name === "mala" ? mala(energy, { step, temperature }) : ula(energy, { step, temperature });
  }
  switch (name) {
    case "mala":
      return mala(energy, { step, temperature });
    case "ula":
      return ula(energy, { step, temperature });
    case "gradient-flow":
      return gradientFlow(energy, { step });
    case "metropolis":
      return metropolis(energy, graph, { step, temperature, order: choice.order ?? "colour" });
  }
}
