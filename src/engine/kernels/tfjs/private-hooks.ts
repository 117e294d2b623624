/**
 * Every private tfjs internal the engine touches, in one place: the shapes of tfjs-cpu's, tfjs-wasm's and
 * tfjs-backend-webgpu's backend objects (and the WebGPU device and program) and of the engine's tape as the kernels
 * and the WebGPU worker read them, and the one cast to each. None is tfjs's public API, so
 * a tfjs upgrade may rename or reshape any of them: test/unit/engine/tfjs-hooks.test.ts checks each against the installed tfjs
 * (the property exists and does what the kernels rely on) and fails naming the hook. Written against tfjs 4.22.
 */
import type { DataType, Tensor, TensorContainer, TensorInfo } from "@tensorflow/tfjs";
import type { GpuBuffer, GpuDevice } from "../../webgpu-api";

export type BackendValues = Float32Array | Int32Array | Uint8Array;

/** tfjs-cpu's backend: each tensor's values in a JS typed array; a new array adopted as an output without a copy. */
export interface CpuBackendInternals {
  /** Hook `cpu.data.get`: the record of a dataId, its `values` the tensor's typed array. */
  data: { get(dataId: object): { values: BackendValues } };
  /** Hook `cpu.makeTensorInfo`: a tensor over `values`, adopted as they are. */
  makeTensorInfo(shape: number[], dtype: DataType, values: BackendValues): TensorInfo;
}

/** tfjs-wasm's Emscripten module: its heap, malloc and free, and the instance's memory (named by Emscripten's version). */
export interface WasmModuleInternals {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  asm?: { memory?: object };
  wasmExports?: { memory?: object };
}

/** A tensor's record in tfjs-wasm's storage. */
export interface WasmEntry {
  /** Byte offset of the tensor's values in the module's heap. */
  memoryOffset: number;
  refCount: number;
}

/** tfjs-wasm's backend: tensors live in the module's heap, found through the storage map by dataId. */
export interface WasmBackendInternals {
  /** Hook `wasm.wasm`: the Emscripten module. */
  wasm: WasmModuleInternals;
  /** Hook `wasm.dataIdMap.get`: a tensor's record (deferred-tensors routes it, computing a deferred tensor first). */
  dataIdMap: { get(dataId: object): WasmEntry };
  /** Hooks `wasm.incRef`, `wasm.refCount`, `wasm.disposeData`: the reference counts and freeing. */
  incRef(dataId: object): void;
  refCount(dataId: object): number;
  disposeData(dataId: object, force?: boolean): boolean;
  /** Hook `wasm.makeOutput`: a new tensor on the heap (may grow the heap, detaching earlier views). */
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** Hook `wasm.typedArrayFromHeap`: a view of a tensor's values on the heap. */
  typedArrayFromHeap(info: TensorInfo): BackendValues;
}

/** A node of the engine's gradient tape, as tfjs-core's tape.ts records it. */
export interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, Tensor>;
  outputs: Tensor[];
  gradient?: (dys: Array<Tensor | null>) => Record<string, () => Tensor>;
  saved?: Tensor[];
}

/** tfjs's engine as the fused backprop reads it (hooks `engine.startTape`, `endTape`, `scopedRun`, `state.activeTape`). */
export interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T extends TensorContainer>(nameOrFn: string | (() => T), fn?: () => T): T;
}

/** The cpu backend handed to a kernel, as its internals. */
export function cpuInternals(backend: unknown): CpuBackendInternals {
  return backend as CpuBackendInternals;
}

/** The wasm backend handed to a kernel, as its internals. */
export function wasmInternals(backend: unknown): WasmBackendInternals {
  return backend as WasmBackendInternals;
}

/** The Emscripten module of a backend, or undefined when it is not tfjs-wasm's. */
export function wasmModuleOf(backend: unknown): WasmModuleInternals | undefined {
  return (backend as Partial<WasmBackendInternals> | null)?.wasm;
}

/** tfjs's engine, its internals possibly missing (the fused backprop then falls back to tf.valueAndGrad). */
export function engineInternals(engine: unknown): Partial<EngineInternals> {
  return engine as Partial<EngineInternals>;
}

/**
 * tfjs-backend-webgpu's WebGPUProgram as the engine's WGSL programs fill it in (configs/webgpu): tfjs writes the
 * bindings, the shape uniforms and the `main(index)` entry, each program adds its body. (The package is optional:
 * no type import.)
 */
export interface WebGpuProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number];
  size: boolean;
  uniforms: string;
  getUserCode(): string;
}

/** A GPU tensor's record in tfjs-backend-webgpu's `tensorMap`: its values while on the CPU, its buffer once on the GPU. */
export interface WebGpuTensorData {
  values: unknown;
  resource: unknown;
  shape: number[];
  dtype: string;
}

