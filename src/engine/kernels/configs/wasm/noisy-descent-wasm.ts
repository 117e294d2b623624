/** `EmtdNoisyDescent` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { wasmIO } from "../kernel-io";
import { NOISY_DESCENT, type NoisyDescentAttrs, noisyDescentKernel } from "../langevin-kernel";

export const noisyDescentWasmConfig: KernelConfig = {
  kernelName: NOISY_DESCENT,
  backendName: "wasm",
  kernelFunc: (({ inputs, backend, attrs }) =>
    noisyDescentKernel(wasmIO(backend), inputs as never, attrs as unknown as NoisyDescentAttrs)) as KernelFunc,
};
