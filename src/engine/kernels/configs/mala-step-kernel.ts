/**
 * Fused kernel `EmtdMalaStep` (webgpu only: configs/webgpu/mala-step-webgpu.ts): one MALA step of the interaction
 * energy H = J tr(Xᵀ L X) with its proposal, correction and accept/reject on the device. Y = X − 2hJ·L X + √(2hT) ξ
 * (the fused step, noise under the step's noise key); ΔH and the asymmetry summed row by row (configs/webgpu
 * /mala-stepper.ts); Δ = ΔH + asymmetry/(4h); u from Philox under the accept key; accepted iff Δ ≤ 0 or
 * u < e^{−Δ/T} (NaN rejects); the kept field written on the device. Two outputs: the kept field [N, C] and one small
 * vector, which a step reads once ({@link malaStepStats}): the decision and both fields' sums.
 *
 * Float32 on the device (WGSL has no float64), where the CPU path decides in float64: Δ is a float32 sum of per-row
 * differences and per-entry asymmetries, each within a few roundings of its exact value.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Key } from "../../random";
import type { PackedEdges } from "../../edges";
import { hasKernel, runKernel } from "./dispatch";
import { type GraphPlan, planFor } from "../loops/graph-plan";
import { type StepStats, stepStats, SUMS_PER_COLUMN } from "./langevin-steps-kernel";

export const MALA_STEP = "EmtdMalaStep";

/** The correction's sums per column (configs/webgpu/mala-stepper.ts `MALA_SUMS_PER_COLUMN`). */
const CORRECTION_PER_COLUMN = 6;

/** Numbers of the decision at the head of the kernel's second output: accepted (0/1), p, Δ, u. */
export const DECISION = 4;

export interface MalaStepAttrs {
  plan: GraphPlan;
  coupling: number;
  step: number;
  temperature: number;
  /** The proposal's noise scale, √(2hT) (tests set 0 for an exact proposal). */
  sigma: number;
  key0: number;
  key1: number;
  acceptKey0: number;
  acceptKey1: number;
}

/** What a step's read says: the decision, and H, the consensus error and the mean field of the kept field. */
export interface MalaStepStats extends StepStats {
  accepted: boolean;
  /** min(1, e^{−Δ/T}) (0 for a NaN Δ). */
  probability: number;
  cost: number;
}

/** True when the fused MALA step runs for `x` on the active backend (a float32 field, the kernel registered: webgpu). */
export function canFuseMalaStep(x: tf.Tensor): boolean {
  return x.dtype === "float32" && x.rank === 2 && hasKernel(MALA_STEP);
}

/** One step through the kernel (it must be registered): the kept field and the step's numbers. Caller disposes both. */
export function fusedMalaStep(
  x: tf.Tensor2D,
  graph: PackedEdges | GraphPlan,
  o: { coupling: number; step: number; temperature: number; noiseKey: Key; acceptKey: Key },
): { position: tf.Tensor2D; numbers: tf.Tensor1D } {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  const attrs: MalaStepAttrs = {
    plan,
    coupling: o.coupling,
    step: o.step,
    temperature: o.temperature,
    sigma: Math.sqrt(2 * o.step * o.temperature),
    key0: o.noiseKey[0],
    key1: o.noiseKey[1],
    acceptKey0: o.acceptKey[0],
    acceptKey1: o.acceptKey[1],
  };
  const [position, numbers] = runKernel(MALA_STEP, { x }, attrs as never) as [tf.Tensor2D, tf.Tensor1D];
  return { position, numbers };
}

/** The step's {@link MalaStepStats} from the kernel's second output read flat, for N rows of C channels, coupling J. */
export function malaStepStats(values: ArrayLike<number>, rows: number, channels: number, coupling: number): MalaStepStats {
  const C = channels;
  const x = DECISION;
  const y = x + SUMS_PER_COLUMN * C;
  const accepted = values[0] === 1;
  // The kept field's sums in the step's layout: X's as they are; Y's from the correction's (Σ y·Ly, S1, S2, s).
  const kept = accepted
    ? Array.from({ length: SUMS_PER_COLUMN * C }, (_, k) => values[y + 2 * C + k]!)
    : Array.from({ length: SUMS_PER_COLUMN * C }, (_, k) => values[x + k]!);
  const probability = Number.isNaN(values[1]!) ? 0 : values[1]!;
  return { ...stepStats(kept, rows, C, coupling)[0]!, accepted, probability, cost: values[2]! };
}

/** Length of the kernel's second output for C channels. */
export function malaNumbersLength(channels: number): number {
  return DECISION + (SUMS_PER_COLUMN + CORRECTION_PER_COLUMN) * channels;
}
