/**
 * The copy cells of p4.1-scale-invariance (section4-1-scale.ts): §3.3's discrete update against N by the cell's
 * kernel from a two-ledger split (the study: src/studies/scale/copy-scale.ts), its times for the fit, its consensus
 * counts for the outcome part, and its outcomes as evidence.
 */
import { copyDecisionSizes, type CopyDecision } from "../studies/scale/copy-scale";
import { mean, variance } from "../stats/summary";
import { UPDATE_SWEEP_CAP } from "../spin/update-kernels";
import { rateEvidence, type TEstimate } from "./machinery/decide";
import { evidence } from "./machinery/evidence";
import { kernelIn } from "./machinery/mechanism";
import type { Evidence, MeasureContext } from "./machinery/types";
import type { ScaleFamily } from "../graph/families";

/** The size the quote names at the small end. */
const SMALL_N = 10;

/**
 * Sizes of the copy cells: four decades up to 10⁶ (sixth-edition referee: as far as the flow cells; a 10⁶-node run of
 * §3.3's loop to its 1000-sweep cap takes 16–33 s here, 3 s at 10⁵); 317² = 100 489 so that the torus (side
 * round(√N): 10, 32, 100, 317, 1000) spans the decades too.
 */
export const COPY_SIZES = [100, 1000, 10_000, 100_489, 1_000_000] as const;
/** Runs per size of the copy cells below the largest (fresh graph each). */
export const COPY_RUNS = 4;
/**
 * Runs at each of the two largest sizes (100 489 and 10⁶): one, for time alone (a neighbour run that reaches the
 * 1000-sweep cap takes ~3 s at 10⁵ and 16–33 s at 10⁶). The pooled outcome part then has 3·4 + 2 = 14 runs; n/n's
 * Wilson lower bound n/(n + 1.96²) exceeds 0.75 from n = 12, so 14/14 against 20/20 lies within its ±0.25 margin.
 * Only 14/14 does: 13/14 against 20/20 is inconclusive (Newcombe [−0.31, 0.10]), and at a true share of 0.9 the
 * part's MDE is 0.29 (the claim's decision.why says so; sign-off N7).
 */
export const COPY_LARGEST_RUNS = 1;
/** The sizes that take {@link COPY_LARGEST_RUNS}: 10⁵ and above. */
const LARGE = 100_000;
/** Runs of the copy cells at size n. */
export const copyRunsAt = (n: number): number => (n >= LARGE ? COPY_LARGEST_RUNS : COPY_RUNS);
/** Runs at N = 10 of the copy cells. */
export const COPY_SMALL_RUNS = 20;
/** §3.3's starting temperature of every node. */
export const COPY_T0 = 100;

/** Mean, standard error and degrees of freedom (n − 1) of a sample (n ≥ 2). */
export function meanSe(xs: readonly number[]): TEstimate {
  return { value: mean(xs), se: Math.sqrt(variance(xs) / xs.length), df: xs.length - 1 };
}

/**
 * The copy cells' runs: §3.3's loop by the cell's kernel from the two-ledger split at N = 10 ({@link COPY_SMALL_RUNS})
 * and over {@link COPY_SIZES} ({@link copyRunsAt}: {@link COPY_RUNS} each, {@link COPY_LARGEST_RUNS} at 10⁵ and above).
 */
export function copyRuns(ctx: MeasureContext, family: ScaleFamily): { small: CopyDecision[]; sized: CopyDecision[] } {
  const kernel = kernelIn(ctx);
  const schedule = ctx.mechanism.schedule(COPY_T0);
  return {
    small: copyDecisionSizes(family, [SMALL_N], kernel, () => COPY_SMALL_RUNS, schedule, ctx.key("copy-small")),
    sized: copyDecisionSizes(family, COPY_SIZES, kernel, copyRunsAt, schedule, ctx.key("copy")),
  };
}

/**
 * Times of the runs: ln τ at the small end (mean over its runs) and τ of each sized run (every run, whether it ended
 * on one value or split; a run at the cap enters at {@link UPDATE_SWEEP_CAP}, a lower bound of its time).
 */
export function copyTaus(
  small: readonly CopyDecision[],
  sized: readonly CopyDecision[],
): { smallLog: TEstimate; rows: Array<{ n: number; tau: number }> } {
  return { smallLog: meanSe(small.map((r) => Math.log(r.sweeps))), rows: sized.map((r) => ({ n: r.n, tau: r.sweeps })) };
}

/** Runs ending on one value, of those given. */
export function consensusCount(runs: readonly CopyDecision[]): { k: number; n: number } {
  return { k: runs.filter((r) => r.consensus).length, n: runs.length };
}

/**
 * The copy runs' outcomes as evidence: runs ending on one value at the smallest and the largest size and over the
 * fitted sizes, runs stopped split, the mean share ending on node 0's ledger, and runs at the 1000-sweep cap.
 */
export function copyOutcomes(small: readonly CopyDecision[], sized: readonly CopyDecision[], label: string): Evidence[] {
  const largest = Math.max(...sized.map((r) => r.n));
  const smallest = Math.min(...small.map((r) => r.n)); // 10, or the torus's 3×3
  const large = sized.filter((r) => r.n === largest);
  const runs = [...small, ...sized];
  const at = (name: string, rs: readonly CopyDecision[]) => {
    const { k, n } = consensusCount(rs);
    return rateEvidence(name, k, n);
  };
  return [
    at(`${label}: runs ending on one value at N = ${smallest}`, small),
    at(`${label}: runs ending on one value at N = ${sized[0]!.n} … ${largest} (the fitted sizes)`, sized),
    at(`${label}: runs ending on one value at N = ${largest}`, large),
    evidence(`${label}: runs stopped by §3.3's stop with the ledgers split`, runs.filter((r) => r.frozen && !r.consensus).length, {
      reference: 0,
    }),
    evidence(`${label}: share of nodes ending on node 0's ledger, N = ${smallest}`, mean(small.map((r) => r.onNodeZero))),
    evidence(`${label}: share of nodes ending on node 0's ledger, N = ${largest}`, mean(large.map((r) => r.onNodeZero))),
    evidence(`${label}: runs stopped at the ${UPDATE_SWEEP_CAP}-sweep cap (τ a lower bound)`, runs.filter((r) => !r.frozen).length, {
      reference: 0,
    }),
  ];
}
