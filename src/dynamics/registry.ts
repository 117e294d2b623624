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
import { type ChainEnergy, isChainEnergy } from "../hamiltonian/chain-energy";
import { gradientFlow, mala, ula } from "./gradient";
import { metropolis } from "./metropolis";
import type { ChainIntegrator, Integrator } from "./types";

export interface IntegratorChoice {
  /** Temperature T > 0 (k_B = 1); ignored by gradient flow. */
  temperature: number;
  /** Step size h (proposal scale σ for Metropolis); {@link defaultStep} when absent. */
  step?: number;
  /** Site order for Metropolis. Default "colour". */
  order?: "colour" | "sequential";
}

/** An integrator in the registry: how to build it for an energy, and its default step. */
export interface IntegratorEntry {
  /** Whether it steps R chains side by side (a `ChainEnergy`) as well as one field (a term). */
  chains: boolean;
  /** Its default step on `graph` at `temperature`. Default: the gradient integrators' 0.25/(2·max D). */
  defaultStep?(graph: Graph, temperature: number): number;
  /** The sampler for `energy` (a term: one field; a `ChainEnergy`: R chains, where `chains`) at this step and T. */
  build(
    energy: Term | ChainEnergy,
    graph: Graph,
    choice: Required<Pick<IntegratorChoice, "step" | "temperature">> & IntegratorChoice,
  ): Integrator | ChainIntegrator;
}

const WHERE = "emtd/dynamics/makeIntegrator";

function maxDegree(graph: Graph): number {
  let m = 0;
  for (let i = 0; i < graph.n; i++) m = Math.max(m, graph.degree[i]!);
  return Math.max(m, 1);
}

const gradientStep = (graph: Graph) => 0.25 / (2 * maxDegree(graph));

/** A built-in integrator's name (the compiler holds it to the keys of the registry's table); {@link registerIntegrator} adds others. */
export type IntegratorName = "ula" | "mala" | "metropolis" | "gradient-flow";

/** The built-in integrators, in the order the CLI lists them: the one table of their names. */
const BUILT_IN = {
  ula: { chains: true, build: (energy, _graph, { step, temperature }) => ula(energy, { step, temperature }) },
  mala: { chains: true, build: (energy, _graph, { step, temperature }) => mala(energy, { step, temperature }) },
  metropolis: {
    chains: true,
    defaultStep: (graph, temperature) => Math.sqrt(temperature / (2 * maxDegree(graph))),
    build: (energy, graph, { step, temperature, order }) => metropolis(energy, graph, { step, temperature, order: order ?? "colour" }),
  },
  "gradient-flow": { chains: false, build: (energy, _graph, { step }) => gradientFlow(energy, { step }) },
} satisfies Record<IntegratorName, IntegratorEntry>;

const registry = new Map<string, IntegratorEntry>(Object.entries(BUILT_IN));

/** The built-in integrators' names, read from the registry before any is added (the CLI lists {@link integratorNames}). */
export const INTEGRATOR_NAMES: readonly IntegratorName[] = Object.freeze(integratorNames() as IntegratorName[]);

/** The built-in names that step R chains in one tensor (a `ChainEnergy`); {@link chainIntegratorNames} adds yours. */
export const CHAIN_INTEGRATOR_NAMES: readonly IntegratorName[] = Object.freeze(chainIntegratorNames() as IntegratorName[]);

/** Every registered name: the built-ins, then yours in the order registered. */
export function integratorNames(): string[] {
  return [...registry.keys()];
}

/** The registered names that step R chains side by side. */
export function chainIntegratorNames(): string[] {
  return [...registry].filter(([, entry]) => entry.chains).map(([name]) => name);
}

