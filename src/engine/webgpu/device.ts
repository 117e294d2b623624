/**
 * WebGPU in Node through Dawn (the optional npm package `webgpu`), loaded only when it is installed: {@link openGpu}
 * returns a device of its own on the adapter adapter.ts chooses (a GPU, else SwiftShader on purpose), for `emtd bench
 * gpu`; without one it throws a typed error saying what is missing. The WebGPU worker's device is tfjs's
 * (tfjs-worker.ts); both run the one WGSL step (kernels/configs/webgpu/fused-stepper.ts).
 *
 * Only the WebGPU calls the engine makes are typed here (the standard's own types are a dependency we do not take for
 * one module): they are the standard's, not tfjs's.
 */
import { chooseAdapter } from "./adapter";

/* The subset of the WebGPU API the engine uses (names as in the standard). */
export interface GpuBuffer {
  size: number;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}
export interface GpuComputePass {
  setPipeline(pipeline: GpuPipeline): void;
  setBindGroup(index: number, group: unknown, offsets?: number[]): void;
  dispatchWorkgroups(x: number, y?: number): void;
  end(): void;
}
export interface GpuEncoder {
  beginComputePass(): GpuComputePass;
  copyBufferToBuffer(from: GpuBuffer, fromOffset: number, to: GpuBuffer, toOffset: number, size: number): void;
  finish(): unknown;
}
export interface GpuDevice {
  limits: Record<string, number>;
  queue: {
    writeBuffer(buffer: GpuBuffer, offset: number, data: ArrayBufferView): void;
    submit(commands: unknown[]): void;
    onSubmittedWorkDone(): Promise<void>;
  };
  createBuffer(d: { size: number; usage: number; mappedAtCreation?: boolean }): GpuBuffer;
  createShaderModule(d: { code: string }): {
    getCompilationInfo?: () => Promise<{ messages: Array<{ type: string; message: string; lineNum: number }> }>;
  };
  createBindGroupLayout(d: unknown): unknown;
  createPipelineLayout(d: unknown): unknown;
  createComputePipeline(d: unknown): GpuPipeline;
  createBindGroup(d: unknown): unknown;
  createCommandEncoder(): GpuEncoder;
  destroy(): void;
}

/** A compute pipeline: its bind group layouts (the layout "auto" derives them from the shader). */
export interface GpuPipeline {
  getBindGroupLayout(index: number): unknown;
}

/** WebGPU's usage and map-mode flags (numeric values fixed by the standard). */
export const BUFFER = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
export const MAP_READ = 0x1;
export const SHADER_STAGE_COMPUTE = 0x4;

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
