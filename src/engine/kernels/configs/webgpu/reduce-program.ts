/**
 * Sums along one axis on tfjs's WebGPU backend without workgroup barriers. tfjs's own reduce program shares partial
 * sums through workgroup memory and barriers, which SwiftShader emulates slowly: on x = [40000, 2] float32,
 * `tf.sum(x, 0)` took 1.3 s and `tf.sum(x, 1)` 2.2 s there, against 10 ms for `tf.sum(x)`. Here each invocation
 * sums its own terms in a register and writes one partial; a few passes bring the partials down to the result.
 *
 * The input is viewed as [A, K, B] (A outer kept, K summed, B inner kept). A pass writes [A, S, B]: invocation
 * (a, j, b) sums k = j, j + S, j + 2S, … < K (grid stride: neighbouring invocations read neighbouring addresses, the
 * coalesced pattern of a real GPU), at most FAN terms each; the next pass sums S the same way, until S = 1. The first
 * pass may form each term from several inputs (`SumTerm`), so no [A, K, B] intermediate is written.
 *
 * Rounding: float32 throughout. Every term enters at most n − 1 additions, so the sum of n terms is within
 * γ_(n−1)·Σ|term| of the exact sum (γ_m = m·u/(1 − m·u), u = 2⁻²⁴) whatever the order of the passes.
 */
import { shaderKey, shaderSource } from "./shader-seam";
import type { TensorInfo } from "@tensorflow/tfjs";
import { flat, WORKGROUP } from "./graph-program";
import type { WebGpuBackendInternals, WebGpuProgram as Program } from "../../tfjs/private-hooks";

/** The most terms one invocation sums in a pass. */
export const FAN = 256;

/**
 * What is summed, element e of the [A, K, B] view at inner index b:
 * - `value`: X[e];
 * - `scaled`: X[e]·param (the interaction's H = J Σ_c (Σ x·L x)_c from the fused step's sums);
 * - `centred`: (X[e] − M[b]·param)², M the column sums and param 1/N (the consensus error's second pass);
 * - `malaTerms`: MALA's per-entry asymmetry in product form, (2(x − y) + h(gy − gx))·h(gx + gy), h = param.
 */
export type SumTerm = "value" | "scaled" | "centred" | "malaTerms";

const TERMS: Record<SumTerm, { inputs: string[]; wgsl: string }> = {
  value: { inputs: ["X"], wgsl: "return X[e];" },
  scaled: { inputs: ["X"], wgsl: "return X[e] * uniforms.param;" },
  centred: { inputs: ["X", "M"], wgsl: "let u = X[e] - M[b] * uniforms.param;\n  return u * u;" },
  malaTerms: {
    inputs: ["X", "Y", "GX", "GY"],
    wgsl: "let h = uniforms.param;\n  return (2.0 * (X[e] - Y[e]) + h * (GY[e] - GX[e])) * (h * (GX[e] + GY[e]));",
  },
};

/** One pass: [A, K, B] → [A, S, B]. Uniforms: K, B, S, param, divisor (the output is the sum / divisor). */
export class AxisSumProgram implements Program {
  outputShape: number[] = [];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames: string[];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  uniforms = "reduced : i32, inner : i32, stride : i32, param : f32, divisor : f32,";

  constructor(
    outShape: [number, number, number],
    private readonly term: SumTerm,
    /** The first pass, over the inputs' terms (a test's rewrite may change it: shader-seam.ts), or a later one. */
    private readonly first = true,
    /** int32: exact integer sums (the Ising counts), `value` terms only, never divided. */
    private readonly integer = false,
  ) {
    flat(this, outShape);
    this.variableNames = TERMS[term].inputs;
    const key = `emtd_axis_sum_${term}${integer ? "_int" : ""}`;
    this.shaderKey = first ? shaderKey(key) : key;
  }

  getUserCode(): string {
    const type = this.integer ? "i32" : "f32";
    const code = `
fn term(e : i32, b : i32) -> ${type} {
  ${TERMS[this.term].wgsl}
}
fn main(index : i32) {
  if (index < uniforms.size) {
    let B = uniforms.inner;
    let S = uniforms.stride;
    let b = index % B;
    let j = (index / B) % S;
    let base = (index / (B * S)) * uniforms.reduced * B + b;
    var acc = ${this.integer ? "0" : "0.0"};
    for (var k = j; k < uniforms.reduced; k = k + S) { acc = acc + term(base + k * B, b); }
    // WGSL's division is within 2.5 ULP, not exact even by 1: a plain sum is not divided.
    ${this.integer ? "" : "if (uniforms.divisor != 1.0) { acc = acc / uniforms.divisor; }"}
    ${this.integer ? "setOutputAtIndexI32" : "setOutputAtIndex"}(index, acc);
  }
}
`;
    return this.first ? shaderSource(`axis-sum:${this.term}`, code) : code;
  }
}

/**
 * Σ over the middle axis of `inputs` viewed as [A, K, B] (each input of A·K·B entries, or M of B for `centred`),
 * term by term as `term` says, divided by `divisor` at the end: float32 [A·B] (shape [A, B]); or, `dtype` int32, the
 * exact integer sums of int32 inputs (`value` terms). Caller owns the output.
 */
export function axisSums(
  backend: WebGpuBackendInternals,
  inputs: TensorInfo[],
  view: [number, number, number],
  options: { term?: SumTerm; param?: number; divisor?: number; dtype?: "float32" | "int32" } = {},
): TensorInfo {
  const integer = options.dtype === "int32";
  const [A, K, B] = view;
  let term: SumTerm = options.term ?? "value";
  let current = inputs;
  let reduced = K;
  let owned: TensorInfo | null = null;
  for (;;) {
    const S = reduced <= FAN ? 1 : Math.ceil(reduced / FAN);
    const uniforms = [
      { type: "int32", data: [reduced] },
      { type: "int32", data: [B] },
      { type: "int32", data: [S] },
      { type: "float32", data: [options.param ?? 0] },
      { type: "float32", data: [S === 1 ? (options.divisor ?? 1) : 1] },
    ];
    const out = backend.runWebGPUProgram(
      new AxisSumProgram([A, S, B], term, owned === null, integer),
      current,
      integer ? "int32" : "float32",
      uniforms,
    );
    if (owned !== null) backend.disposeData(owned.dataId);
    if (S === 1) return { ...out, shape: [A, B] };
    owned = out;
    current = [out];
    reduced = S;
    term = "value";
  }
}
