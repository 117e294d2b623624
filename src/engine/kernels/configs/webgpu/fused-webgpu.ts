/**
 * The fused step (fused-stepper.ts, one WGSL step: step-wgsl.ts) on tfjs's WebGPU backend, and the kernels that run
 * it, registered in the WebGPU worker (engine/webgpu/tfjs-worker.ts):
 *
 * - `EmtdLangevinSteps`: K Langevin steps of the interaction and each step's partial sums (langevin-steps-kernel.ts);
 * - `EmtdLangevinUpdate` (X − drift·L X + σ·ξ), `EmtdNoisyDescent` (X − h·G + σ·ξ), `EmtdLaplacianProduct` (s·L X):
 *   one step each;
 * - `EmtdInteraction` (∇H = 2J·L X and H = J Σ x·L x from the same pass's sums) and `EmtdInteractionEnergy` (the sums
 *   alone, nothing written).
 *
 * The stepper binds tfjs's own buffers and records its passes in a command buffer of its own, after submitting what
 * tfjs has recorded, so the GPU runs both in the order they were asked for; its dispatches are counted with tfjs's
 * (engine/webgpu/counters.ts, by the counter the worker lends: {@link setStepperHost}). The sums over groups are finished by the barrier-free sums (reduce-program.ts); tfjs's
 * stock Sum, one workgroup, is never on this path.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { LANGEVIN_UPDATE, NOISY_DESCENT } from "../langevin-kernel";
import { LAPLACIAN_PRODUCT } from "../laplacian-kernel";
import { INTERACTION, INTERACTION_ENERGY } from "../interaction-kernel";
import { LANGEVIN_STEPS } from "../langevin-steps-kernel";
import type { WirePlan } from "./graph-wire";
import { kindOf, uploaded, widthOf } from "./graph-webgpu";
import { encodeSteps, type StepCoefficients, type StepDevice, type StepGraph, statsLayout, statsSlots } from "./fused-stepper";
import { axisSums } from "./reduce-program";
import { submitWebgpuQueue, type WebGpuBackendInternals, webgpuInternals, webgpuTensorBuffer } from "../../tfjs/private-hooks";

/** A binding limit in bytes and where it comes from, in words (engine/webgpu/binding.ts's BindingLimit). */
export interface StepperLimit {
  bytes: number;
  source: string;
}

/**
 * What the WebGPU worker lends the stepper once it knows its adapter (engine/webgpu/tfjs-worker.ts): the binding
 * limit it keeps under (the device's, or EMTD_WEBGPU_MAX_BINDING_BYTES: engine/webgpu/binding.ts) and the counter of
 * the dispatches it records past tfjs (engine/webgpu/counters.ts `countDispatch`).
 */
export interface StepperHost {
  limit(): StepperLimit;
  count(backend: object, boundBytes: number): void;
}

let host: StepperHost = { limit: () => ({ bytes: Number.MAX_SAFE_INTEGER, source: "no limit set" }), count: () => undefined };

/** Where the stepper reads its binding limit and counts its dispatches (the worker sets it once it knows its adapter). */
export function setStepperHost(lent: StepperHost): void {
  host = lent;
}

/** The WebGPU worker's device as the stepper sees it: its limits under the binding cap, its dispatches counted. */
export function stepDevice(gpu: WebGpuBackendInternals): StepDevice {
  const limit = host.limit();
  return {
    device: gpu.device,
    count: (bytes) => host.count(gpu, bytes),
    bindingBytes: Math.min(limit.bytes, gpu.device.limits.maxStorageBufferBindingSize ?? limit.bytes),
    bindingSource: limit.source,
    storageBuffers: gpu.device.limits.maxStorageBuffersPerShaderStage ?? 8,
  };
}

/** A new float32 tensor of `shape` on the GPU (its buffer allocated, nothing written). Caller disposes. */
export function allocate(gpu: WebGpuBackendInternals, shape: number[]): TensorInfo {
  const info = gpu.makeTensorInfo(shape, "float32");
  webgpuTensorBuffer(gpu, info.dataId);
  return info;
}

