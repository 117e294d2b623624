/**
 * The WebGPU worker: tfjs's WebGPU backend on Dawn, in a thread of its own, doing what the library's thread asks
 * (gpu/tfjs-protocol.ts). It chooses the adapter (gpu/adapter.ts), then answers each request: a kernel run on its
 * backend, data written, read back or released. The library's thread waits for each answer (gpu/tfjs-bridge.ts).
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type * as tfTypes from "@tensorflow/tfjs";
import { AdapterError, chooseAdapter, INSTALL_WEBGPU } from "./adapter";
import { ResourceError } from "../../errors";
import { countDispatch, countWebgpuWork } from "./counters";
import { bindingLimit, BindingRefused, refusalOf, type BindingLimit } from "./binding";
import { type WebGpuDeviceInternals, webgpuInternals } from "../kernels/tfjs/private-hooks";
import type { GpuBuffer } from "../webgpu-api";
import {
  ANSWERED,
  EXITED,
  HEARTBEAT,
  HEARTBEAT_MS,
  type Hello,
  type KernelInputs,
  type Reply,
  type Request,
  type TensorRef,
} from "./tfjs-protocol";

interface Shared {
  shared: SharedArrayBuffer;
  requests: MessagePort;
  replies: MessagePort;
}

type DataId = object;

/**
 * Inputs that tfjs's WebGPU kernels read synchronously (to size their output), which only works once the values are
 * cached on the CPU: the worker reads them first, asynchronously. (Its other synchronous reads happen only for
 * inputs already on the CPU, or in kernels the library does not use: strings, non-max suppression.)
 */
const READ_FIRST: Record<string, string[]> = {
  SparseSegmentSum: ["segmentIds"],
  SparseSegmentMean: ["segmentIds"],
};

