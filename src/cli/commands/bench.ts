/**
 * `emtd bench langevin|ising|all|scaling`: speed of the fused kernels against the library's other paths and, in
 * `all` and `scaling`, against SciPy sparse and a plain C loop compiled at bench time (when present). Benchmarks
 * measure; tests never time anything.
 */
import { writeFileSync } from "node:fs";
import { benchLangevin } from "../../bench/langevin";
import { benchIsing, BETA_CRITICAL } from "../../bench/ising";
import { cBinary, cIsing, cLangevin, copyBandwidth, scipyLangevin } from "../../bench/baselines";
import { scalingCsv, scalingRows, SCALING_SIZES } from "../../bench/scaling";
import { round } from "../../bench/timing";
import { GRAPH_SPEC_FORMS } from "../../graph/spec";
import type { Command } from "../command";
import { fmt } from "../format";

const KINDS = ["langevin", "ising", "all", "scaling"] as const;

const summary =
  "Benchmark: `bench langevin` (ms per ULA step), `bench ising` (ms per checkerboard sweep), `bench all` (both, beside SciPy and a C loop, with ratios), `bench scaling` (cost against N, CSV).";

const options: Command["options"] = {
  graph: { kind: "string", default: "ring:100000:10", placeholder: "spec", help: `graph for langevin: ${GRAPH_SPEC_FORMS}` },
  dim: { kind: "int", min: 1, max: 16, default: 2, help: "channels d of the field" },
  steps: { kind: "int", min: 1, max: 100000, default: 30, help: "timed Langevin steps" },
  size: { kind: "int", min: 4, max: 16384, default: 1024, help: "Ising lattice side L (even)" },
  sweeps: { kind: "int", min: 1, max: 100000, default: 20, help: "timed Ising sweeps" },
  beta: { kind: "number", min: 0, default: round(BETA_CRITICAL, 6), help: "Ising inverse temperature β" },
  "max-n": { kind: "int", min: 1000, max: 1e7, default: 1e6, help: "largest N of the scaling sweep" },
  out: { kind: "string", placeholder: "file.csv", help: "scaling: write the rows as CSV here" },
  rounds: { kind: "int", min: 1, max: 20, default: 3, help: "all: interleaved rounds of every path (medians reported)" },
  backend: { kind: "choice", choices: ["tensorflow", "wasm", "cpu"], help: "tfjs backend (default: EMTD_BACKEND, else the best available)" },
};

type Values = Parameters<Command["run"]>[0];

function ringParts(spec: string): { n: number; k: number } | null {
  const m = /^ring:(\d+):(\d+)$/.exec(spec);
  return m ? { n: Number(m[1]), k: Number(m[2]) } : null;
}