/** The graph of `plan` as the stepper reads it (a CSR plan's arrays uploaded once: graph-webgpu.ts). */
export function stepGraph(gpu: WebGpuBackendInternals, plan: WirePlan): StepGraph {
  const kind = kindOf(plan);
  const graph: StepGraph = { kind, rows: plan.n, width: widthOf(plan) };
  if (kind === "csr" || kind === "weighted") {
    const [rowPtr, col, weight] = uploaded(gpu, plan).map((t) => webgpuTensorBuffer(gpu, t.dataId));
    graph.csr = { rowPtr: rowPtr!, col: col!, weight: weight ?? null };
  }
  return graph;
}

/** What {@link runSteps} returns: the field after the steps (null for K = 0) and the sums [slots, 4C] (null without). */
interface Stepped {
  out: TensorInfo | null;
  sums: TensorInfo | null;
}

/**
 * Run `steps` on x [N, C] (the second term L x of `plan`, or a gradient), with partial sums of the input and/or the
 * output where `stats` asks (fused-stepper.ts `StepCall`). Caller owns the outputs.
 */
export function runSteps(
  gpu: WebGpuBackendInternals,
  x: TensorInfo,
  second: { plan: WirePlan; gradient?: undefined } | { gradient: TensorInfo; plan?: undefined },
  steps: StepCoefficients[],
  stats: { input: boolean; output: boolean } | null = null,
): Stepped {
  const [rows, channels] = x.shape as [number, number];
  const K = steps.length;
  const graph: StepGraph = second.plan === undefined ? { kind: "csr", rows, width: 0 } : stepGraph(gpu, second.plan);
  const out = K > 0 ? allocate(gpu, [rows, channels]) : null;
  const scratch = K > 1 ? allocate(gpu, [rows, channels]) : null;
  const layout = statsLayout(rows, channels);
  const slots = statsSlots(K, stats);
  const slot = slots > 0 ? allocate(gpu, [layout.lanes, layout.width]) : null;
  const reduced = slots > 0 ? allocate(gpu, [slots, layout.paddedGroups, layout.width]) : null;
  const temporary = [scratch, slot].filter((t): t is TensorInfo => t !== null);
  try {
    const input = webgpuTensorBuffer(gpu, x.dataId);
    const gradient = second.gradient === undefined ? undefined : webgpuTensorBuffer(gpu, second.gradient.dataId);
    // What tfjs recorded before (an upload of x, the kernels that made it) runs first.
    submitWebgpuQueue(gpu);
    const encoder = gpu.device.createCommandEncoder();
    const made = encodeSteps(stepDevice(gpu), encoder, {
      graph,
      channels,
      source: second.gradient === undefined ? "graph" : "gradient",
      steps,
      input,
      output: out === null ? null : webgpuTensorBuffer(gpu, out.dataId),
      scratch: scratch === null ? null : webgpuTensorBuffer(gpu, scratch.dataId),
      ...(gradient === undefined ? {} : { gradient }),
      ...(slot === null
        ? {}
        : { stats: { ...stats!, slot: webgpuTensorBuffer(gpu, slot.dataId), reduced: webgpuTensorBuffer(gpu, reduced!.dataId) } }),
    });
    gpu.device.queue.submit([encoder.finish()]);
    for (const buffer of made) buffer.destroy();
  } catch (error) {
    for (const t of [out, reduced]) if (t !== null) gpu.disposeData(t.dataId);
    throw error;
  } finally {
    for (const t of temporary) gpu.disposeData(t.dataId);
  }
  if (reduced === null) return { out, sums: null };
  const sums = axisSums(gpu, [reduced], [slots, layout.paddedGroups, layout.width]);
  gpu.disposeData(reduced.dataId);
  return { out, sums };
}

/** The interaction's H = J Σ_c (Σ x·L x)_c from a row of sums [1, 4C], a float32 scalar on the device. */
function energyOf(gpu: WebGpuBackendInternals, sums: TensorInfo, channels: number, coupling: number): TensorInfo {
  const energy = axisSums(gpu, [sums], [1, channels, 1], { term: "scaled", param: coupling });
  gpu.disposeData(sums.dataId);
  return { ...energy, shape: [] };
}

