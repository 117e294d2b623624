/**
 * tfjs's WebGPU backend for the library's thread. The library reads tensors synchronously (`dataSync`) inside its
 * samplers, and tfjs's WebGPU backend can only read asynchronously in Node (its synchronous read draws through an
 * OffscreenCanvas, which Node lacks; a GPU buffer is mapped only when the thread's event loop turns). So the real
 * backend lives in a worker thread (gpu/tfjs-worker.ts), and the backend registered here as `webgpu` forwards each
 * kernel, write, read and release to it, waiting for the answer in `Atomics.wait` (but for a release and the fused
 * kernels whose outputs it knows in advance, which it posts and carries on); while this thread waits, the worker's
 * loop maps the buffer. The tensors' data stay on the GPU between kernels; only reads copy them out.
 *
 * Every kernel the worker's backend has is registered here under the same name, so tfjs ops, autodiff and the
 * library's composites run unchanged; the library's fused kernels that have WebGPU programs (kernels/configs/webgpu)
 * are among them, the others fall back to their composites. A graph plan crosses in its wire form (graph-wire.ts).
 */
import { MessageChannel, receiveMessageOnPort, SHARE_ENV, Worker } from "node:worker_threads";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { BackendError, GpuFaultError, ResourceError } from "../../errors";
import { AdapterError, type AdapterRefusal } from "./adapter";
import { bindingLimit, type BindingLimit } from "./binding";
import { setWirePlanRelease, wireAttrs } from "../kernels/configs/webgpu/graph-wire";
import { postedOutputs } from "../kernels/configs/webgpu/posted";
import {
  ANSWERED,
  EXITED,
  FLAG_WORDS,
  HEARTBEAT,
  type FaultKind,
  type GpuCounters,
  type Hello,
  type KernelInputs,
  type Reply,
  type Request,
  type TensorRef,
} from "./tfjs-protocol";

