/**
 * The ambient model's former structured fast path, kept as a name: since issue 72 {@link simulateAmbient} itself runs
 * on the op of ops/ambient-step (the SIMD step, runs as lanes, participation that varies in time included), so the
 * two are one function and one step.
 */
import type { Key } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import { type AdversaryOptions, type AmbientTrace, type Injection, simulateAmbient } from "./simulate";

/** The options of {@link simulateAmbientFast}: those of `simulateAmbient` with constant participation. */
export interface AmbientFastOptions {
  graph: Graph;
  runs: number;
  duration: number;
  /** γ (0.1), κ (1), b (1), T (0.05), h (0.05): as `simulateAmbient`. */
  decay?: number;
  coupling?: number;
  depth?: number;
  temperature?: number;
  dt?: number;
  /** Constant activity per node (default every node 1). */
  participation?: ArrayLike<number>;
  injections?: readonly Injection[];
  adversary?: AdversaryOptions;
  recordEvery?: number;
  excludeFromObservables?: readonly number[];
}

/**
 * The ambient model with constant participation: {@link simulateAmbient} (module comment) with `substeps: "auto"`,
 * as the fast path took them.
 *
 * @example
 * ```ts
 * const graph = ringGraph(16, 4); // every node starts holding A = +1
 * const trace = simulateAmbientFast({ graph, runs: 8, duration: 5, temperature: 0.5 }, key(2));
 * trace.times.length; // → 101 (a record every duration / 100)
 * ```
 */
export function simulateAmbientFast(options: AmbientFastOptions, key: Key): AmbientTrace {
  return simulateAmbient({ substeps: "auto", ...options }, key);
}
