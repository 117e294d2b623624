/**
 * The sampler steps ops/ fuses for the energies it recognises. An energy is energy only (hamiltonian/term: H, ∇H,
 * local energies); the samplers (dynamics/) ask here, for the energy they hold and the field they step, whether ops/
 * has a fused form of their step, and take it where it does. What ops/ recognises today is the interaction
 * J tr(Xᵀ L X) on all its columns, for one field or R chains side by side: `interaction` and `interactionChains`
 * mark the energies they make ({@link recogniseInteraction}); `sum` marks its parts ({@link recogniseSum}), so that a
 * sum holding the interaction takes the interaction's fused ULA step with the rest's gradient (analytic where a part
 * has one, autodiff for the others) beside it ({@link interactionPart}, the one place that reads an energy's
 * structure). A scaled copy is another energy, stepped by the sampler's own noisy descent. Every size threshold and
 * backend question of the fused paths is decided here.
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../engine/random";
import { LARGE_FIELD_ENTRIES, chainMalaCorrections, preciseValue } from "../engine";
import type { Graph } from "../graph/graph";
import {
  canFuseLangevin,
  type FusedSteps,
  type LangevinStepInput,
  langevinSteps,
  langevinUpdate,
  langevinUpdateWithRest,
  type StepStats,
} from "./langevin-update";
import {
  chainMalaCorrectionsOnDevice,
  chainMalaOnDevice,
  chainMalaStepOnDevice,
  fusedMalaCorrection,
  malaStepOnDevice,
  readDeviceStep,
} from "./mala-correction";
import { chainSums } from "./tensors";

/** What ops/ knows of a recognised interaction energy. */
export interface RecognisedInteraction {
  graph: Graph;
  coupling: number;
  /** Chains side by side in the field (1 for a one-field term). */
  chains: number;
  /** Throws the energy's own typed error for a field its kernels cannot read (rows not one per node, …). */
  checkField(x: tf.Tensor2D): void;
}

/** What ops/ knows of a sum of terms: its parts in order, one part's H, and H and ∇ of all of them but one. */
export interface RecognisedSum {
  parts: readonly object[];
  /** H of `parts[index]` at `x`. Caller disposes. */
  partEnergy(index: number, x: tf.Tensor2D): tf.Scalar;
  /** H and ∇ of the parts other than `parts[index]` at `x`, in one pass by the sum's own rule. Caller disposes both. */
  without(index: number, x: tf.Tensor2D): { energy: tf.Scalar; gradient: tf.Tensor2D };
}

const interactions = new WeakMap<object, RecognisedInteraction>();
const sums = new WeakMap<object, RecognisedSum>();

/** Marks `energy` as the interaction of `spec` for the fused steps below, and returns it. */
export function recogniseInteraction<E extends object>(energy: E, spec: RecognisedInteraction): E {
  interactions.set(energy, spec);
  return energy;
}

/** Marks `energy` as the sum of `spec.parts`, so that a part ops/ recognises keeps its fused step; returns `energy`. */
export function recogniseSum<E extends object>(energy: E, spec: RecognisedSum): E {
  sums.set(energy, spec);
  return energy;
}

/** `view` recognised as `source` is (a one-field term seen as one chain: hamiltonian/chain-energy `chainsOf`); returns `view`. */
export function recogniseAs<E extends object>(view: E, source: object): E {
  const spec = interactions.get(source);
  if (spec) interactions.set(view, spec);
  const parts = sums.get(source);
  if (parts) sums.set(view, parts);
  return view;
}

/** The sum's other parts beside its interaction: H and ∇ of them at a field, and the interaction's own H there. */
interface Rest {
  at(x: tf.Tensor2D): { energy: tf.Scalar; gradient: tf.Tensor2D };
  interactionEnergy(x: tf.Tensor2D): tf.Scalar;
}

/**
 * The one place that reads an energy's structure for the one-step fused ULA: the one-field interaction `energy` is, or
 * the first such part of a sum it is, with the sum's other parts (`rest`; null for the interaction alone). Undefined
 * where there is none: the sampler steps the energy whole. (The multi-step and device kernels take the whole step on
 * the device, so they need the interaction alone: {@link recognised}.)
 */
