/**
 * K steps of the one WGSL step (step-wgsl.ts) in one command buffer, on any WebGPU device: the WebGPU worker's
 * (tfjs's, through fused-webgpu.ts) and `emtd bench gpu`'s own (gpu-langevin.ts). The field ping-pongs between two
 * buffers, every pass's partial sums go to one slot buffer and are summed at once into the step's row of `reduced`
 * ([slots][groups][F], step-wgsl.ts `reduceWgsl`, no workgroup barrier); the caller finishes the sum over groups. Each
 * dispatch binds what it reads and writes and no more, counted by the caller's `count` (the `gpu` counters).
 *
 * Blocks: a field whose bytes exceed the binding limit runs in blocks of whole tiles under it (`fieldBlocks`): each
 * pass dispatches once per block, binding the block's rows of the output and the input blocks its rows' neighbours lie
 * in (for a ring or torus the block and the two around it; for CSR rows all of them, within the device's storage
 * bindings per stage). A lane's rows and sums do not depend on the blocks, so the numbers are those of one block.
 */
import { ResourceError } from "../../../../errors";
import { BUFFER, type GpuBuffer, type GpuDevice, type GpuEncoder, type GpuPipeline } from "../../../webgpu-api";
import {
  type GraphKind,
  MAX_INPUTS,
  PARAMS_HEADER_BYTES,
  quads,
  REDUCE_FAN,
  reduceWgsl,
  STATS_PER_COLUMN,
  type StepShape,
  stepBindings,
  stepKey,
  stepWgsl,
  TILE_ROWS,
  WORKGROUP,
} from "./step-wgsl";
import { shaderKey } from "./shader-seam";

/** A device and what the stepper must know of it. */
export interface StepDevice {
  device: GpuDevice;
  /** One dispatch recorded, binding `bytes` of storage (the `gpu` counters; uniforms are not counted). */
  count(bytes: number): void;
  /** The most bytes one binding may hold (the device's largest storage binding, or the test cap). */
  bindingBytes: number;
  /** Where the binding limit comes from, in words (a refusal names it). */
  bindingSource: string;
  /** The device's storage buffers per shader stage. */
  storageBuffers: number;
}

/** The graph as the step reads it: a rule (ring h, torus side) or CSR rows on the device. */
export interface StepGraph {
  kind: GraphKind;
  rows: number;
  /** Ring: h; torus: the side L; CSR: 0. */
  width: number;
  csr?: { rowPtr: GpuBuffer; col: GpuBuffer; weight: GpuBuffer | null };
}

/** One step: out = a·x + b·(L x | G) + σ·ξ, ξ under the key (key0, key1). */
export interface StepCoefficients {
  a: number;
  b: number;
  sigma: number;
  key0: number;
  key1: number;
}

/** What one call runs (module comment). */
export interface StepCall {
  graph: StepGraph;
  channels: number;
  source: "graph" | "gradient";
  /** The K steps (K = 0: partial sums of the input only). */
  steps: StepCoefficients[];
  input: GpuBuffer;
  /** Where step K − 1 writes (K ≥ 1). */
  output: GpuBuffer | null;
  /** The other ping-pong buffer, the field's size (K ≥ 2). */
  scratch: GpuBuffer | null;
  /** G for source "gradient" (one step). */
  gradient?: GpuBuffer;
  /**
   * Partial sums of every step's field (`statsLayout`), into `reduced` slot by slot: of the input first when `input`,
   * of each field between steps, of the output last when `output`. Absent: no sums.
   */
  stats?: { input: boolean; output: boolean; slot: GpuBuffer; reduced: GpuBuffer };
}

/** How a field of `rows` × `channels` splits into blocks under the binding limit. */
export interface FieldBlocks {
  /** Rows per block: a multiple of TILE_ROWS, or every row when one block. */
  blockRows: number;
  blocks: number;
}

/** Bytes of a float32 field. */
function fieldBytes(rows: number, channels: number): number {
  return rows * channels * 4;
}

/**
 * The blocks of a field under `bindingBytes` (one when it fits one binding), or a ResourceError when a block cannot
 * hold one tile of rows.
 */
