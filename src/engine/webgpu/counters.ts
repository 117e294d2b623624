/**
 * What the WebGPU backend does, counted where it does it: every compute dispatch tfjs's backend records (its
 * `recordAndSubmit`, the one place a program reaches the GPU), every tensor it uploads (`uploadToGPU` of data that
 * still lives on the CPU) and every tensor read back from the GPU (`read` of data not cached on the CPU). Installed
 * once on the worker's backend (tfjs-worker.ts); the library's thread adds the round trips it waits for
 * (tfjs-bridge.ts). Uniform buffers (a program's shapes and scalars, a few dozen bytes) are not counted: they are
 * the dispatch's arguments, not the field's data.
 */
import { tensorBytes } from "./binding";
import type { GpuCounters } from "./tfjs-protocol";
import { type WebGpuBackendInternals, webgpuInternals } from "../kernels/tfjs/private-hooks";

/**
 * Wrap `backend`'s dispatch, upload and read so that each is counted, and return the live counts (roundTrips stays
 * 0 here: the asking thread counts them). Idempotent per backend.
 */
export function countWebgpuWork(backend: object): Omit<GpuCounters, "roundTrips"> {
  const b = webgpuInternals(backend) as WebGpuBackendInternals & { [COUNTS]?: Omit<GpuCounters, "roundTrips"> };
  if (b[COUNTS] !== undefined) return b[COUNTS];
  const counts = { dispatches: 0, uploadBytes: 0, downloadBytes: 0, boundBytes: 0 };
  b[COUNTS] = counts;
  const record = b.recordAndSubmit.bind(b);
  b.recordAndSubmit = (program, output, inputs, uniforms) => {
    counts.dispatches++;
    for (const t of [output, ...inputs]) counts.boundBytes += tensorBytes(t.shape, t.dtype);
    record(program, output, inputs, uniforms);
  };
  const upload = b.uploadToGPU.bind(b);
  b.uploadToGPU = (dataId) => {
    const data = b.tensorMap.get(dataId);
    if (data !== undefined && data.resource == null && data.values != null) counts.uploadBytes += tensorBytes(data.shape, data.dtype);
    upload(dataId);
  };
  const read = b.read.bind(b);
  b.read = (dataId) => {
    const data = b.tensorMap.get(dataId);
    if (data !== undefined && data.values == null && data.resource != null) counts.downloadBytes += tensorBytes(data.shape, data.dtype);
    return read(dataId);
  };
  return counts;
}

const COUNTS = Symbol("emtd webgpu counts");

/**
 * Count one dispatch the engine records on the device itself (the fused stepper, kernels/configs/webgpu: WebGPU
 * directly, past tfjs's `recordAndSubmit`), binding `boundBytes` of storage, in `backend`'s counts.
 */
export function countDispatch(backend: object, boundBytes: number): void {
  const counts = countWebgpuWork(backend);
  counts.dispatches++;
  counts.boundBytes += boundBytes;
}
