/**
 * K checkerboard Metropolis sweeps of R Ising lattices in one command buffer (ising-webgpu.ts runs it for
 * `EmtdIsingSteps` and `EmtdIsingSweep`), with each sweep's counts formed in the same passes and summed without a
 * workgroup barrier. The spins are the samplers' [N, R] float32 ±1 (N = L², node-major, replicas last), updated in
 * place in the output buffer (a copy of the input): a colour's sites read only sites of the other colour, which its
 * pass does not write.
 *
 * Per sweep, three dispatches:
 * 1. colour 0: every site (r, c) with r + c even proposes s → −s, accepted when ΔE = 2 s Σ_nb s' ≤ 0 or u < e^{−β ΔE},
 *    u from Philox4x32-10 at counter (r·L + c, word, k, 0) under the sweep's key (its top 24 bits); each lane counts
 *    its flips and Σ s over its sites after the update;
 * 2. colour 1: the same for r + c odd; each lane adds its flips and Σ s and forms −Σ s·Σ_nb s' over its sites, which
 *    is H = −Σ_⟨ij⟩ s_i s_j exactly (on the even periodic lattice every bond has one endpoint of colour 1, whose
 *    neighbours this pass does not change), and writes (flips, H, M) for its lane;
 * 3. the first reduction: sweep t's lanes summed per replica and count into row t of [K][groups][3R], REDUCE_FAN
 *    lanes per invocation in a register.
 * Then one dispatch per call sums the groups: [K, R, 3] int32 (flips of the sweep, H and M after it), or, for
 * `EmtdIsingSweep`, [R, 3] (flips over all the sweeps, H and M after the last). Integer sums: exact in any order.
 *
 * A lane is one invocation g = lane·R + k (replica k, neighbouring invocations on neighbouring memory), taking the
 * colour's sites m = lane + j·lanes, j < SITES_PER_LANE, of the L²/2 the colour has: row m / (L/2), column
 * 2·(m mod L/2) + ((row + colour) mod 2).
 */
import { ResourceError } from "../../../../errors";
import { BUFFER, type GpuBuffer, type GpuEncoder } from "../../../webgpu-api";
import { dispatch, grid, pipelineOf, range, type StepDevice } from "./fused-stepper";
import { flatEntry, PHILOX_WGSL, REDUCE_FAN, WORKGROUP } from "./step-wgsl";
import { shaderKey, shaderSource } from "./shader-seam";

/** Sites of one colour each lane (invocation) updates per sweep. */
export const SITES_PER_LANE = 16;

/** Counts per replica of a sweep: flips, H, M. */
export const ISING_COUNTS = 3;

/** One sweep of a call: the key its uniforms are drawn under, the counter word, and β of each replica. */
export interface IsingSweepCall {
  key0: number;
  key1: number;
  /** The second word of the Philox counter (0 for the samplers' sweeps, the sweep's index for `EmtdIsingSweep`). */
  word: number;
  /** β per replica (length R). */
  betas: readonly number[];
}

/** The sizes of a call's lanes and sums. */
export interface IsingLayout {
  /** Sites of one colour per lattice: L²/2. */
  half: number;
  /** Lanes per replica. */
  lanes: number;
  /** Groups of the first reduction. */
  groups: number;
  /** Counts per group: 3R. */
  width: number;
}

export function isingLayout(side: number, replicas: number): IsingLayout {
  const half = (side * side) / 2;
  const lanes = Math.max(1, Math.ceil(half / SITES_PER_LANE));
  return { half, lanes, groups: Math.ceil(lanes / REDUCE_FAN), width: ISING_COUNTS * replicas };
}

/** The uniform block every dispatch of a call reads (its own 256-byte slice of one buffer). */
const PARAMS_WGSL = /* wgsl */ `
struct Params {
  side: u32, replicas: u32, lanes: u32, half: u32,
  colour: u32, word: u32, key0: u32, key1: u32,
  betaRow: u32, linesX: u32, row: u32, groups: u32,
  width: u32, sweeps: u32, totals: u32, pad: u32,
};
@group(0) @binding(0) var<uniform> p: Params;
`;

const PARAMS_BYTES = 256;

