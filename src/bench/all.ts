/**
 * `emtd bench all`: the library's paths and the baselines (SciPy sparse, a C loop), interleaved over several rounds
 * in one process (the machine may be shared: interleaving exposes every path to the same neighbours), medians per
 * path and ratios of the medians. Benchmarks measure; tests never time anything ({@link summariseRounds}, the
 * arithmetic, is tested on fixed numbers).
 */
import { median } from "../stats/summary";
import { benchIsing } from "./bench-ising";
import { benchLangevin, STEP_BYTES_MODEL } from "./bench-langevin";
import { cBinary, cIsing, cLangevin, copyBandwidth, scipyLangevin } from "./baselines";
import { roundTo } from "../format";

export interface BenchAllOptions {
  /** Graph spec of the Langevin benchmark; the SciPy and C baselines run only on `ring:N:k`. */
  graph: string;
  /** A second Langevin graph (default ws:100000:10:0.1), timed beside SciPy on the same graph; "none" skips it. */
  wsGraph?: string;
  dim: number;
  steps: number;
  /** Ising lattice side L (even). */
  size: number;
  sweeps: number;
  beta: number;
  rounds: number;
  /** Seed of every path (required: no seed is defaulted). */
  seed: number;
  backend?: string;
}

/** One round's milliseconds per path (null where a path is not available). */
export type RoundTimes = Record<string, number | null>;

/** Ratios reported, each baseline path over the emtd path it is compared with (higher is better for emtd). */
export const BENCH_RATIOS: Record<string, readonly [string, string]> = {
  langevinScipyOverEmtd: ["scipyLangevin", "emtdLangevin"],
  langevinScipyOverEmtdTwoThreads: ["scipyLangevin", "emtdLangevinTwoThreads"],
  langevinScipyOverEmtdUla: ["scipyLangevin", "emtdUla"],
  langevinCOverEmtd: ["cLangevin", "emtdLangevin"],
  langevinJsLoopOverEmtd: ["jsLoopLangevin", "emtdLangevin"],
  langevinScipyOverEmtdWs: ["scipyLangevinWs", "emtdLangevinWs"],
  isingCOverEmtd: ["cIsing", "emtdIsing"],
  isingCOverEmtdKernel: ["cIsing", "emtdIsingKernel"],
  isingCOverEmtdBatched: ["cIsing", "emtdIsingBatched"],
  isingCOverEmtdTwoThreads: ["cIsing", "emtdIsingTwoThreads"],
  isingJsLoopOverEmtd: ["jsLoopIsing", "emtdIsing"],
  minLangevinScipyOverEmtd: ["minScipyLangevin", "minEmtdLangevin"],
  minLangevinCOverEmtd: ["minCLangevin", "minEmtdLangevin"],
  minIsingCOverEmtd: ["minCIsing", "minEmtdIsing"],
  minLangevinScipyOverEmtdWs: ["minScipyLangevinWs", "minEmtdLangevinWs"],
};

/** The default second graph of `emtd bench all` (a Watts–Strogatz graph: CSR, no stencil). */
export const BENCH_WS_GRAPH = "ws:100000:10:0.1";

/**
 * Medians per path over the rounds (rounds where a path is null are skipped; null when it never ran), rounded to 3
 * significant digits, and the {@link BENCH_RATIOS} of the medians (null when either side is missing).
 *
 * @example
 * ```ts
 * summariseRounds([{ scipyLangevin: 4, emtdLangevin: 2 }, { scipyLangevin: 6, emtdLangevin: 2 }]).ratios.langevinScipyOverEmtd; // 2.5
 * ```
 */
export function summariseRounds(perRound: readonly RoundTimes[]): {
  medians: Record<string, number | null>;
  ratios: Record<string, number | null>;
} {
  const keys = [...new Set(perRound.flatMap((p) => Object.keys(p)))];
  const medians: Record<string, number | null> = {};
  for (const k of keys) {
    const v = perRound.map((p) => p[k]).filter((x): x is number => typeof x === "number");
    medians[k] = v.length === 0 ? null : roundTo(median(v));
  }
  const ratios: Record<string, number | null> = {};
  for (const [name, [base, ours]] of Object.entries(BENCH_RATIOS)) {
    const b = medians[base];
    const o = medians[ours];
    ratios[name] = b != null && o != null ? roundTo(b / o) : null;
  }
  return { medians, ratios };
}

function ringParts(spec: string): { n: number; k: number } | null {
  const m = /^ring:(\d+):(\d+)$/.exec(spec);
  return m ? { n: Number(m[1]), k: Number(m[2]) } : null;
}