async function main(): Promise<void> {
  const { shared, requests, replies } = workerData as Shared;
  const flag = new Int32Array(shared);
  // The asking thread waits in Atomics.wait and hears no events: it learns of this thread's end from the flags. An
  // exit (process.exit, an uncaught exception) says so at once; a thread killed without running its exit handlers
  // (Worker.terminate, out of memory) stops its heartbeat.
  process.on("exit", (code) => {
    Atomics.store(flag, EXITED, code + 1);
    Atomics.store(flag, ANSWERED, 1);
    Atomics.notify(flag, ANSWERED);
  });
  setInterval(() => Atomics.add(flag, HEARTBEAT, 1), HEARTBEAT_MS).unref();
  let choice;
  try {
    choice = await chooseAdapter("emtd/engine (webgpu)");
  } catch (e) {
    const refusal = e instanceof AdapterError ? e.reason : undefined;
    parentPort!.postMessage({ adapter: "", software: false, kernels: [], error: (e as Error).message, refusal } satisfies Hello);
    return;
  }
  // tfjs's WebGPU backend registers itself at load only where `navigator.gpu` exists, and asks it for the adapter.
  Object.defineProperty(globalThis, "navigator", { value: { gpu: choice.gpu }, configurable: true, writable: true });
  const tf = require("@tensorflow/tfjs") as typeof tfTypes;
  try {
    require("@tensorflow/tfjs-backend-webgpu");
  } catch {
    const error = `emtd/engine (webgpu): the optional package @tensorflow/tfjs-backend-webgpu is not installed (${INSTALL_WEBGPU})`;
    parentPort!.postMessage({ adapter: choice.description, software: choice.software, kernels: [], error } satisfies Hello);
    return;
  }
  tf.env().set("PROD", true);
  // The library's fused kernels as WGSL programs (kernels/configs/webgpu), loaded once the backend is: they run on it.
  const { WEBGPU_KERNEL_CONFIGS } =
    require("../kernels/configs/webgpu/webgpu-configs") as typeof import("../kernels/configs/webgpu/webgpu-configs");
  const { releaseUploadedPlan } =
    require("../kernels/configs/webgpu/graph-webgpu") as typeof import("../kernels/configs/webgpu/graph-webgpu");
  for (const config of WEBGPU_KERNEL_CONFIGS) if (tf.getKernel(config.kernelName, "webgpu") === undefined) tf.registerKernel(config);
  // tfjs's Sum and Mean over one axis of a 2-D float32 tensor, barrier-free (its reduce program is slow on SwiftShader).
  const { installWebgpuReduceOverrides } =
    require("../kernels/configs/webgpu/reduce-overrides") as typeof import("../kernels/configs/webgpu/reduce-overrides");
  installWebgpuReduceOverrides();
  // A module the tests name, loaded in this thread before any program is built: their seam into the programs
  // (configs/webgpu/shader-seam.ts, test/webgpu-defects.ts). Never set by a run.
  const preload = process.env.EMTD_WEBGPU_WORKER_PRELOAD;
  if (preload) require(preload);
  if (!(await tf.setBackend("webgpu"))) {
    const error = `emtd/engine (webgpu): tfjs's WebGPU backend failed to start on ${choice.description}`;
    parentPort!.postMessage({ adapter: choice.description, software: choice.software, kernels: [], error } satisfies Hello);
    return;
  }
  const backend = tf.backend();
  const limits = webgpuInternals(backend).device.limits;
  // Counted before any work: every dispatch, upload and read of this backend (counters.ts).
  const counts = countWebgpuWork(backend);
  // Every dispatch guarded (binding.ts): a tensor past the binding limit is refused before WebGPU rejects it.
  const adapter = choice.description;
  guardBindings(backend, () => bindingLimit(limits.maxStorageBufferBindingSize, adapter));
  // The fused step binds its buffers itself (configs/webgpu/fused-stepper.ts): blocks under the same limit.
  // and its dispatches counted with tfjs's (counters.ts).
  const { setStepperHost } = require("../kernels/configs/webgpu/fused-webgpu") as typeof import("../kernels/configs/webgpu/fused-webgpu");
  setStepperHost({ limit: () => bindingLimit(limits.maxStorageBufferBindingSize, adapter), count: countDispatch });
  const faults = watchFaults(webgpuInternals(backend).device);
  const maps = trackMaps(webgpuInternals(backend).device);
  // An uncaught exception would end the thread with a read in flight, and Dawn's binding prints "Promise not resolved
  // or rejected: mapAsync()" on stdout (fd 1, past Node) as the thread's objects go: answer nothing more, let the
  // pending reads settle, then end as the exception would have (code 1), which the asking thread reports.
  let dying = false;
  process.on("uncaughtException", (e) => {
    if (process.env.EMTD_DEBUG_WORKER) process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
    if (dying) return;
    dying = true;
    void maps.settled(2000).then(() => process.exit(1));
  });
  const byId = new Map<number, DataId>();
  const ids = new WeakMap<DataId, number>();
  let next = 1;

  const ref = (info: tfTypes.TensorInfo): TensorRef => {
    let id = ids.get(info.dataId);
    if (id === undefined) {
      id = next++;
      ids.set(info.dataId, id);
      byId.set(id, info.dataId);
    }
    return { id, shape: info.shape.slice(), dtype: info.dtype };
  };
  const info = (r: TensorRef | null): tfTypes.TensorInfo | null => {
    if (r === null) return null;
    const dataId = byId.get(r.id);
    if (dataId === undefined) throw new Error(`tensor ${r.id} is not on the worker`);
    return { dataId, shape: r.shape, dtype: r.dtype as tfTypes.DataType };
  };
  /** Run a kernel request: its outputs' numbers, or, posted, its outputs named as the asking thread named them. */
  const runKernel = (request: Extract<Request, { op: "kernel" }>): TensorRef | TensorRef[] | undefined => {
    const config = tf.getKernel(request.name, "webgpu");
    if (config === undefined) throw new Error(`kernel ${request.name} is not registered for webgpu`);
    const out = config.kernelFunc({
      inputs: inputsOf(request.inputs) as tfTypes.NamedTensorInfoMap,
      attrs: request.attrs as tfTypes.NamedAttrMap,
      backend,
    });
    if (request.outputs !== undefined) return namePosted(request.name, Array.isArray(out) ? out : [out], request.outputs);
    return Array.isArray(out) ? out.map(ref) : ref(out);
  };
  /**
   * A posted kernel's outputs under the numbers the asking thread gave them: each a new tensor of the shape and dtype
   * it announced (configs/webgpu/posted.ts), else an error (and the outputs freed).
   */
  const namePosted = (kernel: string, outputs: tfTypes.TensorInfo[], given: TensorRef[]): undefined => {
    const wrong = (info: tfTypes.TensorInfo, k: number) =>
      ids.has(info.dataId) ||
      byId.has(given[k]!.id) ||
      info.dtype !== given[k]!.dtype ||
      info.shape.length !== given[k]!.shape.length ||
      info.shape.some((d, j) => d !== given[k]!.shape[j]);
    if (outputs.length !== given.length || outputs.some(wrong)) {
      for (const info of outputs) if (!ids.has(info.dataId)) backend.disposeData(info.dataId);
      const made = outputs.map((o) => `${o.dtype}[${o.shape}]`).join(", ");
      throw new Error(`the posted kernel ${kernel} made ${made}, not the outputs announced for it`);
    }
    outputs.forEach((info, k) => {
      ids.set(info.dataId, given[k]!.id);
      byId.set(given[k]!.id, info.dataId);
    });
    return undefined;
  };
  const inputsOf = (inputs: KernelInputs) =>
    Array.isArray(inputs) ? inputs.map(info) : Object.fromEntries(Object.entries(inputs).map(([k, r]) => [k, info(r)]));

  const answer = (reply: Reply): void => {
    if (dying) return;
    replies.postMessage(reply);
    Atomics.store(flag, ANSWERED, 1);
    Atomics.notify(flag, ANSWERED);
  };

  async function handle(request: Request): Promise<unknown> {
    switch (request.op) {
      case "kernel": {
        const inputs = request.inputs as Record<string, TensorRef | null>;
        for (const name of READ_FIRST[request.name] ?? []) await backend.read(byId.get(inputs[name]!.id)!);
        return runKernel(request);
      }
      case "write":
        return ref({
          dataId: backend.write(request.values as tfTypes.BackendValues, request.shape, request.dtype as tfTypes.DataType),
          shape: request.shape,
          dtype: request.dtype as tfTypes.DataType,
        }).id;
      case "read": {
        const values = await backend.read(byId.get(request.id)!);
        // A WebGPU error in any work before this read may have left these values half-written: refuse them.
        await faults.check();
        return values;
      }
      case "dispose": {
        const dataId = byId.get(request.id);
        if (dataId !== undefined && backend.disposeData(dataId, request.force)) byId.delete(request.id);
        return undefined;
      }
      case "incRef":
        backend.incRef(byId.get(request.id)!);
        return undefined;
      case "releasePlan":
        releaseUploadedPlan(request.id);
        return undefined;
      case "fault": {
        if (request.kind === "exit") process.exit(70);
        if (request.kind === "throw")
          setImmediate(() => {
            throw new Error("a fault planted by a test");
          });
        const device = webgpuInternals(backend).device;
        if (request.kind === "lost") device.destroy();
        else if (request.kind === "validation") device.createBuffer({ size: 4, usage: 0x1 | 0x80 }); // MAP_READ with STORAGE: invalid
        return undefined;
      }
      case "memory":
        return backend.memory();
      case "numDataIds":
        return backend.numDataIds();
      case "counters":
        return { ...counts };
    }
  }

  /** The reply that reports `e`, the failure of `request`. */
  const replyTo = async (request: Request, e: unknown): Promise<Reply> => {
    await faults.settle(e);
    if (faults.fault !== null) return { error: faults.fault, fault: true };
    if (e instanceof BindingRefused) return { error: e.message, refused: e.refusal };
    if (e instanceof ResourceError) {
      const resource = { where: e.where, what: e.what, bytes: e.estimateBytes, limit: e.limitBytes, source: e.limitSource };
      return { error: e.message, resource };
    }
    const message = e instanceof Error ? (process.env.EMTD_DEBUG_WORKER ? String(e.stack) : e.message) : String(e);
    return { error: message || `${request.op} failed without a message` };
  };
  /**
   * The first failure of a posted kernel not yet reported: the answer to the next request that waits, which the
   * asking thread throws with its type. A posted kernel runs as its message arrives (posted.ts's kernels read nothing
   * first), so the failure is set before the next request is read and no later request runs past it.
   */
  let postedFailure: Promise<Reply> | null = null;
  requests.on("message", (request: Request) => {
    if (dying) return;
    const answered = request.op !== "dispose" && request.op !== "incRef" && request.op !== "releasePlan" && request.op !== "fault";
    if (faults.fault !== null) {
      if (answered && !(request.op === "kernel" && request.outputs !== undefined)) answer({ error: faults.fault, fault: true });
      return;
    }
    if (request.op === "kernel" && request.outputs !== undefined) {
      // Posted: not answered; its outputs keep the asking thread's numbers, or its failure waits for the next answer.
      if (postedFailure !== null) return;
      try {
        runKernel(request);
      } catch (e) {
        postedFailure = replyTo(request, e);
      }
      return;
    }
    if (answered && postedFailure !== null) {
      const failure = postedFailure;
      postedFailure = null;
      void failure.then(answer);
      return;
    }
    handle(request).then(
      (value) => {
        if (answered) answer(faults.fault !== null ? { error: faults.fault, fault: true } : { value });
      },
      async (e: unknown) => {
        if (answered) answer(await replyTo(request, e));
      },
    );
  });
  const kernels = tf.getKernelsForBackend("webgpu").map((k) => k.kernelName);
  const maxBindingBytes = limits.maxStorageBufferBindingSize;
  const maxBufferBytes = limits.maxBufferSize;
  const storageBuffersPerStage = limits.maxStorageBuffersPerShaderStage;
  parentPort!.postMessage({
    adapter: choice.description,
    software: choice.software,
    kernels,
    maxBindingBytes,
    maxBufferBytes,
    storageBuffersPerStage,
  } satisfies Hello);
}

