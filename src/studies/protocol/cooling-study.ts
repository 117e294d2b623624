/**
 * Notebook 06's experiments (§2.2) in one place, called by the §2.2 claims (`claims/section2.ts`), the notebook's
 * figures (`figures/nb06-cooling.ts`) and the notebook: the four phases on ws:60:4:0.1 with the injecting node
 * pinned, crystallisation alone (the pinned zero-temperature flow), and one injection diffused with nothing pinned.
 * Callers pass the keys (graph and run), so a claim's replicate and a figure's seed each get their own streams.
 */
import type { Key } from "../../engine/random";
import { graphFromSpec } from "../../graph/spec";
import type { Graph } from "../../graph/graph";
import { interaction } from "../../hamiltonian/interaction";
import type { Term } from "../../hamiltonian/term";
import type { Schedule } from "../../dynamics/schedules";
import { gradientFlow } from "../../dynamics/gradient";
import { run } from "../../dynamics/run";
import { type CoolingOptions, type CoolingResult, thermodynamicCooling } from "../../protocol/cooling";
import * as tf from "@tensorflow/tfjs";

/** The network of notebook 06. */
export const COOLING_GRAPH = "ws:60:4:0.1";

/** The four phases as notebook 06 runs them: v = 1 injected at node 0, T₀ = 0.05, 200 + 200 hot steps, r = 0.95, 1 %. */
export const COOLING_OPTIONS: Readonly<CoolingOptions> = Object.freeze({
  value: 1,
  temperature: 0.05,
  diffusionSteps: 200,
  annealingSteps: 200,
  rate: 0.95,
  tolerance: 0.01,
});

/** What a study may run in place of the proposal's parts (a variant's); each defaults to the proposal's. */
export interface CoolingStudyParts {
  /** Also run crystallisation alone. */
  crystallisationOnly?: boolean;
  /** The coupling term (default `interaction(graph)`); the injecting node's anchor is added to it. */
  coupling?: (graph: Graph) => Term;
  /** The annealing schedule from T₀ (default geometric, r = 0.95). */
  schedule?: (initial: number) => Schedule;
}

export interface CoolingStudy {
  /** The four phases with the injecting node pinned. */
  full: CoolingResult;
  /** Crystallisation alone (no heat: T = 1e−9, one step each of diffusion and annealing), when asked for. */
  only?: CoolingResult;
}

/**
 * The study's graph, {@link COOLING_GRAPH} drawn from `key`. The caller releases it (`releaseGraph`).
 *
 * @example
 * ```ts
 * const graph = coolingGraph(key(1));
 * graph.n; // → 60
 * releaseGraph(graph);
 * ```
 */
export function coolingGraph(key: Key): Graph {
  return graphFromSpec(COOLING_GRAPH, key);
}

/**
 * The four phases on `graph` ({@link coolingGraph}) with noise from `runKey`, and crystallisation alone on the same
 * graph and key when `crystallisationOnly` is set. Call after `ready()`. Leaves no tensors but the graph's cache,
 * which its owner releases.
 *
 * @example
 * ```ts
 * await ready();
 * const graph = coolingGraph(key(1));
 * const { full } = coolingStudy(graph, key(2));
 * full.finalised; // → true
 * releaseGraph(graph);
 * ```
 */
export function coolingStudy(graph: Graph, runKey: Key, parts: CoolingStudyParts = {}): CoolingStudy {
  const replaced = (initial: number): Pick<CoolingOptions, "coupling" | "schedule"> => ({
    ...(parts.coupling ? { coupling: parts.coupling(graph) } : {}),
    ...(parts.schedule ? { schedule: parts.schedule(initial) } : {}),
  });
  const full = thermodynamicCooling(graph, runKey, { ...COOLING_OPTIONS, ...replaced(COOLING_OPTIONS.temperature!) });
  if (!parts.crystallisationOnly) return { full };
  const only = thermodynamicCooling(graph, runKey, {
    value: COOLING_OPTIONS.value,
    temperature: 1e-9,
    diffusionSteps: 1,
    annealingSteps: 1,
    tolerance: COOLING_OPTIONS.tolerance,
    ...replaced(1e-9),
  });
  return { full, only };
}

/** The unpinned diffusion of one injection: the final node values and what they are compared with. */
export interface FreeInjection {
  /** Final x_i. */
  values: number[];
  /** The injected value v and the conserved mean v/n. */
  value: number;
  mean: number;
  steps: number;
}

/**
 * One injection x₀ = v = 1 (every other node 0) diffused by zero-temperature gradient flow of H_int on `graph`
 * ({@link coolingGraph}), nothing pinned, h = 0.25/max D, `steps` steps (default 20000). Call after `ready()`.
 *
 * @example
 * ```ts
 * await ready();
 * const graph = coolingGraph(key(1));
 * const r = freeInjection(graph, key(3));
 * Math.max(...r.values); // → 0.01667: 1/60, the mean, conserved
 * releaseGraph(graph);
 * ```
 */
export function freeInjection(graph: Graph, runKey: Key, steps = 20000, coupling?: (graph: Graph) => Term): FreeInjection {
  const v = 1;
  const x0 = new Float32Array(graph.n);
  x0[0] = v;
  const initial = tf.tensor2d(x0, [graph.n, 1]);
  const maxDegree = Math.max(...graph.degree);
  const r = run(
    gradientFlow(coupling ? coupling(graph) : interaction(graph), { step: 0.5 / (2 * maxDegree) }),
    initial,
    { steps, recordEvery: steps },
    runKey,
  );
  const values = Array.from(r.final.dataSync());
  tf.dispose([initial, r.final]);
  return { values, value: v, mean: v / graph.n, steps };
}
