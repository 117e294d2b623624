/**
 * Fused kernel `EmtdEdgeSquareGradient`: z = Bᵀ(g ⊙ 2D), the gradient of Σ_e g_e-weighted ‖x_src − x_dst‖² chains
 * (D = B·X the edge differences [E, C], g [E] or [E, 1] the gradient of the per-edge sum of squares), in one pass:
 * per edge e, v = g_e · (D_e + D_e) rounded to float32 per channel, added at src and subtracted at dst, in edge
 * order. The same float32 operations, in the same order, as tfjs's chain it replaces (kernels/configs/backprop): the Sum
 * gradient's broadcast of g (a copy), the Square gradient dy · 2x (kernels/configs/square-gradient-kernel) and the incidence transpose
 * (kernels/configs/incidence-kernel's scatter), without the two [E, C] temporaries between them. With a scalar `scale` c, the factor
 * of edge e is c · g_e rounded to float32 (the gradients of Σ_e g_e r_e: c broadcast, then dy · g). On wasm, when the
 * differences were deferred (kernels/configs/deferred-tensors), the forward's deferred total over them is formed in the same loop.
 */
import type * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { type KernelIO, wasmIO, hostKernelConfig } from "./kernel-io";
import type { GraphPlan } from "../loops/graph-plan";
import { heapSimdFor, residentPairs } from "../simd/simd-heap";
import { deferredOf, type EdgeTotal, pendingTotals, settleTotal, unitWeights } from "./deferred-tensors";

export const EDGE_SQUARE_GRADIENT = "EmtdEdgeSquareGradient";

export interface EdgeSquareAttrs {
  plan: GraphPlan;
}

/** z[src] += g_e · fround(2 D_e), z[dst] −= the same, per channel, edges in order (z zeroed here). */
export function edgeSquareGradientKernel(
  io: KernelIO,
  inputs: { g: tf.TensorInfo; d: tf.TensorInfo; scale?: tf.TensorInfo },
  attrs: EdgeSquareAttrs,
): tf.TensorInfo {
  const { g, d, scale } = inputs;
  const { src, dst, edgeCount, n } = attrs.plan;
  const C = d.shape[1]!;
  return io.run(scale ? [g, d, scale] : [g, d], [{ shape: [n, C], dtype: "float32" }], ([gv, dv, sv], [out]) => {
    const z = out as Float32Array;
    z.fill(0); // wasm outputs are not zeroed
    const c = sv ? sv[0]! : 1;
    for (let e = 0; e < edgeCount; e++) {
      const [s, t, w] = [src[e]! * C, dst[e]! * C, sv ? Math.fround(c * gv![e]!) : gv![e]!];
      for (let c = 0; c < C; c++) {
        const v = Math.fround(w * Math.fround(dv![e * C + c]! + dv![e * C + c]!));
        z[s + c] = z[s + c]! + v;
        z[t + c] = z[t + c]! - v;
      }
    }
  }).outputs[0]!;
}

export const edgeSquareGradientCpuConfig: KernelConfig = hostKernelConfig(EDGE_SQUARE_GRADIENT, "cpu", edgeSquareGradientKernel);

/** On wasm: the SIMD loop inside tfjs-wasm's memory for two channels (kernels/simd/simd-heap `edgeSquare2`), else the JS loop. */
export const edgeSquareGradientWasmConfig: KernelConfig = {
  kernelName: EDGE_SQUARE_GRADIENT,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { g, d, scale } = inputs as { g: TensorInfo; d: TensorInfo; scale?: TensorInfo };
    const { plan } = attrs as unknown as EdgeSquareAttrs;
    const loops = d.shape[1] === 2 ? heapSimdFor(backend) : null;
    if (!loops) return edgeSquareGradientKernel(wasmIO(backend), { g, d, scale }, { plan });
    const pairs = residentPairs(backend, plan); // before the views: it may grow the heap
    const node = deferredOf(d);
    if (node?.kind === "diff" && node.plan === plan) {
      // The differences were deferred (kernels/configs/deferred-tensors): formed here from the field, never written. The forward's deferred
      // totals over the same differences (with the first one's weights) are formed in the same pass.
      const totals = pendingTotals(node.x, plan);
      const unit = (of: EdgeTotal) => of.kind === "norms" || unitWeights(backend, of.w);
      const first = totals[0]?.of;
      const tw = first === undefined || unit(first) ? null : (first as Extract<EdgeTotal, { kind: "weighted" }>).w;
      const settled = totals.filter(({ of }) => (tw === null ? unit(of) : of.kind === "weighted" && of.w.dataId === tw.dataId));
      // The loop: its factor per edge (c alone for unit weights, c·w_e, or g_e) and the total it forms, if any.
      const factor = scale === undefined ? "edgeSquare" : unitWeights(backend, g) ? "edgeConstSquare" : "edgeScaledSquare";
      const total = settled.length === 0 ? "" : tw === null ? "NormsSum" : "WeightedSum";
      const loop = loops[`${factor}${total}E2`] as (...args: number[]) => number | undefined;
      const inputs = [g, node.x, ...(scale ? [scale] : []), ...(tw ? [tw] : [])];
      const run = wasmIO(backend).run(inputs, [{ shape: [plan.n, 2], dtype: "float32" }], ([gv, xv, ...rest], [zv]) => {
        zv!.fill(0);
        const [sv, twv] = scale ? rest : [undefined, rest[0]];
        const perEdge =
          factor === "edgeConstSquare" ? [sv![0]!] : factor === "edgeScaledSquare" ? [sv![0]!, gv!.byteOffset] : [gv!.byteOffset];
        return loop(plan.edgeCount, pairs, ...perEdge, ...(twv ? [twv.byteOffset] : []), xv!.byteOffset, zv!.byteOffset);
      });
      for (const { dataId } of settled) settleTotal(backend, dataId, run.result!);
      return run.outputs[0]!;
    }
    const inputs2 = scale ? [g, d, scale] : [g, d];
    return wasmIO(backend).run(inputs2, [{ shape: [plan.n, 2], dtype: "float32" }], ([gv, dv, sv], [zv]) => {
      zv!.fill(0);
      if (sv) loops.edgeScaledSquare2(plan.edgeCount, pairs, sv[0]!, gv!.byteOffset, dv!.byteOffset, zv!.byteOffset);
      else loops.edgeSquare2(plan.edgeCount, pairs, gv!.byteOffset, dv!.byteOffset, zv!.byteOffset);
    }).outputs[0]!;
  }) as KernelFunc,
};
