/**
 * MALA's correction on the device, for the interaction H = J tr(Xᵀ L X): one pass over the field X and its proposal Y
 * (Y = X − h∇H(X) + √(2hT) ξ, the fused step's, fused-stepper.ts) that forms per lane and column, in the layout of the
 * step's partial sums (step-wgsl.ts):
 *
 * - d = Σ (y·L y − x·L x), the energy difference row by row (so ΔH = J·Σ_c d_c is a sum of small differences, not the
 *   difference of two sums of the size of H);
 * - a = Σ (2(x − y) + h(g_y − g_x))·h(g_x + g_y), g = 2J·L: the proposal's asymmetry
 *   ‖x − y + h g_y‖² − ‖y − x + h g_x‖² in product form, entry by entry;
 * - Σ y·L y, Σ (y − s), Σ (y − s)² about s = y₀, and s: Y's H, consensus error and mean field, where it is accepted.
 *
 * Their first reduction is the step's (`encodeReduction`); the accept/reject and the kept field follow on the device
 * (mala-step-webgpu.ts).
 */
import { BUFFER, type GpuBuffer, type GpuEncoder } from "../../../webgpu-api";
import {
  dispatch,
  encodeReduction,
  fieldBlocks,
  grid,
  inputBlocks,
  paramsStride,
  pipelineOf,
  range,
  type StatsLayout,
  type StepDevice,
  type StepGraph,
} from "./fused-stepper";
import {
  bindingsWgsl,
  flatEntry,
  LANE_ROWS_WGSL,
  laplacianWgsl,
  PARAMS_HEADER_BYTES,
  partialsWgsl,
  quads,
  readWgsl,
  TILE_ROWS,
  tiledEntry,
  tiledPreamble,
  WORKGROUP,
} from "./step-wgsl";
import { shaderKey, shaderSource } from "./shader-seam";
import { ResourceError } from "../../../../errors";

/** Sums per column of a lane: d, a, Σ y·Ly, Σ (y − s), Σ (y − s)², s. */
export const MALA_SUMS_PER_COLUMN = 6;

/** The correction's bindings in order (after the uniforms at 0). */
function malaBindings(kind: StepGraph["kind"], inputs: number): Array<{ name: string; write: boolean }> {
  const out = [{ name: "Partial", write: true }];
  for (const field of ["X", "Y"]) for (let m = 0; m < inputs; m++) out.push({ name: `${field}${m}`, write: false });
  if (kind === "csr" || kind === "weighted") out.push({ name: "RowPtr", write: false }, { name: "Col", write: false });
  if (kind === "weighted") out.push({ name: "Weight", write: false });
  return out;
}

/** The correction pass's WGSL (module comment). Uniforms as the step's: `a` is h, `b` the gradient's scale 2J. */
export function malaWgsl(kind: StepGraph["kind"], channels: number, inputs: number): string {
  const C = channels;
  const F = MALA_SUMS_PER_COLUMN * C;
  return shaderSource(
    "mala",
    /* wgsl */ `
${tiledPreamble(C)}
${bindingsWgsl(malaBindings(kind, inputs))}
${readWgsl(inputs, "X")}
${readWgsl(inputs, "Y")}
${laplacianWgsl(kind, "X")}
${laplacianWgsl(kind, "Y")}

${tiledEntry(C)}
  let h = p.a;
  var d = vec4<f32>(0.0);
  var asym = vec4<f32>(0.0);
  var ey = vec4<f32>(0.0);
  var s1 = vec4<f32>(0.0);
  var s2 = vec4<f32>(0.0);
${LANE_ROWS_WGSL}
    for (var j = 0u; j < 4u; j++) {
      let c = q * 4u + j;
      if (c < C) {
        let xi = readX(i, c);
        let yi = readY(i, c);
        let lx = lapX(i, c);
        let ly = lapY(i, c);
        let gx = p.b * lx;
        let gy = p.b * ly;
        d[j] = d[j] + (yi * ly - xi * lx);
        asym[j] = asym[j] + (2.0 * (xi - yi) + h * (gy - gx)) * (h * (gx + gy));
        ey[j] = ey[j] + yi * ly;
        let u = yi - shift[j];
        s1[j] = s1[j] + u;
        s2[j] = s2[j] + u * u;
      }
    }
  }
${partialsWgsl(F, ["d", "asym", "ey", "s1", "s2"])}
}
`,
  );
}

/** One correction pass: its inputs, its step h and gradient scale 2J, and where its sums go. */
export interface MalaCall {
  graph: StepGraph;
  channels: number;
  x: GpuBuffer;
  y: GpuBuffer;
  h: number;
  scale: number;
  sums: StatsLayout;
  slot: GpuBuffer;
  /** [1][paddedGroups][6C]. */
  reduced: GpuBuffer;
}

/**
 * Encode the correction pass (block by block, as the step) and its first reduction; returns the uniform buffers,
 * which the caller destroys once the encoder is submitted.
 */
