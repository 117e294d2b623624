/**
 * `emtd bench threads`: the fused Langevin step (`langevinUpdate`, a chain of steps through the tensor API) and the
 * step of `emtd sample --integrator ula` (`samplerCurve`, below) on 1, 2, 4, … threads up to the
 * machine's cores, side by side in one run, for the scaling curve of docs/scale.md. Every thread count gives the
 * same numbers bit for bit (shares are whole noise blocks; test/unit/engine/threads.test.ts); only the time differs.
 *
 * The thread counts take turns, `rounds` times over (each turn `steps` timed steps), so that a shared machine's load
 * falls on all of them alike. Fields per thread count: msPerStep (median over its rounds × steps steps), speedup =
 * msPerStep at one thread / msPerStep, efficiency = speedup / threads.
 *
 * `samplerCurve` has the same fields for the step `emtd sample --integrator ula` runs: the `ula` integrator on
 * `interaction(graph)` (on fields of LARGE_FIELD_ENTRIES or more, the fused step and the energy pass; below it the
 * noisy descent and the energy-and-gradient pass) plus the run loop's record after it (the consensus error, read).
 * `kernelCurves` has them for the pool's other kernels through the tensor API: `laplacian` (L·X on the graph),
 * `interaction` (H and ∇H in one pass) and `ising` (one checkerboard sweep of an L×L lattice at β_c, L² ≈ N, L even).
 */
import * as tf from "@tensorflow/tfjs";
import { availableParallelism } from "node:os";
import { ready } from "../engine/backend";
import { fold, key, normal, split, type Key, uniform } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { langevinUpdate } from "../ops/langevin-update";
import { roundTo } from "../format";
import { timeThreadsInterleaved } from "./timing";
import { ula } from "../dynamics/gradient";
import { disposeState } from "../dynamics/types";
import { interaction } from "../hamiltonian/interaction";
import { consensusError } from "../field/field";
import { laplacianProduct } from "../ops/laplacian";
import { interactionEnergyAndGradient } from "../ops/interaction";
import { isingSweeps } from "../ops/ising-sweep";
import { BETA_CRITICAL } from "./bench-ising";

export interface ThreadsBenchOptions {
  graph: string;
  steps: number;
  seed: number;
  /** Largest thread count (default: the machine's cores). */
  maxThreads?: number;
  /** Rounds over the thread counts, interleaved (default 5): `steps` timed steps per count per round. */
  rounds?: number;
  backend?: string;
}

/** Thread counts of the curve: powers of two up to `max`, and `max` itself. */
export function threadLadder(max: number): number[] {
  const out: number[] = [];
  for (let t = 1; t < max; t *= 2) out.push(t);
  out.push(max);
  return out;
}

/**
 * The `emtd bench threads --json` object.
 *
 * @example
 * ```ts
 * const r = await benchThreads({ graph: "ring:20000:10", steps: 3, seed: 1, maxThreads: 2 });
 * r.curve.map((p) => p.threads); // → [1, 2]
 * ```
 */
export async function benchThreads(o: ThreadsBenchOptions) {
  const backend = await ready(o.backend ? { backend: o.backend } : {});
  const [graphKey, runKey] = split(key(o.seed), 2) as [Key, Key];
  const graph = graphFromSpec(o.graph, graphKey, { indexFree: true, needsEdges: true });
  const cores = availableParallelism();
  const max = Math.max(1, o.maxThreads ?? cores);
  let x = normal(fold(runKey, 1 << 30), [graph.n, 2]) as tf.Tensor2D;
  let t = 0;
  const params = { step: 0.01, temperature: 1 };
  const step = () => {
    const y = langevinUpdate(x, graph, params, fold(runKey, t++));
    x.dispose();
    x = y;
  };
  const ladder = threadLadder(max);
  const rounds = o.rounds ?? 5;
  const curve = curveOf(ladder, timeThreadsInterleaved(ladder, step, o.steps, rounds));
  const sampler = ula(interaction(graph), params);
  let state = sampler.init(x);
  x.dispose();
  const samplerStep = () => {
    [state] = sampler.step(state, fold(runKey, t++));
    const error = consensusError(state.position);
    error.dataSync();
    error.dispose();
  };
  const samplerCurve = curveOf(ladder, timeThreadsInterleaved(ladder, samplerStep, o.steps, rounds));
  const field = state.position;
  const kernelCurves = {
    laplacian: curveOf(
      ladder,
      timeThreadsInterleaved(ladder, () => laplacianProduct(field, graph).dispose(), o.steps, rounds),
    ),
    interaction: curveOf(
      ladder,
      timeThreadsInterleaved(ladder, () => tf.dispose(Object.values(interactionEnergyAndGradient(field, graph))), o.steps, rounds),
    ),
    ising: isingCurve(ladder, graph.n, runKey, o.steps, rounds),
  };
  disposeState(state);
  return {
    command: "bench threads",
    graph: o.graph,
    nodes: graph.n,
    edges: graph.edgeCount,
    backend,
    cores,
    steps: o.steps,
    rounds,
    curve,
    samplerCurve,
    kernelCurves,
  };
}

/** One checkerboard sweep of an L×L Ising lattice (L² ≈ n, L even) at β_c, by thread count. */
function isingCurve(ladder: readonly number[], n: number, runKey: Key, steps: number, rounds: number) {
  const L = Math.max(2, 2 * Math.round(Math.sqrt(n) / 2));
  // ±1 spins at random (> 0.5 up): sign() would give 0 at exactly 0.5.
  let spins = tf.tidy(() =>
    tf.sub(tf.mul(tf.cast(tf.greater(uniform(fold(runKey, 1 << 29), [L, L]), 0.5), "float32"), 2), 1),
  ) as tf.Tensor2D;
  let t = 0;
  const sweep = () => {
    const next = isingSweeps(spins, { beta: BETA_CRITICAL }, fold(runKey, (1 << 28) + t++));
    spins.dispose();
    spins = next.spins;
  };
  const curve = curveOf(ladder, timeThreadsInterleaved(ladder, sweep, steps, rounds));
  spins.dispose();
  return curve;
}

/** Per thread count: ms per step (the median), speedup over the first count (one thread), efficiency. */
function curveOf(ladder: readonly number[], timings: ReadonlyArray<{ median: number }>) {
  const one = timings[0]!.median;
  return ladder.map((threads, i) => {
    const ms = timings[i]!.median;
    return { threads, msPerStep: roundTo(ms, 4), speedup: roundTo(one / ms, 3), efficiency: roundTo(one / ms / threads, 3) };
  });
}
