/**
 * `EmtdSquareGradient` on the wasm backend: the WebAssembly SIMD loop inside tfjs-wasm's memory (kernels/simd/simd-heap) where
 * it is available, else the shared JavaScript loop over the module heap.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { SQUARE_GRADIENT, squareGradientKernel } from "../square-gradient-kernel";
import { heapSimdFor } from "../../simd/simd-heap";

export const squareGradientWasmConfig: KernelConfig = {
  kernelName: SQUARE_GRADIENT,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend }) => {
    const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
    const loops = heapSimdFor(backend);
    if (!loops) return squareGradientKernel(wasmIO(backend), { dy, x });
    const n = x.shape.reduce((a, b) => a * b, 1);
    return wasmIO(backend).run([dy, x], [{ shape: x.shape, dtype: "float32" }], ([d, v], [out]) =>
      loops.squareGrad(n, d!.byteOffset, v!.byteOffset, out!.byteOffset),
    ).outputs[0]!;
  }) as KernelFunc,
};
