/**
 * `emtd ising`: colour-parallel (checkerboard) Metropolis for the 2D Ising model on the L×L periodic square
 * lattice (J = 1, k_B = 1), or on any graph with --graph; prints the per-spin estimators with their Monte-Carlo
 * standard errors beside the exact references that apply: Onsager's u(T) and Yang's M(T) for the infinite lattice
 * (meaningful when L ≫ ξ(T)) and exact enumeration for systems of at most 16 spins.
 */
import { backendFields, BACKENDS, ready } from "../../engine/backend";
import { key, split, type Key } from "../../engine/random";
import { graphFromSpec, GRAPH_SPEC_FORMS } from "../../graph/spec";
import { releaseGraph } from "../../ops/tensors";
import { graphs } from "../../graph/generators";
import { isingGraph, isingLattice } from "../../spin/ising/ising-system";
import { isingSampler, type IsingCheckpoint, type IsingRunOptions, type IsingRunResult } from "../../spin/ising/ising-sampler";
import { runIsing } from "../../spin/ising/ising-run";
import { decodeIsingCheckpoint, encodeIsingCheckpoint, type EncodedIsingCheckpoint } from "../../runs/encode";
import { CRITICAL_TEMPERATURE, correlationLength, isingEnumeration, onsagerEnergy, yangMagnetization } from "../../spin/ising/ising-exact";
import type { Command, RunSession } from "../../command/command";
import { timingText } from "../format";
import { fixed } from "../../format";
import { progressOption } from "../../command/options";
import { progressSession, progressWanted } from "../progress";
import { segmented } from "../segments";
import { MIN_TEMPERATURE } from "../../errors";
import { checkFits } from "../../engine/budget";

const summary =
  "2D Ising model (periodic L×L, J = 1) by checkerboard Metropolis: energy, |m|, χ, C per spin with MCSE and exact references.";

const ENUMERATE_UP_TO = 16;

const options: Command["options"] = {
  size: { kind: "int", min: 3, max: 4096, default: 32, help: "lattice side L (N = L² spins, periodic)" },
  graph: { kind: "string", placeholder: "spec", help: `instead of the lattice, any graph: ${GRAPH_SPEC_FORMS}` },
  temperature: { kind: "number", min: MIN_TEMPERATURE, default: CRITICAL_TEMPERATURE, help: "temperature T ≥ 2^-100 (default T_c)" },
  sweeps: { kind: "int", min: 4, max: 1e9, default: 2000, help: "sweeps, burn-in included (at least 4 are kept for the averages)" },
  "burn-in": { kind: "int", min: 0, max: 1e9, help: "sweeps discarded before averaging (default sweeps/10)" },
  replicas: { kind: "int", min: 1, max: 4096, default: 1, help: "independent chains advanced together" },
  start: { kind: "choice", choices: ["cold", "hot"], default: "cold", help: "initial spins: all +1 (cold) or random (hot)" },
  backend: {
    kind: "choice",
    choices: [...BACKENDS],
    help: "tfjs backend (default: EMTD_BACKEND, else the best available)",
  },
  progress: progressOption,
};

/** Everything an Ising run needs, built from the options; `finish` turns the run's result into the JSON object. */
async function prepare(values: Parameters<Command["run"]>[0], fail: (message: string) => never) {
  const sweeps = values.sweeps as number;
  const burnIn = (values["burn-in"] as number | undefined) ?? Math.floor(sweeps / 10);
  if (burnIn > sweeps - 4) fail(`emtd ising: --burn-in must be an integer in [0, ${sweeps - 4}] (at least 4 sweeps kept) (got ${burnIn})`);
  const backend = await ready(values.backend ? { backend: values.backend as string } : {});
  const [graphKey, runKey] = split(key(values.seed as number), 2) as [Key, Key];
  const spec = values.graph as string | undefined;
  const graph = spec === undefined ? null : graphFromSpec(spec, graphKey, { needsEdges: true });
  const spins = (graph ? graph.n : (values.size as number) ** 2) * (values.replicas as number);
  // Spins, uniforms, masks and per-chain series: about 16 bytes per spin per chain, plus 16 per chain per kept sweep.
  checkFits("emtd ising", `${spins} spins (size² × replicas)`, spins * 16 + (values.replicas as number) * sweeps * 16);
  const system = graph ? isingGraph(graph) : isingLattice(values.size as number);
  const temperature = values.temperature as number;
  const runOptions: IsingRunOptions = {
    temperature,
    replicas: values.replicas as number,
    sweeps,
    burnIn,
    start: values.start as "cold" | "hot",
  };

  function finish(run: IsingRunResult, seconds: number): Record<string, unknown> {
    if (graph) releaseGraph(graph);
    const r = run.results[0]!;
    const exact: Record<string, number> = {};
    if (!graph) {
      exact.criticalTemperature = CRITICAL_TEMPERATURE;
      exact.onsagerEnergyPerSpin = onsagerEnergy(temperature);
      exact.yangMagnetization = yangMagnetization(temperature);
      exact.correlationLength = correlationLength(temperature);
    }
    if (system.n <= ENUMERATE_UP_TO) {
      // The even lattice has no graph object; the torus graph is the same system.
      const e = isingEnumeration(system.graph ?? graphs.torus(system.size!), [temperature])[0]!;
      exact.enumeratedEnergyPerSpin = e.energyPerSpin;
      exact.enumeratedAbsMagnetization = e.absMagnetization;
      exact.enumeratedSpecificHeat = e.specificHeat;
      exact.enumeratedSusceptibility = e.susceptibility;
    }
    return {
      command: "ising",
      system: system.label,
      size: system.size,
      nodes: system.n,
      bonds: system.bonds,
      temperature,
      sweeps,
      burnIn,
      replicas: run.replicas,
      start: values.start,
      seed: values.seed,
      ...backendFields(backend),
      energyPerSpin: r.energyPerSpin.value,
      energyMcse: r.energyPerSpin.mcse,
      energyEss: r.energyPerSpin.ess,
      absMagnetization: r.absMagnetization.value,
      absMagnetizationMcse: r.absMagnetization.mcse,
      absMagnetizationEss: r.absMagnetization.ess,
      susceptibility: r.susceptibility.value,
      susceptibilityMcse: r.susceptibility.mcse,
      specificHeat: r.specificHeat.value,
      specificHeatMcse: r.specificHeat.mcse,
      acceptance: r.acceptance,
      exact,
      warnings: r.warnings,
      timing: { seconds },
    };
  }
  return { system, runOptions, runKey, finish };
}

