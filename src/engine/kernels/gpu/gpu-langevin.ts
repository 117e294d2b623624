/**
 * The fused Langevin step on a GPU (WebGPU compute, langevin-wgsl.ts): the field lives in GPU memory between steps,
 * a run of S steps is S dispatches in one submission (ping-pong buffers, one parameter block per step at a dynamic
 * offset), and the field comes back only when read. For x [N, 2] on a unit-weight graph, as the CPU fused step.
 *
 * Step t draws its noise at Philox counter (row, t) under `key`, so a run is reproducible on any GPU and
 * independent of how the steps are batched into submissions.
 */
import { ArgumentError } from "../../../errors";
import type { Key } from "../../random";
import type { GraphPlan } from "../loops/graph-plan";
import { GPU_GRAPH, LANGEVIN_WGSL, PARAMS_STRIDE, WORKGROUP_SIZE } from "./langevin-wgsl";
import { BUFFER, MAP_READ, SHADER_STAGE_COMPUTE, type Gpu, type GpuBuffer } from "./webgpu";

/** The graph as the shader reads it: a rule (ring half-width h or torus side L) or CSR rows. */
export interface GpuGraph {
  n: number;
  kind: keyof typeof GPU_GRAPH;
  /** Ring: h; torus: L; CSR: 0. */
  width: number;
  rowPtr?: Int32Array;
  col?: Int32Array;
}