export function fieldBlocks(
  rows: number,
  channels: number,
  bindingBytes: number,
  source = "the GPU's largest storage binding",
): FieldBlocks {
  if (fieldBytes(rows, channels) <= bindingBytes) return { blockRows: Math.max(rows, 1), blocks: 1 };
  const tiles = Math.floor(bindingBytes / fieldBytes(TILE_ROWS, channels));
  if (tiles < 1) {
    throw new ResourceError(
      "emtd/engine (webgpu)",
      `one block of ${TILE_ROWS} rows × ${channels} channels of a field in blocks`,
      fieldBytes(TILE_ROWS, channels),
      bindingBytes,
      source,
    );
  }
  const blockRows = tiles * TILE_ROWS;
  return { blockRows, blocks: Math.ceil(rows / blockRows) };
}

/** The partial sums' sizes of a field: lanes, values per lane F, the first reduction's groups (padded to 256 bytes). */
export interface StatsLayout {
  lanes: number;
  width: number;
  groups: number;
  paddedGroups: number;
  slotBytes: number;
  reducedSlotBytes: number;
}

export function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The partial sums' sizes of a field of `rows` × `channels`, `perColumn` sums per column of a lane. */
export function statsLayout(rows: number, channels: number, perColumn = STATS_PER_COLUMN): StatsLayout {
  const lanes = Math.max(1, Math.ceil(rows / TILE_ROWS)) * WORKGROUP;
  const width = perColumn * channels;
  const groups = Math.ceil(lanes / REDUCE_FAN);
  const unit = 256 / gcd(256, 4 * width);
  const paddedGroups = Math.ceil(groups / unit) * unit;
  return { lanes, width, groups, paddedGroups, slotBytes: lanes * width * 4, reducedSlotBytes: paddedGroups * width * 4 };
}

/** Slots of `reduced` a call of `steps` steps fills with sums of its input and/or output as `stats` asks. */
export function statsSlots(steps: number, stats: { input: boolean; output: boolean } | undefined | null): number {
  if (!stats) return 0;
  return Math.max(0, steps - 1) + (stats.input && steps > 0 ? 1 : 0) + (stats.output ? 1 : 0);
}

/** Bytes of one step dispatch's parameter block (a multiple of the uniform offset alignment). */
export function paramsStride(channels: number): number {
  return Math.ceil((PARAMS_HEADER_BYTES + 16 * quads(channels)) / 256) * 256;
}

const pipelines = new WeakMap<GpuDevice, Map<string, GpuPipeline>>();

export function pipelineOf(device: GpuDevice, key: string, code: () => string): GpuPipeline {
  let cache = pipelines.get(device);
  if (cache === undefined) pipelines.set(device, (cache = new Map()));
  let pipeline = cache.get(key);
  if (pipeline === undefined) {
    pipeline = device.createComputePipeline({
      layout: "auto",
      compute: { module: device.createShaderModule({ code: code() }), entryPoint: "main" },
    });
    cache.set(key, pipeline);
  }
  return pipeline;
}

/** The block ids whose rows hold rows [first, last] (mod rows), in order of first appearance. */
function blocksOf(first: number, last: number, rows: number, blockRows: number): number[] {
  const out: number[] = [];
  const add = (a: number, b: number) => {
    for (let k = Math.floor(a / blockRows); k <= Math.floor(b / blockRows); k++) if (!out.includes(k)) out.push(k);
  };
  if (last - first + 1 >= rows) add(0, rows - 1);
  else if (first < 0) {
    add(first + rows, rows - 1);
    add(0, last);
  } else if (last >= rows) {
    add(first, rows - 1);
    add(0, last - rows);
  } else add(first, last);
  return out;
}

/** The input blocks block `b`'s rows read (module comment), or every block. */
export function inputBlocks(call: Pick<StepCall, "source" | "graph">, layout: FieldBlocks, b: number): number[] {
  const { blocks, blockRows } = layout;
  if (blocks === 1) return [0];
  if (call.source === "gradient") return [b];
  const { kind, rows, width } = call.graph;
  const all = Array.from({ length: blocks }, (_, k) => k);
  if (kind !== "ring" && kind !== "torus") return all;
  const r0 = b * blockRows;
  const r1 = Math.min(rows, r0 + blockRows) - 1;
  const own = blocksOf(r0 - width, r1 + width, rows, blockRows);
  const ordered = [b, ...own.filter((k) => k !== b)];
  return ordered.length <= MAX_INPUTS ? ordered : all;
}

/** A sub-range binding of `buffer`. */
export function range(buffer: GpuBuffer, offset: number, size: number) {
  return { buffer, offset, size };
}

/** Workgroups as a grid under the device's per-dimension limit. */
export function grid(device: GpuDevice, workgroups: number): [number, number] {
  const most = device.limits.maxComputeWorkgroupsPerDimension ?? 65535;
  const x = Math.max(1, Math.min(workgroups, most));
  return [x, Math.ceil(workgroups / x)];
}

