/** `EmtdBroadcast` on the wasm backend. */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "./io";
import { BROADCAST, type BroadcastAttrs, broadcastKernel } from "./broadcast";

export const broadcastWasmConfig: KernelConfig = {
  kernelName: BROADCAST,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    broadcastKernel(wasmIO(backend), inputs as never, attrs as unknown as BroadcastAttrs)) as KernelFunc,
};
