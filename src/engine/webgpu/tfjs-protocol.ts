/**
 * The messages between the library's thread and the WebGPU worker (gpu/tfjs-worker.ts), which owns tfjs's WebGPU
 * backend. Tensors are named by numbers; every request but `dispose`, `incRef`, `releasePlan`, `fault` and a posted
 * kernel (one with `outputs`) is answered, and the asking thread waits for the answer in `Atomics.wait`
 * (gpu/tfjs-bridge.ts says why).
 */

import type { BindingRefusal } from "./binding";

/** The faults a test can ask the worker for. */
export type FaultKind = "validation" | "lost" | "exit" | "throw";

/** A tensor as the two threads name it: the worker's number for its data, with shape and dtype. */
export interface TensorRef {
  id: number;
  shape: number[];
  dtype: string;
}

/** A kernel's inputs: named, or a list (Concat, AddN, Pack); an optional input may be absent (null). */
export type KernelInputs = Record<string, TensorRef | null> | Array<TensorRef | null>;

export type Request =
  /**
   * A kernel run; with `outputs`, posted without waiting for the answer (not answered): its outputs are to be named
   * by these numbers (the asking thread's, negative), and a failure is the answer to the next request that waits.
   */
  | { op: "kernel"; name: string; inputs: KernelInputs; attrs: Record<string, unknown>; outputs?: TensorRef[] }
  | { op: "write"; values: unknown; shape: number[]; dtype: string }
  | { op: "read"; id: number }
  | { op: "dispose"; id: number; force: boolean }
  | { op: "incRef"; id: number }
  /** Free what the worker holds for a graph plan's id (its CSR on the GPU); not answered. */
  | { op: "releasePlan"; id: number }
  /** Tests only: make the GPU fail as named (a validation error, a lost device, the worker exiting or throwing); not answered. */
  | { op: "fault"; kind: FaultKind }
  | { op: "memory" }
  | { op: "numDataIds" }
  /** The worker's counts of its GPU work so far (counters.ts), without the round trips. */
  | { op: "counters" };

/**
 * An answer: `value` on success, `error` (the worker's message) on failure; `fault` when the failure is the GPU's
 * (a WebGPU error or a lost device: every later request is refused with the same message); `refused` when a dispatch
 * would have bound a tensor past the binding limit (binding.ts), refused before it ran; `resource` when a fused step
 * refused a field its blocks cannot run (a ResourceError, before any of its work).
 */
export type Reply =
  | { value: unknown; error?: undefined }
  | { error: string; fault?: boolean; refused?: BindingRefusal; resource?: ResourceRefusal; value?: undefined };

/** A ResourceError of the worker (a fused step's blocks past the device's limits), its fields to rebuild it here. */
export interface ResourceRefusal {
  where: string;
  what: string;
  bytes: number;
  limit: number;
  source: string;
}

/**
 * The GPU work of a run, counted by the backend (engine/webgpu/counters.ts): compute dispatches, synchronous round
 * trips of the library's thread to the WebGPU worker (each write, each read and each kernel whose outputs are not known
 * in advance waits for its answer; a kernel whose outputs are, configs/webgpu/posted.ts, is posted without waiting), bytes uploaded to the GPU and read back from it, and bytes bound by the dispatches (every input and output
 * tensor of each, summed: the traffic a dispatch may cause).
 */
export interface GpuCounters {
  dispatches: number;
  roundTrips: number;
  uploadBytes: number;
  downloadBytes: number;
  boundBytes: number;
}

/** What the worker reports once it is ready: the adapter in words, whether it is software, the kernels it has. */
export interface Hello {
  adapter: string;
  software: boolean;
  kernels: string[];
  /** Set instead of the rest when no adapter could be had: the one-line reason. */
  error?: string;
  /** With `error`, when the adapter was refused: why (adapter.ts's AdapterRefusal), so the error keeps its type. */
  refusal?: string;
  /** The device's largest storage binding in bytes (`maxStorageBufferBindingSize`): the largest tensor it can bind. */
  maxBindingBytes?: number;
  /** The device's largest buffer in bytes (`maxBufferSize`): the largest tensor it can hold (bound in blocks). */
  maxBufferBytes?: number;
  /** The device's `maxStorageBuffersPerShaderStage`: tfjs splits a Concat of more inputs into a tree of dispatches. */
  storageBuffersPerStage?: number;
}

/** Index of the flag word the worker raises after posting an answer (Int32Array over a SharedArrayBuffer). */
export const ANSWERED = 0;
/** Index of the word the worker sets, as it exits, to its exit code + 1 (so 0 means alive); it then raises ANSWERED's waiters. */
export const EXITED = 1;
/** Index of the worker's heartbeat, a counter it raises every {@link HEARTBEAT_MS} while its event loop turns. */
export const HEARTBEAT = 2;
/** Words of the shared flag array. */
export const FLAG_WORDS = 3;
/** How often the worker's heartbeat beats. */
export const HEARTBEAT_MS = 250;