/**
 * Encode `call` into `encoder` (module comment); returns the buffers it made (its uniforms), which the caller
 * destroys once the encoder is submitted. Throws a ResourceError (before encoding anything) where the blocks would need more
 * bindings than the device has, or a CSR array above the binding limit.
 */
export function encodeSteps(gpu: StepDevice, encoder: GpuEncoder, call: StepCall): GpuBuffer[] {
  const { device } = gpu;
  const { graph, channels: C, steps } = call;
  const K = steps.length;
  const rows = graph.rows;
  const layout = fieldBlocks(rows, C, gpu.bindingBytes, gpu.bindingSource);
  const stats = call.stats;
  const sums = stats === undefined ? null : statsLayout(rows, C);
  const csr = graph.csr === undefined ? [] : [graph.csr.rowPtr, graph.csr.col, ...(graph.csr.weight ? [graph.csr.weight] : [])];
  for (const buffer of csr) {
    if (buffer.size > gpu.bindingBytes) {
      throw new ResourceError(
        "emtd/engine (webgpu)",
        "a CSR array of the graph in one GPU binding",
        buffer.size,
        gpu.bindingBytes,
        gpu.bindingSource,
      );
    }
  }
  const inputsPerBlock = Array.from({ length: layout.blocks }, (_, b) => inputBlocks(call, layout, b));
  const inputs = Math.max(...inputsPerBlock.map((ids) => ids.length));
  const shape: StepShape = { kind: graph.kind, channels: C, source: call.source, stats: sums !== null, inputs };
  const others = stepBindings({ ...shape, inputs: 0 }).length;
  if (others + inputs > gpu.storageBuffers) {
    throw new ResourceError(
      "emtd/engine (webgpu)",
      `the storage bindings of a ${graph.kind} step over ${layout.blocks} blocks`,
      others + inputs,
      gpu.storageBuffers,
      "the GPU's storage buffers per shader stage (maxStorageBuffersPerShaderStage)",
    );
  }
  const passes = K + (stats?.output ? 1 : 0);
  const stride = paramsStride(C);
  const params = device.createBuffer({ size: Math.max(256, passes * layout.blocks * stride), usage: BUFFER.UNIFORM | BUFFER.COPY_DST });
  const data = new ArrayBuffer(Math.max(256, passes * layout.blocks * stride));
  const words = new Uint32Array(data);
  const floats = new Float32Array(data);
  const stepPipeline = pipelineOf(device, stepKey(shape), () => stepWgsl(shape));
  const made = [params];
  const fieldOf = (j: number): GpuBuffer => ((K - 1 - j) % 2 === 0 ? call.output! : call.scratch!);
  let slot = 0;
  const fieldBytesOf = (r0: number, r1: number) => fieldBytes(r1 - r0, C);
  // A dispatch that writes nothing still binds an output: a few bytes of `params` stand in (never written).
  const nowhere = device.createBuffer({ size: 256, usage: BUFFER.STORAGE });
  for (let j = 0; j < passes; j++) {
    const write = j < K;
    const source = j === 0 ? call.input : fieldOf(j - 1);
    const target = write ? fieldOf(j) : null;
    const step = write ? steps[j]! : { a: 0, b: 0, sigma: 0, key0: 0, key1: 0 };
    const reduced = sums !== null && (j > 0 || stats!.input || !write);
    for (let b = 0; b < layout.blocks; b++) {
      const at = (j * layout.blocks + b) * stride;
      const r0 = b * layout.blockRows;
      const r1 = Math.min(rows, r0 + layout.blockRows);
      const ids = inputsPerBlock[b]!;
      const tiles = Math.ceil((r1 - r0) / TILE_ROWS);
      const [x, y] = grid(device, tiles * quads(C));
      words.set([rows, graph.width, step.key0 >>> 0, step.key1 >>> 0], at / 4);
      floats.set([step.a, step.b, step.sigma], at / 4 + 4);
      words.set(
        [write ? 1 : 0, r0, r1, layout.blocks === 1 ? rows + 1 : layout.blockRows, x, ...[0, 1, 2, 3].map((m) => ids[m] ?? 0)],
        at / 4 + 7,
      );
      // The shift s = x₀ of the pass's input, copied into its parameters on the device.
      if (sums !== null) encoder.copyBufferToBuffer(source, 0, params, at + PARAMS_HEADER_BYTES, 4 * C);
      const entries: Array<{ buffer: GpuBuffer; offset: number; size: number }> = [];
      entries.push(target === null ? range(nowhere, 0, 256) : range(target, fieldBytes(r0, C), fieldBytesOf(r0, r1)));
      if (sums !== null) {
        const lanes0 = (r0 / TILE_ROWS) * WORKGROUP;
        entries.push(range(stats!.slot, lanes0 * sums.width * 4, tiles * WORKGROUP * sums.width * 4));
      }
      for (const id of ids) {
        const b0 = id * layout.blockRows;
        entries.push(range(source, fieldBytes(b0, C), fieldBytesOf(b0, Math.min(rows, b0 + layout.blockRows))));
      }
      for (let m = ids.length; m < inputs; m++) entries.push(entries[entries.length - 1]!);
      if (call.source === "gradient") entries.push(range(call.gradient!, fieldBytes(r0, C), fieldBytesOf(r0, r1)));
      else for (const buffer of csr) entries.push(range(buffer, 0, buffer.size));
      dispatch(gpu, encoder, stepPipeline, range(params, at, stride), entries, [x, y]);
    }
    if (reduced) made.push(encodeReduction(gpu, encoder, { rows, sums: sums!, slot: stats!.slot, reduced: stats!.reduced, index: slot++ }));
  }
  device.queue.writeBuffer(params, 0, new Uint8Array(data));
  return [...made, nowhere];
}

