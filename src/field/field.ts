/**
 * The state field Ψ of Definition 1.1, stored as one float32 tensor of shape [N, C] so that integrators move a
 * single array and every term sees the whole state:
 *
 *   columns [0, d)        the Merkle-coordinate block χ (N×d): where each node's ledger root sits in ℝ^d
 *   columns d, d+1        the trust phase φ = Re φ + i·Im φ (present when `phase: true`)
 *
 * Why two real channels and not tfjs's complex64: the wasm backend (our default) has no complex kernels, and
 * tfjs's gradients through complex ops are incomplete; with real channels every term is differentiable on every
 * backend, and |φ|, arg φ and products are two lines of real arithmetic.
 *
 * The proposal's rank-2 tensor T_ij = χ(D_ij) ⊗ φ_ij lives on edges; its node form T_i = χ_i ⊗ φ_i ∈ ℝ^d ⊗ ℂ ≅ ℂ^d
 * is {@link tensorProduct}. The §3.3 code instead concatenates [Merkle scalar, reputation]; terms choose which.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import { type Key, normal, split, uniform } from "../engine/random";
import { fusedConsensusError } from "../engine";

export interface FieldLayout {
  readonly nodes: number;
  /** d: width of the Merkle-coordinate block. */
  readonly merkleDim: number;
  /** Whether the two trust-phase channels follow the Merkle block. */
  readonly phase: boolean;
  /** Total columns C = d (+ 2 with phase). */
  readonly channels: number;
}

const WHERE = "emtd/field";

/**
 * The column layout of Ψ [N, C] for N nodes and a Merkle block of width d: C = d, or d + 2 with the trust phase
 * (Re φ, Im φ) after it. Plain object, no tensors.
 *
 * @example
 * ```ts
 * fieldLayout(8, 3, { phase: true }).channels; // → 5
 * ```
 */
export function fieldLayout(nodes: number, merkleDim: number, options: { phase?: boolean } = {}): FieldLayout {
  check.integer(WHERE, "nodes", nodes, 1);
  check.integer(WHERE, "merkleDim", merkleDim, 1);
  const phase = options.phase ?? false;
  return { nodes, merkleDim, phase, channels: merkleDim + (phase ? 2 : 0) };
}

function checkShape(psi: tf.Tensor, layout: FieldLayout): void {
  if (psi.rank !== 2 || psi.shape[0] !== layout.nodes || psi.shape[1] !== layout.channels) {
    throw new ArgumentError(WHERE, "field", `a tensor of shape [${layout.nodes}, ${layout.channels}]`, psi.shape);
  }
}

/**
 * The Merkle block χ = Ψ[:, 0:d], [N, d] float32, of Ψ [N, C] laid out by `layout`. Caller disposes.
 *
 * @example
 * ```ts
 * const layout = fieldLayout(2, 1, { phase: true });
 * const psi = tf.tensor2d([[5, 1, 0], [7, 0, 1]]);
 * const chi = merkle(psi, layout);
 * await chi.array(); // → [[5], [7]]
 * tf.dispose([psi, chi]);
 * ```
 */
export function merkle(psi: tf.Tensor2D, layout: FieldLayout): tf.Tensor2D {
  checkShape(psi, layout);
  return layout.phase ? tf.slice(psi, [0, 0], [-1, layout.merkleDim]) : tf.clone(psi);
}

/**
 * The trust phase φ as two real channels (Re φ, Im φ), [N, 2] float32; throws an ArgumentError for a layout without
 * phase. Caller disposes.
 *
 * @example
 * ```ts
 * const layout = fieldLayout(2, 1, { phase: true });
 * const psi = tf.tensor2d([[5, 1, 0], [7, 0, 1]]);
 * const phi = trustPhase(psi, layout);
 * await phi.array(); // → [[1, 0], [0, 1]]
 * tf.dispose([psi, phi]);
 * ```
 */
export function trustPhase(psi: tf.Tensor2D, layout: FieldLayout): tf.Tensor2D {
  checkShape(psi, layout);
  if (!layout.phase) throw new ArgumentError(WHERE, "layout", "a layout with phase: true", layout);
  return tf.slice(psi, [0, layout.merkleDim], [-1, 2]);
}