async function run(values: Values, fail: (message: string) => never, positionals: string[]): Promise<Record<string, unknown>> {
  const kind = positionals[0];
  if (kind === undefined || !(KINDS as readonly string[]).includes(kind)) {
    fail(`emtd bench: the first argument must be one of ${KINDS.join(", ")} (got ${JSON.stringify(kind ?? "")})`);
  }
  const size = values.size as number;
  if (size % 2 !== 0) fail(`emtd bench: --size must be an even integer in [4, 16384] (got ${size})`);
  const backend = values.backend as string | undefined;
  const seed = values.seed as number;
  const langevin = () =>
    benchLangevin({ graph: values.graph as string, dim: values.dim as number, steps: values.steps as number, seed, backend });
  const ising = () => benchIsing({ size, sweeps: values.sweeps as number, beta: values.beta as number, seed, backend });
  if (kind === "langevin") return langevin();
  if (kind === "ising") return ising();
  if (kind === "scaling") {
    const maxN = values["max-n"] as number;
    const { rows, copyGBps, bandwidthSource } = await scalingRows({ sizes: SCALING_SIZES.filter((n) => n <= maxN), dim: values.dim as number, backend, seed });
    if (values.out) writeFileSync(values.out as string, scalingCsv(rows));
    return { command: "bench scaling", copyGBps, bandwidthSource, out: values.out ?? null, rows };
  }
  // all: the library's paths and the baselines, interleaved over several rounds in one process (the machine may be
  // shared: interleaving exposes every path to the same neighbours), medians per path, ratios of the medians.
  const rounds = values.rounds as number;
  const ring = ringParts(values.graph as string);
  const dim = values.dim as number;
  const steps = values.steps as number;
  const sweeps = values.sweeps as number;
  const perRound: Array<Record<string, number | null>> = [];
  let first: { l: Record<string, unknown>; i: Record<string, unknown> } | null = null;
  let scipyInfo: Record<string, number | string> | null = null;
  for (let r = 0; r < rounds; r++) {
    const l = await benchLangevin({ graph: values.graph as string, dim, steps, seed, backend, fusedOnly: r > 0 });
    const scipy = ring ? scipyLangevin(ring.n, ring.k, dim, steps) : null;
    const cL = ring ? cLangevin(ring.n, ring.k, dim, steps) : null;
    const i = await benchIsing({ size, sweeps, beta: values.beta as number, seed, backend, fusedOnly: r > 0 });
    const cI = cIsing(size, sweeps, values.beta as number);
    first ??= { l, i };
    scipyInfo ??= scipy;
    const num = (v: unknown) => (typeof v === "number" ? v : null);
    perRound.push({
      emtdLangevin: num(l.msPerStep),
      emtdLangevinTwoThreads: num(l.twoThreadMsPerStep),
      emtdUla: num(l.ulaMsPerStep),
      jsLoopLangevin: num(l.jsLoopMsPerStep),
      scipyLangevin: num(scipy?.msPerStep),
      cLangevin: num(cL?.msPerStep),
      emtdIsing: num(i.msPerSweep),
      emtdIsingBatched: num(i.batchedMsPerSweep),
      emtdIsingTwoThreads: num(i.twoThreadMsPerSweep),
      jsLoopIsing: num(i.jsLoopMsPerSweep),
      cIsing: num(cI?.msPerSweep),
      // Minima: the least disturbed repetition of each path (the machine may be shared).
      minEmtdLangevin: num(l.minMsPerStep),
      minScipyLangevin: num(scipy?.minMsPerStep),
      minCLangevin: num(cL?.minMsPerStep),
      minEmtdIsing: num(i.minMsPerSweep),
      minCIsing: num(cI?.minMsPerSweep),
    });
  }
  const median = (key: string): number | null => {
    const v = perRound.map((p) => p[key]).filter((x): x is number => typeof x === "number").sort((a, b) => a - b);
    return v.length === 0 ? null : round(v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2);
  };
  const medians = Object.fromEntries(Object.keys(perRound[0]!).map((k) => [k, median(k)]));
  const ratio = (base: string, ours: string) => (medians[base] != null && medians[ours] != null ? round(medians[base]! / medians[ours]!) : null);
  const bw = copyBandwidth();
  return {
    command: "bench all",
    rounds,
    medianMs: medians,
    ratios: {
      langevinScipyOverEmtd: ratio("scipyLangevin", "emtdLangevin"),
      langevinScipyOverEmtdTwoThreads: ratio("scipyLangevin", "emtdLangevinTwoThreads"),
      langevinScipyOverEmtdUla: ratio("scipyLangevin", "emtdUla"),
      langevinCOverEmtd: ratio("cLangevin", "emtdLangevin"),
      langevinJsLoopOverEmtd: ratio("jsLoopLangevin", "emtdLangevin"),
      isingCOverEmtd: ratio("cIsing", "emtdIsing"),
      isingCOverEmtdBatched: ratio("cIsing", "emtdIsingBatched"),
      isingCOverEmtdTwoThreads: ratio("cIsing", "emtdIsingTwoThreads"),
      isingJsLoopOverEmtd: ratio("jsLoopIsing", "emtdIsing"),
      minLangevinScipyOverEmtd: ratio("minScipyLangevin", "minEmtdLangevin"),
      minLangevinCOverEmtd: ratio("minCLangevin", "minEmtdLangevin"),
      minIsingCOverEmtd: ratio("minCIsing", "minEmtdIsing"),
    },
    goals: { langevinScipyOverEmtd: "≥ 1.0", isingCOverEmtd: "≥ 0.5" },
    langevin: first!.l,
    ising: first!.i,
    baselines: {
      scipy: scipyInfo ?? "not available (needs /usr/bin/python3 with python3-scipy and a ring:N:k graph)",
      c: cBinary() ? "cc -O2 -march=native, compiled at bench time" : "not available (needs cc)",
      copyGBps: round(bw.copyGBps),
      bandwidthSource: bw.source,
    },
    perRound,
  };
}