/**
 * Encode the first reduction of the partial sums in `slot` ([lanes][width]) into row `index` of `reduced`
 * ([slots][paddedGroups][width]), in chunks of whole groups under the binding limit (each chunk's output at a multiple
 * of 256 bytes); returns its uniform buffer, which the caller destroys once the encoder is submitted.
 */
export function encodeReduction(
  gpu: StepDevice,
  encoder: GpuEncoder,
  o: { rows: number; sums: StatsLayout; slot: GpuBuffer; reduced: GpuBuffer; index: number },
): GpuBuffer {
  const { device } = gpu;
  const { sums } = o;
  const unit = 256 / gcd(256, 4 * sums.width);
  const chunkGroups = Math.max(unit, Math.floor(gpu.bindingBytes / (sums.width * 4 * REDUCE_FAN) / unit) * unit);
  const chunkLanes = chunkGroups * REDUCE_FAN;
  const chunks = Math.ceil(sums.lanes / chunkLanes);
  const pipeline = pipelineOf(device, shaderKey("reduce"), () => reduceWgsl());
  // The lane that holds the last row (reduceWgsl: where the bound range stands in the field).
  const lastLane = Math.floor((o.rows - 1) / TILE_ROWS) * WORKGROUP + ((o.rows - 1) % WORKGROUP);
  const params = device.createBuffer({ size: chunks * 256, usage: BUFFER.UNIFORM | BUFFER.COPY_DST });
  const words = new Uint32Array(chunks * 64);
  for (let k = 0; k < chunks; k++) {
    const first = k * chunkLanes;
    const lanes = Math.min(sums.lanes, first + chunkLanes) - first;
    const firstGroup = first / REDUCE_FAN;
    const groups = k === chunks - 1 ? sums.paddedGroups - firstGroup : lanes / REDUCE_FAN;
    const [x, y] = grid(device, Math.ceil((groups * sums.width) / WORKGROUP));
    words.set([lanes, sums.width, groups, x, lastLane, first, 0, 0], k * 64);
    const out = range(o.reduced, o.index * sums.reducedSlotBytes + firstGroup * sums.width * 4, groups * sums.width * 4);
    const input = range(o.slot, first * sums.width * 4, lanes * sums.width * 4);
    dispatch(gpu, encoder, pipeline, range(params, k * 256, 32), [out, input], [x, y]);
  }
  device.queue.writeBuffer(params, 0, words);
  return params;
}

/** One dispatch in a pass of its own: the uniform block, then the storage bindings in order; counted. */
export function dispatch(
  gpu: StepDevice,
  encoder: GpuEncoder,
  pipeline: GpuPipeline,
  uniform: { buffer: GpuBuffer; offset: number; size: number },
  storage: Array<{ buffer: GpuBuffer; offset: number; size: number }>,
  [x, y]: [number, number],
): void {
  const group = gpu.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [uniform, ...storage].map((resource, binding) => ({ binding, resource })),
  });
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  pass.dispatchWorkgroups(x, y);
  pass.end();
  gpu.count(storage.reduce((s, r) => s + r.size, 0));
}