function interactionPart(energy: object): { spec: RecognisedInteraction; rest: Rest | null } | undefined {
  const alone = interactions.get(energy);
  if (alone) return alone.chains === 1 ? { spec: alone, rest: null } : undefined;
  const sum = sums.get(energy);
  const index = sum?.parts.findIndex((part) => interactions.get(part)?.chains === 1) ?? -1;
  if (sum === undefined || index < 0) return undefined;
  const spec = interactions.get(sum.parts[index]!)!;
  if (sum.parts.length === 1) return { spec, rest: null };
  return { spec, rest: { at: (x) => sum.without(index, x), interactionEnergy: (x) => sum.partEnergy(index, x) } };
}

/** The interaction (or the sum holding it) `energy` is where ops/ fuses its one ULA step at `x`; else undefined. */
function fusable(energy: object, x: tf.Tensor2D): { spec: RecognisedInteraction; rest: Rest | null } | undefined {
  const part = interactionPart(energy);
  if (!part || x.size < LARGE_FIELD_ENTRIES || !canFuseLangevin(x)) return undefined;
  part.spec.checkField(x);
  return part;
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
 * with the gradient. The same ξ either way. A sum holding the interaction ({@link interactionPart}) takes that step
 * with h·∇(the other parts) at X, formed as the sum forms it, subtracted inside the same pass. Caller disposes.
 */
export function fusedUlaStep(energy: object, x: tf.Tensor2D, step: number, temperature: number, key: Key): tf.Tensor2D | null {
  const part = fusable(energy, x);
  return part ? fusedPosition(part, x, { step, temperature, key }, undefined) : null;
}

/** A sampler's fused ULA step ({@link fusedUlaMove}): the new field, and what a sum's next step takes from this one. */
export interface FusedUlaMove {
  /** The field after the step. Caller disposes. */
  position: tf.Tensor2D;
  /**
   * A sum's H at `position` ([1]: its interaction's H plus the other parts') and ∇ of its other parts there, both from
   * one value-and-gradient pass of those parts; the sampler's state carries `restGradient` to the next step. Null for
   * the interaction alone (the sampler forms its H). Caller disposes both.
   */
  sum: { energies: tf.Tensor1D; restGradient: tf.Tensor2D } | null;
}

/**
 * {@link fusedUlaStep} as a sampler takes it, step after step: for a sum, ∇ of its other parts at X is `restGradient`
 * where the previous step carried it (else formed here, by the same pass), and the step returns H and that gradient at
 * the new field from one pass: each step then costs the fused kernel, one autodiff pass of the other parts and the
 * interaction's H, where forming H and then ∇ separately would run the other parts forward twice. Null where
 * {@link fusedUlaStep} is. Reads `restGradient`, does not consume it.
 */
export function fusedUlaMove(
  energy: object,
  x: tf.Tensor2D,
  step: number,
  temperature: number,
  key: Key,
  restGradient?: tf.Tensor2D,
): FusedUlaMove | null {
  const part = fusable(energy, x);
  if (!part) return null;
  const position = fusedPosition(part, x, { step, temperature, key }, restGradient);
  if (part.rest === null) return { position, sum: null };
  const owned: tf.Tensor[] = [];
  try {
    const rest = part.rest.at(position);
    owned.push(rest.energy, rest.gradient);
    const own = part.rest.interactionEnergy(position);
    owned.push(own);
    // H = H_int + H_rest, one float32 addition: for two parts the sum's own addN bit for bit (addition commutes); for
    // more, the other parts are added first (a float32 rounding from the sum's order).
    const energies = tf.tidy(() => tf.reshape(tf.add(own, rest.energy), [1]) as tf.Tensor1D);
    tf.dispose([own, rest.energy]);
    return { position, sum: { energies, restGradient: rest.gradient } };
  } catch (error) {
    // A user's term may throw in its energy or gradient: nothing formed here outlives the step.
    tf.dispose([position, ...owned]);
    throw error;
  }
}

/**
 * The fused step's new field: the interaction's kernel, with h·∇(the rest) at X (`carried`, or formed here) taken in
 * the kernel's one pass (ops/langevin-update `langevinUpdateWithRest`).
 */
function fusedPosition(
  part: { spec: RecognisedInteraction; rest: Rest | null },
  x: tf.Tensor2D,
  o: { step: number; temperature: number; key: Key },
  carried: tf.Tensor2D | undefined,
): tf.Tensor2D {
  const { spec, rest } = part;
  const p = { step: o.step, temperature: o.temperature, coupling: spec.coupling };
  if (rest === null) return langevinUpdate(x, spec.graph, p, o.key);
  let formed: { energy: tf.Scalar; gradient: tf.Tensor2D } | null = null;
  try {
    if (carried === undefined) formed = rest.at(x);
    return langevinUpdateWithRest(x, spec.graph, p, o.key, carried ?? formed!.gradient);
  } finally {
    // Freed on a throw too (a user's term may throw in its gradient).
    if (formed !== null) tf.dispose([formed.energy, formed.gradient]);
  }
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

/** A MALA step of R chains (R = 1: one field) taken whole on the device: the kept field, and its numbers once read. */
export interface DeviceMalaStep {
  /** The kept field [N, R·d] (each chain's proposal where it accepted, else its X). Caller disposes. */
  position: tf.Tensor2D;
  /** Per chain the decision, its min(1, α) and the kept H; the kept field's consensus error and mean per column. */
  read(): {
    accepted: Float64Array;
    probabilities: Float64Array;
    energies: Float64Array;
    consensusError?: number;
    columnMeans: Float64Array;
  };
}

/**
 * One MALA step of a recognised interaction (one field or R chains side by side) with proposal, correction and each
 * chain's accept/reject on the device (webgpu), the proposal's noise and the uniforms under split(key, 2) as the
 * host's MALA draws them; else null, and the sampler steps on the host.
 */
export function fusedMalaStep(energy: object, x: tf.Tensor2D, step: number, temperature: number, key: Key): DeviceMalaStep | null {
  const spec = recognised(energy, x);
  if (!spec) return null;
  const o = { coupling: spec.coupling, step, temperature };
  if (spec.chains === 1) {
    const device = malaStepOnDevice(x, spec.graph, o, key);
    if (!device) return null;
    return {
      position: device.position,
      read() {
        const s = readDeviceStep(device);
        return {
          accepted: Float64Array.of(s.accepted ? 1 : 0),
          probabilities: Float64Array.of(s.probability),
          energies: Float64Array.of(s.energy),
          consensusError: s.consensusError,
          columnMeans: s.columnMeans,
        };
      },
    };
  }
  const device = chainMalaStepOnDevice(x, spec.graph, { ...o, chains: spec.chains }, key);
  if (!device) return null;
  return { position: device.position, read: () => readDeviceStep(device) };
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
 * H per chain [R] as float64 numbers where ops/ has more digits than the float32 tensor `energies` formed at `x`
 * (with `gradient` there), so that MALA's ΔH keeps them (at H ≈ 10⁶ float32 steps by 0.125): one field, the
 * kernel's float64 value of its H (large fields: {@link preciseEnergy}); R chains of a recognised interaction on large
 * fields (not on the device), ½ Σ over block r of x·∇H in float64, the sum the kernel forms for one field, from one
 * read of X and ∇H (`withReads`: only MALA pays for it). Else undefined: the caller reads the float32 tensor.
 */
export function preciseEnergies(
  energy: object,
  x: tf.Tensor2D,
  energies: tf.Tensor1D,
  gradient: tf.Tensor2D | null,
  withReads: boolean,
): Float64Array | undefined {
  if (energies.size === 1) {
    // One field whose kernel kept its H in float64; else (a chain energy of R = 1) the pass below, as for R chains.
    const value = preciseEnergy(energies as unknown as tf.Scalar, x);
    if (value !== undefined) return Float64Array.of(value);
  }
  const R = energies.size;
  const spec = interactions.get(energy);
  if (!withReads || !spec || !gradient || x.shape[0] * (x.shape[1] / R) < LARGE_FIELD_ENTRIES || chainMalaOnDevice(x, R)) return undefined;
  return halfDots(x.dataSync() as Float32Array, gradient.dataSync() as Float32Array, x.shape[0], R);
}

/** ½ Σ over block r of x·g in float64, per chain, from row-major [N, R·d] values: the interaction's H_r. */
function halfDots(xv: Float32Array, gv: Float32Array, rows: number, R: number): Float64Array {
  const d = xv.length / rows / R;
  const out = new Float64Array(R);
  for (let row = 0; row < xv.length; row += R * d) {
    for (let r = 0; r < R; r++) {
      let sum = out[r]!;
      for (let a = row + r * d, end = a + d; a < end; a++) sum += xv[a]! * gv[a]!;
      out[r] = sum;
    }
  }
  return out.map((v) => v / 2);
}

/**
 * How MALA's per-chain asymmetry ‖x − y + h∇H(y)‖²_r − ‖y − x + h∇H(x)‖²_r of R chains side by side in X [N, R·d]
 * is formed: `read`, a float32 tensor of parts the sampler reads with its other numbers in its one read, and the
 * asymmetry from their values (one field: the large-field kernel's float64 difference, or the two sums in tfjs ops;
 * R chains: webgpu's per-chain kernel, or the two per-chain sums); `host`, one float64 pass over the fields' values
 * (R chains of a recognised interaction on large fields, elsewhere than on the device), which from the same read also
 * gives H(Y) per chain in float64 ({@link preciseEnergies}' numbers).
 */
export type MalaAsymmetry =
  | { kind: "read"; parts: tf.Tensor1D; asymmetry(values: ArrayLike<number>): Float64Array }
  | { kind: "host"; asymmetry(): { asymmetry: Float64Array; energiesY: Float64Array } };

/** The {@link MalaAsymmetry} of R = `chains` chains at X, Y and their gradients, step h. Caller disposes `parts`. */
export function malaAsymmetry(
  energy: object,
  tensors: { x: tf.Tensor2D; y: tf.Tensor2D; gx: tf.Tensor2D; gy: tf.Tensor2D },
  h: number,
  chains: number,
): MalaAsymmetry {
  const { x, y, gx, gy } = tensors;
  const R = chains;
  const difference = (values: ArrayLike<number>) => Float64Array.from({ length: R }, (_, r) => values[R + r]! - values[r]!);
  if (R === 1) {
    const fused = fusedMalaCorrection(x, y, gx, gy, h);
    if (fused !== null) {
      const parts = tf.reshape(fused, [1]) as tf.Tensor1D;
      fused.dispose();
      return { kind: "read", parts, asymmetry: (values) => Float64Array.of(values[0]!) };
    }
  } else if (chainMalaOnDevice(x, R)) {
    return { kind: "read", parts: chainMalaCorrectionsOnDevice(x, y, gx, gy, h, R), asymmetry: (values) => Float64Array.from(values) };
  } else if (interactions.has(energy) && x.shape[0] * (x.shape[1] / R) >= LARGE_FIELD_ENTRIES) {
    const d = x.shape[1] / R;
    const read = (t: tf.Tensor2D) => t.dataSync() as Float32Array;
    return {
      kind: "host",
      asymmetry() {
        const [xv, yv, gxv, gyv] = [read(x), read(y), read(gx), read(gy)];
        return { asymmetry: chainMalaCorrections(xv, yv, gxv, gyv, h, R, d), energiesY: halfDots(yv, gyv, y.shape[0], R) };
      },
    };
  }
  // ‖y − x + h∇H(x)‖² and ‖x − y + h∇H(y)‖² per chain: [forward_r…, back_r…] (one field: the whole sums).
  const parts = tf.tidy(() => {
    const sums = (t: tf.Tensor2D) => (R === 1 ? tf.reshape(tf.sum(t), [1]) : chainSums(t, R));
    const forward = sums(tf.square(tf.add(tf.sub(y, x), tf.mul(gx, h))) as tf.Tensor2D);
    const back = sums(tf.square(tf.add(tf.sub(x, y), tf.mul(gy, h))) as tf.Tensor2D);
    return tf.concat([forward, back]) as tf.Tensor1D;
  });
  return { kind: "read", parts, asymmetry: difference };
}

/** Chain r's H from a fused step's per-column energies (the sum over its d columns); one field: the step's H. */
export function stepEnergies(stats: StepStats, chains: number): Float64Array {
  if (chains === 1) return Float64Array.of(stats.energy);
  const d = stats.columnEnergies.length / chains;
  const out = new Float64Array(chains);
  for (let r = 0; r < chains; r++) for (let c = r * d; c < (r + 1) * d; c++) out[r]! += stats.columnEnergies[c]!;
  return out;
}
