/**
 * Local update rules for consensus with faulty neighbours, as pure functions of one honest node's own value and the
 * values it received this round. One round of every rule is synchronous: all honest nodes read the previous state.
 *
 * - `mean`: the proposal's quadratic coupling. H = Σ_⟨ij⟩ (x_i − x_j)² has gradient 2·L·x, and one explicit Euler
 *   step of its gradient flow is x_i ← x_i − 2h·Σ_j (x_i − x_j). We take h = 1/(4·d_max) (d_max the largest
 *   degree), so 2h·λ_max ≤ 2h·2·d_max = 1: the step is stable and never overshoots (Gershgorin).
 * - `huber`: the same flow for the Huber coupling ρ_δ(r) = r² for |r| ≤ δ, 2δ|r| − δ² beyond: each neighbour's
 *   pull is clipped at δ, x_i ← x_i − 2h·Σ_j clip(x_i − x_j, −δ, δ). δ → ∞ gives `mean`.
 * - `median`: the L1 coupling Σ_j |x_i − x_j|; its best response is the median of {x_i} ∪ {received}.
 * - `trimmed`: drop the F smallest and F largest received values, average the rest with the own value.
 * - `wmsr`: W-MSR (LeBlanc, Zhang, Koutsoukos & Sundaram 2013): among received values strictly above the own value
 *   drop the F largest (all of them if fewer), among those strictly below drop the F smallest, and average the
 *   own value with what is kept, in equal weights.
 */
import { ArgumentError } from "../../errors";

export const RULES = ["mean", "median", "huber", "trimmed", "wmsr"] as const;
export type RuleName = (typeof RULES)[number];

export interface RuleParameters {
  /** 2h: the weight of one neighbour's difference in `mean` and `huber` (1/(2·d_max) by default). */
  weight: number;
  /** Huber threshold δ > 0. */
  delta: number;
  /** Values trimmed at each end (`trimmed`) or the W-MSR parameter F. */
  trim: number;
}

const WHERE = "emtd/adversary/rules";

/**
 * v[0 … m) sorted in place as TypedArray.prototype.sort sorts it (ascending, −0 before +0, NaN last), returned as v:
 * by insertion, as a node's few received values (a degree's worth) sort faster so than through the builtin's call
 * and a subarray per node; with a NaN among them, by the builtin itself.
 */
function sortFew(v: Float64Array, m: number): Float64Array {
  for (let i = 0; i < m; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) {
      v.subarray(0, m).sort();
      return v;
    }
    let j = i - 1;
    while (j >= 0 && (x < v[j]! || (x === 0 && v[j] === 0 && Object.is(x, -0) && !Object.is(v[j], -0)))) {
      v[j + 1] = v[j]!;
      j--;
    }
    v[j + 1] = x;
  }
  return v;
}

/**
 * The new value of one honest node: `own` its value, `received[0..count)` the values its neighbours sent.
 * `scratch` must hold at least `count` numbers (it is overwritten; the order-statistic rules sort it).
 *
 * @example
 * ```ts
 * updateNode("wmsr", 0.5, Float64Array.of(0.4, 0.6, 99), 3, { weight: 0.25, delta: 0.1, trim: 1 }, new Float64Array(3)); // drops 0.4 (below) and 99 (above): (0.5 + 0.6) / 2 = 0.55
 * ```
 */
export function updateNode(
  rule: RuleName,
  own: number,
  received: Float64Array,
  count: number,
  p: RuleParameters,
  scratch: Float64Array,
): number {
  switch (rule) {
    case "mean": {
      let s = 0;
      for (let q = 0; q < count; q++) s += own - received[q]!;
      return own - p.weight * s;
    }
    case "huber": {
      let s = 0;
      for (let q = 0; q < count; q++) {
        const r = own - received[q]!;
        s += r > p.delta ? p.delta : r < -p.delta ? -p.delta : r;
      }
      return own - p.weight * s;
    }
    case "median": {
      for (let q = 0; q < count; q++) scratch[q] = received[q]!;
      scratch[count] = own;
      const v = sortFew(scratch, count + 1);
      const m = count + 1;
      return m % 2 === 1 ? v[(m - 1) / 2]! : 0.5 * (v[m / 2 - 1]! + v[m / 2]!);
    }
    case "trimmed": {
      for (let q = 0; q < count; q++) scratch[q] = received[q]!;
      const v = sortFew(scratch, count);
      let s = own;
      let k = 1;
      for (let q = p.trim; q < count - p.trim; q++) {
        s += v[q]!;
        k++;
      }
      return s / k;
    }
    case "wmsr": {
      for (let q = 0; q < count; q++) scratch[q] = received[q]!;
      const v = sortFew(scratch, count);
      let below = 0; // values strictly below own
      while (below < count && v[below]! < own) below++;
      let above = count; // v[above..count) strictly above own
      while (above > 0 && v[above - 1]! > own) above--;
      const lo = Math.min(p.trim, below);
      const hi = count - Math.min(p.trim, count - above);
      let s = own;
      let k = 1;
      for (let q = lo; q < hi; q++) {
        s += v[q]!;
        k++;
      }
      return s / k;
    }
    default:
      throw new ArgumentError(WHERE, "rule", `one of ${RULES.join(", ")}`, rule);
  }
}
