/**
 * Faster cases of two stock tfjs-cpu kernels that large fields meet on the cpu backend (where `emtd sample` runs
 * fields past tfjs-wasm's heap), behind tfjs's kernel registry: every other case goes to the stock config saved at
 * install time, and the results are the stock ones bit for bit.
 *
 * - `Transpose` of a 2-D tensor (perm [1, 0]): stock computes each element's coordinates through index arrays
 *   allocated per element (≈ 50 ns an element: 10 s for [10⁸, 2]); `tf.mean(x, 0)` transposes first. Here a copy
 *   loop (a permutation: the same values).
 * - `Sum` and `Mean` of a float32 2-D tensor over axis 0 (`tf.mean(x, 0)`, the consensus error of every trace
 *   record): stock transposes first, by the same slow path (not through the registry). Here the column sums in
 *   stock's order and arithmetic: Σ_r in double, rounded once (Mean: of the float32 quotients x / N, as stock
 *   divides first).
 * - `Add`, `Sub`, `Multiply`, `RealDiv` of float32 [R, C] with a row [1, C] (or [C]), either side: stock's broadcast
 *   path does the same per-element index work; here out[i] = a[i] ∘ b[i mod C] with stock's own JavaScript operation,
 *   stored into a Float32Array as stock does (the same rounding).
 */
import * as tf from "@tensorflow/tfjs";
import { cpuInternals } from "./private-hooks";

type Values = Float32Array | Int32Array | Uint8Array;

const stock = new Map<string, tf.KernelConfig>();

const OPS: Record<string, (a: number, b: number) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Multiply: (a, b) => a * b,
  RealDiv: (a, b) => a / b,
};

const transposeConfig: tf.KernelConfig = {
  kernelName: "Transpose",
  backendName: "cpu",
  kernelFunc: (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const perm = (args.attrs as { perm: number[] }).perm;
    if (x.shape.length !== 2 || perm[0] !== 1 || perm[1] !== 0 || (x.dtype !== "float32" && x.dtype !== "int32" && x.dtype !== "bool")) {
      return stock.get("Transpose")!.kernelFunc(args);
    }
    const cpu = cpuInternals(args.backend);
    const values = cpu.data.get(x.dataId).values;
    const [R, C] = x.shape as [number, number];
    const out = new (values.constructor as new (n: number) => Values)(R * C);
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) out[c * R + r] = values[r * C + c]!;
    return cpu.makeTensorInfo([C, R], x.dtype, out);
  },
};

/** Sum or Mean over axis 0 of a float32 [R, C] (see the module comment); stock for every other case. */
function columnReduceConfig(kernelName: "Sum" | "Mean"): tf.KernelConfig {
  return {
    kernelName,
    backendName: "cpu",
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
      const axes = x.shape.length === 2 ? tf.util.parseAxisParam(axis, x.shape) : [];
      if (x.dtype !== "float32" || axes.length !== 1 || axes[0] !== 0) return stock.get(kernelName)!.kernelFunc(args);
      const cpu = cpuInternals(args.backend);
      const values = cpu.data.get(x.dataId).values;
      const [R, C] = x.shape as [number, number];
      const n = Math.fround(R);
      const out = new Float32Array(C);
      for (let c = 0; c < C; c++) {
        let sum = 0;
        if (kernelName === "Mean") for (let r = 0; r < R; r++) sum += Math.fround(values[r * C + c]! / n);
        else for (let r = 0; r < R; r++) sum += values[r * C + c]!;
        out[c] = sum;
      }
      return cpu.makeTensorInfo(keepDims ? [1, C] : [C], "float32", out);
    },
  };
}

/** [R, C] with a row: the shape of the row side ([1, C] or [C]) and of the other; null when the case is not this. */
function rowsWithRow(a: readonly number[], b: readonly number[]): boolean {
  const row = (s: readonly number[], c: number) => (s.length === 2 && s[0] === 1 && s[1] === c) || (s.length === 1 && s[0] === c);
  return a.length === 2 && row(b, a[1]!) && a[0]! > 1;
}

function binaryConfig(kernelName: string): tf.KernelConfig {
  const op = OPS[kernelName]!;
  return {
    kernelName,
    backendName: "cpu",
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const rowsLeft = rowsWithRow(a.shape, b.shape);
      if (a.dtype !== "float32" || b.dtype !== "float32" || (!rowsLeft && !rowsWithRow(b.shape, a.shape))) {
        return stock.get(kernelName)!.kernelFunc(args);
      }
      const cpu = cpuInternals(args.backend);
      const av = cpu.data.get(a.dataId).values;
      const bv = cpu.data.get(b.dataId).values;
      const [rows, row] = rowsLeft ? [av, bv] : [bv, av];
      const C = row.length;
      const out = new Float32Array(rows.length);
      if (rowsLeft) for (let i = 0; i < out.length; i++) out[i] = op(rows[i]!, row[i % C]!);
      else for (let i = 0; i < out.length; i++) out[i] = op(row[i % C]!, rows[i]!);
      return cpu.makeTensorInfo((rowsLeft ? a : b).shape.slice(), "float32", out);
    },
  };
}

const CONFIGS = [transposeConfig, columnReduceConfig("Sum"), columnReduceConfig("Mean"), ...Object.keys(OPS).map(binaryConfig)];

/** Install the replacements on the cpu backend (idempotent; stock configs saved for {@link removeCpuOverrides}). */
export function installCpuOverrides(): void {
  for (const config of CONFIGS) {
    const current = tf.getKernel(config.kernelName, "cpu");
    if (current === undefined || current.kernelFunc === config.kernelFunc) continue;
    stock.set(config.kernelName, current);
    tf.unregisterKernel(config.kernelName, "cpu");
    tf.registerKernel({ ...config, setupFunc: current.setupFunc, disposeFunc: current.disposeFunc });
  }
}

/** Restore the stock configs (tests compare both). */
export function removeCpuOverrides(): void {
  for (const config of CONFIGS) {
    const saved = stock.get(config.kernelName);
    if (!saved || tf.getKernel(config.kernelName, "cpu")?.kernelFunc !== config.kernelFunc) continue;
    tf.unregisterKernel(config.kernelName, "cpu");
    tf.registerKernel(saved);
  }
}