/** {@link GpuGraph} of a plan: its rule when it has one (no index arrays read), else its CSR. Unit weights only. */
export function gpuGraphOf(plan: GraphPlan, options: { forceCsr?: boolean } = {}): GpuGraph {
  if (plan.weight !== null) {
    throw new ArgumentError("emtd/engine/gpu", "graph", "a graph with every coupling J = 1 (the GPU step has no weights)");
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
  /** Steps taken so far (the next step's Philox counter). */
  readonly steps: number;
  /** Take `steps` steps; resolves when the GPU has finished them. */
  run(steps: number): Promise<void>;
  /** Take `steps` steps, copying the field after every `every`-th into a history read back at the end ([snapshots, N, 2]). */
  runWithSnapshots(steps: number, every: number): Promise<Float32Array>;
  /** The current field [N, 2] (row-major). */
  read(): Promise<Float32Array>;
  dispose(): void;
}

/** Where runWithSnapshots copies the field: after every `every`-th step counted from `start`. */
interface Snapshots {
  history: GpuBuffer;
  every: number;
  start: number;
  taken: { k: number };
}

/** Entries per upload of the graph's index arrays. */
const UPLOAD_CHUNK = 1 << 24;

/**
 * Upload an index array in slices: the plan's arrays live on SharedArrayBuffers, which Dawn's writeBuffer does not
 * take (the process crashes); `slice` copies each part into an ordinary buffer, 64 MB at a time.
 */
function writeInChunks(device: Gpu["device"], target: GpuBuffer, data: Int32Array): void {
  for (let at = 0; at < data.length; at += UPLOAD_CHUNK) {
    device.queue.writeBuffer(target, 4 * at, data.slice(at, Math.min(data.length, at + UPLOAD_CHUNK)));
  }
}

/** Steps encoded per submission (the parameter blocks of one batch: 256 B each). */
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
export function gpuLangevin(gpu: Gpu, graph: GpuGraph, x0: Float32Array, params: GpuLangevinParams): GpuLangevin {
  const { device } = gpu;
  const n = graph.n;
  if (x0.length !== 2 * n) throw new ArgumentError("emtd/engine/gpu", "x0", `a Float32Array of 2·N = ${2 * n} values ([N, 2])`, x0.length);
  const fieldBytes = 8 * n;
  const limit = device.limits.maxStorageBufferBindingSize ?? 0;
  if (fieldBytes > limit) {
    throw new ArgumentError(
      "emtd/engine/gpu",
      "x0",
      `at most ${limit} bytes per field on this GPU (maxStorageBufferBindingSize)`,
      fieldBytes,
    );
  }
  const storage = (bytes: number, usage: number) => device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
  const fields = [0, 1].map(() => storage(fieldBytes, BUFFER.STORAGE | BUFFER.COPY_SRC | BUFFER.COPY_DST)) as [GpuBuffer, GpuBuffer];
  device.queue.writeBuffer(fields[0], 0, x0);
  const rowPtr = storage(4 * (graph.rowPtr?.length ?? 1), BUFFER.STORAGE | BUFFER.COPY_DST);
  const col = storage(4 * (graph.col?.length ?? 1), BUFFER.STORAGE | BUFFER.COPY_DST);
  if (graph.rowPtr) writeInChunks(device, rowPtr, graph.rowPtr);
  if (graph.col && graph.col.length > 0) writeInChunks(device, col, graph.col);
  const uniforms = storage(PARAMS_STRIDE * BATCH, BUFFER.UNIFORM | BUFFER.COPY_DST);

  const layout = device.createBindGroupLayout({
    entries: [
      { binding: 0, visibility: SHADER_STAGE_COMPUTE, buffer: { type: "uniform", hasDynamicOffset: true, minBindingSize: 48 } },
      { binding: 1, visibility: SHADER_STAGE_COMPUTE, buffer: { type: "read-only-storage" } },
      { binding: 2, visibility: SHADER_STAGE_COMPUTE, buffer: { type: "storage" } },
      { binding: 3, visibility: SHADER_STAGE_COMPUTE, buffer: { type: "read-only-storage" } },
      { binding: 4, visibility: SHADER_STAGE_COMPUTE, buffer: { type: "read-only-storage" } },
    ],
  });
  const pipeline = device.createComputePipeline({
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module: device.createShaderModule({ code: LANGEVIN_WGSL }), entryPoint: "step" },
  });
  // groups[t % 2] reads fields[t % 2] and writes the other.
  const groups = [0, 1].map((a) =>
    device.createBindGroup({
      layout,
      entries: [
        { binding: 0, resource: { buffer: uniforms, offset: 0, size: 48 } },
        { binding: 1, resource: { buffer: fields[a]!, size: fieldBytes } },
        { binding: 2, resource: { buffer: fields[1 - a]!, size: fieldBytes } },
        { binding: 3, resource: { buffer: rowPtr } },
        { binding: 4, resource: { buffer: col } },
      ],
    }),
  );
  const workgroups = Math.ceil(n / WORKGROUP_SIZE);
  const perLine = Math.min(workgroups, device.limits.maxComputeWorkgroupsPerDimension ?? 65535);
  const lines = Math.ceil(workgroups / perLine);
  const block = new ArrayBuffer(PARAMS_STRIDE * BATCH);
  let t = 0;
  let disposed = false;

  const encodeBatch = (count: number, snapshot?: Snapshots) => {
    const u32 = new Uint32Array(block);
    const f32 = new Float32Array(block);
    for (let s = 0; s < count; s++) {
      const o = (s * PARAMS_STRIDE) / 4;
      u32.set(
        [n, GPU_GRAPH[graph.kind], graph.width, (t + s) >>> 0, params.key[0] >>> 0, params.key[1] >>> 0, perLine * WORKGROUP_SIZE, 0],
        o,
      );
      f32[o + 8] = params.drift;
      f32[o + 9] = params.sigma;
    }
    device.queue.writeBuffer(uniforms, 0, new Uint8Array(block, 0, count * PARAMS_STRIDE));
    const encoder = device.createCommandEncoder();
    for (let s = 0; s < count; s++) {
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, groups[(t + s) % 2], [s * PARAMS_STRIDE]);
      pass.dispatchWorkgroups(perLine, lines);
      pass.end();
      if (snapshot && (t + s + 1 - snapshot.start) % snapshot.every === 0) {
        encoder.copyBufferToBuffer(fields[(t + s + 1) % 2], 0, snapshot.history, snapshot.taken.k * fieldBytes, fieldBytes);
        snapshot.taken.k++;
      }
    }
    device.queue.submit([encoder.finish()]);
    t += count;
  };

  const readBuffer = async (source: GpuBuffer, bytes: number): Promise<Float32Array> => {
    const staging = device.createBuffer({ size: bytes, usage: BUFFER.MAP_READ | BUFFER.COPY_DST });
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(source, 0, staging, 0, bytes);
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

  return {
    n,
    get steps() {
      return t;
    },
    async run(steps: number) {
      live();
      // Each batch waits for the last: its parameter blocks overwrite the same uniform buffer.
      for (let done = 0; done < steps; done += BATCH) {
        encodeBatch(Math.min(BATCH, steps - done));
        await device.queue.onSubmittedWorkDone();
      }
    },
    async runWithSnapshots(steps: number, every: number) {
      live();
      const count = Math.floor(steps / every);
      const bytes = Math.max(16, count * fieldBytes);
      const snapshots: Snapshots = {
        history: device.createBuffer({ size: bytes, usage: BUFFER.COPY_SRC | BUFFER.COPY_DST }),
        every,
        start: t,
        taken: { k: 0 },
      };
      for (let done = 0; done < steps; done += BATCH) {
        encodeBatch(Math.min(BATCH, steps - done), snapshots);
        await device.queue.onSubmittedWorkDone();
      }
      const out = await readBuffer(snapshots.history, bytes);
      snapshots.history.destroy();
      return out.subarray(0, count * 2 * n);
    },
    read() {
      live();
      return readBuffer(fields[t % 2], fieldBytes);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const b of [...fields, rowPtr, col, uniforms]) b.destroy();
    },
  };
}