/**
 * Refuse, before it is recorded, any dispatch that would bind a tensor past `limit()` (binding.ts): WebGPU would
 * reject it and the run read zeros. Wraps the backend's `recordAndSubmit`, the one place a program reaches the GPU
 * (wrapped after the counters, so it runs first: a refused dispatch is not counted).
 */
function guardBindings(backend: object, limit: () => BindingLimit): void {
  const b = webgpuInternals(backend);
  const record = b.recordAndSubmit.bind(b);
  b.recordAndSubmit = (program, output, inputs, uniforms) => {
    const refusal = refusalOf([output, ...inputs], limit());
    if (refusal !== null) throw new BindingRefused(refusal);
    record(program, output, inputs, uniforms);
  };
}

/** The error filters of WebGPU, each kept in a scope of its own. */
const ERROR_FILTERS = ["validation", "out-of-memory", "internal"] as const;

/**
 * Watch the device for faults. Every WebGPU error lands in an error scope kept open for the life of the device, never
 * in Dawn's uncaptured-error path, which prints the message on the process's stdout (fd 1, past Node: it broke
 * `--json`); `check()` closes the scopes, opens them again and records the first error. A lost device is recorded
 * when its promise settles. The first fault is kept: the device's buffers may hold anything after it.
 */
function watchFaults(device: WebGpuDeviceInternals): {
  readonly fault: string | null;
  check(): Promise<void>;
  settle(e: unknown): Promise<void>;
} {
  let fault: string | null = null;
  let lost = false;
  const record = (what: string, message: string): void => {
    fault ??= `the GPU reported ${what}: ${firstLine(message)}; the run stopped and nothing was read from it`;
  };
  for (const filter of ERROR_FILTERS) device.pushErrorScope(filter);
  device.onuncapturederror = (event) => record(`a ${event.error.constructor.name}`, event.error.message);
  void device.lost.then((info) => {
    lost = true;
    fault ??= `the GPU device was lost (${info.reason || "unknown"}: ${firstLine(info.message) || "no message"}); the run stopped and nothing was read from it`;
  });
  const check = async (): Promise<void> => {
    const popped = ERROR_FILTERS.map(() => device.popErrorScope());
    for (const filter of ERROR_FILTERS) device.pushErrorScope(filter);
    for (const error of await Promise.all(popped)) if (error) record(`a ${error.constructor.name}`, error.message);
  };
  return {
    get fault() {
      return fault;
    },
    check,
    /** After a failed request: look for the GPU fault behind it (a lost device rejects pending reads first). */
    async settle(e: unknown): Promise<void> {
      if (lost || /lost|destroyed/i.test(String((e as Error)?.message ?? e))) await new Promise((r) => setTimeout(r, 50));
      if (!lost) await check().catch(() => undefined);
    },
  };
}

/**
 * Count the reads in flight on `device`'s buffers (mapAsync, wrapped on their prototype once): `settled(ms)` resolves
 * when none is pending, or after `ms` at most (a lost device may never answer one).
 */
function trackMaps(device: WebGpuDeviceInternals): { settled(ms: number): Promise<void> } {
  const proto = Object.getPrototypeOf(device.createBuffer({ size: 4, usage: 0x1 | 0x8 })) as GpuBuffer; // MAP_READ | COPY_DST
  const mapAsync = proto.mapAsync;
  let pending = 0;
  let idle: (() => void) | null = null;
  proto.mapAsync = function (this: GpuBuffer, mode: number): Promise<void> {
    pending++;
    const done = (): void => {
      if (--pending === 0) idle?.();
    };
    const read = mapAsync.call(this, mode);
    read.then(done, done);
    return read;
  };
  return {
    settled: (ms) =>
      pending === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idle = resolve;
            setTimeout(resolve, ms);
          }),
  };
}

function firstLine(text: string): string {
  return (text ?? "").trim().split("\n")[0]!.trim();
}

void main();
