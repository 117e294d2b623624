/** `EmtdIsingSweep` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig } from "@tensorflow/tfjs";
import { ISING_SWEEP, isingKernel } from "../ising-kernel";
import { hostKernelConfig } from "../kernel-io";

export const isingSweepWasmConfig: KernelConfig = hostKernelConfig(ISING_SWEEP, "wasm", isingKernel);
