/**
 * The Langevin step on a device of its own (`emtd bench gpu`): the field lives in GPU memory between steps, and a run
 * of S steps is the one WGSL step of the product (fused-stepper.ts, step-wgsl.ts) encoded S at a time, the field
 * ping-ponging between two buffers; it comes back only when read. Step t draws its noise under fold(key, t) at Philox
 * counter (row, ⌊c/4⌋), as the product's step t of a run does, so a run is reproducible on any GPU and independent
 * of how its steps are batched into submissions. Unit weights, x [N, 2], as the CPU fused step it is timed against.
 */
import { ArgumentError } from "../../../../errors";
import { fold, type Key } from "../../../random";
import type { GraphPlan } from "../../loops/graph-plan";
import { BUFFER, MAP_READ, type GpuBuffer, type GpuDevice } from "../../../webgpu-api";
import { encodeSteps, fieldBlocks, type StepGraph } from "./fused-stepper";

/** The graph as the step reads it: a rule (ring half-width h or torus side L) or CSR rows. */
export interface GpuGraph {
  n: number;
  kind: "csr" | "ring" | "torus";
  /** Ring: h; torus: L; CSR: 0. */
  width: number;
  rowPtr?: Int32Array;
  col?: Int32Array;
}

/** {@link GpuGraph} of a plan: its rule when it has one (no index arrays read), else its CSR. Unit weights only. */
export function gpuGraphOf(plan: GraphPlan, options: { forceCsr?: boolean } = {}): GpuGraph {
  if (plan.weight !== null) {
    throw new ArgumentError("emtd/engine/gpu", "graph", "a graph with every coupling J = 1 (the bench's GPU step has no weights)");
  }
  const s = plan.structure;
  if (s && !options.forceCsr) {
    return s.kind === "ring" ? { n: plan.n, kind: "ring", width: s.halfWidth } : { n: plan.n, kind: "torus", width: s.side };
  }
  return { n: plan.n, kind: "csr", width: 0, rowPtr: plan.rowPtr, col: plan.col };
}

export interface GpuLangevinParams {
  /** x′ = x − drift·L x + σ ξ. */
  drift: number;
  sigma: number;
  key: Key;
}

/** A field on the GPU and its step. Dispose it: it holds GPU memory. */
export interface GpuLangevin {
  readonly n: number;
  /** Steps taken so far (the next step's key is fold(key, steps)). */
  readonly steps: number;
  /** Take `steps` steps; resolves when the GPU has finished them. */
  run(steps: number): Promise<void>;
  /** Take `steps` steps, copying the field after every `every`-th into a history read back at the end ([snapshots, N, 2]). */
  runWithSnapshots(steps: number, every: number): Promise<Float32Array>;
  /** The current field [N, 2] (row-major). */
  read(): Promise<Float32Array>;
  dispose(): void;
}

/** Entries per upload of the graph's index arrays. */
const UPLOAD_CHUNK = 1 << 24;

/**
 * Upload an index array in slices: the plan's arrays live on SharedArrayBuffers, which Dawn's writeBuffer does not
 * take (the process crashes); `slice` copies each part into an ordinary buffer, 64 MB at a time.
 */
function writeInChunks(device: GpuDevice, target: GpuBuffer, data: Int32Array): void {
  for (let at = 0; at < data.length; at += UPLOAD_CHUNK) {
    device.queue.writeBuffer(target, 4 * at, data.slice(at, Math.min(data.length, at + UPLOAD_CHUNK)));
  }
}

/** Steps encoded per submission. */
const BATCH = 1024;

/**
 * Put x0 ([N, 2], row-major float32) on the GPU with the step of `graph` and `params`.
 *
 * Usage (needs a GPU and the optional `webgpu` package, so not a runnable `@example`):
 * ```ts
 * const gpu = await openGpu(); // BackendError without the `webgpu` package or an adapter
 * const field = gpuLangevin(gpu, gpuGraphOf(planFor(graph)), x0, { drift: 0.02, sigma: Math.sqrt(0.02), key: key(1) });
 * await field.run(100);
 * const x = await field.read();
 * field.dispose();
 * ```
 */
