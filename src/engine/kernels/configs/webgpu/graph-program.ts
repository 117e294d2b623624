/**
 * The WGSL programs of the fused kernels on tfjs's WebGPU backend (its `WebGPUProgram` interface: tfjs writes the
 * bindings, the shape uniforms and the `main(index)` entry; each program adds its body). One invocation per element
 * of the field X [N, C]:
 *
 * - `GraphStepProgram`: out = a·x + b·(L x) + σ·ξ, or, given a gradient G, out = a·x + b·G + σ·ξ (the Laplacian
 *   product, the Langevin step, the noisy descent). L x is read from the graph's rule where it has one (ring lattice,
 *   periodic square lattice: no index arrays) and from CSR rows otherwise, as Σ_e J_e (x_i − x_j) in float32.
 * - `HalfDotProgram`: out = ½·x⊙g, whose sum (tfjs's Sum kernel) is the interaction energy ½ Σ x·∇H.
 *
 * ξ is counter-based: Philox4x32-10 at counter (row, ⌊c/4⌋, 0, 0) under the step's key, four normals per call by
 * Box–Muller (gpu/langevin-wgsl.ts's formula, gpu/philox.ts its reference for channels 0 and 1). So one key gives
 * the same numbers twice on a device, and the CPU path (xoshiro128** and the ziggurat) agrees with it in law, not bit
 * for bit.
 */
import { plantedDefect } from "./planted";
import { PHILOX_WGSL } from "../../gpu/langevin-wgsl";
import type { WebGpuProgram as Program } from "../../tfjs/private-hooks";

/** How L x is read: CSR rows with unit or per-entry weights, or a rule (ring lattice i ± 1…h, torus L×L). */
export type GraphKind = "csr" | "weighted" | "ring" | "torus";

/** What the second term is: L x (from the graph), or a given gradient G. */
export type StepSource = "graph" | "gradient";

/** Invocations per workgroup of every program here (one element each). */
export const WORKGROUP = 128;

/** A flat dispatch of one invocation per element of `shape`. */
export function flat(program: Program, shape: number[]): void {
  program.outputShape = shape;
  program.dispatchLayout = { x: shape.map((_, i) => i) };
  // tfjs spreads a dispatch over 65535 workgroups into y and z itself (backend_webgpu's reshapeDispatch).
  program.dispatch = [Math.ceil(shape.reduce((a, b) => a * b, 1) / WORKGROUP), 1, 1];
}

/** The four standard normals of (row, group) under (key0, key1): the first pair from words x, y, the second from z, w. */
const NORMALS_WGSL = /* wgsl */ `
${PHILOX_WGSL}
fn boxMuller(a: u32, b: u32) -> vec2<f32> {
  let u1 = (f32(a >> 8u) + 1.0) * 5.9604644775390625e-8;
  let u2 = f32(b >> 8u) * 5.9604644775390625e-8;
  let r = sqrt(-2.0 * log(u1));
  // The angle 2πu₂ − π lies in [−π, π), where WGSL bounds cos and sin (absolute error 2⁻¹¹); (cos, sin)(2πu₂) is its negation.
  let t = 6.283185307179586 * u2 - 3.141592653589793;
  return vec2<f32>(-r * cos(t), -r * sin(t));
}
fn normalAt(row: u32, c: u32) -> f32 {
  let w = philox(vec4<u32>(row, c / 4u, 0u, 0u), vec2<u32>(uniforms.key0, uniforms.key1));
  let lane = c % 4u;
  var pair: vec2<f32>;
  if (lane < 2u) { pair = boxMuller(w.x, w.y); } else { pair = boxMuller(w.z, w.w); }
  if (lane % 2u == 0u) { return pair.x; }
  return pair.y;
}
`;

