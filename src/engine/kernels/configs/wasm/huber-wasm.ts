/** `EmtdHuberCoupling` on the wasm backend (a JS loop over the module heap). */
import type { KernelConfig } from "@tensorflow/tfjs";
import { HUBER_COUPLING, huberCouplingKernel } from "../huber-kernel";
import { hostKernelConfig } from "../kernel-io";

export const huberCouplingWasmConfig: KernelConfig = hostKernelConfig(HUBER_COUPLING, "wasm", huberCouplingKernel);
