/**
 * The Huber coupling's energy and gradient as one op on small fields, where tfjs's per-op cost, not the arithmetic, is
 * the step's: the fused kernel `EmtdHuberCoupling` (engine/kernels/configs/huber-kernel), equal bit for bit to the
 * composite of hamiltonian/variants `huberCoupling`. Taken where the kernel is registered for the backend, the field
 * is float32 and below {@link LARGE_FIELD_ENTRIES} (larger fields take the composite's SIMD and threaded kernels), and
 * no gradient tape records (the kernel has no gradient: differentiating the term goes through the composite).
 */
import * as tf from "@tensorflow/tfjs";
import { LARGE_FIELD_ENTRIES, hasKernel, runKernel } from "../engine/kernels/configs/dispatch";
import { HUBER_COUPLING, type HuberAttrs } from "../engine/kernels/configs/huber-kernel";
import { planFor } from "../engine/kernels/loops/graph-plan";
import { engineInternals } from "../engine/kernels/tfjs/private-hooks";
import type { Graph } from "../graph/graph";
import { edgeWeights } from "./tensors";

/**
 * H = J Σ_e w_e ρ_δ(‖x_src − x_dst‖) and ∇H at `x` in one kernel, or null where the composite runs (module comment).
 * Caller disposes both.
 */
export function fusedHuberEnergyAndGradient(
  x: tf.Tensor2D,
  graph: Graph,
  delta: number,
  coupling: number,
): { energy: tf.Scalar; gradient: tf.Tensor2D } | null {
  if (x.dtype !== "float32" || x.size >= LARGE_FIELD_ENTRIES || graph.edgeCount === 0 || !hasKernel(HUBER_COUPLING)) return null;
  if ((engineInternals(tf.engine()).state?.gradientDepth ?? 1) > 0) return null;
  const attrs: HuberAttrs = {
    plan: planFor(graph),
    delta,
    coupling,
    accumulate: tf.getBackend() === "cpu" ? "float64" : "float32",
  };
  const [energy, gradient] = runKernel(HUBER_COUPLING, { x, w: edgeWeights(graph) }, attrs as unknown as Record<string, unknown>) as [
    tf.Scalar,
    tf.Tensor2D,
  ];
  return { energy, gradient };
}
