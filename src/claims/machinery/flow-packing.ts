/**
 * The flow cells run hundreds of independent runs side by side as channels of one field (./flow-cells
 * `ledgerFlowRuns`, section2-cooling `flowRuns`: run r is the channel block r·D … r·D + D − 1 of X [N, R·D]). That
 * is exact only where ℋ is a sum over those blocks, ℋ(X) = Σ_r ℋ(X_r), as the proposal's quadratic coupling and any
 * term summed channel by channel are. A variant whose ℋ reads the norm of a node's or an edge's whole vector (a
 * log-cosh or Huber of ‖ψ_i − ψ_j‖, an on-site term of ‖ψ_i‖) couples the packed runs to each other: the cell would
 * measure one run of R·D channels, not R runs (issue 51, audit line 3), and a log-cosh overflows there. So before a
 * flow cell packs runs under a mechanism that replaces the interaction or adds terms, it checks numerically that ℋ
 * and ∇ℋ separate over the packed runs; where they do not, the cell is not comparable under the variant, with the
 * numbers that broke it ({@link PackingError}; the registry records the cell untestable with that reason).
 */
import * as tf from "@tensorflow/tfjs";
import { key, uniformSource } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import { energyValue, gradient } from "../../hamiltonian/term";
import { hamiltonianOf, PROPOSAL } from "./mechanism";
import { num } from "./evidence";
import type { Mechanism } from "./types";

/**
 * Relative tolerance of the check. The two sides sum the same float32 terms in another order: for ≤ 1.2·10⁵ terms
 * (119 runs × ~10³ edges at N = 500) the rounding expected of such a sum is √n·u ≈ 2·10⁻⁵ (u = 6·10⁻⁸), so 10⁻³ is
 * 50 times that and still far below what a non-separable ℋ gives on the check's field (order 1 for a log-cosh or a
 * Huber of the norm).
 */
export const PACKING_TOLERANCE = 1e-3;

/** Half-width of the check's field entries: the distance between two ledgers, the scale the flow's runs start at. */
const FIELD_SCALE = 2;

/** A flow cell's packed runs under a variant whose ℋ does not separate over them: the cell is not comparable. */
export class PackingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackingError";
  }
}

/** True when the mechanism's ℋ may not be the proposal's sum over channels: it replaces the interaction or adds terms. */
export function replacesEnergy(mechanism: Mechanism): boolean {
  return mechanism.replaced.some((p) => (p === "interaction" || p === "terms") && mechanism[p] !== PROPOSAL[p]);
}

/**
 * Null where `mechanism`'s ℋ on `graph` separates over `runs` runs of `width` channels packed side by side (or the
 * mechanism keeps the proposal's energy, checked by nothing); else why, with the numbers that broke it. On a field
 * drawn from a fixed key (uniform in ±{@link FIELD_SCALE}; no stream of the claim is read), ℋ of the packed field is
 * compared with the sum over runs of ℋ of each run's own [N, width] field, and ∇ℋ block by block (its largest
 * difference against its largest entry), to {@link PACKING_TOLERANCE}.
 */
