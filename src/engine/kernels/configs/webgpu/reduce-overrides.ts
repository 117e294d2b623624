/**
 * tfjs's `Sum` and `Mean` of a float32 2-D tensor over one axis (`tf.mean(x, 0)`, `tf.sum(x, 1)`) on the WebGPU
 * backend, by the barrier-free sums (reduce-program.ts); every other case goes to the stock config saved at install.
 *
 * Why these cases and an override: they are the ones measured slow under SwiftShader (x = [40000, 8] float32:
 * `tf.sum(x, 0)` 1.3 s, `tf.mean(x, 0, true)` 1.9 s, `tf.sum(x, 1)` 2.2 s, while a full `tf.sum(x)` took 10 ms, the
 * [1, N]·[N, 8] product batched chains sum with 11 ms, and an int32 sum of [4, 3, 4096] over its last axis 8 ms), and
 * they are reached through tfjs ops from code that runs on every backend (the composite consensus error, analysis,
 * the generic samplers): an override keeps those callers unchanged. The numbers differ from stock's only in the
 * summation order (float32 either way; within γ_(n−1)·Σ|x| of the exact sum).
 */
import * as tf from "@tensorflow/tfjs";
import { webgpuInternals } from "../../tfjs/private-hooks";
import { axisSums } from "./reduce-program";

const stock = new Map<string, tf.KernelConfig>();

function axisReduceConfig(kernelName: "Sum" | "Mean"): tf.KernelConfig {
  return {
    kernelName,
    backendName: "webgpu",
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
      const axes = x.shape.length === 2 ? tf.util.parseAxisParam(axis, x.shape) : [];
      if (x.dtype !== "float32" || axes.length !== 1 || x.shape[0] === 0 || x.shape[1] === 0) {
        return stock.get(kernelName)!.kernelFunc(args);
      }
      const [R, C] = x.shape as [number, number];
      const view: [number, number, number] = axes[0] === 0 ? [1, R, C] : [R, C, 1];
      const divisor = kernelName === "Mean" ? view[1] : 1;
      const out = axisSums(webgpuInternals(args.backend), [x], view, { divisor });
      const shape = axes[0] === 0 ? (keepDims ? [1, C] : [C]) : keepDims ? [R, 1] : [R];
      return { ...out, shape };
    },
  };
}

const CONFIGS = [axisReduceConfig("Sum"), axisReduceConfig("Mean")];

/** Install the replacements on the webgpu backend of this thread's tfjs (the WebGPU worker's; idempotent). */
export function installWebgpuReduceOverrides(): void {
  for (const config of CONFIGS) {
    const current = tf.getKernel(config.kernelName, "webgpu");
    if (current === undefined || current.kernelFunc === config.kernelFunc) continue;
    stock.set(config.kernelName, current);
    tf.unregisterKernel(config.kernelName, "webgpu");
    tf.registerKernel({ ...config, setupFunc: current.setupFunc, disposeFunc: current.disposeFunc });
  }
}
