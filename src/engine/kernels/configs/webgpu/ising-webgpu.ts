/**
 * The Ising checkerboard sweeps on tfjs's WebGPU backend, both kernels on the one encoder of ising-stepper.ts (the
 * sweeps and their counts in the same passes, summed without a workgroup barrier, in int32: exact):
 *
 * - `EmtdIsingSteps` (webgpu only): K sweeps of R lattices, sweep t under its own key and β row, and every sweep's
 *   counts [K, R, 3] (flips, H, M) for the run loop to read once per block of sweeps;
 * - `EmtdIsingSweep`: `sweeps` sweeps under one key (sweep t at counter word t), the counts [R, 3] or [3] after the
 *   last (flips over all of them).
 *
 * Their uniforms are Philox's, at their own counters, not the CPU kernel's block streams: the two agree in law, not bit for bit (the
 * composite reference, ops/ising-sweep, reproduces the CPU kernel only).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { ISING_STEPS, ISING_SWEEP, type IsingAttrs, type IsingStepsAttrs } from "../ising-kernel";
import { allocate, stepDevice } from "./fused-webgpu";
import { betaTable, checkIsingBinding, encodeIsingSweeps, ISING_COUNTS, isingLayout, type IsingSweepCall } from "./ising-stepper";
import { submitWebgpuQueue, type WebGpuBackendInternals, webgpuInternals, webgpuTensorBuffer } from "../../tfjs/private-hooks";

/** The spins after `sweeps` and the counts (module comment); caller owns both. */
function isingSweeps(
  gpu: WebGpuBackendInternals,
  spins: TensorInfo,
  o: { side: number; replicas: number; sweeps: readonly IsingSweepCall[]; totals: boolean; countsShape: number[] },
): TensorInfo[] {
  const device = stepDevice(gpu);
  const { side, replicas: R, sweeps } = o;
  checkIsingBinding(device, spins.shape, side * side * R * 4);
  const layout = isingLayout(side, R);
  const table = betaTable(sweeps);
  const out = allocate(gpu, spins.shape.slice());
  const counts = gpu.makeTensorInfo(o.countsShape, "int32");
  const slot = allocate(gpu, [layout.lanes * layout.width]);
  const reduced = allocate(gpu, [sweeps.length * layout.groups * layout.width]);
  // The β rows: a few numbers per call, uploaded (and counted) as a tensor.
  const betas = gpu.makeTensorInfo([table.rows.length], "float32", table.rows);
  try {
    const [input, output, slotBuffer, reducedBuffer, countsBuffer, betaBuffer] = [spins, out, slot, reduced, counts, betas].map((t) =>
      webgpuTensorBuffer(gpu, t.dataId),
    );
    // What tfjs recorded before (the kernels that made the spins) runs first.
    submitWebgpuQueue(gpu);
    const encoder = gpu.device.createCommandEncoder();
    const params = encodeIsingSweeps(device, encoder, {
      side,
      replicas: R,
      sweeps,
      input: input!,
      output: output!,
      slot: slotBuffer!,
      reduced: reducedBuffer!,
      counts: countsBuffer!,
      betas: betaBuffer!,
      betaRows: table.index,
      totals: o.totals,
    });
    gpu.device.queue.submit([encoder.finish()]);
    params.destroy();
  } catch (error) {
    gpu.disposeData(out.dataId);
    gpu.disposeData(counts.dataId);
    throw error;
  } finally {
    for (const t of [slot, reduced, betas]) gpu.disposeData(t.dataId);
  }
  return [out, counts];
}

/** `EmtdIsingSteps`: spins [N, R] (N = side²) → [spins, counts [K, R, 3]]. */
export const isingStepsWebgpuConfig: KernelConfig = {
  kernelName: ISING_STEPS,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { side, replicas, sweeps } = attrs as unknown as IsingStepsAttrs;
    const calls = sweeps.map((s) => ({ key0: s.key0, key1: s.key1, word: 0, betas: s.betas }));
    return isingSweeps(webgpuInternals(backend), inputs.spins!, {
      side,
      replicas,
      sweeps: calls,
      totals: false,
      countsShape: [sweeps.length, replicas, ISING_COUNTS],
    });
  }) as KernelFunc,
};

/** `EmtdIsingSweep`: spins [L, L] or [L, L, R] → [spins, counts [3] or [R, 3]]. */
export const isingSweepWebgpuConfig: KernelConfig = {
  kernelName: ISING_SWEEP,
  backendName: "webgpu",
  kernelFunc: (({ inputs, backend, attrs }) => {
    const spins = inputs.spins!;
    const a = attrs as unknown as IsingAttrs;
    const replicated = spins.shape.length === 3;
    const R = replicated ? spins.shape[2]! : 1;
    const betas = replicated ? a.betas! : [a.beta];
    const sweeps = Array.from({ length: a.sweeps }, (_, t) => ({ key0: a.key0, key1: a.key1, word: t, betas }));
    return isingSweeps(webgpuInternals(backend), spins, {
      side: spins.shape[0]!,
      replicas: R,
      sweeps,
      totals: true,
      countsShape: replicated ? [R, ISING_COUNTS] : [ISING_COUNTS],
    });
  }) as KernelFunc,
};
