/**
 * tfjs's `UnsortedSegmentSum` for the wasm backend, which tfjs-wasm 4.22 does not register: without it the gradient
 * of `tf.gather` (and any energy written with gathers) throws "Kernel 'UnsortedSegmentSum' not registered for
 * backend 'wasm'". out[s] = Σ_{k: ids[k] = s} x[k] in row order, rows of x after the leading ids.shape axes; ids
 * outside [0, numSegments) are dropped (TensorFlow's rule). float32 by the WebAssembly loop inside tfjs-wasm's
 * memory (kernels/simd/simd-heap) where available; the JavaScript loop otherwise and for int32 (float32 sums equal: one
 * rounding per add either way). Registered only where no other implementation is (kernels/configs/register).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { heapSimdFor } from "../../simd/simd-heap";

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export const unsortedSegmentSumWasmConfig: KernelConfig = {
  kernelName: "UnsortedSegmentSum",
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
    const numSegments = (attrs as { numSegments: number }).numSegments;
    const n = size(segmentIds.shape);
    const rest = x.shape.slice(segmentIds.shape.length);
    const S = size(rest);
    const loops = x.dtype === "float32" ? heapSimdFor(backend) : null;
    return wasmIO(backend).run([x, segmentIds], [{ shape: [numSegments, ...rest], dtype: x.dtype }], ([xv, iv], [out]) => {
      out!.fill(0); // wasm outputs are not zeroed
      if (loops) return loops.segmentSum(n, S, iv!.byteOffset, numSegments, xv!.byteOffset, out!.byteOffset);
      const ids = iv as Int32Array;
      for (let k = 0; k < n; k++) {
        const id = ids[k]!;
        if (id < 0 || id >= numSegments) continue;
        for (let c = 0; c < S; c++) out![id * S + c]! += xv![k * S + c]!;
      }
    }).outputs[0]!;
  }) as KernelFunc,
};
