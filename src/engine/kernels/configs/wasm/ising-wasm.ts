/** `EmtdIsingSweep` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { ISING_SWEEP, type IsingAttrs, isingKernel } from "../ising-kernel";

export const isingSweepWasmConfig: KernelConfig = {
  kernelName: ISING_SWEEP,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) => isingKernel(wasmIO(backend), inputs as never, attrs as unknown as IsingAttrs)) as KernelFunc,
};
