/**
 * The Langevin benchmark: one ULA step for H = J Σ_⟨ij⟩ ‖x_i − x_j‖² on a graph, x ∈ ℝ^{N×d}, by every path the
 * library has, in one process:
 *
 * - `msPerStep`: the fused kernel through the tensor API, `langevinUpdate(x, graph, …)` (tensor in, tensor out),
 *   on the configured threads (EMTD_THREADS, default the machine's cores); `oneThreadMsPerStep` and
 *   `twoThreadMsPerStep`: the same on one and on two threads (every size split), timed in this run side by side,
 *   and `twoThreadSpeedup` their ratio.
 * - `ulaMsPerStep`: the `ula` integrator on `interaction(graph)`: fused energy+gradient pass, fused noisy descent,
 *   and the energy read back every step (what `run` does).
 * - `compositeMsPerStep`: the same update in stock tfjs ops (sparseSegmentSum L·X, JS ziggurat noise tensor).
 * - `genericMsPerStep`: `ula` on `interactionReference` (a user-written pair term differentiated by autodiff);
 *   `genericOverFused` = genericMsPerStep / msPerStep (against the fused step; the two take turns in three rounds,
 *   each median over its rounds), `genericOverUla` = genericMsPerStep / ulaMsPerStep (against the same integrator
 *   on the fused interaction term).
 * - `jsLoopMsPerStep`: the kernel's JavaScript typed-array loop without tfjs (no SIMD).
 * - `profile`: the kernel's own loop without tfjs (SIMD where it applies), its L·X and noise halves, and the
 *   tensor API's overhead (fused − loop). The halves are separate kernels (L·X with its copies; the noisy descent
 *   x − h·g + σξ, whose x − h·g is a JavaScript loop): the fused step does both in one pass and costs less than
 *   their sum. `drawsMs`: the fused step's random draws alone (four Philox block streams per SIMD instruction).
 *
 * A structured graph (`ring:N:k`, `torus:L`) has no index arrays: at d = 2 and from 2²⁰ rows (engine/kernels/stencils/ring-stencil
 * RING_LAPLACIAN_MIN_ROWS; below, the fused SIMD step with its CSR is faster) the fused step, L·X and the interaction
 * run the chunked stencil (the profile's halves are the stencil's L·X and the noise). When the graph's index arrays
 * would not fit the memory budget, the JS CSR loop is
 * skipped (null, `csrPathsSkipped`), and `ula` runs only while its fields fit tfjs-wasm's heap with room, so that
 * ring:10⁸:10 runs: then only the fields grow with N. `maxRssMB` is the process's peak resident memory.
 *
 * `limit`: the distance to this machine's limit. A step must move `minBytesPerStep` (over the measured copy
 * bandwidth: `bandwidthMs`) and draw N·d normals (over the generator's measured throughput on one core times the
 * cores the step uses: `generatorMs`); the larger is the bound (`boundMs`, `boundBy`), and `stepOverBound` =
 * msPerStep / boundMs is how far the step is from it. The generator measured is the module's one-stream `noise`
 * (Philox block streams and the ziggurat's fast path, misses left unfinished; the fastest of three samples before the steps
 * are timed and three after); `stepGeneratorNormalsPerSecondPerCore` is the
 * generator as the step runs it (four streams per SIMD draw, the fast path, the misses finished), for comparison.
 * `minStepOverBound` = minMsPerStep / boundMs: the fastest step against the bound, which is itself taken from the
 * fastest generator sample — best against best, where a median step under a busy shared host is not.
 */
