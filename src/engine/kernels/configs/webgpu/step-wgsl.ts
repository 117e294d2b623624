/**
 * The one WGSL step of the WebGPU path, the product's and the bench's: out = a·x + b·(L x | G) + σ·ξ over a field
 * X [N, C] (the Laplacian product, the Langevin step, the noisy descent, the interaction's gradient), with the step's
 * partial sums formed in the same pass: per lane and column, Σ x·(L x) (the interaction energy's terms), Σ (x − s)
 * and Σ (x − s)² about the shift s = x₀ (row 0: the consensus error and the mean field in one pass), and s itself
 * (written by lane 0 only, so its sum over lanes is s exactly). fused-stepper.ts encodes K such passes per call and
 * reduces their partials without a workgroup barrier (reduceWgsl: a sum per invocation in a register).
 *
 * Layout. A lane is one invocation; WORKGROUP lanes make a tile of TILE_ROWS rows, lane ℓ of tile τ taking the rows
 * τ·TILE_ROWS + ℓ + k·WORKGROUP, k < ROWS_PER_LANE (neighbouring lanes read neighbouring rows: the coalesced pattern of
 * a real GPU). A lane takes one quad of ≤ 4 columns of its rows: one Philox draw per row and quad gives its four
 * normals, at counter (row, quad, 0, 0) under the step's key (Box–Muller: philox.ts is its reference), the numbers of
 * `normalAt(row, c)` in graph-program.ts. Blocks of a field above the binding limit are whole tiles, so a lane's
 * rows, its partial sums and every number are the same whether the field runs in one block or many.
 *
 * Reads. X is bound as M ≤ MAX_INPUTS sub-ranges of whole blocks (one when the field fits one binding; the blocks
 * around the dispatch's own for a ring or torus, whose neighbours lie within a halo; all of them for CSR rows);
 * `readX` finds a row in the binding of its block. L x is read from the graph's rule (ring lattice i ± 1…h, torus
 * L×L: no index arrays) or from CSR rows, as Σ_e J_e (x_i − x_j) in float32 in neighbour order.
 */
import { shaderKey, shaderSource } from "./shader-seam";

/** How L x is read: CSR rows with unit or per-entry weights, or a rule (ring lattice i ± 1…h, torus L×L). */
export type GraphKind = "csr" | "weighted" | "ring" | "torus";

/** Lanes (invocations) per workgroup, and per tile. */
export const WORKGROUP = 128;
/** Rows each lane takes per tile. */
export const ROWS_PER_LANE = 32;
/** Rows of a tile: blocks are whole tiles. */
export const TILE_ROWS = WORKGROUP * ROWS_PER_LANE;
/** Most input bindings of X one step dispatch takes. */
export const MAX_INPUTS = 4;
/** Partial sums per column of a lane: Σ x·Lx, Σ (x − s), Σ (x − s)², s. */
export const STATS_PER_COLUMN = 4;

/** Philox4x32-10 in WGSL (philox.ts is its reference): `philox(counter, key)`. */
export const PHILOX_WGSL = /* wgsl */ `
fn mulHiLo(a: u32, b: u32) -> vec2<u32> {
  let aLo = a & 0xffffu; let aHi = a >> 16u;
  let bLo = b & 0xffffu; let bHi = b >> 16u;
  let lolo = aLo * bLo; let lohi = aLo * bHi; let hilo = aHi * bLo; let hihi = aHi * bHi;
  let mid = (lolo >> 16u) + (lohi & 0xffffu) + (hilo & 0xffffu);
  let hi = hihi + (lohi >> 16u) + (hilo >> 16u) + (mid >> 16u);
  let lo = (mid << 16u) | (lolo & 0xffffu);
  return vec2<u32>(hi, lo);
}

fn philox(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = ctr; var k = key;
  for (var r = 0u; r < 10u; r++) {
    let p0 = mulHiLo(0xd2511f53u, c.x);
    let p1 = mulHiLo(0xcd9e8d57u, c.z);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
    k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
  }
  return c;
}
`;

