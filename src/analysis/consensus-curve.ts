/**
 * The whole consensus-error curve of the gradient flow dx/dt = −2Lx, by the explicit Euler recurrence that
 * {@link measureConsensus} runs (h = 0.1 / max weighted degree), in float64 arrays so thousands of samples cost
 * nothing: x ← x − 2h·L x with the library's one float64 Laplacian (graph/laplacian). The error is
 * (1/N) Σ_i (x_i − x̄)² (one channel; x̄ is conserved).
 */
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import { laplacianOperator } from "../graph/laplacian";

export interface ConsensusCurve {
  /** Continuous times t = step·h of the samples, from 0. */
  t: number[];
  /** Consensus error at each sample. */
  error: number[];
  /** The Euler step h. */
  step: number;
}

const WHERE = "emtd/analysis/consensusErrorCurve";

function spread(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mean) ** 2;
  return s / x.length;
}

/**
 * The consensus error along the gradient flow from `initial` (one value per node) up to time `tMax`, about
 * `samples` points evenly spaced in steps (the first at t = 0, the last at the final step).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const indicator = Array.from({ length: graph.n }, (_, i) => (i === 0 ? 1 : 0)); // one node starts at 1
 * const c = consensusErrorCurve(graph, indicator, 50, 400);
 * [c.step, c.error[0]]; // → [0.05, 0.09] (h = 0.1 / degree 2; (1/N)Σ(x − x̄)² = 0.9/10)
 * firstCrossing(c, 1e-4); // → 5 (the time the error falls to 10⁻⁴ of its start)
 * ```
 */
export function consensusErrorCurve(graph: Graph, initial: ArrayLike<number>, tMax: number, samples = 300): ConsensusCurve {
  if (initial.length !== graph.n) throw new ArgumentError(WHERE, "initial", `${graph.n} values (one per node)`, initial.length);
  check.positive(WHERE, "tMax", tMax);
  check.integer(WHERE, "samples", samples, 1);
  let maxDegree = 0;
  for (let i = 0; i < graph.n; i++) maxDegree = Math.max(maxDegree, graph.degree[i]!);
  const h = 0.1 / check.positive(WHERE, "max weighted degree", maxDegree);
  const steps = Math.ceil(tMax / h);
  const every = Math.max(1, Math.floor(steps / samples));
  const apply = laplacianOperator(graph);
  const x = Float64Array.from(initial);
  const lx = new Float64Array(graph.n);
  const t = [0];
  const error = [spread(x)];
  for (let step = 1; step <= steps; step++) {
    apply(x, lx);
    for (let i = 0; i < x.length; i++) x[i] = x[i]! - 2 * h * lx[i]!;
    if (step % every === 0 || step === steps) {
      t.push(step * h);
      error.push(spread(x));
    }
  }
  return { t, error, step: h };
}

/**
 * The first sampled time at which the curve has fallen to `reduction` × its start; Infinity if it never does.
 *
 * @example
 * ```ts
 * firstCrossing({ t: [0, 1, 2, 3], error: [1, 0.5, 0.09, 0.01] }, 0.1); // → 2
 * firstCrossing({ t: [0, 1], error: [1, 0.5] }, 0.1); // → Infinity
 * ```
 */
export function firstCrossing(curve: Pick<ConsensusCurve, "t" | "error">, reduction: number): number {
  const i = curve.error.findIndex((e) => e <= reduction * curve.error[0]!);
  return i < 0 ? Number.POSITIVE_INFINITY : curve.t[i]!;
}
