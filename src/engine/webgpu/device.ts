/**
 * WebGPU in Node through Dawn (the optional npm package `webgpu`), loaded only when it is installed: {@link openGpu}
 * returns a device of its own on the adapter adapter.ts chooses (a GPU, else SwiftShader on purpose), for `emtd bench
 * gpu`; without one it throws a typed error saying what is missing. The WebGPU worker's device is tfjs's
 * (tfjs-worker.ts); both run the one WGSL step (kernels/configs/webgpu/fused-stepper.ts).
 * The WebGPU calls the engine makes are typed in engine/webgpu-api.ts (the standard's, not tfjs's).
 */
import { chooseAdapter } from "./adapter";
import type { GpuDevice } from "../webgpu-api";

/** The adapter in words (vendor, architecture, device, description), as Dawn reports it. */
export interface GpuInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface Gpu {
  device: GpuDevice;
  info: GpuInfo;
}

/**
 * A WebGPU device on the best adapter (high-performance), with the adapter's largest storage-buffer limits so a
 * field of 10⁸ rows fits one binding. Throws BackendError when the `webgpu` package or a GPU adapter is missing.
 */
export async function openGpu(): Promise<Gpu> {
  const { adapter } = await chooseAdapter("emtd/engine/gpu");
  const wanted = ["maxStorageBufferBindingSize", "maxBufferSize", "maxComputeWorkgroupsPerDimension"];
  const requiredLimits = Object.fromEntries(wanted.map((k) => [k, adapter.limits[k]!]));
  const device = (await adapter.requestDevice({ requiredLimits })) as GpuDevice;
  const i = adapter.info ?? {};
  return {
    device,
    info: { vendor: i.vendor ?? "", architecture: i.architecture ?? "", device: i.device ?? "", description: i.description ?? "" },
  };
}
