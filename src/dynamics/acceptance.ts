/**
 * The one Metropolis acceptance rule of the library (Metropolis et al. 1953; Hastings 1970), used by MALA,
 * random-walk Metropolis, the Ising sampler, the audits of §3.3 and the spin chains (src/spin, src/traps).
 *
 * A move is described by its cost Δ = −T·log α: the energy change ΔH for a symmetric proposal, ΔH plus the
 * proposal's asymmetry for Metropolis–Hastings (MALA: Δ = ΔH + (‖x − y + h∇H(y)‖² − ‖y − x + h∇H(x)‖²)/(4h)).
 * The move is accepted with probability
 *
 *   p(Δ, T) = min(1, e^{−Δ/T}),
 *
 * with the limits made explicit: T = 0 accepts exactly the moves with Δ ≤ 0 (greedy descent, the T → 0 limit of
 * p), and a NaN cost (an overflowed energy, a divergent proposal) is rejected, never accepted.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";

const WHERE = "emtd/dynamics/acceptance";

/**
 * p(Δ, T) = min(1, e^{−Δ/T}); 1 when Δ ≤ 0 (T = 0 included), 0 when T = 0 and Δ > 0, 0 when Δ is NaN.
 *
 * @example
 * ```ts
 * metropolisProbability(1, 2); // e^{−1/2} ≈ 0.607
 * metropolisProbability(1, 0); // 0
 * metropolisProbability(Number.NaN, 1); // 0
 * ```
 */
export function metropolisProbability(cost: number, temperature: number): number {
  check.nonNegative(WHERE, "temperature", temperature);
  if (Number.isNaN(cost)) return 0;
  if (cost <= 0) return 1;
  return temperature === 0 ? 0 : Math.exp(-cost / temperature);
}

/**
 * The decision for one uniform u ∈ [0, 1): accept iff u < p(Δ, T) (so NaN never accepts, Δ ≤ 0 always does).
 *
 * @example
 * ```ts
 * [metropolisAccepts(1, 1, 0.3), metropolisAccepts(1, 1, 0.5)]; // → [true, false] (p = e^{−1} = 0.368)
 * metropolisAccepts(Number.NaN, 1, 0); // → false
 * ```
 */
export function metropolisAccepts(cost: number, temperature: number, u: number): boolean {
  return u < metropolisProbability(cost, temperature);
}

/**
 * The same decision for a sequential chain that draws its uniform only when the move needs one: a downhill move
 * (Δ ≤ 0) is accepted and a move at T = 0 with Δ > 0 (or NaN) rejected without a draw; any other move (NaN included,
 * then rejected) draws one u from `uniform` and is accepted iff u < p(Δ, T). This is §3.3's loop
 * `if ΔH ≤ 0 or (T > 0 and u < e^{−ΔH/T})`: a chain's random stream, and so every result of its seed, depends only on
 * which moves go uphill, never on whether e^{−Δ/T} underflows to 0.
 *
 * @example
 * ```ts
 * const u = uniformSource(key(1));
 * [metropolisAcceptsLazily(-1, 1, u), metropolisAcceptsLazily(1, 0, u)]; // → [true, false]: u was not called
 * metropolisAcceptsLazily(1, 1, u); // one draw u, accepted iff u < e^{−1}
 * ```
 */
export function metropolisAcceptsLazily(cost: number, temperature: number, uniform: () => number): boolean {
  check.nonNegative(WHERE, "temperature", temperature);
  if (cost <= 0) return true;
  if (temperature === 0) return false;
  return uniform() < metropolisProbability(cost, temperature);
}

/**
 * The same rule elementwise on tensors: a bool tensor, true where u < p(Δ, T). `cost` and `u` broadcast together;
 * `temperature` is a number ≥ 0 or a positive tensor broadcasting with them (e.g. one temperature per replica,
 * [1, R]). NaN costs are rejected. Caller disposes the result.
 *
 * @example
 * ```ts
 * const cost = tf.tensor1d([-1, 1, NaN]);
 * const u = tf.tensor1d([0.9, 0.3, 0]);
 * const accept = metropolisAcceptTensor(cost, 1, u); // bool
 * await accept.data(); // → [1, 1, 0] (true, true as 0.3 < e^{−1}, false: NaN never accepts)
 * tf.dispose([cost, u, accept]);
 * ```
 */
export function metropolisAcceptTensor(cost: tf.Tensor, temperature: number | tf.Tensor, u: tf.Tensor): tf.Tensor {
  if (typeof temperature === "number" && check.nonNegative(WHERE, "temperature", temperature) === 0) {
    return tf.tidy(() => tf.logicalAnd(tf.logicalNot(tf.isNaN(cost)), tf.lessEqual(cost, 0)));
  }
  // NaN is rejected explicitly: tfjs-wasm's relu maps a NaN with the sign bit set (what ∞ − ∞ gives on x86) to 0,
  // so relu cannot be trusted to carry NaN into the comparison (measured: test/unit/dynamics/acceptance.test.ts).
  return tf.tidy(() => tf.logicalAnd(tf.logicalNot(tf.isNaN(cost)), tf.less(u, tf.exp(tf.neg(tf.div(tf.relu(cost), temperature))))));
}

/**
 * p(Δ, T) = min(1, e^{−Δ/T}) elementwise (0 where Δ is NaN), for diagnostics (mean acceptance probability).
 * `temperature` > 0: a number or a tensor broadcasting with `cost`. Caller disposes.
 *
 * @example
 * ```ts
 * const cost = tf.tensor1d([-1, 1, NaN]);
 * const p = metropolisProbabilityTensor(cost, 2);
 * await p.data(); // → [1, 0.607, 0] (e^{−1/2} for Δ = 1 at T = 2)
 * tf.dispose([cost, p]);
 * ```
 */
export function metropolisProbabilityTensor(cost: tf.Tensor, temperature: number | tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.where(tf.isNaN(cost), tf.zerosLike(cost), tf.exp(tf.neg(tf.div(tf.relu(cost), temperature)))));
}