export function packingBroken(mechanism: Mechanism, graph: Graph, runs: number, width: number): string | null {
  if (!replacesEnergy(mechanism)) return null;
  const N = graph.n,
    C = runs * width;
  const u = uniformSource(key(0x9ac4));
  const values = Float32Array.from({ length: N * C }, () => FIELD_SCALE * (2 * u() - 1));
  const H = hamiltonianOf(mechanism, graph);
  const packed = tf.tensor2d(values, [N, C]);
  const packedGradient = tf.tidy(() => gradient(H, packed));
  const g = packedGradient.dataSync();
  const whole = energyValue(H, packed);
  tf.dispose([packed, packedGradient]);
  let sum = 0,
    scale = 0,
    gradientGap = 0,
    gradientScale = 0;
  for (let r = 0; r < runs; r++) {
    const own = new Float32Array(N * width);
    for (let i = 0; i < N; i++) for (let d = 0; d < width; d++) own[i * width + d] = values[i * C + r * width + d]!;
    const x = tf.tensor2d(own, [N, width]);
    const e = energyValue(H, x);
    const ownGradient = tf.tidy(() => gradient(H, x));
    const v = ownGradient.dataSync();
    tf.dispose([x, ownGradient]);
    sum += e;
    scale += Math.abs(e);
    for (let i = 0; i < N; i++)
      for (let d = 0; d < width; d++) {
        const a = g[i * C + r * width + d]!;
        gradientGap = Math.max(gradientGap, Math.abs(a - v[i * width + d]!));
        gradientScale = Math.max(gradientScale, Math.abs(a));
      }
  }
  const energyGap = Math.abs(whole - sum) / Math.max(scale, Number.MIN_VALUE);
  const relativeGradient = gradientGap / Math.max(gradientScale, Number.MIN_VALUE);
  // A NaN or an Infinity (a log-cosh overflowing on the packed field) fails both comparisons, as it should.
  if (energyGap <= PACKING_TOLERANCE && relativeGradient <= PACKING_TOLERANCE) return null;
  return (
    `not comparable under this variant: the flow cell runs its ${runs} runs side by side as ` +
    `${width === 1 ? `channels of one field` : `blocks of ${width} channels of one field (${C} channels)`}, ` +
    `exact only where ℋ is a sum over the runs, and this variant's ℋ is not: on a field uniform in ±${FIELD_SCALE} on ${graph.label}, ` +
    `ℋ(packed) = ${num(whole)} against Σ_runs ℋ(run) = ${num(sum)} (relative difference ${num(energyGap)}), ` +
    `the gradients' largest difference ${num(relativeGradient)}× the packed gradient's largest entry, beyond ${num(PACKING_TOLERANCE)} ` +
    (`(float32 rounding of the sums is ~2·10⁻⁵): packed, the runs would be coupled to ` +
      `each other, so the cell would measure one run of ${C} channels, not ${runs} runs`)
  );
}

/** Throws a {@link PackingError} where {@link packingBroken} finds the packed runs coupled. */
export function checkPacking(mechanism: Mechanism, graph: Graph, runs: number, width: number): void {
  const broken = packingBroken(mechanism, graph, runs, width);
  if (broken !== null) throw new PackingError(broken);
}

/**
 * Whether `mechanism`'s ℋ on `graph` is the proposal's quadratic, whose law this part draws exactly: the proposal's
 * own parts, or a replacement with the same energy and gradient on three probe fields (uniform in ±2, a fixed key; to
 * {@link PACKING_TOLERANCE}), as the proposal's interaction written by hand is.
 */
export function isProposalEnergy(mechanism: Mechanism, graph: Graph): boolean {
  if (!replacesEnergy(mechanism)) return true;
  const mine = hamiltonianOf(mechanism, graph);
  const proposal = hamiltonianOf(PROPOSAL, graph);
  const u = uniformSource(key(0x51ab));
  for (let probe = 0; probe < 3; probe++) {
    const x = tf.tensor2d(
      Float32Array.from({ length: graph.n }, () => 2 * (2 * u() - 1)),
      [graph.n, 1],
    );
    const [a, b] = [mine, proposal].map((H) => ({ energy: energyValue(H, x), gradient: tf.tidy(() => gradient(H, x)) }));
    const ga = a!.gradient.dataSync(),
      gb = b!.gradient.dataSync();
    tf.dispose([x, a!.gradient, b!.gradient]);
    let gap = 0,
      scale = 0;
    for (let i = 0; i < gb.length; i++) {
      gap = Math.max(gap, Math.abs(ga[i]! - gb[i]!));
      scale = Math.max(scale, Math.abs(gb[i]!));
    }
    if (Math.abs(a!.energy - b!.energy) > PACKING_TOLERANCE * Math.abs(b!.energy) || gap > PACKING_TOLERANCE * scale) return false;
  }
  return true;
}
