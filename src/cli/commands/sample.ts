/**
 * `emtd sample`: sample the interaction Hamiltonian H = Σ_⟨ij⟩ ‖x_i − x_j‖² (J = 1, each undirected edge once) on a
 * graph at temperature T from x = 0 and report ⟨H⟩ after burn-in with its Monte-Carlo error, beside the exact
 * equipartition value (and, for ULA, the exact biased value).
 */
import * as tf from "@tensorflow/tfjs";
import { backendFields, BACKENDS, checkGpuFits, ready, tensorBackend } from "../../engine/backend";
import { key, split, type Key } from "../../engine/random";
import { graphFromSpec, GRAPH_SPEC_FORMS } from "../../graph/spec";
import { isConnected } from "../../graph/graph";
import { DENSE_SPECTRUM_LIMIT, laplacianEigenvalues } from "../../graph/spectrum";
import { interaction } from "../../hamiltonian/interaction";
import { chainIntegratorNames, integratorNames, type IntegratorName, defaultStep, makeIntegrator } from "../../dynamics/registry";
import { CommandFailed } from "../../command/command";
import type { ChainIntegrator, Integrator } from "../../dynamics/types";
import { MIN_TEMPERATURE, NumericalError } from "../../errors";
import { VERSION } from "../../package";
import { largestLaplacianEigenvalue } from "../../graph/stability";
import { run, type PartialRun, type RunCheckpoint, type RunOptions, type RunResult } from "../../dynamics/run";
import { ZERO_ACCEPTANCE_STEPS } from "../../dynamics/loop";
import { decodeRunCheckpoint, encodeRunCheckpoint, type EncodedRunCheckpoint } from "../../runs/encode";
import { interactionChains } from "../../hamiltonian/chain-energy";
import type { ChainEstimate } from "../../dynamics/run";
import type { Graph } from "../../graph/graph";
import { equipartitionEnergy, ulaStationaryEnergy } from "../../analysis/gaussian-exact";
import { releaseGraph } from "../../ops/tensors";
import type { Command, RunSession } from "../../command/command";
import { timingText } from "../format";
import { fixed } from "../../format";
import { progressOption } from "../../command/options";
import { progressReporter } from "../progress";
import { segmented } from "../segments";
import { checkFits } from "../../engine/budget";
import {
  diagnosticsFields,
  diagnosticsOptions,
  diagnosticsText,
  runSampleChains,
  targetSetting,
  type TargetSetting,
} from "../sample-diagnostics";
import { roundDown, stuckHint } from "../sample-hint";
import { drawRecorder } from "../../dynamics/draws";
import { decodeDraws, encodeDraws, SAMPLE_FILES, writeSampleOutputs, type EncodedDraws } from "../sample-output";
import { makeDirectory } from "../../files/directory";

/** Post-burn-in steps needed for a mean and its Monte-Carlo error (the batch-means/ESS estimator needs 4). */
const KEPT_AT_LEAST = 4;

/** Below this effective sample size the MCSE itself is unreliable (dynamics/warnings). */
export { ESS_WARNING } from "../../dynamics/warnings";

const summary =
  "Sample H = Σ_<ij> ‖x_i − x_j‖² (J = 1) on a graph at temperature T from x = 0; print ⟨H⟩ after burn-in and the acceptance.";

const options: Command["options"] = {
  graph: { kind: "string", default: "ring:200:10", placeholder: "spec", help: `graph: ${GRAPH_SPEC_FORMS}` },
  dim: { kind: "int", min: 1, max: 4096, default: 2, help: "channels d of the field" },
  temperature: { kind: "number", min: MIN_TEMPERATURE, default: 1, help: "temperature T ≥ 2^-100 (k_B = 1)" },
  integrator: { kind: "choice", choices: integratorNames(), default: "mala", help: "integrator" },
  order: { kind: "choice", choices: ["colour", "sequential"], default: "colour", help: "site order for metropolis" },
  step: {
    kind: "number",
    min: 0,
    exclusiveMin: true,
    help: "step size h (proposal scale σ for metropolis); adapted during burn-in when absent",
  },
  steps: { kind: "int", min: KEPT_AT_LEAST, max: 1e9, default: 10000, help: "total steps (sweeps for metropolis), burn-in included" },
  "burn-in": { kind: "int", min: 0, max: 1e9, help: "steps discarded from averages (default steps/10)" },
  backend: {
    kind: "choice",
    choices: [...BACKENDS],
    help: "tfjs backend (default: EMTD_BACKEND, else the best available)",
  },
  chains: {
    kind: "int",
    min: 1,
    max: 4096,
    default: 1,
    help: "independent chains advanced in one tensor (ula or mala); estimates per chain and pooled; from 2, R̂ and bulk/tail ESS of H and of each channel's mean field",
  },
  ...diagnosticsOptions,
  progress: progressOption,
  out: {
    kind: "string",
    placeholder: "dir",
    help: `also write DIR/${SAMPLE_FILES.result}, the draws as DIR/${SAMPLE_FILES.draws} and as DIR/${SAMPLE_FILES.inferenceData} (ArviZ InferenceData, Zarr v2)`,
  },
};

