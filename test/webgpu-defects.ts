/**
 * Tests only: defects planted in the WebGPU programs, to see the law tests fail on them (issue 43 item 5: a test that
 * cannot fail proves nothing). The product has one seam for them (src/engine/kernels/configs/webgpu/shader-seam.ts):
 * this module, loaded in the WebGPU worker when it starts ({@link preloadWebgpuDefects}: `EMTD_WEBGPU_WORKER_PRELOAD`),
 * rewrites the WGSL of the programs built while a defect is planted ({@link plantWebgpuDefect}, through the
 * environment the worker shares with its process), each under a key of its own; with none planted every program is
 * built as written, the real one. Each rewrite must find the text it changes, or the program fails to build.
 * - `drop-term`: the first pass of each barrier-free sum (the step's `reduce`, and an axis sum's first pass) leaves
 *   out the last term of the axis (the lane of the field's last row);
 * - `sigma-channels`: the step's noise is σ·1.025 on channels 2 and 3;
 * - `drop-neighbour`: the step's L x leaves out one neighbour of each node: the ring's i − h, the torus's lower
 *   neighbour, a CSR row's last entry;
 * - `mala-sign`: MALA's per-entry asymmetry (the correction pass, and the axis sum of its terms) with the gradients'
 *   difference of the wrong sign, (2(x − y) − h(gy − gx))·h(gx + gy);
 * - `ising-beta`: the Ising colour pass draws every replica at replica 0's β.
 */
import { join } from "node:path";
import { setShaderRewrite, type ShaderProgram } from "../src/engine/kernels/configs/webgpu/shader-seam";

export type PlantedDefect = "drop-term" | "sigma-channels" | "drop-neighbour" | "mala-sign" | "ising-beta";

/** The variable the worker reads the planted defect from (the process's environment, which the worker shares). */
const PLANTED = "EMTD_WEBGPU_PLANTED_DEFECT";

/** Load this module in the WebGPU worker when it starts: call before the backend starts (before `ready`). */
export function preloadWebgpuDefects(): void {
  process.env.EMTD_WEBGPU_WORKER_PRELOAD = join(__dirname, "webgpu-defects.js");
}

/**
 * Build the WebGPU programs from now on with `defect` planted, or the real ones again (null). Programs built before
 * keep theirs. Call between kernels whose results were read (a read waits for every kernel asked before it).
 */
export function plantWebgpuDefect(defect: PlantedDefect | null): void {
  if (defect === null) delete process.env[PLANTED];
  else process.env[PLANTED] = defect;
}

/** `source` with `from` replaced by `to`, which must occur in it exactly once. */
function swap(program: string, source: string, from: string, to: string): string {
  const parts = source.split(from);
  if (parts.length !== 2) throw new Error(`test/webgpu-defects: ${program} has ${parts.length - 1} × ${JSON.stringify(from)}, not 1`);
  return parts.join(to);
}

/** The step's L x with one neighbour of each node left out, by the graph kind its text shows. */
function dropNeighbour(source: string): string {
  const ring = "(xi - readX((i + n - k) % n, c))";
  if (source.includes(ring)) return swap("step", source, `+ ${ring};`, `+ select(${ring}, 0.0, k == p.width);`);
  const torus = " + (xi - readX(((r + 1u) % side) * side + q, c))";
  if (source.includes(torus)) return swap("step", source, torus, "");
  return swap("step", source, "e < RowPtr[i + 1u];", "e < RowPtr[i + 1u] - 1;");
}

const REWRITES: Record<PlantedDefect, (program: ShaderProgram, source: string) => string> = {
  "drop-term": (program, source) => {
    if (program === "reduce")
      return swap(program, source, "    acc = acc + In[", "    if (r.firstLane + l == r.lastRowLane) { continue; }\n    acc = acc + In[");
    if (program.startsWith("axis-sum:")) return swap(program, source, "k < uniforms.reduced;", "k < uniforms.reduced - 1;");
    return source;
  },
  "sigma-channels": (program, source) =>
    program === "step"
      ? swap(program, source, "value + p.sigma * noise[j]", "value + select(p.sigma, p.sigma * 1.025, c == 2u || c == 3u) * noise[j]")
      : source,
  "drop-neighbour": (program, source) => (program === "step" && source.includes("fn lapX(") ? dropNeighbour(source) : source),
  "mala-sign": (program, source) => {
    if (program === "mala") return swap(program, source, "(2.0 * (xi - yi) + h * (gy - gx))", "(2.0 * (xi - yi) - h * (gy - gx))");
    if (program === "axis-sum:malaTerms")
      return swap(program, source, "(2.0 * (X[e] - Y[e]) + h * (GY[e] - GX[e]))", "(2.0 * (X[e] - Y[e]) - h * (GY[e] - GX[e]))");
    return source;
  },
  "ising-beta": (program, source) =>
    program === "ising-colour" ? swap(program, source, "Betas[p.betaRow * p.replicas + k]", "Betas[p.betaRow * p.replicas + 0u]") : source,
};

setShaderRewrite({
  variant: () => process.env[PLANTED] ?? "",
  rewrite: (program, source) => {
    const defect = process.env[PLANTED] as PlantedDefect | undefined;
    return defect === undefined ? source : REWRITES[defect](program, source);
  },
});
