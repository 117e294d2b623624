/**
 * Every private tfjs internal the engine touches, in one place: the shapes of tfjs-cpu's and tfjs-wasm's backend
 * objects and of the engine's tape as the kernels read them, and the one cast to each. None is tfjs's public API, so
 * a tfjs upgrade may rename or reshape any of them: test/unit/engine/tfjs-hooks.test.ts checks each against the installed tfjs
 * (the property exists and does what the kernels rely on) and fails naming the hook. Written against tfjs 4.22.
 */
import type { DataType, Tensor, TensorContainer, TensorInfo } from "@tensorflow/tfjs";

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
