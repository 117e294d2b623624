/**
 * `emtd bench langevin|ising|all|scaling`: speed of the fused kernels against the library's other paths and, in
 * `all` and `scaling`, against SciPy sparse and a plain C loop compiled at bench time (when present). Benchmarks
 * measure; tests never time anything.
 */
import { benchLangevin } from "../../bench/bench-langevin";
import { benchIsing, BETA_CRITICAL } from "../../bench/bench-ising";
import { backendFields, BACKENDS } from "../../engine/backend";
import { BENCH_WS_GRAPH, benchAll } from "../../bench/all";
import { benchChains } from "../../bench/bench-chains";
import { benchGpu } from "../../bench/gpu";
import { benchThreads } from "../../bench/threads";
import { scalingCsv, scalingRows, SCALING_SIZES } from "../../bench/scaling";
import { roundTo } from "../../format";
import { writeFileAtomic } from "../../files/atomic";
import { GRAPH_SPEC_FORMS } from "../../graph/spec";
import type { Command } from "../../command/command";
import { fixed } from "../../format";

/** The titles of `bench threads`' kernel curves. */
const KERNEL_TITLES: Record<string, string> = {
  laplacian: "L·X",
  interaction: "the interaction's H and ∇H",
  ising: "one Ising checkerboard sweep (L² ≈ N sites, β_c)",
};

const KINDS = ["langevin", "ising", "all", "scaling", "threads", "gpu"] as const;

const summary =
  "Benchmark: `bench langevin` (ms per ULA step), `bench ising` (ms per checkerboard sweep), `bench all` (both, beside SciPy and a C loop, with ratios), `bench scaling` (cost against N, CSV), `bench threads` (the fused step on 1, 2, 4, … threads), `bench gpu` (the step on a GPU beside the CPU's; needs the optional `webgpu` package and a GPU's Vulkan driver, or EMTD_WEBGPU_ADAPTER=software for the software GPU).";

const options: Command["options"] = {
  graph: { kind: "string", default: "ring:100000:10", placeholder: "spec", help: `graph for langevin: ${GRAPH_SPEC_FORMS}` },
  dim: { kind: "int", min: 1, max: 16, default: 2, help: "channels d of the field" },
  steps: { kind: "int", min: 1, max: 100000, default: 30, help: "timed Langevin steps" },
  size: { kind: "int", min: 4, max: 16384, default: 1024, help: "Ising lattice side L (even)" },
  sweeps: { kind: "int", min: 1, max: 100000, default: 20, help: "timed Ising sweeps" },
  beta: { kind: "number", min: 0, default: roundTo(BETA_CRITICAL, 6), help: "Ising inverse temperature β" },
  "max-n": { kind: "int", min: 1000, max: 1e7, default: 1e6, help: "largest N of the scaling sweep" },
  out: { kind: "string", placeholder: "file.csv", help: "scaling: write the rows as CSV here" },
  rounds: {
    kind: "int",
    min: 1,
    max: 20,
    default: 3,
    help: "all, threads, gpu: interleaved rounds of every path or thread count (medians reported)",
  },
  backend: {
    kind: "choice",
    choices: [...BACKENDS],
    help: "tfjs backend (default: EMTD_BACKEND, else the best available)",
  },
  integrator: {
    kind: "choice",
    choices: ["ula", "mala"],
    help: "langevin: time this integrator over --chains chains in one tensor (msPerStep: the whole batch)",
  },
  chains: { kind: "int", min: 1, max: 4096, help: "langevin: independent chains in one batch (with --integrator; default 1)" },
  baseline: { kind: "choice", choices: ["scipy"], help: "langevin: also time SciPy's step on the same graph, and the bandwidth bound" },
  "max-threads": { kind: "int", min: 1, max: 64, help: "threads: the largest thread count of the curve (default: the machine's cores)" },
  "no-cpu": { kind: "flag", help: "gpu: time the GPU only (by default the CPU fused step is timed on each graph beside it)" },
  "ws-graph": {
    kind: "string",
    default: BENCH_WS_GRAPH,
    placeholder: "spec",
    help: "all: a second Langevin graph timed beside SciPy (none: skip)",
  },
};