/** How long one answer may take before the worker is presumed dead (a read waits for every kernel queued before it). */
const ANSWER_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * How long the worker's heartbeat may stop before it is presumed dead: it beats every 250 ms while its event loop
 * turns, and a GPU read waits asynchronously, so only a synchronous call of Dawn (a pipeline's compilation) holds it;
 * well above those on a loaded machine, well below the 10 minutes a dead worker hung the run before.
 */
const HEARTBEAT_TIMEOUT_MS = 15 * 1000;

type DataId = object;

/** The `webgpu` backend of this thread: a proxy of the worker's. */
class WebGpuProxy extends tf.KernelBackend {
  /** Worker number of each dataId of this thread, and the reverse. */
  private readonly ids = new WeakMap<DataId, number>();
  private readonly byId = new Map<number, DataId>();
  /** References held per worker number, mirrored from the worker's backend. */
  private readonly refs = new Map<number, number>();
  /** The number the next output of a posted kernel gets (negative: the worker numbers its own from 1 up). */
  private posted = -1;

  constructor(
    private readonly send: (request: Request) => void,
    private readonly ask: (request: Request) => unknown,
    /** The adapter in words. */
    readonly adapter: string,
    readonly software: boolean,
  ) {
    super();
  }

  /** The tensor info of this thread for the worker's answer (an output may be an input's data, referenced again). */
  adopt(r: TensorRef): tf.TensorInfo {
    let dataId = this.byId.get(r.id);
    if (dataId === undefined) {
      dataId = { id: r.id };
      this.byId.set(r.id, dataId);
      this.ids.set(dataId, r.id);
    }
    this.refs.set(r.id, (this.refs.get(r.id) ?? 0) + 1);
    return { dataId, shape: r.shape, dtype: r.dtype as tf.DataType };
  }

  refOf(info: tf.TensorInfo | null | undefined): TensorRef | null {
    if (info === null || info === undefined) return null;
    const id = this.ids.get(info.dataId);
    if (id === undefined) throw new BackendError("emtd/engine (webgpu): a tensor of another backend reached a webgpu kernel");
    return { id, shape: info.shape.slice(), dtype: info.dtype };
  }

  /**
   * Run kernel `name` on the worker. One whose outputs are known before it runs (configs/webgpu/posted.ts) is posted
   * without waiting, its outputs named here (negative numbers, apart from the worker's); a failure of it is thrown by
   * the next request that waits (a sampler's read, at the latest), with its type. Any other waits for its outputs.
   */
  kernel(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): tf.TensorInfo | tf.TensorInfo[] {
    const refs: KernelInputs = Array.isArray(inputs)
      ? (inputs as tf.TensorInfo[]).map((i) => this.refOf(i))
      : Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, this.refOf(i)]));
    const wire = wireAttrs(attrs as Record<string, unknown>);
    const known = Array.isArray(refs) ? null : postedOutputs(name, refs, attrs as Record<string, unknown>);
    if (known !== null) {
      const outputs = known.map((o) => ({ id: this.posted--, shape: o.shape, dtype: o.dtype }));
      this.send({ op: "kernel", name, inputs: refs, attrs: wire, outputs });
      return outputs.map((r) => this.adopt(r));
    }
    const out = this.ask({ op: "kernel", name, inputs: refs, attrs: wire }) as TensorRef | TensorRef[];
    return Array.isArray(out) ? out.map((r) => this.adopt(r)) : this.adopt(out);
  }

  override write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): DataId {
    const id = this.ask({ op: "write", values, shape, dtype }) as number;
    return this.adopt({ id, shape, dtype }).dataId;
  }

  override move(dataId: DataId, values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType, refCount: number): void {
    const id = this.ask({ op: "write", values, shape, dtype }) as number;
    this.ids.set(dataId, id);
    this.byId.set(id, dataId);
    this.refs.set(id, refCount);
    for (let i = 1; i < refCount; i++) this.send({ op: "incRef", id });
  }

  override readSync(dataId: DataId): tf.backend_util.BackendValues {
    reads++;
    return this.ask({ op: "read", id: this.ids.get(dataId)! }) as tf.backend_util.BackendValues;
  }

  override read(dataId: DataId): Promise<tf.backend_util.BackendValues> {
    return Promise.resolve(this.readSync(dataId));
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const id = this.ids.get(dataId);
    if (id === undefined) return true;
    const left = force ? 0 : this.refs.get(id)! - 1;
    this.send({ op: "dispose", id, force });
    if (left > 0) {
      this.refs.set(id, left);
      return false;
    }
    this.refs.delete(id);
    this.byId.delete(id);
    this.ids.delete(dataId);
    return true;
  }

  override incRef(dataId: DataId): void {
    const id = this.ids.get(dataId)!;
    this.refs.set(id, this.refs.get(id)! + 1);
    this.send({ op: "incRef", id });
  }

  override refCount(dataId: DataId): number {
    const id = this.ids.get(dataId);
    return id === undefined ? 0 : this.refs.get(id)!;
  }

  /**
   * The data this thread holds on the worker, counted here: tfjs's engine asks before every kernel (for a leak check it
   * runs only under IS_TEST), and a round trip each time cost 18 % of a MALA step. The worker's own count, intermediate
   * buffers included, is {@link webgpuDataIds}.
   */
  override numDataIds(): number {
    return this.byId.size;
  }

  /** Tests only: ask the worker to make its GPU fail ({@link injectWebgpuFault}). */
  fault(kind: FaultKind): void {
    this.send({ op: "fault", kind });
  }

  /** The worker's counts of its GPU work (not itself counted as a round trip: it is the instrument's, not the run's). */
  workerCounters(): Omit<GpuCounters, "roundTrips"> {
    roundTrips--;
    return this.ask({ op: "counters" }) as Omit<GpuCounters, "roundTrips">;
  }

  /** The worker backend's count of its data (every buffer it holds). */
  workerDataIds(): number {
    return this.ask({ op: "numDataIds" }) as number;
  }

  override memory(): { unreliable: boolean; reasons?: string[] } {
    return { ...(this.ask({ op: "memory" }) as { unreliable: boolean }), reasons: [] };
  }

  override floatPrecision(): 16 | 32 {
    return 32;
  }

  override async time(f: () => void): Promise<tf.BackendTimingInfo> {
    const start = performance.now();
    f();
    return { kernelMs: performance.now() - start };
  }

  override timerAvailable(): boolean {
    return true;
  }

  override dispose(): void {
    // The worker ends with the process (it is unref'd).
  }
}

/** Reads of this thread's `webgpu` tensors so far ({@link webgpuReads}). */
let reads = 0;

