/**
 * Fused kernel `EmtdMalaStep` (webgpu only: configs/webgpu/mala-step-webgpu.ts): one MALA step of the interaction
 * energy H = J tr(Xᵀ L X) with its proposal, correction and accept/reject on the device, for one field or R chains
 * side by side (chain r in columns r·d … r·d + d − 1 of X [N, R·d], C = R·d). Y = X − 2hJ·L X + √(2hT) ξ (the fused
 * step, noise under the step's noise key); ΔH and the asymmetry summed row by row per column (configs/webgpu
 * /mala-stepper.ts); per chain Δ_r = ΔH_r + asymmetry_r/(4h) over its columns; u_r from Philox at counter (r, 0, 0, 0)
 * under the accept key; accepted iff Δ_r ≤ 0 or u_r < e^{−Δ_r/T} (NaN rejects); the kept field written on the device,
 * chain by chain. Two outputs: the kept field [N, C] and one small vector, which a step reads once
 * ({@link malaStepStats}, {@link malaChainStats}): the decisions and both fields' sums per column.
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
import { langevinSigma } from "./langevin-kernel";

export const MALA_STEP = "EmtdMalaStep";

/** The correction's sums per column (configs/webgpu/mala-stepper.ts `MALA_SUMS_PER_COLUMN`). */
const CORRECTION_PER_COLUMN = 6;

/** Numbers of a chain's decision at the head of the kernel's second output: accepted (0/1), p, Δ, u (chain r at 4r). */
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
  /** Chains side by side (1: one field). */
  chains: number;
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
  o: { coupling: number; step: number; temperature: number; noiseKey: Key; acceptKey: Key; chains?: number },
): { position: tf.Tensor2D; numbers: tf.Tensor1D } {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  const attrs: MalaStepAttrs = {
    plan,
    coupling: o.coupling,
    step: o.step,
    temperature: o.temperature,
    sigma: langevinSigma(o.step, o.temperature),
    key0: o.noiseKey[0],
    key1: o.noiseKey[1],
    acceptKey0: o.acceptKey[0],
    acceptKey1: o.acceptKey[1],
    chains: o.chains ?? 1,
  };
  const [position, numbers] = runKernel(MALA_STEP, { x }, attrs as never) as [tf.Tensor2D, tf.Tensor1D];
  return { position, numbers };
}

/** The step's {@link MalaStepStats} from the kernel's second output read flat, for N rows of C channels, coupling J. */
export function malaStepStats(values: ArrayLike<number>, rows: number, channels: number, coupling: number): MalaStepStats {
  const C = channels;
  const accepted = values[0] === 1;
  const probability = Number.isNaN(values[1]!) ? 0 : values[1]!;
  return { ...stepStats(keptSums(values, C, 1), rows, C, coupling)[0]!, accepted, probability, cost: values[2]! };
}

/** What a step of R chains reads: per chain the decision and the kept field's H; per column the kept field's mean. */
export interface MalaChainStats {
  /** 1 where chain r accepted its proposal. */
  accepted: Float64Array;
  /** min(1, e^{−Δ_r/T}) per chain (0 for a NaN Δ_r). */
  probabilities: Float64Array;
  costs: Float64Array;
  /** H of each chain's kept field: J Σ over its columns of Σ x·L x (float64 of the float32 sums). */
  energies: Float64Array;
  /** The kept field's mean per column, [C]. */
  columnMeans: Float64Array;
}

/** The step's {@link MalaChainStats} from the kernel's second output read flat, for N rows of C = R·d columns. */
export function malaChainStats(
  values: ArrayLike<number>,
  rows: number,
  channels: number,
  chains: number,
  coupling: number,
): MalaChainStats {
  const R = chains;
  const d = channels / R;
  const stats = stepStats(keptSums(values, channels, R), rows, channels, coupling)[0]!;
  const [accepted, probabilities, costs, energies] = [0, 1, 2, 3].map(() => new Float64Array(R));
  for (let r = 0; r < R; r++) {
    accepted[r] = values[DECISION * r] === 1 ? 1 : 0;
    probabilities[r] = Number.isNaN(values[DECISION * r + 1]!) ? 0 : values[DECISION * r + 1]!;
    costs[r] = values[DECISION * r + 2]!;
    for (let c = r * d; c < (r + 1) * d; c++) energies[r]! += stats.columnEnergies[c]!;
  }
  return { accepted: accepted!, probabilities: probabilities!, costs: costs!, energies: energies!, columnMeans: stats.columnMeans };
}

/**
 * The kept field's sums in the step's layout ([4C]: Σ x·Lx, S1, S2, s per column): column c's from X's where its
 * chain rejected, from the correction's (Σ y·Ly, S1, S2, s of Y) where it accepted.
 */
function keptSums(values: ArrayLike<number>, channels: number, chains: number): number[] {
  const C = channels;
  const d = C / chains;
  const x = DECISION * chains;
  const y = x + SUMS_PER_COLUMN * C;
  return Array.from({ length: SUMS_PER_COLUMN * C }, (_, k) => {
    const accepted = values[DECISION * Math.floor((k % C) / d)] === 1;
    return accepted ? values[y + 2 * C + k]! : values[x + k]!;
  });
}

/** Length of the kernel's second output for C channels in R chains. */
export function malaNumbersLength(channels: number, chains = 1): number {
  return DECISION * chains + (SUMS_PER_COLUMN + CORRECTION_PER_COLUMN) * channels;
}
