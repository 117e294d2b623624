/**
 * `emtd sample --chains R` (R ≥ 2): the multi-chain diagnostics and `--target-mcse` (dynamics/diagnosed), kept here so
 * the command's module only wires them in. JSON: `diagnostics: { energy: { rhat, essBulk, essTail, mean, mcse },
 * meanField0: { … }, … }` (H, then the mean field (1/N) Σ_i x_{i,k} of channel k, for the first
 * {@link MEAN_FIELD_CHANNELS} channels) and, with --target-mcse, `target: { mcse, maxRhat, reached, achievedMcse,
 * achievedRhat, steps, maxSteps, segments }`.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";
import type { Command } from "../command/command";
import type { ChainIntegrator } from "../dynamics/types";
import type { RunChainsOptions } from "../dynamics/chain-run";
import { meanFieldName, type TargetReport } from "../dynamics/diagnosed";
import { run, type RunResult } from "../dynamics/run";
import type { ConvergenceDiagnostics } from "../stats/diagnostics";
import { checkFits } from "../engine/budget";
import { fixed } from "../format";

/** Channels whose mean field is recorded and diagnosed (the first ones): bounds the memory of wide fields. */
export const MEAN_FIELD_CHANNELS = 16;

/** `--max-steps` when not given: this many times `--steps`. */
export const MAX_STEPS_FACTOR = 10;

/** The options `emtd sample` adds for the diagnostics. */
export const diagnosticsOptions: Command["options"] = {
  "target-mcse": {
    kind: "number",
    min: 0,
    exclusiveMin: true,
    help: "with --chains ≥ 2: keep sampling until the MCSE of ⟨H⟩ is at most this and R̂ of H ≤ 1.01 (capped by --max-steps)",
  },
  "max-steps": {
    kind: "int",
    min: 1,
    max: 1e9,
    help: `with --target-mcse: cap on the total steps, burn-in included (default ${MAX_STEPS_FACTOR} × --steps)`,
  },
};

/** What --target-mcse asks for, checked. */
export interface TargetSetting {
  targetMcse: number;
  maxSteps: number;
}

/**
 * The --target-mcse and --max-steps values checked against the rest (one line and exit 2 through `fail`), or null
 * without --target-mcse.
 */
export function targetSetting(
  values: Parameters<Command["run"]>[0],
  chains: number,
  steps: number,
  fail: (message: string) => never,
): TargetSetting | null {
  const targetMcse = values["target-mcse"] as number | undefined;
  const maxSteps = values["max-steps"] as number | undefined;
  if (targetMcse === undefined) {
    if (maxSteps !== undefined) fail(`emtd sample: --max-steps applies only with --target-mcse (got --max-steps ${maxSteps} alone)`);
    return null;
  }
  if (chains < 2) fail(`emtd sample: --target-mcse needs --chains 2 or more, R̂ compares chains (got --chains ${chains})`);
  const cap = maxSteps ?? Math.min(1e9, MAX_STEPS_FACTOR * steps);
  if (cap < steps) fail(`emtd sample: --max-steps must be an integer in [${steps}, 1e9], at least --steps (got ${cap})`);
  return { targetMcse, maxSteps: cap };
}

/**
 * R chains with diagnostics, to a target when asked: checks the memory of the recorded draws first, and writes one
 * progress line per segment to stderr when `progress` is on.
 */
export function runSampleChains(
  integrator: ChainIntegrator,
  initial: tf.Tensor2D,
  options: RunChainsOptions,
  key: Key,
  target: TargetSetting | null,
  progress: boolean,
): RunResult {
  const [, width] = initial.shape;
  const R = integrator.chains;
  const channels = Math.min(width / R, MEAN_FIELD_CHANNELS);
  const steps = target?.maxSteps ?? options.steps;
  // Per step: the field means of every chain's channels (float32), and per kept step H and the recorded means (float64).
  checkFits("emtd sample", `the draws of ${R} chains × ${steps} steps`, steps * width * 4 + steps * R * (1 + channels) * 8);
  const common = { ...options, meanFieldChannels: channels };
  if (target === null) return run(integrator, initial, { ...common, diagnostics: true }, key);
  return run(
    integrator,
    initial,
    {
      ...common,
      ...target,
      onProgress: (p) => {
        if (!progress) return;
        const then = p.next > 0 ? `; ${p.next} more steps` : "";
        process.stderr.write(
          `emtd sample: ${p.steps}/${p.maxSteps} steps · ⟨H⟩ = ${fixed(p.meanEnergy)} ± ${fixed(p.mcse)} (target ${target.targetMcse}) · R̂ ${p.rhat.toFixed(4)}${then}\n`,
        );
      },
    },
    key,
  );
}

/**
 * The one sentence that explains the mean-field warnings of this command: H = Σ‖x_i − x_j‖² does not change when
 * every node moves by the same vector, so the mean field has no stationary law (a random walk); its R̂ and ESS
 * cannot settle, whatever the number of steps, and that does not touch ⟨H⟩.
 */
export const FREE_MEAN_FIELD =
  "the mean-field warnings are expected here: H = Σ‖x_i − x_j‖² does not change when every node moves by the same vector, so the mean field has no stationary law and diffuses like a random walk; its R̂ and ESS cannot settle however long the run, and ⟨H⟩ is not affected";

/** The JSON fields of the diagnostics (and the target), and the warnings with the mean-field note where it applies. */
export function diagnosticsFields(result: RunResult): {
  diagnostics: Record<string, ConvergenceDiagnostics>;
  target?: TargetReport;
  warnings: string[];
} {
  // The library names its cap `maxSteps`; here it is --max-steps.
  const warnings = result.warnings.map((w) => w.replace("within maxSteps = ", "within --max-steps "));
  if (warnings.some((w) => w.startsWith(meanFieldName(0).slice(0, -1)))) warnings.push(FREE_MEAN_FIELD);
  return { diagnostics: result.diagnostics ?? {}, ...(result.target ? { target: result.target } : {}), warnings };
}

/** Rows of the human output: a table of R̂ and ESS (up to 8 quantities) and the target's outcome. */
export function diagnosticsText(r: Record<string, unknown>): string[] {
  const diagnostics = r.diagnostics as Record<string, ConvergenceDiagnostics> | undefined;
  if (!diagnostics) return [];
  const names = Object.keys(diagnostics);
  const shown = names.slice(0, 8);
  // "R̂" is two code units shown as one character: one more of padding.
  const lines = [
    `${"".padEnd(18)}${"R̂".padStart(8)}${"bulk ESS".padStart(10)}${"tail ESS".padStart(10)}  (${r.chains} chains; Vehtari et al. 2021)`,
  ];
  for (const name of shown) {
    const d = diagnostics[name]!;
    lines.push(
      `  ${name.padEnd(16)}${d.rhat.toFixed(3).padStart(7)}${fixed(d.essBulk, 0).padStart(10)}${fixed(d.essTail, 0).padStart(10)}`,
    );
  }
  if (names.length > shown.length) lines.push(`  … and ${names.length - shown.length} more in --json`);
  const target = r.target as TargetReport | undefined;
  if (target) {
    lines.push(
      target.reached
        ? `target MCSE ${target.mcse} of ⟨H⟩ reached after ${target.steps} steps (${target.segments} segments): MCSE ${fixed(target.achievedMcse)}, R̂ ${target.achievedRhat.toFixed(4)}`
        : `target MCSE ${target.mcse} of ⟨H⟩ NOT reached within --max-steps ${target.maxSteps}: MCSE ${fixed(target.achievedMcse)}, R̂ ${target.achievedRhat.toFixed(4)}`,
    );
  }
  return lines;
}