/** Requests this thread has waited for the worker to answer ({@link webgpuCounters}). */
let roundTrips = 0;

/**
 * The GPU work of this process so far, counted by the backend (engine/webgpu/counters.ts says what each count is),
 * or null before the `webgpu` backend started. A run's own work is the difference of two calls; a command's JSON
 * reports the whole process's (engine/backend.ts `backendFields`).
 *
 * Example (an internal function: not part of the package's API, so not run as a doc test):
 * ```ts
 * const before = webgpuCounters()!;
 * run(ula(interaction(ringGraph(8, 2)), { step: 0.1 }), x0, { steps: 100 }, key(1));
 * webgpuCounters()!.dispatches - before.dispatches; // → the run's dispatches
 * ```
 */
export function webgpuCounters(): GpuCounters | null {
  if (proxy === null) return null;
  const worker = proxy.workerCounters();
  return {
    dispatches: worker.dispatches,
    roundTrips,
    uploadBytes: worker.uploadBytes,
    downloadBytes: worker.downloadBytes,
    boundBytes: worker.boundBytes,
  };
}

/**
 * How many times this thread has read a `webgpu` tensor back (internal: tests count them). Each read is a round trip
 * to the worker that waits for every kernel queued before it, so the samplers keep them to one per block of steps.
 */
export function webgpuReads(): number {
  return reads;
}

/**
 * How many data the WebGPU worker's backend holds (internal: tests check that runs leave no GPU buffer behind); 0
 * before the backend started.
 */
export function webgpuDataIds(): number {
  return proxy === null ? 0 : proxy.workerDataIds();
}

/** The backend registered as `webgpu`, once started. */
let proxy: WebGpuProxy | null = null;

/** The adapter `ready({ backend: "webgpu" })` started on, or null before. */
let started: { adapter: string; software: boolean } | null = null;

/** The device's largest storage binding (bytes), known once the backend started. */
let deviceBindingBytes = 0;

/** The device's largest buffer (bytes), known once the backend started. */
let deviceBufferBytes = 0;

/**
 * The largest tensor, in bytes, the `webgpu` backend can hold in one buffer (`maxBufferSize`, whatever the binding
 * limit: the fused steps bind it in blocks), with its source in words; null before the backend started.
 */
export function webgpuBufferLimit(): BindingLimit | null {
  return started === null ? null : { bytes: deviceBufferBytes, source: `maxBufferSize of ${started.adapter}` };
}

/**
 * The largest tensor, in bytes, the `webgpu` backend can bind (null before it started), and where that limit comes
 * from: the device's `maxStorageBufferBindingSize`, or a lower cap from `EMTD_WEBGPU_MAX_BINDING_BYTES` (for tests:
 * a refusal is then seen with small fields). A bad value of the variable is a BackendError.
 */
export function webgpuBindingLimit(): BindingLimit | null {
  return started === null ? null : bindingLimit(deviceBindingBytes, started.adapter);
}

/** Tests only: make the worker's GPU fail as named, to see the fault end in a {@link GpuFaultError}. */
export function injectWebgpuFault(kind: FaultKind | "terminate"): void {
  if (proxy === null || workerThread === null) throw new BackendError("emtd/engine (webgpu): the backend has not started");
  if (kind === "terminate")
    void workerThread.terminate(); // killed from outside: no exit handler runs in it
  else proxy.fault(kind);
}

/** The WebGPU worker, once started (tests kill it). */
let workerThread: Worker | null = null;

/** The device's `maxStorageBuffersPerShaderStage` (0 before the backend started): tests derive tfjs's Concat tree from it. */
export function webgpuStorageBuffersPerStage(): number {
  return storageBuffersPerStage;
}

let storageBuffersPerStage = 0;

/** The adapter the `webgpu` backend runs on (its description and whether it is SwiftShader), or null before it started. */
export function webgpuAdapter(): { adapter: string; software: boolean } | null {
  return started;
}

/**
 * Start the WebGPU worker and register the `webgpu` backend and its kernels in tfjs (once). Throws a BackendError
 * with the worker's one-line reason when no adapter can be had.
 */