async function ising(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  // Without progress, in one piece: each pause between segments reads the spins back and the next segment writes
  // them again (on webgpu a round trip of the whole lattice each way, 20 a run), for nothing shown.
  if (!progressWanted(values)) return isingWhole(values, fail);
  // In segments, for progress on stderr: the same numbers as one piece (the segments resume exactly).
  const session = progressSession("ising", true);
  try {
    return await isingResumable(values, fail, session);
  } finally {
    session.end();
  }
}

/** `ising` in one piece: the numbers of the segments (they resume exactly). */
async function isingWhole(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  const { system, runOptions, runKey, finish } = await prepare(values, fail);
  const { sweeps, burnIn = 0 } = runOptions;
  const sampler = isingSampler(system, [runOptions.temperature as number], { replicas: runOptions.replicas });
  const started = performance.now();
  const result = runIsing(sampler, runOptions.start ?? "cold", { steps: sweeps, burnIn }, runKey);
  return finish(result, (performance.now() - started) / 1000);
}

/** `ising` in segments for `emtd run`: spins and series are checkpointed (runs/encode), so resuming is exact. */
async function isingResumable(
  values: Parameters<Command["run"]>[0],
  fail: (message: string) => never,
  session: RunSession,
): Promise<Record<string, unknown>> {
  const { system, runOptions, runKey, finish } = await prepare(values, fail);
  const { sweeps, burnIn = 0 } = runOptions;
  const sampler = isingSampler(system, [runOptions.temperature as number], { replicas: runOptions.replicas });
  const started = performance.now();
  const result = await segmented<IsingCheckpoint, IsingRunResult>(
    session,
    sweeps,
    (resume, until) => {
      const r = runIsing(sampler, runOptions.start ?? "cold", { steps: sweeps, burnIn, resume, until }, runKey);
      return r.checkpoint ? { paused: r.checkpoint } : { done: r };
    },
    {
      step: (c) => c.sweep,
      encode: (c) => encodeIsingCheckpoint(c, burnIn),
      decode: (e) => decodeIsingCheckpoint(e as EncodedIsingCheckpoint),
    },
  );
  return finish(result, (performance.now() - started) / 1000);
}

function render(r: Record<string, unknown>): string {
  const x = r.exact as Record<string, number>;
  const lines = [
    `Ising on ${r.system} (${r.nodes} spins, ${r.bonds} bonds), T = ${fixed(r.temperature, 4)}, ${r.replicas} chain(s), ${r.backend}`,
    `energy per spin  ${fixed(r.energyPerSpin, 5)} ± ${fixed(r.energyMcse, 5)} (MCSE, ESS ${fixed(r.energyEss, 0)})`,
    `|m| per spin     ${fixed(r.absMagnetization, 5)} ± ${fixed(r.absMagnetizationMcse, 5)}`,
    `susceptibility χ' ${fixed(r.susceptibility, 4)} ± ${fixed(r.susceptibilityMcse, 4)}, specific heat C ${fixed(r.specificHeat, 4)} ± ${fixed(r.specificHeatMcse, 4)}`,
    `acceptance ${fixed(r.acceptance, 4)}, ${r.burnIn} of ${r.sweeps} sweeps burnt in${timingText(r)}`,
    ...((r.warnings as string[] | undefined) ?? []).map((w) => `warning: ${w}`),
  ];
  if (x.onsagerEnergyPerSpin !== undefined) {
    lines.push(
      `infinite lattice: Onsager u = ${fixed(x.onsagerEnergyPerSpin, 5)}, Yang M = ${fixed(x.yangMagnetization, 5)}, ξ = ${typeof x.correlationLength === "number" && Number.isFinite(x.correlationLength) ? fixed(x.correlationLength, 2) : "∞"}, T_c = ${fixed(x.criticalTemperature, 5)}`,
    );
  }
  if (x.enumeratedEnergyPerSpin !== undefined) {
    lines.push(`exact enumeration: e = ${fixed(x.enumeratedEnergyPerSpin, 5)}, |m| = ${fixed(x.enumeratedAbsMagnetization, 5)}`);
  }
  return lines.join("\n");
}

export const isingCommand: Command = { name: "ising", summary, options, run: ising, render, resumable: isingResumable };
