/**
 * The sampler steps ops/ fuses for the energies it recognises. An energy is energy only (hamiltonian/term: H, ∇H,
 * local energies); the samplers (dynamics/) ask here, for the energy they hold and the field they step, whether ops/
 * has a fused form of their step, and take it where it does. What ops/ recognises today is the interaction
 * J tr(Xᵀ L X) on all its columns, for one field or R chains side by side: `interaction` and `interactionChains`
 * mark the energies they make ({@link recogniseInteraction}); a sum or a scaled copy is another energy, stepped by
 * the sampler's own noisy descent. Every size threshold and backend question of the fused paths is decided here.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";
import { LARGE_FIELD_ENTRIES, chainMalaCorrections, preciseValue } from "../engine";
import type { Graph } from "../graph/graph";
import { canFuseLangevin, type FusedSteps, type LangevinStepInput, langevinSteps, langevinUpdate } from "./langevin-update";
import {
  chainMalaCorrectionsOnDevice,
  chainMalaOnDevice,
  chainMalaStepOnDevice,
  type DeviceChainMalaStep,
  type DeviceMalaStep,
  malaStepOnDevice,
} from "./mala-correction";

/** What ops/ knows of a recognised interaction energy. */
export interface RecognisedInteraction {
  graph: Graph;
  coupling: number;
  /** Chains side by side in the field (1 for a one-field term). */
  chains: number;
  /** Throws the energy's own typed error for a field its kernels cannot read (rows not one per node, …). */
  checkField(x: tf.Tensor2D): void;
}

const interactions = new WeakMap<object, RecognisedInteraction>();

/** Marks `energy` as the interaction of `spec` for the fused steps below, and returns it. */
export function recogniseInteraction<E extends object>(energy: E, spec: RecognisedInteraction): E {
  interactions.set(energy, spec);
  return energy;
}

/** The interaction `energy` was marked as, checked against the field `x`; undefined where it is not one. */
function recognised(energy: object, x: tf.Tensor2D): RecognisedInteraction | undefined {
  const spec = interactions.get(energy);
  spec?.checkField(x);
  return spec;
}

/**
 * One ULA step X − h∇H(X) + √(2hT) ξ(key) in one fused pass (the drift inside the kernel, no float32 gradient between:
 * engine/kernels/simd/simd-langevin, resident and on every thread) where `energy` is a recognised one-field interaction,
 * the field large (LARGE_FIELD_ENTRIES) and the kernel registered; else null, and the sampler takes its noisy descent
 * with the gradient. The same ξ either way. Caller disposes.
 */
export function fusedUlaStep(energy: object, x: tf.Tensor2D, step: number, temperature: number, key: Key): tf.Tensor2D | null {
  if (!interactions.get(energy) || x.size < LARGE_FIELD_ENTRIES || !canFuseLangevin(x)) return null;
  const spec = recognised(energy, x)!;
  if (spec.chains !== 1) return null;
  return langevinUpdate(x, spec.graph, { step, temperature, coupling: spec.coupling }, key);
}

/**
 * K ULA steps in one call (step k at its own h, T and key), with each step's sums (H per column, consensus error,
 * mean field) left on the device until read, where `energy` is a recognised interaction (one field or R chains) and the
 * backend has the multi-step kernel (webgpu); else null, and the sampler steps one by one.
 */
export function fusedUlaSteps(energy: object, x: tf.Tensor2D, steps: readonly LangevinStepInput[]): FusedSteps | null {
  const spec = recognised(energy, x);
  return spec ? langevinSteps(x, spec.graph, steps, spec.coupling) : null;
}

/**
 * One MALA step of a recognised one-field interaction with proposal, correction and accept/reject on the device
 * (webgpu), the proposal's noise and the uniform under split(key, 2) as the host's MALA draws them; else null.
 */
export function fusedMalaStep(energy: object, x: tf.Tensor2D, step: number, temperature: number, key: Key): DeviceMalaStep | null {
  const spec = recognised(energy, x);
  if (!spec || spec.chains !== 1) return null;
  return malaStepOnDevice(x, spec.graph, { coupling: spec.coupling, step, temperature }, key);
}

/** {@link fusedMalaStep} for a recognised interaction of R chains side by side: each chain's decision on the device. */
export function fusedChainMalaStep(
  energy: object,
  x: tf.Tensor2D,
  step: number,
  temperature: number,
  key: Key,
): DeviceChainMalaStep | null {
  const spec = recognised(energy, x);
  if (!spec) return null;
  return chainMalaStepOnDevice(x, spec.graph, { coupling: spec.coupling, step, temperature, chains: spec.chains }, key);
}

/**
 * H as a number where the kernel that formed `e` kept its float64 value (a large field: engine's precise values), so
 * that energy differences keep their digits (MALA's ΔH; at H ≈ 10⁸ float32 steps by 8); else undefined, and the
 * caller reads the float32 scalar (the recorded numbers).
 */
export function preciseEnergy(e: tf.Scalar, x: tf.Tensor): number | undefined {
  return x.size >= LARGE_FIELD_ENTRIES ? preciseValue(e) : undefined;
}

/**
 * How the per-chain MALA asymmetry Σ_r (‖x − y + h∇H(y)‖² − ‖y − x + h∇H(x)‖²) of R chains side by side in X [N, R·d]
 * is formed for fields like `x`: `tensor`, a float32 [R] formed by the backend (webgpu's per-chain kernel; the
 * energies stay float32 tensors); `float64`, in one float64 pass over the fields' values on the host, with the
 * energies' float64 values (large fields elsewhere); or null, and the sampler sums its float32 composite.
 */
export type ChainAsymmetry =
  | {
      kind: "tensor";
      asymmetry(x: tf.Tensor2D, y: tf.Tensor2D, gx: tf.Tensor2D, gy: tf.Tensor2D, h: number): tf.Tensor1D;
    }
  | {
      kind: "float64";
      asymmetry(x: Float32Array, y: Float32Array, gx: Float32Array, gy: Float32Array, h: number): Float64Array;
    };

/** The {@link ChainAsymmetry} for R = `chains` chains of `x`; `precise`: the energy has float64 per-chain values. */
export function chainAsymmetry(x: tf.Tensor2D, chains: number, precise: boolean): ChainAsymmetry | null {
  const d = x.shape[1] / chains;
  if (chainMalaOnDevice(x, chains)) {
    return { kind: "tensor", asymmetry: (a, b, ga, gb, h) => chainMalaCorrectionsOnDevice(a, b, ga, gb, h, chains) };
  }
  if (x.shape[0] * d >= LARGE_FIELD_ENTRIES && precise) {
    return { kind: "float64", asymmetry: (a, b, ga, gb, h) => chainMalaCorrections(a, b, ga, gb, h, chains, d) };
  }
  return null;
}
