/**
 * `EmtdMalaStep` on tfjs's WebGPU backend (configs/mala-step-kernel.ts): one MALA step of the interaction with nothing
 * read in between. The proposal Y is the fused step's (fused-webgpu.ts `runSteps`, X's sums from the same pass), the
 * correction's sums one pass over X and Y (mala-stepper.ts), both reduced without a workgroup barrier; then a small
 * tfjs program, each chain's decision (Δ, u, accept) beside both fields' sums in one vector, and the kept field (X
 * copied over Y in the columns of each chain whose proposal is rejected, block by block: mala-stepper.ts `encodeKeep`).
 * The caller reads the vector once.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { DECISION, MALA_STEP, type MalaStepAttrs } from "../mala-step-kernel";
import type { WirePlan } from "./graph-wire";
import { runSteps, stepDevice, stepGraph, allocate } from "./fused-webgpu";
import { statsLayout } from "./fused-stepper";
import { encodeKeep, encodeMalaSums, MALA_SUMS_PER_COLUMN } from "./mala-stepper";
import { axisSums } from "./reduce-program";
import { flat } from "./graph-program";
import { PHILOX_WGSL, STATS_PER_COLUMN } from "./step-wgsl";
import { submitWebgpuQueue, type WebGpuBackendInternals, webgpuInternals, webgpuTensorBuffer } from "../../tfjs/private-hooks";
import type { WebGpuProgram as Program } from "../../tfjs/private-hooks";

/**
 * [per chain r: accepted, p, Δ, u; X's sums (4C); the correction's sums (6C)] from the two rows of sums: Δ_r =
 * J·Σ_c d_c + Σ_c a_c/(4h) over chain r's d = C/R columns; u_r from Philox at counter (r, 0, 0, 0) under the accept key
 * (its top 24 bits, as the noise's uniforms); accepted iff Δ_r ≤ 0 or u_r < e^{−Δ_r/T} (a NaN Δ fails both).
 */
class DecideProgram implements Program {
  outputShape: number[] = [];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ["SX", "SY"];
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;
  uniforms = "step : f32, temperature : f32, coupling : f32, key0 : u32, key1 : u32,";

  constructor(
    private readonly channels: number,
    private readonly chains: number,
  ) {
    flat(this, [DECISION * chains + (STATS_PER_COLUMN + MALA_SUMS_PER_COLUMN) * channels]);
    this.shaderKey = `emtd_mala_decide_${channels}_${chains}`;
  }

  getUserCode(): string {
    const C = this.channels;
    const R = this.chains;
    const d = C / R;
    const F = STATS_PER_COLUMN * C;
    const head = DECISION * R;
    return `
${PHILOX_WGSL}
fn main(index : i32) {
  if (index < uniforms.size) {
    var value = 0.0;
    if (index < ${head}) {
      let r = index / ${DECISION};
      var d = 0.0;
      var a = 0.0;
      for (var c = r * ${d}; c < (r + 1) * ${d}; c++) { d = d + SY[c]; a = a + SY[${C} + c]; }
      let cost = uniforms.coupling * d + a / (4.0 * uniforms.step);
      let w = philox(vec4<u32>(u32(r), 0u, 0u, 0u), vec2<u32>(uniforms.key0, uniforms.key1));
      let u = f32(w.x >> 8u) * 5.9604644775390625e-8;
      var p = 1.0;
      if (!(cost <= 0.0)) { p = exp(-cost / uniforms.temperature); }
      let accept = cost <= 0.0 || u < p;
      let j = index - r * ${DECISION};
      if (j == 0) { value = select(0.0, 1.0, accept); }
      else if (j == 1) { value = p; }
      else if (j == 2) { value = cost; }
      else { value = u; }
    }
    else if (index < ${head + F}) { value = SX[index - ${head}]; }
    else { value = SY[index - ${head + F}]; }
    setOutputAtIndex(index, value);
  }
}
`;
  }
}

/** One MALA step (module comment): [the kept field, the step's numbers]. */
function malaStep(gpu: WebGpuBackendInternals, x: TensorInfo, attrs: MalaStepAttrs & { plan: WirePlan }): TensorInfo[] {
  const [rows, channels] = x.shape as [number, number];
  const { plan, coupling: J, step: h, temperature: T, sigma } = attrs;
  const chains = attrs.chains ?? 1;
  // Y, and X's sums, from one pass of the fused step.
  const { out: y, sums: sumsX } = runSteps(gpu, x, { plan }, [{ a: 1, b: -2 * h * J, sigma, key0: attrs.key0, key1: attrs.key1 }], {
    input: true,
    output: false,
  });
  const layout = statsLayout(rows, channels, MALA_SUMS_PER_COLUMN);
  const slot = allocate(gpu, [layout.lanes, layout.width]);
  const reduced = allocate(gpu, [1, layout.paddedGroups, layout.width]);
  try {
    const buffers = [x, y!, slot, reduced].map((t) => webgpuTensorBuffer(gpu, t.dataId));
    submitWebgpuQueue(gpu); // the proposal and X's sums first
    const encoder = gpu.device.createCommandEncoder();
    const made = encodeMalaSums(stepDevice(gpu), encoder, {
      graph: stepGraph(gpu, plan),
      channels,
      x: buffers[0]!,
      y: buffers[1]!,
      h,
      scale: 2 * J,
      sums: layout,
      slot: buffers[2]!,
      reduced: buffers[3]!,
    });
    gpu.device.queue.submit([encoder.finish()]);
    for (const buffer of made) buffer.destroy();
  } catch (error) {
    gpu.disposeData(y!.dataId);
    gpu.disposeData(sumsX!.dataId);
    gpu.disposeData(reduced.dataId);
    throw error;
  } finally {
    gpu.disposeData(slot.dataId);
  }
  const sumsY = axisSums(gpu, [reduced], [1, layout.paddedGroups, layout.width]);
  gpu.disposeData(reduced.dataId);
  const numbers = gpu.runWebGPUProgram(new DecideProgram(channels, chains), [sumsX!, sumsY], "float32", [
    { type: "float32", data: [h] },
    { type: "float32", data: [T] },
    { type: "float32", data: [J] },
    { type: "uint32", data: [attrs.acceptKey0 >>> 0] },
    { type: "uint32", data: [attrs.acceptKey1 >>> 0] },
  ]);
  gpu.disposeData(sumsX!.dataId);
  gpu.disposeData(sumsY.dataId);
  // X over Y where rejected, block by block under the binding limit (the decision first: tfjs's queue is submitted).
  const [xBuffer, yBuffer, decision] = [x, y!, numbers].map((t) => webgpuTensorBuffer(gpu, t.dataId));
  submitWebgpuQueue(gpu);
  const encoder = gpu.device.createCommandEncoder();
  const made = encodeKeep(stepDevice(gpu), encoder, { rows, channels, chains, x: xBuffer!, out: yBuffer!, decision: decision! });
  gpu.device.queue.submit([encoder.finish()]);
  made.destroy();
  return [y!, numbers];
}

export const malaStepWebgpuConfig: KernelConfig = {
  kernelName: MALA_STEP,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) =>
    malaStep(
      webgpuInternals(backend),
      (inputs as { x: TensorInfo }).x,
      attrs as unknown as MalaStepAttrs & { plan: WirePlan },
    )) as KernelFunc,
};