type Values = Parameters<Command["run"]>[0];

/** A result measured on `webgpu` names the adapter it ran on. */
async function run(values: Values, fail: (message: string) => never, positionals: string[]): Promise<Record<string, unknown>> {
  const result = await measure(values, fail, positionals);
  return result.backend === "webgpu" ? { ...result, ...backendFields("webgpu") } : result;
}

async function measure(values: Values, fail: (message: string) => never, positionals: string[]): Promise<Record<string, unknown>> {
  const kind = positionals[0];
  if (kind === undefined || !(KINDS as readonly string[]).includes(kind)) {
    fail(`emtd bench: the first argument must be one of ${KINDS.join(", ")} (got ${JSON.stringify(kind ?? "")})`);
  }
  const size = values.size as number;
  if (size % 2 !== 0) fail(`emtd bench: --size must be an even integer in [4, 16384] (got ${size})`);
  const backend = values.backend as string | undefined;
  const seed = values.seed as number;
  const langevin = () =>
    benchLangevin({
      graph: values.graph as string,
      dim: values.dim as number,
      steps: values.steps as number,
      seed,
      backend,
      baseline: values.baseline as "scipy" | undefined,
    });
  const ising = () => benchIsing({ size, sweeps: values.sweeps as number, beta: values.beta as number, seed, backend });
  if (kind === "langevin" && (values.integrator !== undefined || values.chains !== undefined)) {
    const integrator = (values.integrator as "ula" | "mala" | undefined) ?? "ula";
    return benchChains({
      graph: values.graph as string,
      dim: values.dim as number,
      steps: values.steps as number,
      chains: (values.chains as number | undefined) ?? 1,
      integrator,
      seed,
      backend,
    });
  }
  if (kind === "langevin") return langevin();
  if (kind === "threads") {
    return benchThreads({
      graph: values.graph as string,
      steps: values.steps as number,
      seed,
      backend,
      maxThreads: values["max-threads"] as number | undefined,
      rounds: values.rounds as number,
    });
  }
  if (kind === "gpu") {
    const graphs = (values.graph as string).split(",").filter((g) => g !== "");
    return benchGpu({ graphs, steps: values.steps as number, rounds: values.rounds as number, seed, cpu: values["no-cpu"] !== true });
  }
  if (kind === "ising") return ising();
  if (kind === "scaling") {
    const maxN = values["max-n"] as number;
    const { rows, copyGBps, bandwidthSource } = await scalingRows({
      sizes: SCALING_SIZES.filter((n) => n <= maxN),
      dim: values.dim as number,
      backend,
      seed,
    });
    if (values.out) writeFileAtomic(values.out as string, scalingCsv(rows));
    return { command: "bench scaling", copyGBps, bandwidthSource, out: values.out ?? null, rows };
  }
  return benchAll({
    graph: values.graph as string,
    wsGraph: values["ws-graph"] as string,
    dim: values.dim as number,
    steps: values.steps as number,
    size,
    sweeps: values.sweeps as number,
    beta: values.beta as number,
    rounds: values.rounds as number,
    seed,
    backend,
  });
}