/** Σ_j J_ij (x_i − x_j) for channel c of row i, per graph kind (`dropOne`, tests only: one neighbour left out). */
function laplacianWgsl(kind: GraphKind, dropOne: boolean): string {
  const header =
    "fn laplacianAt(i: i32, c: i32) -> f32 {\n  let C = uniforms.channels;\n  let n = uniforms.rows;\n  let xi = X[i * C + c];\n  var acc = 0.0;\n";
  switch (kind) {
    case "ring": {
      const minus = "(xi - X[((i + n - k) % n) * C + c])";
      return `${header}  for (var k = 1; k <= uniforms.width; k++) {
    acc = acc + (xi - X[((i + k) % n) * C + c]) + ${dropOne ? `select(${minus}, 0.0, k == uniforms.width)` : minus};
  }
  return acc;
}`;
    }
    case "torus":
      return `${header}  let side = uniforms.width;
  let r = i / side; let q = i - r * side;
  acc = (xi - X[(r * side + (q + side - 1) % side) * C + c]) + (xi - X[(r * side + (q + 1) % side) * C + c]);
  acc = acc + (xi - X[(((r + side - 1) % side) * side + q) * C + c])${dropOne ? "" : " + (xi - X[(((r + 1) % side) * side + q) * C + c])"};
  return acc;
}`;
    case "csr":
      return `${header}  for (var e = RowPtr[i]; e < RowPtr[i + 1]${dropOne ? " - 1" : ""}; e++) { acc = acc + (xi - X[Col[e] * C + c]); }
  return acc;
}`;
    case "weighted":
      return `${header}  for (var e = RowPtr[i]; e < RowPtr[i + 1]${dropOne ? " - 1" : ""}; e++) { acc = acc + Weight[e] * (xi - X[Col[e] * C + c]); }
  return acc;
}`;
  }
}

/** The inputs each kind reads beyond X (and G for a gradient step), in binding order. */
export function graphInputs(kind: GraphKind): string[] {
  return kind === "csr" ? ["RowPtr", "Col"] : kind === "weighted" ? ["RowPtr", "Col", "Weight"] : [];
}

/**
 * out = a·x + b·(L x | G) + σ·ξ over X [N, C]. Uniforms (in this order): rows N, channels C, width (ring h, torus
 * L, else 0), a, b, σ, key0, key1. Noise is drawn only where σ ≠ 0.
 */
export class GraphStepProgram implements Program {
  outputShape: number[] = [];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames: string[];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  uniforms = "rows : i32, channels : i32, width : i32, a : f32, b : f32, sigma : f32, key0 : u32, key1 : u32,";

  constructor(
    shape: number[],
    private readonly source: StepSource,
    private readonly kind: GraphKind,
  ) {
    flat(this, shape);
    this.variableNames = source === "gradient" ? ["X", "G"] : ["X", ...graphInputs(kind)];
    this.shaderKey = source === "gradient" ? "emtd_step_gradient" : `emtd_step_${kind}`;
    if (this.sigmaError) this.shaderKey += "_planted_sigma";
    if (this.dropNeighbour) this.shaderKey += "_planted_neighbour";
  }

  /** Tests only (planted.ts): σ·1.025 on channels 2 and 3. */
  private readonly sigmaError = plantedDefect() === "sigma-channels";
  /** Tests only (planted.ts): one neighbour of each node left out of L x. */
  private readonly dropNeighbour = plantedDefect() === "drop-neighbour";

  getUserCode(): string {
    const second = this.source === "gradient" ? "G[index]" : "laplacianAt(index / uniforms.channels, index % uniforms.channels)";
    return `
${NORMALS_WGSL}
${this.source === "graph" ? laplacianWgsl(this.kind, this.dropNeighbour) : ""}
${"fn main(index : i32)"} {
  if (index < uniforms.size) {
    var value = uniforms.a * X[index] + uniforms.b * ${second};
    if (uniforms.sigma != 0.0) {
      let c = index % uniforms.channels;
      ${this.sigmaError ? "let sigma = select(uniforms.sigma, uniforms.sigma * 1.025, c == 2 || c == 3);" : "let sigma = uniforms.sigma;"}
      value = value + sigma * normalAt(u32(index / uniforms.channels), u32(c));
    }
    setOutputAtIndex(index, value);
  }
}
`;
  }
}

/** out = ½·x⊙g, elementwise over equal shapes. */
export class HalfDotProgram implements Program {
  outputShape: number[] = [];
  shaderKey = "emtd_half_dot";
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ["X", "G"];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  uniforms = "";

  constructor(shape: number[]) {
    flat(this, shape);
  }

  getUserCode(): string {
    return `
fn main(index : i32) {
  if (index < uniforms.size) { setOutputAtIndex(index, 0.5 * X[index] * G[index]); }
}
`;
  }
}