type Attrs<T> = T & Record<string, unknown>;

/** A webgpu config from a function of the backend's internals, the inputs and the attributes. */
function config(
  kernelName: string,
  run: (gpu: WebGpuBackendInternals, inputs: Record<string, TensorInfo>, attrs: Attrs<object>) => TensorInfo | TensorInfo[],
): KernelConfig {
  return {
    kernelName,
    backendName: "webgpu",
    kernelFunc: (({ inputs, backend, attrs }) =>
      run(webgpuInternals(backend), inputs as Record<string, TensorInfo>, attrs as Attrs<object>)) as KernelFunc,
  };
}

const one = (a: number, b: number, sigma = 0, key0 = 0, key1 = 0): StepCoefficients[] => [{ a, b, sigma, key0, key1 }];

/** K steps and their sums (langevin-steps-kernel.ts): [X_K, sums [K, 4C]]. */
export const langevinStepsWebgpuConfig = config(LANGEVIN_STEPS, (gpu, { x }, attrs) => {
  const { plan, steps } = attrs as Attrs<{ plan: WirePlan; steps: StepCoefficients[] }>;
  const { out, sums } = runSteps(gpu, x!, { plan }, steps, { input: false, output: true });
  return [out!, { ...sums!, shape: [steps.length, sums!.shape[1]!] }];
});

/** X' = X − drift·L X + σ·ξ; with the input `rest` G, less restStep·G. */
export const langevinUpdateWebgpuConfig = config(LANGEVIN_UPDATE, (gpu, { x, rest }, attrs) => {
  const { plan, drift, sigma, key0, key1, restStep } = attrs as Attrs<{
    plan: WirePlan;
    drift: number;
    sigma: number;
    key0: number;
    key1: number;
    restStep?: number;
  }>;
  const moved = runSteps(gpu, x!, { plan }, one(1, -drift, sigma, key0, key1)).out!;
  if (rest === undefined) return moved;
  // The step's shader reads one second source (the graph or a gradient): G's −h·G is a second dispatch of it, on
  // the device within this kernel (σ = 0: no noise), the two-pass rounding.
  try {
    return runSteps(gpu, moved, { gradient: rest }, one(1, -restStep!)).out!;
  } finally {
    gpu.disposeData(moved.dataId);
  }
});

/** X' = X − step·G + σ·ξ. */
export const noisyDescentWebgpuConfig = config(NOISY_DESCENT, (gpu, { x, g }, attrs) => {
  const { step, sigma, key0, key1 } = attrs as Attrs<{ step: number; sigma: number; key0: number; key1: number }>;
  return runSteps(gpu, x!, { gradient: g! }, one(1, -step, sigma, key0, key1)).out!;
});

/** scale·L X (the gradients of the steps above go through it). */
export const laplacianProductWebgpuConfig = config(LAPLACIAN_PRODUCT, (gpu, { x }, attrs) => {
  const { plan, scale } = attrs as Attrs<{ plan: WirePlan; scale: number }>;
  return runSteps(gpu, x!, { plan }, one(0, scale)).out!;
});

/** [H, ∇H] of J tr(Xᵀ L X): ∇H = 2J·L X written, H from the same pass's sums of x·L x. */
export const interactionWebgpuConfig = config(INTERACTION, (gpu, { x }, attrs) => {
  const { plan, coupling } = attrs as Attrs<{ plan: WirePlan; coupling: number }>;
  const { out, sums } = runSteps(gpu, x!, { plan }, one(0, 2 * coupling), { input: true, output: false });
  return [energyOf(gpu, sums!, x!.shape[1]!, coupling), out!];
});

/** H alone: the sums of one pass that writes nothing. */
export const interactionEnergyWebgpuConfig = config(INTERACTION_ENERGY, (gpu, { x }, attrs) => {
  const { plan, coupling } = attrs as Attrs<{ plan: WirePlan; coupling: number }>;
  const { sums } = runSteps(gpu, x!, { plan }, [], { input: false, output: true });
  return energyOf(gpu, sums!, x!.shape[1]!, coupling);
});