function renderLangevin(r: Record<string, unknown>): string[] {
  return [
    `langevin on ${r.graph} (${r.nodes} nodes, ${r.edges} edges), d=${r.dim}, ${r.backend}, ${r.threads} thread(s)`,
    `  fused ${fixed(r.msPerStep, 3)} ms/step (1 thread ${fixed(r.oneThreadMsPerStep, 3)}, 2 threads ${fixed(r.twoThreadMsPerStep, 3)}: ×${fixed(r.twoThreadSpeedup, 2)}) · ula integrator ${fixed(r.ulaMsPerStep, 3)} · composite ${fixed(r.compositeMsPerStep, 1)} · generic autodiff ${fixed(r.genericMsPerStep, 1)} · plain JS loop ${fixed(r.jsLoopMsPerStep, 3)}`,
    `  profile (${(r.profile as Record<string, string>).loop} loop): L·X ${fixed((r.profile as Record<string, number>).laplacianMs, 3)} ms + noise ${fixed((r.profile as Record<string, number>).noiseMs, 3)} ms (kernel loop ${fixed((r.profile as Record<string, number>).kernelLoopMs, 3)} ms; tensor API overhead ${fixed((r.profile as Record<string, number>).tensorApiOverheadMs, 3)} ms)`,
    `  generic autodiff over fused ${fixed(r.genericOverFused, 2)}, over ula ${fixed(r.genericOverUla, 2)}`,
    `  memory: ${r.bytesPerNode} B/node + ${r.bytesPerEdge} B/edge (${r.indexArrays === false ? `field state only: ${r.structure} stencil, no index arrays` : "field state + CSR plan + packed graph"}), rss ${fixed(r.rssMB, 0)} MB (peak ${fixed(r.maxRssMB, 0)} MB)`,
    ...(r.scipy === undefined
      ? []
      : [`  scipy on the same graph ${fixed(r.scipyMsPerStep, 3)} ms/step (scipy/fused ${fixed(r.scipyOverFused, 2)})`]),
    ...(r.bandwidthBoundMs === undefined
      ? []
      : [
          `  bandwidth bound ${fixed(r.bandwidthBoundMs, 3)} ms (${r.minBytesPerStep} B at ${r.copyGBps} GB/s): the step runs at ${fixed(r.fractionOfBandwidth, 2)} of it`,
        ]),
    ...(r.limit === undefined ? [] : [renderLimit(r.limit as Record<string, unknown>)]),
  ];
}

function renderLimit(l: Record<string, unknown>): string {
  const rate = (v: unknown) => (typeof v === "number" ? `${(v / 1e6).toFixed(0)}·10⁶/s` : "not measured (no SIMD module)");
  const generator =
    typeof l.generatorMs === "number"
      ? `${l.normalsPerStep} normals at ${rate(l.generatorNormalsPerSecondPerCore)} × ${l.coresUsed} core(s) = ${fixed(l.generatorMs, 3)} ms (the step's own generator: ${rate(l.stepGeneratorNormalsPerSecondPerCore)} per core)`
      : `the generator ${rate(null)}`;
  return `  limit ${fixed(l.boundMs, 3)} ms, by the ${l.boundBy}: ${l.bytesPerStep} B at ${l.copyGBps} GB/s = ${fixed(l.bandwidthMs, 3)} ms; ${generator}; the step takes ${fixed(l.stepOverBound, 2)}× it (its fastest ${fixed(l.minStepOverBound, 2)}×)`;
}

function renderIsing(r: Record<string, unknown>): string[] {
  return [
    `ising ${r.size}×${r.size}, β=${r.beta}, ${r.backend}`,
    `  sampler step (emtd ising's path, observables included) ${fixed(r.msPerSweep, 3)} ms/sweep (${fixed(r.nsPerSite, 2)} ns/site) · fused kernel ${fixed(r.kernelMsPerSweep, 3)} (2 threads ${fixed(r.twoThreadMsPerSweep, 3)}) · batched ${fixed(r.batchedMsPerSweep, 3)} · composite ${fixed(r.compositeMsPerSweep, 1)} · plain JS loop ${fixed(r.jsLoopMsPerSweep, 3)}`,
  ];
}

function renderGpu(r: Record<string, unknown>): string {
  const a = r.adapter as Record<string, string>;
  const check = r.check as { pass: boolean } | null;
  const rows = r.rows as Array<Record<string, unknown>>;
  return [
    `GPU: ${a.description || a.device || a.vendor} (${a.vendor} ${a.architecture})`,
    check === null ? "checks: skipped" : `checks (drift, noise, stationary law): ${check.pass ? "passed" : "FAILED (see --json)"}`,
    ...rows.map(
      (x) =>
        `  ${String(x.graph).padEnd(22)} gpu ${fixed(x.gpuMsPerStep, 4)} ms/step (${fixed(x.gpuGBps, 1)} GB/s)` +
        (x.cpuMsPerStep === undefined
          ? ""
          : ` · cpu ${fixed(x.cpuMsPerStep, 3)} ms/step on ${x.cpuThreads} thread(s) · cpu/gpu ×${fixed(x.cpuOverGpu, 1)}`),
    ),
  ].join("\n");
}

