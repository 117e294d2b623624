/**
 * The largest tensor the `webgpu` backend may bind in one storage buffer, and the guard that refuses a dispatch past
 * it. The device's `maxStorageBufferBindingSize` is the limit, or a lower cap from `EMTD_WEBGPU_MAX_BINDING_BYTES`
 * (for tests: a small field then stands for one past a real device's limit). Past the limit WebGPU rejects the
 * dispatch and the run would read zeros; the guard stops it before, naming the tensor's size and the limit. The
 * fused steps bind a larger field in blocks under it (kernels/configs/webgpu/fused-stepper.ts). All threads use it:
 * the library's for the commands' checks before any work (engine/backend.ts `checkGpuFits`), the WebGPU worker's at
 * every tfjs dispatch (tfjs-worker.ts) and for the fused steps' blocks, so no entry that allocates a field escapes it.
 */
import { BackendError } from "../../errors";

/** Bytes of a tensor as the GPU stores it: 4 per entry (float32, int32, bool), 8 per complex64 entry. */
export function tensorBytes(shape: readonly number[], dtype: string): number {
  const entries = shape.reduce((a, b) => a * b, 1);
  return entries * (dtype === "complex64" ? 8 : 4);
}

/** The limit in bytes and where it comes from (in words). */
export interface BindingLimit {
  bytes: number;
  source: string;
}

/**
 * The binding limit on a device of `deviceBytes` named `adapter`: the device's, or the lower cap of
 * `EMTD_WEBGPU_MAX_BINDING_BYTES` (read now). A bad value of the variable is a BackendError.
 */
export function bindingLimit(deviceBytes: number, adapter: string): BindingLimit {
  const device = { bytes: deviceBytes, source: `maxStorageBufferBindingSize of ${adapter}` };
  const text = process.env.EMTD_WEBGPU_MAX_BINDING_BYTES ?? "";
  if (text === "") return device;
  const cap = Number(text);
  if (!Number.isSafeInteger(cap) || cap < 4)
    throw new BackendError(`emtd/engine (webgpu): EMTD_WEBGPU_MAX_BINDING_BYTES must be an integer ≥ 4 (got ${JSON.stringify(text)})`);
  return cap < device.bytes ? { bytes: cap, source: "EMTD_WEBGPU_MAX_BINDING_BYTES" } : device;
}

/** A dispatch refused by the guard: the tensor's shape and bytes, and the limit (the library's thread makes it a ResourceError). */
export interface BindingRefusal {
  shape: number[];
  bytes: number;
  limit: number;
  source: string;
}

/** The worker's error for a refused dispatch; `refusal` crosses to the library's thread in the reply. */
export class BindingRefused extends Error {
  constructor(readonly refusal: BindingRefusal) {
    super(
      `a tensor of shape [${refusal.shape}] (${refusal.bytes} bytes) is above the GPU's binding limit ${refusal.limit} (${refusal.source})`,
    );
  }
}

/** The refusal for the first of `tensors` above `limit`, or null when all fit. */
export function refusalOf(tensors: ReadonlyArray<{ shape: number[]; dtype: string }>, limit: BindingLimit): BindingRefusal | null {
  for (const t of tensors) {
    const bytes = tensorBytes(t.shape, t.dtype);
    if (bytes > limit.bytes) return { shape: t.shape.slice(), bytes, limit: limit.bytes, source: limit.source };
  }
  return null;
}
