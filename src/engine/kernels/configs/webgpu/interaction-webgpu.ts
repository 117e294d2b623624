/**
 * `EmtdInteraction` (H and ∇H) and `EmtdInteractionEnergy` (H alone) on tfjs's WebGPU backend: ∇H = 2J·L x in one
 * program pass (graph-program.ts), H = ½ Σ x·∇H by a second elementwise pass and tfjs's own Sum kernel, so the
 * energy is reduced on the GPU and only its scalar is read back. Float32 throughout (the CPU kernel sums in float64
 * and keeps that value beside its output, configs/precise-values; here there is none, and the readers fall back to
 * the float32 scalar).
 */
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { INTERACTION, INTERACTION_ENERGY } from "../interaction-kernel";
import type { WirePlan } from "./graph-wire";
import { graphStep } from "./graph-webgpu";
import { type WebGpuBackendInternals, webgpuInternals } from "../../tfjs/private-hooks";
import { HalfDotProgram } from "./graph-program";

/** [H, ∇H] of J tr(Xᵀ L X) (∇H released when `keepGradient` is false). */
function interaction(
  backend: WebGpuBackendInternals,
  x: TensorInfo,
  plan: WirePlan,
  coupling: number,
  keepGradient: boolean,
): TensorInfo[] {
  const gradient = graphStep(backend, x, { plan }, { a: 0, b: 2 * coupling, sigma: 0, key0: 0, key1: 0 });
  const half = backend.runWebGPUProgram(new HalfDotProgram(x.shape), [x, gradient], "float32");
  const sum = getKernel("Sum", "webgpu")!;
  const energy = sum.kernelFunc({ inputs: { x: half }, backend: backend as never, attrs: { axis: [0, 1], keepDims: false } }) as TensorInfo;
  backend.disposeData(half.dataId);
  if (keepGradient) return [energy, gradient];
  backend.disposeData(gradient.dataId);
  return [energy];
}

export const interactionWebgpuConfig: KernelConfig = {
  kernelName: INTERACTION,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { plan, coupling } = attrs as unknown as { plan: WirePlan; coupling: number };
    return interaction(webgpuInternals(backend), inputs.x!, plan, coupling, true);
  }) as KernelFunc,
};

export const interactionEnergyWebgpuConfig: KernelConfig = {
  kernelName: INTERACTION_ENERGY,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { plan, coupling } = attrs as unknown as { plan: WirePlan; coupling: number };
    return interaction(webgpuInternals(backend), inputs.x!, plan, coupling, false)[0]!;
  }) as KernelFunc,
};