export async function startWebgpu(): Promise<{ adapter: string; software: boolean }> {
  if (started !== null) return started;
  const shared = new SharedArrayBuffer(4 * FLAG_WORDS);
  const flag = new Int32Array(shared);
  const requestChannel = new MessageChannel();
  const replyChannel = new MessageChannel();
  // SHARE_ENV: the worker may set VK_ICD_FILENAMES, which the Vulkan loader reads from the process environment.
  const worker = new Worker(join(__dirname, "tfjs-worker.js"), {
    env: SHARE_ENV,
    workerData: { shared, requests: requestChannel.port2, replies: replyChannel.port2 },
    transferList: [requestChannel.port2, replyChannel.port2],
  });
  const hello = await new Promise<Hello>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new BackendError(`emtd/engine (webgpu): the WebGPU worker exited (${code}) before it started`)));
  });
  worker.removeAllListeners();
  worker.on("error", () => undefined); // a death is reported by the wait that it leaves unanswered
  if (hello.error !== undefined) {
    await worker.terminate();
    if (hello.refusal !== undefined) throw new AdapterError(hello.error, hello.refusal as AdapterRefusal);
    throw new BackendError(hello.error);
  }
  worker.unref();
  workerThread = worker;
  const requests = requestChannel.port1;
  const replies = replyChannel.port1;
  requests.unref();
  replies.unref();
  /** Why the worker is gone, once it is: every later request is refused with it. */
  let gone: string | null = null;
  const dead = (why: string): GpuFaultError => {
    gone ??= `emtd/engine (webgpu): the WebGPU worker thread ${why}; the run stopped and nothing was read from it`;
    return new GpuFaultError(gone);
  };
  const send = (request: Request) => {
    if (gone === null) requests.postMessage(request);
  };
  const ask = (request: Request): unknown => {
    if (gone !== null) throw new GpuFaultError(gone);
    roundTrips++;
    Atomics.store(flag, ANSWERED, 0);
    send(request);
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    let beat = Atomics.load(flag, HEARTBEAT);
    let beatAt = Date.now();
    for (;;) {
      Atomics.wait(flag, ANSWERED, 0, 1000);
      const message = receiveMessageOnPort(replies);
      if (message === undefined) {
        const exited = Atomics.load(flag, EXITED);
        if (exited !== 0) throw dead(`exited (code ${exited - 1}) during ${request.op}`);
        if (Atomics.load(flag, HEARTBEAT) !== beat) {
          beat = Atomics.load(flag, HEARTBEAT);
          beatAt = Date.now();
        } else if (Date.now() - beatAt > HEARTBEAT_TIMEOUT_MS) {
          throw dead(`stopped (no heartbeat for ${HEARTBEAT_TIMEOUT_MS / 1000} s during ${request.op})`);
        }
      } else {
        const reply = message.message as Reply;
        if (reply.error !== undefined) {
          if (reply.refused !== undefined) {
            const r = reply.refused;
            throw new ResourceError(
              "emtd/engine (webgpu)",
              `a tensor of shape [${r.shape}] in one GPU binding`,
              r.bytes,
              r.limit,
              `the GPU's largest storage binding: ${r.source}`,
            );
          }
          if (reply.resource !== undefined) {
            const r = reply.resource;
            throw new ResourceError(r.where, r.what, r.bytes, r.limit, r.source);
          }
          if (reply.fault) throw new GpuFaultError(`emtd/engine (webgpu): ${reply.error}`);
          throw new Error(`webgpu: ${reply.error}`);
        }
        return reply.value;
      }
      if (Date.now() > deadline) throw dead(`did not answer ${request.op} in ${ANSWER_TIMEOUT_MS / 1000} s`);
    }
  };
  setWirePlanRelease((id) => send({ op: "releasePlan", id }));
  const backend = new WebGpuProxy(send, ask, hello.adapter, hello.software);
  proxy = backend;
  for (const kernelName of hello.kernels) {
    tf.registerKernel({
      kernelName,
      backendName: "webgpu",
      kernelFunc: ({ inputs, attrs }) => backend.kernel(kernelName, inputs, attrs ?? {}),
    });
  }
  tf.registerBackend("webgpu", () => backend);
  deviceBindingBytes = hello.maxBindingBytes ?? Number.MAX_SAFE_INTEGER;
  deviceBufferBytes = hello.maxBufferBytes ?? deviceBindingBytes;
  storageBuffersPerStage = hello.storageBuffersPerStage ?? 0;
  started = { adapter: hello.adapter, software: hello.software };
  return started;
}
