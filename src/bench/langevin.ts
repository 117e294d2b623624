/**
 * The Langevin benchmark: one ULA step for H = J Σ_⟨ij⟩ ‖x_i − x_j‖² on a graph, x ∈ ℝ^{N×d}, by every path the
 * library has, in one process:
 *
 * - `msPerStep`: the fused kernel through the tensor API, `langevinUpdate(x, graph, …)` (tensor in, tensor out),
 *   on the configured threads (EMTD_THREADS, default 1); `twoThreadMsPerStep`: the same on two threads.
 * - `ulaMsPerStep`: the `ula` integrator on `interaction(graph)`: fused energy+gradient pass, fused noisy descent,
 *   and the energy read back every step (what `run` does).
 * - `compositeMsPerStep`: the same update in stock tfjs ops (sparseSegmentSum L·X, JS ziggurat noise tensor).
 * - `genericMsPerStep`: `ula` on `interactionReference` (a user-written pair term differentiated by autodiff).
 * - `jsLoopMsPerStep`: the kernel's JavaScript typed-array loop without tfjs (no SIMD).
 * - `profile`: the kernel's own loop without tfjs (SIMD where it applies), its L·X and noise halves, and the
 *   tensor API's overhead (fused − loop). The halves are separate kernels (L·X with its copies; the noisy descent
 *   x − h·g + σξ, whose x − h·g is a JavaScript loop): the fused step does both in one pass and costs less than
 *   their sum. `drawsMs`: the fused step's random draws alone (four xoshiro128** streams per SIMD instruction).
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, key, normal, split, type Key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { interaction, interactionReference } from "../hamiltonian/interaction";
import { ula } from "../dynamics/gradient";
import { disposeState } from "../dynamics/types";
import { langevinUpdate, langevinUpdateReference } from "../ops/langevin";
import { langevinRows, laplacianRows } from "../engine/kernels/impl";
import { planFor } from "../engine/kernels/plan";
import { simdApplies, simdLangevin2, simdLangevinDraws, simdLaplacian2, simdNoisyDescent } from "../engine/kernels/simd";
import { fillNormal, NOISE_BLOCK_ROWS } from "../engine/fastrandom";
import { threadCount } from "../engine/kernels/pool";
import { ringHalfWidth } from "../engine/kernels/simd";
import { copyBandwidth, scipyLangevinCsr } from "./baselines";
import { round, time, timeOnTwoThreads } from "./timing";

const SIMD_BYTES_PER_NODE = 56;
const SIMD_BYTES_PER_EDGE = 8;

/** Largest N for which the composite and generic paths are timed. */
export const SLOW_PATH_LIMIT = 2_000_000;

export interface LangevinBenchOptions {
  graph: string;
  dim: number;
  steps: number;
  /** Seed of the graph and the noise (required: no seed is defaulted). */
  seed: number;
  backend?: string;
  /** Step size h (default 0.01) and temperature T (default 1). */
  step?: number;
  temperature?: number;
  /** Skip the slow composite and generic paths (the scaling sweep at large N). */
  fusedOnly?: boolean;
  /** Also run SciPy's step on the same graph (its CSR arrays) and measure the copy bandwidth. */
  baseline?: "scipy";
  /** Copy bandwidth in GB/s for the bandwidth bound (measured here when a baseline is asked for and this is absent). */
  copyGBps?: number;
}

/** What a step must move at least: the bytes of {@link langevinStepBytes}, and the rule in words. */
export const STEP_BYTES_MODEL =
  "read x and write x′ (2·4·N·d bytes, float32); a graph without a stencil also reads its CSR columns and row pointers (4·nnz + 4·(N + 1))";

/**
 * The minimum bytes one Langevin step moves ({@link STEP_BYTES_MODEL}): 8·N·d for x in and x′ out, plus
 * 4·nnz + 4·(N + 1) for the CSR index arrays unless the graph is a ring lattice (stencil: no index arrays).
 * nnz counts directed entries (2 per undirected edge). Over a copy bandwidth B (bytes read + written per second)
 * this is the memory-bandwidth bound on the step's time.
 *
 * @example
 * ```ts
 * langevinStepBytes(100000, 1000000, 2, true); // → 1600000 (ring:100000:10, d = 2: x and x′ only)
 * langevinStepBytes(100000, 1000000, 2, false); // → 6000004 (plus 4 MB of columns, 0.4 MB of row pointers)
 * ```
 */
export function langevinStepBytes(nodes: number, nnz: number, dim: number, stencil: boolean): number {
  return 8 * nodes * dim + (stencil ? 0 : 4 * nnz + 4 * (nodes + 1));
}