export function gpuLangevin(gpu: { device: GpuDevice }, graph: GpuGraph, x0: Float32Array, params: GpuLangevinParams): GpuLangevin {
  const { device } = gpu;
  const n = graph.n;
  if (x0.length !== 2 * n) throw new ArgumentError("emtd/engine/gpu", "x0", `a Float32Array of 2·N = ${2 * n} values ([N, 2])`, x0.length);
  const bytes = 8 * n;
  const limit = device.limits.maxStorageBufferBindingSize ?? 0;
  const most = device.limits.maxBufferSize ?? limit;
  if (bytes > most) {
    throw new ArgumentError("emtd/engine/gpu", "x0", `at most ${most} bytes per field on this GPU (maxBufferSize)`, bytes);
  }
  fieldBlocks(n, 2, limit); // a ResourceError now where a block could not hold one tile of rows
  const storage = (size: number, usage: number) => device.createBuffer({ size: Math.max(16, Math.ceil(size / 16) * 16), usage });
  const fields = [0, 1].map(() => storage(bytes, BUFFER.STORAGE | BUFFER.COPY_SRC | BUFFER.COPY_DST)) as [GpuBuffer, GpuBuffer];
  device.queue.writeBuffer(fields[0], 0, x0);
  const csr: GpuBuffer[] = [];
  if (graph.kind === "csr") {
    for (const data of [graph.rowPtr!, graph.col!.length > 0 ? graph.col! : Int32Array.of(0)]) {
      const buffer = storage(4 * data.length, BUFFER.STORAGE | BUFFER.COPY_DST);
      writeInChunks(device, buffer, data);
      csr.push(buffer);
    }
  }
  const stepGraph: StepGraph = {
    kind: graph.kind,
    rows: n,
    width: graph.width,
    ...(graph.kind === "csr" ? { csr: { rowPtr: csr[0]!, col: csr[1]!, weight: null } } : {}),
  };
  const stepDevice = {
    device,
    count: () => undefined,
    bindingBytes: limit,
    bindingSource: "the GPU's largest storage binding",
    storageBuffers: device.limits.maxStorageBuffersPerShaderStage ?? 8,
  };
  /** The buffer that holds the field now. */
  let current = 0;
  let t = 0;
  let disposed = false;

  /** Encode `count` steps from the current field into `encoder`; returns the uniforms to free after submission. */
  const encode = (encoder: ReturnType<typeof device.createCommandEncoder>, count: number): GpuBuffer[] => {
    const steps = Array.from({ length: count }, (_, s) => {
      const k = fold(params.key, t + s);
      return { a: 1, b: -params.drift, sigma: params.sigma, key0: k[0], key1: k[1] };
    });
    // The last step writes `output`; the first must not write the buffer it reads (fused-stepper.ts ping-pong).
    const output = count % 2 === 1 ? 1 - current : current;
    const made = encodeSteps(stepDevice, encoder, {
      graph: stepGraph,
      channels: 2,
      source: "graph",
      steps,
      input: fields[current]!,
      output: fields[output]!,
      scratch: fields[1 - output]!,
    });
    current = output;
    t += count;
    return made;
  };

  const readBuffer = async (source: GpuBuffer, size: number): Promise<Float32Array> => {
    const staging = device.createBuffer({ size, usage: BUFFER.MAP_READ | BUFFER.COPY_DST });
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(source, 0, staging, 0, size);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(MAP_READ);
    const out = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    return out;
  };

  const live = () => {
    if (disposed) throw new ArgumentError("emtd/engine/gpu", "field", "not disposed (this GPU field was disposed)");
  };

  /** `steps` steps in submissions of at most BATCH, `after(encoder)` after each `every`-th step counted from now. */
  const advance = async (steps: number, every: number, after?: (encoder: ReturnType<typeof device.createCommandEncoder>) => void) => {
    for (let done = 0; done < steps;) {
      const encoder = device.createCommandEncoder();
      const made: GpuBuffer[] = [];
      for (let inBatch = 0; inBatch < BATCH && done < steps;) {
        const count = Math.min(every - (done % every), steps - done, BATCH - inBatch);
        made.push(...encode(encoder, count));
        done += count;
        inBatch += count;
        if (after && done % every === 0) after(encoder);
      }
      device.queue.submit([encoder.finish()]);
      for (const buffer of made) buffer.destroy();
      await device.queue.onSubmittedWorkDone();
    }
  };

  return {
    n,
    get steps() {
      return t;
    },
    async run(steps: number) {
      live();
      await advance(steps, steps);
    },
    async runWithSnapshots(steps: number, every: number) {
      live();
      const count = Math.floor(steps / every);
      const size = Math.max(16, count * bytes);
      const history = device.createBuffer({ size, usage: BUFFER.COPY_SRC | BUFFER.COPY_DST });
      let k = 0;
      await advance(steps, every, (encoder) => encoder.copyBufferToBuffer(fields[current]!, 0, history, k++ * bytes, bytes));
      const out = await readBuffer(history, size);
      history.destroy();
      return out.subarray(0, count * 2 * n);
    },
    read() {
      live();
      return readBuffer(fields[current]!, bytes);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const b of [...fields, ...csr]) b.destroy();
    },
  };
}