/** Box–Muller in WGSL: two standard normals from two Philox words (philox.ts `philoxNormals` is its reference). */
export const BOX_MULLER_WGSL = /* wgsl */ `
fn boxMuller(a: u32, b: u32) -> vec2<f32> {
  let u1 = (f32(a >> 8u) + 1.0) * 5.9604644775390625e-8;
  let u2 = f32(b >> 8u) * 5.9604644775390625e-8;
  let r = sqrt(-2.0 * log(u1));
  // The angle 2πu₂ − π lies in [−π, π), where WGSL bounds cos and sin (absolute error 2⁻¹¹); (cos, sin)(2πu₂) is its negation.
  let t = 6.283185307179586 * u2 - 3.141592653589793;
  return vec2<f32>(-r * cos(t), -r * sin(t));
}
`;

/**
 * The step parameters of one dispatch, a uniform block (the host writes them: fused-stepper.ts `writeParams`):
 * rows N, width (ring h, torus side), the step's key, a, b, σ, write (0: partial sums only), the dispatch's rows
 * [rowBase, rowEnd), the rows of an input block, workgroups per grid line, the input bindings' block ids, and the
 * shift s (row 0 of the input, copied in on the device before the pass).
 */
export function paramsWgsl(channels: number): string {
  return `struct Params {
  rows: u32, width: u32, key0: u32, key1: u32,
  a: f32, b: f32, sigma: f32, write: u32,
  rowBase: u32, rowEnd: u32, blockRows: u32, linesX: u32,
  ids: vec4<u32>,
  shift: array<vec4<f32>, ${quads(channels)}>,
};`;
}

/** Bytes of the header of a parameter block before the shift. */
export const PARAMS_HEADER_BYTES = 64;

export function quads(channels: number): number {
  return Math.ceil(channels / 4);
}

/**
 * The preamble every tiled pass over a field's rows shares (the step, MALA's correction: mala-stepper.ts): its
 * constants (C columns, the workgroup, the tile and a lane's rows) and the step's uniforms at binding 0.
 */
export function tiledPreamble(channels: number): string {
  return `const C: u32 = ${channels}u;
const WG: u32 = ${WORKGROUP}u;
const TILE: u32 = ${TILE_ROWS}u;
const PER_LANE: u32 = ${ROWS_PER_LANE}u;
${paramsWgsl(channels)}
@group(0) @binding(0) var<uniform> p: Params;`;
}

/**
 * The entry point of a tiled pass, up to its own work (module comment, Layout): the invocation's quad of columns q,
 * its tile, its lane and its first row; a group past the last tile of the last quad returns.
 */
export function tiledEntry(channels: number): string {
  return `@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let group = wid.x + wid.y * p.linesX;
  let tiles = (p.rowEnd - p.rowBase + TILE - 1u) / TILE;
  if (group >= tiles * ${quads(channels)}u) { return; }
  let q = group / tiles;
  let tile = group - q * tiles;
  let lane = tile * WG + lid;
  let first = p.rowBase + tile * TILE + lid;`;
}

/** A tiled pass's loop over its lane's rows i (PER_LANE, WG apart, to the block's end), with the quad's shift; open. */
export const LANE_ROWS_WGSL = `  let shift = p.shift[q];
  for (var k = 0u; k < PER_LANE; k++) {
    let i = first + k * WG;
    if (i >= p.rowEnd) { break; }`;

/**
 * A tiled pass's partial sums written out: the lane's record of `width` numbers holds, per column c of its quad, each
 * of `sums` (vec4s over the quad) at c, C + c, 2C + c, …, and after them the shift s (lane 0 of the field only).
 */
export function partialsWgsl(width: number, sums: readonly string[]): string {
  const at = (k: number) => (k === 0 ? "record + c" : k === 1 ? "record + C + c" : `record + ${k}u * C + c`);
  const lines = [...sums.map((sum, k) => `Partial[${at(k)}] = ${sum}[j];`), `Partial[${at(sums.length)}] = select(0.0, shift[j], own);`];
  return `  let record = lane * ${width}u;
  let own = p.rowBase == 0u && lane == 0u;
  for (var j = 0u; j < 4u; j++) {
    let c = q * 4u + j;
    if (c < C) {
${lines.map((line) => `      ${line}`).join("\n")}
    }
  }`;
}