/**
 * T_i = χ_i ⊗ φ_i as real channels [χ_i·Re φ_i, χ_i·Im φ_i], [N, 2d]. ‖T_i − T_j‖² over these channels is the
 * Hermitian norm in ℂ^d. Caller disposes.
 * @example
 * ```ts
 * const layout = fieldLayout(2, 1, { phase: true });
 * const psi = tf.tensor2d([[5, 1, 0], [7, 0, 1]]); // φ₀ = 1, φ₁ = i
 * const t = tensorProduct(psi, layout);
 * await t.array(); // → [[5, 0], [0, 7]]
 * tf.dispose([psi, t]);
 * ```
 */
export function tensorProduct(psi: tf.Tensor2D, layout: FieldLayout): tf.Tensor2D {
  return tf.tidy(() => {
    const chi = merkle(psi, layout);
    const phi = trustPhase(psi, layout);
    const re = tf.slice(phi, [0, 0], [-1, 1]);
    const im = tf.slice(phi, [0, 1], [-1, 1]);
    return tf.concat([tf.mul(chi, re), tf.mul(chi, im)], 1) as tf.Tensor2D;
  });
}

export interface InitialFieldOptions {
  /** Merkle block: "zeros", a constant, or "normal" with `scale`. Default "zeros". */
  merkle?: "zeros" | "normal" | number;
  scale?: number;
  /** Trust phase: "unit" (φ = 1) or "random" (|φ| = 1, arg φ uniform). Default "unit". */
  phase?: "unit" | "random";
}

/**
 * An initial field [N, C] float32 for `layout`: the Merkle block zeros, a constant, or scale·N(0, 1); the phase φ = 1 or
 * e^{iθ}, θ ~ U[0, 2π). `key` seeds the random parts (same key, same field). Caller disposes.
 *
 * @example
 * ```ts
 * const layout = fieldLayout(3, 1, { phase: true });
 * const psi = initialField(layout, key(1), { merkle: 2 });
 * await psi.array(); // → [[2, 1, 0], [2, 1, 0], [2, 1, 0]]
 * psi.dispose();
 * ```
 */
export function initialField(layout: FieldLayout, key: Key, options: InitialFieldOptions = {}): tf.Tensor2D {
  const scale = check.positive(WHERE, "scale", options.scale ?? 1);
  const [kx, kp] = split(key, 2) as [Key, Key];
  return tf.tidy(() => {
    const spec = options.merkle ?? "zeros";
    const shape = [layout.nodes, layout.merkleDim];
    const chi =
      spec === "zeros"
        ? tf.zeros(shape)
        : spec === "normal"
          ? tf.mul(normal(kx, shape), scale)
          : tf.fill(shape, check.finite(WHERE, "merkle", spec));
    if (!layout.phase) return chi as tf.Tensor2D;
    const mode = options.phase ?? "unit";
    check.oneOf(WHERE, "phase", mode, ["unit", "random"] as const);
    const angle = mode === "unit" ? tf.zeros([layout.nodes, 1]) : tf.mul(uniform(kp, [layout.nodes, 1]), 2 * Math.PI);
    return tf.concat([chi, tf.cos(angle), tf.sin(angle)], 1) as tf.Tensor2D;
  });
}

/**
 * The consensus error (1/N) Σ_i ‖ψ_i − ψ̄‖² of Ψ [N, C], ψ̄ the node mean, as a float32 scalar. Caller disposes.
 * From LARGE_FIELD_ENTRIES (engine/kernels/configs/dispatch) entries on, summed in float64 by the fused
 * `EmtdConsensusError` where it is registered (1.5 ms against 19 ms of tfjs ops at 2·10⁶ entries); below it, by those
 * tfjs ops. On webgpu always by the kernel, in float32 on the GPU. The engine decides (`fusedConsensusError`).
 *
 * @example
 * ```ts
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * const e = consensusError(psi);
 * await e.data(); // → [1.25]
 * tf.dispose([psi, e]);
 * ```
 */
export function consensusError(psi: tf.Tensor2D): tf.Scalar {
  // The engine decides (large fields; webgpu whatever the size: tfjs's axis reductions there are slow).
  const fused = fusedConsensusError(psi);
  if (fused !== null) return fused;
  return tf.tidy(() => {
    const mean = tf.mean(psi, 0, true);
    return tf.div(tf.sum(tf.square(tf.sub(psi, mean))), psi.shape[0]) as tf.Scalar;
  });
}