/** Float64 numbers kept per chain per draw when the draws are written: H, acceptance rate, step size, flag, the d means. */
const DRAW_NUMBERS = 4;

/** Float32 copies of the field alive at once in a step (position, gradient, proposal and its gradient, noise, temporaries). */
const FIELD_COPIES = 12;

/**
 * The exact values a run is compared with: equipartition (N − 1)·d·T/2 on a connected graph (not for gradient flow),
 * and for ULA its exact biased value at the step used (∞ beyond the stability limit; dense spectra only).
 */
function exactReferences(
  graph: Graph,
  connected: boolean,
  name: string,
  dim: number,
  temperature: number,
  stepSize: number,
): Record<string, number> {
  const reference: Record<string, number> = {};
  if (connected && name !== "gradient-flow") reference.equipartition = equipartitionEnergy(graph.n, dim, temperature);
  if (connected && name === "ula" && graph.n <= DENSE_SPECTRUM_LIMIT) {
    try {
      reference.ulaExact = ulaStationaryEnergy(laplacianEigenvalues(graph), dim, temperature, stepSize);
    } catch {
      reference.ulaExact = Number.POSITIVE_INFINITY; // step beyond the stability limit
    }
  }
  return reference;
}

/** Everything a sample run needs, built from the options; `finish` turns the run's result into the JSON object. */
async function prepare(
  values: Parameters<Command["run"]>[0],
  fail: (message: string) => never,
  output: { dir: string; result: boolean } | null = null,
) {
  const steps = values.steps as number;
  const burnIn = (values["burn-in"] as number | undefined) ?? Math.floor(steps / 10);
  if (burnIn > steps - KEPT_AT_LEAST) {
    fail(
      `emtd sample: --burn-in must be an integer in [0, ${steps - KEPT_AT_LEAST}] (at least ${KEPT_AT_LEAST} steps kept for ⟨H⟩ and its error) (got ${burnIn})`,
    );
  }
  const requested = await ready(values.backend ? { backend: values.backend as string } : {});
  const [graphKey, runKey] = split(key(values.seed as number), 2) as [Key, Key];
  // Ring lattices and tori are budgeted as structured (no index arrays: the stencils read none; whatever reads their
  // edges is checked as a packed graph then).
  const graph = graphFromSpec(values.graph as string, graphKey, { indexFree: true, needsEdges: true });
  const dim = values.dim as number;
  const chains = values.chains as number;
  const name = values.integrator as string;
  // On webgpu the chains' fields are one [N, chains·d] float32 tensor, held on the device (checked first: it is the
  // device's memory, not this process's, that holds it), bound in blocks by the fused steps (ULA, MALA) where it is
  // above the largest binding.
  checkGpuFits(
    requested,
    "emtd sample",
    `the field of --graph ${values.graph as string} × --dim ${dim} × --chains ${chains}`,
    graph.n,
    dim * chains,
    name === "ula" || name === "mala",
  );
  // Ψ, ∇H, the proposal, its gradient, the noise and temporaries: about 12 float32 copies of the field; and H of
  // every kept step in float64.
  checkFits(
    "emtd sample",
    `a field of ${graph.n}×${dim} and ${steps - burnIn} kept energies`,
    graph.n * dim * 4 * FIELD_COPIES + (steps - burnIn) * 8 + (output ? (steps - burnIn) * chains * (dim + DRAW_NUMBERS) * 8 : 0),
  );
  const recorder = output ? drawRecorder(chains, dim, steps - burnIn) : null;
  // Fields past tfjs-wasm's 32-bit heap run on the cpu backend (the engine's memory) unless wasm was named.
  const explicitBackend = values.backend !== undefined || Boolean(process.env.EMTD_BACKEND);
  const backend = await tensorBackend(requested, graph.n * dim * 4 * FIELD_COPIES, explicitBackend, "emtd sample");
  const temperature = values.temperature as number;
  const explicitStep = values.step as number | undefined;
  const step = explicitStep ?? defaultStep(name as IntegratorName, graph, temperature);
  const runOptions: RunOptions = {
    steps,
    burnIn,
    adapt: explicitStep === undefined,
    stuckAfter: ZERO_ACCEPTANCE_STEPS,
    ...(recorder ? { onDraw: recorder.onDraw } : {}),
  };
  if (chains > 1 && !chainIntegratorNames().includes(name))
    fail(`emtd sample: --chains above 1 needs --integrator one of ${chainIntegratorNames().join(", ")} (got ${name})`);
  // One integrator, of one field or of R chains side by side: the energy says which, `run` takes either.
  const choice = { step, temperature, order: values.order as "colour" | "sequential" };
  const chainIntegrator = chains > 1 ? makeIntegrator(name as IntegratorName, interactionChains(graph, chains), graph, choice) : null;
  const integrator: Integrator = chainIntegrator ?? makeIntegrator(name as IntegratorName, interaction(graph), graph, choice);
  const target = targetSetting(values, chains, steps, fail);
  // The draws of later --target-mcse segments are not recorded yet: refuse rather than write a partial store.
  if (target !== null && values.out !== undefined)
    fail("emtd sample: --out cannot be combined with --target-mcse yet (write the draws of a fixed --steps run)");
  const progress = Boolean(values.progress) || (!values.json && process.stderr.isTTY === true);
  const chainSetting: ChainsSetting | null = chainIntegrator
    ? { graph, dim, integrator: chainIntegrator, explicitStep, steps, burnIn, runKey, backend, chains, target, progress, recorder }
    : null;
  /** A numerical fault as the user should read it: the cause on this graph, the bound, and a step that works. */
  function failure(error: unknown): never {
    if (!(error instanceof NumericalError)) throw error;
    releaseGraph(graph);
    const { value: lambdaMax, exact } = largestLaplacianEigenvalue(graph);
    const bound = 1 / lambdaMax;
    const h = (error.partial as PartialRun | undefined)?.stepSize ?? step;
    const cause =
      error.fault === "divergence"
        ? `${integrator.name} diverged at step ${error.step}: the step h = ${h} is above the stable bound h < 1/λ_max = ${bound.toPrecision(4)} on ${graph.label} (λ_max ${exact ? "=" : "≤"} ${lambdaMax.toPrecision(4)}${exact ? "" : ", Gershgorin"})`
        : `${integrator.name} accepted nothing for ${Math.min(ZERO_ACCEPTANCE_STEPS, steps - burnIn)} steps after burn-in (to step ${error.step}) with step h = ${h}: the chain is stuck`;
    // MALA stuck: where it stalled and the step that follows from MALA's closed-form acceptance (cli/sample-hint).
    // Otherwise a step smaller than the one that failed and a quarter of the stable bound (the default step).
    const hint = error.fault !== "divergence" && name === "mala" ? stuckHint(graph, dim, h, bound) : null;
    const suggested = hint?.step ?? roundDown(Math.min(bound / 4, h / 2));
    const fix =
      name === "metropolis"
        ? "use a smaller --step, or omit it to adapt during burn-in"
        : (hint?.text ??
          `use --step ${suggested} or smaller, or omit --step to adapt during burn-in (${suggested} is at most a quarter of the stable bound 1/λ_max and half the step that failed)`);
    const partial = error.partial as PartialRun | undefined;
    throw new CommandFailed(`emtd sample: ${cause}; ${fix}`, {
      command: "sample",
      graph: graph.label,
      integrator: integrator.name,
      step: h,
      steps,
      burnIn,
      seed: values.seed,
      failed: {
        fault: error.fault,
        atStep: error.step,
        stableStepBound: bound,
        lambdaMax,
        lambdaMaxExact: exact,
        ...(hint
          ? {
              hint: {
                cause: hint.cause,
                step: hint.step,
                acceptanceAtMode: hint.acceptanceAtMode,
                acceptanceAtEquilibrium: hint.acceptanceAtEquilibrium,
              },
            }
          : {}),
      },
      stepsCompleted: partial?.steps ?? null,
      trace: partial?.trace ?? [],
      version: VERSION,
    });
  }

  function finish(result: RunResult, seconds: number): Record<string, unknown> {
    result.final.dispose();
    if (result.acceptance === 0 && integrator.targetAcceptance !== null) {
      // Shorter than the library's streak rule, but the same fault: every kept step is the starting state.
      failure(
        new NumericalError("no proposal accepted after burn-in", "acceptance-collapse", steps, {
          steps,
          trace: result.trace,
          energies: result.energies,
          stepSize: result.stepSize,
          integrator: integrator.name,
        }),
      );
    }
    return toResult(result, seconds);
  }

  /** The command's result, one chain's or R chains' (pooled in the contract's fields, each chain's beside it). */
  function toResult(outcome: SampleOutcome, seconds: number): Record<string, unknown> {
    releaseGraph(graph);
    const connected = isConnected(graph);
    const reference = exactReferences(graph, connected, name, dim, temperature, outcome.stepSize);
    const { batch } = outcome;
    const estimate = batch ? batch.pooled : outcome;
    const result = {
      command: "sample",
      graph: graph.label,
      nodes: graph.n,
      edges: graph.edgeCount,
      connected,
      dim,
      temperature,
      integrator: integrator.name,
      step: outcome.stepSize,
      adapted: explicitStep === undefined && integrator.targetAcceptance !== null,
      steps: outcome.steps ?? steps,
      burnIn,
      seed: values.seed,
      ...backendFields(backend),
      ...(batch ? { chains: batch.chains } : {}),
      meanEnergy: estimate.meanEnergy,
      energyMcse: estimate.energyMcse,
      energyEss: estimate.energyEss,
      acceptance: estimate.acceptance,
      ...(batch ? { pooled: batch.pooled, perChain: batch.perChain } : {}),
      ...(outcome.diagnostics ? { diagnostics: outcome.diagnostics } : {}),
      ...(outcome.target ? { target: outcome.target } : {}),
      reference,
      warnings: outcome.warnings,
      timing: { seconds },
    };
    if (output && recorder) {
      const attrs = { graph: graph.label, dim, temperature, integrator: integrator.name, steps, burn_in: burnIn, seed: values.seed };
      writeSampleOutputs(output.dir, recorder.draws, attrs, output.result ? result : undefined);
    }
    return result;
  }
  return { graph, dim, integrator, runOptions, runKey, finish, failure, chainSetting, toResult, recorder };
}

