/**
 * The subset of the WebGPU API the engine calls, typed here (the standard's own types are a dependency we do not
 * take for a few modules): the standard's names and flags, not tfjs's. The kernels stand on it (the fused steppers of
 * kernels/configs/webgpu, the shapes of tfjs's WebGPU backend in kernels/tfjs/private-hooks) as the WebGPU host does
 * (webgpu/device.ts opens a device, webgpu/tfjs-worker.ts runs tfjs's), so it sits below them all, beside edges.ts.
 */
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
