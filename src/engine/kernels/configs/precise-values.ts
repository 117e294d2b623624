/**
 * The float64 values of float32 scalar outputs that a kernel formed in float64 (the interaction's energy), by the
 * output's dataId. A float32 energy of a large field is coarse where differences of energies matter: at H ≈ 10⁶ its
 * spacing is 0.125, at 10⁸ it is 8, while MALA accepts on e^{−ΔH/T} with ΔH of order T. The samplers read the
 * float64 value here ({@link preciseValue}) on large fields; the tensor keeps the float32 one.
 */
import type { TensorInfo } from "@tensorflow/tfjs";

const values = new WeakMap<object, number>();

/** Record `value` (float64) as the precise value of the scalar output `info`. */
export function recordPrecise(info: TensorInfo, value: number): void {
  values.set(info.dataId, value);
}

/** The float64 value a kernel recorded for this scalar (undefined when none did). */
export function preciseValue(tensor: { dataId: object }): number | undefined {
  return values.get(tensor.dataId);
}
