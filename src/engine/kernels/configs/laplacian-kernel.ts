/**
 * Fused kernel `EmtdLaplacianProduct`: Y = s·L X for the weighted graph Laplacian L = D − A in CSR, one pass over
 * the adjacency, X and Y [N, C] float32. Its gradient is s·L dY (L is symmetric), written with the same op. The
 * front end with its composite reference (sparseSegmentSum) is ops/laplacian (`laplacianProduct`), which picks
 * this kernel when it is registered for the active backend.
 */
import * as tf from "@tensorflow/tfjs";
import type { PackedEdges } from "../../edges";
import { hasKernel, runKernel } from "./dispatch";
import { laplacianRows } from "../loops/row-loops";
import type { KernelIO } from "./kernel-io";
import { type GraphPlan, planFor } from "../loops/graph-plan";
import { parallelRows } from "../threads/pool";
import { JOB_LAPLACIAN } from "../threads/loop-jobs";
import { ringLaplacian2, ringLaplacianApplies } from "../stencils/ring-stencil";
import { torusLaplacian2, torusStencilApplies } from "../stencils/torus-stencil";
import { simdApplies } from "../simd/simd-module";
import { simdLaplacian2 } from "../simd/simd-rows";
import { simdLaplacianWide } from "../simd/simd-wide";

export const LAPLACIAN_PRODUCT = "EmtdLaplacianProduct";

export interface LaplacianAttrs {
  plan: GraphPlan;
  scale: number;
}

/** The kernel body shared by the cpu and wasm configs. */
export function laplacianKernel(io: KernelIO, inputs: { x: tf.TensorInfo }, attrs: LaplacianAttrs): tf.TensorInfo {
  const { x } = inputs;
  const { plan, scale } = attrs;
  const channels = x.shape[1]!;
  return io.run([x], [{ shape: x.shape, dtype: "float32" }], ([xs], [out]) => {
    // A structured ring lattice: the stencil, no index arrays (kernels/stencils/ring-stencil).
    if (ringLaplacianApplies(plan, channels)) return void ringLaplacian2(plan, xs as Float32Array, out as Float32Array, scale, false);
    // The same for a large structured torus (kernels/stencils/torus-stencil).
    if (torusStencilApplies(plan, channels)) return torusLaplacian2(plan, xs as Float32Array, out as Float32Array, scale);
    // Unit weights, d = 2: the SIMD module on every thread (simd-rows.ts); other widths on one thread there
    // (simd-wide.ts); else the JavaScript loop.
    if (simdApplies(plan, channels)) return simdLaplacian2(plan, xs as Float32Array, out as Float32Array, scale);
    if (simdLaplacianWide(plan, xs as Float32Array, out as Float32Array, channels, scale)) return;
    parallelRows({ kind: JOB_LAPLACIAN, plan, channels, a: scale }, xs as Float32Array, out as Float32Array, (r0, r1, xv, ov) => {
      laplacianRows(plan, xv, channels, ov, r0, r1, scale);
      return 0;
    });
  }).outputs[0]!;
}

/** True when the fused L·X can run on the active backend for this field. */
export function canFuseLaplacian(x: tf.Tensor): boolean {
  return x.dtype === "float32" && hasKernel(LAPLACIAN_PRODUCT);
}

/** s·L X through the fused kernel (the kernel must be registered), differentiable. Caller disposes. */
export function fusedLaplacianProduct(x: tf.Tensor2D, graph: PackedEdges | GraphPlan, scale = 1): tf.Tensor2D {
  const plan = "rowPtr" in graph ? graph : planFor(graph);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: runKernel(LAPLACIAN_PRODUCT, { x: args[0] as tf.Tensor }, { plan, scale }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor) => fusedLaplacianProduct(dy as tf.Tensor2D, plan, scale),
  }));
  return f(x) as tf.Tensor2D;
}