/**
 * The entry point of a pass over a flat index (a reduction, a colour of the Ising checkerboard, the kept field):
 * `name` = (wid.x + wid.y · linesX) · WORKGROUP + lid, `linesX` read from the uniforms `uniforms`.
 */
export function flatEntry(name: string, uniforms: string): string {
  return `@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let ${name} = (wid.x + wid.y * ${uniforms}.linesX) * ${WORKGROUP}u + lid;`;
}

/** What one compiled step reads and writes (the pipeline's key). */
export interface StepShape {
  kind: GraphKind;
  channels: number;
  /** "graph": the second term is L x; "gradient": a given G (bound like the output, block by block). */
  source: "graph" | "gradient";
  /** Partial sums written (a Partial binding). */
  stats: boolean;
  /** Input bindings of X (1 … MAX_INPUTS). */
  inputs: number;
}

/** The bindings of a step in order: their names and whether each is written. */
export function stepBindings(shape: StepShape): Array<{ name: string; write: boolean }> {
  const out = [{ name: "Out", write: true }];
  if (shape.stats) out.push({ name: "Partial", write: true });
  for (let m = 0; m < shape.inputs; m++) out.push({ name: `X${m}`, write: false });
  if (shape.source === "gradient") out.push({ name: "G", write: false });
  else if (shape.kind === "csr" || shape.kind === "weighted") {
    out.push({ name: "RowPtr", write: false }, { name: "Col", write: false });
    if (shape.kind === "weighted") out.push({ name: "Weight", write: false });
  }
  return out;
}

/** The pipeline key of `shape` (with a test's variant: shader-seam.ts). */
export function stepKey(shape: StepShape): string {
  return shaderKey(`step:${shape.kind}:${shape.channels}:${shape.source}:${shape.stats}:${shape.inputs}`);
}

/** `read${name}(row, c)`: field `name` at (row, c) from the binding of its block (bindings `${name}0` …). */
export function readWgsl(inputs: number, name = "X"): string {
  const lines = [
    `fn read${name}(row: u32, c: u32) -> f32 {`,
    "  let b = row / p.blockRows;",
    `  let at = (row - b * p.blockRows) * C + c;`,
  ];
  const ids = ["x", "y", "z", "w"];
  for (let m = 0; m < inputs - 1; m++) lines.push(`  if (b == p.ids.${ids[m]}) { return ${name}${m}[at]; }`);
  lines.push(`  return ${name}${inputs - 1}[at];`, "}");
  return lines.join("\n");
}

/** `lap${name}(i, c)` = Σ_j J_ij (x_i − x_j) for column c of row i of field `name`, per graph kind. */
export function laplacianWgsl(kind: GraphKind, name = "X"): string {
  const readX = `read${name}`;
  const header = `fn lap${name}(i: u32, c: u32) -> f32 {\n  let n = p.rows;\n  let xi = ${readX}(i, c);\n  var acc = 0.0;\n`;
  switch (kind) {
    case "ring": {
      const minus = `(xi - ${readX}((i + n - k) % n, c))`;
      return `${header}  for (var k = 1u; k <= p.width; k++) {
    acc = acc + (xi - ${readX}((i + k) % n, c)) + ${minus};
  }
  return acc;
}`;
    }
    case "torus":
      return `${header}  let side = p.width;
  let r = i / side; let q = i - r * side;
  acc = (xi - ${readX}(r * side + (q + side - 1u) % side, c)) + (xi - ${readX}(r * side + (q + 1u) % side, c));
  acc = acc + (xi - ${readX}(((r + side - 1u) % side) * side + q, c)) + (xi - ${readX}(((r + 1u) % side) * side + q, c));
  return acc;
}`;
    case "csr":
      return `${header}  for (var e = RowPtr[i]; e < RowPtr[i + 1u]; e++) { acc = acc + (xi - ${readX}(u32(Col[e]), c)); }
  return acc;
}`;
    case "weighted":
      return `${header}  for (var e = RowPtr[i]; e < RowPtr[i + 1u]; e++) { acc = acc + Weight[e] * (xi - ${readX}(u32(Col[e]), c)); }
  return acc;
}`;
  }
}

