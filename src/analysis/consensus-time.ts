/**
 * Consensus time and disagreement of the field dynamics on a graph, and the before/after comparison for a Ricci
 * flow of the couplings (§2.1's claim that the flow "smooths out irregularities").
 *
 * The dynamics is the library's gradient flow of the interaction energy, dx/dt = −∇H_int = −2Lx with L the
 * weighted Laplacian, integrated by explicit Euler with h = 0.1 / max_i D_i (D_i the weighted degree; stability
 * needs h < 1/λ_max and λ_max ≤ 2 max D_i). Time is reported in continuous units t = steps·h, so graphs with
 * different weights compare fairly. The consensus error is (1/N) Σ_i ‖x_i − x̄‖² (x̄ is conserved by the flow).
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key, normal } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { consensusError } from "../field/field";
import type { Graph } from "../graph/graph";
import { releaseGraph } from "../ops/tensors";
import { formanCurvature } from "../graph/curvature";
import { consensusSpectrum, flowCurvature, ricciFlow, type RicciFlowOptions } from "../graph/ricci";
import { interaction } from "../hamiltonian/interaction";
import type { Term } from "../hamiltonian/term";
import { gradientFlow } from "../dynamics/gradient";
import { run } from "../dynamics/run";
import { mean } from "../stats/summary";

const WHERE = "emtd/analysis/consensus";

export interface ConsensusOptions {
  /** Initial field, one value per node (one channel); default N(0, 1) draws from the run's key. */
  initial?: ArrayLike<number>;
  /** Stop when the consensus error has fallen by this factor. Default 1e-6. */
  reduction?: number;
  /** Also report the consensus error at this continuous time. */
  horizon?: number;
  /** Safety cap on Euler steps. Default 1e6. */
  maxSteps?: number;
  /** The coupling term whose gradient flow is run, built per graph. Default the proposal's `interaction(graph)`. */
  interaction?: (graph: Graph) => Term;
}

export interface ConsensusMeasurement {
  /** Continuous time until the error fell by `reduction` (Infinity if it never did within maxSteps). */
  time: number;
  steps: number;
  step: number;
  initialError: number;
  /** Consensus error at `horizon` (NaN when no horizon was asked). */
  errorAtHorizon: number;
  /** Spectral prediction ln(1/reduction)/(4λ₂) and λ₂. */
  predictedTime: number;
  fiedler: number;
}

/**
 * Runs the gradient flow dx/dt = −2Lx of H_int on `graph` (one channel, explicit Euler, h = 0.1/max_i D_i) until the
 * consensus error (1/N) Σ_i (x_i − x̄)² has fallen by `reduction`; time in continuous units t = steps·h. Compares with the
 * spectral prediction ln(1/reduction)/(4λ₂). Tensors are created and disposed inside; the graph's cached tensors are
 * released. Plain numbers out.
 *
 * @example
 * ```ts
 * const m = measureConsensus(ringGraph(8, 2), key(1), { reduction: 1e-2 });
 * [m.time, m.predictedTime]; // → [0.9, 1.97]: the prediction ln(1/reduction)/(4λ₂) is asymptotic (slowest mode only)
 * ```
 */
