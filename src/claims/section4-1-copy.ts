/**
 * The copy cells of p4.1-scale-invariance (section4-1.ts): §3.3's discrete update against N by the cell's kernel
 * (the study: src/studies/scale/copy-scale.ts), its decision times for the fit, and its outcomes as evidence.
 */
import { copyDecisionSizes, type CopyDecision } from "../studies/scale/copy-scale";
import { mean, variance } from "../stats/summary";
import type { TEstimate } from "./decide";
import { evidence } from "./evidence";
import { kernelIn } from "./mechanism";
import type { Evidence, MeasureContext } from "./types";
import type { ScaleFamily } from "../graph/families";

/** The size the quote names at the small end. */
const SMALL_N = 10;

/**
 * Sizes of the copy cells: three decades up to 10⁵ (a 10⁵-node run of §3.3's loop takes about a second here); the
 * largest is 317² = 100 489 so that the torus (side round(√N): 10, 32, 100, 317) spans three decades too.
 */
export const COPY_SIZES = [100, 1000, 10_000, 100_489] as const;
/** Runs per size of the copy cells (fresh graph each): the sweeps are small integers, their spread is ±1. */
export const COPY_RUNS = 4;
/** Runs at N = 10 of the copy cells. */
export const COPY_SMALL_RUNS = 20;
/** §3.3's starting temperature of every node. */
export const COPY_T0 = 100;

/** Mean, standard error and degrees of freedom (n − 1) of a sample (n ≥ 2). */
export function meanSe(xs: readonly number[]): TEstimate {
  return { value: mean(xs), se: Math.sqrt(variance(xs) / xs.length), df: xs.length - 1 };
}

/** The copy cells' runs: §3.3's loop by the cell's kernel at N = 10 ({@link COPY_SMALL_RUNS}) and over {@link COPY_SIZES}. */
export function copyRuns(ctx: MeasureContext, family: ScaleFamily): { small: CopyDecision[]; sized: CopyDecision[] } {
  const kernel = kernelIn(ctx);
  const schedule = ctx.mechanism.schedule(COPY_T0);
  return {
    small: copyDecisionSizes(family, [SMALL_N], kernel, () => COPY_SMALL_RUNS, schedule, ctx.key("copy-small")),
    sized: copyDecisionSizes(family, COPY_SIZES, kernel, () => COPY_RUNS, schedule, ctx.key("copy")),
  };
}

/**
 * Decision times of the runs given: ln τ at the small end (mean over its runs) and τ of each sized run. Null when
 * they cannot carry a fit: fewer than 2 small runs, or a size of {@link COPY_SIZES} without a run (the three decades).
 */
export function copyTaus(
  small: readonly CopyDecision[],
  sized: readonly CopyDecision[],
): { smallLog: TEstimate; rows: Array<{ n: number; tau: number }> } | null {
  const sizes = new Set(sized.map((r) => r.n));
  if (small.length < 2 || sizes.size < COPY_SIZES.length) return null;
  return { smallLog: meanSe(small.map((r) => Math.log(r.sweeps))), rows: sized.map((r) => ({ n: r.n, tau: r.sweeps })) };
}

/**
 * The copy runs' outcomes as evidence: runs that kept the injection through node 0's first update (the decisions),
 * runs ending on one value, and the mean share ending on the injected value.
 */
export function copyOutcomes(runs: readonly CopyDecision[], label: string): Evidence[] {
  const largest = Math.max(...runs.map((r) => r.n));
  const smallest = Math.min(...runs.map((r) => r.n)); // 10, or the torus's 3×3
  const small = runs.filter((r) => r.n === smallest),
    large = runs.filter((r) => r.n === largest);
  return [
    evidence(`${label}: runs whose injection survived node 0's first update (decisions)`, runs.filter((r) => r.kept).length, {
      reference: runs.length,
    }),
    evidence(`${label}: runs ending on one value at N = ${smallest}`, small.filter((r) => r.consensus).length / small.length, {
      reference: 1,
    }),
    evidence(`${label}: runs ending on one value at N = ${largest}`, large.filter((r) => r.consensus).length / large.length, {
      reference: 1,
    }),
    evidence(`${label}: share of nodes ending on the injected value, N = ${smallest}`, mean(small.map((r) => r.onSignal))),
    evidence(`${label}: share of nodes ending on the injected value, N = ${largest}`, mean(large.map((r) => r.onSignal))),
    evidence(`${label}: runs stopped at the 1000-sweep cap`, runs.filter((r) => !r.frozen).length, { reference: 0 }),
  ];
}