/**
 * Run every path and baseline `o.rounds` times, interleaved; the `emtd bench all --json` object (medians in ms per
 * step or sweep and their ratios, {@link summariseRounds}). It compiles the C baseline and runs SciPy for minutes
 * (no runnable example); from the command line, on a quiet machine:
 *
 * ```sh
 * npx emtd bench all --json > bench.json
 * ```
 */
export async function benchAll(o: BenchAllOptions): Promise<Record<string, unknown>> {
  const ring = ringParts(o.graph);
  const wsGraph = o.wsGraph ?? BENCH_WS_GRAPH;
  const bw = copyBandwidth();
  const perRound: RoundTimes[] = [];
  let first: { l: Record<string, unknown>; i: Record<string, unknown> } | null = null;
  let firstWs: Record<string, unknown> | null = null;
  let scipyInfo: Record<string, number | string> | null = null;
  for (let r = 0; r < o.rounds; r++) {
    const l = await benchLangevin({
      graph: o.graph,
      dim: o.dim,
      steps: o.steps,
      seed: o.seed,
      backend: o.backend,
      fusedOnly: r > 0,
      copyGBps: bw.copyGBps,
    });
    const scipy = ring ? scipyLangevin(ring.n, ring.k, o.dim, o.steps) : null;
    const cL = ring ? cLangevin(ring.n, ring.k, o.dim, o.steps) : null;
    const i = await benchIsing({ size: o.size, sweeps: o.sweeps, beta: o.beta, seed: o.seed, backend: o.backend, fusedOnly: r > 0 });
    const cI = cIsing(o.size, o.sweeps, o.beta);
    const w =
      wsGraph === "none"
        ? null
        : await benchLangevin({
            graph: wsGraph,
            dim: o.dim,
            steps: o.steps,
            seed: o.seed,
            backend: o.backend,
            fusedOnly: true,
            baseline: "scipy",
            copyGBps: bw.copyGBps,
          });
    first ??= { l, i };
    firstWs ??= w;
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
      emtdIsingKernel: num(i.kernelMsPerSweep),
      emtdIsingBatched: num(i.batchedMsPerSweep),
      emtdIsingTwoThreads: num(i.twoThreadMsPerSweep),
      jsLoopIsing: num(i.jsLoopMsPerSweep),
      cIsing: num(cI?.msPerSweep),
      emtdLangevinWs: num(w?.msPerStep),
      scipyLangevinWs: num(w?.scipyMsPerStep),
      // Minima: the least disturbed repetition of each path (the machine may be shared).
      minEmtdLangevin: num(l.minMsPerStep),
      minScipyLangevin: num(scipy?.minMsPerStep),
      minCLangevin: num(cL?.minMsPerStep),
      minEmtdIsing: num(i.minMsPerSweep),
      minCIsing: num(cI?.minMsPerSweep),
      minEmtdLangevinWs: num(w?.minMsPerStep),
      minScipyLangevinWs: num(w?.minScipyMsPerStep),
    });
  }
  const { medians, ratios } = summariseRounds(perRound);
  // How far each step is from the memory-bandwidth bound: its minimum bytes over the copy bandwidth, against the
  // median measured time (fraction = bound / measured; 1 would be bandwidth-bound).
  const bound = (l: Record<string, unknown> | null, measured: number | null) => {
    if (l === null || measured === null) return null;
    const boundMs = (l.minBytesPerStep as number) / (bw.copyGBps * 1e6);
    return {
      graph: l.graph,
      stencil: l.stencil,
      minBytesPerStep: l.minBytesPerStep,
      bandwidthBoundMs: roundTo(boundMs),
      measuredMs: measured,
      fractionOfBandwidth: roundTo(boundMs / measured),
    };
  };
  return {
    command: "bench all",
    rounds: o.rounds,
    medianMs: medians,
    ratios,
    goals: { langevinScipyOverEmtd: "≥ 3.0", langevinScipyOverEmtdWs: "≥ 2.5", isingCOverEmtd: "≥ 0.7" },
    langevin: first!.l,
    langevinWs: firstWs,
    bandwidth: {
      copyGBps: roundTo(bw.copyGBps),
      bytesModel: STEP_BYTES_MODEL,
      langevin: bound(first!.l, medians.emtdLangevin ?? null),
      langevinWs: bound(firstWs, medians.emtdLangevinWs ?? null),
    },
    ising: first!.i,
    baselines: {
      scipy: scipyInfo ?? "not available (needs /usr/bin/python3 with python3-scipy and a ring:N:k graph)",
      c: cBinary() ? "cc -O2 -march=native, compiled at bench time" : "not available (needs cc)",
      copyGBps: roundTo(bw.copyGBps),
      bandwidthSource: bw.source,
    },
    perRound,
  };
}