/** A colour's pass (module comment, 1 and 2). */
function colourWgsl(): string {
  return shaderSource(
    "ising-colour",
    /* wgsl */ `
${PARAMS_WGSL}
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
@group(0) @binding(2) var<storage, read_write> Slot: array<i32>;
@group(0) @binding(3) var<storage, read> Betas: array<f32>;
${PHILOX_WGSL}
fn at(r: u32, c: u32, k: u32) -> u32 { return (r * p.side + c) * p.replicas + k; }

${flatEntry("g", "p")}
  if (g >= p.lanes * p.replicas) { return; }
  let k = g % p.replicas;
  let lane = g / p.replicas;
  let L = p.side;
  let halfRow = L / 2u;
  let beta = Betas[p.betaRow * p.replicas + k];
  var flips = 0;
  var magnet = 0;
  var bonds = 0;
  for (var j = 0u; j < ${SITES_PER_LANE}u; j++) {
    let m = lane + j * p.lanes;
    if (m >= p.half) { break; }
    let r = m / halfRow;
    let c = 2u * (m % halfRow) + ((r + p.colour) & 1u);
    let i = at(r, c, k);
    let s = S[i];
    let nb = S[at(r, (c + L - 1u) % L, k)] + S[at(r, (c + 1u) % L, k)] + S[at((r + L - 1u) % L, c, k)] + S[at((r + 1u) % L, c, k)];
    let dE = 2.0 * s * nb;
    var flip = dE <= 0.0;
    if (!flip) {
      let w = philox(vec4<u32>(r * L + c, p.word, k, 0u), vec2<u32>(p.key0, p.key1));
      flip = f32(w.x >> 8u) * 5.9604644775390625e-8 < exp(-beta * dE);
    }
    var now = s;
    if (flip) {
      now = -s;
      S[i] = now;
      flips = flips + 1;
    }
    magnet = magnet + i32(now);
    bonds = bonds - i32(now * nb);
  }
  let record = g * ${ISING_COUNTS}u;
  if (p.colour == 0u) {
    Slot[record] = flips;
    Slot[record + 2u] = magnet;
  } else {
    Slot[record] = Slot[record] + flips;
    Slot[record + 1u] = bonds;
    Slot[record + 2u] = Slot[record + 2u] + magnet;
  }
}
`,
  );
}

/** The first reduction (module comment, 3): Slot [lanes][3R] → Reduced[row][groups][3R]. */
const REDUCE_WGSL = /* wgsl */ `
${PARAMS_WGSL}
@group(0) @binding(1) var<storage, read_write> Reduced: array<i32>;
@group(0) @binding(2) var<storage, read> Slot: array<i32>;

${flatEntry("index", "p")}
  if (index >= p.groups * p.width) { return; }
  let j = index / p.width;
  let f = index - j * p.width;
  var acc = 0;
  let end = min(p.lanes, (j + 1u) * ${REDUCE_FAN}u);
  for (var l = j * ${REDUCE_FAN}u; l < end; l++) { acc = acc + Slot[l * p.width + f]; }
  Reduced[(p.row * p.groups + j) * p.width + f] = acc;
}
`;

/**
 * The groups summed (module comment): Out[t][f] = Σ_j Reduced[t][j][f] for every sweep t; or, `totals`, Out[f] the
 * flips summed over the sweeps (f = 0 mod 3) and H and M of the last sweep.
 */
const FINAL_WGSL = /* wgsl */ `
${PARAMS_WGSL}
@group(0) @binding(1) var<storage, read_write> Out: array<i32>;
@group(0) @binding(2) var<storage, read> Reduced: array<i32>;

fn groupSum(t: u32, f: u32) -> i32 {
  var acc = 0;
  for (var j = 0u; j < p.groups; j++) { acc = acc + Reduced[(t * p.groups + j) * p.width + f]; }
  return acc;
}

${flatEntry("index", "p")}
  if (p.totals == 0u) {
    if (index >= p.sweeps * p.width) { return; }
    Out[index] = groupSum(index / p.width, index % p.width);
    return;
  }
  if (index >= p.width) { return; }
  if (index % ${ISING_COUNTS}u != 0u) {
    Out[index] = groupSum(p.sweeps - 1u, index);
    return;
  }
  var flips = 0;
  for (var t = 0u; t < p.sweeps; t++) { flips = flips + groupSum(t, index); }
  Out[index] = flips;
}
`;

/** What one call runs and where (module comment). */
export interface IsingCall {
  side: number;
  replicas: number;
  sweeps: readonly IsingSweepCall[];
  /** The spins before the sweeps, [N, R] float32. */
  input: GpuBuffer;
  /** The spins after them (written in place after a copy of the input). */
  output: GpuBuffer;
  /** [lanes·R][3] int32 scratch. */
  slot: GpuBuffer;
  /** [K][groups][3R] int32 scratch. */
  reduced: GpuBuffer;
  /** [K][R][3] int32, or [R][3] where `totals`. */
  counts: GpuBuffer;
  /** β rows, [rows][R] float32 (`betaRows` says which row each sweep reads). */
  betas: GpuBuffer;
  betaRows: readonly number[];
  totals: boolean;
}

/**
 * The distinct β rows of `sweeps` (most calls have one) and the row each sweep reads: what the caller uploads as
 * `betas`.
 */
