/**
 * `EmtdEdgeDifferences` on the wasm backend: the WebAssembly SIMD loop inside tfjs-wasm's memory
 * (kernels/simd/simd-heap) where it is available, else the shared JavaScript loop over the module heap; deferred (kernels/configs/deferred-tensors) in
 * the forward pass of a pair term.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { EDGE_DIFFERENCES, type IncidenceAttrs, edgeDifferencesKernel } from "../incidence-kernel";
import { heapSimdFor, residentPairs } from "../../simd/simd-heap";
import { defer, deferralLoops } from "../deferred-tensors";

export const edgeDifferencesWasmConfig: KernelConfig = {
  kernelName: EDGE_DIFFERENCES,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    const { plan } = attrs as unknown as IncidenceAttrs;
    const C = x.shape[1]!;
    // In the forward pass of a pair term (kernels/configs/deferred-tensors): written only if something reads them.
    if (C === 2 && deferralLoops(backend, [x])) return defer(backend, [plan.edgeCount, 2], { kind: "diff", x, plan });
    const loops = x.dtype === "float32" ? heapSimdFor(backend) : null;
    if (!loops) return edgeDifferencesKernel(wasmIO(backend), { x }, { plan });
    const pairs = residentPairs(backend, plan); // before the views: it may grow the heap
    const E = plan.edgeCount;
    return wasmIO(backend).run([x], [{ shape: [E, C], dtype: "float32" }], ([xv], [yv]) => {
      if (C === 2) loops.diff2(E, pairs, xv!.byteOffset, yv!.byteOffset);
      else loops.diffN(E, C, pairs, xv!.byteOffset, yv!.byteOffset);
    }).outputs[0]!;
  }) as KernelFunc,
};
