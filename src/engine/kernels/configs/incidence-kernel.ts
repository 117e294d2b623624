/**
 * Fused kernels of the signed incidence matrix B (one row per undirected edge e = (src_e, dst_e), +1 at src_e,
 * −1 at dst_e), the building blocks of user-written pair terms (the generic, autodiff path):
 *
 * - `EmtdEdgeDifferences`: Y = B X, Y_e = X_src − X_dst ([E, C] from [N, C]), one pass over the edges.
 *   Gradient: Bᵀ dY.
 * - `EmtdIncidenceTranspose`: Z = Bᵀ Y, Z_i = Σ_{e: src_e = i} Y_e − Σ_{e: dst_e = i} Y_e ([N, C] from [E, C]),
 *   one scatter pass over the edges. Gradient: B dZ.
 *
 * The front ends with their composite references (sparseSegmentSum) are in ops/incidence; they pick these
 * kernels when registered for the active backend.
 */
import * as tf from "@tensorflow/tfjs";
import type { PackedEdges } from "../../edges";
import { hasKernel, runKernel } from "./dispatch";
import type { KernelIO } from "./kernel-io";
import { type GraphPlan, planFor } from "../loops/graph-plan";

export const EDGE_DIFFERENCES = "EmtdEdgeDifferences";
export const INCIDENCE_TRANSPOSE = "EmtdIncidenceTranspose";

export interface IncidenceAttrs {
  plan: GraphPlan;
}

export function edgeDifferencesKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: IncidenceAttrs): tf.TensorInfo {
  const { x } = inputs;
  const { src, dst, edgeCount } = attrs.plan;
  const C = x.shape[1]!;
  return io.run([x], [{ shape: [edgeCount, C], dtype: "float32" }], ([xv], [out]) => {
    const xs = xv as Float32Array;
    const y = out as Float32Array;
    if (C === 2) {
      // Width 2 unrolled: V8 does not unroll a loop over a run-time width (≈3× slower).
      for (let e = 0; e < edgeCount; e++) {
        const s = src[e]! << 1;
        const d = dst[e]! << 1;
        y[2 * e] = xs[s]! - xs[d]!;
        y[2 * e + 1] = xs[s + 1]! - xs[d + 1]!;
      }
    } else if (C === 1) {
      for (let e = 0; e < edgeCount; e++) y[e] = xs[src[e]!]! - xs[dst[e]!]!;
    } else {
      for (let e = 0; e < edgeCount; e++) {
        const s = src[e]! * C;
        const d = dst[e]! * C;
        for (let c = 0; c < C; c++) y[e * C + c] = xs[s + c]! - xs[d + c]!;
      }
    }
  }).outputs[0]!;
}

export function incidenceTransposeKernel(io: KernelIO, inputs: { y: tf.TensorInfo }, attrs: IncidenceAttrs): tf.TensorInfo {
  const { y } = inputs;
  const { src, dst, edgeCount, n } = attrs.plan;
  const C = y.shape[1]!;
  return io.run([y], [{ shape: [n, C], dtype: "float32" }], ([yv], [out]) => {
    const ys = yv as Float32Array;
    const z = out as Float32Array;
    z.fill(0); // wasm outputs are not zeroed
    if (C === 2) {
      for (let e = 0; e < edgeCount; e++) {
        const s = src[e]! << 1;
        const d = dst[e]! << 1;
        const v0 = ys[2 * e]!;
        const v1 = ys[2 * e + 1]!;
        z[s] = z[s]! + v0;
        z[s + 1] = z[s + 1]! + v1;
        z[d] = z[d]! - v0;
        z[d + 1] = z[d + 1]! - v1;
      }
    } else if (C === 1) {
      for (let e = 0; e < edgeCount; e++) {
        const v = ys[e]!;
        z[src[e]!] = z[src[e]!]! + v;
        z[dst[e]!] = z[dst[e]!]! - v;
      }
    } else {
      for (let e = 0; e < edgeCount; e++) {
        const s = src[e]! * C;
        const d = dst[e]! * C;
        for (let c = 0; c < C; c++) {
          const v = ys[e * C + c]!;
          z[s + c] = z[s + c]! + v;
          z[d + c] = z[d + c]! - v;
        }
      }
    }
  }).outputs[0]!;
}

/** True when both incidence kernels can run on the active backend for this tensor. */
export function canFuseIncidence(t: tf.Tensor): boolean {
  return t.dtype === "float32" && hasKernel(EDGE_DIFFERENCES) && hasKernel(INCIDENCE_TRANSPOSE);
}

/** The plan of each live tensor made by {@link fusedEdgeDifferences} (kernels/configs/backprop fuses the chains that start there). */
const edgeDifferencesOutputs = new WeakMap<tf.Tensor, GraphPlan>();

/** The graph plan when `t` is the result of {@link fusedEdgeDifferences}, else undefined. */
export function edgeDifferencesPlan(t: tf.Tensor): GraphPlan | undefined {
  return edgeDifferencesOutputs.get(t);
}

/** B X through the fused kernel, differentiable (gradient Bᵀ dY). Caller disposes. */
export function fusedEdgeDifferences(x: tf.Tensor2D, graph: PackedEdges | GraphPlan): tf.Tensor2D {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  const y = differentiableEdgeDifferences(x, plan);
  edgeDifferencesOutputs.set(y, plan);
  return y;
}

function differentiableEdgeDifferences(x: tf.Tensor2D, plan: GraphPlan): tf.Tensor2D {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: runKernel(EDGE_DIFFERENCES, { x: args[0] as tf.Tensor }, { plan }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor) => fusedIncidenceTranspose(dy as tf.Tensor2D, plan),
  }));
  return f(x) as tf.Tensor2D;
}

/** Bᵀ Y through the fused kernel, differentiable (gradient B dZ). Caller disposes. */
export function fusedIncidenceTranspose(y: tf.Tensor2D, graph: PackedEdges | GraphPlan): tf.Tensor2D {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: runKernel(INCIDENCE_TRANSPOSE, { y: args[0] as tf.Tensor }, { plan }) as tf.Tensor2D,
    gradFunc: (dz: tf.Tensor) => fusedEdgeDifferences(dz as tf.Tensor2D, plan),
  }));
  return f(y) as tf.Tensor2D;
}
