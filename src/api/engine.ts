// The engine: backends, explicit random keys, memory budgets, typed errors (the fused kernels: `emtd/engine`).
export * as tf from "@tensorflow/tfjs";
export {
  EmtdError,
  ArgumentError,
  BackendError,
  ResourceError,
  StorageError,
  NumericalError,
  DivergenceError,
  WorkerTimeoutError,
  GpuFaultError,
  type NumericalFault,
} from "../errors";
export { AdapterError, type AdapterRefusal } from "../engine/webgpu/adapter";
export { ready, availableBackends, currentBackend, tensorBackend, WASM_TENSOR_HEAP, BACKENDS, type BackendName } from "../engine/backend";
export { key, fold, split, seedOf, uniformSource, normal, uniform, checkKey, type Key, type UniformSource } from "../engine/random";
export { checkFits, graphBytes, memoryLimit, availableMemory } from "../engine/budget";
