/**
 * WebGPU in Node through Dawn (the npm package `webgpu`), loaded only when it is installed: it is not a dependency
 * of emtd (`npm install` and `npm test` never need a GPU). `npm install webgpu` beside emtd, and a Vulkan driver,
 * make {@link openGpu} return a device; without them it throws a {@link BackendError} saying which is missing.
 *
 * Only the few WebGPU calls the Langevin step uses are typed here (the standard's own types are a dependency we
 * do not take for one module).
 */
import { dirname, join } from "node:path";
import { BackendError } from "../../../errors";
import { packageRoot } from "../../../package";

/* The subset of the WebGPU API used by gpu/langevin.ts (names as in the standard). */
export interface GpuBuffer {
  size: number;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}
export interface GpuComputePass {
  setPipeline(pipeline: unknown): void;
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
  createComputePipeline(d: unknown): unknown;
  createBindGroup(d: unknown): unknown;
  createCommandEncoder(): GpuEncoder;
  destroy(): void;
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

interface DawnModule {
  create(flags: string[]): { requestAdapter(o?: unknown): Promise<DawnAdapter | null> };
  globals: Record<string, unknown>;
}
interface DawnAdapter {
  info?: Partial<GpuInfo>;
  limits: Record<string, number>;
  requestDevice(o?: unknown): Promise<GpuDevice>;
}

/** Path of Dawn's Node addon inside an installed `webgpu` package, or null when the package is not installed. */
export function dawnAddonPath(): string | null {
  try {
    const pkg = require.resolve("webgpu/package.json", { paths: [process.cwd(), packageRoot()] });
    const arch = process.platform === "darwin" ? "universal" : process.arch;
    return join(dirname(pkg), "dist", `${process.platform}-${arch}`, "dawn.node");
  } catch {
    return null;
  }
}

/**
 * Dawn's GPU instances and adapters, held for the life of the process: Dawn's Node addon crashes the process
 * (segmentation fault) when the instance is garbage-collected while a device made from it is still in use.
 */
const keepAlive: unknown[] = [];

/**
 * A WebGPU device on the best adapter (high-performance), with the adapter's largest storage-buffer limits so a
 * field of 10⁸ rows fits one binding. Throws BackendError when the `webgpu` package or a GPU adapter is missing.
 */
export async function openGpu(): Promise<Gpu> {
  const addon = dawnAddonPath();
  if (addon === null) {
    throw new BackendError(
      "emtd/engine/gpu: the GPU path needs the optional package `webgpu` (npm install webgpu), which is not installed",
    );
  }
  const dawn = require(addon) as DawnModule;
  Object.assign(globalThis, dawn.globals);
  const instance = dawn.create([]);
  const adapter = await instance.requestAdapter({ powerPreference: "high-performance" });
  keepAlive.push(instance, adapter);
  if (adapter === null) {
    throw new BackendError("emtd/engine/gpu: `webgpu` is installed but found no GPU adapter (a Vulkan driver is needed on Linux)");
  }
  const wanted = ["maxStorageBufferBindingSize", "maxBufferSize", "maxComputeWorkgroupsPerDimension"];
  const requiredLimits = Object.fromEntries(wanted.map((k) => [k, adapter.limits[k]!]));
  const device = await adapter.requestDevice({ requiredLimits });
  const i = adapter.info ?? {};
  return {
    device,
    info: { vendor: i.vendor ?? "", architecture: i.architecture ?? "", device: i.device ?? "", description: i.description ?? "" },
  };
}
