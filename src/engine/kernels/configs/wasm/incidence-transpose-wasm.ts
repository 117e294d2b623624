/**
 * `EmtdIncidenceTranspose` on the wasm backend: the WebAssembly SIMD loop inside tfjs-wasm's memory
 * (kernels/simd/simd-heap) where it is available, else the shared JavaScript loop over the module heap.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { INCIDENCE_TRANSPOSE, type IncidenceAttrs, incidenceTransposeKernel } from "../incidence-kernel";
import { heapSimdFor, residentPairs } from "../../simd/simd-heap";

export const incidenceTransposeWasmConfig: KernelConfig = {
  kernelName: INCIDENCE_TRANSPOSE,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { y } = inputs as { y: TensorInfo };
    const { plan } = attrs as unknown as IncidenceAttrs;
    const loops = y.dtype === "float32" ? heapSimdFor(backend) : null;
    if (!loops) return incidenceTransposeKernel(wasmIO(backend), { y }, { plan });
    const pairs = residentPairs(backend, plan); // before the views: it may grow the heap
    const E = plan.edgeCount;
    const C = y.shape[1]!;
    return wasmIO(backend).run([y], [{ shape: [plan.n, C], dtype: "float32" }], ([yv], [zv]) => {
      zv!.fill(0); // wasm outputs are not zeroed
      if (C === 2) loops.scatter2(E, pairs, yv!.byteOffset, zv!.byteOffset);
      else loops.scatterN(E, C, pairs, yv!.byteOffset, zv!.byteOffset);
    }).outputs[0]!;
  }) as KernelFunc,
};
