/**
 * The one seam the tests have into the WebGPU programs: a rewrite of the WGSL a program is built from, by the
 * program's name, and the variant it makes, which every pipeline's and program's key carries (a rewritten program
 * never takes a real one's place in a cache). No rewrite is set in a run: every program is built as written. The
 * tests set one in the WebGPU worker from a module the worker loads when it starts (`EMTD_WEBGPU_WORKER_PRELOAD`,
 * engine/webgpu/tfjs-worker.ts) to plant a defect and see the law tests fail on it (test/webgpu-defects.ts).
 */

/**
 * The programs a rewrite sees: the step (step-wgsl.ts `stepWgsl`), the first reduction of its sums (`reduceWgsl`),
 * MALA's correction pass (mala-stepper.ts), an Ising colour pass (ising-stepper.ts), and the first pass of an axis
 * sum, over its inputs' terms (reduce-program.ts, `axis-sum:` and the term).
 */
export type ShaderProgram = "step" | "reduce" | "mala" | "ising-colour" | `axis-sum:${string}`;

export interface ShaderRewrite {
  /** The variant the rewrite makes now, in every key; "" for none (the programs as written). */
  variant(): string;
  /** `source`, the WGSL of `program`, as the variant has it. */
  rewrite(program: ShaderProgram, source: string): string;
}

let seam: ShaderRewrite | null = null;

/** Rewrite every program built from now on with `rewrite` (null: as written). Tests only. */
export function setShaderRewrite(rewrite: ShaderRewrite | null): void {
  seam = rewrite;
}

/** `source`, the WGSL of `program`, as it is built now: as written unless a test's rewrite has a variant. */
export function shaderSource(program: ShaderProgram, source: string): string {
  return seam === null || seam.variant() === "" ? source : seam.rewrite(program, source);
}

/** `key` (a pipeline's or a program's) with the variant of a test's rewrite, if one is made now. */
export function shaderKey(key: string): string {
  const variant = seam?.variant() ?? "";
  return variant === "" ? key : `${key}:${variant}`;
}
