/**
 * `emtd bench gpu`: the Langevin step on the GPU (WebGPU through Dawn; engine/gpu) against the CPU fused step that
 * `emtd sample` runs, on the same graphs in one run. The GPU step is checked first (bench/gpu-check). Needs the
 * optional `webgpu` package and a GPU; without them it fails with one line saying which is missing.
 *
 * Fields per graph: gpuMsPerStep (median of `rounds` timed runs of `steps` steps, each run one submission per 1024
 * steps, divided by the steps), cpuMsPerStep (bench langevin's fused msPerStep on this machine's threads),
 * cpuOverGpu = cpuMsPerStep / gpuMsPerStep, gpuBytesPerStep (the step's minimum traffic, as bench langevin's
 * limit) and gpuGBps = gpuBytesPerStep / gpuMsPerStep.
 */
import { key, fold, split, type Key } from "../engine/random";
import { fillNormal } from "../engine/fastrandom";
import { planFor } from "../engine";
import { openGpu, gpuGraphOf, gpuLangevin } from "../engine/kernel-paths";
import { WASM_TENSOR_HEAP } from "../engine/backend";
import { graphFromSpec } from "../graph/spec";
import { benchLangevin, langevinStepBytes } from "./bench-langevin";
import { checkGpu } from "./gpu-check";
import { median } from "../stats/summary";
import { roundTo } from "../format";

export interface GpuBenchOptions {
  /** Graph specs to time (ring, torus: the shader's stencils; others: CSR rows). */
  graphs: string[];
  steps: number;
  rounds: number;
  seed: number;
  /** Also time the CPU fused step on each graph (bench langevin, fused path only). */
  cpu: boolean;
  /** Run the correctness checks first (default true). */
  check?: boolean;
}

/** Time one graph on the GPU: field in GPU memory, `steps` steps per timed run. */
async function timeGraph(gpu: Awaited<ReturnType<typeof openGpu>>, spec: string, steps: number, rounds: number, k: Key) {
  const [graphKey, fieldKey, noiseKey] = split(k, 3) as [Key, Key, Key];
  const graph = graphFromSpec(spec, graphKey, { indexFree: true, needsEdges: true });
  const plan = planFor(graph);
  const g = gpuGraphOf(plan);
  const x0 = new Float32Array(2 * graph.n);
  fillNormal(x0, 2, 0, graph.n, fieldKey);
  const field = gpuLangevin(gpu, g, x0, { drift: 0.02, sigma: Math.sqrt(0.02), key: noiseKey });
  await field.run(Math.min(steps, 10)); // compile and warm
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await field.run(steps);
    times.push((performance.now() - t0) / steps);
  }
  const x = await field.read();
  field.dispose();
  let finite = true;
  for (let i = 0; i < x.length && finite; i++) finite = Number.isFinite(x[i]!);
  const bytes = langevinStepBytes(graph.n, 2 * graph.edgeCount, 2, g.kind !== "csr");
  const ms = median(times);
  return {
    graph: spec,
    nodes: graph.n,
    edges: graph.edgeCount,
    rule: g.kind,
    gpuMsPerStep: roundTo(ms, 4),
    gpuBytesPerStep: bytes,
    gpuGBps: roundTo(bytes / ms / 1e6, 3),
    finite,
  };
}

/**
 * The `emtd bench gpu --json` object: adapter, checks, and one row per graph.
 *
 * Usage (needs a GPU and the optional `webgpu` package, so not a runnable `@example`):
 * ```ts
 * const r = await benchGpu({ graphs: ["ring:1000000:10"], steps: 200, rounds: 3, seed: 1, cpu: true });
 * r.rows[0].cpuOverGpu; // the CPU fused step's time over the GPU's (measured; varies by machine)
 * ```
 */
export async function benchGpu(o: GpuBenchOptions) {
  const gpu = await openGpu();
  const k = key(o.seed);
  const check = o.check === false ? null : await checkGpu(gpu, o.seed);
  const rows: Array<Record<string, unknown>> = [];
  for (const [i, spec] of o.graphs.entries()) {
    const row: Record<string, unknown> = await timeGraph(gpu, spec, o.steps, o.rounds, fold(k, i + 1));
    if (o.cpu) {
      // Fields past tfjs-wasm's heap run on the cpu backend, as `emtd sample` runs them.
      const nodes = row.nodes as number;
      const backend = 2 * 8 * nodes > WASM_TENSOR_HEAP ? "cpu" : undefined;
      const cpuSteps = Math.max(3, Math.min(30, Math.round(3e7 / nodes)));
      const cpu = await benchLangevin({
        graph: spec,
        dim: 2,
        steps: cpuSteps,
        seed: o.seed,
        fusedOnly: true,
        ...(backend ? { backend } : {}),
      });
      row.cpuMsPerStep = cpu.msPerStep;
      row.cpuThreads = cpu.threads;
      row.cpuBackend = cpu.backend;
      row.cpuOverGpu = roundTo((cpu.msPerStep as number) / (row.gpuMsPerStep as number), 3);
    }
    rows.push(row);
  }
  gpu.device.destroy();
  return { command: "bench gpu", adapter: gpu.info, steps: o.steps, rounds: o.rounds, check, rows };
}