import * as tf from "@tensorflow/tfjs";
import { ready, WASM_TENSOR_HEAP } from "../engine/backend";
import { fold, key, normal, split, type Key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import type { Graph } from "../graph/graph";
import { interaction, interactionReference } from "../hamiltonian/interaction";
import { ula } from "../dynamics/gradient";
import { disposeState } from "../dynamics/types";
import { langevinUpdate, langevinUpdateReference } from "../ops/langevin-update";
import { planFor, threadCount, ringScratchBytes, torusScratchBytes } from "../engine";
import {
  langevinRows,
  laplacianRows,
  ringHalfWidth,
  simdApplies,
  simdReady,
  simdLaplacian2,
  pairNormalsSeconds,
  simdNoisyDescentChunked,
  simdLangevin2,
  simdLangevinDraws,
  simdNormalsSeconds,
  planCuts,
  rowCuts,
  ringLangevin2,
  ringLaplacian2,
  ringLaplacianApplies,
  torusLangevin2,
  torusLaplacian2,
  torusStencilApplies,
} from "../engine/kernel-paths";
import { copyBandwidth, scipyLangevinCsr } from "./baselines";
import { fillNormal, NOISE_BLOCK_ROWS } from "../engine/fastrandom";
import { time, timeInterleaved, timeThreadsInterleaved } from "./timing";
import { roundTo } from "../format";
import { availableParallelism } from "node:os";
import { checkFits, graphBytes, memoryLimit } from "../engine/budget";
import { ResourceError } from "../errors";
import type { GraphStructure } from "../engine/edges";

/** The chunked stencil's fixed scratch in the SIMD module for a structured graph (kernels/stencils/ring-stencil, kernels/stencils/torus-stencil). */
function stencilScratch(structure: GraphStructure | undefined): number {
  if (structure?.kind === "ring") return ringScratchBytes(structure.halfWidth);
  return structure?.kind === "torus" ? torusScratchBytes(structure.side) : 0;
}

const SIMD_BYTES_PER_NODE = 24;
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
 * What every `emtd bench langevin` object opens with, whichever path it times (the fused step here, R chains in
 * ./bench-chains): the command, the graph (label, nodes, edges), the field's d and the backend.
 */
export function langevinBenchHead(
  graph: Graph,
  dim: number,
  backend: string,
): { command: "bench langevin"; graph: string; nodes: number; edges: number; dim: number; backend: string } {
  return { command: "bench langevin", graph: graph.label, nodes: graph.n, edges: graph.edgeCount, dim, backend };
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
  // d = 2 on a ring lattice: the fused step is the stencil, which reads no index arrays (budgeted as such).
  const graph = graphFromSpec(o.graph, graphKey, { indexFree: o.dim === 2, needsEdges: true });
  const graphBuildMs = performance.now() - t0;
  const t1 = performance.now();
  const plan = planFor(graph);
  const planBuildMs = performance.now() - t1;
  // On a large structured ring or torus with d = 2 the fused step, L·X and the interaction are the chunked stencils:
  // no index arrays.
  const torusStencil = torusStencilApplies(plan, o.dim);
  const chunkedStencil = ringLaplacianApplies(plan, o.dim) || torusStencil;
  // The CSR paths of a structured graph run while its index arrays would fit (as before structure existed).
  const indexFree = graph.structure !== undefined && graphBytes(graph.n, graph.edgeCount, false).bytes > memoryLimit().bytes;
  // The field x and its update x′ live at once (float32; on wasm in its heap), and the loop timings' two plain copies.
  const fieldBytes = 4 * graph.n * o.dim;
  if (backend === "wasm" && 2 * fieldBytes > WASM_TENSOR_HEAP) {
    throw new ResourceError(
      "emtd bench langevin",
      `the field and its update (${graph.n} × ${o.dim}, float32) in tfjs-wasm's heap`,
      2 * fieldBytes,
      WASM_TENSOR_HEAP,
      "tfjs-wasm's 32-bit heap; use --backend cpu",
    );
  }
  checkFits("emtd bench langevin", `the field, its update and their plain copies (${graph.n} × ${o.dim}, float32)`, 4 * fieldBytes);
  const h = o.step ?? 0.01;
  const T = o.temperature ?? 1;
  const params = { step: h, temperature: T };

  // The generator's rate (for the limit) is sampled before the steps are timed and again after them, and the fastest
  // sample taken: on a shared host one sample can fall in a busy moment (111·10⁶ against 323·10⁶ normals/s minutes
  // apart), which would loosen the bound.
  const genSample = 1 << 22;
  const generatorRate = (salt: number) =>
    simdReady() ? Math.max(...[0, 1, 2].map((r) => genSample / simdNormalsSeconds(genSample, fold(runKey, (1 << 29) + salt + r)))) : null;
  const generatorBefore = generatorRate(0);
  let x = normal(fold(runKey, 1 << 30), [graph.n, o.dim]) as tf.Tensor2D;
  let t = 0;
  const fusedStep = () => {
    const y = langevinUpdate(x, graph, params, fold(runKey, t++));
    x.dispose();
    x = y;
  };
  // Above 2·10⁶ nodes the composite and generic paths take GBs of index tensors and seconds per step: skipped.
  const skipSlow = o.fusedOnly === true || graph.n > SLOW_PATH_LIMIT;
  // The fused step and the user's term (`ula` on interactionReference, differentiated by autodiff) take turns in
  // three rounds, so that genericOverFused divides two times taken under the same conditions.
  let fused: ReturnType<typeof time>;
  let generic: ReturnType<typeof time> | null = null;
  if (skipSlow) fused = time(fusedStep, o.steps);
  else {
    const user = ula(interactionReference(graph), { step: h, temperature: T });
    let s2 = user.init(x);
    const genericStep = () => {
      [s2] = user.step(s2, fold(runKey, t++));
    };
    [fused, generic] = timeInterleaved([fusedStep, genericStep], o.steps, 3) as [ReturnType<typeof time>, ReturnType<typeof time>];
    disposeState(s2);
  }

  // The same on one thread and on two (every size split; workers over the shared memory), side by side in this run,
  // in three interleaved rounds; two only on a machine with two cores or more.
  const [oneThread, threaded = null] = timeThreadsInterleaved(availableParallelism() >= 2 ? [1, 2] : [1], fusedStep, o.steps, 3);

  // ula on a structured ring or torus runs the stencils (no index arrays); its state holds x, ∇H and their successors at
  // once, four fields plus temporaries: on wasm at most 1/8 of tfjs-wasm's heap per field (at N = 10⁸, d = 2, a
  // quarter each, the heap overflowed: tfjs-wasm then fails with "memory access out of bounds", not a typed error).
  let viaUla: ReturnType<typeof time> | null = null;
  const ulaFits = backend !== "wasm" || 8 * fieldBytes <= WASM_TENSOR_HEAP;
  if (!indexFree || (chunkedStencil && ulaFits)) {
    const integrator = ula(interaction(graph), { step: h, temperature: T });
    let state = integrator.init(x);
    viaUla = time(() => {
      [state] = integrator.step(state, fold(runKey, t++));
    }, o.steps);
    disposeState(state);
  }

  const slowReps = Math.max(1, Math.min(o.steps, 5));
  let composite: ReturnType<typeof time> | null = null;
  if (!skipSlow) {
    composite = time(
      () => {
        const y = langevinUpdateReference(x, graph, params, fold(runKey, t++));
        x.dispose();
        x = y;
      },
      slowReps,
      1,
    );
  }

  // The same loop on plain typed arrays, no tfjs (x copied out of the tensor; when the CSR paths are skipped the
  // tensor is freed first, so that fewer copies of the field live at once).
  let a = Float32Array.from(x.dataSync());
  if (indexFree) x.dispose();
  let b = new Float32Array(a.length);
  const scratch = new Float32Array(NOISE_BLOCK_ROWS * o.dim);
  const jsLoop = indexFree
    ? null
    : time(() => {
        langevinRows(plan, a, o.dim, 2 * h, Math.sqrt(2 * h * T), fold(runKey, t++), b, 0, graph.n, scratch);
        [a, b] = [b, a];
      }, o.steps);
  // Where the time goes, on the same arrays without tfjs: the kernel's own loop (the ring stencil on a structured
  // graph; the WebAssembly SIMD loop where it applies, else the JS loop above), and its two halves (L·X; the noise
  // with the drift added).
  const simd = !chunkedStencil && !indexFree && simdApplies(plan, o.dim); // the CSR SIMD loop
  const kernelLoop = chunkedStencil
    ? time(() => (torusStencil ? torusLangevin2 : ringLangevin2)(plan, a, b, 2 * h, Math.sqrt(2 * h * T), fold(runKey, t++)), o.steps)
    : simd
      ? time(() => simdLangevin2(plan, a, b, 2 * h, Math.sqrt(2 * h * T), fold(runKey, t++)), o.steps)
      : jsLoop!;
  let spmv: ReturnType<typeof time> | null = null;
  let noise: ReturnType<typeof time> | null = null;
  if (chunkedStencil || !indexFree) {
    spmv = time(
      () =>
        // L·X as the kernels run it: the ring or torus stencil from RING_LAPLACIAN_MIN_ROWS rows, else the CSR
        // (SIMD) loop.
        ringLaplacianApplies(plan, o.dim)
          ? ringLaplacian2(plan, a, b, 1)
          : torusStencil
            ? torusLaplacian2(plan, a, b, 1)
            : simdApplies(plan, o.dim)
              ? simdLaplacian2(plan, a, b, 1)
              : laplacianRows(plan, a, o.dim, b, 0, graph.n, 1),
      o.steps,
    );
  }
  if (chunkedStencil || !indexFree) {
    // The noise half in the SIMD module holds 20 B per element there (4 GB at N = 10⁸, d = 2): when the index
    // arrays would not fit either, the JavaScript fill is timed instead, so that the peak stays the step's.
    const simdNoise = !indexFree && (chunkedStencil ? simdReady() : simd);
    const g0 = simdNoise ? new Float32Array(b.length) : null;
    noise = time(
      () =>
        g0
          ? simdNoisyDescentChunked(a, g0, b, o.dim, graph.n, h, Math.sqrt(2 * h * T), fold(runKey, t++))
          : fillNormal(b, o.dim, 0, graph.n, fold(runKey, t++), 1, null),
      o.steps,
    );
  }
  // The fused step's random draws alone (Philox in four SIMD lanes, no ziggurat): the generator's share.
  const draws = simd ? time(() => simdLangevinDraws(plan, fold(runKey, t++)), o.steps) : null;
  if (!indexFree) x.dispose();

  // SciPy on this very graph, and the memory-bandwidth bound (minimum bytes over the machine's copy bandwidth).
  const scipy =
    o.baseline === "scipy" ? (plan.weight === null ? scipyLangevinCsr(plan.rowPtr, plan.col, o.dim, o.steps) : null) : undefined;
  const copyGBps = o.copyGBps ?? (o.baseline ? copyBandwidth().copyGBps : undefined);
  // A stencil step reads no index arrays (the chunked one at all; the SIMD one only for its 2h wrapping rows).
  const stencil = chunkedStencil || (o.dim === 2 && simd && ringHalfWidth(plan) > 0);
  const minBytesPerStep = langevinStepBytes(graph.n, 2 * graph.edgeCount, o.dim, stencil);
  const bandwidthBoundMs = copyGBps ? minBytesPerStep / (copyGBps * 1e6) : null;
  // The limit: bytes over the copy bandwidth (measured on 64 MB, past the caches, unless given), normals over the
  // generator's throughput on one core times the cores the step's threads use.
  const limitCopyGBps = copyGBps ?? copyBandwidth(64).copyGBps;
  const shares = chunkedStencil ? rowCuts(graph.n, graph.n + 2 * graph.edgeCount).length - 1 : indexFree ? 1 : planCuts(plan).length - 1;
  const cores = Math.min(shares, availableParallelism());
  const normals = graph.n * o.dim;
  const generatorAfter = generatorRate(3);
  const normalsPerSecond = generatorBefore !== null && generatorAfter !== null ? Math.max(generatorBefore, generatorAfter) : null;
  // The generator as the step runs it (four streams per SIMD draw, the fast and the slow path), reported beside the
  // one-stream rate the bound takes: the bound is no looser than the step's own generator would make it.
  const stepSeconds = simdReady() ? [0, 1, 2].map((r) => pairNormalsSeconds(genSample / 2, fold(runKey, t + 3 + r))) : [];
  const stepNormalsPerSecond =
    stepSeconds.length > 0 && stepSeconds.every((s) => s !== null) ? Math.max(...stepSeconds.map((s) => genSample / s!)) : null;
  const limitBandwidthMs = minBytesPerStep / (limitCopyGBps * 1e6);
  const generatorMs = normalsPerSecond ? (1000 * normals) / (normalsPerSecond * cores) : null;
  const boundMs = Math.max(limitBandwidthMs, generatorMs ?? 0);
  releaseGraph(graph);

  // What the fused step holds per node and per edge. A structured graph's fused step reads no graph or plan
  // arrays (its CSR, when another path built it, is not the step's): the field state only, plus the stencil's
  // fixed scratch in the SIMD module (stencilScratchBytes, independent of N).
  const stateBytesPerNode = 2 * 4 * o.dim; // x and x′, float32
  const planBytesPerNode = chunkedStencil ? 0 : 8; // CSR row pointer + float32 degree
  const planBytesPerEdge = chunkedStencil ? 0 : plan.weight ? 16 : 8; // two int32 columns (+ two float32 weights)
  const graphBytesPerNode = chunkedStencil ? 0 : 8; // Graph.degree, float64
  const graphBytesPerEdge = chunkedStencil ? 0 : 16; // Graph.src, Graph.dst (int32) + Graph.weight (float64)
  const simdCopies = simd;
  const memory = process.memoryUsage();
  return {
    ...langevinBenchHead(graph, o.dim, backend),
    threads: threadCount(),
    steps: o.steps,
    msPerStep: roundTo(fused.median),
    minMsPerStep: roundTo(fused.min),
    oneThreadMsPerStep: roundTo(oneThread.median),
    twoThreadMsPerStep: threaded ? roundTo(threaded.median) : null,
    twoThreadSpeedup: threaded ? roundTo(oneThread.median / threaded.median) : null,
    ulaMsPerStep: viaUla ? roundTo(viaUla.median) : null,
    compositeMsPerStep: composite ? roundTo(composite.median) : null,
    genericMsPerStep: generic ? roundTo(generic.median) : null,
    jsLoopMsPerStep: jsLoop ? roundTo(jsLoop.median) : null,
    profile: {
      loop: chunkedStencil
        ? simdReady()
          ? `${torusStencil ? "torus" : "ring"} stencil, WebAssembly SIMD in chunks`
          : `${torusStencil ? "torus" : "ring"} stencil, JavaScript`
        : simd
          ? "WebAssembly SIMD"
          : "JavaScript",
      laplacianMs: spmv ? roundTo(spmv.median) : null,
      noiseMs: noise ? roundTo(noise.median) : null,
      kernelLoopMs: roundTo(kernelLoop.median),
      drawsMs: draws ? roundTo(draws.median) : null,
      tensorApiOverheadMs: roundTo(fused.median - kernelLoop.median),
    },
    compositeOverFused: composite ? roundTo(composite.median / fused.median) : null,
    genericOverFused: generic ? roundTo(generic.median / fused.median) : null,
    genericOverUla: generic && viaUla ? roundTo(generic.median / viaUla.median) : null,
    slowPathsSkipped: skipSlow,
    // Structured graphs: the rule the fused step used instead of index arrays, and whether the CSR paths ran.
    structure: graph.structure?.kind ?? null,
    indexArrays: !chunkedStencil,
    csrPathsSkipped: indexFree,
    ...(scipy === undefined
      ? {}
      : {
          scipy: scipy ?? "not available (needs /usr/bin/python3 with python3-scipy and a unit-weight graph)",
          scipyMsPerStep: scipy ? roundTo(scipy.msPerStep as number) : null,
          minScipyMsPerStep: scipy ? roundTo(scipy.minMsPerStep as number) : null,
          scipyOverFused: scipy ? roundTo((scipy.msPerStep as number) / fused.median) : null,
        }),
    minBytesPerStep,
    bytesModel: STEP_BYTES_MODEL,
    stencil,
    ...(copyGBps === undefined
      ? {}
      : {
          copyGBps: roundTo(copyGBps),
          bandwidthBoundMs: roundTo(bandwidthBoundMs!),
          fractionOfBandwidth: roundTo(bandwidthBoundMs! / fused.median),
        }),
    // Memory that grows with the graph, bytes per node and per undirected edge (graphology and node keys are
    // built only on demand for these graphs): the field state, the kernels' CSR plan, the packed Graph.
    // The SIMD module keeps its own copy of the CSR row pointers, degrees and columns and its x/out buffers
    // (simd.ts layout): 4 + 4 + 8 + 8 bytes per node, 8 per edge, when it is in use.
    bytesPerNode: stateBytesPerNode + planBytesPerNode + graphBytesPerNode + (simdCopies ? SIMD_BYTES_PER_NODE : 0),
    bytesPerEdge: planBytesPerEdge + graphBytesPerEdge + (simdCopies ? SIMD_BYTES_PER_EDGE : 0),
    memory: {
      stateBytesPerNode,
      planBytesPerNode,
      planBytesPerEdge,
      graphBytesPerNode,
      graphBytesPerEdge,
      simdBytesPerNode: simdCopies ? SIMD_BYTES_PER_NODE : 0,
      simdBytesPerEdge: simdCopies ? SIMD_BYTES_PER_EDGE : 0,
      stencilScratchBytes: !chunkedStencil || !simdReady() ? 0 : stencilScratch(graph.structure),
    },
    limit: {
      bytesPerStep: minBytesPerStep,
      copyGBps: roundTo(limitCopyGBps),
      bandwidthMs: roundTo(limitBandwidthMs),
      normalsPerStep: normals,
      generatorNormalsPerSecondPerCore: normalsPerSecond ? roundTo(normalsPerSecond) : null,
      stepGeneratorNormalsPerSecondPerCore: stepNormalsPerSecond ? roundTo(stepNormalsPerSecond) : null,
      coresUsed: cores,
      generatorMs: generatorMs ? roundTo(generatorMs) : null,
      boundMs: roundTo(boundMs),
      boundBy: generatorMs !== null && generatorMs > limitBandwidthMs ? "generator" : "bandwidth",
      stepOverBound: roundTo(fused.median / boundMs),
      minStepOverBound: roundTo(fused.min / boundMs),
    },
    planBytes: plan.bytes,
    graphBuildMs: roundTo(graphBuildMs),
    planBuildMs: roundTo(planBuildMs),
    rssMB: roundTo(memory.rss / 2 ** 20),
    maxRssMB: roundTo(process.resourceUsage().maxRSS / 2 ** 10),
    arrayBuffersMB: roundTo(memory.arrayBuffers / 2 ** 20),
  };
}
