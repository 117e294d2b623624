/**
 * `EmtdIsingSweep` on tfjs's WebGPU backend: the checkerboard sweeps as one program pass per colour over a state
 * that stays on the GPU (ising-program.ts), then the spins and the counts [flips, H, M] reduced on the GPU (the
 * barrier-free sums, reduce-program.ts, in int32: exact). Its uniforms are Philox's, not the CPU kernel's xoshiro streams: the two agree in law, not
 * bit for bit (the composite reference, ops/ising-sweep, reproduces the CPU kernel only).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { axisSums } from "./reduce-program";
import { ISING_SWEEP, type IsingAttrs } from "../ising-kernel";
import { type WebGpuBackendInternals, webgpuInternals } from "../../tfjs/private-hooks";
import { IsingColourProgram, IsingCountsProgram, IsingSpinsProgram, IsingStateProgram } from "./ising-program";

function isingSweeps(backend: WebGpuBackendInternals, spins: TensorInfo, attrs: IsingAttrs): TensorInfo[] {
  const L = spins.shape[0]!;
  const replicated = spins.shape.length === 3;
  const R = replicated ? spins.shape[2]! : 1;
  const shape = [L, L, R];
  const size = [
    { type: "int32", data: [L] },
    { type: "int32", data: [R] },
  ];
  const betas = backend.makeTensorInfo([R], "float32", Float32Array.from(replicated ? attrs.betas! : [attrs.beta]));
  let state = backend.runWebGPUProgram(new IsingStateProgram([...shape, 2]), [{ ...spins, shape }], "float32", size);
  for (let t = 0; t < attrs.sweeps; t++) {
    for (let colour = 0; colour < 2; colour++) {
      const uniforms = [
        ...size,
        { type: "int32", data: [colour] },
        { type: "uint32", data: [t] },
        { type: "uint32", data: [attrs.key0 >>> 0] },
        { type: "uint32", data: [attrs.key1 >>> 0] },
      ];
      const next = backend.runWebGPUProgram(new IsingColourProgram([...shape, 2]), [state, betas], "float32", uniforms);
      backend.disposeData(state.dataId);
      state = next;
    }
  }
  const out = backend.runWebGPUProgram(new IsingSpinsProgram(spins.shape), [state], "float32", size);
  const perSite = backend.runWebGPUProgram(new IsingCountsProgram(replicated ? [R, 3, L * L] : [3, L * L]), [state], "int32", size);
  // Each count summed over the sites in int32 without a workgroup barrier (tfjs's stock Sum runs as one workgroup).
  const sums = axisSums(backend, [perSite], [replicated ? 3 * R : 3, L * L, 1], { dtype: "int32" });
  const counts = { ...sums, shape: replicated ? [R, 3] : [3] };
  for (const t of [state, perSite, betas]) backend.disposeData(t.dataId);
  return [out, counts];
}

export const isingSweepWebgpuConfig: KernelConfig = {
  kernelName: ISING_SWEEP,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    isingSweeps(webgpuInternals(backend), inputs.spins!, attrs as unknown as IsingAttrs)) as KernelFunc,
};
