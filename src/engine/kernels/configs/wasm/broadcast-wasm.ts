/**
 * `EmtdBroadcast` on the wasm backend: rows [R, 1] → [R, C] of 4-byte values by the WebAssembly SIMD loop inside
 * tfjs-wasm's memory (kernels/simd/simd-heap) where it is available; every other case by the shared JavaScript loops.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { BROADCAST, type BroadcastAttrs, broadcastKernel, broadcastRuns } from "../broadcast-kernel";
import { heapSimdFor } from "../../simd/simd-heap";

export const broadcastWasmConfig: KernelConfig = {
  kernelName: BROADCAST,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    const { shape } = attrs as unknown as BroadcastAttrs;
    const { sizes, broadcast } = broadcastRuns(x.shape, shape);
    const rows = sizes.length === 2 && !broadcast[0] && x.dtype !== "bool";
    const loops = rows ? heapSimdFor(backend) : null;
    if (!loops) return broadcastKernel(wasmIO(backend), { x }, { shape });
    const [R, C] = sizes as [number, number];
    return wasmIO(backend).run([x], [{ shape, dtype: x.dtype }], ([xv], [out]) => {
      if (C === 2) loops.rows2(R, xv!.byteOffset, out!.byteOffset);
      else loops.rowsN(R, C, xv!.byteOffset, out!.byteOffset);
    }).outputs[0]!;
  }) as KernelFunc,
};
