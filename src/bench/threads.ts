/**
 * `emtd bench threads`: the fused Langevin step (the path `emtd sample` runs) on 1, 2, 4, … threads up to the
 * machine's cores, side by side in one run, for the scaling curve of docs/scale.md. Every thread count gives the
 * same numbers bit for bit (shares are whole noise blocks; test/threads.test.ts); only the time differs.
 *
 * Fields per thread count: msPerStep (median over `steps` steps), speedup = msPerStep at one thread / msPerStep,
 * efficiency = speedup / threads.
 */
import type * as tf from "@tensorflow/tfjs";
import { availableParallelism } from "node:os";
import { ready } from "../engine/backend";
import { fold, key, normal, split, type Key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { langevinUpdate } from "../ops/langevin";
import { roundTo } from "../format";
import { timeOnThreads } from "./timing";

export interface ThreadsBenchOptions {
  graph: string;
  steps: number;
  seed: number;
  /** Largest thread count (default: the machine's cores). */
  maxThreads?: number;
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
  const graph = graphFromSpec(o.graph, graphKey, { indexFree: true });
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
  const curve: Array<{ threads: number; msPerStep: number; speedup: number; efficiency: number }> = [];
  let one = NaN;
  for (const threads of threadLadder(max)) {
    const ms = timeOnThreads(threads, step, o.steps).median;
    if (threads === 1) one = ms;
    curve.push({ threads, msPerStep: roundTo(ms, 4), speedup: roundTo(one / ms, 3), efficiency: roundTo(one / ms / threads, 3) });
  }
  x.dispose();
  return { command: "bench threads", graph: o.graph, nodes: graph.n, edges: graph.edgeCount, backend, cores, steps: o.steps, curve };
}
