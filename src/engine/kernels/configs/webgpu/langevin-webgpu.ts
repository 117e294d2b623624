/**
 * `EmtdLangevinUpdate`, `EmtdNoisyDescent` and `EmtdLaplacianProduct` on tfjs's WebGPU backend (registered in the
 * WebGPU worker, engine/webgpu/tfjs-worker.ts): one program pass each (graph-program.ts). Their noise is Philox
 * keyed by the same key as the CPU path's xoshiro streams: equal in law, not bit for bit.
 */
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { LANGEVIN_UPDATE, NOISY_DESCENT } from "../langevin-kernel";
import { LAPLACIAN_PRODUCT } from "../laplacian-kernel";
import type { WirePlan } from "./graph-wire";
import { graphStep } from "./graph-webgpu";
import { webgpuInternals } from "../../tfjs/private-hooks";

/** X' = X − drift·L X + σ·ξ. */
export const langevinUpdateWebgpuConfig: KernelConfig = {
  kernelName: LANGEVIN_UPDATE,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { plan, drift, sigma, key0, key1 } = attrs as unknown as {
      plan: WirePlan;
      drift: number;
      sigma: number;
      key0: number;
      key1: number;
    };
    return graphStep(webgpuInternals(backend), inputs.x!, { plan }, { a: 1, b: -drift, sigma, key0, key1 });
  }) as KernelFunc,
};

/** X' = X − step·G + σ·ξ. */
export const noisyDescentWebgpuConfig: KernelConfig = {
  kernelName: NOISY_DESCENT,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { step, sigma, key0, key1 } = attrs as unknown as { step: number; sigma: number; key0: number; key1: number };
    return graphStep(webgpuInternals(backend), inputs.x!, { gradient: inputs.g! }, { a: 1, b: -step, sigma, key0, key1 });
  }) as KernelFunc,
};

/** scale·L X (the gradients of the two kernels above go through it). */
export const laplacianProductWebgpuConfig: KernelConfig = {
  kernelName: LAPLACIAN_PRODUCT,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { plan, scale } = attrs as unknown as { plan: WirePlan; scale: number };
    return graphStep(webgpuInternals(backend), inputs.x!, { plan }, { a: 0, b: scale, sigma: 0, key0: 0, key1: 0 });
  }) as KernelFunc,
};