function entryOf(name: string): IntegratorEntry {
  const entry = registry.get(name);
  if (!entry) throw new ArgumentError(WHERE, "name", `one of ${integratorNames().join(", ")}`, name);
  return entry;
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
export function defaultStep(name: IntegratorName | (string & {}), graph: Graph, temperature: number): number {
  const entry = entryOf(name);
  return entry.defaultStep ? entry.defaultStep(graph, temperature) : gradientStep(graph);
}

/**
 * Build integrator `name` for `energy` on `graph` (Metropolis proposes site by site on the graph's colouring or in
 * node order), with `choice.step` or the {@link defaultStep}: one field for a term, R chains for a `ChainEnergy`
 * (the names in {@link chainIntegratorNames}). Throws an ArgumentError naming the accepted names.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const integrator = makeIntegrator("mala", interaction(graph), graph, { temperature: 1 });
 * integrator.stepSize; // → 0.0625 (defaultStep("mala", graph, 1) = 0.25 / (2 · degree 2))
 * const x0 = tf.zeros([graph.n, 2]) as tf.Tensor2D;
 * const result = run(integrator, x0, { steps: 200, burnIn: 50 }, key(1));
 * [result.meanEnergy, result.energyMcse]; // → [11.39, 1.39] (exact ⟨H⟩ = equipartitionEnergy(10, 2, 1) = 9)
 * try {
 *   makeIntegrator("leapfrog" as IntegratorName, interaction(graph), graph, { temperature: 1 });
 * } catch (e) {
 *   (e as Error).message; // → "emtd/dynamics/makeIntegrator: name must be one of ula, mala, metropolis, gradient-flow (got \"leapfrog\")"
 * }
 * tf.dispose([x0, result.final]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function makeIntegrator(
  name: IntegratorName | (string & {}),
  energy: ChainEnergy,
  graph: Graph,
  choice: IntegratorChoice,
): ChainIntegrator;
export function makeIntegrator(name: IntegratorName | (string & {}), energy: Term, graph: Graph, choice: IntegratorChoice): Integrator;
export function makeIntegrator(
  name: IntegratorName | (string & {}),
  energy: Term | ChainEnergy,
  graph: Graph,
  choice: IntegratorChoice,
): Integrator | ChainIntegrator;
export function makeIntegrator(
  name: IntegratorName | (string & {}),
  energy: Term | ChainEnergy,
  graph: Graph,
  choice: IntegratorChoice,
): Integrator | ChainIntegrator {
  const entry = entryOf(name);
  const temperature = name === "gradient-flow" ? choice.temperature : check.positive(WHERE, "temperature", choice.temperature);
  const step = choice.step ?? defaultStep(name, graph, temperature);
  if (isChainEnergy(energy) && !entry.chains)
    throw new ArgumentError(WHERE, "name", `one of ${chainIntegratorNames().join(", ")} for R chains`, name);
  return entry.build(energy, graph, { ...choice, step, temperature });
}

/**
 * Add integrator `name` to the registry, so that {@link makeIntegrator} (and the front ends that choose by name) build
 * it. A sampler written once over chains (`unadjustedSampler`, or your own on the one face) runs one field and R
 * chains; say so with `chains: true`. Throws an ArgumentError for a name already taken.
 *
 * @example
 * ```ts
 * // ULA at half the temperature asked, by name (a proposal of your own goes where ulaProposal is).
 * const build: IntegratorEntry["build"] = (energy, _graph, { step, temperature }) =>
 *   unadjustedSampler("ula-half", energy, ulaProposal, { step, temperature: temperature / 2 });
 * if (!integratorNames().includes("ula-half")) registerIntegrator("ula-half", { chains: true, build });
 * const graph = ringGraph(10, 2);
 * const integrator = makeIntegrator("ula-half", interactionChains(graph, 8), graph, { temperature: 1 });
 * [integrator.chains, integrator.temperature]; // → [8, 0.5]
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function registerIntegrator(name: string, entry: IntegratorEntry): void {
  if (typeof name !== "string" || !/^[a-z][a-z0-9-]*$/.test(name))
    throw new ArgumentError("emtd/dynamics/registerIntegrator", "name", "a lower-case name (letters, digits, -)", name);
  if (registry.has(name))
    throw new ArgumentError(
      "emtd/dynamics/registerIntegrator",
      "name",
      `a name not yet registered (${[...registry.keys()].join(", ")} are)`,
      name,
    );
  if (entry === null || typeof entry !== "object" || typeof entry.build !== "function" || typeof entry.chains !== "boolean")
    throw new ArgumentError(
      "emtd/dynamics/registerIntegrator",
      "entry",
      "{ chains: boolean, build: (energy, graph, choice) => sampler, defaultStep? }",
      entry,
    );
  registry.set(name, entry);
}