function renderLangevin(r: Record<string, unknown>): string[] {
  return [
    `langevin on ${r.graph} (${r.nodes} nodes, ${r.edges} edges), d=${r.dim}, ${r.backend}, ${r.threads} thread(s)`,
    `  fused ${fmt(r.msPerStep, 3)} ms/step (2 threads ${fmt(r.twoThreadMsPerStep, 3)}) · ula integrator ${fmt(r.ulaMsPerStep, 3)} · composite ${fmt(r.compositeMsPerStep, 1)} · generic autodiff ${fmt(r.genericMsPerStep, 1)} · plain JS loop ${fmt(r.jsLoopMsPerStep, 3)}`,
    `  profile (${(r.profile as Record<string, string>).loop} loop): L·X ${fmt((r.profile as Record<string, number>).laplacianMs, 3)} ms + noise ${fmt((r.profile as Record<string, number>).noiseMs, 3)} ms (kernel loop ${fmt((r.profile as Record<string, number>).kernelLoopMs, 3)} ms; tensor API overhead ${fmt((r.profile as Record<string, number>).tensorApiOverheadMs, 3)} ms)`,
    `  memory: ${r.bytesPerNode} B/node + ${r.bytesPerEdge} B/edge (field state + CSR plan + packed graph), rss ${fmt(r.rssMB, 0)} MB`,
  ];
}

function renderIsing(r: Record<string, unknown>): string[] {
  return [
    `ising ${r.size}×${r.size}, β=${r.beta}, ${r.backend}`,
    `  fused ${fmt(r.msPerSweep, 3)} ms/sweep (${fmt(r.nsPerSite, 2)} ns/site; 2 threads ${fmt(r.twoThreadMsPerSweep, 3)}) · batched ${fmt(r.batchedMsPerSweep, 3)} · composite ${fmt(r.compositeMsPerSweep, 1)} · plain JS loop ${fmt(r.jsLoopMsPerSweep, 3)}`,
  ];
}

function render(r: Record<string, unknown>): string {
  if (r.command === "bench langevin") return renderLangevin(r).join("\n");
  if (r.command === "bench ising") return renderIsing(r).join("\n");
  if (r.command === "bench scaling") {
    const rows = r.rows as Array<{ path: string; n: number; msPerStep: number }>;
    return [`copy bandwidth ${r.copyGBps} GB/s (${r.bandwidthSource})`, ...rows.map((x) => `${String(x.n).padStart(9)}  ${x.path.padEnd(40)} ${fmt(x.msPerStep, 3)} ms`)].join("\n");
  }
  const b = r.baselines as Record<string, unknown>;
  const medians = r.medianMs as Record<string, number | null>;
  const ratios = r.ratios as Record<string, number | null>;
  return [
    ...renderLangevin(r.langevin as Record<string, unknown>),
    ...renderIsing(r.ising as Record<string, unknown>),
    `baselines: scipy ${typeof b.scipy === "string" ? b.scipy : "present"} · C ${b.c} · copy ${b.copyGBps} GB/s (${b.bandwidthSource})`,
    `median ms over ${r.rounds} interleaved rounds:`,
    ...Object.entries(medians).map(([k, v]) => `  ${k.padEnd(30)} ${v === null ? "n/a" : fmt(v, 3)}`),
    "ratios (baseline time / emtd time; higher is better for emtd):",
    ...Object.entries(ratios).map(([k, v]) => `  ${k.padEnd(34)} ${v === null ? "n/a" : fmt(v, 2)}`),
    "goals: langevin SciPy/emtd ≥ 1.0, ising C/emtd ≥ 0.5",
  ].join("\n");
}

export const benchCommand: Command = { name: "bench", summary, options, positionals: 1, run, render, omitCommon: ["no-timing"] };
