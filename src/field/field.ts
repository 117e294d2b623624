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

/** The Merkle block χ, [N, d]. Caller disposes. */
export function merkle(psi: tf.Tensor2D, layout: FieldLayout): tf.Tensor2D {
  checkShape(psi, layout);
  return layout.phase ? tf.slice(psi, [0, 0], [-1, layout.merkleDim]) : tf.clone(psi);
}

/** The trust phase as [N, 2] real channels (Re φ, Im φ). Caller disposes. */
export function trustPhase(psi: tf.Tensor2D, layout: FieldLayout): tf.Tensor2D {
  checkShape(psi, layout);
  if (!layout.phase) throw new ArgumentError(WHERE, "layout", "a layout with phase: true", layout);
  return tf.slice(psi, [0, layout.merkleDim], [-1, 2]);
}

/**
 * T_i = χ_i ⊗ φ_i as real channels [χ_i·Re φ_i, χ_i·Im φ_i], [N, 2d]. ‖T_i − T_j‖² over these channels is the
 * Hermitian norm in ℂ^d. Caller disposes.
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

/** An initial field for `layout`; `key` seeds the random parts. Caller disposes. */
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

/** Mean over nodes ψ̄ [1, C] and the consensus error (1/N) Σ_i ‖ψ_i − ψ̄‖² as a scalar tensor. Caller disposes. */
export function consensusError(psi: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const mean = tf.mean(psi, 0, true);
    return tf.div(tf.sum(tf.square(tf.sub(psi, mean))), psi.shape[0]) as tf.Scalar;
  });
}