export function encodeMalaSums(gpu: StepDevice, encoder: GpuEncoder, call: MalaCall): GpuBuffer[] {
  const { device } = gpu;
  const { graph, channels: C, sums } = call;
  const rows = graph.rows;
  const layout = fieldBlocks(rows, C, gpu.bindingBytes, gpu.bindingSource);
  const perBlock = Array.from({ length: layout.blocks }, (_, b) => inputBlocks({ source: "graph", graph }, layout, b));
  const inputs = Math.max(...perBlock.map((ids) => ids.length));
  const bindings = malaBindings(graph.kind, inputs).length;
  if (bindings > gpu.storageBuffers) {
    throw new ResourceError(
      "emtd/engine (webgpu)",
      `the storage bindings of MALA's correction on a ${graph.kind} graph over ${layout.blocks} blocks`,
      bindings,
      gpu.storageBuffers,
      "the GPU's storage buffers per shader stage (maxStorageBuffersPerShaderStage)",
    );
  }
  const pipeline = pipelineOf(device, shaderKey(`mala:${graph.kind}:${C}:${inputs}`), () => malaWgsl(graph.kind, C, inputs));
  const stride = paramsStride(C);
  const params = device.createBuffer({ size: layout.blocks * stride, usage: BUFFER.UNIFORM | BUFFER.COPY_DST });
  const data = new ArrayBuffer(layout.blocks * stride);
  const words = new Uint32Array(data);
  const floats = new Float32Array(data);
  const csr = graph.csr === undefined ? [] : [graph.csr.rowPtr, graph.csr.col, ...(graph.csr.weight ? [graph.csr.weight] : [])];
  const bytes = (r0: number, r1: number) => (r1 - r0) * C * 4;
  for (let b = 0; b < layout.blocks; b++) {
    const at = b * stride;
    const r0 = b * layout.blockRows;
    const r1 = Math.min(rows, r0 + layout.blockRows);
    const ids = perBlock[b]!;
    const tiles = Math.ceil((r1 - r0) / TILE_ROWS);
    const [x, y] = grid(device, tiles * quads(C));
    words.set([rows, graph.width, 0, 0], at / 4);
    floats.set([call.h, call.scale, 0], at / 4 + 4);
    words.set([0, r0, r1, layout.blocks === 1 ? rows + 1 : layout.blockRows, x, ...[0, 1, 2, 3].map((m) => ids[m] ?? 0)], at / 4 + 7);
    encoder.copyBufferToBuffer(call.y, 0, params, at + PARAMS_HEADER_BYTES, 4 * C);
    const entries = [range(call.slot, (r0 / TILE_ROWS) * WORKGROUP * sums.width * 4, tiles * WORKGROUP * sums.width * 4)];
    for (const field of [call.x, call.y]) {
      for (let m = 0; m < inputs; m++) {
        const b0 = ids[Math.min(m, ids.length - 1)]! * layout.blockRows;
        entries.push(range(field, b0 * C * 4, bytes(b0, Math.min(rows, b0 + layout.blockRows))));
      }
    }
    for (const buffer of csr) entries.push(range(buffer, 0, buffer.size));
    dispatch(gpu, encoder, pipeline, range(params, at, stride), entries, [x, y]);
  }
  device.queue.writeBuffer(params, 0, new Uint8Array(data));
  const reduction = encodeReduction(gpu, encoder, { rows, sums, slot: call.slot, reduced: call.reduced, index: 0 });
  return [params, reduction];
}

/**
 * The kept field: Out = X in the columns of each chain whose decision (its first number, at 4r for chain r: one field
 * is chain 0) rejected, else Out (the proposal) left as it is. Uniforms: entries of the block, workgroups per line,
 * columns C and columns per chain d.
 */
const KEEP_WGSL = /* wgsl */ `
struct Keep { count: u32, linesX: u32, columns: u32, perChain: u32 };
@group(0) @binding(0) var<uniform> k: Keep;
@group(0) @binding(1) var<storage, read_write> Out: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
@group(0) @binding(3) var<storage, read> Decision: array<f32>;

${flatEntry("index", "k")}
  if (index < k.count && Decision[4u * ((index % k.columns) / k.perChain)] != 1.0) { Out[index] = X[index]; }
}
`;

/**
 * Encode the kept field block by block (each dispatch binds one block of X and of the proposal, and the decision);
 * returns the uniform buffer, which the caller destroys once the encoder is submitted.
 */
export function encodeKeep(
  gpu: StepDevice,
  encoder: GpuEncoder,
  o: { rows: number; channels: number; chains: number; x: GpuBuffer; out: GpuBuffer; decision: GpuBuffer },
): GpuBuffer {
  const { device } = gpu;
  const layout = fieldBlocks(o.rows, o.channels, gpu.bindingBytes, gpu.bindingSource);
  const pipeline = pipelineOf(device, "mala-keep", () => KEEP_WGSL);
  const params = device.createBuffer({ size: layout.blocks * 256, usage: BUFFER.UNIFORM | BUFFER.COPY_DST });
  const words = new Uint32Array(layout.blocks * 64);
  for (let b = 0; b < layout.blocks; b++) {
    const r0 = b * layout.blockRows;
    const r1 = Math.min(o.rows, r0 + layout.blockRows);
    const count = (r1 - r0) * o.channels;
    const [x, y] = grid(device, Math.ceil(count / WORKGROUP));
    words.set([count, x, o.channels, o.channels / o.chains], b * 64);
    const block = [r0 * o.channels * 4, count * 4] as const;
    dispatch(
      gpu,
      encoder,
      pipeline,
      range(params, b * 256, 16),
      [range(o.out, ...block), range(o.x, ...block), range(o.decision, 0, o.decision.size)],
      [x, y],
    );
  }
  device.queue.writeBuffer(params, 0, words);
  return params;
}
