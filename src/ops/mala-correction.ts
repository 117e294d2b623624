/**
 * MALA's proposal asymmetry, Σ (x − y + h·∇H(y))² − (y − x + h·∇H(x))², through its fused kernels where the field is
 * large and they are registered: the decision and the dispatch live here, in ops/, so that the samplers above call
 * no kernel themselves. `EmtdMalaCorrection` (engine/kernels/configs/mala-kernel: one float64 pass on cpu and wasm,
 * float32 on webgpu) for one field; `EmtdChainMalaCorrections` (webgpu only) per chain of side-by-side chains.
 * Below the size, or where none is registered, the samplers keep their own composites (the recorded numbers).
 */
import type * as tf from "@tensorflow/tfjs";
import { checkKey, type Key, split } from "../engine/random";
import { hasKernel, LARGE_FIELD_ENTRIES, runKernel } from "../engine/kernels/configs/dispatch";
import { CHAIN_MALA_CORRECTIONS, MALA_CORRECTION } from "../engine/kernels/configs/mala-kernel";
import {
  canFuseMalaStep,
  fusedMalaStep,
  type MalaChainStats,
  malaChainStats,
  type MalaStepStats,
  malaStepStats,
} from "../engine/kernels/configs/mala-step-kernel";
import type { Graph } from "../graph/graph";

export type { MalaChainStats, MalaStepStats };

/**
 * The fused asymmetry of one field X [N, C] with proposal Y and gradients GX, GY at step h, a scalar; or null where
 * the field is below LARGE_FIELD_ENTRIES or the kernel is not registered (the caller sums its composite). Caller disposes.
 */
export function fusedMalaCorrection(x: tf.Tensor2D, y: tf.Tensor2D, gx: tf.Tensor2D, gy: tf.Tensor2D, h: number): tf.Scalar | null {
  if (x.size < LARGE_FIELD_ENTRIES || !hasKernel(MALA_CORRECTION)) return null;
  return runKernel(MALA_CORRECTION, { x, y, gx, gy }, { step: h }) as tf.Scalar;
}

/** True when R side-by-side chains of X [N, R·d] take the device's per-chain asymmetry ({@link chainMalaCorrectionsOnDevice}). */
export function chainMalaOnDevice(x: tf.Tensor2D, chains: number): boolean {
  return x.shape[0] * (x.shape[1] / chains) >= LARGE_FIELD_ENTRIES && hasKernel(CHAIN_MALA_CORRECTIONS);
}

/**
 * The asymmetry per chain of R chains side by side, X, Y, GX, GY [N, R·d], as a float32 [R] on the device (where
 * {@link chainMalaOnDevice} says so). Caller disposes.
 */
export function chainMalaCorrectionsOnDevice(
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  gx: tf.Tensor2D,
  gy: tf.Tensor2D,
  h: number,
  chains: number,
): tf.Tensor1D {
  return runKernel(CHAIN_MALA_CORRECTIONS, { x, y, gx, gy }, { step: h, chains }) as tf.Tensor1D;
}

/** One MALA step taken on the device: the kept field, and the step's numbers until read. */
export interface DeviceMalaStep {
  /** The kept field [N, C] (the proposal where accepted, else X). Caller disposes. */
  position: tf.Tensor2D;
  /** The decision and both fields' sums (read it flat, once). Caller disposes. */
  numbers: tf.Tensor1D;
  /** The decision, H, the consensus error and the mean field of the kept field, from `numbers`' values. */
  read(values: ArrayLike<number>): MalaStepStats;
}

/**
 * One MALA step of H = J tr(Xᵀ L X) with proposal, correction and accept/reject on the device (`EmtdMalaStep`,
 * engine/kernels/configs/mala-step-kernel: webgpu only), the proposal's noise and its uniform under split(key, 2) (the
 * host's MALA splits its step key the same way); null where the kernel is not registered (the sampler decides on the
 * host).
 */
export function malaStepOnDevice(
  x: tf.Tensor2D,
  graph: Graph,
  o: { coupling: number; step: number; temperature: number },
  key: Key,
): DeviceMalaStep | null {
  if (!canFuseMalaStep(x)) return null;
  const [noiseKey, acceptKey] = split(checkKey("emtd/ops/malaStepOnDevice", "key", key), 2) as [Key, Key];
  const { position, numbers } = fusedMalaStep(x, graph, { ...o, noiseKey, acceptKey });
  const [rows, channels] = x.shape;
  return { position, numbers, read: (values) => malaStepStats(values, rows, channels, o.coupling) };
}

/** A device MALA step's numbers read once and released: the step's one read (one chain or R chains). */
export function readDeviceStep<S>(device: { numbers: tf.Tensor1D; read(values: ArrayLike<number>): S }): S {
  try {
    return device.read(device.numbers.dataSync());
  } finally {
    device.numbers.dispose();
  }
}

/** One MALA step of R chains side by side taken on the device: the kept field, and the step's numbers until read. */
export interface DeviceChainMalaStep {
  /** The kept field [N, R·d] (each chain's proposal where it accepted, else its X). Caller disposes. */
  position: tf.Tensor2D;
  /** The chains' decisions and both fields' sums (read it flat, once). Caller disposes. */
  numbers: tf.Tensor1D;
  /** Per chain the decision and the kept H, per column the kept field's mean, from `numbers`' values. */
  read(values: ArrayLike<number>): MalaChainStats;
}

/**
 * One MALA step of R chains of H_r = J tr(X_rᵀ L X_r) side by side in X [N, R·d], with proposal, correction and
 * each chain's accept/reject on the device (`EmtdMalaStep` over R chains: webgpu only), the proposal's noise and the
 * chains' uniforms under split(key, 2) (as the host's batched MALA splits its step key); null where the kernel is not
 * registered (the sampler decides on the host).
 */
export function chainMalaStepOnDevice(
  x: tf.Tensor2D,
  graph: Graph,
  o: { coupling: number; step: number; temperature: number; chains: number },
  key: Key,
): DeviceChainMalaStep | null {
  if (!canFuseMalaStep(x)) return null;
  const [noiseKey, acceptKey] = split(checkKey("emtd/ops/chainMalaStepOnDevice", "key", key), 2) as [Key, Key];
  const { position, numbers } = fusedMalaStep(x, graph, { ...o, noiseKey, acceptKey });
  const [rows, channels] = x.shape;
  return { position, numbers, read: (values) => malaChainStats(values, rows, channels, o.chains, o.coupling) };
}
