/**
 * `EmtdLangevinUpdate` on the wasm backend: kernels/configs/langevin-kernel over the module heap, the calling thread's share of the
 * ring's chunked step inside that heap (kernels/stencils/ring-heap).
 */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { heapRingRows } from "../../stencils/ring-heap";
import { LANGEVIN_UPDATE, type LangevinAttrs, langevinKernel } from "../langevin-kernel";

export const langevinUpdateWasmConfig: KernelConfig = {
  kernelName: LANGEVIN_UPDATE,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    langevinKernel(wasmIO(backend), inputs as never, attrs as unknown as LangevinAttrs, (plan) =>
      heapRingRows(backend, plan),
    )) as KernelFunc,
};
