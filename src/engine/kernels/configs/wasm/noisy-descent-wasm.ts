/** `EmtdNoisyDescent` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig } from "@tensorflow/tfjs";
import { NOISY_DESCENT, noisyDescentKernel } from "../langevin-kernel";
import { hostKernelConfig } from "../kernel-io";

export const noisyDescentWasmConfig: KernelConfig = hostKernelConfig(NOISY_DESCENT, "wasm", noisyDescentKernel);