export function measureConsensus(graph: Graph, key: Key, options: ConsensusOptions = {}): ConsensusMeasurement {
  const runKey = checkKey(WHERE, "key", key);
  const reduction = options.reduction ?? 1e-6;
  if (!(reduction > 0 && reduction < 1)) throw new ArgumentError(WHERE, "reduction", "a number in (0, 1)", reduction);
  const maxSteps = check.integer(WHERE, "maxSteps", options.maxSteps ?? 1_000_000, 1);
  const maxDegree = graph.degree.reduce((m, d) => Math.max(m, d), 0);
  const h = 0.1 / check.positive(WHERE, "max weighted degree", maxDegree);
  const initial = options.initial
    ? tf.tensor2d(Float32Array.from(options.initial), [graph.n, 1])
    : (normal(runKey, [graph.n, 1]) as tf.Tensor2D);
  if (initial.shape[0] !== graph.n) throw new ArgumentError(WHERE, "initial", `${graph.n} values`, initial.shape[0]);
  const integrator = gradientFlow(options.interaction ? options.interaction(graph) : interaction(graph), { step: h });
  const initialError = consensusErrorOf(initial);
  const horizonSteps = options.horizon === undefined ? -1 : Math.round(check.nonNegative(WHERE, "horizon", options.horizon) / h);
  let errorAtHorizon = horizonSteps === 0 ? initialError : Number.NaN;
  let steps = 0;
  let reachedAt = initialError === 0 ? 0 : -1;
  const done = () => reachedAt >= 0 && steps >= horizonSteps;
  if (!done()) {
    // The run loop records the consensus error after every step and stops as soon as both are known.
    const result = run(
      integrator,
      initial,
      {
        steps: maxSteps,
        recordEvery: 1,
        onRecord: (record) => {
          steps = record.step;
          if (steps === horizonSteps) errorAtHorizon = record.consensusError;
          if (reachedAt < 0 && record.consensusError <= reduction * initialError) reachedAt = steps;
        },
        stopWhen: done,
      },
      runKey,
    );
    result.final.dispose();
  }
  initial.dispose();
  releaseGraph(graph);
  const spectrum = consensusSpectrum(graph, reduction);
  const reached = reachedAt >= 0;
  const at = reached ? reachedAt : steps;
  return {
    time: reached ? at * h : Number.POSITIVE_INFINITY,
    steps: at,
    step: h,
    initialError,
    errorAtHorizon,
    predictedTime: spectrum.predictedTime,
    fiedler: spectrum.fiedler,
  };
}

export interface RicciConsensusComparison {
  before: ConsensusMeasurement;
  after: ConsensusMeasurement;
  /** after.time / before.time: < 1 means the flowed graph reaches consensus faster. */
  speedup: number;
  /** Min, mean and max curvature of the edges before and after the flow. */
  curvatureBefore: { min: number; mean: number; max: number };
  curvatureAfter: { min: number; mean: number; max: number };
  /** Total coupling Σ J (conserved by the normalised flow). */
  totalCoupling: number;
  flowed: Graph;
}

/**
 * Consensus before and after `ricciFlow(graph, flow)`, from the same initial field, with the disagreement of both
 * reported at the original graph's consensus time; curvatures are Ollivier's (or Forman's when `flow.curvature` says
 * so). `flowed` is the graph after the flow; tensors are disposed inside.
 *
 * @example
 * ```ts
 * const r = ricciConsensus(twoCommunities(5, 1), { steps: 5 }, key(7), { reduction: 1e-3 });
 * r.speedup; // → 0.699 (after.time / before.time: < 1, faster after the flow)
 * ```
 */
export function ricciConsensus(graph: Graph, flow: RicciFlowOptions, key: Key, consensus: ConsensusOptions = {}): RicciConsensusComparison {
  const runKey = checkKey(WHERE, "key", key);
  const result = ricciFlow(graph, flow);
  const initial = consensus.initial ?? Array.from(normalValues(runKey, graph.n));
  const before = measureConsensus(graph, runKey, { ...consensus, initial, horizon: undefined });
  const after = measureConsensus(result.graph, runKey, { ...consensus, initial, horizon: before.time });
  // The original graph's disagreement at its own consensus time is, by definition, reduction × initial error.
  before.errorAtHorizon = before.initialError * (consensus.reduction ?? 1e-6);
  const summary = (k: Float64Array) => ({ min: Math.min(...k), mean: mean(k), max: Math.max(...k) });
  // Ollivier curvature in the metric the flow moves: the lengths' own for weights "length", the couplings' hop metric otherwise.
  const curvatureOf = (g: Graph) =>
    flow.curvature === "forman" ? formanCurvature(g) : flowCurvature(g, { alpha: flow.alpha ?? 0.5, weights: flow.weights ?? "coupling" });
  return {
    before,
    after,
    speedup: after.time / before.time,
    curvatureBefore: summary(curvatureOf(graph)),
    curvatureAfter: summary(curvatureOf(result.graph)),
    totalCoupling: result.graph.weight.reduce((s, x) => s + x, 0),
    flowed: result.graph,
  };
}

function consensusErrorOf(x: tf.Tensor2D): number {
  const e = consensusError(x);
  const v = e.dataSync()[0]!;
  e.dispose();
  return v;
}

function normalValues(key: Key, n: number): Float32Array {
  const t = normal(key, [n]);
  const v = t.dataSync() as Float32Array;
  t.dispose();
  return v.slice();
}