async function sample(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  const out = values.out as string | undefined;
  if (out !== undefined) {
    // Checked before the run, so a bad path costs nothing.
    try {
      if (out === "") throw Object.assign(new Error("empty"), { code: "empty path" });
      makeDirectory(out);
    } catch (error) {
      fail(
        `emtd sample: --out must be a directory that can be created (got ${JSON.stringify(out)}: ${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  const { graph, dim, integrator, runOptions, runKey, finish, failure, chainSetting, toResult } = await prepare(
    values,
    fail,
    out === undefined ? null : { dir: out, result: true },
  );
  if (out !== undefined && !values.json)
    process.stderr.write(`emtd sample: writing ${out}/${SAMPLE_FILES.inferenceData}, ${SAMPLE_FILES.draws}, ${SAMPLE_FILES.result}\n`);
  if (chainSetting) return sampleChains(chainSetting, failure, toResult);
  const initial = tf.zeros([graph.n, dim]) as tf.Tensor2D;
  const report = progressReporter("sample", { enabled: Boolean(values.progress) || (!values.json && process.stderr.isTTY === true) });
  let result: RunResult;
  try {
    result = run(integrator, initial, { ...runOptions, onRecord: (r) => report(r.step, runOptions.steps) }, runKey);
  } catch (error) {
    throw failure(error);
  } finally {
    report.end();
    initial.dispose();
  }
  return finish(result, result.seconds);
}

/** `sample` in segments for `emtd run`: the full run state is checkpointed (runs/encode), so resuming is exact. */
async function sampleResumable(
  values: Parameters<Command["run"]>[0],
  fail: (message: string) => never,
  session: RunSession,
): Promise<Record<string, unknown>> {
  const { graph, dim, integrator, runOptions, runKey, finish, failure, chainSetting, toResult, recorder } = await prepare(
    values,
    fail,
    session.outDir === undefined ? null : { dir: session.outDir, result: false },
  );
  // Batched chains run whole (no checkpoints between segments yet).
  if (chainSetting) return sampleChains(chainSetting, failure, toResult);
  const { steps, burnIn = 0 } = runOptions;
  const started = performance.now();
  const initial = tf.zeros([graph.n, dim]) as tf.Tensor2D;
  try {
    const result = await segmented<RunCheckpoint, RunResult>(
      session,
      steps,
      (resume, until) => {
        let r: RunResult;
        try {
          r = run(integrator, initial, { ...runOptions, resume, until }, runKey);
        } catch (error) {
          throw failure(error);
        }
        if (!r.checkpoint) return { done: r };
        r.final.dispose();
        return { paused: r.checkpoint };
      },
      {
        step: (c) => c.step,
        // The draws recorded so far ride along, so a resumed run writes every draw.
        encode: (c) => ({
          ...encodeRunCheckpoint(c, burnIn),
          ...(recorder ? { draws: encodeDraws(recorder.snapshot(Math.max(0, c.step - burnIn))) } : {}),
        }),
        decode: (e) => {
          const { draws } = e as { draws?: EncodedDraws };
          if (recorder && draws) recorder.restore(decodeDraws(draws));
          return decodeRunCheckpoint(e as EncodedRunCheckpoint);
        },
      },
    );
    return finish(result, (performance.now() - started) / 1000);
  } finally {
    initial.dispose();
  }
}

/** What a run or a batch of chains produced, as the result object reports it. */
interface SampleOutcome extends ChainEstimate {
  stepSize: number;
  warnings: string[];
  /** R chains: their pooled and per-chain estimates. */
  batch?: { chains: number; pooled: ChainEstimate; perChain: ChainEstimate[] };
  /** R ≥ 2 chains: R̂ and ESS per quantity, the target's outcome, and the steps taken (cli/sample-diagnostics). */
  diagnostics?: ReturnType<typeof diagnosticsFields>["diagnostics"];
  target?: ReturnType<typeof diagnosticsFields>["target"];
  steps?: number;
}

interface ChainsSetting {
  graph: Graph;
  dim: number;
  /** The command's one integrator, of R chains side by side. */
  integrator: ChainIntegrator;
  explicitStep: number | undefined;
  steps: number;
  burnIn: number;
  runKey: Key;
  backend: string;
  chains: number;
  target: TargetSetting | null;
  progress: boolean;
  recorder: ReturnType<typeof drawRecorder> | null;
}

/** R chains in one tensor (hamiltonian/chain-energy), with their diagnostics, reported by `toResult`. */
function sampleChains(
  o: ChainsSetting,
  failure: (error: unknown) => never,
  toResult: (outcome: SampleOutcome, seconds: number) => Record<string, unknown>,
): Record<string, unknown> {
  const { graph, dim, chains, integrator } = o;
  const initial = tf.zeros([graph.n, chains * dim]) as tf.Tensor2D;
  let result: ReturnType<typeof runSampleChains>;
  try {
    const options = {
      steps: o.steps,
      burnIn: o.burnIn,
      adapt: o.explicitStep === undefined,
      ...(o.recorder ? { onDraw: o.recorder.onChainsDraw } : {}),
    };
    result = runSampleChains(integrator, initial, options, o.runKey, o.target, o.progress);
  } catch (error) {
    throw failure(error);
  } finally {
    initial.dispose();
  }
  result.final.dispose();
  const { stepSize, perChain, steps } = result;
  // The contract's `pooled`: the result's own estimates, which for R chains are the pooled ones.
  const pooled: ChainEstimate = {
    meanEnergy: result.meanEnergy,
    energyMcse: result.energyMcse,
    energyEss: result.energyEss,
    acceptance: result.acceptance,
  };
  const { diagnostics, target, warnings } = diagnosticsFields(result);
  return toResult({ stepSize, warnings, ...pooled, batch: { chains, pooled, perChain }, diagnostics, target, steps }, result.seconds);
}

function render(r: Record<string, unknown>): string {
  const ref = r.reference as Record<string, number>;
  const lines = [
    `${r.integrator}${r.chains ? ` × ${r.chains} chains (pooled)` : ""} on ${r.graph} (${r.nodes} nodes, ${r.edges} edges), d=${r.dim}, T=${r.temperature}, ${r.backend}`,
    `⟨H⟩ = ${fixed(r.meanEnergy)} ± ${fixed(r.energyMcse)} (MCSE, ESS ${fixed(r.energyEss, 0)}) after ${r.burnIn} of ${r.steps} steps`,
    ...diagnosticsText(r),
    ...((r.warnings as string[] | undefined) ?? []).map((w) => `warning: ${w}`),
    `acceptance ${fixed(r.acceptance, 3)}, step ${fixed(r.step, 6)}${r.adapted ? " (adapted during burn-in)" : ""}${timingText(r)}`,
  ];
  if (ref.equipartition !== undefined) lines.push(`exact equipartition (N−1)·d·T/2 = ${fixed(ref.equipartition)}`);
  if (ref.ulaExact !== undefined) lines.push(`exact ULA stationary ⟨H⟩ at this step = ${fixed(ref.ulaExact)}`);
  return lines.join("\n");
}

export const sampleCommand: Command = {
  name: "sample",
  summary,
  options,
  run: sample,
  render,
  resumable: sampleResumable,
  outputOnly: ["out"],
};
