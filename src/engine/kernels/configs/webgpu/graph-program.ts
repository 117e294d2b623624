/**
 * What the engine's WGSL programs through tfjs-backend-webgpu's `WebGPUProgram` interface share (tfjs writes their
 * bindings, shape uniforms and `main(index)` entry; each program adds its body): one invocation per element, in
 * workgroups of WORKGROUP. The barrier-free sums (reduce-program.ts) are such programs; the graph step and the Ising
 * sweep are not (they bind their buffers themselves: fused-stepper.ts, ising-stepper.ts).
 */
import type { WebGpuProgram as Program } from "../../tfjs/private-hooks";

/** Invocations per workgroup of every program here (one element each). */
export const WORKGROUP = 128;

/**
 * A flat dispatch of one invocation per element of `shape`, in workgroups of the program's own size (set before: a
 * program of 64 invocations per workgroup dispatched as if of 128 left half its elements unwritten).
 */
export function flat(program: Program, shape: number[]): void {
  program.outputShape = shape;
  program.dispatchLayout = { x: shape.map((_, i) => i) };
  // tfjs spreads a dispatch over 65535 workgroups into y and z itself (backend_webgpu's reshapeDispatch).
  program.dispatch = [Math.ceil(shape.reduce((a, b) => a * b, 1) / program.workgroupSize[0]), 1, 1];
}