/** The binding declarations of a step (group 0: the parameters at 0, then `stepBindings` in order). */
function declarations(shape: StepShape): string {
  return bindingsWgsl(stepBindings(shape));
}

/** Storage binding declarations from 1 on, in order (the uniform parameters are binding 0). */
export function bindingsWgsl(bindings: Array<{ name: string; write: boolean }>): string {
  const types: Record<string, string> = { RowPtr: "array<i32>", Col: "array<i32>" };
  return bindings
    .map(
      (b, i) =>
        `@group(0) @binding(${i + 1}) var<storage, ${b.write ? "read_write" : "read"}> ${b.name}: ${types[b.name] ?? "array<f32>"};`,
    )
    .join("\n");
}

/** The WGSL of one step dispatch (module comment), entry point `main`. */
export function stepWgsl(shape: StepShape): string {
  const { channels: C, stats } = shape;
  const second = shape.source === "gradient" ? "G[(i - p.rowBase) * C + c]" : "lapX(i, c)";
  const F = STATS_PER_COLUMN * C;
  return shaderSource(
    "step",
    /* wgsl */ `
${tiledPreamble(C)}
${declarations(shape)}
${PHILOX_WGSL}
${BOX_MULLER_WGSL}
${readWgsl(shape.inputs)}
${shape.source === "graph" ? laplacianWgsl(shape.kind) : ""}

${tiledEntry(C)}
  var e = vec4<f32>(0.0);
  var s1 = vec4<f32>(0.0);
  var s2 = vec4<f32>(0.0);
${LANE_ROWS_WGSL}
    var noise = vec4<f32>(0.0);
    if (p.sigma != 0.0) {
      let w = philox(vec4<u32>(i, q, 0u, 0u), vec2<u32>(p.key0, p.key1));
      noise = vec4<f32>(boxMuller(w.x, w.y), boxMuller(w.z, w.w));
    }
    for (var j = 0u; j < 4u; j++) {
      let c = q * 4u + j;
      if (c < C) {
        let xi = readX(i, c);
        let l = ${second};${
          stats
            ? `
        e[j] = e[j] + xi * l;
        let u = xi - shift[j];
        s1[j] = s1[j] + u;
        s2[j] = s2[j] + u * u;`
            : ""
        }
        if (p.write != 0u) {
          var value = p.a * xi + p.b * l;
          if (p.sigma != 0.0) { value = value + p.sigma * noise[j]; }
          Out[(i - p.rowBase) * C + c] = value;
        }
      }
    }
  }${stats ? `\n${partialsWgsl(F, ["e", "s1", "s2"])}` : ""}
}
`,
  );
}

/** Terms each invocation of the first reduction sums (contiguous lanes: the order is the same in any chunk of lanes). */
export const REDUCE_FAN = 256;

/**
 * The first reduction of a step's partial sums: records [lanes][F] → [groups][F], group j the sum of lanes
 * j·REDUCE_FAN … (j + 1)·REDUCE_FAN − 1 in order, one register per invocation (no workgroup barrier). Uniforms: lanes
 * in the bound range, F, the groups to write (padding groups write 0), workgroups per line, the lane that holds the
 * field's last row and the first lane of the bound range (where a lane of the range stands in the field: a test's
 * rewrite that leaves the last row's lane out reads them, shader-seam.ts).
 */
export function reduceWgsl(): string {
  return shaderSource(
    "reduce",
    /* wgsl */ `
struct Reduce { lanes: u32, width: u32, groups: u32, linesX: u32, lastRowLane: u32, firstLane: u32, pad0: u32, pad1: u32 };
@group(0) @binding(0) var<uniform> r: Reduce;
@group(0) @binding(1) var<storage, read_write> Out: array<f32>;
@group(0) @binding(2) var<storage, read> In: array<f32>;

${flatEntry("index", "r")}
  if (index >= r.groups * r.width) { return; }
  let j = index / r.width;
  let f = index - j * r.width;
  var acc = 0.0;
  let end = min(r.lanes, (j + 1u) * ${REDUCE_FAN}u);
  for (var l = j * ${REDUCE_FAN}u; l < end; l++) {
    acc = acc + In[l * r.width + f];
  }
  Out[index] = acc;
}
`,
  );
}