function render(r: Record<string, unknown>): string {
  if (r.command === "bench langevin" && r.chains !== undefined) {
    return `${r.integrator} × ${r.chains} chains on ${r.graph}, d=${r.dim}, ${r.backend}: ${fixed(r.msPerStep, 3)} ms/step for the batch (one chain ${fixed(r.oneChainMsPerStep, 3)}; batch/one ${fixed(r.batchOverOneChain, 2)}), acceptance ${fixed(r.acceptance, 3)}`;
  }
  if (r.command === "bench langevin") return renderLangevin(r).join("\n");
  if (r.command === "bench threads") {
    type Curve = Array<{ threads: number; msPerStep: number; speedup: number; efficiency: number }>;
    const lines = (curve: Curve) =>
      curve.map(
        (p) =>
          `  ${String(p.threads).padStart(3)} thread(s) ${fixed(p.msPerStep, 3)} ms/step  speedup ×${fixed(p.speedup, 2)}  efficiency ${fixed(p.efficiency, 2)}`,
      );
    return [
      `fused Langevin step on ${r.graph} (${r.nodes} nodes), ${r.backend}, ${r.cores} cores:`,
      ...lines(r.curve as Curve),
      `emtd sample --integrator ula's step (the step, its energy, the consensus error recorded):`,
      ...lines(r.samplerCurve as Curve),
      ...Object.entries(r.kernelCurves as Record<string, Curve>).flatMap(([name, curve]) => [
        `${KERNEL_TITLES[name] ?? name}:`,
        ...lines(curve),
      ]),
    ].join("\n");
  }
  if (r.command === "bench gpu") return renderGpu(r);
  if (r.command === "bench ising") return renderIsing(r).join("\n");
  if (r.command === "bench scaling") {
    const rows = r.rows as Array<{ path: string; n: number; msPerStep: number }>;
    return [
      `copy bandwidth ${r.copyGBps} GB/s (${r.bandwidthSource})`,
      ...rows.map((x) => `${String(x.n).padStart(9)}  ${x.path.padEnd(40)} ${fixed(x.msPerStep, 3)} ms`),
    ].join("\n");
  }
  const b = r.baselines as Record<string, unknown>;
  const medians = r.medianMs as Record<string, number | null>;
  const ratios = r.ratios as Record<string, number | null>;
  return [
    ...renderLangevin(r.langevin as Record<string, unknown>),
    ...(r.langevinWs ? renderLangevin(r.langevinWs as Record<string, unknown>) : []),
    ...renderIsing(r.ising as Record<string, unknown>),
    `baselines: scipy ${typeof b.scipy === "string" ? b.scipy : "present"} · C ${b.c} · copy ${b.copyGBps} GB/s (${b.bandwidthSource})`,
    `median ms over ${r.rounds} interleaved rounds:`,
    ...Object.entries(medians).map(([k, v]) => `  ${k.padEnd(30)} ${v === null ? "n/a" : fixed(v, 3)}`),
    "ratios (baseline time / emtd time; higher is better for emtd):",
    ...Object.entries(ratios).map(([k, v]) => `  ${k.padEnd(34)} ${v === null ? "n/a" : fixed(v, 2)}`),
    "goals: langevin SciPy/emtd ≥ 3.0 (ring), ≥ 2.5 (ws); ising C/emtd ≥ 0.7 (emtdIsing: the sampler step emtd ising runs)",
  ].join("\n");
}

export const benchCommand: Command = { name: "bench", summary, options, positionals: 1, run, render, omitCommon: ["no-timing"] };