/**
 * Time one ULA step for H = J Σ_⟨ij⟩ ‖x_i − x_j‖², x ∈ ℝ^{N×d}, by every path of the module comment: the
 * `emtd bench langevin --json` object. Times in ms per step (medians over `steps` timed steps); `fusedOnly` skips
 * the slow composite and generic paths. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * const r = await benchLangevin({ graph: "ring:16:2", dim: 2, steps: 3, seed: 1, backend: "cpu", fusedOnly: true });
 * [r.graph, r.nodes, r.edges, r.dim]; // → ["ring:16:2", 16, 16, 2]
 * typeof r.msPerStep; // → "number" (the timings vary from run to run)
 * ```
 */
export async function benchLangevin(o: LangevinBenchOptions): Promise<Record<string, unknown>> {
  const backend = await ready(o.backend ? { backend: o.backend } : {});
  const [graphKey, runKey] = split(key(o.seed), 2) as [Key, Key];
  const t0 = performance.now();
  const graph = graphFromSpec(o.graph, graphKey);
  const graphBuildMs = performance.now() - t0;
  const t1 = performance.now();
  const plan = planFor(graph);
  const planBuildMs = performance.now() - t1;
  const h = o.step ?? 0.01;
  const T = o.temperature ?? 1;
  const params = (t: number) => ({ step: h, temperature: T, key: fold(runKey, t) });

  let x = normal(fold(runKey, 1 << 30), [graph.n, o.dim]) as tf.Tensor2D;
  let t = 0;
  const fused = time(() => {
    const y = langevinUpdate(x, graph, params(t++));
    x.dispose();
    x = y;
  }, o.steps);

  // The same with a second thread (worker_threads over SharedArrayBuffer), when the machine has two cores.
  const threaded = timeOnTwoThreads(() => {
    const y = langevinUpdate(x, graph, params(t++));
    x.dispose();
    x = y;
  }, o.steps);

  const energy = interaction(graph);
  const integrator = ula(energy, { step: h, temperature: T });
  let state = integrator.init(x);
  const viaUla = time(() => {
    [state] = integrator.step(state, fold(runKey, t++));
  }, o.steps);
  disposeState(state);

  const slowReps = Math.max(1, Math.min(o.steps, 5));
  let composite: ReturnType<typeof time> | null = null;
  let generic: ReturnType<typeof time> | null = null;
  // Above 2·10⁶ nodes the composite and generic paths take GBs of index tensors and seconds per step: skipped.
  const skipSlow = o.fusedOnly === true || graph.n > SLOW_PATH_LIMIT;
  if (!skipSlow) {
    composite = time(
      () => {
        const y = langevinUpdateReference(x, graph, params(t++));
        x.dispose();
        x = y;
      },
      slowReps,
      1,
    );
    const user = ula(interactionReference(graph), { step: h, temperature: T });
    let s2 = user.init(x);
    generic = time(
      () => {
        [s2] = user.step(s2, fold(runKey, t++));
      },
      slowReps,
      1,
    );
    disposeState(s2);
  }

  // The same loop on plain typed arrays, no tfjs.
  const xs = Float32Array.from(x.dataSync());
  let a = xs;
  let b = new Float32Array(xs.length);
  const scratch = new Float32Array(NOISE_BLOCK_ROWS * o.dim);
  const jsLoop = time(() => {
    langevinRows(plan, a, o.dim, 2 * h, Math.sqrt(2 * h * T), fold(runKey, t++), b, 0, graph.n, scratch);
    [a, b] = [b, a];
  }, o.steps);
  // Where the time goes, on the same arrays without tfjs: the kernel's own loop (the WebAssembly SIMD loop where
  // it applies, else the JS loop above), and its two halves (L·X; the noise with the drift added).
  const simd = simdApplies(plan, o.dim);
  const g0 = new Float32Array(b.length);
  const kernelLoop = simd ? time(() => simdLangevin2(plan, a, b, 2 * h, Math.sqrt(2 * h * T), fold(runKey, t++)), o.steps) : jsLoop;
  const spmv = time(() => (simd ? simdLaplacian2(plan, a, b, 1) : laplacianRows(plan, a, o.dim, b, 0, graph.n, 1)), o.steps);
  const noise = time(
    () =>
      simd
        ? simdNoisyDescent(a, g0, b, o.dim, graph.n, h, Math.sqrt(2 * h * T), fold(runKey, t++))
        : fillNormal(b, o.dim, 0, graph.n, fold(runKey, t++), 1, null),
    o.steps,
  );
  // The fused step's random draws alone (xoshiro128** in four SIMD lanes, no ziggurat): the generator's share.
  const draws = simd ? time(() => simdLangevinDraws(plan, fold(runKey, t++)), o.steps) : null;
  x.dispose();
  releaseGraph(graph);

  // SciPy on this very graph, and the memory-bandwidth bound (minimum bytes over the machine's copy bandwidth).
  const scipy =
    o.baseline === "scipy" ? (plan.weight === null ? scipyLangevinCsr(plan.rowPtr, plan.col, o.dim, o.steps) : null) : undefined;
  const copyGBps = o.copyGBps ?? (o.baseline ? copyBandwidth().copyGBps : undefined);
  const stencil = o.dim === 2 && simd && ringHalfWidth(plan) > 0;
  const minBytesPerStep = langevinStepBytes(graph.n, plan.col.length, o.dim, stencil);
  const bandwidthBoundMs = copyGBps ? minBytesPerStep / (copyGBps * 1e6) : null;

  const stateBytesPerNode = 2 * 4 * o.dim; // x and x′, float32
  const planBytesPerNode = 8; // CSR row pointer + float32 degree
  const planBytesPerEdge = plan.weight ? 16 : 8; // two int32 columns (+ two float32 weights)
  const graphBytesPerNode = 8; // Graph.degree, float64
  const graphBytesPerEdge = 16; // Graph.src, Graph.dst (int32) + Graph.weight (float64)
  const memory = process.memoryUsage();
  return {
    command: "bench langevin",
    graph: graph.label,
    nodes: graph.n,
    edges: graph.edgeCount,
    dim: o.dim,
    backend,
    threads: threadCount(),
    steps: o.steps,
    msPerStep: round(fused.median),
    minMsPerStep: round(fused.min),
    twoThreadMsPerStep: threaded ? round(threaded.median) : null,
    ulaMsPerStep: round(viaUla.median),
    compositeMsPerStep: composite ? round(composite.median) : null,
    genericMsPerStep: generic ? round(generic.median) : null,
    jsLoopMsPerStep: round(jsLoop.median),
    profile: {
      loop: simd ? "WebAssembly SIMD" : "JavaScript",
      laplacianMs: round(spmv.median),
      noiseMs: round(noise.median),
      kernelLoopMs: round(kernelLoop.median),
      drawsMs: draws ? round(draws.median) : null,
      tensorApiOverheadMs: round(fused.median - kernelLoop.median),
    },
    compositeOverFused: composite ? round(composite.median / fused.median) : null,
    genericOverFused: generic ? round(generic.median / viaUla.median) : null,
    slowPathsSkipped: skipSlow,
    ...(scipy === undefined
      ? {}
      : {
          scipy: scipy ?? "not available (needs /usr/bin/python3 with python3-scipy and a unit-weight graph)",
          scipyMsPerStep: scipy ? round(scipy.msPerStep as number) : null,
          minScipyMsPerStep: scipy ? round(scipy.minMsPerStep as number) : null,
          scipyOverFused: scipy ? round((scipy.msPerStep as number) / fused.median) : null,
        }),
    minBytesPerStep,
    bytesModel: STEP_BYTES_MODEL,
    stencil,
    ...(copyGBps === undefined
      ? {}
      : {
          copyGBps: round(copyGBps),
          bandwidthBoundMs: round(bandwidthBoundMs!),
          fractionOfBandwidth: round(bandwidthBoundMs! / fused.median),
        }),
    // Memory that grows with the graph, bytes per node and per undirected edge (graphology and node keys are
    // built only on demand for these graphs): the field state, the kernels' CSR plan, the packed Graph.
    // The SIMD module keeps its own copy of the CSR columns, row pointers and degrees and its x/out/drift/miss
    // buffers (simd.ts layout): 4 + 4 + 8 + 8 + 16 + 16 bytes per node, 8 per edge, when it is in use.
    bytesPerNode: stateBytesPerNode + planBytesPerNode + graphBytesPerNode + (simd ? SIMD_BYTES_PER_NODE : 0),
    bytesPerEdge: planBytesPerEdge + graphBytesPerEdge + (simd ? SIMD_BYTES_PER_EDGE : 0),
    memory: {
      stateBytesPerNode,
      planBytesPerNode,
      planBytesPerEdge,
      graphBytesPerNode,
      graphBytesPerEdge,
      simdBytesPerNode: simd ? SIMD_BYTES_PER_NODE : 0,
      simdBytesPerEdge: simd ? SIMD_BYTES_PER_EDGE : 0,
    },
    planBytes: plan.bytes,
    graphBuildMs: round(graphBuildMs),
    planBuildMs: round(planBuildMs),
    rssMB: round(memory.rss / 2 ** 20),
    arrayBuffersMB: round(memory.arrayBuffers / 2 ** 20),
  };
}
