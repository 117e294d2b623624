/** `EmtdLangevinUpdate` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "./io";
import { LANGEVIN_UPDATE, type LangevinAttrs, langevinKernel } from "./langevin";

export const langevinUpdateWasmConfig: KernelConfig = {
  kernelName: LANGEVIN_UPDATE,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    langevinKernel(wasmIO(backend), inputs as never, attrs as unknown as LangevinAttrs)) as KernelFunc,
};
