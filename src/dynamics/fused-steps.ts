/**
 * Steps taken by a fused multi-step kernel (a term's or a chain energy's `langevinSteps`: the interaction on webgpu),
 * as the samplers' `steps` and `step` report them: the field after the steps, and one pending read of their sums that
 * completes every step's info (H, the consensus error, the mean field) when the run loop reads it, or at once where
 * the step is not deferred. The same kernel takes one step or many, so the numbers do not depend on how the loop
 * groups the steps.
 */
import type { FusedSteps, StepStats } from "../ops/langevin-update";
import type { PendingRead, StepInfo } from "./types";

/**
 * Hang `fused`'s one read on `infos` (each step's), `complete` filling them from the steps' stats; read now when
 * `defer` is false (then no info is pending).
 */
export function pendingSteps(fused: FusedSteps, infos: StepInfo[], complete: (stats: StepStats[]) => void, defer: boolean): void {
  const pending: PendingRead = {
    values: fused.sums,
    complete: (values) => complete(fused.read(values)),
  };
  if (!defer) {
    const values = fused.sums.dataSync();
    fused.sums.dispose();
    pending.complete(values as Float32Array);
    return;
  }
  for (const info of infos) info.pending = pending;
}

/** A step's info before its numbers are read: NaN where they will be. */
export function unreadStep(): StepInfo {
  return { energy: Number.NaN, acceptance: 1, acceptanceProbability: 1, consensusError: Number.NaN };
}

/** Fill one step's info from its stats. */
export function fillStep(info: StepInfo, stats: StepStats): void {
  info.energy = stats.energy;
  info.consensusError = stats.consensusError;
  info.columnMeans = stats.columnMeans;
}