/** A tensor as tfjs-backend-webgpu's `recordAndSubmit` receives its output and inputs. */
export interface WebGpuTensorLike {
  dataId: object;
  shape: number[];
  dtype: string;
}

/** A WebGPU error as the device's error scopes and uncaptured-error event give it. */
export interface WebGpuDeviceError {
  message: string;
  constructor: { name: string };
}

/**
 * The GPUDevice as the worker and the fused stepper use it: the standard's calls (device.ts types them), its limits,
 * the error scopes and the lost promise, and (tests) a fault. The device is WebGPU's; reaching it is tfjs's hook.
 */
export interface WebGpuDeviceInternals extends Omit<GpuDevice, "limits" | "destroy" | "createBuffer"> {
  limits: Record<string, number>;
  pushErrorScope(filter: string): void;
  popErrorScope(): Promise<WebGpuDeviceError | null>;
  onuncapturederror: ((event: { error: WebGpuDeviceError }) => void) | null;
  lost: Promise<{ reason: string; message: string }>;
  /** A buffer (the stepper's uniforms; tests: an invalid one, a validation error). */
  createBuffer(descriptor: { size: number; usage: number; mappedAtCreation?: boolean }): GpuBuffer;
  /** Tests only (a lost device). */
  destroy(): void;
}

/**
 * tfjs-backend-webgpu's WebGPUBackend beyond tfjs's KernelBackend: the hooks the WGSL kernels run programs through
 * (`runWebGPUProgram`, `makeTensorInfo`, `disposeData`), the ones the worker wraps to count and guard every dispatch,
 * upload and read (`recordAndSubmit`, `uploadToGPU`, `read`, `tensorMap`), and its `device`.
 */
export interface WebGpuBackendInternals {
  /** Hook `webgpu.runWebGPUProgram`: a program run on `inputs`, its output a new GPU tensor (or `output`, written in place). */
  runWebGPUProgram(
    program: WebGpuProgram,
    inputs: TensorInfo[],
    dtype: DataType,
    uniforms?: Array<{ type: string; data: number[] }>,
    output?: TensorInfo,
  ): TensorInfo;
  /** Hook `webgpu.makeTensorInfo`: a tensor of `values` (uploaded when a program first reads it). */
  makeTensorInfo(shape: number[], dtype: DataType, values?: Int32Array | Float32Array): TensorInfo;
  /** Hook `webgpu.disposeData`: a tensor released (its buffer back to the pool once the GPU is done with it). */
  disposeData(dataId: object, force?: boolean): boolean;
  /** Hook `webgpu.recordAndSubmit`: the one place a program reaches the GPU (each dispatch). */
  recordAndSubmit(program: unknown, output: WebGpuTensorLike, inputs: WebGpuTensorLike[], uniforms?: unknown): void;
  /** Hook `webgpu.uploadToGPU`: a tensor's CPU values copied to a GPU buffer (nothing when already there). */
  uploadToGPU(dataId: object): void;
  /** Hook `webgpu.read`: a tensor's values read back (from the CPU copy when one is cached). */
  read(dataId: object): Promise<unknown>;
  /** Hook `webgpu.tensorMap.get`: a tensor's record. */
  tensorMap: { get(dataId: object): WebGpuTensorData | undefined };
  /** Hook `webgpu.device`: the GPUDevice the backend runs on. */
  device: WebGpuDeviceInternals;
  /** Hook `webgpu.commandEncoder`: the encoder tfjs records its dispatches into until it submits (null when none is open). */
  commandEncoder: unknown;
  /** Hook `webgpu.endComputePassEncoder`: end tfjs's open compute pass, if any. */
  endComputePassEncoder(): void;
  /** Hook `webgpu.submitQueue`: submit tfjs's encoder (it must be open) and free what waited for it. */
  submitQueue(): void;
}

/**
 * The GPU buffer of a tensor of the webgpu backend, uploaded first when its values are still on the CPU (hooks
 * `webgpu.uploadToGPU`, `webgpu.tensorMap.get(dataId).resource`): the fused stepper binds it directly.
 */
export function webgpuTensorBuffer(backend: WebGpuBackendInternals, dataId: object): GpuBuffer {
  backend.uploadToGPU(dataId);
  return backend.tensorMap.get(dataId)!.resource as GpuBuffer;
}

/**
 * Submit what tfjs's WebGPU backend has recorded but not yet submitted (hooks `webgpu.commandEncoder`,
 * `endComputePassEncoder`, `submitQueue`), so that work encoded after it by the engine runs after it.
 */
export function submitWebgpuQueue(backend: WebGpuBackendInternals): void {
  if (backend.commandEncoder === null || backend.commandEncoder === undefined) return;
  backend.endComputePassEncoder();
  backend.submitQueue();
}

/** The webgpu backend (handed to a kernel, or tfjs's active one in the WebGPU worker), as its internals. */
export function webgpuInternals(backend: unknown): WebGpuBackendInternals {
  return backend as WebGpuBackendInternals;
}
