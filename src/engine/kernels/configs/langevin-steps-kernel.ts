/**
 * Fused kernel `EmtdLangevinSteps` (webgpu only: configs/webgpu/fused-webgpu.ts): K ULA steps of the interaction
 * energy H = J tr(Xᵀ L X) in one call, X_{t+1} = X_t − 2h_tJ·L X_t + √(2h_tT_t) ξ_t with ξ_t under step t's key, and
 * after each step its partial sums reduced on the device: per column c, Σ x·(L x), Σ (x − s) and Σ (x − s)² about the
 * shift s = x₀ (row 0), and s. Two outputs: X_K [N, C] and the sums [K, 4C] (float32), which a run reads once per
 * block of steps; {@link stepStats} turns each step's row into H, the consensus error and the mean field, in float64.
 *
 * A step of K = 1 is the same pass as each step of a larger K, so a run's numbers do not depend on how its steps are
 * grouped into calls (the run loop groups them between its record points: dynamics/loop).
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../../random";
import type { PackedEdges } from "../../edges";
import { hasKernel, runKernel } from "./dispatch";
import { type GraphPlan, planFor } from "../loops/graph-plan";

export const LANGEVIN_STEPS = "EmtdLangevinSteps";

/** Partial sums per column of each step's row (step-wgsl.ts `STATS_PER_COLUMN`). */
export const SUMS_PER_COLUMN = 4;

/** One step of {@link fusedLangevinSteps}: X − drift·L X + σ·ξ(key). */
export interface LangevinStepSpec {
  drift: number;
  sigma: number;
  key: Key;
}

/** What a step's row of sums says of the field after it. */
export interface StepStats {
  /** J Σ_i x_ic (L x)_ic per column c (float64 of the float32 sums). */
  columnEnergies: Float64Array;
  /** H = Σ_c columnEnergies[c]. */
  energy: number;
  /** (1/N) Σ_i ‖x_i − x̄‖² = (1/N) Σ_c (S2_c − S1_c²/N). */
  consensusError: number;
  /** x̄_c = s_c + S1_c/N. */
  columnMeans: Float64Array;
}

/** True when the fused steps run for `x` on the active backend (a float32 field, the kernel registered: webgpu). */
export function canFuseLangevinSteps(x: tf.Tensor): boolean {
  return x.dtype === "float32" && x.rank === 2 && hasKernel(LANGEVIN_STEPS);
}

/**
 * The steps through the kernel (it must be registered): X_K [N, C] and the sums [K, 4C], both on the device.
 * Not differentiable. Caller disposes both.
 */
export function fusedLangevinSteps(
  x: tf.Tensor2D,
  graph: PackedEdges | GraphPlan,
  steps: readonly LangevinStepSpec[],
): { position: tf.Tensor2D; sums: tf.Tensor2D } {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  const coefficients = steps.map((s) => ({ a: 1, b: -s.drift, sigma: s.sigma, key0: s.key[0], key1: s.key[1] }));
  const [position, sums] = runKernel(LANGEVIN_STEPS, { x }, { plan, steps: coefficients }) as [tf.Tensor2D, tf.Tensor2D];
  return { position, sums };
}

/** Each step's {@link StepStats} from the sums [K, 4C] read flat, for N rows and coupling J. */
export function stepStats(values: ArrayLike<number>, rows: number, channels: number, coupling: number): StepStats[] {
  const width = SUMS_PER_COLUMN * channels;
  const out: StepStats[] = [];
  for (let at = 0; at + width <= values.length; at += width) {
    const columnEnergies = new Float64Array(channels);
    const columnMeans = new Float64Array(channels);
    let energy = 0;
    let squares = 0;
    for (let c = 0; c < channels; c++) {
      const [e, s1, s2, shift] = [
        values[at + c]!,
        values[at + channels + c]!,
        values[at + 2 * channels + c]!,
        values[at + 3 * channels + c]!,
      ];
      columnEnergies[c] = coupling * e;
      energy += columnEnergies[c]!;
      squares += s2 - (s1 * s1) / rows;
      columnMeans[c] = shift + s1 / rows;
    }
    out.push({ columnEnergies, energy, consensusError: squares / rows, columnMeans });
  }
  return out;
}