export function betaTable(sweeps: readonly IsingSweepCall[]): { rows: Float32Array; index: number[] } {
  const seen = new Map<string, number>();
  const rows: number[] = [];
  const index = sweeps.map((s) => {
    const name = s.betas.join(",");
    let row = seen.get(name);
    if (row === undefined) {
      row = seen.size;
      seen.set(name, row);
      rows.push(...s.betas);
    }
    return row;
  });
  return { rows: Float32Array.from(rows), index };
}

/**
 * Refuse, before any work, spins that one binding cannot hold (the sweep reads its neighbours anywhere in the lattice:
 * it does not go in blocks): a ResourceError naming the tensor and the limit.
 */
export function checkIsingBinding(gpu: StepDevice, shape: readonly number[], bytes: number): void {
  if (bytes > gpu.bindingBytes) {
    throw new ResourceError(
      "emtd/engine (webgpu)",
      `a tensor of shape [${shape}] in one GPU binding`,
      bytes,
      gpu.bindingBytes,
      `the GPU's largest storage binding: ${gpu.bindingSource}`,
    );
  }
}

/** Encode `call` into `encoder` (module comment); returns its uniform buffer, which the caller destroys once submitted. */
export function encodeIsingSweeps(gpu: StepDevice, encoder: GpuEncoder, call: IsingCall): GpuBuffer {
  const { device } = gpu;
  const { side, replicas: R, sweeps } = call;
  const K = sweeps.length;
  const layout = isingLayout(side, R);
  const spinBytes = side * side * R * 4;
  const colour = pipelineOf(device, shaderKey("ising-colour"), () => colourWgsl());
  const reduce = pipelineOf(device, "ising-reduce", () => REDUCE_WGSL);
  const final = pipelineOf(device, "ising-final", () => FINAL_WGSL);
  const blocks = 3 * K + 1;
  const params = device.createBuffer({ size: blocks * PARAMS_BYTES, usage: BUFFER.UNIFORM | BUFFER.COPY_DST });
  const words = new Uint32Array((blocks * PARAMS_BYTES) / 4);
  const block = (b: number, values: Partial<Record<ParamName, number>>) => {
    PARAM_NAMES.forEach((name, i) => (words[(b * PARAMS_BYTES) / 4 + i] = (values[name] ?? 0) >>> 0));
    return range(params, b * PARAMS_BYTES, PARAM_NAMES.length * 4);
  };
  const shared = { side, replicas: R, lanes: layout.lanes, half: layout.half, groups: layout.groups, width: layout.width };
  const slotBytes = layout.lanes * layout.width * 4;
  const reducedBytes = K * layout.groups * layout.width * 4;
  const betaBytes = (Math.max(...call.betaRows) + 1) * R * 4;
  encoder.copyBufferToBuffer(call.input, 0, call.output, 0, spinBytes);
  const [cx, cy] = grid(device, Math.ceil((layout.lanes * R) / WORKGROUP));
  const [rx, ry] = grid(device, Math.ceil((layout.groups * layout.width) / WORKGROUP));
  for (let t = 0; t < K; t++) {
    const s = sweeps[t]!;
    for (let c = 0; c < 2; c++) {
      const uniforms = block(3 * t + c, {
        ...shared,
        colour: c,
        word: s.word,
        key0: s.key0,
        key1: s.key1,
        betaRow: call.betaRows[t]!,
        linesX: cx,
      });
      const storage = [range(call.output, 0, spinBytes), range(call.slot, 0, slotBytes), range(call.betas, 0, betaBytes)];
      dispatch(gpu, encoder, colour, uniforms, storage, [cx, cy]);
    }
    const uniforms = block(3 * t + 2, { ...shared, row: t, linesX: rx });
    dispatch(gpu, encoder, reduce, uniforms, [range(call.reduced, 0, reducedBytes), range(call.slot, 0, slotBytes)], [rx, ry]);
  }
  const outputs = call.totals ? layout.width : K * layout.width;
  const [fx, fy] = grid(device, Math.ceil(outputs / WORKGROUP));
  const uniforms = block(3 * K, { ...shared, sweeps: K, totals: call.totals ? 1 : 0, linesX: fx });
  dispatch(gpu, encoder, final, uniforms, [range(call.counts, 0, outputs * 4), range(call.reduced, 0, reducedBytes)], [fx, fy]);
  device.queue.writeBuffer(params, 0, words);
  return params;
}

const PARAM_NAMES = [
  "side",
  "replicas",
  "lanes",
  "half",
  "colour",
  "word",
  "key0",
  "key1",
  "betaRow",
  "linesX",
  "row",
  "groups",
  "width",
  "sweeps",
  "totals",
  "pad",
] as const;
type ParamName = (typeof PARAM_NAMES)[number];
