/**
 * `EmtdLangevinUpdate` on the wasm backend: kernels/langevin over the module heap, the calling thread's share of the
 * ring's chunked step inside that heap (kernels/ring-heap).
 */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "./io";
import { heapRingRows } from "./ring-heap";
import { LANGEVIN_UPDATE, type LangevinAttrs, langevinKernel } from "./langevin";

export const langevinUpdateWasmConfig: KernelConfig = {
  kernelName: LANGEVIN_UPDATE,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    langevinKernel(wasmIO(backend), inputs as never, attrs as unknown as LangevinAttrs, (plan) =>
      heapRingRows(backend, plan),
    )) as KernelFunc,
};
